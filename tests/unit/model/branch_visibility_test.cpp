// Unit tests: the visibility rule of docs/branches.md, clause by clause, and its incremental updates.
#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "uchronia/branch_visibility.hpp"

using namespace uch;

namespace {

Entry entry(std::string id, std::string date, std::string branch = "") {
  Entry e;
  e.id = std::move(id);
  e.title = e.id;
  e.date = std::move(date);
  e.branch = std::move(branch);
  return e;
}

Branch branch(std::string id, std::string parent = "", std::string diverges = "") {
  Branch b;
  b.id = std::move(id);
  b.name = b.id;
  b.parent = std::move(parent);
  b.diverges = std::move(diverges);
  return b;
}

/// main <- asu (diverges 1907-06-26) <- deep (diverges 1920)
Document tree() {
  Document doc;
  // Listed in id order, so that a test can reach asu as [0] and deep as [1].
  doc.branches = {branch("asu", "main", "1907-06-26"), branch("deep", "asu", "1920"), branch("main")};
  doc.main_branch = "main";
  return doc;
}

/// The branch ids that see `id`.
std::vector<std::string> seen_by(const BranchVisibility& v, const std::string& id) {
  std::vector<std::string> out;
  for (std::size_t b : v.worlds_of(id)) out.push_back(v.branch_ids()[b]);
  return out;
}

using Ids = std::vector<std::string>;

}  // namespace

TEST_CASE("without branches there is one world and it sees every entry, undated ones too") {
  Document doc;
  doc.entries = {entry("a", "1900"), entry("b", "")};
  const BranchVisibility v(doc);
  CHECK_FALSE(v.has_branches());
  CHECK(v.branch_ids().size() == 1);
  CHECK(v.visible("a", 0));
  CHECK(v.visible("b", 0));
}

TEST_CASE("an entry is visible in its own branch, and a child's entry is not visible in its parent") {
  Document doc = tree();
  doc.entries = {entry("late", "1950", "asu")};
  const BranchVisibility v(doc);
  CHECK(seen_by(v, "late") == Ids{"asu"});
}

TEST_CASE("an entry whose branch is left out belongs to the main branch") {
  Document doc = tree();
  doc.entries = {entry("otl-1950", "1950")};
  const BranchVisibility v(doc);
  CHECK(seen_by(v, "otl-1950") == Ids{"main"});
}

TEST_CASE("an entry certainly before the divergence is inherited, down every level") {
  Document doc = tree();
  doc.entries = {entry("early", "1905"), entry("mid", "1910", "asu")};
  const BranchVisibility v(doc);
  CHECK(seen_by(v, "early") == Ids{"asu", "deep", "main"});
  CHECK(seen_by(v, "mid") == Ids{"asu", "deep"});  // 1910 is before deep's 1920
}

TEST_CASE("an entry dated on the very day of the divergence is inherited only when kept") {
  Document doc = tree();
  doc.entries = {entry("tiflis", "1907-06-26"), entry("day-before", "1907-06-25")};
  CHECK(seen_by(BranchVisibility(doc), "tiflis") == Ids{"main"});
  CHECK(seen_by(BranchVisibility(doc), "day-before") == Ids{"asu", "deep", "main"});
  doc.branches[0].keeps = {"tiflis"};
  CHECK(seen_by(BranchVisibility(doc), "tiflis") == Ids{"asu", "deep", "main"});
}

TEST_CASE("keeps inherits a later entry; drops refuses even an early one") {
  Document doc = tree();
  doc.entries = {entry("purges", "1937"), entry("early", "1900")};
  doc.branches[0].keeps = {"purges"};
  doc.branches[0].drops = {"early"};
  const BranchVisibility v(doc);
  CHECK(seen_by(v, "purges") == Ids{"asu", "main"});  // deep diverges in 1920: 1937 is not before
  CHECK(seen_by(v, "early") == Ids{"main"});          // not in asu, so not in deep either
}

TEST_CASE("uncertain dates: the entry's upper bound, not widened, against the divergence's lower bound") {
  Document doc = tree();
  doc.entries = {entry("year-uncertain", "1907?"),      // up to 31 Dec 1907: not certainly before
                 entry("approx-june", "1907-05~"),      // 31 May 1907, not widened: before
                 entry("interval", "1906/1907-06-26"),  // ends on the day: not before
                 entry("open", "1900/..")};             // open end: never certainly before
  const BranchVisibility v(doc);
  CHECK(seen_by(v, "year-uncertain") == Ids{"main"});
  CHECK(seen_by(v, "approx-june") == Ids{"asu", "deep", "main"});
  CHECK(seen_by(v, "interval") == Ids{"main"});
  CHECK(seen_by(v, "open") == Ids{"main"});

  // A divergence given as a year starts on its first day.
  Document year = tree();
  year.branches[0].diverges = "1907";
  year.entries = {entry("dec-1906", "1906-12-31"), entry("jan-1907", "1907-01-01")};
  const BranchVisibility y(year);
  CHECK(seen_by(y, "dec-1906") == Ids{"asu", "deep", "main"});
  CHECK(seen_by(y, "jan-1907") == Ids{"main"});
}

