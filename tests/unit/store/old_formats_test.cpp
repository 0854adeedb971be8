// Documents written before the current stored changeset format: their history still reads, undoes,
// redoes and restores.
#include <doctest/doctest.h>

#include <algorithm>

#include "raw_db.hpp"
#include "store_test_util.hpp"

using namespace uch;
using namespace uch::test;

namespace {

/// tests/fixtures/history-old-formats.uchronia, written by the code before issue 14 from
/// small_document(): r1 its import into a new file ('B': no changeset), r2 a title edit ('D': raw
/// deflate with the dictionary), r3 a body edit (the changeset kept as it is), r4 a deletion ('Z':
/// zlib), r5 an entity's notes ('D').
std::filesystem::path old_document(const TempDir& dir) {
  const auto p = dir / "old.uchronia";
  std::filesystem::copy_file(std::filesystem::path(UCHRONIA_FIXTURES) / "history-old-formats.uchronia", p);
  return p;
}

const FieldChange* field(const ItemRevision& r, const std::string& name) {
  const auto it = std::find_if(r.fields.begin(), r.fields.end(), [&](const FieldChange& f) { return f.field == name; });
  return it == r.fields.end() ? nullptr : &*it;
}

}  // namespace

TEST_CASE("the fixture holds a revision in each older stored format") {
  TempDir dir;
  RawDb raw(old_document(dir));
  CHECK(raw.rows("SELECT seq, CASE WHEN substr(changeset, 1, 1) IN (X'42', X'44', X'5A') "
                 "THEN CAST(substr(changeset, 1, 1) AS TEXT) WHEN substr(changeset, 1, 1) = X'54' THEN 'raw' "
                 "ELSE 'other' END FROM revision ORDER BY seq") ==
        std::vector<std::string>{"1|B", "2|D", "3|raw", "4|Z", "5|D"});
}

TEST_CASE("a document whose history is in the older stored formats lists, restores, undoes and redoes it") {
  TempDir dir;
  Store store = Store::open(old_document(dir));
  const Document latest = store.load();
  REQUIRE(latest.entries.size() == 2);

  const auto warsaw = store.item_history("warsaw-captured");  // r1, r2 ('D')
  REQUIRE(warsaw.size() == 2);
  REQUIRE(field(warsaw[1], "title"));
  CHECK(field(warsaw[1], "title")->old_value == "Warsaw captured");
  CHECK(field(warsaw[1], "title")->new_value == "Warsaw taken");
  const auto killed = store.item_history("stalin-killed");  // r3 (unpacked)
  REQUIRE(killed.size() == 2);
  REQUIRE(field(killed[1], "body"));
  CHECK(field(killed[1], "body")->old_value == "[[Joseph Stalin]] is killed.");
  CHECK(field(killed[1], "body")->new_value == "[[Joseph Stalin]] is shot in Tiflis.");
  const auto war = store.item_history("polish-war");  // r4 ('Z')
  REQUIRE(war.size() == 2);
  CHECK(war[1].op == "deleted");
  const auto stalin = store.item_history("joseph-stalin");  // r5 ('D')
  REQUIRE(stalin.size() == 2);
  REQUIRE(field(stalin[1], "notes"));
  CHECK(field(stalin[1], "notes")->new_value == "Koba to his friends.");

  store.restore("polish-war", 1, "t");
  CHECK(store.entry("polish-war")->value.title == "Soviet-Polish war begins");
  store.undo("t");
  CHECK(!store.entry("polish-war"));

  // Down through every older format to the import ('B'), then back up again.
  for (int i = 0; i < 5; ++i) store.undo("t");
  CHECK(!store.can_undo());
  CHECK(store.load().entries.empty());
  CHECK(store.load().entities.empty());
  for (int i = 0; i < 5; ++i) store.redo("t");
  CHECK(store.load() == latest);
  CHECK(store.entry("warsaw-captured")->value.title == "Warsaw taken");
}
