// Thin RAII helpers over the sqlite3 C API: statements, write transactions, session recording.
#include <sys/resource.h>
#include <sys/statvfs.h>

#include <algorithm>
#include <cerrno>
#include <filesystem>
#include <stdexcept>

#include "store/store_impl.hpp"

namespace uch::detail {

namespace {

/// Why a write failed when it was for lack of room: "the disk is full", "the file size limit ... is
/// reached", or "" for another cause. SQLite says SQLITE_FULL only for ENOSPC on its own writes and
/// keeps the errno of an I/O error only until the next system call, so the place is looked at too.
std::string lack_of_room(sqlite3* db, int code) {
  if ((code & 0xff) == SQLITE_FULL) return "the disk is full";
  if ((code & 0xff) != SQLITE_IOERR || code == SQLITE_IOERR_NOMEM) return {};
  const int os_error = sqlite3_system_errno(db);
  if (os_error == ENOSPC || os_error == EDQUOT) return "the disk is full";
  if (os_error == EFBIG) return "the file size limit (ulimit -f) is reached";
  if (code != SQLITE_IOERR_WRITE && code != SQLITE_IOERR_TRUNCATE && code != SQLITE_IOERR_SHMSIZE &&
      code != SQLITE_IOERR_FSYNC)
    return {};
  const char* file = sqlite3_db_filename(db, "main");
  if (!file || !*file) return {};
  const std::filesystem::path path(file);
  struct statvfs fs {};
  const std::string dir = path.parent_path().empty() ? std::string(".") : path.parent_path().string();
  if (::statvfs(dir.c_str(), &fs) == 0 && static_cast<std::uint64_t>(fs.f_bavail) * fs.f_frsize < (1u << 20))
    return "the disk is full";
  rlimit limit{};
  if (::getrlimit(RLIMIT_FSIZE, &limit) == 0 && limit.rlim_cur != RLIM_INFINITY) {
    std::error_code ec;
    std::uintmax_t largest = 0;
    for (const char* suffix : {"", "-wal"}) {
      const auto size = std::filesystem::file_size(path.string() + suffix, ec);
      if (!ec) largest = std::max(largest, size);
    }
    if (largest + (1u << 17) > limit.rlim_cur) return "the file size limit (ulimit -f) is reached";
  }
  return {};
}

}  // namespace

void throw_sqlite(sqlite3* db, const std::string& what) {
  throw_if_cancelled(db);  // an interrupted statement, or a wait given up, after Ctrl+C
  const int code = sqlite3_extended_errcode(db);
  std::string message = what + ": " + sqlite3_errmsg(db);
  if ((code & 0xff) == SQLITE_NOMEM || code == SQLITE_IOERR_NOMEM)
    message = what + ": out of memory";
  else if ((code & 0xff) == SQLITE_CORRUPT || (code & 0xff) == SQLITE_NOTADB)
    message = what + ": the document is damaged (" + sqlite3_errmsg(db) + ")";
  else if (const std::string room = lack_of_room(db, code); !room.empty())
    message = what + ": " + room + "; nothing of this change was written";
  else if (code == SQLITE_READONLY_ROLLBACK)
    message = what + ": an unfinished transaction's rollback journal (-journal) lies beside the document";
  else if ((code & 0xff) == SQLITE_READONLY)
    message = what + ": the document is read-only";
  else if ((code & 0xff) == SQLITE_BUSY)
    message = what + ": another program holds the document locked; try again";
  throw Error(message);
}

void throw_out_of_memory() { throw Error("cannot read the document: out of memory"); }

Statement::Statement(sqlite3* db, std::string_view sql) : db_(db) {
  if (sqlite3_prepare_v2(db, sql.data(), static_cast<int>(sql.size()), &stmt_, nullptr) != SQLITE_OK)
    throw_sqlite(db, "cannot read the document");
}
Statement::~Statement() { sqlite3_finalize(stmt_); }

Statement& Statement::bind(int index, std::int64_t value) {
  sqlite3_bind_int64(stmt_, index, value);
  return *this;
}
Statement& Statement::bind(int index, const std::string& value) {
  sqlite3_bind_text(stmt_, index, value.data(), static_cast<int>(value.size()), SQLITE_TRANSIENT);
  return *this;
}
Statement& Statement::bind(int index, std::string_view value) {
  sqlite3_bind_text(stmt_, index, value.data(), static_cast<int>(value.size()), SQLITE_TRANSIENT);
  return *this;
}
Statement& Statement::bind_static(int index, std::string_view value) {
  sqlite3_bind_text(stmt_, index, value.data(), static_cast<int>(value.size()), SQLITE_STATIC);
  return *this;
}
Statement& Statement::bind_null(int index) {
  sqlite3_bind_null(stmt_, index);
  return *this;
}
Statement& Statement::bind_blob(int index, const std::string& value) {
  sqlite3_bind_blob(stmt_, index, value.data(), static_cast<int>(value.size()), SQLITE_TRANSIENT);
  return *this;
}

bool Statement::step() {
  const int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  throw_sqlite(db_, "document access failed");
}
void Statement::run() {
  while (step()) {
  }
}
void Statement::reset() {
  sqlite3_reset(stmt_);
  sqlite3_clear_bindings(stmt_);
}
std::int64_t Statement::int64(int column) const { return sqlite3_column_int64(stmt_, column); }
std::string Statement::text(int column) const {
  const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, column));
  if (!p && sqlite3_column_type(stmt_, column) != SQLITE_NULL) throw_out_of_memory();
  return p ? std::string(p, static_cast<std::size_t>(sqlite3_column_bytes(stmt_, column))) : std::string();
}
std::string Statement::blob(int column) const {
  const auto* p = static_cast<const char*>(sqlite3_column_blob(stmt_, column));
  const auto n = static_cast<std::size_t>(sqlite3_column_bytes(stmt_, column));
  if (!p && n > 0) throw_out_of_memory();
  return p ? std::string(p, n) : std::string();
}
bool Statement::is_null(int column) const { return sqlite3_column_type(stmt_, column) == SQLITE_NULL; }
int Statement::columns() const { return sqlite3_column_count(stmt_); }

