// Moving a date in time (the timeline's drag): precision, Old Style, qualifiers, intervals, open ends.
#include <doctest/doctest.h>

#include "date_test_helpers.hpp"
#include "uchronia/date_move.hpp"

using namespace uch;
using date_test::day;

namespace {

std::string moved(std::string_view stored, DayNumber days, Calendar cal = Calendar::Gregorian) {
  const MovedDate m = date_moved_by(stored, cal, days);
  REQUIRE_MESSAGE(m.ok, m.error);
  CHECK(parse_edtf(m.stored, cal).valid);
  return m.stored;
}

std::string end_at(std::string_view stored, IntervalEnd end, DayNumber d, Calendar cal = Calendar::Gregorian) {
  const MovedDate m = interval_end_moved_to(stored, cal, end, d);
  REQUIRE_MESSAGE(m.ok, m.error);
  CHECK(parse_edtf(m.stored, cal).valid);
  return m.stored;
}

}  // namespace

TEST_CASE("a year stays a year: it moves once the drag passes half a year") {
  CHECK(moved("1921", 100) == "1921");
  CHECK(moved("1921", 200) == "1922");
  CHECK(moved("1921", 365 * 3) == "1924");
  CHECK(moved("1921", -200) == "1920");
  CHECK(parse_edtf(moved("1921", 400)).precision == Precision::Year);
}

TEST_CASE("a month stays a month, a day a day") {
  CHECK(moved("1917-03", 10) == "1917-03");
  CHECK(moved("1917-03", 31) == "1917-04");
  CHECK(moved("1917-12", 31) == "1918-01");
  CHECK(moved("1907-06-26", 5) == "1907-07-01");
  CHECK(moved("1907-06-26", -26) == "1907-05-31");
  CHECK(moved("1985-04-12T23:20:30Z", 1) == "1985-04-13T23:20:30Z");   // the time is kept as written
}

TEST_CASE("an Old Style date is moved in the Julian reckoning and stays Old Style") {
  // 25 October 1917 OS is 7 November in our calendar; one day later is 26 October OS
  CHECK(moved("1917-10-25", 1, Calendar::Julian) == "1917-10-26");
  CHECK(moved("1917-10-31", 1, Calendar::Julian) == "1917-11-01");
  // 1900 is a leap year in the Julian calendar only: the day after 28 February OS is 29 February
  CHECK(moved("1900-02-28", 1, Calendar::Julian) == "1900-02-29");
  CHECK(moved("1900-02-28", 1) == "1900-03-01");
  // a Julian year starts 13 days after ours: a year moved by its middle stays a Julian year
  CHECK(moved("1917", 365, Calendar::Julian) == "1918");
  const DateInfo before = parse_edtf("1917-10-25", Calendar::Julian), after = parse_edtf("1917-10-26", Calendar::Julian);
  CHECK(after.lower == before.lower + 1);
}

TEST_CASE("uncertain and approximate qualifiers are kept where they were written") {
  CHECK(moved("1921~", 365) == "1922~");
  CHECK(moved("1917-03?", 31) == "1917-04?");
  CHECK(moved("2004-06-11%", 1) == "2004-06-12%");
  CHECK(moved("1984?/2004~", 366) == "1985?/2005~");
  const DateInfo info = parse_edtf(moved("1921~", 365));
  CHECK(info.approximate);
  CHECK_FALSE(info.uncertain);
}

TEST_CASE("unspecified digits, decades and seasons keep their form") {
  CHECK(moved("196X", 3653) == "197X");
  CHECK(moved("19XX", 36525) == "20XX");
  CHECK(moved("1985-XX", 365) == "1986-XX");
  CHECK(moved("1985-04-XX", 30) == "1985-05-XX");
  CHECK(moved("1920-21", 92) == "1920-22");     // spring -> summer
  CHECK(moved("1920-21", -92) == "1919-24");    // spring -> the winter before (Dec 1919 - Feb 1920)
  CHECK(moved("1919-24", 91) == "1920-21");     // winter -> the spring after it
  CHECK(moved("1920-23?", 365) == "1921-23?");
}

TEST_CASE("BC years cross year zero as EDTF writes it") {
  CHECK(moved("-0479", 365) == "-0478");
  CHECK(moved("0000", -365) == "-0001");
  CHECK(moved("-0001", 366) == "0000");
  CHECK(moved("9999", 365) == "Y10000");
  CHECK(moved("Y10000", -365) == "9999");
}

TEST_CASE("an interval moves as a whole, each end at its own precision; open and unknown ends stay") {
  CHECK(moved("1914-07-28/1918-11-11", 365) == "1915-07-28/1919-11-11");
  CHECK(moved("1914/1918-11", 365) == "1915/1919-11");
  CHECK(moved("1922/..", 365) == "1923/..");
  CHECK(moved("../1922", -365) == "../1921");
  CHECK(moved("1922/", 365) == "1923/");
  CHECK(moved("1917-02-23/1917-10-25", 1, Calendar::Julian) == "1917-02-24/1917-10-26");
}

TEST_CASE("one end of an interval placed on a day, at that end's precision, never passing the other") {
  CHECK(end_at("1914-07-28/1918-11-11", IntervalEnd::End, day(1919, 6, 28)) == "1914-07-28/1919-06-28");
  CHECK(end_at("1914-07-28/1918-11-11", IntervalEnd::Start, day(1914, 8, 1)) == "1914-08-01/1918-11-11");
  CHECK(end_at("1914/1918-11", IntervalEnd::End, day(1920, 3, 5)) == "1914/1920-03");
  CHECK(end_at("1914~/1918-11", IntervalEnd::Start, day(1910, 3, 5)) == "1910~/1918-11");
  CHECK(end_at("1922/..", IntervalEnd::Start, day(1925, 3, 5)) == "1925/..");
  // dragged past the other end: it stops there
  CHECK(end_at("1914-07-28/1918-11-11", IntervalEnd::End, day(1900, 1, 1)) == "1914-07-28/1914-07-28");
  CHECK(end_at("1914-07-28/1918-11-11", IntervalEnd::Start, day(1930, 1, 1)) == "1918-11-11/1918-11-11");
  CHECK(end_at("1914/1918", IntervalEnd::End, day(1900, 1, 1)) == "1914/1914");
  // Old Style: the end is written in the Julian reckoning (1 March 1918 in ours is 16 February OS)
  CHECK(end_at("1917-02-23/1917-10-25", IntervalEnd::End, day(1918, 3, 1), Calendar::Julian) == "1917-02-23/1918-02-16");
}

TEST_CASE("what cannot be moved is refused with a reason, and nothing moved is unchanged") {
  CHECK(moved("1921", 0) == "1921");
  CHECK_FALSE(date_moved_by("", Calendar::Gregorian, 10).ok);
  CHECK_FALSE(date_moved_by("1985-02-30", Calendar::Gregorian, 10).ok);
  CHECK_FALSE(date_moved_by("1921", Calendar::Gregorian, DayNumber{1} << 60).ok);
  const MovedDate open_end = interval_end_moved_to("1922/..", Calendar::Gregorian, IntervalEnd::End, day(1930, 1, 1));
  CHECK_FALSE(open_end.ok);
  CHECK(open_end.error.find("open end") != std::string::npos);
  CHECK_FALSE(interval_end_moved_to("1922/", Calendar::Gregorian, IntervalEnd::End, day(1930, 1, 1)).ok);
  const MovedDate single = interval_end_moved_to("1922", Calendar::Gregorian, IntervalEnd::End, day(1930, 1, 1));
  CHECK_FALSE(single.ok);
  CHECK_FALSE(single.error.empty());
}
