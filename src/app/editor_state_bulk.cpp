// Changes to several entries at once, and copies of entries (clipboard, duplicate): each one
// revision. The rules (JSON form, ids of copies, tag edits) are the core's (entry_transfer.hpp).
#include <unordered_set>

#include "editor_state.hpp"
#include "uchronia/entry_transfer.hpp"
#include "uchronia/interchange.hpp"

namespace uch::app {
namespace {

std::string count_of(std::size_t n, const char* one, const char* many) {
  return std::to_string(n) + " " + (n == 1 ? one : many);
}

}  // namespace

bool EditorState::tag_entries(const std::vector<std::string>& ids, const std::string& tag, bool add) {
  if (!guard_writable()) return false;
  if (tag.find_first_not_of(" \t") == std::string::npos) {
    set_status("Type a tag first");
    return false;
  }
  Edit edit;
  std::size_t changed = 0;
  for (const std::string& id : ids) {
    const Entry* e = entry(id);
    if (!e) continue;
    Entry next = *e;
    if (add ? add_tag(next, tag) : remove_tag(next, tag)) {
      edit.put_entry(std::move(next), version_of(id));
      ++changed;
    }
  }
  if (changed == 0) {
    set_status(add ? "Every selected entry already has that tag" : "No selected entry has that tag");
    return false;
  }
  edit.summary((add ? "Tagged " : "Untagged ") + count_of(changed, "entry", "entries") + " \"" + tag + "\"");
  return commit(edit).has_value();
}

bool EditorState::delete_entries(const std::vector<std::string>& ids) {
  if (!guard_writable()) return false;
  Edit edit;
  std::unordered_set<std::string> gone;
  for (const std::string& id : ids)
    if (entry(id) && gone.insert(id).second) edit.remove_item(id, version_of(id));
  if (gone.empty()) return false;
  std::size_t relations = 0;
  for (const Relation& r : doc_.relations)
    if (gone.count(r.from) || gone.count(r.to)) edit.remove_relation(r), ++relations;
  std::string summary = "Deleted " + count_of(gone.size(), "entry", "entries");
  if (relations) summary += " and " + count_of(relations, "relation", "relations");
  // the selection moves to the first row after the deleted ones that stays
  std::string next;
  if (auto i = row_index(selected_)) {
    for (std::size_t k = *i; k < rows_.size() && next.empty(); ++k)
      if (!gone.count(rows_[k].id)) next = rows_[k].id;
    for (std::size_t k = *i; k-- > 0 && next.empty();)
      if (!gone.count(rows_[k].id)) next = rows_[k].id;
  }
  if (!commit(edit.summary(summary))) return false;
  if (gone.count(selected_)) select(next);
  return true;
}

std::string EditorState::entries_json(const std::vector<std::string>& ids) const {
  std::vector<Entry> entries;
  for (const std::string& id : ids)
    if (const Entry* e = entry(id)) entries.push_back(*e);
  return entries.empty() ? std::string() : entries_to_interchange_json(entries);
}

std::vector<std::string> EditorState::add_copies(std::vector<Entry> entries, const std::string& verb) {
  std::unordered_set<std::string> taken;
  for (auto& [id, seq] : store_->deleted_items()) taken.insert(id);   // a deleted item may be restored
  const auto is_taken = [&](const std::string& id) { return entry(id) || entity(id) || taken.count(id) > 0; };
  const std::string what = entries.size() == 1 ? "\"" + entries.front().title + "\""
                                              : count_of(entries.size(), "entry", "entries");
  Edit edit;
  std::vector<std::string> ids;
  for (Entry& e : entries) {
    e.id = unique_item_id(e.id, is_taken);
    taken.insert(e.id);
    ids.push_back(e.id);
    edit.put_entry(std::move(e));
  }
  edit.summary(verb + " " + what);
  if (!commit(edit)) return {};
  select(ids.front());
  return ids;
}

std::vector<std::string> EditorState::paste_entries(std::string_view json) {
  if (!guard_writable()) return {};
  std::vector<Entry> entries;
  try {
    entries = entries_from_interchange_json(json);
  } catch (const std::exception& e) {
    set_status(std::string("Nothing pasted: the clipboard holds no entry as interchange JSON (") + e.what() + ")");
    return {};
  }
  return add_copies(std::move(entries), "Pasted");
}

std::vector<std::string> EditorState::duplicate_entries(const std::vector<std::string>& ids) {
  if (!guard_writable()) return {};
  std::vector<Entry> entries;
  for (const std::string& id : ids)
    if (const Entry* e = entry(id)) entries.push_back(*e);
  if (entries.empty()) return {};
  return add_copies(std::move(entries), "Duplicated");
}

}  // namespace uch::app
