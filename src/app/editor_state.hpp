// The editor's application state: the open Store, its in-memory snapshot, selection,
// checker and error queue. Panels read it and call its methods; only it calls the core.
#pragma once

#include <chrono>
#include <cstdint>
#include <deque>
#include <filesystem>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "checker_loader.hpp"
#include "entries_filter_view.hpp"
#include "uchronia/check.hpp"
#include "uchronia/model.hpp"
#include "uchronia/store.hpp"

namespace uch::app {

/// Requests a panel makes of another (focus a field, scroll to the selection, ...),
/// consumed by the panel they are meant for within the next frames.
struct UiRequests {
  bool focus_editor = false;        // Entries: Enter edits -> focus the entry editor's title
  bool focus_find = false;          // Ctrl+F -> focus the entries filter box
  bool scroll_to_selection = false; // the entries table scrolls the selection into view
  bool frame_selection = false;     // the timeline zooms to the selection
  bool reset_layout = false;        // every window goes back to its default place (one frame)
  bool open_export = false;         // File > Export...
  bool show_shortcuts = false;
  bool show_about = false;
  bool show_legend = false;         // the timeline's Legend button opens the Legend window
  std::string confirm_delete;       // asks before deleting this item: relations name it
  /// After a rename: offers to point the links that name the old name at the new one.
  struct LinkRewrite {
    std::string entity, old_name, new_name;
    std::vector<std::string> items;  // the items whose links name the old name
  } link_rewrite;
};

class EditorState {
 public:
  EditorState();
  ~EditorState();
  EditorState(const EditorState&) = delete;
  EditorState& operator=(const EditorState&) = delete;

  // --- documents -------------------------------------------------------------
  /// Opens a document; on failure queues a modal message and keeps the current one.
  bool open_document(const std::filesystem::path& path);
  /// Creates an empty document at `path` and opens it.
  bool new_document(const std::filesystem::path& path);
  /// Reads interchange JSON or Markdown from `source` into a new document at `dest`.
  bool import_to_new_document(const std::filesystem::path& source, const std::filesystem::path& dest);
  /// Takes an already open store (tests, in-memory documents).
  void adopt(Store store);
  void close_document();
  bool has_document() const { return store_.has_value(); }
  Store* store() { return store_ ? &*store_ : nullptr; }
  const std::filesystem::path& path() const { return path_; }
  bool read_only() const;
  const std::string& author() const { return author_; }
  void set_author(std::string author) { author_ = std::move(author); }

  // --- the snapshot (rebuilt only when the document changes) ------------------
  /// Bumped after every change of the document; panels key their caches on it.
  std::uint64_t generation() const { return generation_; }
  /// Bumped when another document is opened (views re-fit, selections reset).
  std::uint64_t document_serial() const { return document_serial_; }
  /// Title, description, entities and relations. Its `entries` are left empty: the editor holds a
  /// row per entry (rows()) and reads a whole entry, body and all, when it is asked for (entry()).
  const Document& document() const { return doc_; }
  /// The whole document, entries and all, read from the store (exports).
  Document load_document() const;
  const std::vector<EntryRow>& rows() const { return rows_; }
  std::optional<std::size_t> row_index(const std::string& id) const;
  /// The whole entry, read from the store when first asked for and kept while it is in use;
  /// valid until the next frame.
  const Entry* entry(const std::string& id) const;
  bool has_entry(const std::string& id) const { return row_index_.count(id) > 0; }
  const Entity* entity(const std::string& id) const;
  const std::vector<Entity>& entities() const { return doc_.entities; }
  const std::vector<Relation>& relations() const { return doc_.relations; }
  /// The stored version of an item, for commits that must not overwrite a newer row.
  std::optional<std::int64_t> version_of(const std::string& id) const;
  /// "Title" of an entry, name of an entity, else the id itself.
  std::string label_of(const std::string& id) const;

  // --- findings ---------------------------------------------------------------
  /// True while the checker is being built after an open (on another thread): findings are empty.
  bool checking() const { return checking_; }
  /// Current findings (re-checked incrementally after each change).
  const std::vector<Finding>& findings();
  std::uint64_t findings_generation() const { return findings_generation_; }
  struct Badge {
    int count = 0;                    // unacknowledged findings about the item
    Severity worst = Severity::Info;
  };
  const Badge* badge(const std::string& id);
  std::vector<Finding> findings_for(const std::string& id);

  // --- selection --------------------------------------------------------------
  const std::string& selected() const { return selected_; }
  bool selected_is_entry() const { return has_entry(selected_); }
  bool selected_is_entity() const { return entity(selected_) != nullptr; }
  /// Shared selection of every panel; `reveal` asks the table and timeline to show it.
  void select(const std::string& id, bool reveal = true);

