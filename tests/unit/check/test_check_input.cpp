// The check of a stored document reads its links from the link table (Store::check_input), not
// from its texts: the findings, as `check` prints them, must be those of the whole document parsed.
#include <doctest/doctest.h>

#include <filesystem>
#include <random>
#include <string>
#include <unistd.h>

#include "uchronia/check.hpp"
#include "uchronia/generate.hpp"
#include "uchronia/interchange.hpp"
#include "uchronia/store.hpp"

namespace {

struct TempDir {
  std::filesystem::path path;
  TempDir() {
    path = std::filesystem::temp_directory_path() / ("uch-check-input-" + std::to_string(::getpid()) + "-" +
                                                     std::to_string(std::random_device{}()));
    std::filesystem::create_directories(path);
  }
  ~TempDir() { std::filesystem::remove_all(path); }
};

/// Both outputs of `check`, all findings shown.
std::string printed(const std::vector<uch::Finding>& findings, const uch::Document& doc) {
  return uch::findings_to_text(findings, doc, "DOC", true) + uch::findings_to_json(findings, true);
}

/// A generated timeline spoiled in every way a link can be: dangling links (in body, otl, notes
/// and the description, repeated in other cases and spacing), ambiguous names (aliases shared by
/// two entities, a title equal to an entity's name), aliases, non-ASCII names, links outside a
/// lifespan, acknowledgements, relations to nothing.
uch::Document spoiled_timeline(int entries) {
  uch::GenerateOptions options;
  options.entries = entries;
  options.entities = entries / 10;
  options.seed = 7;
  uch::Document doc = uch::generate_timeline(options);
  REQUIRE(doc.entities.size() >= 4);
  REQUIRE(doc.entries.size() >= 40);
  doc.entities[0].aliases.push_back("The Twins");
  doc.entities[1].aliases.push_back("the twins");
  doc.entities[2].aliases.push_back("Ἀλέξανδρος Ωμέγα");
  doc.entities[3].end = "1000";
  doc.entities[3].name = "Ancient One";
  doc.entries[5].title = doc.entities[2].name;  // a title that is also an entity's name: ambiguous
  doc.description = "About [[Nowhere Land]], [[nowhere land]] and [[" + doc.entities[0].name + "]].";
  for (std::size_t i = 0; i < doc.entries.size(); i += 7) {
    uch::Entry& e = doc.entries[i];
    e.body += " See [[Atlantis " + std::to_string(i % 5) + "]], [[ATLANTIS " + std::to_string(i % 5) +
              "]] and [[The Twins|both]].";
    e.otl = "In our timeline: [[  Lost City  ]] and [[ancient one]].";
    e.notes = "[[ἀλέξανδρος ωμέγα]] [[Ancient One]] [[" + e.id + "]] [[nobody-" + std::to_string(i) + "]]";
    if (i % 21 == 0) e.acknowledged.push_back({"ref.dangling", "on purpose"});
  }
  doc.entities[0].notes = "Twin of [[" + doc.entities[1].id + "]], not [[Nobody At All]].";
  doc.relations.push_back({doc.entries[0].id, uch::RelationType::Before, "ghost-1", {}});
  doc.relations.push_back({"ghost-2", uch::RelationType::Causes, "ghost-3", {}});
  return doc;
}

}  // namespace

TEST_CASE("check from the store's links prints what a check of the parsed document prints") {
  TempDir dir;
  // From 20,000 entries the links are read on a second connection while the items are read.
  for (const int entries : {3000, 20000}) {
    CAPTURE(entries);
    const uch::Document doc = spoiled_timeline(entries);
    const auto path = dir.path / ("spoiled-" + std::to_string(entries) + ".uchronia");
    uch::Store::create_from(path, doc, "test");
    const uch::Store store = uch::Store::open(path, uch::OpenOptions{.read_only = true});

    const uch::Document loaded = store.load();
    const std::string parsed = printed(uch::check_document(loaded), loaded);
    const uch::CheckInput input = store.check_input();
    const std::string from_links = printed(uch::check_document(input), input.doc);
    for (const char* rule : {"ref.dangling", "ref.ambiguous", "ref.outside-lifespan"})
      CHECK(parsed.find(rule) != std::string::npos);
    CHECK(parsed.find("(acknowledged)") != std::string::npos);
    CHECK(from_links == parsed);
    // No text field was read.
    for (const uch::Entry& entry : input.doc.entries) REQUIRE((entry.body + entry.otl + entry.notes).empty());
    CHECK(input.doc.description.empty());
  }
}

