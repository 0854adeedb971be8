// Building the full-text index of a whole import on the other core.
//
// Tokenizing and indexing 100,000 entries costs FTS5 about 1.6 s of CPU, as long as all the
// other import work together. It cannot run on the document's connection while that one
// writes, so it runs on a private in-memory database made with the same CREATE VIRTUAL TABLE.
// An FTS5 index lives in ordinary "shadow" tables whose rows do not depend on the database that
// holds them, so copying those rows into the document's (empty) index gives the same index.
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
}

}  // namespace uch::detail
