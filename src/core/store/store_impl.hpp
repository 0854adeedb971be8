// Internals shared by the store's files: the connection, rows as value vectors, changesets.
#pragma once

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Transaction.h>
#include <sqlite3.h>

#include <array>
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <initializer_list>
#include <optional>
#include <string>
#include <thread>
#include <memory>
#include <unordered_map>
#include <variant>
#include <vector>

#include "uchronia/files.hpp"
#include "uchronia/store.hpp"

namespace uch::detail {

const std::vector<std::string_view>& migrations();  // generated from db/migrations

/// 'UCHR': marks a SQLite file as a Uchronia document (files.hpp, where output paths are vetted).
inline constexpr int kApplicationId = static_cast<int>(kDocumentApplicationId);

// ---------------------------------------------------------------------------
// SQL helpers. Connections are SQLite::Database and transactions SQLite::Transaction (SQLiteCpp);
// the C API is used on getHandle() where SQLiteCpp has no call: the session extension, hooks,
// changeset functions, and the prepared statements below. SQLiteCpp 3.2.1 (Debian 12) binds text
// without a copy only from a whole std::string and gives no access to a column's sqlite3_value,
// which the import (string views into the document) and load (values straight into an Entry)
// need; so Statement stays a thin RAII over sqlite3_stmt, every return code checked.

class Statement {
 public:
  Statement(sqlite3* db, std::string_view sql);
  ~Statement();
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;
  Statement& bind(int index, std::int64_t value);
  Statement& bind(int index, const std::string& value);
  Statement& bind(int index, std::string_view value);
  Statement& bind(int index, const char* value) { return bind(index, std::string_view(value)); }
  Statement& bind_null(int index);
  Statement& bind_blob(int index, const std::string& value);
  /// Binds without a copy: `value` must stay alive and unchanged until the statement is reset.
  Statement& bind_static(int index, std::string_view value);
  bool step();         // true: a row is ready
  void run();          // step to completion
  void reset();
  std::int64_t int64(int column) const;
  std::string text(int column) const;
  std::string blob(int column) const;
  bool is_null(int column) const;
  int columns() const;
  sqlite3_stmt* get() const { return stmt_; }

 private:
  sqlite3* db_;
  sqlite3_stmt* stmt_ = nullptr;
};

void exec(sqlite3* db, const char* sql);
/// Throws WriteCancelled, naming the document, once cancel_writes() was called.
void throw_if_cancelled(sqlite3* db);

/// One connection's watch over its writes and its waits for other writers (write_watch.cpp):
/// a write that lasts over a second reports progress, and records who is writing in a small
/// file beside the document ("DOC-writer": pid and label, rewritten each second), which is how
/// a waiting writer knows to keep waiting; cancel_writes() interrupts both.
class WriteWatch {
 public:
  WriteWatch(sqlite3* db, std::filesystem::path document, int busy_timeout_ms);
  ~WriteWatch();
  WriteWatch(const WriteWatch&) = delete;
  WriteWatch& operator=(const WriteWatch&) = delete;
  /// Notes time passing inside a statement (SQLite's progress handler, and long C++ steps of a
  /// write): reports, refreshes the who-is-writing file; true when cancelled.
  bool tick();
  /// UCHRONIA_TEST_HOLD_WRITE_MS (tests only): holds the write lock that long before committing,
  /// ticking as a long write does.
  void hold_for_test();

