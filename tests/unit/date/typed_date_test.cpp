// A date typed into a field: what is stored, and when Old Style makes the item Julian.
#include <doctest/doctest.h>

#include "uchronia/date.hpp"

using namespace uch;

TEST_CASE("a typed human date is stored as EDTF") {
  const TypedDate d = read_typed_date("18 December 1878", Calendar::Gregorian);
  CHECK(d.ok);
  CHECK(d.stored == "1878-12-18");
  CHECK(d.calendar == Calendar::Gregorian);
}

TEST_CASE("Old Style in the text makes the item Julian, without shifting the typed day") {
  const TypedDate d = read_typed_date("27 September 1888 OS", Calendar::Gregorian);
  REQUIRE(d.ok);
  CHECK(d.stored == "1888-09-27");
  CHECK(d.calendar == Calendar::Julian);
  // The same day read as Julian is 12 days later in the Gregorian calendar.
  CHECK(parse_edtf(d.stored, d.calendar).lower == parse_edtf("1888-10-09").lower);
}

TEST_CASE("an item already in the Julian calendar stays Julian") {
  const TypedDate d = read_typed_date("1917-10-25", Calendar::Julian);
  CHECK(d.ok);
  CHECK(d.calendar == Calendar::Julian);
  CHECK(d.stored == "1917-10-25");
}

TEST_CASE("blank is an undated draft; EDTF is kept as it is") {
  CHECK(read_typed_date("  ", Calendar::Gregorian).ok);
  CHECK(read_typed_date("  ", Calendar::Gregorian).stored.empty());
  CHECK(read_typed_date("1920~/1922-06", Calendar::Gregorian).stored == "1920~/1922-06");
  CHECK(read_typed_date("c. 1930", Calendar::Gregorian).stored == "1930~");
}

TEST_CASE("text that is no date is not ok, says why, and is kept as typed") {
  const TypedDate d = read_typed_date("when the snow melts", Calendar::Gregorian);
  CHECK_FALSE(d.ok);
  CHECK_FALSE(d.error.empty());
  CHECK(d.stored == "when the snow melts");
}
