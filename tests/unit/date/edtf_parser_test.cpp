// Tests of parse_edtf: every example of spec section 2, validity edges, seasons, X digits, intervals, level 2, Julian.
#include <doctest/doctest.h>

#include <string>

#include "date_test_helpers.hpp"

using namespace uch;
using date_test::lower_of;
using date_test::upper_of;

namespace {
void bounds(const char* text, const char* lo, const char* hi, Calendar cal = Calendar::Gregorian) {
  const std::string input(text);
  CAPTURE(input);
  const DateInfo d = parse_edtf(text, cal);
  REQUIRE_MESSAGE(d.valid, d.error);
  CHECK(d.error.empty());
  CHECK(lower_of(d) == lo);
  CHECK(upper_of(d) == hi);
}

void invalid(const char* text, const std::string& error) {
  const std::string input(text);
  CAPTURE(input);
  const DateInfo d = parse_edtf(text);
  CHECK_FALSE(d.valid);
  CHECK_FALSE(d.range_reversed);
  CHECK(d.error == error);
}

}  // namespace

TEST_CASE("spec section 2: level 0 examples and their bounds") {
  bounds("1985", "1985-01-01", "1985-12-31");
  bounds("1985-04", "1985-04-01", "1985-04-30");
  bounds("1985-04-12", "1985-04-12", "1985-04-12");
  bounds("1964/2008", "1964-01-01", "2008-12-31");
  bounds("2004-06/2006-08", "2004-06-01", "2006-08-31");
  bounds("-0479", "-0479-01-01", "-0479-12-31");
  bounds("0000", "0000-01-01", "0000-12-31");
}

TEST_CASE("spec section 2: level 1 examples and their bounds") {
  bounds("1985-04-12/..", "1985-04-12", "open");
  bounds("../1985", "open", "1985-12-31");
  bounds("1985/", "1985-01-01", "open");
  bounds("1984?", "1984-01-01", "1984-12-31");
  bounds("2004-06~", "2004-06-01", "2004-06-30");
  bounds("2004-06-11%", "2004-06-11", "2004-06-11");
  bounds("201X", "2010-01-01", "2019-12-31");
  bounds("20XX", "2000-01-01", "2099-12-31");
  bounds("1985-04-XX", "1985-04-01", "1985-04-30");
  bounds("1985-XX-XX", "1985-01-01", "1985-12-31");
  bounds("2001-21", "2001-03-01", "2001-05-31");
  bounds("2001-22", "2001-06-01", "2001-08-31");
  bounds("2001-23", "2001-09-01", "2001-11-30");
  bounds("2001-24", "2001-12-01", "2002-02-28");
  bounds("Y170000002", "170000002-01-01", "170000002-12-31");
  bounds("Y-170000002", "-170000002-01-01", "-170000002-12-31");
}

TEST_CASE("spec section 2: invalid examples") {
  invalid("1985-02-30", "1985-02-30: February 1985 has 28 days");
  invalid("1900-02-29", "1900-02-29: February 1900 has 28 days");
  invalid("1985-13", "1985-13: there is no month 13");
  invalid("1985-00", "1985-00: there is no month 00");
  const DateInfo r = parse_edtf("2008/1964");
  CHECK_FALSE(r.valid);
  CHECK(r.range_reversed);
  CHECK(r.error == "2008/1964: the end (1964) is before the start (2008)");
}