TEST_CASE("an undated entry is visible in its own branch only, even when kept") {
  Document doc = tree();
  doc.entries = {entry("draft", "")};
  doc.branches[0].keeps = {"draft"};
  CHECK(seen_by(BranchVisibility(doc), "draft") == Ids{"main"});
}

TEST_CASE("an invalid date or divergence inherits only what is kept") {
  Document doc = tree();
  doc.entries = {entry("bad", "1907-13-45"), entry("early", "1900")};
  CHECK(seen_by(BranchVisibility(doc), "bad") == Ids{"main"});
  doc.branches[0].diverges = "not a date";
  CHECK(seen_by(BranchVisibility(doc), "early") == Ids{"main"});
  doc.branches[0].keeps = {"early"};
  CHECK(seen_by(BranchVisibility(doc), "early") == Ids{"asu", "deep", "main"});
}

TEST_CASE("a cycle among branches does not hang the walk") {
  Document doc;
  doc.branches = {branch("a", "b", "1900"), branch("b", "a", "1900")};
  doc.entries = {entry("x", "1800", "a")};
  const BranchVisibility v(doc);
  CHECK(seen_by(v, "x") == Ids{"a", "b"});
}

TEST_CASE("an entity's overrides apply in their branch and its descendants, the nearest winning") {
  Document doc = tree();
  Entity stalin;
  stalin.id = "stalin";
  stalin.name = "Joseph Stalin";
  stalin.end = "1953-03-05";
  stalin.in_branches = {{"asu", R"({"end":"1907-06-26","notes":"killed"})"}, {"deep", R"({"name":"Koba"})"}};
  const BranchVisibility v(doc);
  CHECK(v.entity_in(stalin, *v.branch_index("main")).end == "1953-03-05");
  CHECK(v.entity_in(stalin, *v.branch_index("asu")).end == "1907-06-26");
  const Entity deep = v.entity_in(stalin, *v.branch_index("deep"));
  CHECK(deep.end == "1907-06-26");  // inherited from asu
  CHECK(deep.name == "Koba");
  CHECK(deep.notes == "killed");
  stalin.in_branches[1].fields = R"({"end":"1930","name":"Koba"})";
  CHECK(v.entity_in(stalin, *v.branch_index("deep")).end == "1930");  // its own override wins
}

TEST_CASE("moving or re-dating one entry recomputes that entry only, and equals a full computation") {
  Document doc = tree();
  for (int i = 0; i < 50; ++i) doc.entries.push_back(entry("e" + std::to_string(i), std::to_string(1890 + i)));
  BranchVisibility v(doc);
  Entry moved = doc.entries[3];
  moved.branch = "asu";
  CHECK(v.set_entry(moved) == 1);
  doc.entries[3] = moved;
  Entry redated = doc.entries[40];
  redated.date = "1901";
  CHECK(v.set_entry(redated) == 1);
  doc.entries[40] = redated;
  const BranchVisibility full(doc);
  for (const Entry& e : doc.entries) CHECK(v.worlds_of(e.id) == full.worlds_of(e.id));
}

TEST_CASE("changing one divergence date recomputes only the entries its parent sees") {
  Document doc = tree();
  for (int i = 0; i < 30; ++i) doc.entries.push_back(entry("m" + std::to_string(i), std::to_string(1890 + i)));
  for (int i = 0; i < 10; ++i) doc.entries.push_back(entry("d" + std::to_string(i), "1950", "deep"));
  BranchVisibility v(doc);
  Branch deep = doc.branches[1];
  REQUIRE(deep.id == "deep");
  deep.diverges = "1895";
  // deep's parent asu sees the main entries before 1907-06-26 (17 of them) and none of deep's own.
  CHECK(v.set_branch(deep) == 17);
  doc.branches[1] = deep;
  const BranchVisibility full(doc);
  for (const Entry& e : doc.entries) CHECK(v.worlds_of(e.id) == full.worlds_of(e.id));
}
