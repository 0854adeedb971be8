// Human display of each EDTF level 2 form, and of the sets the typed forms become.
#include <doctest/doctest.h>

#include <string>

#include <uchronia/date.hpp>

using namespace uch;

namespace {
void shows(const char* edtf, const char* human) {
  const std::string input(edtf);
  CAPTURE(input);
  REQUIRE(parse_edtf(edtf).valid);
  CHECK(format_human(edtf) == human);
}
}  // namespace

TEST_CASE("sets: one of, all of, earlier and later") {
  shows("[1667,1668,1670..1672]", "1667, 1668 or 1670\xE2\x80\x93" "1672");
  shows("[1920,1921]", "1920 or 1921");
  shows("{1960,1961-12}", "1960 and December 1961");
  shows("[..1760-12-03]", "3 December 1760 or earlier");
  shows("[1760-12..]", "December 1760 or later");
  shows("[1760-01,1760-02,1760-12..]", "January 1760, February 1760 or December 1760 or later");
  shows("{..1984}", "1984 and earlier");
  shows("{192X,193X}", "the 1920s and the 1930s");
}

TEST_CASE("qualified components") {
  shows("2004-06~-11", "11 June 2004 (year approximate, month approximate)");
  shows("?2004-06-~11", "11 June 2004 (year uncertain, day approximate)");
  shows("2004-?06-11", "11 June 2004 (month uncertain)");
  shows("2004-06-11%", "c. 11 June 2004?");  // the whole date: the level 1 display
}

TEST_CASE("unspecified digits") {
  shows("156X-12-25", "25 December in the 1560s");
  shows("15XX-12-25", "25 December in the 16th century");
  shows("XXXX-12-XX", "December in an unknown year (day unknown)");
  shows("1XXX-12", "December in a year 1000\xE2\x80\x93" "1999");
  shows("1984-1X", "October, November or December 1984");
  shows("1985-XX-12", "day 12 of an unknown month of 1985");
  shows("19X5", "a year 19X5");
  shows("XXXX-XX-XX", "an unknown year (month and day unknown)");
  shows("1XXX-XX", "a year 1000\xE2\x80\x93" "1999 (month unknown)");
}

TEST_CASE("exponential and significant-digit years, divisions of a year") {
  shows("Y-17E7", "170,000,001 BC");
  shows("1950S2", "some year 1900\xE2\x80\x93" "1999 (estimated 1950)");
  shows("2001-25", "spring 2001 (northern hemisphere)");
  shows("2001-30", "summer 2001\xE2\x80\x93" "02 (southern hemisphere)");
  shows("2001-34", "second quarter of 2001");
  shows("2001-38", "May\xE2\x80\x93" "August 2001");
  shows("2001-40", "first half of 2001");
}

TEST_CASE("halves, quarters and sets read back from their display") {
  for (const char* edtf : {"2001-34", "2001-40", "[1920,1921]", "[..1925]", "[1905..]"}) {
    const std::string input(edtf);
    CAPTURE(input);
    CHECK(date_in_words(edtf, Calendar::Gregorian) == format_human(edtf));
  }
}
