// The search index reads its text from the entry table (migration 002), so every write must
// tell FTS5 exactly the text it indexed before: a wrong word list corrupts the index silently
// (searches that find deleted words, or miss new ones, and ranks from wrong lengths). These
// tests compare the index, token by token, with one built afresh from the entries.
#include <doctest/doctest.h>
#include <sqlite3.h>

#include <algorithm>
#include <random>

#include "store/store_impl.hpp"  // white-box: the first migration alone, the application id
#include "raw_db.hpp"
#include "store_test_util.hpp"
#include "uchronia/generate.hpp"

using namespace uch;
using namespace uch::test;

namespace {

/// A read-write raw connection whose statements must succeed.
struct Raw : RawDb {
  explicit Raw(const std::filesystem::path& p) : RawDb(p, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE) {}
  void run(const std::string& sql) const {
    INFO(sql);
    REQUIRE(RawDb::run(sql) == "");
  }
};

/// Compares the document's index with one built now from its entry rows: every token instance,
/// every row's length, and bm25 (which reads the index's totals) for a few common words.
void require_index_matches_entries(const std::filesystem::path& doc) {
  Raw raw(doc);
  raw.run("CREATE VIRTUAL TABLE temp.fresh USING fts5(title, body, otl, tokenize = 'unicode61 remove_diacritics 2');"
          "INSERT INTO temp.fresh(rowid, title, body, otl) SELECT key, title, body, otl FROM main.entry;"
          "CREATE VIRTUAL TABLE temp.ours_vocab USING fts5vocab(main, entry_fts, instance);"
          "CREATE VIRTUAL TABLE temp.fresh_vocab USING fts5vocab(temp, fresh, instance);");
  const char* order = " ORDER BY 1, 2, 3, 4";
  CHECK(raw.rows(std::string("SELECT term, doc, col, offset FROM temp.ours_vocab") + order) ==
        raw.rows(std::string("SELECT term, doc, col, offset FROM temp.fresh_vocab") + order));
  CHECK(raw.rows("SELECT id, hex(sz) FROM main.entry_fts_docsize ORDER BY id") ==
        raw.rows("SELECT id, hex(sz) FROM temp.fresh_docsize ORDER BY id"));
  for (const char* word : {"the", "war", "treaty", "of"}) {
    CAPTURE(word);
    CHECK(raw.rows(std::string("SELECT rowid, round(bm25(entry_fts), 9) FROM main.entry_fts WHERE entry_fts MATCH '") +
                   word + "' ORDER BY rowid") ==
          raw.rows(std::string("SELECT rowid, round(bm25(fresh), 9) FROM temp.fresh WHERE fresh MATCH '") + word +
                   "' ORDER BY rowid"));
  }
  raw.run("INSERT INTO main.entry_fts(entry_fts) VALUES('integrity-check')");
}

}  // namespace

TEST_CASE("the search index holds exactly the entries' text after any mix of edits, undo, redo and restore") {
  TempDir dir;
  const auto path = dir / "doc.uchronia";
  const Document doc = generate_timeline({.entries = 60, .entities = 12, .seed = 5});
  std::mt19937 rng(20261125);
  std::vector<std::pair<std::string, std::int64_t>> touched;  // (id, revision) for restore
  {
    Store store = Store::create_from(path, doc, "t");
    require_index_matches_entries(path);
    auto pick = [&](std::size_t n) { return static_cast<std::size_t>(rng() % n); };
    const std::vector<std::string> words = {"treaty", "война", "Zürich", "[[" + doc.entities[0].name + "]]", "the"};
    for (int step = 0; step < 150; ++step) {
      CAPTURE(step);
      const Document now = store.load();
      try {
        switch (pick(8)) {
          case 0:
          case 1:
          case 2: {  // change one or more indexed fields (or none: a date or notes edit)
            if (now.entries.empty()) break;
            Entry e = now.entries[pick(now.entries.size())];
            const auto what = pick(5);
            if (what == 0) e.title = words[pick(words.size())] + " " + std::to_string(step);
            if (what == 1) e.body += " " + words[pick(words.size())];
            if (what == 2) e.otl = what == 2 && e.otl.empty() ? "otl " + words[pick(words.size())] : "";
            if (what == 3) e.notes += " note";
            if (what == 4) {
              e.title += " x";
              e.body = words[pick(words.size())];
            }
            const auto r = store.commit(Edit().put_entry(e), "t");
            touched.emplace_back(e.id, r.seq);
            break;
          }
          case 3: {  // a new entry, or one removed
            if (pick(2) == 0 && !now.entries.empty()) {
              store.commit(Edit().remove_item(now.entries[pick(now.entries.size())].id), "t");
            } else {
              const auto r = store.commit(Edit().put_entry(make_entry("new-" + std::to_string(step), "1900",
                                                                      "New " + words[pick(words.size())], "the war")),
                                          "t");
              touched.emplace_back("new-" + std::to_string(step), r.seq);
            }
            break;
          }
          case 4:
          case 5:
            if (store.can_undo()) store.undo("t");
            break;
          case 6:
            if (store.can_redo()) store.redo("t");
            break;
          case 7:
            if (!touched.empty()) {
              const auto& [id, seq] = touched[pick(touched.size())];
              store.restore(id, seq, "t");
            }
            break;
        }
      } catch (const ConflictError&) {
        // An undo blocked by a later change: nothing was written.
      }
      if (step % 10 == 9) require_index_matches_entries(path);
    }
    require_index_matches_entries(path);
    store.rebuild_derived();
  }
  require_index_matches_entries(path);
}