TEST_CASE("flags and precision") {
  DateInfo d = parse_edtf("1984?");
  CHECK(d.uncertain);
  CHECK_FALSE(d.approximate);
  CHECK_FALSE(d.interval);
  CHECK(d.precision == Precision::Year);
  d = parse_edtf("2004-06~");
  CHECK(d.approximate);
  CHECK_FALSE(d.uncertain);
  CHECK(d.precision == Precision::Month);
  d = parse_edtf("2004-06-11%");
  CHECK(d.approximate);
  CHECK(d.uncertain);
  CHECK(d.precision == Precision::Day);
  d = parse_edtf("1964/2008");
  CHECK(d.interval);
  CHECK_FALSE(d.lower_unbounded);
  CHECK_FALSE(d.upper_unbounded);
  CHECK(parse_edtf("2001-21").precision == Precision::Season);
  CHECK(parse_edtf("201X").precision == Precision::Decade);
  CHECK(parse_edtf("20XX").precision == Precision::Century);
  CHECK(parse_edtf("1985-04-XX").precision == Precision::Month);
  CHECK(parse_edtf("1985-XX-XX").precision == Precision::Year);
  CHECK(parse_edtf("Y170000002").precision == Precision::Year);
  CHECK(parse_edtf("2004-06/2006-08").precision == Precision::Month);
  CHECK(parse_edtf("../2006-08").precision == Precision::Other);
  CHECK(parse_edtf("1985-04-12T23:20:30").precision == Precision::Day);
  d = parse_edtf("1984?/2004-06~");
  CHECK(d.uncertain);
  CHECK(d.approximate);
}

TEST_CASE("date-times: bounds by calendar day") {
  bounds("1985-04-12T23:20:30", "1985-04-12", "1985-04-12");
  bounds("1985-04-12T23:20:30Z", "1985-04-12", "1985-04-12");
  bounds("1985-04-12T23:20:30+01:00", "1985-04-12", "1985-04-12");
  bounds("1985-04-12T23:20:30-04", "1985-04-12", "1985-04-12");
  bounds("2004-01-01T00:00:00/2004-02-01T10:10:10Z", "2004-01-01", "2004-02-01");
  invalid("1985-04-12T24:00:00", "1985-04-12T24:00:00: there is no hour 24");
  invalid("1985-04-12T23:60:00", "1985-04-12T23:60:00: there is no minute 60");
  invalid("1985-04-12T23:20", "1985-04-12T23:20: a time is written hh:mm:ss, e.g. 1985-04-12T23:20:30");
  invalid("1985-04T10:00:00", "1985-04T10:00:00: a time needs a full date (year, month and day)");
  invalid("1985-04-12T23:20:30Zx", "1985-04-12T23:20:30Zx: unexpected 'x' at position 21");
  invalid("1985-04-12T23:20:30+1:00", "1985-04-12T23:20:30+1:00: a time offset is written +hh, +hh:mm or +hhmm, e.g. +01:00");
  invalid("1985-04-12T23:20:30?", "1985-04-12T23:20:30?: a date-time cannot carry a qualifier (?, ~, %)");
  invalid("1985-04-30T23:20:30+25:00", "1985-04-30T23:20:30+25:00: there is no time offset +25:00");
}

TEST_CASE("leap years and month lengths") {
  bounds("2000-02-29", "2000-02-29", "2000-02-29");
  bounds("2004-02-29", "2004-02-29", "2004-02-29");
  bounds("-0028-02-29", "-0028-02-29", "-0028-02-29");
  bounds("0000-02-29", "0000-02-29", "0000-02-29");  // year 0 is divisible by 400
  bounds("1600-02-29", "1600-02-29", "1600-02-29");
  invalid("2003-02-29", "2003-02-29: February 2003 has 28 days");
  invalid("1700-02-29", "1700-02-29: February 1700 has 28 days");
  invalid("1800-02-29", "1800-02-29: February 1800 has 28 days");
  invalid("2100-02-29", "2100-02-29: February 2100 has 28 days");
  bounds("2400-02-29", "2400-02-29", "2400-02-29");
  bounds("-0400-02-29", "-0400-02-29", "-0400-02-29");
  invalid("-0100-02-29", "-0100-02-29: February -0100 has 28 days");
  invalid("-0001-02-29", "-0001-02-29: February -0001 has 28 days");
  invalid("2004-02-30", "2004-02-30: February 2004 has 29 days");
  bounds("1900-02", "1900-02-01", "1900-02-28");
  bounds("2000-02", "2000-02-01", "2000-02-29");
  bounds("1985-01-31", "1985-01-31", "1985-01-31");
  bounds("1985-12-31", "1985-12-31", "1985-12-31");
  bounds("1985-06", "1985-06-01", "1985-06-30");
  invalid("1985-04-31", "1985-04-31: April 1985 has 30 days");
  invalid("1985-06-31", "1985-06-31: June 1985 has 30 days");
  invalid("1985-09-31", "1985-09-31: September 1985 has 30 days");
  invalid("1985-11-31", "1985-11-31: November 1985 has 30 days");
  invalid("1985-01-32", "1985-01-32: January 1985 has 31 days");
  invalid("1985-04-00", "1985-04-00: there is no day 0");
  invalid("1985-20", "1985-20: there is no month 20");
  invalid("1985-42", "1985-42: there is no month 42");
}

