// Tests of series.out-of-order, series.duplicate and entry.duplicate.
#include <doctest/doctest.h>

#include "check_fixtures.hpp"

using namespace checktest;
using uch::Calendar;

namespace {

uch::Entry& member(DocBuilder& b, const std::string& id, const std::string& date, std::int64_t number,
                   const std::string& series = "Party Congress") {
  auto& e = b.entry(id, date, "Congress No. " + std::to_string(number));
  e.series = uch::Series{series, number};
  return e;
}

}  // namespace

TEST_CASE("series.out-of-order: the 15th congress held before the 13th") {
  DocBuilder b;
  member(b, "c13", "1925", 13);
  member(b, "c14", "1926", 14);
  member(b, "c15", "1920", 15);
  auto all = b.check();
  REQUIRE(all.size() == 1);
  CHECK(all[0].rule == "series.out-of-order");
  CHECK(all[0].severity == uch::Severity::Warning);
  CHECK(all[0].entry == "c15");
  // Compared with the latest-dated lower number.
  CHECK(all[0].related == std::vector<std::string>{"c14"});
  CHECK(all[0].message.find("No. 15") != std::string::npos);
  CHECK(all[0].message.find("1920") != std::string::npos);
  CHECK(all[0].message.find("1926") != std::string::npos);
  CHECK(all[0].message.find("Party Congress") != std::string::npos);
}

TEST_CASE("series.out-of-order near misses") {
  auto pair = [](const std::string& lower, const std::string& higher, Calendar cal_lower = Calendar::Gregorian,
                 Calendar cal_higher = Calendar::Gregorian) {
    DocBuilder b;
    member(b, "n1", lower, 1).calendar = cal_lower;
    member(b, "n2", higher, 2).calendar = cal_higher;
    return !about(b.check(), "series.out-of-order", "n2").empty();
  };
  CHECK(pair("1925", "1924"));
  CHECK_FALSE(pair("1924", "1925"));
  CHECK_FALSE(pair("1924", "1924"));
  CHECK_FALSE(pair("1924-05", "1924"));
  CHECK_FALSE(pair("1925", "1924~"));  // widened to 1923..1925
  CHECK_FALSE(pair("1925~", "1924"));
  CHECK_FALSE(pair("1925", "1924-12%"));
  CHECK(pair("1925", "1924?"));   // uncertain: not widened
  CHECK_FALSE(pair("1925", ""));  // undated: not compared
  CHECK_FALSE(pair("1925", "192X"));
  // BC across year zero.
  CHECK(pair("0000", "-0001"));  // No. 2 in 2 BC, No. 1 in 1 BC
  CHECK_FALSE(pair("-0001", "0000"));
  CHECK_FALSE(pair("0000", "0001"));
  // Old Style: No. 1 on Julian 1917-10-25 (Gregorian 1917-11-07).
  CHECK(pair("1917-10-25", "1917-11-05", Calendar::Julian));
  CHECK_FALSE(pair("1917-10-25", "1917-11-07", Calendar::Julian));
  CHECK_FALSE(pair("1917-10-25", "1917-11-08", Calendar::Julian));
  CHECK(pair("1917-11-08", "1917-10-25", Calendar::Gregorian, Calendar::Julian));
}

TEST_CASE("series.out-of-order: only within one series; names compared case-insensitively") {
  DocBuilder b;
  member(b, "a1", "1925", 1, "Congress");
  member(b, "b2", "1920", 2, "Conference");
  CHECK(b.check().empty());
  member(b, "a2", "1920", 2, "CONGRESS");
  CHECK(about(b.check(), "series.out-of-order", "a2").size() == 1);
}

TEST_CASE("series.out-of-order: several offenders, running maximum over many members") {
  DocBuilder b;
  for (int i = 1; i <= 200; ++i) member(b, "m" + std::to_string(1000 + i), std::to_string(1700 + i), i);
  member(b, "late", "1800", 150);   // a duplicate number too
  member(b, "early", "1750", 300);  // certainly before No. 150 (1800)
  auto ooo = of_rule(b.check(), "series.out-of-order");
  // No. 150 "late" (1800) is before No. 149 (1849); No. 300 (1750) is before No. 200 (1900).
  REQUIRE(ooo.size() == 2);
  CHECK(ooo[0].entry == "early");  // sorted chronologically: 1750 first
  CHECK(ooo[0].related == std::vector<std::string>{"m1200"});
  CHECK(ooo[1].entry == "late");
  CHECK(ooo[1].related == std::vector<std::string>{"m1149"});
}

