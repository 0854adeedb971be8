// Tests of the relation rules: relation.violated (every type of spec section 4) and relation.cycle.
#include <doctest/doctest.h>

#include "check_fixtures.hpp"

using namespace checktest;
using uch::Calendar;
using uch::RelationType;

namespace {

/// Does "a TYPE b" with these dates raise relation.violated (on a)?
bool violated(const std::string& a, RelationType type, const std::string& b, Calendar cal_a = Calendar::Gregorian,
              Calendar cal_b = Calendar::Gregorian) {
  DocBuilder d;
  d.entry("a", a).calendar = cal_a;
  d.entry("b", b).calendar = cal_b;
  d.rel("a", type, "b");
  auto all = d.check();
  auto found = about(all, "relation.violated", "a");
  for (const auto& f : found) {
    CHECK(f.related == std::vector<std::string>{"b"});
    CHECK(f.severity == uch::Severity::Error);
  }
  CHECK(about(all, "relation.violated", "b").empty());
  return !found.empty();
}

}  // namespace

TEST_CASE("relation.violated: before") {
  CHECK(violated("1921", RelationType::Before, "1920"));
  CHECK_FALSE(violated("1920", RelationType::Before, "1921"));
  CHECK_FALSE(violated("1920", RelationType::Before, "1920"));         // not after: same time is fine
  CHECK_FALSE(violated("1920-05", RelationType::Before, "1920"));      // overlap
  CHECK_FALSE(violated("1921~", RelationType::Before, "1920"));        // widened to 1920..1922
  CHECK_FALSE(violated("1921-01~", RelationType::Before, "1920-12"));  // widened to December 1920
  CHECK(violated("1921?", RelationType::Before, "1920"));              // uncertain: not widened
  CHECK_FALSE(violated("192X", RelationType::Before, "1925"));
  CHECK_FALSE(violated("1921", RelationType::Before, "1920/.."));     // open end
  CHECK_FALSE(violated("", RelationType::Before, "1920"));            // undated: nothing to compare
  CHECK_FALSE(violated("1921-02-30", RelationType::Before, "1920"));  // invalid: date.invalid only
}

TEST_CASE("relation.violated: after") {
  CHECK(violated("1919", RelationType::After, "1920"));
  CHECK_FALSE(violated("1921", RelationType::After, "1920"));
  CHECK_FALSE(violated("1920-01", RelationType::After, "1920"));
  CHECK_FALSE(violated("1919~", RelationType::After, "1920"));
  CHECK_FALSE(violated("1919-12%", RelationType::After, "1920-01"));
}

TEST_CASE("relation.violated: causes") {
  CHECK(violated("1918", RelationType::Causes, "1917"));
  CHECK_FALSE(violated("1917", RelationType::Causes, "1918"));
  CHECK_FALSE(violated("1917-11", RelationType::Causes, "1917-11-07"));
  CHECK_FALSE(violated("1918~", RelationType::Causes, "1917"));
}

TEST_CASE("relation.violated: ends compares with the start of what it ends") {
  CHECK_FALSE(violated("1920-08-16", RelationType::Ends, "1919-02/1921-03"));
  CHECK_FALSE(violated("1921-03-18", RelationType::Ends, "1919-02/1921-03"));
  CHECK_FALSE(violated("1922", RelationType::Ends, "1919-02/1921-03"));  // later than the recorded end: allowed
  CHECK(violated("1918", RelationType::Ends, "1919-02/1921-03"));
  CHECK(violated("1919-01-31", RelationType::Ends, "1919-02/1921-03"));
  CHECK_FALSE(violated("1919-01~", RelationType::Ends, "1919-02/1921-03"));  // widened to February
  CHECK_FALSE(violated("1918", RelationType::Ends, "../1921"));              // open start
}

TEST_CASE("relation.violated: during") {
  CHECK_FALSE(violated("1921", RelationType::During, "1920/1922"));
  CHECK(violated("1923", RelationType::During, "1920/1922"));
  CHECK(violated("1919-12-31", RelationType::During, "1920/1922"));
  CHECK_FALSE(violated("1923~", RelationType::During, "1920/1922"));
  CHECK_FALSE(violated("1922-12", RelationType::During, "1920/1922"));
  CHECK_FALSE(violated("1919/1921", RelationType::During, "1920/1922"));  // overlapping: not certainly outside
  CHECK_FALSE(violated("2000", RelationType::During, "1920/.."));
}

TEST_CASE("relation.violated: Old Style dates near the 13-day gap") {
  // Julian 1917-10-25 is Gregorian 1917-11-07.
  CHECK(violated("1917-10-25", RelationType::Before, "1917-11-05", Calendar::Julian));
  CHECK_FALSE(violated("1917-10-25", RelationType::Before, "1917-11-07", Calendar::Julian));
  CHECK_FALSE(violated("1917-10-25", RelationType::Before, "1917-11-08", Calendar::Julian));
  CHECK(violated("1917-11-08", RelationType::Before, "1917-10-25", Calendar::Gregorian, Calendar::Julian));
  CHECK_FALSE(violated("1917-11-05", RelationType::Before, "1917-10-25", Calendar::Gregorian, Calendar::Julian));
  CHECK(violated("1917-11-05", RelationType::After, "1917-10-25", Calendar::Gregorian, Calendar::Julian));
}