 private:
  using Clock = std::chrono::steady_clock;
  int on_busy(int count);
  void end_write();
  std::string holder() const;
  sqlite3* db_;
  std::filesystem::path document_, info_;
  int busy_timeout_ms_;
  bool writing_ = false, wrote_info_ = false;
  Clock::time_point write_start_, last_beat_, wait_start_, next_wait_report_;
  std::optional<Clock::time_point> holder_seen_;  // when a waited-for writer last said it was writing
};
[[noreturn]] void throw_sqlite(sqlite3* db, const std::string& what);
/// A value's text came back NULL: SQLite could not allocate its copy (never read as "" or "damaged").
[[noreturn]] void throw_out_of_memory();

/// Several statements that must see one state of the document (another process may commit
/// between them): one read transaction around them, unless the caller already has one open.
class ReadSnapshot {
 public:
  explicit ReadSnapshot(SQLite::Database& db) {
    if (sqlite3_get_autocommit(db.getHandle()) == 0) return;  // inside the caller's transaction
    try {
      tx_.emplace(db, SQLite::TransactionBehavior::DEFERRED);
    } catch (const SQLite::Exception&) {
      throw_sqlite(db.getHandle(), "document access failed");
    }
  }
  ~ReadSnapshot() {
    // Nothing was written: COMMIT ends it; should that fail, the transaction rolls back.
    if (!tx_) return;
    try {
      tx_->commit();
    } catch (const SQLite::Exception&) {
    }
  }
  ReadSnapshot(const ReadSnapshot&) = delete;
  ReadSnapshot& operator=(const ReadSnapshot&) = delete;
  /// False inside the caller's own transaction, whose changes no other connection sees.
  bool own() const { return tx_.has_value(); }

 private:
  std::optional<SQLite::Transaction> tx_;
};

/// BEGIN IMMEDIATE now (an SQLite::Transaction), ROLLBACK on destruction unless committed. Made
/// inside another write transaction it is part of that one: commit() and rollback are left to the
/// outer one. SQLiteCpp's errors become the store's (throw_sqlite).
class WriteTransaction {
 public:
  explicit WriteTransaction(SQLite::Database& db);
  ~WriteTransaction();
  WriteTransaction(const WriteTransaction&) = delete;
  WriteTransaction& operator=(const WriteTransaction&) = delete;
  void commit();

 private:
  SQLite::Database& db_;
  std::optional<SQLite::Transaction> tx_;
};

/// Records the changes to the source tables as a changeset, for one revision.
class ChangeRecorder {
 public:
  /// Records the source tables (kSourceTables), or the tables named.
  explicit ChangeRecorder(sqlite3* db, std::initializer_list<const char*> tables = {});
  ~ChangeRecorder();
  std::string changeset();

