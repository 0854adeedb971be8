// EDTF level 2 (ISO 8601-2 as the EDTF specification states it): every example of the specification's
// level 2 section with its bounds, the divisions of a year 21-41, sets in certain comparisons, and the
// level 0/1 forms edtf.js reads that this parser used to refuse.
//
// Where edtf.js 4.11 (the reference JavaScript implementation) and the standard disagree, the standard wins:
// - 1950S2: edtf.js gives the year 1950 alone; S2 means two significant digits, some year 1900-1999.
// - [1667,1668,1670..1672]: edtf.js ends a set at its last member's start (1670-12-31); a set of one-of
//   spans from its earliest lower to its latest upper bound (1672-12-31).
// - Seasons: edtf.js reads spring (21) as January-March, like a quarter; the standard names seasons, not
//   months, and this project reads them as meteorological seasons (docs/dates.md); quadrimester 2 (38)
//   is May-September there, May-August here.
// - Qualified members of a set ([1984~, 1985?]) and qualified long years (Y17E7?) are refused there;
//   so are long years in sets and intervals ([Y12345], Y54E3/..), some pairs of interval ends it reads
//   alone (0167~/0785-~08-15, 1849/XXXX), qualified dates with unspecified digits (201X?, read here
//   since level 1), qualified divisions of a year (2001-~34, its non-standard level 3), a year qualified
//   before and after (~1008?; it reads ~04% on a day), and masks with one real value (month X8 = 08,
//   day 3X of a 30-day month = 30).
// - Negative years with unspecified digits: edtf.js bounds -156X like 156X, and -0040-X1 from November.
// - Month or day X0: edtf.js rewrites it X1 (day 0886-04-X0 bounded 01-21); here it is 10, 20 or 30.
// - Unknown interval ends (1985/, /1985): edtf.js gives them day 0 (1970-01-01); here they are unbounded.
// - Date-times: bounded here by the calendar day as written, there by the UTC day of the instant.
// - edtf.js reads ISO 8601-2 decades (198), centuries (19) and unprefixed long years (1577105), which
//   EDTF does not have; years beyond 15 digits (Y89E70) are refused here, as bounds are day numbers.
// tests/edtfjs/compare.mjs (run by tests/e2e/edtfjs_compare.sh) recognises exactly these cases.
// - Y171010000S3: the specification's prose says "between 171010000 and 171010999"; its own definition
//   (S = the number of significant digits) and its Y3388E2S3 example (338000-338999) give 171000000-171999999.
#include <doctest/doctest.h>

#include <string>

#include "date_test_helpers.hpp"

using namespace uch;
using date_test::cmp_lower_of;
using date_test::cmp_upper_of;
using date_test::lower_of;
using date_test::upper_of;

namespace {
DateInfo bounds(const char* text, const char* lo, const char* hi, Calendar cal = Calendar::Gregorian) {
  const std::string input(text);
  CAPTURE(input);
  const DateInfo d = parse_edtf(text, cal);
  REQUIRE_MESSAGE(d.valid, d.error);
  CHECK(lower_of(d) == lo);
  CHECK(upper_of(d) == hi);
  return d;
}
void invalid(const char* text, const std::string& error) {
  const std::string input(text);
  CAPTURE(input);
  const DateInfo d = parse_edtf(text);
  CHECK_FALSE(d.valid);
  CHECK(d.error == error);
}
}  // namespace

TEST_CASE("spec level 2: exponential years and significant digits") {
  bounds("Y-17E7", "-170000000-01-01", "-170000000-12-31");
  bounds("Y17E7", "170000000-01-01", "170000000-12-31");
  bounds("1950S2", "1900-01-01", "1999-12-31");
  bounds("Y171010000S3", "171000000-01-01", "171999999-12-31");
  bounds("Y3388E2S3", "338000-01-01", "338999-12-31");
  bounds("-1950S2", "-1999-01-01", "-1900-12-31");
  invalid("1950S5", "1950S5: significant digits (S5) must be from 1 to the year's 4 digits");
  invalid("1950S0", "1950S0: significant digits (S0) must be from 1 to the year's 4 digits");
  invalid("Y17E", "Y17E: expected the digits of an exponent after 'E', e.g. Y-17E7");
  invalid("Y17E20", "Y17E20: the year is too large (at most 15 digits)");
  invalid("1950S2-05", "1950S2-05: a year with significant digits (S) has no month or day");
}

