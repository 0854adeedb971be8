// Tests of certain comparisons (spec section 2) and of the sort key.
#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "date_test_helpers.hpp"

using namespace uch;

namespace {
bool before(const char* a, const char* b) { return certainly_before(parse_edtf(a), parse_edtf(b)); }
bool after(const char* a, const char* b) { return certainly_after(parse_edtf(a), parse_edtf(b)); }
bool outside(const char* a, const char* b) { return certainly_outside(parse_edtf(a), parse_edtf(b)); }
}  // namespace

TEST_CASE("certain only when the bounds do not overlap") {
  CHECK(before("1920", "1921-03"));
  CHECK(after("1921-03", "1920"));
  CHECK_FALSE(before("1921-03", "1920"));
  CHECK_FALSE(before("1920", "1920-06"));  // overlap
  CHECK_FALSE(after("1920-06", "1920"));
  CHECK_FALSE(before("1920", "1920"));
  CHECK(before("1985-04-11", "1985-04-12"));
  CHECK_FALSE(before("1985-04-12", "1985-04-12"));
  CHECK(before("-0479", "0000"));
  CHECK(before("Y-170000002", "-9999"));
}

TEST_CASE("approximate dates are widened for comparisons") {
  CHECK_FALSE(before("1920~", "1921-03"));
  CHECK(before("1920~", "1922-01"));
  CHECK_FALSE(before("1920%", "1921-03"));
  CHECK(before("1920?", "1921-03"));  // uncertain only: not widened
  CHECK_FALSE(before("2004-06~", "2004-07-15"));
  CHECK(before("2004-06~", "2004-08-01"));
  CHECK_FALSE(after("2004-06~", "2004-05-31"));
  CHECK(after("2004-06~", "2004-04-30"));
  CHECK_FALSE(before("1985-04-12~", "1985-04-13"));
  CHECK(before("1985-04-12~", "1985-04-14"));
  CHECK_FALSE(before("1919", "1920~/1925"));
  CHECK(before("1918", "1920~/1925"));
  CHECK_FALSE(after("1926", "1920/1925~"));
  CHECK(after("1927", "1920/1925~"));
}

TEST_CASE("open and unknown ends") {
  CHECK(before("../1919", "1920"));
  CHECK_FALSE(before("../1920", "1920"));
  CHECK(after("1921/..", "1920"));
  CHECK_FALSE(before("1985/", "2100"));   // unknown end: never certainly before anything later
  CHECK_FALSE(after("/1985", "1000"));
  CHECK_FALSE(before("1000", "/1985"));
  CHECK(before("1984", "1985/"));
}

TEST_CASE("certainly_outside is the test for 'during'") {
  CHECK(outside("1921", "1920"));
  CHECK(outside("1919-12-31", "1920"));
  CHECK_FALSE(outside("1920-06", "1920"));
  CHECK(outside("1920-06", "1914/1918~"));
  CHECK(outside("1920-06", "1914/1918"));
  CHECK_FALSE(outside("1919-06", "1914/1918~"));
  CHECK_FALSE(outside("1920~", "1921/1925"));
}

TEST_CASE("invalid dates are never certainly anything") {
  CHECK_FALSE(before("1985-13", "2000"));
  CHECK_FALSE(after("2000", "1985-02-30"));
  CHECK_FALSE(outside("2008/1964", "1900"));
}

TEST_CASE("sort key: by lower, then upper; open starts first; undated last") {
  std::vector<std::string> dates = {"1985", "not a date", "1985-04", "../1900", "1985-04/1990", "1984-12-31", "-0479",
                                    "1985-04-12"};
  std::stable_sort(dates.begin(), dates.end(),
                   [](const std::string& a, const std::string& b) { return sort_key(parse_edtf(a)) < sort_key(parse_edtf(b)); });
  const std::vector<std::string> expected = {"../1900", "-0479",        "1984-12-31", "1985",
                                             "1985-04", "1985-04/1990", "1985-04-12", "not a date"};
  CHECK(dates == expected);
  const DateSortKey k = sort_key(parse_edtf("1985"));
  CHECK(k.dated);
  CHECK(k.lower == date_test::day(1985, 1, 1));
  CHECK(k.upper == date_test::day(1985, 12, 31));
  CHECK_FALSE(sort_key(parse_edtf("1985-13")).dated);
}
