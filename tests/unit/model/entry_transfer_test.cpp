// Copy, paste and duplicate of entries: their JSON form, unique ids, tag edits.
#include <doctest/doctest.h>

#include <set>

#include "uchronia/entry_transfer.hpp"
#include "uchronia/interchange.hpp"

using namespace uch;

namespace {
Entry sample_entry() {
  Entry e;
  e.id = "stalin-killed";
  e.date = "1907-06-26";
  e.title = "Stalin killed in a bank robbery";
  e.body = "Militant [[Joseph Stalin]] dies.";
  e.tags = {"divergence"};
  e.otl = "He survived.";
  e.calendar = Calendar::Julian;
  e.series = Series{"Raids", 3};
  e.acknowledged = {{"ref.outside-lifespan", "on purpose"}};
  return e;
}
}  // namespace

TEST_CASE("an entry copied as interchange JSON reads back equal, as a document import reads it") {
  const Entry e = sample_entry();
  const std::string json = entries_to_interchange_json({e});
  CHECK(json.find("\"format\": \"uchronia-timeline\"") != std::string::npos);
  const Document doc = read_interchange_json(json);   // what `uchronia import` accepts
  REQUIRE(doc.entries.size() == 1);
  CHECK(doc.entries[0] == e);
  const auto back = entries_from_interchange_json(json);
  REQUIRE(back.size() == 1);
  CHECK(back[0] == e);
}

TEST_CASE("one bare entry object is read as an entry, validated like an import") {
  const auto entries = entries_from_interchange_json(R"({"id": "x", "title": "T", "tags": ["a"]})");
  REQUIRE(entries.size() == 1);
  CHECK(entries[0].id == "x");
  CHECK(entries[0].tags == std::vector<std::string>{"a"});
  CHECK_THROWS_AS(entries_from_interchange_json(R"({"id": "bad id!", "title": "T"})"), ImportError);
}

TEST_CASE("text that is not an entry is refused with a message saying why") {
  for (const char* bad : {"", "hello", "[1, 2]", "{\"title\": 3}", R"({"format": "uchronia-timeline", "version": 1, "entries": []})",
                          R"({"format": "other", "version": 1})"}) {
    CAPTURE(bad);
    try {
      entries_from_interchange_json(bad);
      FAIL("accepted");
    } catch (const ImportError& e) {
      CHECK(std::string(e.what()).size() > 5);
    }
  }
}

TEST_CASE("a copy's id is the original's when free, else a -copy suffix that no item has") {
  std::set<std::string> taken = {"a", "a-copy", "a-copy-2"};
  const auto is_taken = [&](const std::string& id) { return taken.count(id) > 0; };
  CHECK(unique_item_id("b", is_taken) == "b");
  CHECK(unique_item_id("a", is_taken) == "a-copy-3");
  taken.erase("a-copy");
  CHECK(unique_item_id("a", is_taken) == "a-copy");
  const std::string long_id(128, 'x');
  taken.insert(long_id);
  const std::string copy = unique_item_id(long_id, is_taken);
  CHECK(copy.size() == 128);
  CHECK(is_valid_id(copy));
  CHECK(copy != long_id);
  CHECK(unique_item_id("not valid!", is_taken) == "entry");
}

TEST_CASE("tags are added once and removed, trimmed") {
  Entry e;
  e.tags = {"a"};
  CHECK(add_tag(e, " b "));
  CHECK_FALSE(add_tag(e, "a"));
  CHECK_FALSE(add_tag(e, "  "));
  CHECK(e.tags == std::vector<std::string>{"a", "b"});
  CHECK(remove_tag(e, "a"));
  CHECK_FALSE(remove_tag(e, "zzz"));
  CHECK(e.tags == std::vector<std::string>{"b"});
}
