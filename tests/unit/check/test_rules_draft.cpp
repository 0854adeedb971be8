// Rule draft.out-of-order: an entry dated before the dated entry preceding it in the draft's order.
#include <doctest/doctest.h>

#include "check_fixtures.hpp"
#include "uchronia/draft_order.hpp"

using namespace checktest;

namespace {

/// Entries in draft order 1, 2, 3... with these dates.
DocBuilder drafted(const std::vector<std::string>& dates) {
  DocBuilder b;
  for (std::size_t i = 0; i < dates.size(); ++i) {
    uch::Entry& e = b.entry("e" + std::to_string(i + 1), dates[i]);
    uch::set_draft_order(e, static_cast<std::int64_t>(i) + 1);
    e.acknowledged.push_back(ack("date.missing"));  // only the rule under test speaks
  }
  return b;
}

}  // namespace

TEST_CASE("draft.out-of-order: an entry dated before the dated entry before it in the draft") {
  // e3 (1910) comes after e2 (1920) in the draft; e4 is undated and skipped: e5 (1915) is
  // compared with e3 (1910), the dated entry before it, and is fine.
  const DocBuilder b = drafted({"1905", "1920", "1910", "", "1915", "1915-06"});
  const auto found = of_rule(b.check(), "draft.out-of-order");
  REQUIRE(found.size() == 1);
  CHECK(found[0].entry == "e3");
  CHECK(found[0].severity == uch::Severity::Info);
  CHECK(found[0].related == std::vector<std::string>{"e2"});
  CHECK(found[0].message.find("1910") != std::string::npos);
  CHECK(found[0].message.find("1920") != std::string::npos);
  CHECK(!found[0].acknowledged);
}

TEST_CASE("draft.out-of-order: overlapping or uncertain dates are not slips; no draft order, no finding") {
  CHECK(of_rule(drafted({"1920", "1920-05", "192X", "1919/1921"}).check(), "draft.out-of-order").empty());
  DocBuilder plain;  // the same dates without a draft position
  plain.entry("a", "1920");
  plain.entry("b", "1910");
  CHECK(of_rule(plain.check(), "draft.out-of-order").empty());
}

TEST_CASE("draft.out-of-order: acknowledgeable like every finding") {
  DocBuilder b = drafted({"1920", "1910"});
  b.doc.entries[1].acknowledged.push_back(ack("draft.out-of-order"));
  const auto found = of_rule(b.check(), "draft.out-of-order");
  REQUIRE(found.size() == 1);
  CHECK(found[0].acknowledged);
  CHECK(uch::count_findings(found).info == 0);
}

TEST_CASE("draft.out-of-order: the incremental checker follows date and position changes") {
  DocBuilder b = drafted({"1920", "1930", "1940"});
  uch::Checker checker(b.doc);
  CHECK(of_rule(checker.findings(), "draft.out-of-order").empty());
  uch::Entry slip = b.doc.entries[2];
  slip.date = "1925";  // now before e2 (1930)
  checker.update_entry(slip.id, &slip);
  auto found = of_rule(checker.findings(), "draft.out-of-order");
  REQUIRE(found.size() == 1);
  CHECK(found[0].entry == "e3");
  uch::Entry moved = b.doc.entries[1];
  uch::set_draft_order(moved, 4);  // e2 moves after e3: e3 (1925) follows e1 (1920), e2 (1930) follows e3
  checker.update_entry(moved.id, &moved);
  CHECK(of_rule(checker.findings(), "draft.out-of-order").empty());
  checker.update_entry("e2", nullptr);
  CHECK(of_rule(checker.findings(), "draft.out-of-order").empty());
}