TEST_CASE("BC and year zero") {
  bounds("-0479", "-0479-01-01", "-0479-12-31");
  bounds("-0001", "-0001-01-01", "-0001-12-31");
  bounds("-0479-03-15", "-0479-03-15", "-0479-03-15");
  bounds("-9999", "-9999-01-01", "-9999-12-31");
  bounds("-0479/-0400", "-0479-01-01", "-0400-12-31");
  CHECK(parse_edtf("0000").lower == parse_edtf("-0001").upper + 1);
  CHECK(parse_edtf("0001").lower == parse_edtf("0000").upper + 1);
  invalid("-0000", "-0000: there is no year -0000; year zero (1 BC) is written 0000");
}

TEST_CASE("syntax errors say what and where") {
  invalid("85", "85: a year has four digits, e.g. 0085");
  invalid("19850", "19850: a year of more than four digits is written with the Y prefix, e.g. Y19850");
  invalid("1985-4", "1985-4: a month has two digits, e.g. 04");
  invalid("1985-04-1", "1985-04-1: a day has two digits, e.g. 07");
  invalid("1985-", "1985-: expected a month after '-'");
  invalid("1985-04-12x", "1985-04-12x: unexpected 'x' at position 11");
  invalid("1985 ", "1985 : unexpected space at position 5");
  invalid("abc", "abc: unexpected 'a' at position 1");
  invalid("1985-21-01", "1985-21-01: a season has no day");
  invalid("Y1985", "Y1985: the Y prefix is for years of more than four digits; write 1985");
  invalid("Y170000002-01", "Y170000002-01: a long year (Y...) has no month or day");
  invalid("Y1234567890123456", "Y1234567890123456: the year is too large (at most 15 digits)");
  invalid("1985/1986/1987", "1985/1986/1987: an interval has one '/' (start/end)");
  invalid("..", "..: '..' (open) can only be an end of an interval, e.g. 1985/.. or ../1985");
  invalid("?", "?: a qualifier needs a date before it");
  CHECK(parse_edtf("").error.rfind("empty date", 0) == 0);
  CHECK_FALSE(parse_edtf("").valid);
  CHECK(parse_edtf("1985\xC3\xA9").error == "1985\xC3\xA9: unexpected byte 0xC3 at position 5");
  // An error in an interval names the whole interval and the impossible part.
  invalid("1985-02-30/1990", "1985-02-30/1990: February 1985 has 28 days");
  invalid("1980/1985-13", "1980/1985-13: there is no month 13");
}

TEST_CASE("seasons, including winter crossing the year") {
  bounds("1920-21", "1920-03-01", "1920-05-31");
  bounds("1920-22", "1920-06-01", "1920-08-31");
  bounds("1920-23", "1920-09-01", "1920-11-30");
  bounds("1920-24", "1920-12-01", "1921-02-28");
  bounds("1919-24", "1919-12-01", "1920-02-29");  // ends in a leap February
  bounds("-0001-24", "-0001-12-01", "0000-02-29");
  bounds("2001-21/2002-23", "2001-03-01", "2002-11-30");
  bounds("2001-21~", "2001-03-01", "2001-05-31");
}

