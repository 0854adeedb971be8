// Reading a document: the streamed JSON export is the text write_interchange_json(load()) gives,
// whatever the rows hold; search ranks exactly as FTS5's bm25() ranks, ties by rowid.
#include <doctest/doctest.h>
#include <sqlite3.h>

#include "raw_db.hpp"
#include "store_test_util.hpp"
#include "uchronia/generate.hpp"
#include "uchronia/interchange.hpp"

using namespace uch;
using namespace uch::test;

namespace {

/// Every field and every kind of date that orders entries differently.
Document varied_document() {
  Document doc;
  doc.title = "Varied \"quoted\" title";
  doc.description = "Line one\nline two";
  doc.extra = R"({"x-custom":{"b":[1,2],"a":"\u0001"}})";
  for (int i = 0; i < 12; ++i) {
    Entity p = make_person("p" + std::to_string(11 - i), "Person " + std::to_string(i));
    if (i % 2 == 0) p.aliases = {"Лицо " + std::to_string(i), "a \"b\" \\ c"};
    if (i % 3 == 0) p.calendar = Calendar::Julian;
    if (i % 4 == 0) p.acknowledged = {{"ref.ambiguous", "on purpose"}, {"date.missing", ""}};
    if (i % 5 == 0) p.extra = R"({"x-rank":3})";
    p.kind = static_cast<EntityKind>(i % 4);
    doc.entities.push_back(p);
  }
  const char* dates[] = {"1920", "1920-06", "1920-06-11", "1917/1922", "1984?", "2004-06~", "201X", "2001-21",
                         "-0479", "../1985", "1985/..", "", "not a date", "1920-02-30", "1920", "1920-06"};
  for (int i = 0; i < 64; ++i) {
    // Ids that sort differently from the dates, so that the order really is by date first.
    Entry e = make_entry("e" + std::to_string((i * 37) % 64), dates[i % 16], "Entry " + std::to_string(i),
                         "Body of [[Person " + std::to_string(i % 12) + "]]: Ελληνικά, русский, \t tab.");
    if (i % 3 == 0) e.tags = {"t" + std::to_string(i % 5), "with \"quote\"", "back\\slash", "é"};
    if (i % 5 == 0) e.otl = "In our timeline…";
    if (i % 7 == 0) e.notes = "Notes\r\n";
    if (i % 4 == 0) e.series = Series{"Congress", i - 10};
    if (i % 8 == 0) e.calendar = Calendar::Julian;
    if (i % 9 == 0) e.acknowledged = {{"date.missing", "draft"}};
    if (i % 11 == 0) e.extra = R"({"x-weight":1.5,"title":"shadowed"})";
    doc.entries.push_back(e);
  }
  doc.relations.push_back({"e1", RelationType::Before, "e2", ""});
  doc.relations.push_back({"e1", RelationType::After, "e3", R"({"x-note":"n"})"});
  doc.relations.push_back({"e0", RelationType::During, "e5", ""});
  doc.relations.push_back({"e0", RelationType::Causes, "e5", ""});
  doc.relations.push_back({"e1", RelationType::Causes, "e4", ""});
  return doc;
}

/// Runs SQL on the document file through a connection of its own, as another program would.
void run_sql(const std::filesystem::path& path, const std::string& sql) {
  INFO(sql);
  REQUIRE(RawDb(path, SQLITE_OPEN_READWRITE).run(sql) == "");
}

/// The ranking Store::search promises, straight from SQL: bm25() ascending, ties by rowid.
std::vector<std::string> reference_search(const std::filesystem::path& path, const std::string& fts_expression,
                                          int limit) {
  sqlite3* db = nullptr;
  REQUIRE(sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK);
  sqlite3_stmt* st = nullptr;
  REQUIRE(sqlite3_prepare_v2(db,
                             "SELECT e.id FROM entry_fts f JOIN entry e ON e.key = f.rowid WHERE entry_fts MATCH ?1 "
                             "ORDER BY bm25(entry_fts), f.rowid LIMIT ?2",
                             -1, &st, nullptr) == SQLITE_OK);
  sqlite3_bind_text(st, 1, fts_expression.c_str(), -1, SQLITE_TRANSIENT);
  sqlite3_bind_int(st, 2, limit);
  std::vector<std::string> out;
  while (sqlite3_step(st) == SQLITE_ROW) out.emplace_back(reinterpret_cast<const char*>(sqlite3_column_text(st, 0)));
  sqlite3_finalize(st);
  sqlite3_close(db);
  return out;
}

}  // namespace

