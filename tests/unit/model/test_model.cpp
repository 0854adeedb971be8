// Unit tests: kind and relation-type names, id syntax, and the export order of sort_for_export.
#include <doctest/doctest.h>

#include <algorithm>
#include <random>
#include <string>
#include <vector>

#include "uchronia/model.hpp"

namespace {

uch::Entry entry(std::string id, std::string date, uch::Calendar calendar = uch::Calendar::Gregorian) {
  uch::Entry e;
  e.id = std::move(id);
  e.date = std::move(date);
  e.title = e.id;
  e.calendar = calendar;
  return e;
}

std::vector<std::string> entry_ids(const uch::Document& doc) {
  std::vector<std::string> ids;
  for (const auto& e : doc.entries) ids.push_back(e.id);
  return ids;
}

}  // namespace

TEST_CASE("entity kinds and relation types: names both ways") {
  using uch::EntityKind;
  for (auto [kind, name] : {std::pair{EntityKind::Person, "person"}, std::pair{EntityKind::Organisation, "organisation"},
                            std::pair{EntityKind::Place, "place"}, std::pair{EntityKind::Other, "other"}}) {
    CHECK(std::string(uch::to_string(kind)) == name);
    CHECK(uch::entity_kind_from_string(name) == kind);
  }
  CHECK_FALSE(uch::entity_kind_from_string("Person").has_value());
  CHECK_FALSE(uch::entity_kind_from_string("organization").has_value());
  CHECK_FALSE(uch::entity_kind_from_string("").has_value());

  using uch::RelationType;
  for (auto [type, name] : {std::pair{RelationType::Before, "before"}, std::pair{RelationType::After, "after"},
                            std::pair{RelationType::Causes, "causes"}, std::pair{RelationType::Ends, "ends"},
                            std::pair{RelationType::During, "during"}}) {
    CHECK(std::string(uch::to_string(type)) == name);
    CHECK(uch::relation_type_from_string(name) == type);
  }
  CHECK_FALSE(uch::relation_type_from_string("precedes").has_value());
  CHECK_FALSE(uch::relation_type_from_string("BEFORE").has_value());
}

TEST_CASE("is_valid_id") {
  CHECK(uch::is_valid_id("stalin-killed"));
  CHECK(uch::is_valid_id("A.b_c-9"));
  CHECK(uch::is_valid_id("x"));
  CHECK(uch::is_valid_id(std::string(128, 'a')));
  CHECK_FALSE(uch::is_valid_id(std::string(129, 'a')));
  CHECK_FALSE(uch::is_valid_id(""));
  CHECK_FALSE(uch::is_valid_id("has space"));
  CHECK_FALSE(uch::is_valid_id("slash/no"));
  CHECK_FALSE(uch::is_valid_id("ленин"));
  CHECK_FALSE(uch::is_valid_id("a\n"));
  CHECK_FALSE(uch::is_valid_id(std::string("a\0b", 3)));
}

TEST_CASE("sort_for_export: chronological, BC before AD, intervals, undated last, tie on id") {
  uch::Document doc;
  doc.entries = {
      entry("undated-b", ""),
      entry("ad-1985", "1985-04-12"),
      entry("interval-1917-1922", "1917/1922"),
      entry("year-1917", "1917"),
      entry("month-1917-06", "1917-06"),
      entry("bc-480", "-0479"),
      entry("undated-a", ""),
      entry("invalid-date", "1985-02-30"),
      entry("tie-b", "1920-08"),
      entry("tie-a", "1920-08"),
      entry("year-0", "0000"),
      entry("open-start", "../1900"),
      entry("julian-uprising", "1917-10-25", uch::Calendar::Julian),  // = 1917-11-07 Gregorian
      entry("greg-1917-11-01", "1917-11-01"),
      entry("greg-1917-11-10", "1917-11-10"),
      entry("garbage", "next spring"),
  };
  std::vector<uch::Entry> shuffled = doc.entries;
  uch::sort_for_export(doc);
  const std::vector<std::string> want = {
      "open-start",          // unbounded lower bound
      "bc-480",              // -0479 = 480 BC
      "year-0",              // 0000 = 1 BC
      "year-1917",           // 1917-01-01 .. 1917-12-31
      "interval-1917-1922",  // same lower bound, later upper bound
      "month-1917-06",
      "greg-1917-11-01",
      "julian-uprising",     // 25 October 1917 OS = 7 November 1917
      "greg-1917-11-10",
      "tie-a",               // same bounds: by id
      "tie-b",
      "ad-1985",
      "garbage",             // invalid dates and undated entries last, by id
      "invalid-date",
      "undated-a",
      "undated-b",
  };
  CHECK(entry_ids(doc) == want);

  // Whatever the input order, the same result.
  std::mt19937 rng(42);
  for (int round = 0; round < 5; ++round) {
    std::shuffle(shuffled.begin(), shuffled.end(), rng);
    uch::Document again;
    again.entries = shuffled;
    uch::sort_for_export(again);
    CHECK(entry_ids(again) == want);
  }
}

TEST_CASE("sort_for_export: entities by id, relations by from, type name, to") {
  uch::Document doc;
  for (const char* id : {"warsaw", "asu", "lenin", "Zed", "asu-2"}) {
    uch::Entity e;
    e.id = id;
    e.name = id;
    doc.entities.push_back(e);
  }
  auto rel = [](const char* from, uch::RelationType type, const char* to) {
    uch::Relation r;
    r.from = from;
    r.type = type;
    r.to = to;
    return r;
  };
  using T = uch::RelationType;
  doc.relations = {rel("b", T::Before, "a"), rel("a", T::During, "z"), rel("a", T::After, "z"),
                   rel("a", T::Causes, "c"), rel("a", T::Causes, "b"), rel("a", T::Ends, "a")};
  uch::sort_for_export(doc);
  std::vector<std::string> entity_ids;
  for (const auto& e : doc.entities) entity_ids.push_back(e.id);
  CHECK(entity_ids == std::vector<std::string>{"Zed", "asu", "asu-2", "lenin", "warsaw"});  // byte order
  std::vector<std::string> relations;
  for (const auto& r : doc.relations) relations.push_back(r.from + " " + uch::to_string(r.type) + " " + r.to);
  CHECK(relations == std::vector<std::string>{"a after z", "a causes b", "a causes c", "a during z", "a ends a",
                                              "b before a"});
}
