// History: a revision per change, field diffs, undo/redo (also after reopening), restore.
#include <doctest/doctest.h>
#include <sqlite3.h>

#include <zlib.h>

#include "store/store_impl.hpp"  // white-box: the packed changeset formats
#include "store_test_util.hpp"

using namespace uch;
using namespace uch::test;

namespace {
Entry with_date(Store& s, const std::string& id, const std::string& date) {
  Entry e = s.entry(id)->value;
  e.date = date;
  return e;
}
}  // namespace

TEST_CASE("every change appends one revision with author, time and a readable summary") {
  Store store = Store::in_memory();
  store.import_document(small_document(), "importer");
  store.commit(Edit().put_entry(with_date(store, "warsaw-captured", "1920-08-16")), "ann");
  store.commit(Edit().remove_item("polish-war"), "bob");
  const auto revs = store.revisions();
  REQUIRE(revs.size() == 3);
  CHECK(revs[0].seq == 3);
  CHECK(revs[0].author == "bob");
  CHECK(revs[0].summary == "Deleted entry 'Soviet-Polish war begins'");
  CHECK(revs[1].author == "ann");
  CHECK(revs[2].kind == "import");
  CHECK(revs[0].time.size() == 20);  // 2026-11-24T19:55:03Z
  CHECK(revs[0].time.back() == 'Z');
}

TEST_CASE("item history lists every revision that touched it with field-level old and new values") {
  Store store = Store::in_memory();
  store.import_document(small_document(), "t");
  store.commit(Edit().put_entry(with_date(store, "warsaw-captured", "1920-08-16")), "ann");
  Entry e = store.entry("warsaw-captured")->value;
  e.title = "Warsaw taken";
  e.tags = {"war"};
  store.commit(Edit().put_entry(e), "ann");
  store.commit(Edit().put_entry(with_date(store, "polish-war", "1919-03")), "ann");  // another item

  const auto h = store.item_history("warsaw-captured");
  REQUIRE(h.size() == 3);
  CHECK(h[0].op == "created");
  CHECK(h[1].op == "changed");
  REQUIRE(h[1].fields.size() == 1);
  CHECK(h[1].fields[0].field == "date");
  CHECK(h[1].fields[0].old_value == "1920-08");
  CHECK(h[1].fields[0].new_value == "1920-08-16");
  REQUIRE(h[2].fields.size() == 2);
  CHECK(h[2].fields[0].field == "title");
  CHECK(h[2].fields[1].field == "tags");
  CHECK(h[2].fields[1].new_value == "[\"war\"]");
}

TEST_CASE("undo and redo apply the inverted changeset, each recorded; redo ends with a new edit") {
  Store store = Store::in_memory();
  store.import_document(small_document(), "t");
  store.commit(Edit().put_entry(with_date(store, "warsaw-captured", "1920-08-16")), "ann");
  CHECK(store.next_undo()->summary == "Date of 'Warsaw captured': 1920-08 → 1920-08-16");
  auto u = store.undo("ann");
  CHECK(u.summary == "Undo: Date of 'Warsaw captured': 1920-08 → 1920-08-16");
  CHECK(store.entry("warsaw-captured")->value.date == "1920-08");
  CHECK(store.can_redo());
  store.redo("ann");
  CHECK(store.entry("warsaw-captured")->value.date == "1920-08-16");
  store.undo("ann");
  CHECK(store.revisions().size() == 5);  // import, edit, undo, redo, undo
  CHECK(store.revisions().front().kind == "undo");

  store.commit(Edit().put_entry(with_date(store, "polish-war", "1919")), "ann");
  CHECK_FALSE(store.can_redo());
  CHECK_THROWS_WITH_AS(store.redo("ann"), doctest::Contains("nothing to redo"), Error);
}

TEST_CASE("undo brings back a deleted entry with its links and search entry") {
  Store store = Store::in_memory();
  store.import_document(small_document(), "t");
  store.commit(Edit().remove_item("stalin-killed"), "ann");
  CHECK(store.search("killed").empty());
  store.undo("ann");
  REQUIRE(store.entry("stalin-killed"));
  CHECK(store.search("killed") == std::vector<std::string>{"stalin-killed"});
  CHECK(store.linked_from("joseph-stalin") == std::vector<std::string>{"stalin-killed"});
}

TEST_CASE("undo still works after the file is closed and reopened") {
  TempDir dir;
  const auto path = dir / "u.uchronia";
  {
    Store store = Store::create(path);
    store.import_document(small_document(), "t");
    store.commit(Edit().put_entry(with_date(store, "warsaw-captured", "1920-08-16")), "ann");
    store.commit(Edit().put_entry(with_date(store, "warsaw-captured", "1920-08-17")), "ann");
    store.undo("ann");
  }
  {
    Store store = Store::open(path);
    CHECK(store.entry("warsaw-captured")->value.date == "1920-08-16");
    store.undo("ann");
    CHECK(store.entry("warsaw-captured")->value.date == "1920-08");
  }
  Store store = Store::open(path);
  store.redo("ann");
  store.redo("ann");
  CHECK(store.entry("warsaw-captured")->value.date == "1920-08-17");
}

