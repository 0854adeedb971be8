// Import into an empty document: every row written with prepared statements in one
// transaction, and the derived tables (item keys, links, search index) filled from the document
// in memory, in key order. A new file's import keeps no changeset (kBaselineChangeset); one into an
// existing empty document has the session extension record its rows, as every revision does.
//
// The general write path (store_write.cpp) would, for each of 100,000 entries, look the id
// up twice, decode the whole changeset again to find the touched items, and read each row
// back to index it: 10 s where this takes ~3.
#include <spdlog/spdlog.h>

#include <algorithm>
#include <chrono>
#include <future>
#include <optional>
#include <thread>
#include <unordered_map>
#include <unordered_set>

#include "uchronia/links.hpp"
#include "model/branch_json.hpp"
#include "store/store_impl.hpp"

namespace uch {
using namespace detail;

namespace {

struct ItemKey {
  std::string key;
  std::string_view item;
  // item_key's primary key is (item, key).
  bool operator<(const ItemKey& o) const { return item != o.item ? item < o.item : key < o.key; }
  bool operator==(const ItemKey& o) const { return key == o.key && item == o.item; }
};

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

struct LinkRow {
  std::uint32_t target;  // index into DerivedRowsBuild::targets
  std::string_view src;
  const char* field;
  std::string_view raw;  // the target as written
  std::int64_t ord;      // place among its item's links
};

/// The item keys and links of a whole import, computed from memory (folding and sorting ~700,000
/// strings at 100,000 entries): the keys on the second core while this one writes the rows (then
/// that core builds the search index), the links on this one after the rows, which balances the
/// two. Both come sorted as the tables' b-trees want them: item_key by its key, link by
/// link_target's key.
struct DerivedRowsBuild {
  std::vector<ItemKey> keys;
  std::vector<std::string> targets;  // folded link targets, each once
  std::vector<LinkRow> links;        // in link_target's order: by target, then as written
  std::promise<void> keys_done;

  void run_keys(const Document& doc) noexcept {
    try {
      keys.reserve(doc.entries.size() * 2 + doc.entities.size() * 3);
      std::vector<std::string_view> names;
      auto add_keys = [&](std::string_view item) {
        for (std::string_view name : names) {
          std::string key = fold_name(name);
          if (!key.empty()) keys.push_back({std::move(key), item});
        }
      };
      for (const Entity& e : doc.entities) {
        names_of(e, names);  // the one rule of link resolution
        add_keys(e.id);
      }
      for (const Entry& e : doc.entries) {
        names_of(e, names);
        add_keys(e.id);
      }
      std::sort(keys.begin(), keys.end());
      keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
      keys_done.set_value();
    } catch (...) {
      keys_done.set_exception(std::current_exception());
    }
  }