TEST_CASE("series.out-of-order acknowledged") {
  DocBuilder b;
  member(b, "c13", "1925", 13);
  member(b, "c15", "1920", 15).acknowledged.push_back(ack("series.out-of-order"));
  auto all = b.check();
  REQUIRE(all.size() == 1);
  CHECK(all[0].acknowledged);
  CHECK(uch::count_findings(all).warning == 0);
}

TEST_CASE("series.duplicate: a number used twice, reported once on the smallest id") {
  DocBuilder b;
  member(b, "tenth-b", "1921", 10);
  member(b, "tenth-a", "1921-03", 10);
  member(b, "tenth-c", "1921", 10);
  member(b, "eleventh", "1922", 11);
  auto all = b.check();
  auto dup = of_rule(all, "series.duplicate");
  REQUIRE(dup.size() == 1);
  CHECK(dup[0].entry == "tenth-a");
  CHECK(dup[0].related == std::vector<std::string>{"tenth-b", "tenth-c"});
  CHECK(dup[0].severity == uch::Severity::Warning);
  CHECK(dup[0].message.find("No. 10") != std::string::npos);
}

TEST_CASE("series.duplicate near misses and acknowledgement") {
  DocBuilder b;
  member(b, "x", "1921", 10, "Congress");
  member(b, "y", "1921-01", 10, "Conference");
  member(b, "z", "1922", 11, "Congress");
  b.entry("w", "1921", "Not in a series");
  CHECK(b.check().empty());
  member(b, "v", "1923", 11, "Congress").acknowledged.push_back(ack("series.duplicate"));
  auto all = b.check();
  REQUIRE(all.size() == 1);
  CHECK(all[0].entry == "v");
  CHECK(all[0].acknowledged);
  CHECK(uch::count_findings(all).warning == 0);
}

TEST_CASE("entry.duplicate: same title (case-insensitive) and same date string") {
  DocBuilder b;
  b.entry("warsaw-2", "1920-08", "Battle of Warsaw");
  b.entry("warsaw-1", "1920-08", "BATTLE OF WARSAW ");
  b.entry("warsaw-cyr", "1920-08", "Битва");
  b.entry("warsaw-cyr2", "1920-08", "БИТВА");
  auto all = b.check();
  auto dup = of_rule(all, "entry.duplicate");
  REQUIRE(dup.size() == 2);
  CHECK(dup[0].entry == "warsaw-1");
  CHECK(dup[0].related == std::vector<std::string>{"warsaw-2"});
  CHECK(dup[1].entry == "warsaw-cyr");
  CHECK(dup[0].severity == uch::Severity::Warning);
  CHECK(dup[0].message.find("August 1920") != std::string::npos);
}

TEST_CASE("entry.duplicate near misses and acknowledgement") {
  DocBuilder b;
  b.entry("a", "1920-08", "Battle of Warsaw");
  b.entry("b", "1920-08-15", "Battle of Warsaw");  // another date string
  b.entry("c", "1920-08", "Battle of Warsaw II");
  b.entry("d", "1920-08", "Battle of Warsaw").calendar = Calendar::Julian;  // another calendar: another date
  CHECK(of_rule(b.check(), "entry.duplicate").empty());
  b.entry("e", "1920-08", "battle of warsaw");
  b.doc.entries[0].acknowledged.push_back(ack("entry.duplicate"));
  auto dup = of_rule(b.check(), "entry.duplicate");
  REQUIRE(dup.size() == 1);
  CHECK(dup[0].entry == "a");
  CHECK(dup[0].acknowledged);
  CHECK(uch::count_findings(b.check()).warning == 0);
}

TEST_CASE("entry.duplicate: two undated drafts with the same title") {
  DocBuilder b;
  b.entry("a", "", "Draft");
  b.entry("b", "", "draft");
  auto dup = of_rule(b.check(), "entry.duplicate");
  REQUIRE(dup.size() == 1);
  CHECK(dup[0].entry == "a");
}