TEST_CASE("a document from before migration 002 is upgraded when opened (search index, item keys), and reads before that") {
  TempDir dir;
  const auto path = dir / "old.uchronia";
  {
    Raw raw(path);
    raw.run(std::string(detail::migrations().front()));
    raw.run("PRAGMA application_id = " + std::to_string(detail::kApplicationId) + "; PRAGMA user_version = 1;"
            "INSERT INTO entry(key, id, lower, upper, title, body) VALUES(1, 'e1', 0, 0, 'Quokka treaty', 'signed at Perth');"
            "INSERT INTO entry_fts(rowid, title, body, otl) VALUES(1, 'Quokka treaty', 'signed at Perth', '');"
            "INSERT INTO entry(key, id, lower, upper, title, body) VALUES(2, 'e2', 0, 0, 'Aftermath', 'After the [[Quokka treaty]].');"
            "INSERT INTO entry_fts(rowid, title, body, otl) VALUES(2, 'Aftermath', 'After the [[Quokka treaty]].', '');"
            "INSERT INTO item_key(key, item) VALUES('e1', 'e1'), ('quokka treaty', 'e1'), ('e2', 'e2'), ('aftermath', 'e2');"
            "INSERT INTO link(src, field, target_key) VALUES('e2', 'body', 'quokka treaty');");
  }
  {
    Store read_only = Store::open(path, {.read_only = true});
    CHECK(read_only.search("perth") == std::vector<std::string>{"e1"});
    CHECK(read_only.linked_from("e1") == std::vector<std::string>{"e2"});
  }
  {
    Store store = Store::open(path);
    CHECK(store.search("perth") == std::vector<std::string>{"e1"});
    CHECK(store.linked_from("e1") == std::vector<std::string>{"e2"});
    Entry e = store.entry("e1")->value;
    e.body = "signed at Albany";
    store.commit(Edit().put_entry(e), "t");
    CHECK(store.search("perth").empty());
    CHECK(store.search("albany") == std::vector<std::string>{"e1"});
    e.title = "Wombat treaty";  // its old name leaves item_key, the new one comes in
    store.commit(Edit().put_entry(e), "t");
    CHECK(store.linked_from("e1").empty());
    Entry after = store.entry("e2")->value;
    after.body = "After the [[Wombat treaty]].";
    store.commit(Edit().put_entry(after), "t");
    CHECK(store.linked_from("e1") == std::vector<std::string>{"e2"});
  }
  Raw raw(path);
  CHECK(raw.rows("SELECT name FROM sqlite_schema WHERE name IN ('entry_fts_content', 'item_key_item')").empty());
  CHECK(raw.rows("SELECT item, key FROM item_key ORDER BY 1, 2") ==
        std::vector<std::string>{"e1|e1", "e1|wombat treaty", "e2|aftermath", "e2|e2"});
  CHECK(raw.rows("PRAGMA quick_check") == std::vector<std::string>{"ok"});
  CHECK(raw.rows("PRAGMA user_version") == std::vector<std::string>{std::to_string(detail::migrations().size())});
  require_index_matches_entries(path);
}
