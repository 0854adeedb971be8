// Tests of the date rules: date.invalid, date.range-reversed, date.missing.
#include <doctest/doctest.h>

#include "check_fixtures.hpp"

using namespace checktest;
using uch::Calendar;
using uch::EntityKind;

TEST_CASE("date.invalid: impossible and unparsable entry dates") {
  for (const char* bad :
       {"1985-02-30", "1900-02-29", "1985-13", "1985-00-10", "not a date", "1985-4-1", "26 June 1907"}) {
    CAPTURE(bad);
    DocBuilder b;
    b.entry("e", bad);
    auto found = about(b.check(), "date.invalid", "e");
    REQUIRE(found.size() == 1);
    CHECK(found[0].severity == uch::Severity::Error);
    CHECK(found[0].entry == "e");
    CHECK(found[0].entity.empty());
    CHECK(found[0].message.find(bad) != std::string::npos);
    CHECK(of_rule(b.check(), "date.range-reversed").empty());
  }
}

TEST_CASE("date.invalid near misses: every valid EDTF form passes") {
  for (const char* good : {"2000-02-29", "1985", "1985-04", "1984?", "2004-06~", "2004-06-11%", "201X", "20XX",
                           "1985-04-XX", "2001-21", "-0479", "0000", "0000-12-31", "Y170000002", "1964/2008",
                           "1985-04-12/..", "../1985", "1985/", "1985-04-12T10:00:00"}) {
    CAPTURE(good);
    DocBuilder b;
    b.entry("e", good);
    CHECK(b.check().empty());
  }
}

TEST_CASE("date.invalid honours the Julian calendar: 1900-02-29 exists Old Style") {
  DocBuilder b;
  b.entry("julian", "1900-02-29").calendar = Calendar::Julian;
  b.entry("gregorian", "1900-02-29");
  auto all = b.check();
  CHECK(about(all, "date.invalid", "julian").empty());
  CHECK(about(all, "date.invalid", "gregorian").size() == 1);
}

TEST_CASE("date.invalid on an entity's start and end, worded per kind") {
  DocBuilder b;
  b.person("p", "Someone", "1878-13-01", "1900-02-30");
  b.entity("o", "Some party", EntityKind::Organisation, "19x5");
  auto found = about(b.check(), "date.invalid", "p");
  REQUIRE(found.size() == 2);
  CHECK(found[0].entity == "p");
  CHECK(found[0].entry.empty());
  bool birth = false, death = false;
  for (const auto& f : found) {
    birth |= f.message.find("date of birth \"1878-13-01\"") != std::string::npos;
    death |= f.message.find("date of death \"1900-02-30\"") != std::string::npos;
  }
  CHECK(birth);
  CHECK(death);
  auto org = about(b.check(), "date.invalid", "o");
  REQUIRE(org.size() == 1);
  CHECK(org[0].message.find("founding date") != std::string::npos);
}

TEST_CASE("date.invalid acknowledged: flagged, not counted") {
  DocBuilder b;
  b.entry("e", "1985-02-30").acknowledged.push_back(ack("date.invalid"));
  auto all = b.check();
  REQUIRE(all.size() == 1);
  CHECK(all[0].acknowledged);
  auto counts = uch::count_findings(all);
  CHECK(counts.error == 0);
  // Acknowledging another rule does not cover this one.
  DocBuilder c;
  c.entry("e", "1985-02-30").acknowledged.push_back(ack("date.missing"));
  CHECK_FALSE(c.check().at(0).acknowledged);
  CHECK(uch::count_findings(c.check()).error == 1);
}

TEST_CASE("date.range-reversed: an interval that ends before it starts") {
  DocBuilder b;
  b.entry("e", "2008/1964");
  auto all = b.check();
  auto found = about(all, "date.range-reversed", "e");
  REQUIRE(found.size() == 1);
  CHECK(found[0].severity == uch::Severity::Error);
  CHECK(found[0].message.find("2008/1964") != std::string::npos);
  CHECK(of_rule(all, "date.invalid").empty());
}

TEST_CASE("date.range-reversed near misses: overlapping interval ends") {
  for (const char* good : {"1964/2008", "1964/1964", "1964-05/1964", "1964~/1963", "2008/2008-03"}) {
    CAPTURE(good);
    DocBuilder b;
    b.entry("e", good);
    CHECK(of_rule(b.check(), "date.range-reversed").empty());
  }
}

TEST_CASE("date.range-reversed: an entity that ends before it starts") {
  DocBuilder b;
  b.person("p", "Joseph Stalin", "1907-06-27", "1907-06-26");
  b.entity("org", "Party", EntityKind::Organisation, "1910", "1905");
  b.entity("place", "Town", EntityKind::Place, "1910", "1905");
  auto all = b.check();
  auto person = about(all, "date.range-reversed", "p");
  REQUIRE(person.size() == 1);
  CHECK(person[0].entity == "p");
  CHECK(person[0].message == "Joseph Stalin died on 26 June 1907 but was born on 27 June 1907.");
  auto org = about(all, "date.range-reversed", "org");
  REQUIRE(org.size() == 1);
  CHECK(org[0].message == "Party was dissolved in 1905 but was founded in 1910.");
  auto place = about(all, "date.range-reversed", "place");
  REQUIRE(place.size() == 1);
  CHECK(place[0].message == "Town ended in 1905 but began in 1910.");
}