TEST_CASE("unspecified digits (X) in each level 1 position") {
  bounds("201X", "2010-01-01", "2019-12-31");
  bounds("20XX", "2000-01-01", "2099-12-31");
  bounds("2004-XX", "2004-01-01", "2004-12-31");
  bounds("1985-04-XX", "1985-04-01", "1985-04-30");
  bounds("1985-02-XX", "1985-02-01", "1985-02-28");
  bounds("1985-XX-XX", "1985-01-01", "1985-12-31");
  bounds("-047X", "-0479-01-01", "-0470-12-31");
  bounds("-04XX", "-0499-01-01", "-0400-12-31");
  bounds("000X", "0000-01-01", "0009-12-31");
  bounds("201X?", "2010-01-01", "2019-12-31");
  bounds("191X/192X", "1910-01-01", "1929-12-31");
}

TEST_CASE("intervals: mixed precision, open and unknown ends") {
  bounds("2004-02-01/2005-02-08", "2004-02-01", "2005-02-08");
  bounds("2004-02-01/2005-02", "2004-02-01", "2005-02-28");
  bounds("2004-02-01/2005", "2004-02-01", "2005-12-31");
  bounds("2005/2006-02", "2005-01-01", "2006-02-28");
  bounds("1984~/2004-06", "1984-01-01", "2004-06-30");
  bounds("-1984?/2004%", "-1984-01-01", "2004-12-31");
  bounds("1985/1985-01", "1985-01-01", "1985-01-31");  // the end lies inside the start: not reversed
  bounds("1985-04-12/1985-04-12", "1985-04-12", "1985-04-12");
  bounds("/1985-04-12", "open", "1985-04-12");
  bounds("../1985-04", "open", "1985-04-30");
  bounds("1985-04/..", "1985-04-01", "open");
  bounds("1985-04-12/", "1985-04-12", "open");
  bounds("1984-06-02?/", "1984-06-02", "open");
  DateInfo d = parse_edtf("../1985");
  CHECK(d.lower == kUnboundedLow);
  CHECK(d.lower_unbounded);
  CHECK(d.cmp_lower == kUnboundedLow);
  CHECK_FALSE(d.upper_unbounded);
  d = parse_edtf("1985/");
  CHECK(d.upper == kUnboundedHigh);
  CHECK(d.upper_unbounded);
  CHECK(d.cmp_upper == kUnboundedHigh);
  CHECK(d.interval);
  d = parse_edtf("1985/..");
  CHECK(d.upper == kUnboundedHigh);
  CHECK(d.upper_unbounded);
}

TEST_CASE("reversed intervals are flagged range_reversed") {
  for (const char* text : {"2008/1964", "1985-04-12/1985-04-11", "1985-05/1985-04", "2001-22/2001-21",
                           "Y170000002/1985", "1921~/1919"}) {
    const std::string input(text);
    CAPTURE(input);
    const DateInfo d = parse_edtf(text);
    CHECK_FALSE(d.valid);
    CHECK(d.range_reversed);
    CHECK(d.error.find("is before the start") != std::string::npos);
  }
  // Not certainly reversed once the approximate start is widened: valid, spanning both ends.
  const DateInfo d = parse_edtf("1920~/1919");
  CHECK(d.valid);
  CHECK_FALSE(d.range_reversed);
  CHECK(lower_of(d) == "1919-01-01");
  CHECK(upper_of(d) == "1920-12-31");
  CHECK_FALSE(parse_edtf("1985-13").range_reversed);
}

