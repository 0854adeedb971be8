// Import into a new document takes a bulk path (store_import.cpp): it must leave exactly
// what the general write path leaves — rows, derived tables, search index and the revision's
// changeset — so history, undo, links and search cannot tell the two apart.
#include <doctest/doctest.h>
#include <sqlite3.h>

#include <algorithm>
#include <map>

#include "store/store_impl.hpp"  // white-box: the stored changeset
#include "raw_db.hpp"
#include "store_test_util.hpp"
#include "uchronia/generate.hpp"

using namespace uch;
using namespace uch::test;

namespace {

/// The same document written by the general path: one Edit through commit().
void import_by_commit(Store& store, const Document& doc) {
  Edit edit;
  edit.set_title(doc.title).set_description(doc.description).set_document_extra(doc.extra);
  for (const auto& e : doc.entities) edit.put_entity(e);
  for (const auto& e : doc.entries) edit.put_entry(e);
  for (const auto& r : doc.relations) edit.add_relation(r);
  store.commit(edit, "t");
}

/// A raw connection, with revision 1's changeset as readable lines.
struct Raw : RawDb {
  using RawDb::RawDb;
  /// Revision 1's changeset as sorted "table op values" lines (the order of rows in a changeset is free).
  std::vector<std::string> first_changeset() const {
    sqlite3_stmt* st = nullptr;
    REQUIRE(sqlite3_prepare_v2(db, "SELECT changeset, summary FROM revision WHERE seq = 1", -1, &st, nullptr) == SQLITE_OK);
    REQUIRE(sqlite3_step(st) == SQLITE_ROW);
    const std::string cs = detail::unpack_changeset(
        std::string(static_cast<const char*>(sqlite3_column_blob(st, 0)), static_cast<std::size_t>(sqlite3_column_bytes(st, 0))),
        reinterpret_cast<const char*>(sqlite3_column_text(st, 1)));
    sqlite3_finalize(st);
    std::vector<std::string> out;
    sqlite3_changeset_iter* it = nullptr;
    REQUIRE(sqlite3changeset_start(&it, static_cast<int>(cs.size()), const_cast<char*>(cs.data())) == SQLITE_OK);
    while (sqlite3changeset_next(it) == SQLITE_ROW) {
      const char* table = nullptr;
      int ncol = 0, op = 0, indirect = 0;
      sqlite3changeset_op(it, &table, &ncol, &op, &indirect);
      unsigned char* pk = nullptr;
      int npk = 0;
      sqlite3changeset_pk(it, &pk, &npk);
      std::string line = std::string(table) + " op" + std::to_string(op) + " pk";
      for (int c = 0; c < npk; ++c) line += pk[c] ? "1" : "0";
      for (int c = 0; c < ncol; ++c) {
        sqlite3_value* v = nullptr;
        sqlite3changeset_new(it, c, &v);
        line += " [" + std::to_string(v ? sqlite3_value_type(v) : -1) + ":" +
                (v && sqlite3_value_text(v) ? reinterpret_cast<const char*>(sqlite3_value_text(v)) : "") + "]";
      }
      out.push_back(line);
    }
    CHECK(sqlite3changeset_finalize(it) == SQLITE_OK);
    std::sort(out.begin(), out.end());
    return out;
  }
};

Document varied_document() {
  Document doc = generate_timeline({.entries = 400, .entities = 60, .seed = 11});
  doc.title = "Bulk";
  doc.description = "See [[" + doc.entities.front().name + "]].";
  doc.extra = R"({"x-custom":1})";
  doc.relations.push_back(doc.relations.front());  // a repeated relation is kept once
  doc.entries[3].title = "Quokkaland accord";      // a word no other text holds
  return doc;
}

}  // namespace

