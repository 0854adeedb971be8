// Store::set_field: one field from typed text, the one rule `uchronia set` follows; the item is
// read and written in one write transaction, so only an explicit expected version can conflict.
#include <doctest/doctest.h>

#include "store_test_util.hpp"

using namespace uch;
using namespace uch::test;

TEST_CASE("an entity's typed dates are stored as EDTF, Old Style as the Julian calendar, as an entry's are") {
  Store store = Store::in_memory();
  store.import_document(small_document(), "t");
  store.set_field("joseph-stalin", "start", "18 December 1878", std::nullopt, "a");
  CHECK(store.entity("joseph-stalin")->value.start == "1878-12-18");
  CHECK(store.entity("joseph-stalin")->value.calendar == Calendar::Gregorian);
  store.set_field("joseph-stalin", "end", "27 September 1888 OS", std::nullopt, "a");
  CHECK(store.entity("joseph-stalin")->value.end == "1888-09-27");
  CHECK(store.entity("joseph-stalin")->value.calendar == Calendar::Julian);
  store.set_field("polish-war", "date", "27 September 1888 OS", std::nullopt, "a");
  CHECK(store.entry("polish-war")->value.date == "1888-09-27");
  CHECK(store.entry("polish-war")->value.calendar == Calendar::Julian);
  // EDTF as typed is kept; an empty date clears it; unreadable text is refused with the reason.
  store.set_field("joseph-stalin", "start", "1878-12~", std::nullopt, "a");
  CHECK(store.entity("joseph-stalin")->value.start == "1878-12~");
  store.set_field("joseph-stalin", "start", "", std::nullopt, "a");
  CHECK(store.entity("joseph-stalin")->value.start.empty());
  const auto revisions = store.revisions().size();
  CHECK_THROWS_AS(store.set_field("joseph-stalin", "start", "the day after", std::nullopt, "a"), Error);
  CHECK_THROWS_WITH_AS(store.set_field("joseph-stalin", "colour", "red", std::nullopt, "a"),
                       doctest::Contains("no field 'colour'"), Error);
  CHECK_THROWS_WITH_AS(store.set_field("nobody", "name", "x", std::nullopt, "a"), doctest::Contains("'nobody'"), Error);
  CHECK(store.revisions().size() == revisions);
}

TEST_CASE("set_field: lists, calendar and series from text; no revision when nothing changes") {
  Store store = Store::in_memory();
  store.import_document(small_document(), "t");
  store.set_field("polish-war", "tags", " war , poland,, ", std::nullopt, "a");
  CHECK(store.entry("polish-war")->value.tags == std::vector<std::string>{"war", "poland"});
  store.set_field("polish-war", "series", "Wars:3", std::nullopt, "a");
  REQUIRE(store.entry("polish-war")->value.series);
  CHECK(store.entry("polish-war")->value.series->number == 3);
  CHECK_THROWS_AS(store.set_field("polish-war", "series", "Wars", std::nullopt, "a"), Error);
  CHECK_THROWS_AS(store.set_field("polish-war", "calendar", "lunar", std::nullopt, "a"), Error);
  CHECK(store.set_field("polish-war", "title", "Soviet-Polish war begins", std::nullopt, "a").seq == 0);
}

TEST_CASE("set_field conflicts only on an explicit stale version; a version is 1 or more") {
  TempDir dir;
  const auto path = dir / "doc.uchronia";
  Store mine = Store::create(path);
  mine.import_document(small_document(), "t");
  const auto seen = mine.entry("polish-war")->version;
  {
    Store other = Store::open(path);  // another writer commits after `mine` read the item
    other.set_field("polish-war", "title", "theirs", std::nullopt, "b");
  }
  CHECK_THROWS_AS(mine.set_field("polish-war", "body", "mine", seen, "a"), ConflictError);
  CHECK(mine.set_field("polish-war", "body", "mine", std::nullopt, "a").seq > 0);  // plain: no conflict
  CHECK(mine.entry("polish-war")->value.title == "theirs");
  const auto now = mine.entry("polish-war")->version;
  CHECK(mine.set_field("polish-war", "body", "mine again", now, "a").seq > 0);
  for (std::int64_t bad : {0, -1})
    CHECK_THROWS_WITH_AS(mine.set_field("polish-war", "body", "x", bad, "a"), doctest::Contains("1 or more"), Error);
  CHECK(mine.entry("polish-war")->value.body == "mine again");
}