TEST_CASE("check from the store's links follows every kind of edit") {
  TempDir dir;
  uch::Document doc = spoiled_timeline(400);
  const auto path = dir.path / "edited.uchronia";
  uch::Store store = uch::Store::create_from(path, doc, "test");
  {
    uch::Edit edit;
    uch::Entry changed = doc.entries[7];
    changed.body = "Now [[Atlantis 9]] and [[atlantis 9]] then [[" + doc.entities[3].name + "]].";
    changed.notes.clear();
    edit.put_entry(changed);
    uch::Entry added;
    added.id = "added-entry";
    added.date = "1950";
    added.title = "Added";
    added.otl = "[[Otl Only]]";
    added.body = "[[The Twins]] [[Nowhere Land]]";
    edit.put_entry(added);
    uch::Entity renamed = doc.entities[1];
    renamed.notes = "[[Mystery]] and [[mystery]]";
    renamed.aliases.clear();
    edit.put_entity(renamed);
    edit.remove_item(doc.entries[14].id);
    edit.set_description("Now only [[Somewhere Else]].");
    store.commit(edit, "test");
  }
  const uch::Document loaded = store.load();
  const uch::CheckInput input = store.check_input();
  CHECK(printed(uch::check_document(input), input.doc) == printed(uch::check_document(loaded), loaded));
  CHECK(printed(uch::check_document(input), input.doc).find("Somewhere Else") != std::string::npos);
}

namespace {

/// What `check` prints of a stored document, from its check columns and links.
std::string printed_from_store(const uch::Store& store) {
  const uch::CheckInput input = store.check_input();
  return printed(uch::check_document(input), input.doc);
}

}  // namespace

TEST_CASE("the check's columns follow every write path: edit, set, undo, redo, restore, import") {
  TempDir dir;
  uch::Document doc = spoiled_timeline(400);
  uch::Store store = uch::Store::create_from(dir.path / "written.uchronia", doc, "test");
  // An edit of every column a check reads: dates, calendars, titles, series, acknowledgements,
  // names, aliases, kinds, extension fields (the draft order), and a deleted item.
  const std::int64_t first = store.latest_seq();
  {
    uch::Edit edit;
    uch::Entry e = doc.entries[3];
    e.date = "1999-02-30";  // invalid
    e.title = doc.entries[4].title;
    e.calendar = uch::Calendar::Julian;
    e.series = uch::Series{"Wars", 2};
    e.acknowledged = {{"date.invalid", "kept"}};
    edit.put_entry(e);
    uch::Entry f = doc.entries[8];
    f.series = uch::Series{"wars", 2};
    f.date.clear();
    f.extra = R"({"draft_order":3})";
    edit.put_entry(f);
    uch::Entity a = doc.entities[2];
    a.name = "Renamed Person";
    a.aliases = {"The Twins", "Other Name"};
    a.start = "1950";
    a.end = "1900";  // reversed
    a.kind = uch::EntityKind::Place;
    edit.put_entity(a);
    edit.remove_item(doc.entries[20].id);
    store.commit(edit, "test");
  }
  store.set_field(doc.entries[30].id, "title", doc.entries[31].title, std::nullopt, "test");
  store.set_field(doc.entries[31].id, "date", "1850/1870", std::nullopt, "test");
  store.set_field(doc.entities[1].id, "name", "The Twins", std::nullopt, "test");
  const std::string after_edits = printed_from_store(store);
  store.undo("test");
  store.undo("test");
  store.redo("test");
  store.restore(doc.entries[20].id, first, "test");        // the deleted entry back
  store.restore(doc.entries[3].id, first, "test");         // its first state again
  const std::string after_history = printed_from_store(store);
  CHECK(after_history != after_edits);

  // The same document imported afresh from its interchange JSON checks exactly alike.
  const uch::Document exported = uch::read_interchange_json(store.export_interchange_json());
  const uch::Store fresh = uch::Store::create_from(dir.path / "fresh.uchronia", exported, "test");
  CHECK(printed_from_store(fresh) == after_history);
  const uch::Document loaded = store.load();
  CHECK(printed(uch::check_document(loaded), loaded) == after_history);
  CHECK(store.integrity_report() == "ok");  // every index holds exactly its table's rows
}