  // --- writing (every change is one revision through Store::commit) ---------
  /// Commits the batch; on ConflictError/Error queues a modal and returns nullopt.
  std::optional<CommitResult> commit(const Edit& edit);
  bool undo();
  bool redo();
  bool can_undo() const;
  bool can_redo() const;
  std::string undo_label() const;   // summary of what Undo would revert ("" when none)
  std::string redo_label() const;
  bool restore(const std::string& id, std::int64_t seq);
  bool delete_item(const std::string& id, bool with_relations = false);
  /// What Delete does from the UI: deletes at once, or asks first when relations name the item.
  void request_delete(const std::string& id);
  /// After entity `id` was renamed: when items link to `old_name`, asks the writer (one frame later)
  /// whether to point those links at `new_name`.
  void offer_link_rewrite(const std::string& id, const std::string& old_name, const std::string& new_name);
  /// Points every link to entity `id`'s `old_name` at `new_name` (core link_rewrite): one revision, undoable.
  bool rewrite_links(const std::string& id, const std::string& old_name, const std::string& new_name);
  /// The relations that name `id` (they would name nothing once it is deleted).
  std::vector<Relation> relations_naming(const std::string& id) const;
  /// A new entry dated like `after` (or undated), selected; returns its id.
  std::optional<std::string> new_entry_after(const std::string& after);
  /// A fresh id "prefix-N" not used by any entry or entity.
  std::string unique_id(const std::string& prefix) const;

  // --- several entries at once (editor_state_bulk.cpp): each call is ONE revision (one undo step)
  /// Adds `tag` to (or removes it from) each entry; entries that already have (or lack) it are left alone.
  bool tag_entries(const std::vector<std::string>& ids, const std::string& tag, bool add);
  /// Deletes the entries, with the relations that name them (they would name nothing).
  bool delete_entries(const std::vector<std::string>& ids);
  /// The entries as interchange JSON (core entries_to_interchange_json): what Copy puts on the clipboard.
  std::string entries_json(const std::vector<std::string>& ids) const;
  /// Paste: adds the entries `json` holds (a document or one entry object), each under an id no
  /// item has or had (core unique_item_id), and selects the first. Text that is not an entry:
  /// the status line says why and nothing changes. Returns the new ids.
  std::vector<std::string> paste_entries(std::string_view json);
  /// Copies of the entries under new ids, selected; returns the new ids.
  std::vector<std::string> duplicate_entries(const std::vector<std::string>& ids);

  /// The text that changed since the last call, for whoever follows it (the editor's fonts):
  /// everything after an open or a reload, else the changed entries and entities by id.
  struct TextChanges {
    bool everything = false;
    bool meta = false;                 // the document's title or description
    std::vector<std::string> items;    // entry and entity ids (may repeat, may be gone since)
    std::vector<char32_t> code_points; // beyond ASCII, in entries' texts read on another thread
  };
  TextChanges take_text_changes();

  /// Cheap per-frame poll: another process committed -> reload the snapshot; the checker built on
  /// another thread takes over once ready.
  void poll_external();
  /// Reloads everything from the store (after an external change or an undo of many items).
  void reload();

  // --- messages ---------------------------------------------------------------
  void report_error(std::string message);
  std::deque<std::string>& errors() { return errors_; }
  /// Short status line ("Saved: changed date of ...") shown in the status bar.
  const std::string& status() const { return status_; }
  void set_status(std::string text) { status_ = std::move(text); }

  UiRequests requests;
  /// The entries table's filter result, which the timeline follows (published by the Entries panel).
  EntriesFilterView entries_filter;
  /// True while any panel holds an edit not yet committed (title bar says "editing").
  bool editing = false;
  /// True while work a panel started runs on another thread (the filter's search): the event loop
  /// keeps drawing frames so that its result is picked up. Panels set it each frame.
  bool background_work = false;

 private:
  void load_snapshot();
  void apply_result(const CommitResult& result);
  void refresh_entry(const std::string& id);
  void refresh_entity(const std::string& id);
  void rebuild_indexes();
  void rebuild_badges();
  void adopt_checker(CheckerLoader::Result result);
  void note_checker_change(const std::string& id);
  void insert_row(const Entry& entry);
  void erase_row(const std::string& id);
  bool guard_writable();
  std::vector<std::string> add_copies(std::vector<Entry> entries, const std::string& verb);

  std::optional<Store> store_;
  std::filesystem::path path_;
  std::string author_;
  Document doc_;
  std::vector<EntryRow> rows_;
  std::unordered_map<std::string, std::size_t> entity_index_, row_index_;
  /// Whole entries read for the panels; emptied at the start of a frame once it holds too many.
  mutable std::unordered_map<std::string, Entry> entry_cache_;
  Checker checker_;
  CheckerLoader checker_loader_;
  bool checking_ = false;   // checker_loader_ is building; checker_ is not the document's yet
  std::vector<std::string> changed_while_checking_;   // items to re-tell the built checker
  std::uint64_t generation_ = 1;
  std::uint64_t document_serial_ = 1;
  std::int64_t last_seq_ = 0;   // newest revision this snapshot reflects
  bool external_pending_ = false;
  std::chrono::steady_clock::time_point quiet_until_{};
  std::uint64_t findings_generation_ = 0;
  std::uint64_t badges_for_findings_ = ~0ull, findings_for_ = ~0ull;
  std::vector<Finding> findings_;   // the checker's findings as of findings_for_
  std::unordered_map<std::string, Badge> badges_;
  std::string selected_;
  std::deque<std::string> errors_;
  std::string status_;
  TextChanges text_changes_;
};

}  // namespace uch::app
