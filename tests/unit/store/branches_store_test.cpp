// The branch fields (docs/branches.md) kept by the document: import, load, streamed export,
// check input and history keep them without loss.
#include <doctest/doctest.h>

#include "store_test_util.hpp"
#include "uchronia/check_input.hpp"
#include "uchronia/interchange.hpp"

using namespace uch;
using namespace uch::test;

namespace {

Document branched() {
  return read_interchange_json(file_bytes(std::string(UCHRONIA_FIXTURES) + "/interchange-branches.valid.json"));
}

}  // namespace

TEST_CASE("a document with branches round-trips through the store with no field lost") {
  Document doc = branched();
  Store store = Store::in_memory();
  store.import_document(doc, "t");
  Document back = store.load();
  sort_for_export(doc);
  sort_for_export(back);
  CHECK(back == doc);
  const std::string text = write_interchange_json(doc);
  CHECK(store.export_interchange_json() == text);  // the streamed export writes the same text
}

TEST_CASE("the check input carries the branches, each entry's branch and the entities' overrides") {
  Store store = Store::in_memory();
  store.import_document(branched(), "t");
  const CheckInput input = store.check_input();
  CHECK(input.doc.branches.size() == 2);
  CHECK(input.doc.main_branch == "otl");
  bool found = false;
  for (const Entry& e : input.doc.entries)
    if (e.id == "stalin-killed") found = e.branch == "asu";
  CHECK(found);
  REQUIRE(input.doc.entities.size() == 1);
  CHECK(input.doc.entities[0].in_branches.size() == 1);
}

TEST_CASE("moving an entry to another branch is one revision that undo reverts") {
  Store store = Store::in_memory();
  store.import_document(branched(), "t");
  Entry e = store.entry("purges")->value;
  e.branch = "asu";
  Edit edit;
  edit.put_entry(e).summary("move");
  store.commit(edit, "t");
  CHECK(store.entry("purges")->value.branch == "asu");
  store.undo("t");
  CHECK(store.entry("purges")->value.branch.empty());
  store.redo("t");
  CHECK(store.entry("purges")->value.branch == "asu");
}
