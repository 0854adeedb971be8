// Damaged history: undo/redo stacks or an item's history naming a revision that is not there, a
// negative seq, an empty, garbage or foreign changeset. Every read of history reports it (naming
// the document and the revision), changes nothing, and never crashes.
#include <doctest/doctest.h>

#include "raw_db.hpp"
#include "store_test_util.hpp"

using namespace uch;
using namespace uch::test;

namespace {

/// r1 import, r2 title edit, r3 body edit, r4 undo of r3: undo stack top r2, redo stack top r3.
std::filesystem::path make_history(const TempDir& dir) {
  const auto path = dir / "doc.uchronia";
  Store store = Store::create(path);
  store.import_document(small_document(), "t");
  Entry e = store.entry("warsaw-captured")->value;
  e.title = "Warsaw taken";
  store.commit(Edit().put_entry(e), "a");
  e.body = "The war ends at last.";
  store.commit(Edit().put_entry(e), "a");
  store.undo("a");
  return path;
}

/// A changeset in SQLite's format that inserts one row into a table the document has not.
std::string foreign_changeset_hex() {
  // 'T', 2 columns, primary key flags, "nope\0"; INSERT, not indirect, integer 1, NULL.
  return "5402" "0100" "6E6F706500" "1200" "01" "0000000000000001" "05";
}

struct Snapshot {
  std::string doc, wal;
  explicit Snapshot(const std::filesystem::path& p)
      : doc(file_bytes(p)), wal(file_bytes(p.string() + "-wal")) {}
  bool operator==(const Snapshot&) const = default;
};

/// Runs `op`, which must refuse with one message naming the document and "history is damaged:
/// revision <seq>", leaving the file's bytes and the document's content as they were.
template <class Op>
void refuses(Store& store, const std::filesystem::path& path, std::int64_t seq, Op op, const char* what) {
  CAPTURE(what);
  const Document before = store.load();
  const Snapshot bytes(path);
  std::string message;
  try {
    op();
    FAIL("no error");
  } catch (const Error& e) {
    message = e.what();
  }
  CHECK(message.find(path.string() + ": history is damaged: revision " + std::to_string(seq) + " ") == 0);
  CHECK(message.find('\n') == std::string::npos);
  CHECK(store.load() == before);
  CHECK(Snapshot(path) == bytes);
}

void damage(const std::filesystem::path& path, const std::string& sql) {
  RawDb raw(path, SQLITE_OPEN_READWRITE);
  REQUIRE(raw.run(sql) == "");
}

std::string rowkey_of(const std::filesystem::path& path, const std::string& id) {
  RawDb raw(path);
  return raw.rows("SELECT key FROM entry WHERE id = '" + id + "'").at(0);
}

}  // namespace

TEST_CASE("an undo or redo stack naming a missing revision, or a negative seq, is reported as damage") {
  TempDir dir;
  const auto path = make_history(dir);
  SUBCASE("undo stack: a revision that does not exist") {
    damage(path, "UPDATE undo_stack SET seq = 999 WHERE pos = (SELECT max(pos) FROM undo_stack)");
    Store store = Store::open(path);
    refuses(store, path, 999, [&] { store.undo("a"); }, "undo");
    CHECK_FALSE(store.next_undo());
    CHECK_NOTHROW(store.revisions());
    CHECK_NOTHROW(store.deleted_items());
    CHECK_NOTHROW(store.redo("a"));  // the redo stack is sound
  }
  SUBCASE("undo stack: a negative seq") {
    damage(path, "UPDATE undo_stack SET seq = -5 WHERE pos = (SELECT max(pos) FROM undo_stack)");
    Store store = Store::open(path);
    refuses(store, path, -5, [&] { store.undo("a"); }, "undo");
  }
  SUBCASE("redo stack: a revision that does not exist") {
    damage(path, "UPDATE redo_stack SET seq = 999");
    Store store = Store::open(path);
    refuses(store, path, 999, [&] { store.redo("a"); }, "redo");
    CHECK_NOTHROW(store.revisions());
  }
  SUBCASE("redo stack: a negative seq") {
    damage(path, "UPDATE redo_stack SET seq = -1");
    Store store = Store::open(path);
    refuses(store, path, -1, [&] { store.redo("a"); }, "redo");
  }
}

