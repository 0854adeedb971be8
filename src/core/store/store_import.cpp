// Import into an empty document: every row written with prepared statements in one
// transaction, its revision's changeset encoded from those rows, and the derived tables
// (item keys, links, search index) filled from the document in memory, in key order.
//
// The general write path (store_write.cpp) would, for each of 100,000 entries, look the id
// up twice, let the session extension copy the row, decode the whole changeset again to
// find the touched items, and read each row back to index it: 10 s where this takes ~3.
#include <spdlog/spdlog.h>

#include <algorithm>
#include <chrono>
#include <optional>
#include <unordered_set>

#include "uchronia/links.hpp"
#include "store/store_impl.hpp"

namespace uch {
using namespace detail;

namespace {

struct ItemKey {
  std::string key;
  std::string_view item;
  bool operator<(const ItemKey& o) const { return key != o.key ? key < o.key : item < o.item; }
  bool operator==(const ItemKey& o) const { return key == o.key && item == o.item; }
};

/// Binds every column of `row` but the first (the key, bound by the caller) without copying.
void bind_row(Statement& st, const Row& row, int first_param) {
  for (std::size_t c = 1; c < row.size(); ++c) {
    const int param = first_param + static_cast<int>(c) - 1;
    if (auto* i = std::get_if<std::int64_t>(&row[c])) st.bind(param, *i);
    else if (auto* t = std::get_if<std::string>(&row[c])) st.bind_static(param, *t);
    else st.bind_null(param);
  }
}

std::string insert_sql(const char* table, int ncol, const char* (*column_name)(int)) {
  std::string cols, marks;
  for (int c = 0; c < ncol; ++c) {
    cols += (c ? ", \"" : "\"") + std::string(column_name(c)) + "\"";
    marks += c ? ", ?" : "?";
  }
  return std::string("INSERT INTO ") + table + "(" + cols + ") VALUES(" + marks + ")";
}

std::vector<bool> key_column_only(int ncol) {
  std::vector<bool> pk(static_cast<std::size_t>(ncol), false);
  pk[0] = true;
  return pk;
}

/// Logs (debug) how long each phase of an import took: `uchronia --verbose import ...`.
class PhaseClock {
 public:
  void lap(const char* phase) {
    const auto now = std::chrono::steady_clock::now();
    spdlog::debug("import: {} {:.0f} ms", phase, std::chrono::duration<double, std::milli>(now - last_).count());
    last_ = now;
  }

 private:
  std::chrono::steady_clock::time_point last_ = std::chrono::steady_clock::now();
};

/// Rollback journal for the life of this object, if this is the file's only connection.
class JournalModeForBulkWrite {
 public:
  explicit JournalModeForBulkWrite(sqlite3* db) : db_(db) {
    if (mode(db_) != "wal") return;
    switched_ = mode(db_, "truncate") == "truncate";
  }
  ~JournalModeForBulkWrite() {
    if (switched_) sqlite3_exec(db_, "PRAGMA journal_mode = WAL", nullptr, nullptr, nullptr);
  }

