// Tests of big documents: the two-thread full check gives exactly the findings of small checks.
#include <doctest/doctest.h>

#include <tuple>

#include "check_fixtures.hpp"
#include "uchronia/draft_order.hpp"

using namespace checktest;
using uch::RelationType;

namespace {

/// A small document raising every rule; `s` suffixes every id and name so that copies
/// with different suffixes are independent of each other.
DocBuilder chunk(const std::string& s, int k = 0) {
  DocBuilder b;
  b.person("p" + s, "Joseph Stalin" + s, "1878-12-18", "1907-06-26").aliases = {"Koba" + s};
  b.person("q" + s, "Koba" + s, "1910", "1900");
  b.entry("a" + s, "1920", "A" + s).body = "[[Joseph Stalin" + s + "]] [[koba" + s + "]] [[Nobody" + s + "]]";
  b.entry("b" + s, "2008/1964", "B" + s).acknowledged.push_back(ack("date.range-reversed"));
  b.entry("c" + s, "1985-02-30", "C" + s);
  b.entry("d" + s, "", "D" + s);
  b.entry("e1" + s, "1930", "Dup" + s);
  b.entry("e2" + s, "1930", "dup" + s);
  b.entry("s13" + s, "1925", "S13" + s).series = uch::Series{"Congress" + s, 13};
  b.entry("s15" + s, "1920", "S15" + s).series = uch::Series{"Congress" + s, 15};
  b.entry("s15b" + s, "1926", "S15b" + s).series = uch::Series{"Congress" + s, 15};
  b.entry("x" + s, "1921", "X" + s);
  b.entry("y" + s, "1920", "Y" + s);
  // Draft positions grow from chunk to chunk, and each chunk ends later than the next begins.
  uch::set_draft_order(b.entry("f1" + s, "1950", "F1" + s), 2 * k + 1);
  uch::set_draft_order(b.entry("f2" + s, "1940", "F2" + s), 2 * k + 2);
  b.rel("x" + s, RelationType::Before, "y" + s).rel("y" + s, RelationType::Before, "x" + s);
  b.rel("a" + s, RelationType::Causes, "ghost" + s);
  return b;
}

using Key = std::tuple<std::string, std::string, std::string, std::string, std::vector<std::string>, bool>;

std::vector<Key> canonical(const std::vector<uch::Finding>& findings) {
  std::vector<Key> keys;
  for (const auto& f : findings) keys.emplace_back(f.rule, f.entry, f.entity, f.message, f.related, f.acknowledged);
  std::sort(keys.begin(), keys.end());
  return keys;
}

}  // namespace

TEST_CASE("a big document (two threads) gives the union of the findings of its independent parts") {
  DocBuilder big;
  std::vector<uch::Finding> expected;
  const int chunks = 1500;  // 15 items each: above the two-thread threshold
  for (int k = 0; k < chunks; ++k) {
    DocBuilder part = chunk("-" + std::to_string(k), k);
    auto found = part.check();
    expected.insert(expected.end(), found.begin(), found.end());
    for (auto& e : part.doc.entities) big.doc.entities.push_back(std::move(e));
    for (auto& e : part.doc.entries) big.doc.entries.push_back(std::move(e));
    for (auto& r : part.doc.relations) big.doc.relations.push_back(std::move(r));
  }
  REQUIRE(expected.size() > 10u * chunks);
  const auto actual = uch::check_document(big.doc);
  CHECK(actual.size() == expected.size());
  CHECK(canonical(actual) == canonical(expected));
  // Every rule is there.
  for (const auto& rule : uch::all_rules()) CHECK(!of_rule(actual, rule.id).empty());

  // The incremental checker loads the same way, then edits stay exact.
  uch::Checker checker(big.doc);
  CHECK(checker.findings() == actual);
  uch::Entry fixed = big.doc.entries[0];  // a-0: its links now resolve cleanly and it is dated 1900
  fixed.body = "[[p-0]]";
  fixed.date = "1900";
  checker.update_entry(fixed.id, &fixed);
  big.doc.entries[0] = fixed;
  CHECK(checker.findings() == uch::check_document(big.doc));
}