TEST_CASE("date.range-reversed for entities: BC years across year zero") {
  // -0479 is 480 BC, -0480 is 481 BC: dying in 481 BC after a birth in 480 BC is reversed.
  DocBuilder b;
  b.person("xerxes", "Xerxes", "-0479", "-0480");
  b.person("ok", "Augustus", "-0062", "0014");   // 63 BC to AD 14, across year zero
  b.person("zero", "Someone", "0000", "-0001");  // born 1 BC, died 2 BC
  auto all = b.check();
  CHECK(about(all, "date.range-reversed", "xerxes").size() == 1);
  CHECK(about(all, "date.range-reversed", "ok").empty());
  CHECK(about(all, "date.range-reversed", "zero").size() == 1);
}

TEST_CASE("date.range-reversed for entities: approximate dates widen, uncertain ones do not") {
  DocBuilder b;
  b.person("approx", "A", "1900~", "1899");       // 1899..1901 overlaps 1899
  b.person("both", "B", "1900%", "1899");         // % is approximate too
  b.person("uncertain", "C", "1900?", "1899");    // spec section 2: only ~ and % widen
  b.person("same-year", "D", "1900-05", "1900");  // overlapping bounds
  auto all = b.check();
  CHECK(about(all, "date.range-reversed", "approx").empty());
  CHECK(about(all, "date.range-reversed", "both").empty());
  CHECK(about(all, "date.range-reversed", "uncertain").size() == 1);
  CHECK(about(all, "date.range-reversed", "same-year").empty());
}

TEST_CASE("date.range-reversed for Julian entities compares Gregorian days") {
  // Old Style 1917-10-25 is 1917-11-07: an Old Style death on 1917-10-30 (1917-11-12)
  // after a New Style... both Old Style here: consistent.
  DocBuilder b;
  auto& e = b.person("os", "Old Style", "1917-10-25", "1917-10-30");
  e.calendar = Calendar::Julian;
  auto& r = b.person("os-rev", "Reversed", "1917-10-30", "1917-10-25");
  r.calendar = Calendar::Julian;
  auto all = b.check();
  CHECK(about(all, "date.range-reversed", "os").empty());
  auto found = about(all, "date.range-reversed", "os-rev");
  REQUIRE(found.size() == 1);
  CHECK(found[0].message.find("25 October [7 November] 1917") != std::string::npos);
}

TEST_CASE("date.range-reversed acknowledged on the entity") {
  DocBuilder b;
  b.person("p", "P", "1910", "1905").acknowledged.push_back(ack("date.range-reversed"));
  auto all = b.check();
  REQUIRE(all.size() == 1);
  CHECK(all[0].acknowledged);
  CHECK(uch::count_findings(all).error == 0);
}

TEST_CASE("date.missing: an undated entry is an info") {
  DocBuilder b;
  b.entry("draft", "");
  b.entry("dated", "1920");
  b.person("p", "No dates");  // entities need no dates
  auto all = b.check();
  REQUIRE(all.size() == 1);
  CHECK(all[0].rule == "date.missing");
  CHECK(all[0].severity == uch::Severity::Info);
  CHECK(all[0].entry == "draft");
  CHECK(uch::count_findings(all).info == 1);
}

TEST_CASE("date.missing acknowledged") {
  DocBuilder b;
  b.entry("draft", "").acknowledged.push_back(ack("date.missing"));
  auto all = b.check();
  REQUIRE(all.size() == 1);
  CHECK(all[0].acknowledged);
  CHECK(uch::count_findings(all).info == 0);
}

TEST_CASE("all_rules lists the spec table with its severities") {
  const auto& rules = uch::all_rules();
  REQUIRE(rules.size() == 12);
  const char* ids[] = {"date.invalid",        "date.range-reversed",  "date.missing",      "ref.dangling",
                       "ref.ambiguous",       "ref.outside-lifespan", "relation.violated", "relation.cycle",
                       "series.out-of-order", "series.duplicate",     "entry.duplicate",   "draft.out-of-order"};
  const uch::Severity sev[] = {uch::Severity::Error,   uch::Severity::Error,   uch::Severity::Info,
                               uch::Severity::Error,   uch::Severity::Warning, uch::Severity::Warning,
                               uch::Severity::Error,   uch::Severity::Error,   uch::Severity::Warning,
                               uch::Severity::Warning, uch::Severity::Warning, uch::Severity::Info};
  for (std::size_t i = 0; i < rules.size(); ++i) {
    CHECK(std::string(rules[i].id) == ids[i]);
    CHECK(rules[i].severity == sev[i]);
    CHECK(std::string(rules[i].summary).size() > 10);
  }
}
