// The check rules read EDTF level 2 dates through the same bounds as every other date: a set of one-of
// violates a relation only when every member does; level 2 dates are not date.invalid.
#include <doctest/doctest.h>

#include "check_fixtures.hpp"

using namespace checktest;
using uch::RelationType;

namespace {
bool violated(const std::string& a, RelationType type, const std::string& b) {
  DocBuilder d;
  d.entry("a", a);
  d.entry("b", b);
  d.rel("a", type, "b");
  return !about(d.check(), "relation.violated", "a").empty();
}
}  // namespace

TEST_CASE("level 2 dates in relations: certain only when every member is") {
  CHECK_FALSE(violated("[1920,1921]", RelationType::Before, "1921-06"));  // 1920 would do
  CHECK(violated("[1922,1923]", RelationType::Before, "1921"));          // neither would
  CHECK_FALSE(violated("[..1925]", RelationType::After, "1920"));        // 1925 or any earlier year
  CHECK(violated("[..1919]", RelationType::After, "1920"));
  CHECK(violated("1920", RelationType::During, "{1960,1961-12}"));
  CHECK_FALSE(violated("156X-12-25", RelationType::Before, "1565"));
  CHECK(violated("156X-12-25", RelationType::Before, "1559"));
}

TEST_CASE("level 2 dates are valid dates for date.invalid") {
  DocBuilder d;
  int n = 0;
  for (const char* date : {"[1667, 1668, 1670..1672]", "{1960,1961-12}", "?2004-06-~11", "1XXX-XX", "Y-17E7",
                           "1950S2", "2001-34", "2004-06-~01/2004-06-~20", "../.."})
    d.entry("e" + std::to_string(n++), date);
  d.entry("bad", "[1670..1668]");
  const auto all = d.check();
  const auto invalid = of_rule(all, "date.invalid");
  REQUIRE(invalid.size() == 1);
  CHECK(uch::subject_of(invalid[0]) == "bad");
}
