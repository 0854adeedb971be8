// Link suggestions: names in entries that could be [[links]] (one rule for the CLI's
// `suggest-links` and the editor's suggestion list). Nothing is applied without being asked.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "uchronia/model.hpp"

namespace uch {

struct LinkSuggestion {
  /// Known: the text names an existing entity (its name or an alias) without a link.
  /// NewEntity: a capitalised name recurring in two entries or more that names nothing yet.
  enum class Kind { Known, NewEntity } kind = Kind::Known;
  std::string name;       // as it appears in the text ("Joseph Stalin")
  std::string entity_id;  // Known: the entity; NewEntity: the id the new entity would take
  EntityKind entity_kind = EntityKind::Other;  // NewEntity: a guess from the name's last word
  std::vector<std::string> entries;            // ids of the entries where it appears unlinked, in document order
  std::size_t occurrences = 0;                 // unlinked occurrences in those entries
};

/// Every suggestion for `doc`, known entities first, then new names, each group by name.
/// Bodies and otl notes are read; text inside [[links]] and `code` is not. Linear in the text.
/// A new name is a run of capitalised words (joined by "of", "de", "von"... inside) that appears
/// in two entries or more (a one-word name at least once not at the start of a sentence); a word that starts a
/// sentence is left out of a run when the text also has it in lower case or it is a function
/// word ("The", "After"), and a one-word name that the text has in lower case is not one.
std::vector<LinkSuggestion> suggest_links(const Document& doc);

/// What accepting suggestions changes: the entries with their first unlinked occurrence of each
/// accepted name linked ([[Name]], or [[id|Name]] when the name alone would not find the entity
/// alone), and the new entities. The caller commits both as ONE revision.
struct LinkChanges {
  std::vector<Entry> entries;    // changed entries, whole
  std::vector<Entity> entities;  // new entities
  std::size_t links = 0;         // links written
};
LinkChanges apply_link_suggestions(const Document& doc, const std::vector<LinkSuggestion>& accepted);

/// One line per suggestion: "link \"Lenin\" (new person lenin) in 3 entries (4 times): a, b, c".
std::string describe(const LinkSuggestion& suggestion);

}  // namespace uch
