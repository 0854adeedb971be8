// Unit tests: checks per world (docs/branches.md "Checks"), the five branch rules, per-branch findings.
#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "uchronia/branch_check.hpp"
#include "uchronia/check_input.hpp"

using namespace uch;

namespace {

using Ids = std::vector<std::string>;

Entry entry(std::string id, std::string date, std::string branch = "", std::string body = "") {
  Entry e;
  e.id = std::move(id);
  e.title = "Title of " + e.id;
  e.date = std::move(date);
  e.branch = std::move(branch);
  e.body = std::move(body);
  return e;
}

Branch branch(std::string id, std::string parent = "", std::string diverges = "") {
  Branch b;
  b.id = std::move(id);
  b.name = "Name of " + b.id;
  b.parent = std::move(parent);
  b.diverges = std::move(diverges);
  return b;
}

/// otl (main) and asu forking on 26 June 1907; Stalin dies in 1953, in 1907 in asu.
Document two_worlds() {
  Document doc;
  doc.branches = {branch("asu", "otl", "1907-06-26"), branch("otl")};
  doc.main_branch = "otl";
  Entity stalin;
  stalin.id = "stalin";
  stalin.name = "Joseph Stalin";
  stalin.kind = EntityKind::Person;
  stalin.start = "1878-12-18";
  stalin.end = "1953-03-05";
  stalin.in_branches = {{"asu", R"({"end":"1907-06-26"})"}};
  doc.entities = {stalin};
  doc.entries = {entry("tiflis", "1907-06-26"), entry("killed", "1907-06-26", "asu", "[[Joseph Stalin]] is killed."),
                 entry("yalta", "1945-02-04", "", "[[Joseph Stalin]] meets Churchill at Yalta.")};
  doc.branches[0].point = "killed";
  return doc;
}

std::vector<Finding> of_rule(const std::vector<Finding>& all, const std::string& rule) {
  std::vector<Finding> out;
  for (const Finding& f : all)
    if (f.rule == rule) out.push_back(f);
  return out;
}

}  // namespace

TEST_CASE("the two-world document checks clean: Stalin's override holds only in the branch that has it") {
  const auto findings = check_worlds(two_worlds());
  CHECK(findings.empty());
}

TEST_CASE("a rule runs in each world: an entry inherited by a branch where the overridden entity is dead") {
  Document doc = two_worlds();
  doc.entries.push_back(entry("congress", "1912", "", "[[Joseph Stalin]] at the congress."));
  doc.branches[0].keeps = {"congress"};  // asu inherits it although it is after the divergence
  const auto findings = of_rule(check_worlds(doc), "ref.outside-lifespan");
  REQUIRE(findings.size() == 1);
  CHECK(findings[0].entry == "congress");
  CHECK(findings[0].branches == Ids{"asu"});
}

TEST_CASE("a finding that holds alike in several worlds is reported once with its branches sorted") {
  Document doc = two_worlds();
  doc.entries.push_back(entry("early", "1900", "", "See [[Nobody at all]]."));
  const auto findings = of_rule(check_worlds(doc), "ref.dangling");
  REQUIRE(findings.size() == 1);
  CHECK(findings[0].branches == Ids{"asu", "otl"});
}

TEST_CASE("check --branch restricts the check to one world; an unknown branch is an error") {
  Document doc = two_worlds();
  doc.entries.push_back(entry("congress", "1912", "", "[[Joseph Stalin]] at the congress."));
  doc.branches[0].keeps = {"congress"};
  CHECK(of_rule(check_worlds(doc, "otl"), "ref.outside-lifespan").empty());
  CHECK(of_rule(check_worlds(doc, "asu"), "ref.outside-lifespan").size() == 1);
  CHECK_THROWS_AS(check_worlds(doc, "nowhere"), Error);
}

TEST_CASE("the check of a stored document's input gives the same findings as the document's") {
  Document doc = two_worlds();
  doc.entries.push_back(entry("congress", "1912", "", "[[Joseph Stalin]] at the congress, see [[Nobody]]."));
  doc.branches[0].keeps = {"congress"};
  CheckInput input;
  input.doc = doc;
  input.links = links_of(doc);
  for (Entry& e : input.doc.entries) e.body.clear();
  CHECK(check_worlds(input) == check_worlds(doc));
}

TEST_CASE("a document without branches gets exactly the ordinary check") {
  Document doc;
  doc.entries = {entry("a", "1900", "", "[[missing]]"), entry("b", "1900-13")};
  CHECK(check_worlds(doc) == check_document(doc));
}

