// The document store: one SQLite file per timeline, with its full revision history.
// Every change is one transaction that also appends one revision (a session changeset).
#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "uchronia/check_input.hpp"
#include "uchronia/model.hpp"

namespace uch {

/// A write based on a stale copy of a row: refused, never applied over the newer one.
struct ConflictError : Error {
  using Error::Error;
};

/// A value read together with the version it had, to detect stale writes. The version is
/// the seq of the revision that last wrote the row, so it never repeats.
template <class T>
struct Versioned {
  T value;
  std::int64_t version = 0;
};

/// One row of the entries table, light enough to list 100,000 of them.
struct EntryRow {
  std::string id;
  std::string date;
  std::string title;
  std::vector<std::string> tags;
  Calendar calendar = Calendar::Gregorian;
  DayNumber lower = kUnboundedHigh;  // comparison-free bounds for drawing; undated: high
  DayNumber upper = kUnboundedHigh;
  bool dated = false;
  std::int64_t draft_order = 0;      // position in the draft it came from (draft_order.hpp); 0: none
};

/// A batch of operations committed as ONE revision.
class Edit {
 public:
  /// Insert, or update the fields that differ. With expected_version, the write is
  /// refused (ConflictError) unless the stored row still has that version.
  Edit& put_entry(Entry entry, std::optional<std::int64_t> expected_version = {});
  Edit& put_entity(Entity entity, std::optional<std::int64_t> expected_version = {});
  /// Delete an entry or entity (restorable from history).
  Edit& remove_item(std::string id, std::optional<std::int64_t> expected_version = {});
  Edit& add_relation(Relation relation);
  Edit& remove_relation(Relation relation);
  Edit& set_title(std::string title);
  Edit& set_description(std::string description);
  /// Unknown top-level JSON fields kept for export (compact JSON object text).
  Edit& set_document_extra(std::string extra);
  /// Overrides the generated one-line summary.
  Edit& summary(std::string text);
  bool empty() const;

  struct Op;
  const std::vector<Op>& ops() const { return ops_; }
  const std::string& summary_text() const { return summary_; }
  Edit();
  ~Edit();
  Edit(const Edit&);
  Edit& operator=(const Edit&);

 private:
  std::vector<Op> ops_;
  std::string summary_;
};

struct Revision {
  std::int64_t seq = 0;
  std::string time;      // UTC, ISO 8601
  std::string author;
  std::string summary;
  std::string kind;      // "edit", "import", "undo", "redo", "restore"
  std::optional<std::int64_t> target;  // the revision an undo/redo acts on
  std::vector<std::string> items;      // ids of entries/entities it touched
};

struct FieldChange {
  std::string field;                      // "date", "title", "tags", ...
  std::optional<std::string> old_value;   // nullopt: did not exist
  std::optional<std::string> new_value;
};

/// One revision as it touched one item.
struct ItemRevision {
  Revision revision;
  std::string op;                         // "created", "changed", "deleted"
  std::vector<FieldChange> fields;
};

struct CommitResult {
  std::int64_t seq = 0;                   // 0 when nothing changed (no revision written)
  std::string summary;
  std::vector<std::string> changed_items; // entry/entity ids whose rows changed
  bool relations_changed = false;
  bool meta_changed = false;
};

struct OpenOptions {
  bool read_only = false;
  /// How long to wait for another writer that has not said who it is; one that has (another
  /// Uchronia) is waited for as long as it is alive and writing.
  int busy_timeout_ms = 10000;
};

/// Sets `field` of `entry` or `entity` from `value` as typed: lists by split_list, dates by
/// read_typed_date (text that is no date is refused), calendar "gregorian"/"julian", an entry's
/// series "NAME:NUMBER" (empty: none); a new name keeps the old one as an alias (renamed_entity).
/// Throws Error naming the field when it does not exist or the value is not one it takes.
void set_item_field(Entry& entry, const std::string& field, const std::string& value);
void set_item_field(Entity& entity, const std::string& field, const std::string& value);

/// After entity `id` was renamed from `old_name` to `new_name`: the edit that points every
/// [[link]] naming the old name (in the items that link to the entity) at the new one, each item
/// at the version read, and those items' ids; empty when no link names it. One rule for the
/// editor and `set --rewrite-links`.
class Store;
struct LinkRewrite {
  Edit edit;
  std::vector<std::string> items;
};
LinkRewrite link_rewrite(const Store& store, const std::string& id, const std::string& old_name,
                         const std::string& new_name);

/// A write cancelled (cancel_writes) while it waited for another writer or ran: nothing of it
/// was written.
struct WriteCancelled : Error {
  using Error::Error;
};

/// What a long write, or a wait for another writer, reports about itself (write_watch.cpp).
struct WriteProgress {
  enum class Kind { Writing, Waiting } kind = Kind::Writing;
  std::filesystem::path document;
  double seconds = 0;   // since the write or the wait began
  /// Waiting: who holds the document, as that writer recorded it ("pid 4242, uchronia undo"),
  /// or "" when it did not (another program, or a write not yet a second long).
  std::string holder;
};
/// Called on the thread writing or waiting, about once a second once the write or the wait has
/// lasted a second. Set it (and the label) before opening documents; none by default.
void set_write_progress_reporter(std::function<void(const WriteProgress&)> reporter);
/// What this program is doing when it writes (e.g. "uchronia undo"), for another writer's
/// "waiting for" line.
void set_writer_label(std::string label);
/// Cancels the waits and writes under way and to come: they throw WriteCancelled, having
/// written nothing. Only sets a flag: safe to call from a signal handler.
void cancel_writes() noexcept;

/// The author to record: explicit, else $UCHRONIA_AUTHOR, else the OS user.
std::string default_author(const std::string& explicit_author = {});

class Store {
 public:
  /// Opens an existing document. Refuses (Error, file unchanged) a file that is not
  /// SQLite, a SQLite file of another application, a newer version, or a document
  /// whose schema holds objects Uchronia did not create. Runs migrations otherwise.
  static Store open(const std::filesystem::path& path, OpenOptions options = {});
  /// Creates a new, empty document; refuses to overwrite an existing file.
  static Store create(const std::filesystem::path& path);
  /// Creates a new document holding `doc` as its first revision, all or nothing: it is built
  /// under a temporary name beside `path` and linked into place once complete, so a failure or
  /// a kill never leaves a half-made document at `path`. Refuses to overwrite an existing file.
  static Store create_from(const std::filesystem::path& path, const Document& doc, const std::string& author);
  /// An in-memory document (tests, checking a JSON file without writing).
  static Store in_memory();

