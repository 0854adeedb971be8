// Round trip through the store: JSON -> document -> JSON is stable and loses no field;
// derived tables rebuilt from the data equal the ones kept in step.
#include <doctest/doctest.h>

#include "store_test_util.hpp"
#include "uchronia/interchange.hpp"

using namespace uch;
using namespace uch::test;

namespace {

std::string via_store(const std::string& json) {
  Store store = Store::in_memory();
  store.import_document(read_interchange_json(json), "t");
  return write_interchange_json(store.load());
}

/// A large document exercising every field, built without the generator on purpose.
Document big_document(int n) {
  Document doc;
  doc.title = "Big";
  doc.description = "Many [[p0]] entries";
  doc.extra = R"({"x-custom":{"a":1}})";
  for (int i = 0; i < n / 10; ++i) {
    Entity p = make_person("p" + std::to_string(i), "Person " + std::to_string(i));
    p.aliases = {"Лицо " + std::to_string(i)};
    p.notes = "Notes of *" + std::to_string(i) + "*";
    if (i % 3 == 0) p.calendar = Calendar::Julian;
    doc.entities.push_back(p);
  }
  const char* dates[] = {"1920", "1920-06", "1920-06-11", "1917/1922", "1984?", "2004-06~", "201X",
                         "2001-21", "-0479", "../1985", "1985/..", ""};
  for (int i = 0; i < n; ++i) {
    Entry e = make_entry("e" + std::to_string(i), dates[i % 12], "Entry " + std::to_string(i),
                         "Body with [[Person " + std::to_string(i % (n / 10)) + "]] and Ελληνικά.");
    e.tags = {"t" + std::to_string(i % 7), "divergence"};
    if (i % 5 == 0) e.otl = "In our timeline, [[e" + std::to_string((i + 1) % n) + "]].";
    if (i % 4 == 0) e.series = Series{"Congress", i};
    if (i % 9 == 0) e.acknowledged = {{"date.missing", "draft"}};
    if (i % 11 == 0) e.extra = R"({"x-color":"red"})";
    if (i % 13 == 0) e.calendar = Calendar::Julian;
    doc.entries.push_back(e);
  }
  for (int i = 0; i + 1 < n; i += 50) doc.relations.push_back({"e" + std::to_string(i), RelationType::Before, "e" + std::to_string(i + 1), ""});
  return doc;
}

}  // namespace

TEST_CASE("the bundled sample survives the round trip through a document byte for byte") {
  const std::string once = via_store(file_bytes(UCHRONIA_SAMPLE_JSON));
  const std::string twice = via_store(once);
  CHECK(once == twice);
  const Document a = read_interchange_json(file_bytes(UCHRONIA_SAMPLE_JSON));
  Document b = read_interchange_json(once);
  sort_for_export(b);
  Document sorted = a;
  sort_for_export(sorted);
  CHECK(sorted == b);  // no field lost
}

TEST_CASE("a generated 10,000-entry timeline round-trips through a document with no field lost") {
  Document doc = big_document(10000);
  Store store = Store::in_memory();
  store.import_document(doc, "t");
  Document back = store.load();
  sort_for_export(doc);
  sort_for_export(back);
  CHECK(back.entries.size() == 10000);
  CHECK(back == doc);
  const std::string once = write_interchange_json(back);
  CHECK(via_store(once) == once);
}

TEST_CASE("rebuilding the derived tables gives the same links and search results") {
  Store store = Store::in_memory();
  store.import_document(big_document(500), "t");
  const auto links = store.linked_from("p3");
  const auto hits = store.search("Ελληνικά");
  CHECK_FALSE(links.empty());
  CHECK(hits.size() == 500);
  const auto revisions = store.revisions().size();
  store.rebuild_derived();
  CHECK(store.linked_from("p3") == links);
  CHECK(store.search("Ελληνικά").size() == 500);
  CHECK(store.revisions().size() == revisions);
}