 private:
  static std::string mode(sqlite3* db, const char* wanted = nullptr) {
    Statement st(db, wanted ? std::string("PRAGMA journal_mode = ") + wanted : std::string("PRAGMA journal_mode"));
    return st.step() ? st.text(0) : std::string();
  }
  sqlite3* db_;
  bool switched_ = false;
};

}  // namespace

bool Store::Impl::source_tables_empty() {
  Statement st(db,
               "SELECT (SELECT count(*) FROM entry) + (SELECT count(*) FROM entity) + "
               "(SELECT count(*) FROM relation) + (SELECT count(*) FROM doc_meta)");
  return st.step() && st.int64(0) == 0;
}

CommitResult Store::Impl::import_into_empty(const Document& doc, const std::string& author,
                                            const std::string& summary) {
  // Refuse bad items before anything is written, with the messages of the general path.
  {
    std::unordered_set<std::string_view> ids;
    ids.reserve(doc.entries.size() + doc.entities.size());
    for (const Entity& e : doc.entities) {
      check_id(e.id);
      if (e.name.empty()) throw Error("entity '" + e.id + "' needs a name");
      if (!ids.insert(e.id).second) throw Error("id '" + e.id + "' is used by two entities; ids are unique");
    }
    for (const Entry& e : doc.entries) {
      check_id(e.id);
      if (e.title.empty()) throw Error("entry '" + e.id + "' needs a title");
      if (!ids.insert(e.id).second)
        throw Error("id '" + e.id + "' is already used by an entity or another entry; ids are unique across entries and entities");
    }
  }

  PhaseClock clock;
  // Rows get keys 1, 2, 3... in document order (the tables are empty): every b-tree insert is an append.
  std::vector<std::int64_t> entry_keys(doc.entries.size());
  for (std::size_t i = 0; i < entry_keys.size(); ++i) entry_keys[i] = static_cast<std::int64_t>(i) + 1;
  std::string fts_sql;
  {
    Statement st(db, "SELECT sql FROM sqlite_schema WHERE type = 'table' AND name = 'entry_fts'");
    if (!st.step()) throw Error("the document has no search index table");
    fts_sql = st.text(0);
  }
  SearchIndexBuild search_index(fts_sql, doc.entries, entry_keys);
  // In WAL mode every page of the new document would be written twice, to the log and then to
  // the file, and checksummed. A rollback journal of a new document holds only its few schema
  // pages. Only for Store::create_from's private file: a document killed mid-write with a hot
  // journal cannot be read by a read-only connection (which every open starts with) until a
  // writer rolls it back, and that temporary file is never opened again.
  std::optional<JournalModeForBulkWrite> journal;
  if (private_new_file) journal.emplace(db);
  WriteTransaction tx(db);
  {
    Statement& next = stmt("SELECT coalesce(max(seq), 0) + 1 FROM revision");
    next.step();
    pending_seq = next.int64(0);
    next.reset();
  }
  InsertChangesetWriter changes;
  CommitResult result;
  result.summary = summary;

  // Source rows, with their changeset records.
  {
    changes.table("doc_meta", {true, false});
    Statement& ins = stmt("INSERT INTO doc_meta(key, value) VALUES(?, ?)");
    for (const auto& [key, value] : {std::pair<std::string, const std::string*>{"title", &doc.title},
                                     {"description", &doc.description}, {"extra", &doc.extra}}) {
      if (value->empty()) continue;
      ins.reset();
      ins.bind(1, key).bind(2, *value).run();
      changes.insert(Row{key, *value});
      result.meta_changed = true;
    }
  }
  {
    changes.table("entry", key_column_only(entry_col::count));
    Statement& ins = stmt(insert_sql("entry", entry_col::count, entry_column_name));
    for (std::size_t i = 0; i < doc.entries.size(); ++i) {
      Row row = entry_to_row(doc.entries[i]);
      row[entry_col::key] = entry_keys[i];
      row[entry_col::version] = pending_seq;
      ins.reset();
      ins.bind(1, entry_keys[i]);
      bind_row(ins, row, 2);
      ins.run();
      changes.insert(row);
    }
  }
  {
    changes.table("entity", key_column_only(entity_col::count));
    Statement& ins = stmt(insert_sql("entity", entity_col::count, entity_column_name));
    std::int64_t key = 0;
    for (const Entity& e : doc.entities) {
      Row row = entity_to_row(e);
      row[entity_col::key] = ++key;
      row[entity_col::version] = pending_seq;
      ins.reset();
      ins.bind(1, key);
      bind_row(ins, row, 2);
      ins.run();
      changes.insert(row);
    }
  }
  {
    changes.table("relation", key_column_only(5));
    Statement& ins = stmt("INSERT OR IGNORE INTO relation(key, from_id, type, to_id, extra) VALUES(?, ?, ?, ?, ?)");
    std::int64_t key = 0;
    for (const Relation& r : doc.relations) {
      const std::string type = to_string(r.type);
      ins.reset();
      ins.bind(1, key + 1).bind_static(2, r.from).bind_static(3, type).bind_static(4, r.to).bind_static(5, r.extra);
      ins.run();
      if (!sqlite3_changes(db)) continue;  // a repeated relation is kept once
      ++key;
      changes.insert(Row{key, r.from, type, r.to, r.extra});
      result.relations_changed = true;
    }
  }

  clock.lap("rows");
  // Secondary indexes of the derived tables are built after their rows, by one sort each:
  // cheaper than 700,000 inserts at random places (the tables were empty, so nothing is lost).
  std::vector<std::pair<std::string, std::string>> late_indexes;  // name, the schema's own SQL
  {
    Statement st(db, "SELECT name, sql FROM sqlite_schema WHERE type = 'index' AND tbl_name IN ('item_key', 'link') "
                     "AND sql IS NOT NULL");
    while (st.step()) late_indexes.emplace_back(st.text(0), st.text(1));
  }
  for (const auto& [name, sql] : late_indexes) exec(db, ("DROP INDEX \"" + name + "\"").c_str());
  // Derived rows, from memory. Item keys are sorted first so that their b-tree is built by appends.
  {
    std::vector<ItemKey> keys;
    keys.reserve(doc.entries.size() * 2 + doc.entities.size() * 3);
    auto add_key = [&](std::string_view text, std::string_view item) {
      std::string key = fold_name(text);
      if (!key.empty()) keys.push_back({std::move(key), item});
    };
    for (const Entity& e : doc.entities) {
      add_key(e.id, e.id);
      add_key(e.name, e.id);
      for (const std::string& alias : e.aliases) add_key(alias, e.id);
    }
    for (const Entry& e : doc.entries) {
      add_key(e.id, e.id);
      add_key(e.title, e.id);
    }
    std::sort(keys.begin(), keys.end());
    keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
    Statement& ins = stmt("INSERT INTO item_key(key, item) VALUES(?, ?)");
    for (const ItemKey& k : keys) {
      ins.reset();
      ins.bind_static(1, k.key).bind_static(2, k.item).run();
    }
  }
  clock.lap("item keys");
  {
    Statement& ins = stmt("INSERT INTO link(src, field, target_key) VALUES(?, ?, ?)");
    std::vector<LinkView> links;
    std::string target;
    auto add_links = [&](const std::string& src, const char* field, const std::string& text) {
      if (text.find("[[") == std::string::npos) return;
      links.clear();
      parse_links(text, links);
      for (const LinkView& link : links) {
        fold_name(link.target, target);
        ins.reset();
        ins.bind_static(1, src).bind_static(2, field).bind(3, target).run();
      }
    };
    for (const Entity& e : doc.entities) add_links(e.id, "notes", e.notes);
    for (const Entry& e : doc.entries) {
      add_links(e.id, "body", e.body);
      add_links(e.id, "otl", e.otl);
      add_links(e.id, "notes", e.notes);
    }
    add_links("#document", "description", doc.description);
  }
  for (const auto& [name, sql] : late_indexes) exec(db, sql.c_str());
  clock.lap("links");
  search_index.copy_into(db, "entry_fts");
  clock.lap("search index");
  // The revision, its items (sorted: the item index is built by appends) and the undo stack.
  const std::string changeset = pack_changeset(changes.take());
  {
    Statement& ins = stmt("INSERT INTO revision(time, author, summary, kind, target, changeset) VALUES(?, ?, ?, ?, NULL, ?)");
    ins.bind(1, utc_now()).bind(2, author).bind(3, summary).bind(4, "import");
    sqlite3_bind_blob(ins.get(), 5, changeset.data(), static_cast<int>(changeset.size()), SQLITE_STATIC);
    ins.run();
    ins.reset();
    result.seq = sqlite3_last_insert_rowid(db);
  }
  {
    struct Item {
      std::string_view id;
      const char* table;
      std::int64_t rowkey;
    };
    std::vector<Item> items;
    items.reserve(doc.entries.size() + doc.entities.size());
    for (std::size_t i = 0; i < doc.entities.size(); ++i) items.push_back({doc.entities[i].id, "entity", std::int64_t(i) + 1});
    for (std::size_t i = 0; i < doc.entries.size(); ++i) items.push_back({doc.entries[i].id, "entry", entry_keys[i]});
    // The caller's order (entities, then entries, by key) is the general path's.
    for (const Item& item : items) result.changed_items.emplace_back(item.id);
    std::sort(items.begin(), items.end(), [](const Item& a, const Item& b) { return a.id < b.id; });
    Statement& ins = stmt("INSERT INTO revision_item(item, seq, op, tbl, rowkey) VALUES(?, ?, 'created', ?, ?)");
    for (const Item& item : items) {
      ins.reset();
      ins.bind_static(1, item.id).bind(2, result.seq).bind_static(3, item.table).bind(4, item.rowkey).run();
    }
  }
  stmt("INSERT INTO undo_stack(seq) VALUES(?)").bind(1, result.seq).run();
  stmt("DELETE FROM redo_stack").run();
  // Nothing keeps a pointer into `doc` or `changeset` past this point.
  for (auto& [sql, st] : statements) st->reset();
  note_commit();
  clock.lap("revision");
  tx.commit();
  clock.lap("commit");
  return result;
}

}  // namespace uch
