// The timeline document in memory: entries, entities, relations, as the interchange
// contract (docs/interchange-v1.md section 1) defines them.
#pragma once

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "uchronia/date.hpp"

namespace uch {

/// A finding the writer has accepted, stored on the item it is about.
struct Acknowledgement {
  std::string rule;
  std::string reason;
  bool operator==(const Acknowledgement&) const = default;
};

struct Series {
  std::string name;
  std::int64_t number = 0;
  bool operator==(const Series&) const = default;
};

/// Unknown JSON fields of an object, kept as compact JSON object text ("" when none),
/// so that import then export preserves them (spec: "preserved where possible").
using ExtraFields = std::string;

struct Entry {
  std::string id;
  std::string date;                      // EDTF text as written; "" = undated draft
  std::string title;
  std::string body;                      // CommonMark with [[links]]
  std::vector<std::string> tags;
  std::string otl;                       // what happened in our timeline
  std::string notes;
  Calendar calendar = Calendar::Gregorian;
  std::optional<Series> series;
  std::vector<Acknowledgement> acknowledged;
  std::string branch;                    // docs/branches.md: "" = the main branch
  ExtraFields extra;
  bool operator==(const Entry&) const = default;
};

enum class EntityKind { Person, Organisation, Place, Other };

/// One key of an entity's `in_branches` (docs/branches.md): the fields it overrides in that
/// branch and its descendants, as compact JSON object text with sorted keys (any field but `id`).
struct EntityOverride {
  std::string branch;
  std::string fields;
  bool operator==(const EntityOverride&) const = default;
};
const char* to_string(EntityKind kind);
std::optional<EntityKind> entity_kind_from_string(std::string_view text);

struct Entity {
  std::string id;
  std::string name;
  EntityKind kind = EntityKind::Other;
  std::vector<std::string> aliases;
  std::string start;                     // EDTF, "" when unknown
  std::string end;
  std::string notes;
  Calendar calendar = Calendar::Gregorian;
  std::vector<Acknowledgement> acknowledged;
  std::vector<EntityOverride> in_branches;  // sorted by branch id
  ExtraFields extra;
  bool operator==(const Entity&) const = default;
};

enum class RelationType { Before, After, Causes, Ends, During };
const char* to_string(RelationType type);
std::optional<RelationType> relation_type_from_string(std::string_view text);

struct Relation {
  std::string from;
  RelationType type = RelationType::Before;
  std::string to;
  ExtraFields extra;
  bool operator==(const Relation&) const = default;
};

/// A branch (docs/branches.md): an alternate timeline forking from its parent at `diverges`.
struct Branch {
  std::string id;
  std::string name;
  std::string parent;                    // "" for the main branch
  std::string diverges;                  // EDTF; "" when missing
  std::string point;                     // the entry that is the point of divergence, "" when none
  std::vector<std::string> keeps;        // parent entries inherited although not certainly before `diverges`
  std::vector<std::string> drops;        // parent entries not inherited
  ExtraFields extra;
  bool operator==(const Branch&) const = default;
};

struct Document {
  std::string title;
  std::string description;
  std::vector<Branch> branches;          // empty: one implicit main branch
  std::string main_branch;
  std::vector<Entity> entities;
  std::vector<Entry> entries;
  std::vector<Relation> relations;
  ExtraFields extra;                     // unknown top-level fields
  bool operator==(const Document&) const = default;
};

/// `[A-Za-z0-9._-]{1,128}`
bool is_valid_id(std::string_view id);

/// Tags and aliases as a writer types them on one line: split at commas, each trimmed of spaces
/// and tabs, empty and repeated items dropped. Every front end reads a typed list with this.
std::vector<std::string> split_list(std::string_view text);
/// The list as it is shown for editing ("a, b, c"); split_list reads it back unchanged.
std::string join_list(const std::vector<std::string>& items);

/// Sort in place as export writes them: entries chronologically (lower bound, upper
/// bound, id; undated last), entities by id, relations by (from, type, to), branches by id.
void sort_for_export(Document& doc);

/// An entry's place in sort_for_export's order, for code that must produce or check that
/// order without a Document (the store's streamed export): dated entries by (lower, upper),
/// then undated or unreadable dates, each by id.
struct EntryExportKey {
  bool undated = true;
  DateSortKey date;
  std::string id;
  void set(const Entry& entry);  // reuses `id`'s capacity
  bool operator<(const EntryExportKey& other) const;
};
/// sort_for_export's relation order: (from, type name, to).
bool relation_export_less(const Relation& a, const Relation& b);

/// Any user-facing failure of a core call: the message says what and where, in one line.
struct Error : std::runtime_error {
  using std::runtime_error::runtime_error;
};

}  // namespace uch
