// Internals shared by the store's files: the connection, rows as value vectors, changesets.
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <optional>
#include <string>
#include <memory>
#include <unordered_map>
#include <variant>
#include <vector>

#include "uchronia/store.hpp"

namespace uch::detail {

const std::vector<std::string_view>& migrations();  // generated from db/migrations

/// 'UCHR': marks a SQLite file as a Uchronia document.
inline constexpr int kApplicationId = 0x55434852;

// ---------------------------------------------------------------------------
// SQL helpers: thin RAII over sqlite3 (the session extension needs the raw handle).

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
[[noreturn]] void throw_sqlite(sqlite3* db, const std::string& what);

/// BEGIN IMMEDIATE now, ROLLBACK on destruction unless committed.
class WriteTransaction {
 public:
  explicit WriteTransaction(sqlite3* db);
  ~WriteTransaction();
  void commit();

 private:
  sqlite3* db_;
  bool done_ = false;
};

/// Records the changes to the source tables as a changeset, for one revision.
class ChangeRecorder {
 public:
  explicit ChangeRecorder(sqlite3* db);
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

Row entry_to_row(const Entry& entry);    // key and version left null
Entry entry_from_row(Row row);    // by value: load() moves each row in
Row entity_to_row(const Entity& entity);
Entity entity_from_row(Row row);

std::string strings_to_json(const std::vector<std::string>& values);
std::vector<std::string> strings_from_json(const std::string& text);

// ---------------------------------------------------------------------------
// Changesets.

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
/// True when a changeset's framing is sound (SQLite 3.40's reader can loop forever on a damaged
/// one, so every read, invert and apply checks it first).
bool well_formed_changeset(const std::string& changeset);
std::string invert_changeset(const std::string& changeset);
/// Applies a changeset; any conflict aborts and throws Error naming `what`.
void apply_changeset(sqlite3* db, const std::string& changeset, const std::string& what);

}  // namespace uch::detail

namespace uch {

struct Store::Impl {
  sqlite3* db = nullptr;
  std::filesystem::path path;
  bool read_only = false;
  std::int64_t data_version = -1;
  /// The seq the revision being written will get; a written row's version is set to it,
  /// so versions never repeat, even across delete and restore.
  std::int64_t pending_seq = 0;
  std::unordered_map<std::string, std::unique_ptr<detail::Statement>> statements;
  ~Impl();

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
  void forget_derived(const std::string& id, std::optional<std::int64_t> fts_rowid);
  void require_writable() const;
};

}  // namespace uch
