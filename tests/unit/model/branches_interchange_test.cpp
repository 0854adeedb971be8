// Unit tests: the branch fields of the interchange JSON (docs/branches.md) are read into the model,
// validated with their path, and written back without loss.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "uchronia/interchange.hpp"

namespace {

std::string fixture(const char* name) {
  std::ifstream in(std::filesystem::path(UCHRONIA_FIXTURES) / name, std::ios::binary);
  REQUIRE(in.good());
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

std::string import_error(const std::string& text) {
  try {
    (void)uch::read_interchange_json(text);
  } catch (const uch::ImportError& e) {
    return e.what();
  }
  return "";
}

std::string doc_with(const std::string& body) {
  return R"({"format": "uchronia-timeline", "version": 1, )" + body + "}";
}

}  // namespace

TEST_CASE("branches, main_branch, an entry's branch and an entity's overrides are read into the model") {
  const uch::Document doc = uch::read_interchange_json(fixture("interchange-branches.valid.json"));
  REQUIRE(doc.branches.size() == 2);
  CHECK(doc.main_branch == "otl");
  const uch::Branch& asu = doc.branches[1];
  CHECK(asu.id == "asu");
  CHECK(asu.name == "All-Soviets Union");
  CHECK(asu.parent == "otl");
  CHECK(asu.diverges == "1907-06-26");
  CHECK(asu.point == "stalin-killed");
  CHECK(asu.keeps == std::vector<std::string>{"tiflis-robbery"});
  CHECK(asu.drops == std::vector<std::string>{"purges"});
  CHECK(asu.extra == R"({"x-colour":"red"})");
  CHECK(doc.extra.empty());  // no longer unknown fields
  CHECK(doc.entries[0].branch == "otl");
  CHECK(doc.entries[1].branch.empty());
  CHECK(doc.entries[2].branch == "asu");
  CHECK(doc.entries[2].extra == R"({"x-mark":true})");
  REQUIRE(doc.entities[0].in_branches.size() == 1);
  CHECK(doc.entities[0].in_branches[0].branch == "asu");
  CHECK(doc.entities[0].in_branches[0].fields == R"({"end":"1907-06-26","notes":"Killed at Tiflis","x-note":1})");
  CHECK(doc.entities[0].extra.empty());
}

TEST_CASE("a document with branches round-trips through the interchange JSON without loss") {
  const uch::Document doc = uch::read_interchange_json(fixture("interchange-branches.valid.json"));
  const std::string once = uch::write_interchange_json(doc);
  const uch::Document back = uch::read_interchange_json(once);
  uch::Document sorted = doc;
  uch::sort_for_export(sorted);
  CHECK(back == sorted);
  CHECK(uch::write_interchange_json(back) == once);
  CHECK(once.find(R"("branch": "asu")") != std::string::npos);
  CHECK(once.find(R"("main_branch": "otl")") != std::string::npos);
}

TEST_CASE("the fast and the full reader read branches alike") {
  // Without unknown fields the simdjson path reads the file; with them the full reader does.
  const std::string plain = doc_with(
      R"("branches": [{"id": "m", "name": "Main"}, {"id": "b", "name": "B", "parent": "m", "diverges": "1900",
           "keeps": ["e1"], "drops": ["e2"], "point": "e3"}], "main_branch": "m",
         "entries": [{"id": "e1", "title": "One", "branch": "b"}])");
  const uch::Document fast = uch::read_interchange_json(plain);
  const uch::Document full = uch::read_interchange_json(plain.substr(0, plain.size() - 1) + R"(, "x-unknown": 1})");
  CHECK(fast.branches == full.branches);
  CHECK(fast.entries == full.entries);
  CHECK(fast.main_branch == "m");
  CHECK(fast.entries[0].branch == "b");
}

TEST_CASE("malformed branch fields are refused naming their path") {
  CHECK(import_error(doc_with(R"("branches": [{"id": "otl"}])")) == "branches[0].name: missing required field");
  CHECK(import_error(doc_with(R"("branches": {"id": "otl"})")) == "branches: expected an array, got an object");
  CHECK(import_error(doc_with(R"("branches": [{"id": "x", "name": "X", "keeps": "e1"}])")) ==
        "branches[0].keeps: expected an array, got a string");
  CHECK(import_error(doc_with(R"("entries": [{"id": "e", "title": "T", "branch": 3}])")) ==
        "entries[0].branch: expected a string, got a number");
  CHECK(import_error(doc_with(R"("main_branch": "a b")")).starts_with("main_branch: invalid id"));
  CHECK(import_error(doc_with(
            R"("entities": [{"id": "p", "name": "P", "kind": "person", "in_branches": {"b": {"id": "q"}}}])")) ==
        "entities[0].in_branches.b.id: an entity's id cannot be overridden in a branch");
  CHECK(import_error(doc_with(
            R"("entities": [{"id": "p", "name": "P", "kind": "person", "in_branches": {"b": {"end": 1907}}}])")) ==
        "entities[0].in_branches.b.end: expected a string, got a number");
  // Branch ids share the id space of entries and entities.
  CHECK(import_error(doc_with(R"("branches": [{"id": "x", "name": "X"}], "entries": [{"id": "x", "title": "T"}])"))
            .starts_with("entries[0].id: duplicate id \"x\""));
}

TEST_CASE("a document without branches is read and written exactly as before") {
  const std::string text = fixture("interchange-full.valid.json");
  const uch::Document doc = uch::read_interchange_json(text);
  CHECK(doc.branches.empty());
  CHECK(doc.main_branch.empty());
  CHECK(uch::write_interchange_json(doc) == fixture("interchange-full.exported.valid.json"));
}
