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

TEST_CASE("a stored date is shown in words that read back to the same date") {
  CHECK(date_in_words("1930~", Calendar::Gregorian) == "c. 1930");
  CHECK(date_in_words("1907-22", Calendar::Gregorian) == "summer 1907");
  CHECK(date_in_words("1907-06-26", Calendar::Gregorian) == "26 June 1907");
  CHECK(date_in_words("", Calendar::Gregorian).empty());
  const std::string os = date_in_words("1917-10-25", Calendar::Julian);
  CHECK(os.find("25 October") != std::string::npos);
  CHECK(os.find("1917-10-25") == std::string::npos);
  // Whatever the form, leaving the field alone stores exactly what was there, in the same calendar.
  for (const char* edtf : {"1930~", "1907-22", "1910s", "19XX", "-0479", "1920~/1922-06", "1985/..", "../1985",
                           "1985/", "1917-10-25", "1917-10", "1920?", "1920%", "1920-21", "1917-10-25/1917-11-07"}) {
    for (Calendar cal : {Calendar::Gregorian, Calendar::Julian}) {
      if (!parse_edtf(edtf, cal).valid) continue;
      const std::string words = date_in_words(edtf, cal);
      const TypedDate back = read_typed_date(words, cal);
      CAPTURE(edtf);
      CAPTURE(words);
      CHECK(back.stored == edtf);
      CHECK(back.calendar == cal);
    }
  }
  // Text that is no date stays as it was typed.
  CHECK(date_in_words("when the snow melts", Calendar::Gregorian) == "when the snow melts");
}