void exec(sqlite3* db, const char* sql) {
  char* err = nullptr;
  if (sqlite3_exec(db, sql, nullptr, nullptr, &err) != SQLITE_OK) {
    sqlite3_free(err);
    throw_sqlite(db, "document access failed");
  }
}

namespace {
/// A cached statement left on a row keeps its read snapshot open after COMMIT: reads then miss
/// other processes' commits, and BEGIN IMMEDIATE on that stale snapshot fails at once with
/// SQLITE_BUSY_SNAPSHOT (the busy timeout does not apply). Reset them around every write.
void release_snapshot(sqlite3* db) {
  for (sqlite3_stmt* st = sqlite3_next_stmt(db, nullptr); st; st = sqlite3_next_stmt(db, st))
    if (sqlite3_stmt_busy(st)) sqlite3_reset(st);
}
}  // namespace

WriteTransaction::WriteTransaction(SQLite::Database& db) : db_(db) {
  sqlite3* handle = db.getHandle();
  // Inside another one (Store::set_field reads and commits in one): part of it, no BEGIN of its own.
  if (sqlite3_txn_state(handle, nullptr) == SQLITE_TXN_WRITE) return;
  throw_if_cancelled(handle);
  release_snapshot(handle);
  try {
    tx_.emplace(db, SQLite::TransactionBehavior::IMMEDIATE);
  } catch (const SQLite::Exception&) {
    throw_sqlite(handle, "document access failed");
  }
}
WriteTransaction::~WriteTransaction() {
  if (tx_) release_snapshot(db_.getHandle());  // then tx_ rolls back
}
void WriteTransaction::commit() {
  if (!tx_) return;  // nested: the outer transaction commits
  sqlite3* handle = db_.getHandle();
  release_snapshot(handle);
  // Every transaction carries the document's mark into the WAL (see db/migrations/003_wal_mark.sql).
  exec(handle, "UPDATE wal_mark SET mark = substr(mark, 1, 33) || printf('%016d', substr(mark, 34) + 1)");
  try {
    tx_->commit();
  } catch (const SQLite::Exception&) {
    throw_sqlite(handle, "document access failed");
  }
  tx_.reset();
}

ChangeRecorder::ChangeRecorder(sqlite3* db, std::initializer_list<const char*> tables) {
  if (sqlite3session_create(db, "main", &session_) != SQLITE_OK) throw_sqlite(db, "cannot record history");
  const auto attach = [&](const char* table) {
    if (sqlite3session_attach(session_, table) == SQLITE_OK) return;
    sqlite3session_delete(session_);  // the destructor does not run for a constructor that throws
    session_ = nullptr;
    throw_sqlite(db, "cannot record history");
  };
  if (tables.size() == 0)
    for (const char* table : kSourceTables) attach(table);
  for (const char* table : tables) attach(table);
}
ChangeRecorder::~ChangeRecorder() { sqlite3session_delete(session_); }
std::string ChangeRecorder::changeset() {
  int size = 0;
  void* data = nullptr;
  if (sqlite3session_changeset(session_, &size, &data) != SQLITE_OK) throw Error("cannot record history: out of memory");
  std::string out(static_cast<const char*>(data), static_cast<std::size_t>(size));
  sqlite3_free(data);
  return out;
}

Value value_from(sqlite3_value* v) {
  if (!v) return std::monostate{};
  switch (sqlite3_value_type(v)) {
    case SQLITE_INTEGER: return static_cast<std::int64_t>(sqlite3_value_int64(v));
    case SQLITE_FLOAT: return sqlite3_value_double(v);
    case SQLITE_TEXT: {
      const auto* p = reinterpret_cast<const char*>(sqlite3_value_text(v));
      if (!p) throw_out_of_memory();
      return std::string(p, static_cast<std::size_t>(sqlite3_value_bytes(v)));
    }
    case SQLITE_BLOB: {
      const auto* p = static_cast<const char*>(sqlite3_value_blob(v));
      const auto n = static_cast<std::size_t>(sqlite3_value_bytes(v));
      if (!p && n > 0) throw_out_of_memory();
      return p ? std::string(p, n) : std::string();
    }
    default: return std::monostate{};
  }
}

Row read_row(const Statement& stmt) {
  Row row;
  row.reserve(static_cast<std::size_t>(stmt.columns()));
  for (int i = 0; i < stmt.columns(); ++i) row.push_back(value_from(sqlite3_column_value(stmt.get(), i)));
  return row;
}

std::optional<std::string> value_text(const Value& v) {
  if (std::holds_alternative<std::monostate>(v)) return std::nullopt;
  if (auto* i = std::get_if<std::int64_t>(&v)) return std::to_string(*i);
  if (auto* d = std::get_if<double>(&v)) return std::to_string(*d);
  return std::get<std::string>(v);
}

}  // namespace uch::detail