TEST_CASE("comparison bounds: approximate parts widened by one unit of their precision") {
  DateInfo d = parse_edtf("1920~");
  CHECK(lower_of(d) == "1920-01-01");
  CHECK(upper_of(d) == "1920-12-31");
  CHECK(date_test::cmp_lower_of(d) == "1919-01-01");
  CHECK(date_test::cmp_upper_of(d) == "1921-12-31");
  d = parse_edtf("2004-06~");
  CHECK(date_test::cmp_lower_of(d) == "2004-05-01");
  CHECK(date_test::cmp_upper_of(d) == "2004-07-31");
  d = parse_edtf("2004-01~");
  CHECK(date_test::cmp_lower_of(d) == "2003-12-01");
  CHECK(date_test::cmp_upper_of(d) == "2004-02-29");
  d = parse_edtf("1985-04-12~");
  CHECK(date_test::cmp_lower_of(d) == "1985-04-11");
  CHECK(date_test::cmp_upper_of(d) == "1985-04-13");
  d = parse_edtf("2004-06-11%");
  CHECK(date_test::cmp_lower_of(d) == "2004-06-10");
  CHECK(date_test::cmp_upper_of(d) == "2004-06-12");
  d = parse_edtf("1984?");  // uncertain only: not widened
  CHECK(date_test::cmp_lower_of(d) == "1984-01-01");
  CHECK(date_test::cmp_upper_of(d) == "1984-12-31");
  d = parse_edtf("1920-21~");  // a season widens by a season
  CHECK(date_test::cmp_lower_of(d) == "1919-12-01");
  CHECK(date_test::cmp_upper_of(d) == "1920-08-31");
  d = parse_edtf("191X~");  // a decade by a decade
  CHECK(date_test::cmp_lower_of(d) == "1900-01-01");
  CHECK(date_test::cmp_upper_of(d) == "1929-12-31");
  d = parse_edtf("19XX~");
  CHECK(date_test::cmp_lower_of(d) == "1800-01-01");
  CHECK(date_test::cmp_upper_of(d) == "2099-12-31");
  // Intervals: each approximate end separately.
  d = parse_edtf("1920~/1925");
  CHECK(date_test::cmp_lower_of(d) == "1919-01-01");
  CHECK(date_test::cmp_upper_of(d) == "1925-12-31");
  d = parse_edtf("1920/1925-06~");
  CHECK(date_test::cmp_lower_of(d) == "1920-01-01");
  CHECK(date_test::cmp_upper_of(d) == "1925-07-31");
  d = parse_edtf("1920~/..");
  CHECK(date_test::cmp_lower_of(d) == "1919-01-01");
  CHECK(d.cmp_upper == kUnboundedHigh);
  // Not approximate: comparison bounds are the bounds.
  d = parse_edtf("1964/2008");
  CHECK(d.cmp_lower == d.lower);
  CHECK(d.cmp_upper == d.upper);
}

TEST_CASE("Calendar::Julian: written dates are Julian, bounds are Gregorian days") {
  using date_test::day;
  const Calendar J = Calendar::Julian;
  DateInfo d = parse_edtf("1582-10-04", J);
  REQUIRE(d.valid);
  CHECK(d.lower == day(1582, 10, 14));
  const DateInfo g = parse_edtf("1582-10-15");
  CHECK(g.lower == d.lower + 1);  // Gregorian 1582-10-15 follows Julian 1582-10-04
  d = parse_edtf("1700-02-29", J);
  REQUIRE(d.valid);
  CHECK(lower_of(d) == "1700-03-11");
  CHECK_FALSE(parse_edtf("1700-02-29").valid);
  bounds("1917-10-25", "1917-11-07", "1917-11-07", J);
  bounds("1918-01-31", "1918-02-13", "1918-02-13", J);
  bounds("1917", "1917-01-14", "1918-01-13", J);
  bounds("1917-10", "1917-10-14", "1917-11-13", J);
  bounds("1700-02", "1700-02-11", "1700-03-11", J);
  bounds("1917-10-25/1918-01-31", "1917-11-07", "1918-02-13", J);
  const DateInfo bad = parse_edtf("1700-02-30", J);
  CHECK_FALSE(bad.valid);
  CHECK(bad.error == "1700-02-30: February 1700 has 29 days in the Julian calendar");
  d = parse_edtf("1917-10~", J);  // widening happens in Julian months
  CHECK(date_test::cmp_lower_of(d) == "1917-09-14");
  CHECK(date_test::cmp_upper_of(d) == "1917-12-13");
}