  void run_links(const Document& doc) {
    // Targets repeat (95,000 distinct among 460,000 links at 100,000 entries): each distinct
    // one is folded into `targets` once, and the links are ordered by its rank with a counting
    // sort, stable, instead of 460,000 string comparisons.
    std::unordered_map<std::string, std::uint32_t> target_index;
    std::vector<LinkView> found;
    std::string folded;
    std::int64_t ord = 0;  // of the item's next link; each item's texts come one after the other
    std::string_view item;
    auto add_links = [&](std::string_view src, const char* field, const std::string& text) {
      if (src.data() != item.data()) ord = 0;
      item = src;
      if (text.find("[[") == std::string::npos) return;
      found.clear();
      parse_links(text, found);
      for (const LinkView& link : found) {
        fold_name(link.target, folded);
        auto [it, added] = target_index.try_emplace(folded, static_cast<std::uint32_t>(targets.size()));
        if (added) targets.push_back(folded);
        links.push_back({it->second, src, field, link.target, ord++});
      }
    };
    for (const Entity& e : doc.entities) add_links(e.id, "notes", e.notes);
    for (const Entry& e : doc.entries) {
      add_links(e.id, "body", e.body);
      add_links(e.id, "otl", e.otl);
      add_links(e.id, "notes", e.notes);
    }
    add_links("#document", "description", doc.description);
    std::vector<std::uint32_t> by_text(targets.size());
    for (std::uint32_t t = 0; t < by_text.size(); ++t) by_text[t] = t;
    std::sort(by_text.begin(), by_text.end(), [&](std::uint32_t a, std::uint32_t b) { return targets[a] < targets[b]; });
    std::vector<std::size_t> start(targets.size() + 1, 0);  // first slot of each target, by rank
    std::vector<std::uint32_t> rank(targets.size());
    for (std::uint32_t r = 0; r < by_text.size(); ++r) rank[by_text[r]] = r;
    for (const LinkRow& link : links) ++start[rank[link.target] + 1];
    for (std::size_t r = 1; r < start.size(); ++r) start[r] += start[r - 1];
    std::vector<LinkRow> sorted(links.size());
    for (const LinkRow& link : links) sorted[start[rank[link.target]]++] = link;
    links = std::move(sorted);
  }
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

/// "INSERT INTO table(every column)", for insert_rows.
std::string insert_into(const char* table, int ncol, const char* (*column_name)(int)) {
  std::string cols;
  for (int c = 0; c < ncol; ++c) cols += (c ? ", \"" : "\"") + std::string(column_name(c)) + "\"";
  return std::string("INSERT INTO ") + table + "(" + cols + ")";
}

/// "?, ?, ..." for `n` parameters.
std::string params(int n) {
  std::string out;
  for (int c = 0; c < n; ++c) out += c ? ", ?" : "?";
  return out;
}

/// Writes `count` rows with INSERTs of `per_statement` rows each: at one statement step per row,
/// stepping costs about as much as SQLite's own insert work (0.5 µs a row; 900,000 rows at
/// 100,000 entries). `bind(statement, first_param, i)` binds row i from parameter `first_param`
/// on; the values must stay valid until that statement runs, at most `per_statement` rows later.
template <class BindRow>
void insert_rows(sqlite3* db, std::string_view into, int ncol, std::size_t count, std::size_t per_statement,
                 BindRow&& bind) {
  const auto sql_for = [&](std::size_t rows) {
    const std::string one = "(" + params(ncol) + ")";
    std::string sql = std::string(into) + " VALUES ";
    for (std::size_t r = 0; r < rows; ++r) sql += (r ? ", " : "") + one;
    return sql;
  };
  std::size_t i = 0;
  const auto run_batch = [&](Statement& st, std::size_t rows) {
    for (std::size_t r = 0; r < rows; ++r, ++i) bind(st, static_cast<int>(r) * ncol + 1, i);
    st.run();
    sqlite3_reset(st.get());
  };
  if (count >= per_statement) {
    Statement full(db, sql_for(per_statement));
    while (count - i >= per_statement) run_batch(full, per_statement);
  }
  if (i < count) {
    Statement rest(db, sql_for(count - i));
    run_batch(rest, count - i);
  }
}



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
  DerivedRowsBuild derived;
  std::future<void> keys_ready = derived.keys_done.get_future();
  // The item keys are folded and sorted on the second core while this one writes the rows.
  std::thread keys_thread([&] { derived.run_keys(doc); });
  struct JoinKeys {
    std::thread& thread;
    ~JoinKeys() { thread.join(); }
  } join_keys{keys_thread};
  // In WAL mode every page of the new document would be written twice, to the log and then to
  // the file, and checksummed. A rollback journal of a new document holds only its few schema
  // pages. Only for Store::create_from's private file: a document killed mid-write with a hot
  // journal cannot be read by a read-only connection (which every open starts with) until a
  // writer rolls it back, and that temporary file is never opened again.
  std::optional<JournalModeForBulkWrite> journal;
  if (private_new_file) journal.emplace(db);
  std::optional<WriteTransaction> tx(std::in_place, *conn);
  {
    Statement& next = stmt("SELECT coalesce(max(seq), 0) + 1 FROM revision");
    next.step();
    pending_seq = next.int64(0);
    next.reset();
  }
  // A new file's import keeps no copy of its rows as a changeset: the rows are that copy until a
  // later revision changes them, and undo and redo rebuild the changeset when they need it
  // (history.cpp). 105 MB less to encode and write at 100,000 entries. An import into an existing
  // (empty) document records its changeset as any revision does.
  const bool baseline = private_new_file;
  // Otherwise the session extension records the rows as they are written, as for any revision.
  std::optional<ChangeRecorder> record;
  if (!baseline) record.emplace(db);
  CommitResult result;
  result.summary = summary;