TEST_CASE("the streamed export is write_interchange_json(load()), byte for byte") {
  TempDir dir;
  for (const Document& doc : {small_document(), varied_document(), Document{}, [] {
                                GenerateOptions options;
                                options.entries = 400;
                                options.entities = 50;
                                options.seed = 3;
                                return generate_timeline(options);
                              }()}) {
    const auto path = dir / ("doc" + std::to_string(doc.entries.size()) + ".uchronia");
    {
      Store store = Store::create(path);
      store.import_document(doc, "t");
    }
    Store store = Store::open(path, OpenOptions{.read_only = true});
    const std::string streamed = store.export_interchange_json();
    CHECK(streamed == write_interchange_json(store.load()));
    CHECK(streamed == write_interchange_json(doc));
  }
}

TEST_CASE("load() gives back every field as imported") {
  const Document doc = varied_document();
  Store store = Store::in_memory();
  store.import_document(doc, "t");
  Document loaded = store.load();
  Document expected = doc;
  sort_for_export(loaded);
  sort_for_export(expected);
  CHECK(loaded == expected);
  CHECK(store.entities() == expected.entities);
}

TEST_CASE("list_entries gives a row per entry in the stored chronological order, ties by id") {
  // The rows are read in the table's order and sorted in memory: the order must be SQL's
  // ORDER BY lower, upper, id (what load() reads), dates that tie and ids out of order included.
  Store store = Store::in_memory();
  store.import_document(varied_document(), "t");
  const Document loaded = store.load();
  const std::vector<EntryRow> rows = store.list_entries();
  REQUIRE(rows.size() == loaded.entries.size());
  for (std::size_t i = 0; i < rows.size(); ++i) {
    INFO("row ", i);
    CHECK(rows[i].id == loaded.entries[i].id);
    CHECK(rows[i].title == loaded.entries[i].title);
    CHECK(rows[i].tags == loaded.entries[i].tags);
  }
}

TEST_CASE("the streamed export sorts as the export does even when stored sort keys are stale") {
  TempDir dir;
  const auto path = dir / "stale.uchronia";
  const Document doc = varied_document();
  {
    Store store = Store::create(path);
    store.import_document(doc, "t");
  }
  // As if an older program had computed the keys differently, and a relation type were unknown
  // (read as "before", it then sorts before e1's "causes").
  run_sql(path, "UPDATE entry SET lower = -lower, upper = -upper WHERE id IN ('e5', 'e17', 'e40');"
                "UPDATE relation SET type = 'zzz' WHERE type = 'after';");
  Store store = Store::open(path, OpenOptions{.read_only = true});
  const std::string streamed = store.export_interchange_json();
  CHECK(streamed == write_interchange_json(store.load()));
  // The entries are in export order, not in the order of the damaged keys.
  Document reread = read_interchange_json(streamed);
  Document sorted = reread;
  sort_for_export(sorted);
  CHECK(reread == sorted);
}