TEST_CASE("spec level 2: divisions of a year 21-41") {
  bounds("2001-34", "2001-04-01", "2001-06-30");  // the specification's example: second quarter of 2001
  const char* expected[][3] = {
      {"2001-21", "2001-03-01", "2001-05-31"}, {"2001-22", "2001-06-01", "2001-08-31"},
      {"2001-23", "2001-09-01", "2001-11-30"}, {"2001-24", "2001-12-01", "2002-02-28"},
      {"2001-25", "2001-03-01", "2001-05-31"}, {"2001-26", "2001-06-01", "2001-08-31"},  // northern
      {"2001-27", "2001-09-01", "2001-11-30"}, {"2001-28", "2001-12-01", "2002-02-28"},
      {"2001-29", "2001-09-01", "2001-11-30"}, {"2001-30", "2001-12-01", "2002-02-28"},  // southern
      {"2001-31", "2001-03-01", "2001-05-31"}, {"2001-32", "2001-06-01", "2001-08-31"},
      {"2001-33", "2001-01-01", "2001-03-31"}, {"2001-34", "2001-04-01", "2001-06-30"},  // quarters
      {"2001-35", "2001-07-01", "2001-09-30"}, {"2001-36", "2001-10-01", "2001-12-31"},
      {"2001-37", "2001-01-01", "2001-04-30"}, {"2001-38", "2001-05-01", "2001-08-31"},  // quadrimesters
      {"2001-39", "2001-09-01", "2001-12-31"},
      {"2001-40", "2001-01-01", "2001-06-30"}, {"2001-41", "2001-07-01", "2001-12-31"},  // semesters
  };
  for (const auto& e : expected) bounds(e[0], e[1], e[2]);
  invalid("2001-42", "2001-42: there is no month 42");
  invalid("2001-34-01", "2001-34-01: a season has no day");
  // An approximate quarter is compared as one quarter wider on each side.
  const DateInfo q = parse_edtf("2001-34~");
  CHECK(cmp_lower_of(q) == "2001-01-01");
  CHECK(cmp_upper_of(q) == "2001-09-30");
}

TEST_CASE("spec level 2: sets, one of [..] and all of {..}") {
  bounds("[1667,1668,1670..1672]", "1667-01-01", "1672-12-31");
  bounds("[1667, 1668, 1670..1672]", "1667-01-01", "1672-12-31");  // as people write it, spaces after commas
  bounds("[..1760-12-03]", "open", "1760-12-03");
  bounds("[1760-12..]", "1760-12-01", "open");
  bounds("[1760-01,1760-02,1760-12..]", "1760-01-01", "open");
  bounds("[1667,1760-12]", "1667-01-01", "1760-12-31");
  bounds("[..1984]", "open", "1984-12-31");
  bounds("{1667,1668,1670..1672}", "1667-01-01", "1672-12-31");
  bounds("{1960,1961-12}", "1960-01-01", "1961-12-31");
  bounds("{..1984}", "open", "1984-12-31");
  // Members in any order: earliest lower bound to latest upper bound.
  bounds("[1672,1667]", "1667-01-01", "1672-12-31");
  const DateInfo q = bounds("[1984~,1990?]", "1984-01-01", "1990-12-31");
  CHECK(q.approximate);
  CHECK(q.uncertain);
  CHECK(cmp_lower_of(q) == "1983-01-01");
  invalid("[]", "[]: a set needs at least one date");
  invalid("[1667,]", "[1667,]: a set member is empty");
  invalid("[1667", "[1667: a set opened with '[' is closed with ']' at the end");
  invalid("[1670..1668]", "[1670..1668]: the run 1670..1668 ends before it starts");
  invalid("[1920..1922-05]", "[1920..1922-05]: a run 1920..1922-05 needs both ends of one precision (year..year, month..month)");
  invalid("[1667,..1668]", "[1667,..1668]: '..' before a date is for the first member of a set only, e.g. [..1984]");
  invalid("[1985/1986]", "[1985/1986]: a set holds dates, not intervals; write a run as 1670..1672");
  invalid("[1985-13]", "[1985-13]: there is no month 13");
  invalid("[..]", "[..]: '..' in a set goes with a date, e.g. [..1984] or [1984..]");
  invalid("{1984,..}", "{1984,..}: '..' in a set goes with a date, e.g. [..1984] or [1984..]");
}

