// The editor holds a row per entry and reads whole entries when asked; a document with a file is
// checked on another thread. What the writer sees must not change: the same findings as a full
// check (edits made while the checker was being built included), bodies that show and edit as before.
#include <doctest/doctest.h>

#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <thread>

#include "ui_harness.hpp"
#include "uchronia/check.hpp"
#include "uchronia/generate.hpp"

using namespace uch;

namespace {

struct TempDocument {
  std::filesystem::path path;
  explicit TempDocument(const Document& doc, const char* name) {
    path = std::filesystem::temp_directory_path() /
           (std::string("uchronia-snapshot-test-") + name + "-" + std::to_string(::getpid()) + ".uchronia");
    remove();
    Store::create_from(path, doc, "tester");
  }
  ~TempDocument() { remove(); }
  void remove() {
    for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path.string() + suffix);
  }
};

void wait_for_checker(test::UiHarness& ui) {
  for (int i = 0; i < 60000 && ui.state().checking(); ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
    ui.frame();
  }
  REQUIRE_FALSE(ui.state().checking());
}

}  // namespace

TEST_CASE("a document with a file is checked on another thread: the findings are a full check's, edits meanwhile included") {
  Document doc = generate_timeline({.entries = 4000, .entities = 300, .seed = 5});
  const TempDocument file(doc, "check");
  test::UiHarness ui;
  REQUIRE(ui.state().open_document(file.path));
  ui.frame();
  CHECK(ui.state().findings().empty());   // nothing claimed before the checker is there
  // Edits at once, most likely while the checker is being built: an invalid date, a dangling link,
  // a deleted entry that a relation may name.
  Entry a = ui.store().entry(ui.state().rows()[10].id)->value;
  a.date = "1985-02-30";
  REQUIRE(ui.state().commit(Edit().put_entry(a, ui.state().version_of(a.id))));
  Entry b = ui.store().entry(ui.state().rows()[20].id)->value;
  b.body += " [[Nobody at all]]";
  REQUIRE(ui.state().commit(Edit().put_entry(b, ui.state().version_of(b.id))));
  REQUIRE(ui.state().delete_item(ui.state().rows()[30].id, true));
  wait_for_checker(ui);
  const std::vector<Finding> expected = check_document(ui.store().load());
  REQUIRE(!expected.empty());
  CHECK(ui.state().findings() == expected);
  // And it keeps following edits afterwards.
  a.date = "1985-02-28";
  REQUIRE(ui.state().commit(Edit().put_entry(a, ui.state().version_of(a.id))));
  CHECK(ui.state().findings() == check_document(ui.store().load()));
}

TEST_CASE("the checker built without bodies follows link edits as a full check does") {
  // The background checker reads the links from the store's link table, not from the bodies: edits
  // that add, drop or retarget links, and an entity's rename, must still give a full check's findings.
  Document doc = generate_timeline({.entries = 3000, .entities = 200, .seed = 11});
  const TempDocument file(doc, "links");
  test::UiHarness ui;
  REQUIRE(ui.state().open_document(file.path));
  wait_for_checker(ui);
  REQUIRE(ui.state().findings() == check_document(ui.store().load()));
  const Entity& named = ui.state().document().entities[5];
  const std::string name = named.name, entity_id = named.id;
  Entry a = ui.store().entry(ui.state().rows()[100].id)->value;
  a.body = "Nothing links here any more.";
  a.notes = "See [[" + name + "]] and [[Nobody at all]].";
  REQUIRE(ui.state().commit(Edit().put_entry(a, ui.state().version_of(a.id))));
  CHECK(ui.state().findings() == check_document(ui.store().load()));
  Entry b = ui.store().entry(ui.state().rows()[200].id)->value;
  b.otl = "[[" + name + "]] [[" + name + "]]";
  REQUIRE(ui.state().commit(Edit().put_entry(b, ui.state().version_of(b.id))));
  CHECK(ui.state().findings() == check_document(ui.store().load()));
  Entity renamed = ui.store().entity(entity_id)->value;
  renamed.name = "Someone Else Entirely";
  REQUIRE(ui.state().commit(Edit().put_entity(renamed, ui.state().version_of(entity_id))));
  const std::vector<Finding> expected = check_document(ui.store().load());
  CHECK(std::count_if(expected.begin(), expected.end(), [](const Finding& f) { return f.rule == "ref.dangling"; }) >= 2);
  CHECK(ui.state().findings() == expected);
}

TEST_CASE("bodies are read when asked for: they show and edit as the stored ones") {
  const TempDocument file(generate_timeline({.entries = 500, .entities = 50, .seed = 9}), "bodies");
  test::UiHarness ui;
  REQUIRE(ui.state().open_document(file.path));
  ui.frames(2);
  CHECK(ui.state().document().entries.empty());   // no body held for the table
  for (std::size_t i = 0; i < ui.state().rows().size(); i += 50) {
    const std::string& id = ui.state().rows()[i].id;
    REQUIRE(ui.state().entry(id));
    CHECK(*ui.state().entry(id) == ui.store().entry(id)->value);
  }
  const std::string id = ui.state().rows()[123].id;
  ui.state().select(id);
  ui.frames(2);
  const Entry* shown = ui.state().entry(id);
  REQUIRE(shown);
  Entry e = *shown;
  e.body = "A new body that links [[" + ui.state().entities().front().name + "]].";
  REQUIRE(ui.state().commit(Edit().put_entry(e, ui.state().version_of(id))));
  CHECK(shown->body == e.body);   // the pointer handed out follows the commit
  CHECK(ui.state().entry(id)->body == ui.store().entry(id)->value.body);
  ui.frames(2);
  // An undo brings the old body back, in the store and in what the editor shows.
  REQUIRE(ui.state().undo());
  ui.frames(2);
  CHECK(ui.state().entry(id)->body == ui.store().entry(id)->value.body);
  CHECK(ui.state().entry(id)->body != e.body);
  // A deleted entry is gone from the editor too.
  REQUIRE(ui.state().delete_item(id, true));
  CHECK_FALSE(ui.state().entry(id));
  CHECK_FALSE(ui.state().row_index(id));
}
