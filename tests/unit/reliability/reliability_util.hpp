// Shared helpers of the reliability tests and the kill soak: temp dirs, raw SQLite checks, history replay.
#pragma once

#include "store/store_impl.hpp"
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <map>
#include <random>
#include <string>
#include <vector>

#include "uchronia/store.hpp"

namespace uch::reliability {

/// A fresh directory under the system temp dir, removed at scope exit.
struct TempDir {
  std::filesystem::path path;
  TempDir() {
    std::random_device rd;
    path = std::filesystem::temp_directory_path() /
           ("uchronia-rel-" + std::to_string(::getpid()) + "-" + std::to_string(rd()) + std::to_string(rd()));
    std::filesystem::create_directories(path);
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::permissions(path, std::filesystem::perms::owner_all, ec);
    std::filesystem::remove_all(path, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  std::filesystem::path operator/(const std::string& name) const { return path / name; }
};

inline std::string file_bytes(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

inline void write_bytes(const std::filesystem::path& p, const std::string& bytes) {
  std::ofstream(p, std::ios::binary | std::ios::trunc) << bytes;
}

/// The body text every kill/two-writer edit writes; ids "e0".."eN-1".
inline std::string entry_id(int i) { return "e" + std::to_string(i); }

/// A document of `n` plain entries (body "start"), created at `path` as one import revision.
inline void create_entries_document(const std::filesystem::path& path, int n) {
  Document doc;
  doc.title = "Reliability";
  for (int i = 0; i < n; ++i) {
    Entry e;
    e.id = entry_id(i);
    e.title = "Entry " + std::to_string(i);
    e.date = "19" + std::to_string(10 + i % 80);
    e.body = "start";
    doc.entries.push_back(e);
  }
  Store store = Store::create(path);
  store.import_document(doc, "setup");
}

/// A raw read-only SQLite connection (no Store code involved), closed at scope exit.
struct RawDb {
  sqlite3* db = nullptr;
  std::string error;
  explicit RawDb(const std::filesystem::path& path, bool read_only = true) {
    const std::string uri = "file:" + path.string() + (read_only ? "?mode=ro" : "");
    const int flags = (read_only ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE) | SQLITE_OPEN_URI;
    if (sqlite3_open_v2(uri.c_str(), &db, flags, nullptr) != SQLITE_OK) error = sqlite3_errmsg(db);
    sqlite3_busy_timeout(db, 10000);
  }
  ~RawDb() { sqlite3_close_v2(db); }
  RawDb(const RawDb&) = delete;
  RawDb& operator=(const RawDb&) = delete;

  /// Every row of a one-column query as text; a failure is returned as "ERROR: ...".
  std::vector<std::string> column(const std::string& sql) {
    std::vector<std::string> out;
    sqlite3_stmt* st = nullptr;
    if (sqlite3_prepare_v2(db, sql.c_str(), -1, &st, nullptr) != SQLITE_OK)
      return {"ERROR: " + std::string(sqlite3_errmsg(db))};
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
      const auto* t = reinterpret_cast<const char*>(sqlite3_column_text(st, 0));
      out.emplace_back(t ? t : "");
    }
    if (rc != SQLITE_DONE) out.push_back("ERROR: " + std::string(sqlite3_errmsg(db)));
    sqlite3_finalize(st);
    return out;
  }
  std::int64_t scalar(const std::string& sql) {
    auto rows = column(sql);
    return rows.empty() ? 0 : std::stoll(rows.front().rfind("ERROR", 0) == 0 ? "-1" : rows.front());
  }
};

/// "ok", or what PRAGMA integrity_check said, read through a raw read-only connection.
inline std::string integrity(const std::filesystem::path& path) {
  RawDb raw(path);
  if (!raw.error.empty()) return "cannot open: " + raw.error;
  std::string all;
  for (const auto& line : raw.column("PRAGMA integrity_check")) all += (all.empty() ? "" : "; ") + line;
  return all;
}

using uch::detail::well_formed_changeset;  // the store's own check: SQLite's iterator, guarded

/// One revision's changeset as decoded rows: table, op, and for entry updates the new body.
struct ChangedBody {
  std::string table;
  int op = 0;
  std::int64_t key = 0;
  std::string new_body;  // entry INSERT/UPDATE touching body
  bool has_body = false;
};

/// Decodes a changeset with SQLite's own iterator; `body_col` is the entry table's body column.
inline bool decode_changeset(const std::string& stored, const std::string& summary, int body_col,
                             std::vector<ChangedBody>& out, std::string& err) {
  std::string cs;
  try {
    cs = uch::detail::unpack_changeset(stored, summary);  // as kept in the file: maybe deflated
  } catch (const std::exception& e) {
    err = e.what();
    return false;
  }
  if (!well_formed_changeset(cs)) {
    err = "changeset is malformed";
    return false;
  }
  sqlite3_changeset_iter* it = nullptr;
  if (sqlite3changeset_start(&it, static_cast<int>(cs.size()), const_cast<char*>(cs.data())) != SQLITE_OK) {
    err = "changeset does not start";
    return false;
  }
  int rc;
  while ((rc = sqlite3changeset_next(it)) == SQLITE_ROW) {
    const char* table = nullptr;
    int ncol = 0, op = 0, indirect = 0;
    sqlite3changeset_op(it, &table, &ncol, &op, &indirect);
    ChangedBody c;
    c.table = table;
    c.op = op;
    sqlite3_value* v = nullptr;
    if (op == SQLITE_INSERT) sqlite3changeset_new(it, 0, &v);
    else sqlite3changeset_old(it, 0, &v);
    if (v) c.key = sqlite3_value_int64(v);
    if (c.table == "entry" && op != SQLITE_DELETE && body_col < ncol) {
      v = nullptr;
      if (sqlite3changeset_new(it, body_col, &v) == SQLITE_OK && v) {
        c.has_body = true;
        c.new_body = reinterpret_cast<const char*>(sqlite3_value_text(v));
      }
    }
    out.push_back(std::move(c));
  }
  sqlite3changeset_finalize(it);
  if (rc != SQLITE_DONE) {
    err = "changeset iteration failed (" + std::to_string(rc) + ")";
    return false;
  }
  return true;
}

/// The source tables the session extension records.
inline const std::vector<std::string>& source_tables() {
  static const std::vector<std::string> t = {"doc_meta", "entry", "entity", "relation"};
  return t;
}

/// Replays every revision's changeset, in order, into a fresh in-memory copy of the source
/// tables and compares the result with the document's tables. "" when all is well.
inline std::string replay_history(const std::filesystem::path& path) {
  sqlite3* mem = nullptr;
  sqlite3_open_v2("file::memory:", &mem, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_URI, nullptr);
  struct Closer {
    sqlite3* db;
    ~Closer() { sqlite3_close_v2(db); }
  } closer{mem};
  auto exec = [&](const std::string& sql) -> std::string {
    char* e = nullptr;
    if (sqlite3_exec(mem, sql.c_str(), nullptr, nullptr, &e) == SQLITE_OK) return {};
    std::string msg = e ? e : "?";
    sqlite3_free(e);
    return msg;
  };
  std::string p = path.string();
  for (std::size_t at = 0; (at = p.find('\'', at)) != std::string::npos; at += 2) p.insert(at, "'");
  if (auto e = exec("ATTACH 'file:" + p + "?mode=ro' AS doc"); !e.empty()) return "cannot attach: " + e;
  for (const auto& t : source_tables()) {
    sqlite3_stmt* st = nullptr;
    sqlite3_prepare_v2(mem, "SELECT sql FROM doc.sqlite_schema WHERE type = 'table' AND name = ?", -1, &st, nullptr);
    sqlite3_bind_text(st, 1, t.c_str(), -1, SQLITE_TRANSIENT);
    std::string sql;
    if (sqlite3_step(st) == SQLITE_ROW) sql = reinterpret_cast<const char*>(sqlite3_column_text(st, 0));
    sqlite3_finalize(st);
    if (sql.empty()) return "table " + t + " is missing";
    // "CREATE TABLE entry(" -> "CREATE TABLE main.entry(" so it lands in the in-memory copy.
    sql.replace(0, std::string("CREATE TABLE ").size(), "CREATE TABLE main.");
    if (auto e = exec(sql); !e.empty()) return "cannot copy schema of " + t + ": " + e;
  }
  sqlite3_stmt* st = nullptr;
  sqlite3_prepare_v2(mem, "SELECT seq, changeset, summary FROM doc.revision ORDER BY seq", -1, &st, nullptr);
  struct Conflicts {
    int n = 0;
  } conflicts;
  auto on_conflict = [](void* ctx, int, sqlite3_changeset_iter*) -> int {
    static_cast<Conflicts*>(ctx)->n++;
    return SQLITE_CHANGESET_ABORT;
  };
  int rc;
  std::int64_t expect_seq = 1;
  std::string problem;
  while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
    const auto seq = sqlite3_column_int64(st, 0);
    if (seq != expect_seq) {
      problem = "revision " + std::to_string(expect_seq) + " is missing (next is " + std::to_string(seq) + ")";
      break;
    }
    ++expect_seq;
    std::string cs(static_cast<const char*>(sqlite3_column_blob(st, 1)),
                   static_cast<std::size_t>(sqlite3_column_bytes(st, 1)));
    try {
      const auto* summary = reinterpret_cast<const char*>(sqlite3_column_text(st, 2));
      cs = uch::detail::unpack_changeset(std::move(cs), summary ? summary : "");  // as kept in the file
    } catch (const std::exception& e) {
      problem = "revision " + std::to_string(seq) + ": " + e.what();
      break;
    }
    const int n = static_cast<int>(cs.size());
    if (!well_formed_changeset(cs)) {
      problem = "revision " + std::to_string(seq) + "'s changeset is malformed";
      break;
    }
    // Apply only to main.*: the filter refuses nothing, the tables are resolved in "main".
    const int arc = sqlite3changeset_apply(mem, n, cs.data(), nullptr, on_conflict, &conflicts);
    if (arc != SQLITE_OK || conflicts.n) {
      problem = "revision " + std::to_string(seq) + "'s changeset does not apply (rc " + std::to_string(arc) +
                ", " + std::to_string(conflicts.n) + " conflicts)";
      break;
    }
    // The inverse must apply too (undo), and re-applying the forward change restores it.
    void* inv = nullptr;
    int inv_n = 0;
    if (sqlite3changeset_invert(n, cs.data(), &inv_n, &inv) != SQLITE_OK) {
      problem = "revision " + std::to_string(seq) + "'s changeset cannot be inverted";
      break;
    }
    const int irc = sqlite3changeset_apply(mem, inv_n, inv, nullptr, on_conflict, &conflicts);
    const int frc = sqlite3changeset_apply(mem, n, cs.data(), nullptr, on_conflict, &conflicts);
    sqlite3_free(inv);
    if (irc != SQLITE_OK || frc != SQLITE_OK || conflicts.n) {
      problem = "revision " + std::to_string(seq) + "'s inverse does not apply";
      break;
    }
  }
  if (problem.empty() && rc != SQLITE_DONE && rc != SQLITE_ROW) problem = std::string("reading history: ") + sqlite3_errmsg(mem);
  sqlite3_finalize(st);
  if (!problem.empty()) return problem;
  for (const auto& t : source_tables()) {
    sqlite3_stmt* d = nullptr;
    const std::string sql = "SELECT (SELECT count(*) FROM (SELECT * FROM main." + t + " EXCEPT SELECT * FROM doc." + t +
                            ")) + (SELECT count(*) FROM (SELECT * FROM doc." + t + " EXCEPT SELECT * FROM main." + t +
                            "))";
    if (sqlite3_prepare_v2(mem, sql.c_str(), -1, &d, nullptr) != SQLITE_OK) return sqlite3_errmsg(mem);
    const auto diff = sqlite3_step(d) == SQLITE_ROW ? sqlite3_column_int64(d, 0) : -1;
    sqlite3_finalize(d);
    if (diff != 0) return "replaying history does not give table " + t + " (" + std::to_string(diff) + " rows differ)";
  }
  return {};
}

/// Column index of `column` in the entry table (for decoding changesets).
inline int entry_column_index(RawDb& raw, const std::string& column) {
  const auto names = raw.column("SELECT name FROM pragma_table_info('entry')");
  for (std::size_t i = 0; i < names.size(); ++i)
    if (names[i] == column) return static_cast<int>(i);
  return -1;
}

/// Writes all of `data` to fd (pipe records are small: each write is atomic).
inline bool write_all(int fd, const void* data, std::size_t n) {
  const char* p = static_cast<const char*>(data);
  while (n > 0) {
    const ssize_t w = ::write(fd, p, n);
    if (w <= 0) return false;
    p += w;
    n -= static_cast<std::size_t>(w);
  }
  return true;
}

/// Waits for a child and describes how it ended ("exit 0", "signal 9").
inline std::string wait_child(pid_t pid) {
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0) {
  }
  if (WIFEXITED(status)) return "exit " + std::to_string(WEXITSTATUS(status));
  if (WIFSIGNALED(status)) return "signal " + std::to_string(WTERMSIG(status));
  return "unknown";
}

}  // namespace uch::reliability
