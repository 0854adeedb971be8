// The editor's application state: keeps the snapshot in step with each commit and external
// change (incrementally), feeds the checker, and turns core errors into modal messages.
#include "editor_state.hpp"

#include "uchronia/draft_order.hpp"

#include <algorithm>
#include <chrono>
#include <tuple>
#include <unordered_set>
#include <utility>

#include <spdlog/spdlog.h>

#include "uchronia/date.hpp"
#include "uchronia/rename.hpp"

namespace uch::app {
namespace {

// Past this many changed items, one full reload is cheaper than item-by-item updates.
constexpr std::size_t kIncrementalLimit = 200;

std::string relation_key(const Relation& r) {
  return r.from + '\x1f' + to_string(r.type) + '\x1f' + r.to;
}

bool row_before(const EntryRow& a, const EntryRow& b) {
  // dated first (dated=true sorts before false), then bounds, then id
  if (a.dated != b.dated) return a.dated;
  return std::tie(a.lower, a.upper, a.id) < std::tie(b.lower, b.upper, b.id);
}

EntryRow make_row(const Entry& e) {
  EntryRow r;
  r.id = e.id;
  r.date = e.date;
  r.title = e.title;
  r.tags = e.tags;
  r.calendar = e.calendar;
  r.draft_order = draft_order_of(e).value_or(0);
  if (!e.date.empty()) {
    DateInfo info = parse_edtf(e.date, e.calendar);
    if (info.valid) {
      DateSortKey key = sort_key(info);
      r.lower = key.lower;
      r.upper = key.upper;
      r.dated = key.dated;
    }
  }
  return r;
}


}  // namespace

EditorState::EditorState() : author_(default_author()) {}
EditorState::~EditorState() = default;

bool EditorState::read_only() const { return store_ && store_->read_only(); }

// --- snapshot -----------------------------------------------------------------

void EditorState::load_snapshot() {
  // What the first frame needs: a row per entry (no bodies), entities, relations. The checker needs
  // every entry: a document with a file has it built on another thread (checker_loader_), one in
  // memory (tests, new documents) at once.
  checker_loader_.stop();
  entry_cache_.clear();
  rows_ = store_->list_entries();
  doc_ = Document{};
  doc_.title = store_->title();
  doc_.description = store_->description();
  doc_.entities = store_->entities();
  std::sort(doc_.entities.begin(), doc_.entities.end(),
            [](const Entity& a, const Entity& b) { return a.id < b.id; });
  doc_.relations = store_->relations();
  auto newest = store_->revisions(1);
  last_seq_ = newest.empty() ? 0 : newest.front().seq;
  text_changes_ = TextChanges{true, true, {}, {}};
  changed_while_checking_.clear();
  const std::filesystem::path& file = store_->path();
  if (file.empty() || file == ":memory:") {
    checker_.load(store_->check_input());
    checking_ = false;
    text_changes_.code_points = store_->text_code_points();
  } else {
    checker_ = Checker();
    checking_ = true;
    checker_loader_.start(file);
  }
  rebuild_indexes();
  ++generation_;
  ++findings_generation_;
  if (!selected_.empty() && !has_entry(selected_) && !entity(selected_)) selected_.clear();
}

void EditorState::note_checker_change(const std::string& id) {
  if (checking_) changed_while_checking_.push_back(id);
}

void EditorState::adopt_checker(CheckerLoader::Result result) {
  checker_ = std::move(result.checker);
  checking_ = false;
  if (!result.error.empty()) report_error("Cannot check the whole document: " + result.error);
  // Tell it what changed since the build started: it read each entry once, at some moment.
  std::unordered_set<std::string> done;
  for (const std::string& id : changed_while_checking_) {
    if (!done.insert(id).second) continue;
    std::optional<Versioned<Entry>> e;
    if (has_entry(id)) e = store_->entry(id);
    if (const Entity* n = entity(id)) checker_.update_entity(id, n);
    else if (e) checker_.update_entry(id, &e->value);
    else checker_.update_entry(id, nullptr);   // gone: forgets it whatever it was
  }
  changed_while_checking_.clear();
  std::unordered_set<std::string> old_keys, new_keys;
  for (const Relation& r : result.relations) old_keys.insert(relation_key(r));
  for (const Relation& r : doc_.relations) new_keys.insert(relation_key(r));
  for (const Relation& r : result.relations)
    if (!new_keys.count(relation_key(r))) checker_.remove_relation(r);
  for (const Relation& r : doc_.relations)
    if (!old_keys.count(relation_key(r))) checker_.add_relation(r);
  checker_.update_description(doc_.description);
  text_changes_.code_points.insert(text_changes_.code_points.end(), result.code_points.begin(), result.code_points.end());
  ++findings_generation_;
}

Document EditorState::load_document() const {
  if (!store_) return doc_;
  return store_->load();
}

void EditorState::reload() {
  if (!store_) return;
  try {
    load_snapshot();
  } catch (const std::exception& e) {
    report_error(std::string("Cannot read the document: ") + e.what());
  }
}

void EditorState::rebuild_indexes() {
  entity_index_.clear();
  row_index_.clear();
  for (std::size_t i = 0; i < doc_.entities.size(); ++i) entity_index_[doc_.entities[i].id] = i;
  row_index_.reserve(rows_.size());
  for (std::size_t i = 0; i < rows_.size(); ++i) row_index_[rows_[i].id] = i;
}

std::optional<std::size_t> EditorState::row_index(const std::string& id) const {
  auto it = row_index_.find(id);
  if (it == row_index_.end()) return std::nullopt;
  return it->second;
}

const Entry* EditorState::entry(const std::string& id) const {
  if (!store_ || !has_entry(id)) return nullptr;
  if (auto it = entry_cache_.find(id); it != entry_cache_.end()) return &it->second;
  std::optional<Versioned<Entry>> e;
  try {
    e = store_->entry(id);
  } catch (const std::exception& ex) {
    spdlog::warn("cannot read entry {}: {}", id, ex.what());
    return nullptr;
  }
  if (!e) return nullptr;
  return &entry_cache_.emplace(id, std::move(e->value)).first->second;
}

const Entity* EditorState::entity(const std::string& id) const {
  auto it = entity_index_.find(id);
  return it == entity_index_.end() ? nullptr : &doc_.entities[it->second];
}

std::optional<std::int64_t> EditorState::version_of(const std::string& id) const {
  if (!store_) return std::nullopt;
  if (auto e = store_->entry(id)) return e->version;
  if (auto e = store_->entity(id)) return e->version;
  return std::nullopt;
}

std::string EditorState::label_of(const std::string& id) const {
  if (auto i = row_index(id)) return rows_[*i].title.empty() ? id : rows_[*i].title;
  if (const Entity* e = entity(id)) return e->name.empty() ? id : e->name;
  return id;
}

void EditorState::insert_row(const Entry& e) {
  EntryRow row = make_row(e);
  auto pos = std::lower_bound(rows_.begin(), rows_.end(), row, row_before);
  rows_.insert(pos, std::move(row));
}

void EditorState::erase_row(const std::string& id) {
  auto it = row_index_.find(id);
  if (it != row_index_.end() && it->second < rows_.size() && rows_[it->second].id == id) {
    rows_.erase(rows_.begin() + static_cast<std::ptrdiff_t>(it->second));
  } else {
    std::erase_if(rows_, [&](const EntryRow& r) { return r.id == id; });
  }
  row_index_.erase(id);
}

void EditorState::refresh_entry(const std::string& id) {
  auto now = store_->entry(id);
  const bool had = row_index_.count(id) > 0;
  erase_row(id);
  note_checker_change(id);
  if (now) {
    insert_row(now->value);
    row_index_[id] = rows_.size();   // known to exist; the positions are rebuilt after the batch
    if (auto c = entry_cache_.find(id); c != entry_cache_.end()) c->second = now->value;   // pointers stay valid
    checker_.update_entry(id, &now->value);
  } else {
    entry_cache_.erase(id);
    if (had) checker_.update_entry(id, nullptr);
  }
}

void EditorState::refresh_entity(const std::string& id) {
  auto now = store_->entity(id);
  note_checker_change(id);
  auto it = entity_index_.find(id);
  if (now) {
    if (it != entity_index_.end()) {
      doc_.entities[it->second] = now->value;
    } else {
      auto pos = std::lower_bound(doc_.entities.begin(), doc_.entities.end(), id,
                                  [](const Entity& e, const std::string& k) { return e.id < k; });
      doc_.entities.insert(pos, now->value);
    }
    checker_.update_entity(id, &now->value);
  } else if (it != entity_index_.end()) {
    doc_.entities.erase(doc_.entities.begin() + static_cast<std::ptrdiff_t>(it->second));
    checker_.update_entity(id, nullptr);
  }
  entity_index_.clear();
  for (std::size_t i = 0; i < doc_.entities.size(); ++i) entity_index_[doc_.entities[i].id] = i;
}

void EditorState::apply_result(const CommitResult& result) {
  if (result.seq == 0 && result.changed_items.empty() && !result.relations_changed && !result.meta_changed)
    return;
  last_seq_ = std::max(last_seq_, result.seq);
  if (result.changed_items.size() > kIncrementalLimit) {
    load_snapshot();
    return;
  }
  if (!text_changes_.everything) {
    text_changes_.meta = text_changes_.meta || result.meta_changed;
    text_changes_.items.insert(text_changes_.items.end(), result.changed_items.begin(), result.changed_items.end());
    // Nobody takes them (headless UI): past this many, "everything" keeps the list bounded.
    if (text_changes_.items.size() > 10000) text_changes_ = TextChanges{true, true, {}, std::move(text_changes_.code_points)};
  }
  for (const std::string& id : result.changed_items) {
    // An id names an entry or an entity; ask the store which one it is now.
    bool was_entity = entity_index_.count(id) > 0;
    if (was_entity || (!row_index_.count(id) && store_->entity(id))) {
      refresh_entity(id);
    } else {
      refresh_entry(id);
    }
  }
  if (result.relations_changed) {
    std::vector<Relation> now = store_->relations();
    std::unordered_set<std::string> old_keys, new_keys;
    for (const Relation& r : doc_.relations) old_keys.insert(relation_key(r));
    for (const Relation& r : now) new_keys.insert(relation_key(r));
    for (const Relation& r : doc_.relations)
      if (!new_keys.count(relation_key(r))) checker_.remove_relation(r);
    for (const Relation& r : now)
      if (!old_keys.count(relation_key(r))) checker_.add_relation(r);
    doc_.relations = std::move(now);
  }
  if (result.meta_changed) {
    doc_.title = store_->title();
    doc_.description = store_->description();
  }
  row_index_.clear();
  row_index_.reserve(rows_.size());
  for (std::size_t i = 0; i < rows_.size(); ++i) row_index_[rows_[i].id] = i;
  ++generation_;
  ++findings_generation_;
}

EditorState::TextChanges EditorState::take_text_changes() { return std::exchange(text_changes_, TextChanges{}); }

// --- findings -----------------------------------------------------------------

const std::vector<Finding>& EditorState::findings() {
  static const std::vector<Finding> kNone;
  if (checking_) return kNone;   // the checker is not the document's yet
  // asked every frame: go to the checker only after a change
  if (findings_for_ != findings_generation_) {
    findings_ = checker_.findings();
    findings_for_ = findings_generation_;
  }
  return findings_;
}

std::vector<Finding> EditorState::findings_for(const std::string& id) {
  if (checking_) return {};
  return checker_.findings_for(id);
}

void EditorState::rebuild_badges() {
  badges_.clear();
  for (const Finding& f : findings()) {
    if (f.acknowledged) continue;
    Badge& b = badges_[subject_of(f)];
    if (b.count == 0 || static_cast<int>(f.severity) < static_cast<int>(b.worst)) b.worst = f.severity;
    ++b.count;
  }
  badges_for_findings_ = findings_generation_;
}

const EditorState::Badge* EditorState::badge(const std::string& id) {
  if (badges_for_findings_ != findings_generation_) rebuild_badges();
  auto it = badges_.find(id);
  return it == badges_.end() ? nullptr : &it->second;
}

// --- selection ------------------------------------------------------------------

void EditorState::select(const std::string& id, bool reveal) {
  selected_ = id;
  if (reveal) {
    requests.scroll_to_selection = true;
    requests.frame_selection = true;
  }
}

// --- writing --------------------------------------------------------------------

bool EditorState::guard_writable() {
  if (!store_) {
    report_error("No document is open.");
    return false;
  }
  if (store_->read_only()) {
    report_error("This document is read-only: changes cannot be saved.");
    return false;
  }
  return true;
}

std::optional<CommitResult> EditorState::commit(const Edit& edit) {
  if (edit.empty() || !guard_writable()) return std::nullopt;
  try {
    CommitResult result = store_->commit(edit, author_);
    apply_result(result);
    if (result.seq != 0) status_ = "Saved: " + result.summary;
    return result;
  } catch (const ConflictError& e) {
    spdlog::warn("conflict: {}", e.what());
    report_error(std::string("Not saved: this item was changed elsewhere since you started editing.\n") +
                 e.what() + "\nThe view now shows the stored version.");
    reload();
  } catch (const std::exception& e) {
    spdlog::error("commit failed: {}", e.what());
    report_error(std::string("Not saved: ") + e.what());
  }
  return std::nullopt;
}

bool EditorState::undo() {
  if (!guard_writable() || !store_->can_undo()) return false;
  try {
    CommitResult r = store_->undo(author_);
    apply_result(r);
    status_ = "Undone: " + r.summary;
    return true;
  } catch (const std::exception& e) {
    report_error(std::string("Cannot undo: ") + e.what());
    return false;
  }
}

bool EditorState::redo() {
  if (!guard_writable() || !store_->can_redo()) return false;
  try {
    CommitResult r = store_->redo(author_);
    apply_result(r);
    status_ = "Redone: " + r.summary;
    return true;
  } catch (const std::exception& e) {
    report_error(std::string("Cannot redo: ") + e.what());
    return false;
  }
}

bool EditorState::can_undo() const { return store_ && !store_->read_only() && store_->can_undo(); }
bool EditorState::can_redo() const { return store_ && !store_->read_only() && store_->can_redo(); }

std::string EditorState::undo_label() const {
  if (!store_) return {};
  auto r = store_->next_undo();
  return r ? r->summary : std::string();
}

std::string EditorState::redo_label() const {
  if (!store_) return {};
  auto r = store_->next_redo();
  return r ? r->summary : std::string();
}

bool EditorState::restore(const std::string& id, std::int64_t seq) {
  if (!guard_writable()) return false;
  try {
    CommitResult r = store_->restore(id, seq, author_);
    apply_result(r);
    status_ = "Restored: " + r.summary;
    return true;
  } catch (const std::exception& e) {
    report_error(std::string("Cannot restore ") + id + ": " + e.what());
    return false;
  }
}

std::vector<Relation> EditorState::relations_naming(const std::string& id) const {
  std::vector<Relation> out;
  for (const Relation& r : doc_.relations)
    if (r.from == id || r.to == id) out.push_back(r);
  return out;
}

void EditorState::offer_link_rewrite(const std::string& id, const std::string& old_name, const std::string& new_name) {
  if (!store_) return;
  std::vector<std::string> items;
  try {
    items = link_rewrite(*store_, id, old_name, new_name).items;
  } catch (const std::exception& e) {
    report_error(e.what());
    return;
  }
  if (!items.empty()) requests.link_rewrite = {id, old_name, new_name, std::move(items)};
}

bool EditorState::rewrite_links(const std::string& id, const std::string& old_name, const std::string& new_name) {
  if (!store_) return false;
  try {
    const LinkRewrite rewrite = link_rewrite(*store_, id, old_name, new_name);
    return !rewrite.items.empty() && commit(rewrite.edit).has_value();
  } catch (const std::exception& e) {
    report_error(e.what());
    return false;
  }
}

void EditorState::request_delete(const std::string& id) {
  if (relations_naming(id).empty()) delete_item(id);
  else requests.confirm_delete = id;
}

bool EditorState::delete_item(const std::string& id, bool with_relations) {
  if (!has_entry(id) && !entity(id)) return false;
  std::string next;
  if (auto i = row_index(id)) {
    if (*i + 1 < rows_.size()) next = rows_[*i + 1].id;
    else if (*i > 0) next = rows_[*i - 1].id;
  }
  Edit edit;
  std::string summary = "Deleted " + label_of(id);
  if (with_relations) {
    const auto relations = relations_naming(id);
    for (const Relation& r : relations) edit.remove_relation(r);
    if (!relations.empty())
      summary += " and " + std::to_string(relations.size()) + " relation" + (relations.size() == 1 ? "" : "s");
  }
  edit.remove_item(id, version_of(id)).summary(summary);
  if (!commit(edit)) return false;
  if (selected_ == id) select(next);
  return true;
}

std::string EditorState::unique_id(const std::string& prefix) const {
  std::unordered_set<std::string> deleted;
  if (store_) {
    for (auto& [id, seq] : store_->deleted_items()) deleted.insert(id);
  }
  for (std::size_t n = rows_.size() + 1;; ++n) {
    std::string id = prefix + "-" + std::to_string(n);
    if (!has_entry(id) && !entity(id) && !deleted.count(id)) return id;
  }
}

std::optional<std::string> EditorState::new_entry_after(const std::string& after) {
  if (!guard_writable()) return std::nullopt;
  Entry e;
  e.id = unique_id("entry");
  e.title = "New entry";
  if (const Entry* prev = entry(after)) {
    e.date = prev->date;
    e.calendar = prev->calendar;
  }
  Edit edit;
  edit.put_entry(e).summary("Added a new entry");
  if (!commit(edit)) return std::nullopt;
  select(e.id);
  requests.focus_editor = true;
  return e.id;
}

void EditorState::poll_external() {
  if (!store_) return;
  if (entry_cache_.size() > 64) entry_cache_.clear();   // between frames: no panel holds a pointer now
  if (checking_)
    if (auto built = checker_loader_.take()) adopt_checker(std::move(*built));
  try {
    // Commits are kill-safe at once; a second after the last one, make them power-cut safe too.
    store_->sync(std::chrono::seconds(1));
    // data_version can change without a new revision (a read-only WAL file does so on every
    // read): after such a false alarm, look again at most every two seconds.
    if (store_->changed_externally()) external_pending_ = true;
    const auto now = std::chrono::steady_clock::now();
    if (!external_pending_ || now < quiet_until_) return;
    external_pending_ = false;
    // The revisions written since the last one seen name the items they touched: refresh
    // those only. Too many, or a gap: reload everything.
    constexpr int kWindow = 64;
    std::vector<Revision> recent = store_->revisions(kWindow);
    CommitResult merged;
    bool complete = false;
    std::unordered_set<std::string> items;
    std::int64_t newest = last_seq_;
    for (const Revision& r : recent) {   // newest first
      if (r.seq <= last_seq_) {
        complete = true;
        break;
      }
      newest = std::max(newest, r.seq);
      items.insert(r.items.begin(), r.items.end());
    }
    if (recent.size() < static_cast<std::size_t>(kWindow)) complete = true;
    if (newest == last_seq_ && complete) {   // no new revision: nothing to show
      quiet_until_ = now + std::chrono::seconds(2);
      return;
    }
    spdlog::info("document changed by another program ({} items)", items.size());
    if (complete && items.size() <= kIncrementalLimit) {
      merged.seq = newest;
      merged.changed_items.assign(items.begin(), items.end());
      merged.relations_changed = merged.meta_changed = true;
      apply_result(merged);
    } else {
      reload();
    }
    last_seq_ = std::max(last_seq_, newest);
    status_ = "Updated: the document was changed by another program";
  } catch (const std::exception& e) {
    spdlog::warn("external change: {}", e.what());
    reload();
  }
}

void EditorState::report_error(std::string message) {
  spdlog::warn("{}", message);
  errors_.push_back(std::move(message));
}

}  // namespace uch::app