TEST_CASE("undo of an undone import empties the document; redo fills it again") {
  Store store = Store::in_memory();
  store.import_document(small_document(), "t");
  store.undo("t");
  CHECK(store.load().entries.empty());
  CHECK(store.load().relations.empty());
  store.redo("t");
  CHECK(store.load().entries.size() == 3);
  CHECK(store.linked_from("joseph-stalin") == std::vector<std::string>{"stalin-killed"});
}

TEST_CASE("restore brings an item, a deleted one too, back to an earlier revision as a new revision") {
  Store store = Store::in_memory();
  store.import_document(small_document(), "t");                                          // 1
  store.commit(Edit().put_entry(with_date(store, "warsaw-captured", "1920-08-16")), "a");  // 2
  Entry e = store.entry("warsaw-captured")->value;
  e.title = "Warsaw taken";
  store.commit(Edit().put_entry(e), "a");                                               // 3
  store.commit(Edit().remove_item("warsaw-captured"), "a");                             // 4
  CHECK(store.deleted_items() == std::vector<std::pair<std::string, std::int64_t>>{{"warsaw-captured", 4}});

  auto r = store.restore("warsaw-captured", 2, "a");                                    // 5
  CHECK(r.seq == 5);
  auto now = store.entry("warsaw-captured");
  REQUIRE(now);
  CHECK(now->value.date == "1920-08-16");
  CHECK(now->value.title == "Warsaw captured");
  CHECK(store.deleted_items().empty());
  CHECK(store.revisions().front().kind == "restore");

  store.restore("warsaw-captured", 3, "a");
  CHECK(store.entry("warsaw-captured")->value.title == "Warsaw taken");
  // Restoring to before it existed removes it.
  store.commit(Edit().put_entry(make_entry("late", "1950", "Late entry")), "a");
  store.restore("late", 1, "a");
  CHECK_FALSE(store.entry("late"));
  CHECK_THROWS_AS(store.restore("warsaw-captured", 999, "a"), Error);
  // A restore is undoable like any edit.
  store.undo("a");
  CHECK(store.entry("late"));
}

TEST_CASE("history grows with what changed, not with the size of the document") {
  TempDir dir;
  const auto path = dir / "grow.uchronia";
  Store store = Store::create(path);
  Document doc = small_document();
  for (int i = 0; i < 2000; ++i)
    doc.entries.push_back(make_entry("bulk-" + std::to_string(i), "1930", "Bulk " + std::to_string(i),
                                     std::string(800, 'x')));
  store.import_document(doc, "t");
  for (int i = 0; i < 100; ++i)
    store.commit(Edit().put_entry(with_date(store, "bulk-" + std::to_string(i), "1931")), "a");
  // Each one-field edit's changeset holds the row key, the date, the sort key and the
  // version: a few dozen bytes, not the 800-byte body nor anything of the other rows.
  sqlite3* db = nullptr;
  REQUIRE(sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK);
  sqlite3_stmt* st = nullptr;
  sqlite3_prepare_v2(db, "SELECT max(length(changeset)), sum(length(changeset)) FROM revision WHERE seq > 1", -1, &st,
                     nullptr);
  REQUIRE(sqlite3_step(st) == SQLITE_ROW);
  CHECK(sqlite3_column_int64(st, 0) < 200);  // a whole row would be over 800
  CHECK(sqlite3_column_int64(st, 1) < 100 * 200);
  sqlite3_finalize(st);
  sqlite3_close(db);
}

TEST_CASE("a long text edited again and again costs its history a fraction of the text each time") {
  TempDir dir;
  const auto path = dir / "doc.uchronia";
  Store store = Store::create(path);
  std::string body;
  for (int i = 0; body.size() < 2000; ++i) body += "Sentence " + std::to_string(i * 7919 % 1000) + " of the draft, revised. ";
  Document doc;
  doc.entries.push_back(make_entry("draft", "1920", "Draft", body));
  store.import_document(doc, "t");
  for (int i = 0; i < 50; ++i) {
    Entry e = store.entry("draft")->value;
    e.body += " Added " + std::to_string(i) + ".";
    store.commit(Edit().put_entry(e), "a");
  }
  sqlite3* db = nullptr;
  REQUIRE(sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK);
  sqlite3_stmt* st = nullptr;
  sqlite3_prepare_v2(db, "SELECT sum(length(changeset)) FROM revision WHERE seq > 1", -1, &st, nullptr);
  REQUIRE(sqlite3_step(st) == SQLITE_ROW);
  // Stored as they are, each revision would hold the old and the new body: over 4,000 bytes.
  CHECK(sqlite3_column_int64(st, 0) < 50 * 1500);
  sqlite3_finalize(st);
  sqlite3_close(db);
  // ...and history reads them back whole.
  const auto history = store.item_history("draft");
  REQUIRE(history.size() == 51);
  REQUIRE(history.back().fields.size() == 1);
  CHECK(history.back().fields[0].old_value->ends_with(" Added 48."));
  CHECK(history.back().fields[0].new_value->ends_with(" Added 49."));
  store.undo("a");
  CHECK(store.entry("draft")->value.body.ends_with(" Added 48."));
}