 private:
  sqlite3_session* session_ = nullptr;
};

inline constexpr const char* kSourceTables[] = {"doc_meta", "entry", "entity", "relation"};

// ---------------------------------------------------------------------------
// Rows: one value per column, in table order.

using Value = std::variant<std::monostate, std::int64_t, double, std::string>;
using Row = std::vector<Value>;

Value value_from(sqlite3_value* v);
Row read_row(const Statement& stmt);
/// An integer column's value; a hostile or damaged file may hold anything there.
std::int64_t integer_of(const Value& v, const char* what);
inline std::int64_t version_of(const Value& v) { return integer_of(v, "an item's version"); }
std::optional<std::string> value_text(const Value& v);  // for display in diffs

namespace entry_col {
enum : int { key, id, date, calendar, lower, upper, title, body, tags, otl, notes,
             series_name, series_number, acknowledged, extra, version, count };
}
namespace entity_col {
enum : int { key, id, name, kind, aliases, start, end, calendar, notes, acknowledged, extra,
             version, count };
}
const char* entry_column_name(int column);
const char* entity_column_name(int column);
/// Columns that are bookkeeping, not the writer's data (never shown in diffs).
bool is_internal_column(int column, bool entity_table);

/// An entry's row without copying its text: views into the entry and into `json`, which holds
/// its tags and acknowledged findings as stored. Filled in place (the views point into it).
struct EntryRowView {
  using ValueView = std::variant<std::monostate, std::int64_t, double, std::string_view>;
  std::array<ValueView, entry_col::count> values;
  std::string tags, acknowledged, extra;  // extra: with the branch field (model/branch_json.hpp)
  EntryRowView() = default;
  EntryRowView(const EntryRowView&) = delete;
  EntryRowView& operator=(const EntryRowView&) = delete;
};
void entry_to_row(const Entry& entry, EntryRowView& out);  // key and version left null
Row entry_to_row(const Entry& entry);    // key and version left null
Entry entry_from_row(Row row);    // by value: load() moves each row in
Row entity_to_row(const Entity& entity);
Entity entity_from_row(Row row);

/// Straight from a statement's columns into an Entry/Entity (no Row in between; the same values
/// as entry_from_row/entity_from_row): the statement selects k*ReadColumns, in that order.
extern const char* const kEntryReadColumns;
extern const char* const kEntityReadColumns;
void read_entry_columns(sqlite3_stmt* st, Entry& entry);
void read_entity_columns(sqlite3_stmt* st, Entity& entity);

std::string strings_to_json(const std::vector<std::string>& values);
std::vector<std::string> strings_from_json(const std::string& text);
std::vector<Acknowledgement> acks_from_json(const std::string& text);

// ---------------------------------------------------------------------------
// Changesets.

/// A revision's stored changeset that is missing, empty or does not decode: `detail` says how
/// ("its changeset is malformed"); history.cpp names the revision and the document.
struct HistoryDamage : Error {
  std::string detail;
  explicit HistoryDamage(std::string what) : Error("history is damaged: " + what), detail(std::move(what)) {}
};

/// One source row a changeset touches.
struct TouchedRow {
  std::string table;
  std::int64_t rowkey = 0;
  int op = 0;                      // SQLITE_INSERT / SQLITE_UPDATE / SQLITE_DELETE
  Row old_values;                  // DELETE: all; UPDATE: changed columns (others monostate)
  Row new_values;                  // INSERT: all; UPDATE: changed columns
  std::vector<bool> changed;       // UPDATE: which columns changed
};
std::vector<TouchedRow> read_changeset(const std::string& changeset);
/// Throws HistoryDamage unless every row is of a source table, with that table's columns (a
/// damaged changeset may name another table, which SQLite's apply skips silently).
void require_source_rows(const std::vector<TouchedRow>& rows);
/// True when SQLite's own changeset iterator reads `changeset` to its end (changeset.cpp says how
/// that is made safe from SQLite 3.40's endless loop on a cut table header); every read, invert
/// and apply checks it first.
bool well_formed_changeset(const std::string& changeset);
std::string invert_changeset(const std::string& changeset);
/// Applies a changeset; any conflict aborts and throws Error naming `what`.
void apply_changeset(sqlite3* db, const std::string& changeset, const std::string& what);


/// What SQLite would replay from a -wal file (wal_vetting.cpp): one number per complete, valid
/// transaction, in order: the highest commit number found beside `token` + ':' in its pages, -1 if
/// none. Empty when nothing would be replayed (no file, a bad header, no valid commit frame).
struct WalReading {
  std::vector<std::int64_t> commits;
};
WalReading read_wal(const std::filesystem::path& wal, const std::string& token);

std::string utc_now();  // ISO 8601, for revisions
/// At most `max` bytes (cut on a UTF-8 boundary, "…" added), for summaries.
std::string shorten(const std::string& text, std::size_t max = 60);
/// Throws Error unless `id` is a valid item id.
void check_id(const std::string& id);

/// A revision's changeset as kept in the file (the one format written; see changeset.cpp and the
/// README's store section): the session changeset as a zlib stream (RFC 1950, so it starts with
/// 0x78 and carries its own Adler-32), deflated with a preset dictionary of the tables' headers and
/// the revision's `summary`.
std::string pack_changeset(const std::string& changeset, std::string_view summary);

/// The stored changeset of an import into a new file (Store::create_from): none. The revision
/// created every row of an empty document, and until a later revision changes a row, the row
/// itself is what the changeset would hold; undo and redo rebuild it (history.cpp).
inline constexpr std::string_view kBaselineChangeset = "B";
/// The changeset in a stored blob, given its revision's summary: the current format, or one
/// older documents hold (an unpacked changeset; 'Z', zlib; 'D', raw deflate with the dictionary).
/// Throws HistoryDamage when a packed one is damaged.
std::string unpack_changeset(std::string stored, std::string_view summary);

}  // namespace uch::detail

