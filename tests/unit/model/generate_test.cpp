// Unit tests: the synthetic timeline generator is deterministic, varied, and resolvable by construction.
#include <doctest/doctest.h>

#include <map>
#include <set>
#include <string>

#include "uchronia/generate.hpp"
#include "uchronia/interchange.hpp"
#include "uchronia/links.hpp"

namespace {

uch::Document generate(int entries, int entities, std::uint64_t seed) {
  uch::GenerateOptions options;
  options.entries = entries;
  options.entities = entities;
  options.seed = seed;
  return uch::generate_timeline(options);
}

std::size_t code_points(const std::string& text) {
  std::size_t n = 0;
  for (unsigned char c : text) n += (c & 0xC0) != 0x80;
  return n;
}

bool has_byte_range(const std::string& text, unsigned char lead_lo, unsigned char lead_hi) {
  for (unsigned char c : text)
    if (c >= lead_lo && c <= lead_hi) return true;
  return false;
}

}  // namespace

TEST_CASE("generate: the same seed gives the same document, another seed another") {
  const auto a = generate(300, 30, 7), b = generate(300, 30, 7), c = generate(300, 30, 8);
  CHECK(a == b);
  CHECK(uch::write_interchange_json(a) == uch::write_interchange_json(b));
  CHECK_FALSE(a == c);
  CHECK(a.entries.size() == 300);
  CHECK(a.entities.size() == 30);
}

TEST_CASE("generate: the export round-trips") {
  auto doc = generate(200, 20, 3);
  const std::string json = uch::write_interchange_json(doc);
  auto back = uch::read_interchange_json(json);
  CHECK(uch::write_interchange_json(back) == json);
}

TEST_CASE("generate: every date form of the issue appears, all dates valid, none missing") {
  const auto doc = generate(2000, 200, 1);
  std::map<std::string, int> forms;
  for (const auto& e : doc.entries) {
    REQUIRE_FALSE(e.date.empty());
    const auto info = uch::parse_edtf(e.date, e.calendar);
    CHECK_MESSAGE(info.valid, e.date);
    const auto& d = e.date;
    if (d.find('/') != std::string::npos) forms["interval"]++;
    if (d.find('?') != std::string::npos) forms["uncertain"]++;
    if (d.find('~') != std::string::npos) forms["approximate"]++;
    if (d.find('X') != std::string::npos) forms["unspecified"]++;
    if (d.front() == '-') forms["bc"]++;
    if (e.calendar == uch::Calendar::Julian) forms["julian"]++;
    if (d.size() == 4 && d.find_first_not_of("0123456789") == std::string::npos) forms["year"]++;
    if (d.size() == 7 && d[4] == '-') {
      const int part = std::stoi(d.substr(5, 2));
      forms[part >= 21 && part <= 24 ? "season" : "month"]++;
    }
    if (d.size() == 10 && d[4] == '-' && d[7] == '-' && d.find('X') == std::string::npos) forms["day"]++;
  }
  for (const char* form : {"interval", "uncertain", "approximate", "unspecified", "bc", "julian", "year", "season",
                           "month", "day"})
    CHECK_MESSAGE(forms[form] >= 10, form << ": " << forms[form]);
}

TEST_CASE("generate: bodies of 100 to 2,000 characters in several scripts, with links that resolve to one item") {
  const auto doc = generate(2000, 200, 1);
  const uch::LinkResolver resolver(doc);
  std::set<std::string> titles;
  std::size_t links = 0, cyrillic = 0, greek = 0, cjk = 0, with_series = 0;
  std::map<std::string, std::pair<std::int64_t, bool>> series_last;
  for (const auto& e : doc.entries) {
    CHECK(titles.insert(uch::fold_name(e.title)).second);
    const auto n = code_points(e.body);
    CHECK_MESSAGE((n >= 100 && n <= 2000), e.id << " body has " << n << " characters");
    for (const auto* text : {&e.body, &e.otl, &e.notes})
      for (const auto& link : uch::parse_links(*text)) {
        ++links;
        CHECK_MESSAGE(resolver.resolve(link.target).size() == 1, e.id << ": [[" << link.target << "]]");
      }
    cyrillic += has_byte_range(e.body, 0xD0, 0xD3);
    greek += has_byte_range(e.body, 0xCE, 0xCF);
    cjk += has_byte_range(e.body, 0xE4, 0xE9);
    CHECK_FALSE(e.tags.empty());
    with_series += e.series.has_value();
  }
  CHECK(links >= doc.entries.size() * 2);
  CHECK(cyrillic > 100);
  CHECK(greek > 50);
  CHECK(cjk > 20);
  CHECK(with_series > 20);
  CHECK(doc.relations.size() > 200);
  std::set<uch::RelationType> types;
  for (const auto& r : doc.relations) types.insert(r.type);
  CHECK(types.size() == 5);
  std::size_t lifespans = 0;
  for (const auto& e : doc.entities) lifespans += !e.start.empty() || !e.end.empty();
  CHECK(lifespans > 50);
}

TEST_CASE("generate: degenerate sizes") {
  CHECK(generate(0, 0, 1).entries.empty());
  const auto one = generate(1, 0, 1);
  REQUIRE(one.entries.size() == 1);
  CHECK(code_points(one.entries[0].body) >= 100);
  CHECK_THROWS_AS(generate(-1, 0, 1), uch::Error);
}