TEST_CASE("an item's history naming a missing revision or a negative seq is reported as damage") {
  TempDir dir;
  const auto path = make_history(dir);
  const std::string key = rowkey_of(path, "warsaw-captured");
  SUBCASE("a revision that does not exist") {
    damage(path, "INSERT INTO revision_item(item, seq, op, tbl, rowkey) VALUES('warsaw-captured', 999, 'changed', 'entry', " +
                     key + ")");
    Store store = Store::open(path);
    refuses(store, path, 999, [&] { store.item_history("warsaw-captured"); }, "item_history");
    refuses(store, path, 999, [&] { store.restore("warsaw-captured", 1, "a"); }, "restore");
    CHECK_NOTHROW(store.revisions());
    CHECK_NOTHROW(store.deleted_items());
  }
  SUBCASE("a negative seq") {
    damage(path, "UPDATE revision_item SET seq = -3 WHERE item = 'warsaw-captured' AND seq = 2");
    Store store = Store::open(path);
    refuses(store, path, -3, [&] { store.item_history("warsaw-captured"); }, "item_history");
  }
  SUBCASE("a table that is neither entry nor entity") {
    damage(path, "UPDATE revision_item SET tbl = 'revision' WHERE item = 'warsaw-captured' AND seq = 2");
    Store store = Store::open(path);
    refuses(store, path, 2, [&] { store.item_history("warsaw-captured"); }, "item_history");
    refuses(store, path, 2, [&] { store.restore("warsaw-captured", 1, "a"); }, "restore");
  }
}

TEST_CASE("an empty, garbage or foreign changeset is damage to undo, redo, item history and restore") {
  TempDir dir;
  const auto path = make_history(dir);
  struct Case {
    const char* name;
    std::string blob;  // SQL literal
  };
  for (const Case& c : {Case{"empty", "X''"}, Case{"garbage", "X'DEADBEEF00'"}, Case{"truncated header", "X'5402'"},
                        Case{"packed, damaged", "X'44FF0107'"}, Case{"zlib, damaged", "X'78BB0102030405060708'"},
                        Case{"another table", "X'" + foreign_changeset_hex() + "'"}}) {
    CAPTURE(c.name);
    TempDir copy;
    const auto doc = copy / "doc.uchronia";
    std::filesystem::copy_file(path, doc);
    // r2 is the next undo; r3 the next redo.
    damage(doc, "UPDATE revision SET changeset = " + c.blob + " WHERE seq IN (2, 3)");
    Store store = Store::open(doc);
    refuses(store, doc, 2, [&] { store.undo("a"); }, "undo");
    refuses(store, doc, 3, [&] { store.redo("a"); }, "redo");
    refuses(store, doc, 3, [&] { store.item_history("warsaw-captured"); }, "item_history");
    refuses(store, doc, 3, [&] { store.restore("warsaw-captured", 1, "a"); }, "restore");
    CHECK_NOTHROW(store.revisions());
    CHECK_NOTHROW(store.deleted_items());
    CHECK(store.item_history("stalin-killed").size() == 1);  // other items' history still reads
  }
}

TEST_CASE("a NULL changeset cannot be stored: the schema refuses it") {
  TempDir dir;
  const auto path = make_history(dir);
  RawDb raw(path, SQLITE_OPEN_READWRITE);
  CHECK(raw.run("UPDATE revision SET changeset = NULL WHERE seq = 2").find("NOT NULL") != std::string::npos);
}

TEST_CASE("undo of a change whose rows are gone since is refused, not reported as done") {
  TempDir dir;
  const auto path = make_history(dir);
  damage(path, "DELETE FROM entry WHERE id = 'warsaw-captured'");
  Store store = Store::open(path);
  const auto revisions = store.revisions().size();
  CHECK_THROWS_AS(store.undo("a"), ConflictError);
  CHECK_THROWS_AS(store.redo("a"), ConflictError);
  CHECK(store.revisions().size() == revisions);
}