  Store(Store&&) noexcept;
  Store& operator=(Store&&) noexcept;
  ~Store();

  const std::filesystem::path& path() const;
  bool read_only() const;

  // --- reading -------------------------------------------------------------
  Document load() const;                         // the whole document
  /// What a full check needs (check_document(CheckInput)): the document without its text
  /// fields, and its links as the link table holds them. Reads no body.
  CheckInput check_input() const;
  /// The characters beyond ASCII of the entries' titles, bodies, otl and notes, each once, sorted
  /// (the fonts an editor needs). Streamed row by row: no body is kept.
  std::vector<char32_t> text_code_points() const;
  /// The document as interchange JSON: the same text as write_interchange_json(load()),
  /// streamed from the rows without building the document in memory.
  std::string export_interchange_json() const;
  std::vector<EntryRow> list_entries() const;    // sorted chronologically, undated last
  std::optional<Versioned<Entry>> entry(const std::string& id) const;
  std::optional<Versioned<Entity>> entity(const std::string& id) const;
  std::vector<Entity> entities() const;          // sorted by id
  std::vector<Relation> relations() const;
  std::string title() const;
  std::string description() const;
  /// FTS5 full-text search over titles, bodies and otl notes; ids, best first.
  std::vector<std::string> search(const std::string& query, int limit = 1000) const;
  /// Ids of the items whose text links to `id` (resolved links).
  std::vector<std::string> linked_from(const std::string& id) const;

  /// True once another connection (process) has committed since the last call.
  bool changed_externally();

  // --- writing -------------------------------------------------------------
  CommitResult commit(const Edit& edit, const std::string& author);
  /// Sets one field of an entry or entity from text as a writer types it (see set_item_field),
  /// reading the item and writing it in ONE write transaction, so no other writer can come
  /// between: it never conflicts. With expected_version (1 or more), refused with ConflictError
  /// unless the item still has that version.
  CommitResult set_field(const std::string& id, const std::string& field, const std::string& value,
                         std::optional<std::int64_t> expected_version, const std::string& author);
  /// Imports a whole document into this (empty) store as one revision.
  CommitResult import_document(const Document& doc, const std::string& author);
  /// A commit returns once it is in the document's write-ahead log: safe from a crash or a kill
  /// of this process. sync() also makes it survive a power cut (one fdatasync), if the last
  /// commit is at least `quiet` old; the editor calls it when the writer pauses, and closing a
  /// Store always does it.
  void sync(std::chrono::milliseconds quiet = std::chrono::milliseconds(0));
  bool sync_pending() const;

  // --- history -------------------------------------------------------------
  std::vector<Revision> revisions(int limit = -1) const;   // newest first
  /// The seq of the newest revision (0 for none): cheap, for noticing new revisions.
  std::int64_t latest_seq() const;
  std::vector<ItemRevision> item_history(const std::string& id) const;  // oldest first
  bool can_undo() const;
  bool can_redo() const;
  std::optional<Revision> next_undo() const;
  std::optional<Revision> next_redo() const;
  CommitResult undo(const std::string& author);  // throws Error when nothing to undo
  CommitResult redo(const std::string& author);
  /// Brings an item (a deleted one too) back to its state just after `seq`.
  CommitResult restore(const std::string& id, std::int64_t seq, const std::string& author);
  /// Items that existed once and are deleted now, with the revision that deleted them.
  std::vector<std::pair<std::string, std::int64_t>> deleted_items() const;

  // --- maintenance ---------------------------------------------------------
  /// Rebuilds the derived tables (item keys, links, full-text index) from the source
  /// tables. Changes no data and writes no revision.
  void rebuild_derived();
  /// SQLite's integrity check of every page: "ok", or up to 20 problems, one a line.
  std::string integrity_report() const;

  struct Impl;

 private:
  explicit Store(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace uch
