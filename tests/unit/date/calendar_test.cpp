// Tests of calendar arithmetic: Gregorian and Julian day numbers, Old Style anchors, ISO day text.
#include <doctest/doctest.h>

#include "date_test_helpers.hpp"

using namespace uch;
using date_test::day;

namespace {
// Naive reference: count days year by year from 1970 (only for a modest range).
bool naive_leap(std::int64_t y) { return y % 4 == 0 && (y % 100 != 0 || y % 400 == 0); }
DayNumber naive_days(std::int64_t y, int m, int d) {
  static const int len[13] = {0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  DayNumber n = 0;
  if (y >= 1970)
    for (std::int64_t k = 1970; k < y; ++k) n += naive_leap(k) ? 366 : 365;
  else
    for (std::int64_t k = y; k < 1970; ++k) n -= naive_leap(k) ? 366 : 365;
  for (int k = 1; k < m; ++k) n += len[k] + (k == 2 && naive_leap(y));
  return n + d - 1;
}
}  // namespace

TEST_CASE("days_from_civil: epoch and known anchors") {
  CHECK(days_from_civil(1970, 1, 1) == 0);
  CHECK(days_from_civil(1969, 12, 31) == -1);
  CHECK(days_from_civil(2000, 3, 1) == 11017);
  CHECK(days_from_civil(0, 3, 1) == -719468);
  CHECK(days_from_civil(0, 1, 1) == -719528);
  for (std::int64_t y : {-801, -480, -1, 0, 1, 4, 100, 1582, 1600, 1700, 1899, 1900, 1970, 2000, 2024, 2400}) {
    CAPTURE(y);
    CHECK(days_from_civil(y, 1, 1) == naive_days(y, 1, 1));
    CHECK(days_from_civil(y, 2, 28) == naive_days(y, 2, 28));
    CHECK(days_from_civil(y, 12, 31) == naive_days(y, 12, 31));
  }
}

TEST_CASE("civil_from_days is the inverse of days_from_civil") {
  long mismatches = 0;
  for (DayNumber d = -800000; d <= 800000; d += 7) {
    const CivilDate c = civil_from_days(d);
    if (days_from_civil(c.year, c.month, c.day) != d || c.month < 1 || c.month > 12 || c.day < 1 || c.day > 31)
      ++mismatches;
  }
  CHECK(mismatches == 0);
  const CivilDate c = civil_from_days(days_from_civil(-479, 3, 15));
  CHECK(c.year == -479);
  CHECK(c.month == 3);
  CHECK(c.day == 15);
}

TEST_CASE("64-bit day numbers: long years do not overflow") {
  const DayNumber d = days_from_civil(170000002, 1, 1);
  CHECK(d > 170000000LL * 365);
  const CivilDate c = civil_from_days(d);
  CHECK(c.year == 170000002);
  CHECK(c.month == 1);
  CHECK(c.day == 1);
  const CivilDate n = civil_from_days(days_from_civil(-170000002, 12, 31));
  CHECK(n.year == -170000002);
  CHECK(n.month == 12);
  CHECK(n.day == 31);
  CHECK(days_from_civil(-170000002, 12, 31) > kUnboundedLow);
}

TEST_CASE("Julian calendar: Old Style anchors") {
  // The Gregorian reform: Thursday 4 October 1582 (Julian) was followed by Friday 15 October 1582 (Gregorian).
  CHECK(days_from_julian(1582, 10, 4) == day(1582, 10, 14));
  CHECK(days_from_julian(1582, 10, 4) + 1 == day(1582, 10, 15));
  CHECK(days_from_julian(1582, 10, 5) == day(1582, 10, 15));
  CHECK(days_from_julian(1700, 2, 29) == day(1700, 3, 11));  // 11 days from 1700
  CHECK(days_from_julian(1700, 2, 28) == day(1700, 3, 10));
  CHECK(days_from_julian(1700, 3, 1) == day(1700, 3, 12));
  CHECK(days_from_julian(1800, 3, 1) == day(1800, 3, 13));   // 12 days from 1800
  CHECK(days_from_julian(1917, 10, 25) == day(1917, 11, 7)); // 13 days from 1900
  CHECK(days_from_julian(1918, 1, 31) == day(1918, 2, 13));
  CHECK(days_from_julian(1, 1, 1) == day(0, 12, 30));        // AD 1 Julian is 30 December 1 BC Gregorian
  CHECK(days_from_julian(200, 3, 1) == day(200, 3, 1));      // the two calendars agree in the 3rd century
}

TEST_CASE("julian_from_days is the inverse of days_from_julian") {
  long mismatches = 0;
  for (DayNumber d = -800000; d <= 800000; d += 5) {
    const CivilDate c = julian_from_days(d);
    if (days_from_julian(c.year, c.month, c.day) != d || c.month < 1 || c.month > 12 || c.day < 1 || c.day > 31)
      ++mismatches;
  }
  CHECK(mismatches == 0);
  // Consecutive days: 29 February exists in every Julian year divisible by 4, and only then.
  CHECK(julian_from_days(days_from_julian(1900, 2, 28) + 1).day == 29);
  CHECK(julian_from_days(days_from_julian(1901, 2, 28) + 1).month == 3);
  const CivilDate c = julian_from_days(day(1700, 3, 11));
  CHECK(c.year == 1700);
  CHECK(c.month == 2);
  CHECK(c.day == 29);
  // The Ides of March 44 BC (astronomical -43), Julian 15 March, is 13 March in the proleptic Gregorian calendar.
  CHECK(days_from_julian(-43, 3, 15) == day(-43, 3, 13));
  const CivilDate e = julian_from_days(day(-43, 3, 13));
  CHECK(e.year == -43);
  CHECK(e.month == 3);
  CHECK(e.day == 15);
}

TEST_CASE("iso_day: astronomical years, at least four digits, sign when negative") {
  CHECK(iso_day(0) == "1970-01-01");
  CHECK(iso_day(day(1985, 4, 12)) == "1985-04-12");
  CHECK(iso_day(day(14, 8, 19)) == "0014-08-19");
  CHECK(iso_day(day(0, 1, 1)) == "0000-01-01");
  CHECK(iso_day(day(-479, 1, 1)) == "-0479-01-01");
  CHECK(iso_day(day(-1, 12, 31)) == "-0001-12-31");
  CHECK(iso_day(day(170000002, 1, 1)) == "170000002-01-01");
  CHECK(iso_day(day(-170000002, 12, 31)) == "-170000002-12-31");
}