TEST_CASE("search ranks as bm25() does, best first, ties by rowid, for every limit") {
  TempDir dir;
  const auto path = dir / "search.uchronia";
  GenerateOptions options;
  options.entries = 1500;
  options.entities = 60;
  options.seed = 5;
  {
    Store store = Store::create(path);
    store.import_document(generate_timeline(options), "t");
  }
  Store store = Store::open(path, OpenOptions{.read_only = true});
  // Common and rare words, several words, prefixes, other scripts.
  const std::pair<const char*, const char*> queries[] = {
      {"the", "\"the\"*"},
      {"treaty", "\"treaty\"*"},
      {"treaty signed", "\"treaty\" \"signed\"*"},
      {"t", "\"t\"*"},
      {"съезд", "\"съезд\"*"},
      {"συνθήκη", "\"συνθήκη\"*"},
      {"zzzz", "\"zzzz\"*"},
  };
  for (const auto& [query, expression] : queries) {
    for (int limit : {1, 7, 50, 1000, -1}) {
      CAPTURE(query);
      CAPTURE(limit);
      const auto hits = store.search(query, limit);
      CHECK(hits == reference_search(path, expression, limit));
      if (limit > 0) CHECK(hits.size() <= static_cast<std::size_t>(limit));
    }
  }
  CHECK(store.search("the", 0).empty());
  CHECK(store.search("   ").empty());
}

TEST_CASE("search reports a damaged length table instead of ranking with it") {
  TempDir dir;
  const auto path = dir / "lengths.uchronia";
  GenerateOptions options;
  options.entries = 300;
  options.entities = 30;
  options.seed = 9;
  {
    Store store = Store::create(path);
    store.import_document(generate_timeline(options), "t");
  }
  // A byte after the column sizes: FTS5's own bm25() refuses such a row as damaged, and so does search.
  run_sql(path, "UPDATE entry_fts_docsize SET sz = sz || x'00'");
  Store store = Store::open(path, OpenOptions{.read_only = true});
  CHECK_THROWS_WITH_AS(store.search("the"), doctest::Contains("damaged"), Error);
}

TEST_CASE("search keeps working on a document being edited") {
  Store store = Store::in_memory();
  store.import_document(small_document(), "t");
  CHECK(store.search("Stalin") == std::vector<std::string>{"stalin-killed"});
  Entry e = make_entry("stalin-again", "1910", "Stalin seen again", "Stalin Stalin Stalin");
  store.commit(Edit().put_entry(e), "t");
  CHECK(store.search("Stalin") == std::vector<std::string>{"stalin-again", "stalin-killed"});
  store.commit(Edit().remove_item("stalin-again"), "t");
  CHECK(store.search("Stalin") == std::vector<std::string>{"stalin-killed"});
}

TEST_CASE("a large document is read in two halves at once, to exactly what one reader reads") {
  // From 20,000 entries load() reads the second half on a second connection; entries with the
  // same date on both sides of the middle, every date form and the read-only ways in must not
  // change a byte of what comes back.
  TempDir dir;
  Document doc = generate_timeline({.entries = 24000, .entities = 200, .seed = 4});
  for (std::size_t i = 0; i < 600; ++i) doc.entries[i * 37 % doc.entries.size()].date = "1900";
  Store memory = Store::in_memory();  // no file, so one reader
  memory.import_document(doc, "t");
  const Document expected = memory.load();
  const auto path = dir / "big.uchronia";
  { Store::create_from(path, doc, "t"); }
  CHECK(Store::open(path).load() == expected);
  CHECK(Store::open(path, {.read_only = true}).load() == expected);
  // A read-only directory: the file is opened immutable, and so is the second reader.
  std::filesystem::permissions(dir.path, std::filesystem::perms::owner_read | std::filesystem::perms::owner_exec);
  CHECK(Store::open(path, {.read_only = true}).load() == expected);
  std::filesystem::permissions(dir.path, std::filesystem::perms::owner_all);
  // Within a writer's transaction... (load() while another connection writes is the reliability
  // tests' two-writer case; here: an edit, then a load on the same store, sees the edit).
  Store store = Store::open(path);
  Entry e = store.entry(doc.entries[5].id)->value;
  e.title = "Changed title";
  store.commit(Edit().put_entry(e), "t");
  const Document after = store.load();
  REQUIRE(after.entries.size() == expected.entries.size());
  std::size_t changed = 0;
  for (std::size_t i = 0; i < after.entries.size(); ++i) changed += after.entries[i] == expected.entries[i] ? 0 : 1;
  CHECK(changed == 1);
}