namespace uch {

struct Store::Impl {
  /// The connection; `db` is its handle, for the C API.
  std::unique_ptr<SQLite::Database> conn;
  sqlite3* db = nullptr;
  std::filesystem::path path;
  bool read_only = false;
  /// Every page was checked (on opening, or before the first write): see require_writable.
  mutable bool verified = false;
  /// The URI of a read-only connection to the same file ("" in memory), and one opened with it
  /// (nullptr when that fails).
  std::string reader_uri;
  std::unique_ptr<SQLite::Database> open_reader() const;
  /// A second read-only connection in a read transaction, to read a part of the document at once
  /// on another thread. Its statements must be finalized before it goes.
  struct SecondReader {
    std::unique_ptr<SQLite::Database> connection;
    std::unique_ptr<SQLite::Transaction> snapshot;  // after `connection`: ended before it closes
    sqlite3* db() const { return connection->getHandle(); }
  };
  /// One that surely sees what this connection sees in the read transaction it has open (of its
  /// own: ReadSnapshot::own()), holding `entries` entries; nullopt when that cannot be had.
  std::optional<SecondReader> second_reader(std::size_t entries) const;
  std::int64_t data_version = -1;
  /// The seq the revision being written will get; a written row's version is set to it,
  /// so versions never repeat, even across delete and restore.
  std::int64_t pending_seq = 0;
  std::unordered_map<std::string, std::unique_ptr<detail::Statement>> statements;
  /// A file nobody else can have open yet (Store::create_from's temporary): an import may write
  /// it with a rollback journal instead of the WAL (see store_import.cpp).
  bool private_new_file = false;
  /// Set by every revision written and not yet fdatasync'ed (see Store::sync).
  std::optional<std::chrono::steady_clock::time_point> unsynced_since;
  std::chrono::steady_clock::time_point last_commit;
  /// Progress, who-is-writing and cancelling for the writable connection (none for readers).
  std::unique_ptr<detail::WriteWatch> watch;
  /// Installs `watch`: replaces SQLite's busy timeout with the waiting rule of write_watch.cpp.
  /// Closes the connection: statements finalized and the watch removed first.
  void close();
  void watch_writes(int busy_timeout_ms) { watch = std::make_unique<detail::WriteWatch>(db, path, busy_timeout_ms); }
  ~Impl();

  /// Makes every commit so far survive a power cut (the WAL's fdatasync); no-op when none is pending.
  void sync_wal();

  /// A prepared statement kept for the life of the connection, reset and ready to bind.
  detail::Statement& stmt(const std::string& sql);

  // Write path (store_write.cpp / history.cpp).
  CommitResult commit(const Edit& edit, const std::string& author, const std::string& kind,
                      std::optional<std::int64_t> target);
  /// After a changeset was applied or recorded: refresh derived rows, write the revision.
  CommitResult finish_revision(const std::string& changeset, const std::string& summary,
                               const std::string& author, const std::string& kind,
                               std::optional<std::int64_t> target);
  /// `fresh`: the item did not exist before this revision, so it has no derived rows to forget.
  void refresh_entry_derived(const std::string& id, bool fresh = false);
  void refresh_entity_derived(const std::string& id, bool fresh = false);
  void refresh_meta_derived();
  /// True when entry, entity, relation and doc_meta hold no row (a new document).
  bool source_tables_empty();
  /// Import into a document whose source tables are empty (store_import.cpp).
  CommitResult import_into_empty(const Document& doc, const std::string& author, const std::string& summary);
  /// Called for every revision written: remembers that a sync is due.
  void note_commit() {
    last_commit = std::chrono::steady_clock::now();
    if (!unsynced_since) unsynced_since = last_commit;
  }
  void forget_derived(const std::string& id);
  /// An entry's title, body and otl as the search index holds them, before `row`'s change.
  std::array<std::string, 3> indexed_text_before(const detail::TouchedRow& row);
  void require_writable() const;
};

}  // namespace uch