TEST_CASE("relation.violated: BC dates across year zero") {
  CHECK_FALSE(violated("-0001", RelationType::Before, "0000"));  // 2 BC before 1 BC
  CHECK(violated("0001", RelationType::Before, "0000"));         // AD 1 is after 1 BC
  CHECK(violated("0000", RelationType::Before, "-0001"));
  CHECK_FALSE(violated("-0480", RelationType::Causes, "-0479"));  // 481 BC causes 480 BC
  CHECK(violated("-0479", RelationType::Causes, "-0480"));
  CHECK_FALSE(violated("-0479~", RelationType::Causes, "-0480"));
}

TEST_CASE("relation.violated: message names both dates in human form") {
  DocBuilder d;
  d.entry("warsaw-captured", "1920-08-16", "Warsaw captured");
  d.entry("war", "1921/1922", "Soviet-Polish War");
  d.rel("warsaw-captured", RelationType::Ends, "war");
  auto all = d.check();
  REQUIRE(all.size() == 1);
  CHECK(all[0].entry == "warsaw-captured");
  CHECK(all[0].entity.empty());
  CHECK(all[0].message.find("16 August 1920") != std::string::npos);
  CHECK(all[0].message.find("\"Soviet-Polish War\"") != std::string::npos);
  CHECK(all[0].message.find("ends") != std::string::npos);
}

TEST_CASE("relation.violated: acknowledged on the `from` entry; duplicates checked once") {
  DocBuilder d;
  d.entry("a", "1921").acknowledged.push_back(ack("relation.violated"));
  d.entry("b", "1920");
  d.rel("a", RelationType::Before, "b");
  d.rel("a", RelationType::Before, "b");
  auto all = d.check();
  REQUIRE(all.size() == 1);
  CHECK(all[0].acknowledged);
  CHECK(uch::count_findings(all).error == 0);
}

TEST_CASE("relation.cycle: two entries before each other, reported once on the smallest id") {
  DocBuilder d;
  d.entry("b", "1920", "Second");
  d.entry("a", "1920", "First");
  d.rel("a", RelationType::Before, "b").rel("b", RelationType::Before, "a");
  auto cycles = of_rule(d.check(), "relation.cycle");
  REQUIRE(cycles.size() == 1);
  CHECK(cycles[0].entry == "a");
  CHECK(cycles[0].related == std::vector<std::string>{"b"});
  CHECK(cycles[0].severity == uch::Severity::Error);
  CHECK(cycles[0].message.find("\"Second\"") != std::string::npos);
}

TEST_CASE("relation.cycle: after is the reversed edge; causes counts") {
  DocBuilder d;
  d.entry("x", "");
  d.entry("y", "");
  d.entry("z", "");
  d.rel("x", RelationType::Causes, "y").rel("y", RelationType::Before, "z").rel("x", RelationType::After, "z");
  auto cycles = of_rule(d.check(), "relation.cycle");
  REQUIRE(cycles.size() == 1);
  CHECK(cycles[0].entry == "x");
  CHECK(cycles[0].related == std::vector<std::string>{"y", "z"});
}

TEST_CASE("relation.cycle near misses") {
  DocBuilder d;
  d.entry("a", "1920");
  d.entry("b", "1921");
  d.entry("c", "1922");
  d.rel("a", RelationType::Before, "b").rel("b", RelationType::After, "a");   // the same edge twice
  d.rel("b", RelationType::During, "c").rel("c", RelationType::During, "b");  // during: no order
  d.rel("b", RelationType::Ends, "c").rel("c", RelationType::Ends, "b");
  d.rel("c", RelationType::Before, "ghost").rel("ghost", RelationType::Before, "c");  // ghost is no entry
  auto all = d.check();
  CHECK(of_rule(all, "relation.cycle").empty());
}

TEST_CASE("relation.cycle: a relation to itself, two separate cycles, a long cycle") {
  DocBuilder d;
  d.entry("self", "");
  d.rel("self", RelationType::Before, "self");
  for (int i = 0; i < 3; ++i) d.entry("p" + std::to_string(i), "");
  d.rel("p0", RelationType::Before, "p1").rel("p1", RelationType::Before, "p0");
  d.rel("p2", RelationType::Before, "p2");
  const int n = 20000;  // deep: no recursion limits
  for (int i = 0; i < n; ++i) {
    d.entry("long" + std::to_string(100000 + i), "");
    d.rel("long" + std::to_string(100000 + i), RelationType::Before, "long" + std::to_string(100000 + (i + 1) % n));
  }
  auto cycles = of_rule(d.check(), "relation.cycle");
  REQUIRE(cycles.size() == 4);
  std::vector<std::string> subjects;
  for (const auto& f : cycles) subjects.push_back(f.entry);
  std::sort(subjects.begin(), subjects.end());
  CHECK(subjects == std::vector<std::string>{"long100000", "p0", "p2", "self"});
  for (const auto& f : cycles)
    if (f.entry == "long100000") CHECK(f.related.size() == n - 1);
}

TEST_CASE("relation.cycle acknowledged on the smallest id") {
  DocBuilder d;
  d.entry("a", "").acknowledged.push_back(ack("relation.cycle"));
  d.entry("b", "");
  d.rel("a", RelationType::Before, "b").rel("a", RelationType::After, "b");
  auto cycles = of_rule(d.check(), "relation.cycle");
  REQUIRE(cycles.size() == 1);
  CHECK(cycles[0].acknowledged);
  CHECK(uch::count_findings(d.check()).error == 0);
}
