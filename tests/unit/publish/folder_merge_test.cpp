// Three-way merge of a folder export's files, field by field (docs/folder-format.md, "Merging").
#include <doctest/doctest.h>

#include <map>
#include <nlohmann/json.hpp>

#include "publish_test_support.hpp"
#include "uchronia/folder.hpp"
#include "uchronia/interchange.hpp"

using namespace uch;
using ojson = nlohmann::ordered_json;

namespace {

Document base_doc() {
  return read_interchange_json(R"({
    "format": "uchronia-timeline", "version": 1, "title": "Base", "description": "About it",
    "entries": [
      {"id": "tiflis", "date": "1907-06-26", "title": "Tiflis robbery", "body": "Body.", "notes": "n",
       "tags": ["crime"], "otl": "It happened.", "mood": "tense"},
      {"id": "warsaw", "date": "1920-08", "title": "Warsaw captured"}
    ],
    "entities": [{"id": "stalin", "name": "Joseph Stalin", "kind": "person", "end": "1953"}],
    "relations": [
      {"from": "tiflis", "type": "before", "to": "warsaw"},
      {"from": "warsaw", "type": "after", "to": "tiflis", "confidence": 0.5}
    ]})");
}

/// The file at `path` in the folder form of `doc` (nullopt when it has none).
std::optional<std::string> file(const Document& doc, const std::string& path) {
  for (const auto& f : split_into_folder(write_interchange_json(doc)))
    if (f.path == path) return f.text;
  return std::nullopt;
}

Entry& entry(Document& doc, const std::string& id) {
  for (auto& e : doc.entries)
    if (e.id == id) return e;
  FAIL("no entry " << id);
  throw 0;
}

FolderMergeResult merge(const std::string& path, const Document& base, const Document& ours, const Document& theirs) {
  return merge_folder_file(*folder_file_kind(path), file(base, path), file(ours, path), file(theirs, path));
}

ojson conflicts_of(const std::string& text) { return ojson::parse(text).at(std::string(kFolderConflictsKey)); }

}  // namespace

TEST_CASE("different fields of one entry: both changes, as export writes the combined entry") {
  const Document base = base_doc();
  Document ours = base, theirs = base, both = base;
  entry(ours, "tiflis").title = entry(both, "tiflis").title = "The Tiflis bank robbery";
  entry(theirs, "tiflis").body = entry(both, "tiflis").body = "New body.";  // the line after the title's
  entry(theirs, "tiflis").series = entry(both, "tiflis").series = Series{"Crimes", 1};  // a field added
  entry(ours, "tiflis").tags.clear();  // and one removed
  entry(both, "tiflis").tags.clear();
  const auto r = merge("entries/tiflis.json", base, ours, theirs);
  CHECK(r.conflicts == 0);
  CHECK(r.text == *file(both, "entries/tiflis.json"));
}

TEST_CASE("the same field changed alike on both sides merges cleanly") {
  const Document base = base_doc();
  Document ours = base;
  entry(ours, "tiflis").date = "1907-06-13";
  const auto r = merge("entries/tiflis.json", base, ours, ours);
  CHECK(r.conflicts == 0);
  CHECK(r.text == *file(ours, "entries/tiflis.json"));
}

TEST_CASE("the same field changed differently: ours kept, both values recorded, the rest merged") {
  const Document base = base_doc();
  Document ours = base, theirs = base;
  entry(ours, "tiflis").date = "1907-06-13";
  entry(theirs, "tiflis").date = "1907-06-27";
  entry(theirs, "tiflis").notes = "theirs' notes";
  const auto r = merge("entries/tiflis.json", base, ours, theirs);
  CHECK(r.conflicts == 1);
  const ojson merged = ojson::parse(r.text);
  CHECK(merged["date"] == "1907-06-13");
  CHECK(merged["notes"] == "theirs' notes");
  CHECK(conflicts_of(r.text) ==
        ojson::parse(R"([{"field": "date", "base": "1907-06-26", "ours": "1907-06-13", "theirs": "1907-06-27"}])"));
  // The conflict comes last; without it the file is what export writes.
  ojson without = merged;
  without.erase(std::string(kFolderConflictsKey));
  Document expected = ours;
  entry(expected, "tiflis").notes = "theirs' notes";
  CHECK(without.dump(2) + "\n" == *file(expected, "entries/tiflis.json"));
  CHECK(r.text.ends_with("  ]\n}\n"));
}

TEST_CASE("a field removed on one side and changed on the other is a conflict") {
  const Document base = base_doc();
  Document ours = base, theirs = base;
  entry(ours, "tiflis").otl.clear();
  entry(theirs, "tiflis").otl = "In our timeline too.";
  const auto r = merge("entries/tiflis.json", base, ours, theirs);
  CHECK(r.conflicts == 1);
  CHECK(conflicts_of(r.text) ==
        ojson::parse(R"([{"field": "otl", "base": "It happened.", "theirs": "In our timeline too."}])"));
  CHECK_FALSE(ojson::parse(r.text).contains("otl"));
}