TEST_CASE("a changeset is stored as a zlib stream with its summary as a dictionary; older 'Z' ones still read, damaged ones are named") {
  TempDir dir;
  const auto path = dir / "doc.uchronia";
  {
    Store store = Store::create(path);
    store.import_document(small_document(), "t");
    Entry e = store.entry("warsaw-captured")->value;
    e.title = "Warsaw taken";
    const auto r = store.commit(Edit().put_entry(e), "a");
    // The new title says which entry it is.
    CHECK(r.summary == "Title: Warsaw captured → Warsaw taken");
    e.body = std::string(300, 'w') + " the war ends";
    store.commit(Edit().put_entry(e), "a");
  }
  sqlite3* db = nullptr;
  REQUIRE(sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE, nullptr) == SQLITE_OK);
  std::vector<std::tuple<std::int64_t, std::string, std::string>> stored;  // seq, blob, summary
  {
    sqlite3_stmt* st = nullptr;
    sqlite3_prepare_v2(db, "SELECT seq, changeset, summary FROM revision WHERE seq > 1 ORDER BY seq", -1, &st, nullptr);
    while (sqlite3_step(st) == SQLITE_ROW)
      stored.emplace_back(sqlite3_column_int64(st, 0),
                          std::string(static_cast<const char*>(sqlite3_column_blob(st, 1)),
                                      static_cast<std::size_t>(sqlite3_column_bytes(st, 1))),
                          reinterpret_cast<const char*>(sqlite3_column_text(st, 2)));
    sqlite3_finalize(st);
  }
  REQUIRE(stored.size() == 2);
  for (const auto& [seq, blob, summary] : stored) {
    CAPTURE(seq);
    // Every revision in the one current format, a zlib stream (RFC 1950: deflate, 32 KiB window).
    REQUIRE(static_cast<unsigned char>(blob.front()) == 0x78);
    // Its summary is part of the dictionary: another summary cannot unpack it.
    CHECK_THROWS_AS(detail::unpack_changeset(blob, summary + "!"), Error);
    // Rewritten as a file from before the dictionary kept it: 'Z', the size, a zlib stream.
    // (The other older formats are in tests/fixtures/history-old-formats.uchronia: old_formats_test.cpp.)
    const std::string cs = detail::unpack_changeset(blob, summary);
    std::string old(1, 'Z');
    for (std::uint64_t v = cs.size();; v >>= 7) {
      old += static_cast<char>((v & 0x7f) | (v > 0x7f ? 0x80 : 0));
      if (v <= 0x7f) break;
    }
    uLongf n = compressBound(static_cast<uLong>(cs.size()));
    std::string z(n, '\0');
    REQUIRE(compress2(reinterpret_cast<Bytef*>(z.data()), &n, reinterpret_cast<const Bytef*>(cs.data()),
                      static_cast<uLong>(cs.size()), 6) == Z_OK);
    old += z.substr(0, n);
    sqlite3_stmt* up = nullptr;
    sqlite3_prepare_v2(db, "UPDATE revision SET changeset = ? WHERE seq = ?", -1, &up, nullptr);
    sqlite3_bind_blob(up, 1, old.data(), static_cast<int>(old.size()), SQLITE_TRANSIENT);
    sqlite3_bind_int64(up, 2, seq);
    REQUIRE(sqlite3_step(up) == SQLITE_DONE);
    sqlite3_finalize(up);
  }
  sqlite3_close(db);
  {
    Store store = Store::open(path);
    const auto history = store.item_history("warsaw-captured");
    REQUIRE(history.size() == 3);
    CHECK(*history.back().fields[0].new_value == std::string(300, 'w') + " the war ends");
    store.undo("a");
    store.undo("a");
    CHECK(store.entry("warsaw-captured")->value.title == "Warsaw captured");
  }
  // A damaged packed changeset: undo says what is wrong and changes nothing.
  REQUIRE(sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE, nullptr) == SQLITE_OK);
  REQUIRE(sqlite3_exec(db, "UPDATE revision SET changeset = X'44FF0107' WHERE seq = 3", nullptr, nullptr, nullptr) ==
          SQLITE_OK);
  sqlite3_close(db);
  Store store = Store::open(path);
  store.redo("a");  // revision 2
  const auto before = store.load();
  CHECK_THROWS_WITH_AS(store.redo("a"), doctest::Contains("history is damaged"), Error);
  CHECK(store.load() == before);
}

TEST_CASE("a commit is marked for a sync to disk until sync() runs, at once or once the writer pauses") {
  TempDir dir;
  Store store = Store::create(dir / "doc.uchronia");
  CHECK_FALSE(store.sync_pending());
  store.import_document(small_document(), "t");
  CHECK(store.sync_pending());
  store.sync(std::chrono::hours(1));  // the writer has not paused for an hour: not yet
  CHECK(store.sync_pending());
  store.sync();
  CHECK_FALSE(store.sync_pending());
  store.commit(Edit().put_entry(with_date(store, "warsaw-captured", "1920-08-16")), "a");
  CHECK(store.sync_pending());
}