TEST_CASE("branch.unknown: every field that names a branch or an entry") {
  Document doc = two_worlds();
  doc.entries.push_back(entry("stray", "1900", "nowhere"));
  doc.entities[0].in_branches.push_back({"ghost", "{}"});
  doc.branches[0].keeps = {"no-entry"};
  doc.branches[0].drops = {"no-entry-2"};
  doc.branches[0].point = "no-point";
  doc.branches.push_back(branch("orphan", "no-parent", "1950"));
  doc.main_branch = "otl";
  const auto f = of_rule(check_worlds(doc), "branch.unknown");
  std::vector<std::string> related;
  for (const Finding& x : f) related.push_back(x.related.back());
  std::sort(related.begin(), related.end());
  CHECK(related == Ids{"ghost", "no-entry", "no-entry-2", "no-parent", "no-point", "nowhere"});
  CHECK(std::all_of(f.begin(), f.end(), [](const Finding& x) { return x.severity == Severity::Error; }));
  doc.main_branch = "missing";
  CHECK(of_rule(check_worlds(doc), "branch.unknown").size() == 7);
}

TEST_CASE("branch.tree: no root, two roots, a cycle") {
  Document two;
  two.branches = {branch("a"), branch("b")};
  CHECK(of_rule(check_worlds(two), "branch.tree").size() == 1);
  Document cycle;
  cycle.branches = {branch("a", "b", "1900"), branch("b", "a", "1900")};
  const auto f = of_rule(check_worlds(cycle), "branch.tree");
  REQUIRE(f.size() == 2);  // no root, and the cycle
  CHECK(f[1].related == Ids{"a", "b"});
  CHECK(of_rule(check_worlds(two_worlds()), "branch.tree").empty());
}

TEST_CASE("branch.diverges-invalid: missing, invalid, or certainly before the parent's own divergence") {
  Document doc = two_worlds();
  doc.branches.push_back(branch("deep", "asu", "1900"));   // before asu's 1907
  doc.branches.push_back(branch("bad", "otl", "1907-13"));
  doc.branches.push_back(branch("none", "otl", ""));
  doc.branches.push_back(branch("fine", "asu", "1907"));   // not certainly before 1907-06-26
  const auto f = of_rule(check_worlds(doc), "branch.diverges-invalid");
  Ids subjects;
  for (const Finding& x : f) subjects.push_back(x.related[0]);
  std::sort(subjects.begin(), subjects.end());
  CHECK(subjects == Ids{"bad", "deep", "none"});
}

TEST_CASE("branch.point-mismatch: the point dated otherwise, or not visible in the branch") {
  Document doc = two_worlds();
  doc.entries[1].date = "1908";
  auto f = of_rule(check_worlds(doc), "branch.point-mismatch");
  REQUIRE(f.size() == 1);
  CHECK(f[0].entry == "killed");
  CHECK(f[0].severity == Severity::Warning);
  doc = two_worlds();
  doc.entries[1].date = "1907";  // uncertain about the day: not certainly different
  CHECK(of_rule(check_worlds(doc), "branch.point-mismatch").empty());
  doc.branches[0].point = "yalta";  // a main-branch entry after the divergence: not in asu
  f = of_rule(check_worlds(doc), "branch.point-mismatch");
  REQUIRE(f.size() == 1);
  CHECK(f[0].message.find("not visible") != std::string::npos);
}

TEST_CASE("relation.across-branches: no world shows both entries") {
  Document doc = two_worlds();
  doc.relations = {{"killed", RelationType::After, "yalta", ""}, {"tiflis", RelationType::Before, "yalta", ""}};
  const auto f = of_rule(check_worlds(doc), "relation.across-branches");
  REQUIRE(f.size() == 1);
  CHECK(f[0].entry == "killed");
  CHECK(f[0].related == Ids{"yalta"});
}

TEST_CASE("an acknowledgement holds in every branch") {
  Document doc = two_worlds();
  doc.entries.push_back(entry("early", "1900", "", "See [[Nobody at all]]."));
  doc.entries.back().acknowledged = {{"ref.dangling", "a person yet to be written"}};
  const auto f = of_rule(check_worlds(doc), "ref.dangling");
  REQUIRE(f.size() == 1);
  CHECK(f[0].acknowledged);
  CHECK(f[0].branches == Ids{"asu", "otl"});
}
