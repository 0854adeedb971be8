// The forms historians write that issue 17 lists: each is read to EDTF with its bounds, or refused with
// the EDTF to type. Bounds are checked through parse_edtf of the stored EDTF, as the checker reads them.
#include <doctest/doctest.h>

#include <string>

#include "date_test_helpers.hpp"

using namespace uch;
using date_test::lower_of;
using date_test::upper_of;

namespace {
// `text` typed into a Gregorian item reads as `edtf`, whose bounds are lo..hi.
void reads(const char* text, const char* edtf, const char* lo, const char* hi, Calendar cal = Calendar::Gregorian) {
  const std::string input(text);
  CAPTURE(input);
  const TypedDate t = read_typed_date(text, cal);
  REQUIRE_MESSAGE(t.ok, t.error);
  CHECK(t.stored == edtf);
  const DateInfo d = parse_edtf(t.stored, t.calendar);
  REQUIRE_MESSAGE(d.valid, d.error);
  CHECK(lower_of(d) == lo);
  CHECK(upper_of(d) == hi);
}
void refused(const char* text, const std::string& error) {
  const std::string input(text);
  CAPTURE(input);
  const TypedDate t = read_typed_date(text, Calendar::Gregorian);
  CHECK_FALSE(t.ok);
  CHECK(t.error == error);
}
}  // namespace

TEST_CASE("winters across a year end") {
  reads("winter 1917-18", "1917-24", "1917-12-01", "1918-02-28");
  reads("the winter of 1917\xE2\x80\x93" "18", "1917-24", "1917-12-01", "1918-02-28");  // en dash
  reads("winter 1917/18", "1917-24", "1917-12-01", "1918-02-28");
  reads("winter 1919/1920", "1919-24", "1919-12-01", "1920-02-29");
  refused("winter 1917/19", "winter 1917/19: a winter runs from one year into the next");
}

TEST_CASE("parts of centuries and years") {
  reads("late 19th century", "1867/1899", "1867-01-01", "1899-12-31");
  reads("early 20th century", "1900/1933", "1900-01-01", "1933-12-31");
  reads("mid-18th century", "1734/1766", "1734-01-01", "1766-12-31");
  reads("first half of 1922", "1922-40", "1922-01-01", "1922-06-30");
  reads("second half of 1922", "1922-41", "1922-07-01", "1922-12-31");
  reads("second quarter of 1923", "1923-34", "1923-04-01", "1923-06-30");
  reads("the 1920s and 1930s", "{192X,193X}", "1920-01-01", "1939-12-31");
}

TEST_CASE("alternatives and limits") {
  reads("1920 or 1921", "[1920,1921]", "1920-01-01", "1921-12-31");
  reads("1667, 1668 or 1670", "[1667,1668,1670]", "1667-01-01", "1670-12-31");
  reads("by 1925", "[..1925]", "open", "1925-12-31");
  reads("not after 1925", "[..1925]", "open", "1925-12-31");
  reads("not before 1905", "[1905..]", "1905-01-01", "open");
  reads("1925 or earlier", "[..1925]", "open", "1925-12-31");
  reads("June 1760 or later", "[1760-06..]", "1760-06-01", "open");
  reads("after c. 1930", "1931~/..", "1931-01-01", "open");
  reads("before spring 1917", "../1917-02", "open", "1917-02-28");
  reads("between c. 1920 and 1925", "1920~/1925", "1920-01-01", "1925-12-31");
  // A set of one-of is certainly before a date only when every member is.
  const DateInfo set = parse_edtf(read_typed_date("1920 or 1921", Calendar::Gregorian).stored);
  CHECK_FALSE(certainly_before(set, parse_edtf("1921-06")));
  CHECK(certainly_before(set, parse_edtf("1922")));
}

TEST_CASE("dual years of the old new-year reckoning") {
  reads("10 February 1709/10", "1710-02-10", "1710-02-10", "1710-02-10");
  reads("10 February 1709/1710", "1710-02-10", "1710-02-10", "1710-02-10");
  reads("24 March 1719/20", "1720-03-24", "1720-03-24", "1720-03-24");
  reads("3 January 1699/0", "1700-01-03", "1700-01-03", "1700-01-03");  // a one-digit second year
  reads("10 February 1709/10 OS", "1710-02-10", "1710-02-21", "1710-02-21");  // Julian day, Gregorian bounds
  refused("1917/18",
          "1917/18 is ambiguous: type 1917/1918 for the years 1917 to 1918, or 1917-03-25/1918-03-24 for the year "
          "1917/18 of the old reckoning (from 25 March)");
  refused("1709/10",
          "1709/10 is ambiguous: type 1709/1710 for the years 1709 to 1710, or 1709-03-25/1710-03-24 for the year "
          "1709/10 of the old reckoning (from 25 March)");
  refused("1917/25", "1917/25: type 1917/1925 for the years 1917 to 1925");
  refused("10 June 1709/10",
          "10 June 1709/10: a dual year is written for days from 1 January to 24 March, before the old year's end");
  refused("10 February 1709/11", "10 February 1709/11: in a dual year the second is the year after the first, e.g. 1709/10");
  refused("February 1709/10",
          "February 1709/10: a dual year needs the day and month (10 February 1709/10); type 1709/1710 for the two "
          "years, or 1709-03-25/1710-03-24 for the year of the old reckoning");
}

TEST_CASE("feasts, movable ones by the computus of the item's calendar") {
  reads("Easter 1916", "1916-04-23", "1916-04-23", "1916-04-23");
  reads("Easter 2024", "2024-03-31", "2024-03-31", "2024-03-31");
  reads("Easter 1818", "1818-03-22", "1818-03-22", "1818-03-22");  // the earliest possible Gregorian Easter
  reads("Easter 1943", "1943-04-25", "1943-04-25", "1943-04-25");  // the latest
  // Julian items: Julian computus, Julian date, Gregorian bounds.
  reads("Easter 1666", "1666-04-15", "1666-04-25", "1666-04-25", Calendar::Julian);
  reads("Easter 1666 OS", "1666-04-15", "1666-04-25", "1666-04-25");
  reads("Michaelmas 1666", "1666-09-29", "1666-09-29", "1666-09-29");
  reads("Lady Day 1700", "1700-03-25", "1700-03-25", "1700-03-25");
  reads("Good Friday 1916", "1916-04-21", "1916-04-21", "1916-04-21");
  reads("Whitsun 1916", "1916-06-11", "1916-06-11", "1916-06-11");
  reads("Christmas 1914", "1914-12-25", "1914-12-25", "1914-12-25");
  reads("before Easter 1916", "../1916-04-22", "open", "1916-04-22");
  reads("c. Michaelmas 1666", "1666-09-29~", "1666-09-29", "1666-09-29");
}

TEST_CASE("level 2 EDTF typed into a field is stored as typed") {
  reads("[1667, 1668, 1670..1672]", "[1667, 1668, 1670..1672]", "1667-01-01", "1672-12-31");
  reads("156X-12-25", "156X-12-25", "1560-12-25", "1569-12-25");
  reads("?2004-06-~11", "?2004-06-~11", "2004-06-11", "2004-06-11");
}