TEST_CASE("an item added on both sides: identical, one item; different, a conflict, never a blend") {
  const Document base = base_doc();
  Document ours = base, theirs = base;
  Entry added;
  added.id = "congress";
  added.title = "10th Party Congress";
  added.date = "1921-03";
  ours.entries.push_back(added);
  theirs.entries.push_back(added);
  auto r = merge("entries/congress.json", base, ours, theirs);
  CHECK(r.conflicts == 0);
  CHECK(r.text == *file(ours, "entries/congress.json"));

  entry(theirs, "congress").date = "1921-04";
  entry(theirs, "congress").body = "Theirs only.";
  r = merge("entries/congress.json", base, ours, theirs);
  CHECK(r.conflicts == 1);
  const ojson merged = ojson::parse(r.text);
  CHECK(merged["date"] == "1921-03");
  CHECK_FALSE(merged.contains("body"));  // not theirs' body on ours' entry
  const ojson c = conflicts_of(r.text);
  REQUIRE(c.size() == 1);
  CHECK(c[0]["item"] == true);
  CHECK_FALSE(c[0].contains("base"));
  CHECK(c[0]["theirs"]["body"] == "Theirs only.");
}

TEST_CASE("an item deleted on one side and changed on the other is kept, as changed, with a conflict") {
  const Document base = base_doc();
  Document deleted = base, edited = base;
  deleted.entries.erase(deleted.entries.begin() + 1);  // warsaw
  entry(edited, "warsaw").title = "Warsaw falls";
  for (const bool ours_deleted : {true, false}) {
    CAPTURE(ours_deleted);
    const auto r = ours_deleted ? merge("entries/warsaw.json", base, deleted, edited)
                                : merge("entries/warsaw.json", base, edited, deleted);
    CHECK(r.conflicts == 1);
    CHECK(ojson::parse(r.text)["title"] == "Warsaw falls");
    const ojson c = conflicts_of(r.text)[0];
    CHECK(c["item"] == true);
    CHECK(c.contains(ours_deleted ? "theirs" : "ours"));
    CHECK_FALSE(c.contains(ours_deleted ? "ours" : "theirs"));
  }
  // Deleted on one side, untouched on the other: deleted.
  const auto r = merge("entries/warsaw.json", base, deleted, base);
  CHECK(r.conflicts == 0);
  CHECK(r.text.empty());
}

TEST_CASE("relations merge as a set: additions and removals on both sides, extra fields field by field") {
  const Document base = base_doc();
  Document ours = base, theirs = base;
  ours.relations.push_back({"tiflis", RelationType::Causes, "warsaw", ""});
  theirs.relations.erase(theirs.relations.begin());                       // tiflis before warsaw
  theirs.relations.push_back({"warsaw", RelationType::Ends, "tiflis", ""});
  Document both = ours;
  both.relations.erase(both.relations.begin());
  both.relations.push_back({"warsaw", RelationType::Ends, "tiflis", ""});
  auto r = merge("relations.json", base, ours, theirs);
  CHECK(r.conflicts == 0);
  CHECK(r.text == *file(both, "relations.json"));

  // An extra field changed on one side while the other deletes the relation: kept, with a conflict.
  Document changed = base;
  changed.relations[1].extra = R"({"confidence":0.9})";
  Document removed = base;
  removed.relations.erase(removed.relations.begin() + 1);
  r = merge("relations.json", base, removed, changed);
  CHECK(r.conflicts == 1);
  const ojson merged = ojson::parse(r.text);
  REQUIRE(merged.size() == 2);
  CHECK(merged[1]["confidence"] == 0.9);
  CHECK(merged[1][std::string(kFolderConflictsKey)][0]["item"] == true);
}

TEST_CASE("the timeline's own fields merge field by field") {
  const Document base = base_doc();
  Document ours = base, theirs = base, both = base;
  ours.title = both.title = "Ours";
  theirs.description = both.description = "Theirs";
  const auto r = merge("timeline.json", base, ours, theirs);
  CHECK(r.conflicts == 0);
  CHECK(r.text == *file(both, "timeline.json"));
}

TEST_CASE("a side that is not a file of its kind is refused, naming the side") {
  const Document base = base_doc();
  const auto path = "entries/tiflis.json";
  CHECK_THROWS_WITH_AS(merge_folder_file(FolderFileKind::Entry, file(base, path), std::string("{\"id\": \"tiflis\"}"),
                                         file(base, path)),
                       "ours: title: missing required field", ImportError);
  CHECK_THROWS_WITH_AS(merge_folder_file(FolderFileKind::Entry, file(base, path), file(base, path), std::string("{")),
                       doctest::Contains("theirs: line 1, column 2: syntax error"), ImportError);
}

TEST_CASE("the kind of a file, from its path or, without one, from its content") {
  CHECK(folder_file_kind("entries/tiflis.json") == FolderFileKind::Entry);
  CHECK(folder_file_kind("timeline/entities/joseph-stalin~81.json") == FolderFileKind::Entity);
  CHECK(folder_file_kind("branches/otl.json") == FolderFileKind::Branch);
  CHECK(folder_file_kind("timeline.json") == FolderFileKind::Timeline);
  CHECK(folder_file_kind("sub/relations.json") == FolderFileKind::Relations);
  CHECK_FALSE(folder_file_kind("README.md"));
  CHECK_FALSE(folder_file_kind("entries/Tiflis.json"));
  const Document base = base_doc();
  CHECK(folder_file_kind_of_text(*file(base, "entries/tiflis.json")) == FolderFileKind::Entry);
  CHECK(folder_file_kind_of_text(*file(base, "entities/stalin.json")) == FolderFileKind::Entity);
  CHECK(folder_file_kind_of_text(*file(base, "relations.json")) == FolderFileKind::Relations);
  CHECK(folder_file_kind_of_text(*file(base, "timeline.json")) == FolderFileKind::Timeline);
}