TEST_CASE("a bulk import leaves what the general write path leaves, changeset included") {
  TempDir dir;
  const Document doc = varied_document();
  {
    Store bulk = Store::create(dir / "bulk.uchronia");
    bulk.import_document(doc, "t");
    Store general = Store::create(dir / "general.uchronia");
    import_by_commit(general, doc);
    CHECK(bulk.load() == general.load());
  }
  Raw bulk(dir / "bulk.uchronia"), general(dir / "general.uchronia");
  for (const char* sql : {"SELECT * FROM entry ORDER BY key", "SELECT * FROM entity ORDER BY key",
                          "SELECT * FROM relation ORDER BY key", "SELECT * FROM doc_meta ORDER BY key",
                          "SELECT key, item FROM item_key ORDER BY 1, 2",
                          "SELECT src, field, target_key FROM link ORDER BY 1, 2, 3",
                          "SELECT rowid, title, body, otl FROM entry_fts ORDER BY rowid",
                          "SELECT item, seq, op, tbl, rowkey FROM revision_item ORDER BY 1, 2",
                          "SELECT seq FROM undo_stack", "SELECT name, sql FROM sqlite_schema ORDER BY name",
                          "SELECT * FROM entry_fts_config ORDER BY 1"}) {
    CAPTURE(sql);
    CHECK(bulk.rows(sql) == general.rows(sql));
  }
  const auto changes = bulk.first_changeset();
  CHECK(changes.size() == doc.entries.size() + doc.entities.size() + doc.relations.size() - 1 + 3);
  CHECK(changes == general.first_changeset());
  // The search index is sound and finds the same rows.
  CHECK(Raw(dir / "bulk.uchronia", SQLITE_OPEN_READWRITE).run("INSERT INTO entry_fts(entry_fts) VALUES('integrity-check')") == "");
  const std::string prefix = doc.entries[7].title.substr(0, 3);
  for (const std::string& match : std::vector<std::string>{"the", "treaty", "Москва", "\"" + prefix + "\" *"}) {
    const std::string q = "SELECT rowid FROM entry_fts WHERE entry_fts MATCH '" + match + "' ORDER BY rank, rowid";
    CAPTURE(q);
    CHECK(bulk.rows(q) == general.rows(q));
  }
}

TEST_CASE("a bulk import can be undone, redone, searched and edited like any revision") {
  TempDir dir;
  const Document doc = varied_document();
  Store store = Store::create(dir / "doc.uchronia");
  store.import_document(doc, "t");
  const Document imported = store.load();
  const std::string word = "quokkaland";
  const auto hits = store.search(word);
  REQUIRE(hits == std::vector<std::string>{doc.entries[3].id});
  store.undo("t");
  CHECK(store.load().entries.empty());
  CHECK(store.search(word).empty());
  store.redo("t");
  CHECK(store.load() == imported);
  CHECK(store.search(word) == hits);
  Entry e = store.entry(doc.entries[3].id)->value;
  e.title = "Renamed";
  store.commit(Edit().put_entry(e), "t");
  CHECK(store.search(word).empty());
  CHECK(store.item_history(e.id).size() == 4);  // created, deleted by undo, created by redo, renamed
}

TEST_CASE("a bulk import refuses bad items before writing anything") {
  TempDir dir;
  Store store = Store::create(dir / "doc.uchronia");
  auto refused = [&](Document doc, const std::string& why) {
    CAPTURE(why);
    try {
      store.import_document(doc, "t");
      FAIL("imported");
    } catch (const Error& e) {
      CHECK(std::string(e.what()).find(why) != std::string::npos);
    }
    CHECK(store.revisions().empty());
    CHECK(store.load().entries.empty());
  };
  Document twice = small_document();
  twice.entries.push_back(twice.entries.front());
  refused(twice, "'stalin-killed'");
  Document clash = small_document();
  clash.entries.front().id = "joseph-stalin";
  refused(clash, "'joseph-stalin'");
  Document bad_id = small_document();
  bad_id.entries.front().id = "no spaces";
  refused(bad_id, "not a valid id");
  Document untitled = small_document();
  untitled.entries.front().title.clear();
  refused(untitled, "needs a title");
  store.import_document(small_document(), "t");
  CHECK(store.load().entries.size() == 3);
}