TEST_CASE("sets in certain comparisons: certain only when every member is") {
  const DateInfo set = parse_edtf("[1667,1668,1670..1672]");
  CHECK(certainly_before(parse_edtf("1666"), set));
  CHECK_FALSE(certainly_before(parse_edtf("1668"), set));  // 1668 may be after 1667, the first member
  CHECK_FALSE(certainly_after(parse_edtf("1671"), set));   // may be before 1672
  CHECK(certainly_after(parse_edtf("1673"), set));
  CHECK(certainly_before(set, parse_edtf("1673")));
  CHECK_FALSE(certainly_before(parse_edtf("1900"), parse_edtf("[..1984]")));  // one of 1984 or any earlier year
  CHECK(certainly_after(parse_edtf("1985"), parse_edtf("[..1984]")));
  CHECK(certainly_outside(parse_edtf("1959"), parse_edtf("{1960,1961-12}")));
  CHECK_FALSE(certainly_outside(parse_edtf("1961"), parse_edtf("{1960,1961-12}")));
}

TEST_CASE("spec level 2: qualification of components") {
  DateInfo d = bounds("2004-06-11%", "2004-06-11", "2004-06-11");
  CHECK(d.uncertain);
  CHECK(d.approximate);
  d = bounds("2004-06~-11", "2004-06-11", "2004-06-11");  // year and month approximate
  CHECK(d.approximate);
  CHECK_FALSE(d.uncertain);
  CHECK(cmp_lower_of(d) == "2003-06-01");  // the coarsest approximate component, the year, sets the margin
  CHECK(cmp_upper_of(d) == "2005-06-30");
  d = bounds("2004?-06-11", "2004-06-11", "2004-06-11");  // year uncertain
  CHECK(d.uncertain);
  CHECK_FALSE(d.approximate);
  CHECK(cmp_lower_of(d) == "2004-06-11");
  d = bounds("?2004-06-~11", "2004-06-11", "2004-06-11");  // year uncertain, day approximate
  CHECK(d.uncertain);
  CHECK(d.approximate);
  CHECK(cmp_lower_of(d) == "2004-06-10");
  CHECK(cmp_upper_of(d) == "2004-06-12");
  d = bounds("2004-?06-11", "2004-06-11", "2004-06-11");  // month uncertain
  CHECK(d.uncertain);
  d = bounds("2004-~06", "2004-06-01", "2004-06-30");
  CHECK(cmp_lower_of(d) == "2004-05-01");
  CHECK(d.precision == Precision::Month);
  bounds("?-2004", "-2004-01-01", "-2004-12-31");
  invalid("2004-06-11?~", "2004-06-11?~: several qualifiers on one date component; write % for uncertain and approximate");
}

TEST_CASE("spec level 2: unspecified digits anywhere") {
  bounds("156X-12-25", "1560-12-25", "1569-12-25");
  bounds("15XX-12-25", "1500-12-25", "1599-12-25");
  bounds("XXXX-12-XX", "0000-12-01", "9999-12-31");
  bounds("1XXX-XX", "1000-01-01", "1999-12-31");
  bounds("1XXX-12", "1000-12-01", "1999-12-31");
  bounds("1984-1X", "1984-10-01", "1984-12-31");
  bounds("1XXX", "1000-01-01", "1999-12-31");
  bounds("XXX1", "0001-01-01", "9991-12-31");
  bounds("2004-X1", "2004-01-01", "2004-11-30");
  bounds("2004-1X-3X", "2004-10-30", "2004-12-31");
  bounds("1985-XX-12", "1985-01-12", "1985-12-12");
  bounds("19XX-02-29", "1904-02-29", "1996-02-29");  // only leap years have the day
  bounds("-156X", "-1569-01-01", "-1560-12-31");
  invalid("XXXX-02-3X", "XXXX-02-3X: no day matches these unspecified digits");
  invalid("1985-2X", "1985-2X: no month matches 2X");
}

TEST_CASE("spec level 2: intervals") {
  const DateInfo d = bounds("2004-06-~01/2004-06-~20", "2004-06-01", "2004-06-20");
  CHECK(d.approximate);
  CHECK(cmp_lower_of(d) == "2004-05-31");
  CHECK(cmp_upper_of(d) == "2004-06-21");
  bounds("2004-06-XX/2004-07-03", "2004-06-01", "2004-07-03");
  bounds("1950S2/2001-34", "1900-01-01", "2001-06-30");
}

TEST_CASE("level 0/1 forms edtf.js reads, refused before") {
  bounds("XXXX", "0000-01-01", "9999-12-31");
  for (const char* both_open : {"../..", "/..", "../", "/"}) bounds(both_open, "open", "open");
  bounds("1985-04-12T23:20:30+0430", "1985-04-12", "1985-04-12");
  invalid("1985-04-12T23:20:30+043", "1985-04-12T23:20:30+043: a time offset is written +hh, +hh:mm or +hhmm, e.g. +01:00");
}
