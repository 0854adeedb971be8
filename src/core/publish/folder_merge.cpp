// Three-way merge of one file of the folder format, field by field (folder-format.md, "Merging").
// A field is a top-level key of an item: a change on one side wins, the same change on both is
// one change, and different changes on both keep ours and record both under kFolderConflictsKey.
// An item is never lost silently: deleted on one side and changed on the other, it is kept as
// changed, and two different items added under one id are recorded as a conflict, never blended.
#include <map>
#include <tuple>

#include "publish/folder_internal.hpp"
#include "uchronia/interchange.hpp"

namespace uch {
namespace {

using folder::ojson;
using Side = std::optional<ojson>;

struct ItemMerge {
  Side value;                         // nullopt: the item is deleted
  ojson conflicts = ojson::array();   // records, folder-format.md "Conflicts"
};

ojson record(const char* what, std::string_view name, const Side& base, const Side& ours, const Side& theirs) {
  ojson r = ojson::object();
  if (name.empty()) r[what] = true;
  else r[what] = name;
  if (base) r["base"] = *base;
  if (ours) r["ours"] = *ours;
  if (theirs) r["theirs"] = *theirs;
  return r;
}

Side field(const Side& item, const std::string& key) {
  if (!item) return std::nullopt;
  const auto it = item->find(key);
  return it == item->end() ? Side() : Side(*it);
}

/// The three-way rule for one value: one side's change wins; both changed alike, that; both
/// changed differently, nullopt (a conflict).
std::optional<Side> merge_value(const Side& base, const Side& ours, const Side& theirs) {
  if (ours == theirs) return ours;
  if (ours == base) return theirs;
  if (theirs == base) return ours;
  return std::nullopt;
}

ItemMerge merge_item(const Side& base, const Side& ours, const Side& theirs) {
  ItemMerge m;
  if (!ours || !theirs || !base) {
    // Added, deleted, or both: whole items, never blended field by field.
    if (const auto same = merge_value(base, ours, theirs)) {
      m.value = *same;
      return m;
    }
    m.value = ours ? ours : theirs;  // deleted on one side, changed on the other: kept as changed
    m.conflicts.push_back(record("item", "", base, ours, theirs));
    return m;
  }
  std::vector<std::string> keys;
  for (const Side* side : {&ours, &theirs, &base})
    for (const auto& [key, value] : (*side)->items())
      if (std::find(keys.begin(), keys.end(), key) == keys.end()) keys.push_back(key);
  ojson merged = ojson::object();
  for (const std::string& key : keys) {
    const Side b = field(base, key), o = field(ours, key), t = field(theirs, key);
    std::optional<Side> value = merge_value(b, o, t);
    if (!value) {
      m.conflicts.push_back(record("field", key, b, o, t));
      value = o;  // ours stays in place until the conflict is settled
    }
    if (*value) merged[key] = **value;
  }
  m.value = std::move(merged);
  return m;
}

Side parse_side(const std::optional<std::string>& text, const char* name) {
  if (!text) return std::nullopt;
  ojson value = folder::parse_file(*text, name);
  if (folder::has_conflicts(value))
    throw ImportError(std::string(name) + ": holds an unresolved merge conflict (\"" +
                      std::string(kFolderConflictsKey) + "\"); settle it first");
  return value;
}

/// A side as the interchange writes it: checked, and comparable field by field with the others.
Side canonical_side(FolderFileKind kind, const Side& side, const char* name) {
  if (!side) return std::nullopt;
  try {
    return folder::canonical(kind, *side);
  } catch (const ImportError& e) {
    throw ImportError(std::string(name) + ": " + e.what());
  }
}

using RelationKey = std::tuple<std::string, std::string, std::string>;

RelationKey key_of(const ojson& relation) {
  return {relation.at("from").get<std::string>(), relation.at("type").get<std::string>(), relation.at("to").get<std::string>()};
}

std::map<RelationKey, ojson> by_key(const Side& relations) {
  std::map<RelationKey, ojson> out;
  if (relations)
    for (const ojson& r : *relations) out.emplace(key_of(r), r);
  return out;
}

FolderMergeResult merge_relations(const Side& base_side, const Side& ours_side, const Side& theirs_side) {
  const auto base = by_key(base_side), ours = by_key(ours_side), theirs = by_key(theirs_side);
  std::map<RelationKey, bool> keys;
  for (const auto* side : {&base, &ours, &theirs})
    for (const auto& [key, value] : *side) keys[key] = true;
  const auto find = [](const std::map<RelationKey, ojson>& side, const RelationKey& key) {
    const auto it = side.find(key);
    return it == side.end() ? Side() : Side(it->second);
  };
  ojson merged = ojson::array();
  std::map<RelationKey, ojson> conflicts;
  for (const auto& [key, unused] : keys) {
    ItemMerge m = merge_item(find(base, key), find(ours, key), find(theirs, key));
    if (m.value) merged.push_back(std::move(*m.value));
    if (!m.conflicts.empty()) conflicts[key] = std::move(m.conflicts);
  }
  FolderMergeResult result;
  ojson out = folder::canonical(FolderFileKind::Relations, merged);
  for (ojson& r : out) {
    const auto it = conflicts.find(key_of(r));
    if (it == conflicts.end()) continue;
    result.conflicts += it->second.size();
    r[std::string(kFolderConflictsKey)] = it->second;
  }
  result.text = folder::file_text(out);
  return result;
}

}  // namespace

FolderFileKind folder_file_kind_of_text(std::string_view text) {
  ojson value;
  try {
    value = ojson::parse(text);
  } catch (const ojson::exception&) {
    return FolderFileKind::Entry;  // the merge then reports what is wrong with it
  }
  if (value.is_array()) return FolderFileKind::Relations;
  if (!value.is_object()) return FolderFileKind::Entry;
  if (value.contains("format")) return FolderFileKind::Timeline;
  if (value.contains("title")) return FolderFileKind::Entry;
  if (value.contains("kind")) return FolderFileKind::Entity;
  return FolderFileKind::Branch;
}

FolderMergeResult merge_folder_file(FolderFileKind kind, const std::optional<std::string>& base_text,
                                    const std::optional<std::string>& ours_text,
                                    const std::optional<std::string>& theirs_text) {
  const Side base = canonical_side(kind, parse_side(base_text, "base"), "base");
  const Side ours = canonical_side(kind, parse_side(ours_text, "ours"), "ours");
  const Side theirs = canonical_side(kind, parse_side(theirs_text, "theirs"), "theirs");
  if (kind == FolderFileKind::Relations) return merge_relations(base, ours, theirs);

  ItemMerge m = merge_item(base, ours, theirs);
  FolderMergeResult result;
  if (!m.value) return result;  // deleted
  ojson out = folder::canonical(kind, *m.value);
  if (!m.conflicts.empty()) {
    result.conflicts = m.conflicts.size();
    out[std::string(kFolderConflictsKey)] = std::move(m.conflicts);
  }
  result.text = folder::file_text(out);
  return result;
}

}  // namespace uch