TEST_CASE("importing into a document left with only its title takes the general path and keeps history") {
  Store store = Store::in_memory();
  store.commit(Edit().set_title("Old title"), "t");
  store.import_document(small_document(), "t");
  CHECK(store.title() == "Test timeline");
  CHECK(store.load().entries.size() == 3);
  store.undo("t");
  CHECK(store.title() == "Old title");
  CHECK(store.load().entries.empty());
}

TEST_CASE("an import into a new file keeps no changeset, and history, undo, redo and restore work as with one") {
  // Store::create_from's import stores kBaselineChangeset instead of a copy of every row; the same
  // document imported through the general write path keeps its changeset. Both must behave alike.
  TempDir dir;
  const Document doc = varied_document();
  Store lean = Store::create_from(dir / "lean.uchronia", doc, "t");
  Store full = Store::create(dir / "full.uchronia");
  import_by_commit(full, doc);
  CHECK(Raw(dir / "lean.uchronia").rows("SELECT hex(changeset) FROM revision WHERE seq = 1") ==
        std::vector<std::string>{"42"});
  const Document imported = full.load();
  REQUIRE(lean.load() == imported);
  const std::string id = doc.entries[3].id, other = doc.entries[9].id;
  for (Store* s : {&lean, &full}) {
    Entry e = s->entry(id)->value;
    e.title = "Renamed";
    s->commit(Edit().put_entry(e), "t");
    s->commit(Edit().remove_item(other), "t");
  }
  const auto fields_of = [](const std::vector<ItemRevision>& history) {
    std::vector<std::string> out;
    for (const auto& r : history) {
      out.push_back(std::to_string(r.revision.seq) + " " + r.op);
      for (const auto& f : r.fields) out.push_back(f.field + ": " + f.old_value.value_or("-") + " -> " + f.new_value.value_or("-"));
    }
    return out;
  };
  CHECK(fields_of(lean.item_history(id)) == fields_of(full.item_history(id)));
  CHECK(fields_of(lean.item_history(other)) == fields_of(full.item_history(other)));
  CHECK(lean.load() == full.load());
  // Back to the state of the import, item by item...
  lean.restore(id, 1, "t");
  lean.restore(other, 1, "t");
  CHECK(lean.load() == imported);
  // ...and through undo: everything, the import included, then all of it again.
  for (int k = 0; k < 5; ++k) lean.undo("t");
  CHECK(lean.load().entries.empty());
  CHECK(lean.load().entities.empty());
  CHECK(lean.search("quokkaland").empty());
  CHECK_THROWS_AS(lean.undo("t"), Error);  // nothing left to undo
  lean.redo("t");
  CHECK(lean.load() == imported);
  CHECK(lean.search("quokkaland") == std::vector<std::string>{doc.entries[3].id});
  for (int k = 0; k < 4; ++k) lean.redo("t");
  CHECK(lean.load() == imported);  // the two restores put back what the two edits changed
  // Undone and redone again, the import still comes back whole.
  for (int k = 0; k < 5; ++k) lean.undo("t");
  lean.redo("t");
  CHECK(lean.load() == imported);
}

TEST_CASE("undoing an import that kept no changeset is refused while the document holds items it did not make") {
  TempDir dir;
  const auto path = dir / "doc.uchronia";
  { Store::create_from(path, varied_document(), "t"); }
  // An entry written behind the history's back (only a damaged or hand-edited file has one).
  CHECK(Raw(path, SQLITE_OPEN_READWRITE)
            .run("INSERT INTO entry(key, id, lower, upper, title) VALUES(100000, 'stray', 0, 0, 'Stray')") == "");
  Store store = Store::open(path);
  const Document before = store.load();
  CHECK_THROWS_AS(store.undo("t"), ConflictError);
  CHECK(store.load() == before);
}
