// The document model: names of kinds and relation types, id syntax, and the export order.
#include "uchronia/model.hpp"

#include <algorithm>
#include <cstring>

namespace uch {

const char* to_string(EntityKind kind) {
  switch (kind) {
    case EntityKind::Person: return "person";
    case EntityKind::Organisation: return "organisation";
    case EntityKind::Place: return "place";
    case EntityKind::Other: return "other";
  }
  return "other";
}

std::optional<EntityKind> entity_kind_from_string(std::string_view text) {
  for (EntityKind kind : {EntityKind::Person, EntityKind::Organisation, EntityKind::Place, EntityKind::Other}) {
    if (text == to_string(kind)) return kind;
  }
  return std::nullopt;
}

const char* to_string(RelationType type) {
  switch (type) {
    case RelationType::Before: return "before";
    case RelationType::After: return "after";
    case RelationType::Causes: return "causes";
    case RelationType::Ends: return "ends";
    case RelationType::During: return "during";
  }
  return "before";
}

std::optional<RelationType> relation_type_from_string(std::string_view text) {
  for (RelationType type : {RelationType::Before, RelationType::After, RelationType::Causes,
                            RelationType::Ends, RelationType::During}) {
    if (text == to_string(type)) return type;
  }
  return std::nullopt;
}

bool is_valid_id(std::string_view id) {
  if (id.empty() || id.size() > 128) return false;
  return std::all_of(id.begin(), id.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
           c == '_' || c == '-';
  });
}

void EntryExportKey::set(const Entry& entry) {
  undated = true;
  if (!entry.date.empty()) {
    const DateInfo info = parse_edtf(entry.date, entry.calendar);
    if (info.valid) {
      date = sort_key(info);
      undated = false;
    }
  }
  id = entry.id;
}

bool EntryExportKey::operator<(const EntryExportKey& other) const {
  if (undated != other.undated) return !undated;
  if (!undated) {
    if (date.lower != other.date.lower) return date.lower < other.date.lower;
    if (date.upper != other.date.upper) return date.upper < other.date.upper;
  }
  return id < other.id;
}

bool relation_export_less(const Relation& a, const Relation& b) {
  // The type compares by its written name, so that any tool can reproduce the order from the file alone.
  if (a.from != b.from) return a.from < b.from;
  if (a.type != b.type) return std::strcmp(to_string(a.type), to_string(b.type)) < 0;
  return a.to < b.to;
}

void sort_for_export(Document& doc) {
  // Keys are computed once (parsing a date in the comparator would parse it O(n log n) times).
  std::vector<std::pair<EntryExportKey, std::size_t>> keyed(doc.entries.size());
  for (std::size_t i = 0; i < doc.entries.size(); ++i) {
    keyed[i].first.set(doc.entries[i]);
    keyed[i].second = i;
  }
  std::stable_sort(keyed.begin(), keyed.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  std::vector<Entry> entries;
  entries.reserve(doc.entries.size());
  for (const auto& k : keyed) entries.push_back(std::move(doc.entries[k.second]));
  doc.entries = std::move(entries);

  std::stable_sort(doc.entities.begin(), doc.entities.end(),
                   [](const Entity& a, const Entity& b) { return a.id < b.id; });
  std::stable_sort(doc.relations.begin(), doc.relations.end(), relation_export_less);
  std::stable_sort(doc.branches.begin(), doc.branches.end(),
                   [](const Branch& a, const Branch& b) { return a.id < b.id; });
}

}  // namespace uch