  // Source rows, with their changeset records.
  {
    Statement& ins = stmt("INSERT INTO doc_meta(key, value) VALUES(?, ?)");
    const std::string extra = document_extra_with_branches(doc);  // the branches live there
    for (const auto& [key, value] : {std::pair<std::string, const std::string*>{"title", &doc.title},
                                     {"description", &doc.description}, {"extra", &extra}}) {
      if (value->empty()) continue;
      ins.reset();
      ins.bind(1, key).bind(2, *value).run();
      result.meta_changed = true;
    }
  }
  // One row per statement here: a multi-row VALUES copies each value once more, which for
  // bodies of up to 2,000 characters costs more than the steps it saves.
  {
    Statement& ins = stmt(insert_into("entry", entry_col::count, entry_column_name) + " VALUES(" + params(entry_col::count) + ")");
    EntryRowView row;
    for (std::size_t i = 0; i < doc.entries.size(); ++i) {
      entry_to_row(doc.entries[i], row);
      row.values[entry_col::key] = entry_keys[i];
      row.values[entry_col::version] = pending_seq;
      ins.reset();
      for (std::size_t c = 0; c < row.values.size(); ++c) {
        const int param = static_cast<int>(c) + 1;
        if (auto* n = std::get_if<std::int64_t>(&row.values[c])) ins.bind(param, *n);
        else if (auto* t = std::get_if<std::string_view>(&row.values[c])) ins.bind_static(param, *t);
        else ins.bind_null(param);
      }
      ins.run();
    }
  }
  {
    Statement& ins = stmt(insert_into("entity", entity_col::count, entity_column_name) + " VALUES(" + params(entity_col::count) + ")");
    std::int64_t key = 0;
    for (const Entity& e : doc.entities) {
      Row row = entity_to_row(e);
      row[entity_col::key] = ++key;
      row[entity_col::version] = pending_seq;
      ins.reset();
      ins.bind(1, key);
      bind_row(ins, row, 2);
      ins.run();
    }
  }
  {
    Statement& ins = stmt("INSERT OR IGNORE INTO relation(key, from_id, type, to_id, extra) VALUES(?, ?, ?, ?, ?)");
    std::int64_t key = 0;
    for (const Relation& r : doc.relations) {
      const std::string type = to_string(r.type);
      ins.reset();
      ins.bind(1, key + 1).bind_static(2, r.from).bind_static(3, type).bind_static(4, r.to).bind_static(5, r.extra);
      ins.run();
      if (!sqlite3_changes(db)) continue;  // a repeated relation is kept once
      ++key;
      result.relations_changed = true;
    }
  }

  const std::string changeset = baseline ? std::string(kBaselineChangeset) : pack_changeset(record->changeset(), summary);
  record.reset();
  clock.lap("rows");
  // Secondary indexes of the derived tables are built after their rows, by one sort each:
  // cheaper than 700,000 inserts at random places (the tables were empty, so nothing is lost).
  // link_target stays: the links come sorted by its key, so it grows by appends. (item_key has
  // no index besides its key: its rows come sorted by that.)
  std::vector<std::pair<std::string, std::string>> late_indexes;  // name, the schema's own SQL
  {
    Statement st(db, "SELECT name, sql FROM sqlite_schema WHERE type = 'index' AND tbl_name IN ('item_key', 'link') "
                     "AND name != 'link_target' AND sql IS NOT NULL");
    while (st.step()) late_indexes.emplace_back(st.text(0), st.text(1));
  }
  for (const auto& [name, sql] : late_indexes) exec(db, ("DROP INDEX \"" + name + "\"").c_str());
  derived.run_links(doc);
  clock.lap("links folded and sorted");
  keys_ready.get();
  clock.lap("waiting for item keys");
  insert_rows(db, "INSERT INTO item_key(key, item)", 2, derived.keys.size(), 256,
              [&](Statement& ins, int first, std::size_t i) {
                ins.bind_static(first, derived.keys[i].key).bind_static(first + 1, derived.keys[i].item);
              });
  clock.lap("item keys");
  insert_rows(db, "INSERT INTO link(src, field, target_key, target, ord)", 5, derived.links.size(), 256,
              [&](Statement& ins, int first, std::size_t i) {
                const LinkRow& link = derived.links[i];
                ins.bind_static(first, link.src).bind_static(first + 1, link.field)
                    .bind_static(first + 2, derived.targets[link.target]).bind_static(first + 3, link.raw)
                    .bind(first + 4, link.ord);
              });
  clock.lap("links inserted");
  for (const auto& [name, sql] : late_indexes) exec(db, sql.c_str());
  clock.lap("links");
  // The revision, its items (sorted: the item index is built by appends) and the undo stack.
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
    insert_rows(db, "INSERT INTO revision_item(item, seq, op, tbl, rowkey)", 5, items.size(), 128,
                [&](Statement& ins, int first, std::size_t i) {
                  ins.bind_static(first, items[i].id).bind(first + 1, result.seq).bind_static(first + 2, "created")
                      .bind_static(first + 3, items[i].table).bind(first + 4, items[i].rowkey);
                });
  }
  stmt("INSERT INTO undo_stack(seq) VALUES(?)").bind(1, result.seq).run();
  stmt("DELETE FROM redo_stack").run();
  // Nothing keeps a pointer into `doc` or `changeset` past this point.
  for (auto& [sql, st] : statements) st->reset();
  note_commit();
  clock.lap("revision");
  // The search index, written through FTS5 itself.
  {
    Statement& ins = stmt("INSERT INTO entry_fts(rowid, title, body, otl) VALUES(?, ?, ?, ?)");
    for (std::size_t i = 0; i < doc.entries.size(); ++i) {
      const Entry& e = doc.entries[i];
      ins.reset();
      ins.bind(1, entry_keys[i]).bind_static(2, e.title).bind_static(3, e.body).bind_static(4, e.otl).run();
    }
    ins.reset();
  }
  clock.lap("search index");
  tx->commit();
  clock.lap("commit");
  return result;
}

}  // namespace uch
