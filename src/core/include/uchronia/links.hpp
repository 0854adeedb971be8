// [[links]] in Markdown text fields, and resolving their targets (spec section 3).
#pragma once

#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "uchronia/model.hpp"

namespace uch {

/// One `[[target]]` or `[[target|label]]` occurrence; offsets are bytes into the text.
struct Link {
  std::string target;   // trimmed, as written
  std::string label;    // the label, or the target when none
  std::size_t begin = 0;  // offset of "[["
  std::size_t end = 0;    // offset just past "]]"
};

/// Every link in a text, in order. Never throws; malformed brackets are plain text:
/// `[[]]`, an empty (after trimming) target, a newline before `]]`, no `]]`. When `[[`
/// repeats before `]]`, the last one opens the link (`[[[a]]` links `a`). The target ends
/// at the first `|`; target and label are trimmed; an empty label is the target. Linear time.
std::vector<Link> parse_links(std::string_view text);

/// Case folding for matching names: Unicode-aware for Latin, Greek and Cyrillic, trims spaces.
std::string fold_name(std::string_view text);

/// Which text field a link sits in (a link in `otl` never raises ref.outside-lifespan).
enum class LinkField { Body, Otl, Notes, Description };
const char* to_string(LinkField field);

/// Resolves link targets against a document: entity id, name, alias; entry id, title.
class LinkResolver {
 public:
  LinkResolver() = default;
  explicit LinkResolver(const Document& doc);
  /// Adding an id that is already known replaces that item's keys (an update).
  void add_entry(const Entry& entry);
  void add_entity(const Entity& entity);
  void remove_item(std::string_view id);  // forgets every key of that item
  /// Ids of every distinct item the target matches (0: dangling, >1: ambiguous), sorted.
  std::vector<std::string> resolve(std::string_view target) const;

 private:
  std::unordered_map<std::string, std::vector<std::string>> by_key_;   // folded key -> ids
  std::unordered_map<std::string, std::vector<std::string>> keys_of_;  // id -> folded keys
};

}  // namespace uch
