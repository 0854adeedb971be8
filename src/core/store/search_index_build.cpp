// Building the full-text index of a whole import on the other core.
//
// Tokenizing and indexing 100,000 entries costs FTS5 about 1.6 s of CPU, as long as all the
// other import work together. It cannot run on the document's connection while that one
// writes, so it runs on a private in-memory database made with the same CREATE VIRTUAL TABLE.
// An FTS5 index lives in ordinary "shadow" tables whose rows do not depend on the database that
// holds them, so copying those rows into the document's (empty) index gives the same index.
#include <optional>
#include <string_view>

#include "store/store_impl.hpp"

namespace uch::detail {

namespace {

/// The shadow tables of the virtual table `name` in `db`.
std::vector<std::string> shadow_tables(sqlite3* db, const std::string& name) {
  std::vector<std::string> out;
  Statement st(db, "SELECT name FROM sqlite_schema WHERE type = 'table' AND name LIKE ? ESCAPE '\\'");
  std::string pattern;
  for (char c : name) pattern += (c == '_' || c == '%' || c == '\\') ? std::string("\\") + c : std::string(1, c);
  st.bind(1, pattern + "\\_%");
  while (st.step()) out.push_back(st.text(0));
  return out;
}

std::string quote_identifier(const std::string& name) {
  std::string out = "\"";
  for (char c : name) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

// FTS5's structure record (row 10 of %_data) in the layout SQLite 3.40 writes: a 4-byte cookie,
// then varints: levels, segments, a write counter, and per level its merge count, its segment
// count and each segment's id, first and last page. Varints are SQLite's (7 bits a byte, most
// significant first, a 9th byte of 8 bits).
constexpr std::int64_t kStructureRowid = 10;

bool get_varint(std::string_view in, std::size_t& at, std::uint64_t& v) {
  v = 0;
  for (int k = 0; k < 9; ++k) {
    if (at >= in.size()) return false;
    const auto c = static_cast<unsigned char>(in[at++]);
    if (k == 8) {
      v = (v << 8) | c;
      return true;
    }
    v = (v << 7) | (c & 0x7f);
    if (c < 0x80) return true;
  }
  return false;
}

bool put_varint(std::uint64_t v, std::string& out) {
  if (v >> 56) return false;  // the 9-byte form: never needed here
  append_sqlite_varint(v, out);
  return true;
}

/// The structure record with every segment moved to level `level` (oldest first), or nullopt
/// when the record is not in the layout above or a merge is in progress (its half-written
/// output segment must stay where it is).
std::optional<std::string> structure_at_level(std::string_view record, std::uint64_t level) {
  if (record.size() < 8 || record.substr(4, 4) == std::string_view("\xFF\x00\x00\x01", 4)) return std::nullopt;
  std::size_t at = 4;
  std::uint64_t nlevel = 0, nsegment = 0, counter = 0;
  if (!get_varint(record, at, nlevel) || !get_varint(record, at, nsegment) || !get_varint(record, at, counter))
    return std::nullopt;
  if (nlevel > 64 || level + 1 < nlevel) return std::nullopt;  // already as high (or malformed)
  std::vector<std::vector<std::uint64_t>> levels(nlevel);  // per level: id, first, last, id, ...
  for (auto& segments : levels) {
    std::uint64_t merging = 0, count = 0;
    if (!get_varint(record, at, merging) || !get_varint(record, at, count) || merging != 0 || count > nsegment)
      return std::nullopt;
    segments.resize(count * 3);
    for (auto& v : segments)
      if (!get_varint(record, at, v)) return std::nullopt;
  }
  if (at != record.size()) return std::nullopt;
  std::string out(record.substr(0, 4));
  bool ok = put_varint(level + 1, out) && put_varint(nsegment, out) && put_varint(counter, out);
  for (std::uint64_t l = 0; l < level; ++l) ok = ok && put_varint(0, out) && put_varint(0, out);
  ok = ok && put_varint(0, out) && put_varint(nsegment, out);
  std::uint64_t placed = 0;
  for (auto it = levels.rbegin(); it != levels.rend(); ++it) {  // the highest level holds the oldest
    for (std::uint64_t v : *it) ok = ok && put_varint(v, out);
    placed += it->size() / 3;
  }
  if (!ok || placed != nsegment) return std::nullopt;
  return out;
}

}  // namespace

SearchIndexBuild::SearchIndexBuild(const std::string& create_sql, const std::vector<Entry>& entries,
                                   const std::vector<std::int64_t>& keys, std::function<void()> first) {
  if (sqlite3_open_v2(":memory:", &mem_, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr) != SQLITE_OK) {
    error_ = "cannot build the search index: out of memory";
    return;
  }
  thread_ = std::thread([this, create_sql, &entries, &keys, first = std::move(first)] {
    if (first) first();  // reports its own errors
    try {
      exec(mem_, create_sql.c_str());
      // A 64 MB in-memory term table instead of FTS5's 1 MB: far fewer segments to write and merge
      // (a third less CPU at 100,000 entries). A setting of this private copy only: copy_into
      // leaves the document's own configuration alone.
      exec(mem_, "INSERT INTO entry_fts(entry_fts, rank) VALUES('hashsize', 67108864)");
      exec(mem_, "BEGIN");
      // Rising rowids: FTS5 keeps one growing in-memory segment instead of flushing at each step back.
      Statement ins(mem_, "INSERT INTO entry_fts(rowid, title, body, otl) VALUES(?, ?, ?, ?)");
      for (std::size_t i = 0; i < entries.size(); ++i) {
        const Entry& e = entries[i];
        ins.reset();
        ins.bind(1, keys[i]).bind_static(2, e.title).bind_static(3, e.body).bind_static(4, e.otl).run();
      }
      ins.reset();
      exec(mem_, "COMMIT");
    } catch (const std::exception& e) {
      error_ = e.what();
    }
  });
}

SearchIndexBuild::~SearchIndexBuild() {
  if (thread_.joinable()) thread_.join();
  if (mem_) sqlite3_close_v2(mem_);
}

void SearchIndexBuild::copy_into(sqlite3* db, const std::string& table) {
  if (thread_.joinable()) thread_.join();
  if (!error_.empty()) throw Error("cannot build the search index: " + error_);
  // The shadow tables are read-only to SQL in defensive mode; lift it for this copy only.
  int defensive = 1;
  sqlite3_db_config(db, SQLITE_DBCONFIG_DEFENSIVE, -1, &defensive);
  sqlite3_db_config(db, SQLITE_DBCONFIG_DEFENSIVE, 0, nullptr);
  struct Restore {
    sqlite3* db;
    int defensive;
    ~Restore() { sqlite3_db_config(db, SQLITE_DBCONFIG_DEFENSIVE, defensive, nullptr); }
  } restore{db, defensive};
  const std::vector<std::string> ours = shadow_tables(db, table), built = shadow_tables(mem_, table);
  if (ours != built) throw Error("cannot build the search index: its tables differ from the document's");
  for (const std::string& name : built) {
    if (name.ends_with("_config")) continue;  // the document's settings stay the document's
    const std::string quoted = quote_identifier(name);
    exec(db, ("DELETE FROM main." + quoted).c_str());
    Statement sel(mem_, "SELECT * FROM " + quoted);
    std::string marks;
    for (int c = 0; c < sel.columns(); ++c) marks += c ? ", ?" : "?";
    Statement ins(db, "INSERT INTO main." + quoted + " VALUES(" + marks + ")");
    while (sel.step()) {
      ins.reset();
      for (int c = 0; c < sel.columns(); ++c) sqlite3_bind_value(ins.get(), c + 1, sqlite3_column_value(sel.get(), c));
      ins.run();
    }
    ins.reset();
  }
  // FTS5 merges an index level by level, and the built index is one segment at level 0: the
  // first edits' small segments would be merged with it, rewriting all of it (~45 MB at 100,000
  // entries) and again at each level they climb, six times in 10,000 edits. At level
  // kImportedIndexLevel the edits' segments merge among themselves for about 4^10 commits.
  Statement sel(db, "SELECT block FROM main." + quote_identifier(table + "_data") + " WHERE id = ?");
  sel.bind(1, kStructureRowid);
  if (!sel.step()) return;
  const auto* data = static_cast<const char*>(sqlite3_column_blob(sel.get(), 0));
  const auto moved = structure_at_level(
      std::string_view(data ? data : "", static_cast<std::size_t>(sqlite3_column_bytes(sel.get(), 0))),
      kImportedIndexLevel);
  sel.reset();
  if (!moved) return;  // another layout: the index works as built, only merges cost more
  Statement upd(db, "UPDATE main." + quote_identifier(table + "_data") + " SET block = ? WHERE id = ?");
  upd.bind_blob(1, *moved).bind(2, kStructureRowid).run();
}

}  // namespace uch::detail
