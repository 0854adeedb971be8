// Headless UI tests of the editor: drive the panels through ImGuiIO, assert on the document.
#include <doctest/doctest.h>

#include <algorithm>

#include <chrono>
#include <filesystem>
#include <fstream>

#include "panels/panels.hpp"
#include "ui_harness.hpp"
#include "uchronia/generate.hpp"
#include "uchronia/interchange.hpp"

using namespace uch;
using uch::test::UiHarness;

namespace {

std::size_t revision_count(Store& store) { return store.revisions().size(); }

std::filesystem::path temp_doc(const char* name) {
  auto p = std::filesystem::temp_directory_path() / (std::string("uchronia-app-test-") + name + ".uchronia");
  std::filesystem::remove(p);
  std::filesystem::remove(p.string() + "-wal");
  std::filesystem::remove(p.string() + "-shm");
  return p;
}

}  // namespace

TEST_CASE("editing the date field and pressing Enter makes one revision; Ctrl+Z restores it") {
  UiHarness ui;
  ui.open(test::small_document());
  ui.state().select("famine");
  ui.frames(2);
  const std::size_t before = revision_count(ui.store());

  ui.replace_text("editor/date", "26 June 1920");
  CHECK(ui.store().entry("famine")->value.date == "1921~");   // nothing committed while typing
  CHECK(revision_count(ui.store()) == before);
  ui.key(test::kEnter);
  CHECK(ui.store().entry("famine")->value.date == "1920-06-26");
  CHECK(revision_count(ui.store()) == before + 1);
  ui.frames(3);
  CHECK(revision_count(ui.store()) == before + 1);             // and nothing more afterwards

  ui.key('Z', /*ctrl=*/true);
  CHECK(ui.store().entry("famine")->value.date == "1921~");
  CHECK(ui.state().entry("famine")->date == "1921~");          // the snapshot follows
}

TEST_CASE("Escape in a field cancels the typing: nothing is committed") {
  UiHarness ui;
  ui.open(test::small_document());
  ui.state().select("famine");
  ui.frames(2);
  const std::size_t before = revision_count(ui.store());
  ui.replace_text("editor/date", "30 February 1985");
  CHECK(ui.has("editor/date-feedback"));
  CHECK(ui.state().editing);
  ui.key(test::kEscape);
  CHECK(revision_count(ui.store()) == before);
  CHECK(ui.store().entry("famine")->value.date == "1921~");
  CHECK_FALSE(ui.state().editing);
}

TEST_CASE("clicking a finding in Problems selects its entry") {
  UiHarness ui;
  ui.open(test::small_document());
  ui.state().select("war");
  ui.frames(2);
  const std::string key = "problems/ref.outside-lifespan/lenin-dies";
  REQUIRE(ui.has(key));
  ui.click(key);
  CHECK(ui.state().selected() == "lenin-dies");
}

TEST_CASE("Delete on the selected row deletes it and Ctrl+Z brings it back") {
  UiHarness ui;
  ui.open(test::small_document());
  REQUIRE(ui.has("entries/row/famine"));
  ui.click("entries/row/famine");
  CHECK(ui.state().selected() == "famine");
  ui.key(test::kDelete);
  CHECK_FALSE(ui.store().entry("famine").has_value());
  CHECK_FALSE(ui.has("entries/row/famine"));
  CHECK(ui.state().selected() != "famine");
  ui.key('Z', true);
  CHECK(ui.store().entry("famine").has_value());
  CHECK(ui.has("entries/row/famine"));
  ui.key('Z', true, true);   // Ctrl+Shift+Z redoes the deletion
  CHECK_FALSE(ui.store().entry("famine").has_value());
  ui.key('Z', true);
  CHECK(ui.store().entry("famine").has_value());
  ui.key('Y', true);          // so does Ctrl+Y
  CHECK_FALSE(ui.store().entry("famine").has_value());
  ui.key('Z', true);
  CHECK(ui.store().entry("famine").has_value());
}

TEST_CASE("arrow keys move the selection in the table; Ctrl+N adds an entry after it") {
  UiHarness ui;
  ui.open(test::small_document());
  ui.click("entries/row/stalin-killed");
  ui.key(test::kDown);
  CHECK(ui.state().selected() == "war");
  ui.key(test::kDown);
  CHECK(ui.state().selected() == "famine");
  ui.key(test::kUp);
  CHECK(ui.state().selected() == "war");
  const std::size_t entries = ui.state().rows().size();
  ui.key('N', true);
  CHECK(ui.state().rows().size() == entries + 1);
  const std::string added = ui.state().selected();
  REQUIRE(ui.store().entry(added).has_value());
  CHECK(ui.store().entry(added)->value.date == "1914-07-28/1918-11-11");
}

TEST_CASE("the filter box combines tag, date range and full text") {
  UiHarness ui;
  ui.open(test::small_document());
  ui.replace_text("entries/filter", "tag:russia");
  CHECK(ui.has("entries/row/famine"));
  CHECK(ui.has("entries/row/lenin-dies"));
  CHECK_FALSE(ui.has("entries/row/war"));
  ui.replace_text("entries/filter", "1914..1919");
  CHECK(ui.has("entries/row/war"));
  CHECK_FALSE(ui.has("entries/row/famine"));
  ui.replace_text("entries/filter", "robbery");
  CHECK(ui.has("entries/row/stalin-killed"));
  CHECK_FALSE(ui.has("entries/row/war"));
}

TEST_CASE("typing [[ in the body offers names and Tab completes the link") {
  UiHarness ui;
  ui.open(test::small_document());
  ui.state().select("war");
  ui.frames(2);
  ui.click("editor/body");
  ui.type("Then [[Kob");
  REQUIRE(ui.has("completion/0"));
  ui.key(test::kTab);
  ui.click("editor/title");   // focus loss commits the body
  CHECK(ui.store().entry("war")->value.body == "Then [[Koba]]");
}

TEST_CASE("acknowledging a finding asks a reason and stores it on the entry") {
  UiHarness ui;
  ui.open(test::small_document());
  ui.state().select("lenin-dies");
  ui.frames(2);
  const std::string key = "findings/lenin-dies/ref.outside-lifespan";
  REQUIRE(ui.has(key));
  ui.click(key);
  REQUIRE(ui.has("findings/reason"));
  ui.click("findings/reason");
  ui.type("the link is about his memory");
  ui.key(test::kEnter);
  auto acks = ui.store().entry("lenin-dies")->value.acknowledged;
  REQUIRE(acks.size() == 1);
  CHECK(acks[0].rule == "ref.outside-lifespan");
  CHECK(acks[0].reason == "the link is about his memory");

  // History tells it as a sentence, not as the stored JSON.
  ui.click("history/tab/item");
  ui.frames(30);
  bool found = false;
  for (int rev = 0; rev < 4 && !found; ++rev)
    if (const app::ProbeRect* line = app::probe_find("history/ack/" + std::to_string(rev) + "/0")) {
      found = true;
      CHECK(line->text.starts_with("Accepted ref.outside-lifespan"));
      CHECK(line->text.find("the link is about his memory") != std::string::npos);
      CHECK(line->text.find('{') == std::string::npos);
    }
  CHECK(found);
}

TEST_CASE("a relation's type can be changed and a new one added") {
  UiHarness ui;
  ui.open(test::small_document());
  ui.state().select("stalin-killed");
  ui.frames(2);
  ui.click("relations/target");
  ui.type("Great");
  REQUIRE(ui.has("relations/match/0"));
  ui.click("relations/match/0");
  auto before = ui.store().relations().size();
  ui.frames(1);
  // the Add button sits right of the target field
  const auto& t = ui.probe("relations/target");
  ui.click_at(t.x1 + 20, t.cy());
  CHECK(ui.store().relations().size() == before + 1);
}

TEST_CASE("History restores an earlier version of the selected entry") {
  UiHarness ui(ImVec2(1600, 2600));   // a tall window: the History panel shows both revisions
  ui.open(test::small_document());
  ui.state().select("famine");
  ui.frames(2);
  ui.replace_text("editor/title", "Hunger on the Volga");
  ui.key(test::kEnter);
  REQUIRE(ui.store().entry("famine")->value.title == "Hunger on the Volga");
  auto history = ui.store().item_history("famine");
  REQUIRE(history.size() >= 2);
  const std::string seq = std::to_string(history.front().revision.seq);
  ui.frames(20);   // the History panel reads an item's history once the selection has rested
  REQUIRE(ui.has("history/rev/" + seq));
  ui.click("history/rev/" + seq);   // expand the older revision
  REQUIRE(ui.has("history/restore/" + seq));
  ui.click("history/restore/" + seq);
  REQUIRE(ui.has("history/restore-question"));   // it says first what it will change
  CHECK(ui.probe("history/restore-question").text == "Restoring #" + seq + " changes: title.");
  CHECK(ui.store().entry("famine")->value.title == "Hunger on the Volga");
  ui.click("history/restore-confirm");
  CHECK(ui.store().entry("famine")->value.title == "Famine on the Volga");
  CHECK(ui.state().entry("famine")->title == "Famine on the Volga");
}

TEST_CASE("selection changes commit what a field still holds; so does flush on quit") {
  UiHarness ui;
  ui.open(test::small_document());
  ui.state().select("war");
  ui.frames(2);
  ui.replace_text("editor/title", "The War to End All Wars");
  app::flush_edits(ui.shell);
  CHECK(ui.store().entry("war")->value.title == "The War to End All Wars");
}

TEST_CASE("a read-only document shows a banner and refuses changes with a message") {
  auto path = temp_doc("readonly");
  {
    Store s = Store::create(path);
    s.import_document(test::small_document(), "tester");
  }
  UiHarness ui;
  Store ro = Store::open(path, OpenOptions{true, 1000});
  ui.shell.state.adopt(std::move(ro));
  ui.frames(3);
  CHECK(ui.state().read_only());
  CHECK(app::window_title(ui.shell).find("read-only") != std::string::npos);
  ui.click("entries/row/famine");
  ui.key(test::kDelete);
  CHECK(ui.store().entry("famine").has_value());
  CHECK_FALSE(ui.state().errors().empty());
  std::filesystem::remove(path);
}

TEST_CASE("a file that cannot be opened gives a message and the editor stays usable") {
  UiHarness ui;
  ui.open(test::small_document());
  auto bogus = std::filesystem::temp_directory_path() / "uchronia-app-test-not-a-document.uchronia";
  { std::ofstream(bogus) << "this is not sqlite"; }
  CHECK_FALSE(ui.shell.open(bogus));
  ui.frames(2);
  CHECK(ui.state().errors().size() == 1);
  CHECK(ui.state().has_document());
  CHECK(ui.has("error/ok"));
  ui.click("error/ok");
  CHECK(ui.state().errors().empty());
  std::filesystem::remove(bogus);
}

TEST_CASE("a change made by another program is noticed and shown") {
  auto path = temp_doc("external");
  {
    Store s = Store::create(path);
    s.import_document(test::small_document(), "tester");
  }
  UiHarness ui;
  REQUIRE(ui.shell.open(path));
  ui.frames(2);
  {
    Store other = Store::open(path);
    Entry e = other.entry("famine")->value;
    e.title = "Changed elsewhere";
    other.commit(Edit().put_entry(e), "someone else");
    Entry added;
    added.id = "added-elsewhere";
    added.title = "Added elsewhere";
    added.date = "1930";
    other.commit(Edit().put_entry(added).remove_item("war"), "someone else");
  }
  ui.frames(2);
  CHECK(ui.state().entry("famine")->title == "Changed elsewhere");
  CHECK(ui.state().entry("added-elsewhere"));
  CHECK_FALSE(ui.state().entry("war"));
  CHECK(ui.has("entries/row/added-elsewhere"));
  CHECK_FALSE(ui.has("entries/row/war"));
  std::filesystem::remove(path);
}

TEST_CASE("timeline: wheel zooms, click selects") {
  UiHarness ui;
  ui.open(test::small_document());
  REQUIRE(ui.has("timeline/canvas"));
  auto c = ui.probe("timeline/canvas");
  ui.wheel(c.cx(), c.cy(), 2.0f);
  ui.wheel(c.cx(), c.cy(), -2.0f);
  ui.click_at(c.x0 + 2, c.y0 + 2);   // empty corner: nothing selected, nothing breaks
  CHECK(ui.state().has_document());
}

TEST_CASE("New creates an empty document; Import reads interchange JSON into a new one") {
  UiHarness ui;
  auto fresh = temp_doc("new");
  REQUIRE(ui.state().new_document(fresh));
  ui.frames(2);
  CHECK(ui.state().rows().empty());
  CHECK(ui.state().new_entry_after(""));
  CHECK(ui.state().rows().size() == 1);

  auto json = std::filesystem::temp_directory_path() / "uchronia-app-test-import.json";
  { std::ofstream(json) << write_interchange_json(test::small_document()); }
  auto imported = temp_doc("imported");
  REQUIRE(ui.state().import_to_new_document(json, imported));
  ui.frames(2);
  CHECK(ui.state().rows().size() == 5);
  CHECK(ui.state().path() == imported);
  CHECK_FALSE(ui.state().import_to_new_document(json, imported));   // never overwrites a document
  CHECK(ui.state().errors().size() == 1);
  std::filesystem::remove(fresh);
  std::filesystem::remove(imported);
  std::filesystem::remove(json);
}

TEST_CASE("an edit based on a version changed meanwhile is refused with a message") {
  auto path = temp_doc("conflict");
  {
    Store s = Store::create(path);
    s.import_document(test::small_document(), "tester");
  }
  UiHarness ui;
  REQUIRE(ui.shell.open(path));
  ui.state().select("famine");
  ui.frames(2);
  ui.replace_text("editor/title", "Mine");
  {
    Store other = Store::open(path);
    Entry e = other.entry("famine")->value;
    e.title = "Theirs";
    other.commit(Edit().put_entry(e), "someone else");
  }
  ui.frames(2);             // noticed, but the field being typed in is left alone
  ui.key(test::kEnter);
  CHECK(ui.store().entry("famine")->value.title == "Theirs");
  REQUIRE(ui.state().errors().size() == 1);
  CHECK(ui.state().errors().front().find("changed elsewhere") != std::string::npos);
  CHECK(ui.state().errors().front().find("Your title: Mine") != std::string::npos);
  ui.key(test::kEnter);     // Enter dismisses the message
  CHECK(ui.state().errors().empty());
  std::filesystem::remove(path);
}

TEST_CASE("timeline: clicking an entry selects it; Ctrl+F focuses the filter") {
  UiHarness ui;
  ui.open(test::small_document());
  REQUIRE(ui.has("timeline/item/lenin-dies"));
  ui.click("timeline/item/lenin-dies");
  CHECK(ui.state().selected() == "lenin-dies");
  ui.key('F', true);
  ui.type("robbery");
  ui.frames(2);
  CHECK(ui.has("entries/row/stalin-killed"));
  CHECK_FALSE(ui.has("entries/row/lenin-dies"));
}

TEST_CASE("a deleted entry is listed in History > Deleted and can be restored there") {
  UiHarness ui;
  ui.open(test::small_document());
  REQUIRE(ui.state().delete_item("famine"));
  ui.frames(2);
  ui.click("history/tab/deleted");
  REQUIRE(ui.has("history/deleted/famine"));
  CHECK(ui.probe("history/deleted-label/famine").text == "Famine on the Volga");   // its title, not its id
  ui.click("history/deleted/famine");
  REQUIRE(ui.store().entry("famine").has_value());
  CHECK(ui.store().entry("famine")->value.title == "Famine on the Volga");
  CHECK(ui.state().selected() == "famine");
  ui.click("history/tab/document");   // the log, with Undo/Redo
  ui.frames(2);
  CHECK(ui.state().can_undo());
}

TEST_CASE("an entity's typed date keeps Old Style, read by the same rule as an entry's") {
  UiHarness ui;
  ui.open(test::small_document());
  ui.state().select("joseph-stalin");
  ui.frames(2);
  REQUIRE(ui.has("entity/start"));
  ui.replace_text("entity/start", "6 December 1878 OS");
  ui.key(test::kEnter);
  const Entity stalin = ui.store().entity("joseph-stalin")->value;
  CHECK(stalin.start == "1878-12-06");
  CHECK(stalin.calendar == Calendar::Julian);   // 6 December OS is 18 December in our calendar
  CHECK(parse_edtf(stalin.start, stalin.calendar).lower == parse_edtf("1878-12-18").lower);
}

TEST_CASE("deleting an entry that relations name says so and can take the relations with it, in one revision") {
  UiHarness ui;
  ui.open(test::small_document());   // stalin-killed before lenin-dies
  ui.state().select("lenin-dies");
  ui.frames(2);
  const std::size_t revisions = ui.store().revisions().size();
  ui.state().request_delete("lenin-dies");
  ui.frames(2);
  REQUIRE(ui.has("delete/question"));
  CHECK(ui.probe("delete/question").text == "\"Ленин dies\" is named by 1 relation:");
  CHECK(ui.store().entry("lenin-dies").has_value());   // nothing deleted before the answer
  ui.click("delete/with-relations");
  CHECK_FALSE(ui.store().entry("lenin-dies").has_value());
  CHECK(ui.store().relations().empty());
  CHECK(ui.store().revisions().size() == revisions + 1);
  ui.key('Z', /*ctrl=*/true);   // one undo brings both back
  CHECK(ui.store().entry("lenin-dies").has_value());
  CHECK(ui.store().relations().size() == 1);
}

TEST_CASE("deleting an entry no relation names happens at once; Cancel keeps a named one") {
  UiHarness ui;
  ui.open(test::small_document());
  ui.state().request_delete("famine");
  ui.frames(2);
  CHECK_FALSE(ui.has("delete/question"));
  CHECK_FALSE(ui.store().entry("famine").has_value());
  ui.state().request_delete("stalin-killed");
  ui.frames(2);
  REQUIRE(ui.has("delete/cancel"));
  ui.click("delete/cancel");
  CHECK(ui.store().entry("stalin-killed").has_value());
  CHECK(ui.store().relations().size() == 1);
  CHECK_FALSE(ui.has("delete/question"));
}

TEST_CASE("renaming an entity keeps its links: the old name becomes an alias, and the links can follow") {
  UiHarness ui;
  ui.open(test::small_document());   // two entries link [[Joseph Stalin]]
  ui.state().select("joseph-stalin");
  ui.frames(2);
  const std::size_t revisions = ui.store().revisions().size();
  ui.replace_text("entity/name", "Iosif Stalin");
  ui.key(test::kEnter);
  const Entity renamed = ui.store().entity("joseph-stalin")->value;
  CHECK(renamed.name == "Iosif Stalin");
  CHECK(std::find(renamed.aliases.begin(), renamed.aliases.end(), "Joseph Stalin") != renamed.aliases.end());
  CHECK(ui.store().revisions().size() == revisions + 1);
  CHECK(ui.store().linked_from("joseph-stalin").size() == 2);   // nothing dangles
  ui.frames(2);
  REQUIRE(ui.has("rewrite/question"));
  CHECK(ui.probe("rewrite/question").text.starts_with("2 items link to \"Joseph Stalin\""));
  ui.click("rewrite/yes");
  CHECK(ui.store().entry("stalin-killed")->value.body == "Communist militant [[Iosif Stalin]] is killed during a bank robbery.");
  CHECK(ui.store().entry("lenin-dies")->value.body == "Without [[Iosif Stalin]], the succession is open.");
  CHECK(ui.store().revisions().size() == revisions + 2);
  ui.frames(2);
  ui.key('Z', /*ctrl=*/true);   // undo takes back the rewrite, not the rename
  CHECK(ui.store().entry("lenin-dies")->value.body == "Without [[Joseph Stalin]], the succession is open.");
  CHECK(ui.store().entity("joseph-stalin")->value.name == "Iosif Stalin");
}

TEST_CASE("Ctrl+S in a text field commits what it holds and says saved") {
  UiHarness ui;
  ui.open(test::small_document());
  ui.state().select("famine");
  ui.frames(2);
  ui.replace_text("editor/title", "Hunger on the Volga");
  CHECK(ui.store().entry("famine")->value.title == "Famine on the Volga");   // still being typed
  ui.key('S', /*ctrl=*/true);
  CHECK(ui.store().entry("famine")->value.title == "Hunger on the Volga");
  CHECK(ui.state().status().starts_with("Saved"));
}

TEST_CASE("the document's own title and description are edited in the Document window, one revision each") {
  UiHarness ui;
  ui.open(test::small_document());
  app::find_panel(ui.shell.panels, app::kDocumentTitle)->open = true;
  ui.frames(3);
  REQUIRE(ui.has("document/title"));
  const std::size_t revisions = ui.store().revisions().size();
  ui.replace_text("document/title", "The All-Soviets Union");
  ui.key(test::kEnter);
  CHECK(ui.store().title() == "The All-Soviets Union");
  CHECK(ui.state().document().title == "The All-Soviets Union");
  CHECK(ui.store().revisions().size() == revisions + 1);
  ui.click("document/description");
  ui.type("A history that forked in 1907.");
  ui.click("document/title");   // leaving the field commits it
  CHECK(ui.store().description() == "A history that forked in 1907.");
  CHECK(ui.store().revisions().size() == revisions + 2);
  ui.key(test::kEscape);   // out of the field: Ctrl+Z undoes the document
  ui.key('Z', /*ctrl=*/true);
  CHECK(ui.store().description().empty());
  CHECK(ui.store().title() == "The All-Soviets Union");
}

TEST_CASE("Enter in the relation field takes the first suggestion and adds the relation") {
  UiHarness ui;
  ui.open(test::small_document());
  ui.state().select("stalin-killed");
  ui.frames(2);
  const auto before = ui.store().relations().size();
  ui.click("relations/target");
  ui.type("Great");
  REQUIRE(ui.has("relations/match/0"));
  ui.key(test::kEnter);
  const auto relations = ui.store().relations();
  REQUIRE(relations.size() == before + 1);
  CHECK(std::any_of(relations.begin(), relations.end(),
                    [](const Relation& r) { return r.from == "stalin-killed" && r.to == "war"; }));
}

TEST_CASE("Ctrl+= and Ctrl+- change the text size, Ctrl+0 resets it, from a text field too") {
  UiHarness ui;
  ui.open(test::small_document());
  ui.state().select("famine");
  ui.frames(2);
  ui.click("editor/title");
  ui.key('=', /*ctrl=*/true);
  CHECK(ui.shell.text_zoom == doctest::Approx(1.1f));
  CHECK(ui.shell.text_zoom_changed);   // the app rebuilds the fonts and sizes between frames
  ui.key('-', /*ctrl=*/true);
  ui.key('-', /*ctrl=*/true);
  CHECK(ui.shell.text_zoom == doctest::Approx(1.0f / 1.1f));
  ui.key('0', /*ctrl=*/true);
  CHECK(ui.shell.text_zoom == 1.0f);
  CHECK(ui.store().entry("famine")->value.title == "Famine on the Volga");   // no key reached the field
}

TEST_CASE("the entry shows the age of each person it mentions at its date") {
  Document doc = test::small_document();
  doc.entities.front().start = "1878-12-18";   // Joseph Stalin
  UiHarness ui;
  ui.open(doc);
  ui.state().select("lenin-dies");   // 21 January 1924, mentions [[Joseph Stalin]]
  ui.frames(3);
  REQUIRE(ui.has("editor/ages"));
  CHECK(ui.probe("editor/ages").text == "Joseph Stalin, 45");
}

TEST_CASE("a committed date shows in words, with its EDTF beside it, never only the EDTF") {
  UiHarness ui;
  ui.open(test::small_document());
  ui.state().select("famine");   // stored 1921~
  ui.frames(2);
  CHECK(ui.probe("editor/date-text").text == "c. 1921");
  CHECK(ui.probe("editor/date-feedback").text.find("1921~") != std::string::npos);
  ui.replace_text("editor/date", "summer 1907");
  ui.key(test::kEnter);
  ui.frames(2);
  CHECK(ui.store().entry("famine")->value.date == "1907-22");
  CHECK(ui.probe("editor/date-text").text == "summer 1907");
  CHECK(ui.probe("editor/date-feedback").text.find("1907-22") != std::string::npos);
  // Leaving the words alone and committing another field keeps the date exactly as stored.
  const std::size_t revisions = ui.store().revisions().size();
  ui.replace_text("editor/title", "Famine, renamed");
  ui.key(test::kEnter);
  CHECK(ui.store().revisions().size() == revisions + 1);
  CHECK(ui.store().entry("famine")->value.date == "1907-22");
  CHECK(ui.store().entry("famine")->value.calendar == Calendar::Gregorian);
}

TEST_CASE("an entity takes a typed Old Style date exactly as an entry does, and shows it in words") {
  UiHarness ui;
  ui.open(test::small_document());
  ui.state().select("famine");
  ui.frames(2);
  ui.replace_text("editor/date", "27 September 1888 OS");
  ui.key(test::kEnter);
  const Entry entry = ui.store().entry("famine")->value;
  REQUIRE(entry.calendar == Calendar::Julian);
  ui.state().select("joseph-stalin");
  ui.frames(2);
  ui.replace_text("entity/start", "27 September 1888 OS");
  ui.key(test::kEnter);
  ui.frames(2);
  const Entity stalin = ui.store().entity("joseph-stalin")->value;
  CHECK(stalin.start == entry.date);
  CHECK(stalin.calendar == entry.calendar);
  CHECK(parse_edtf(stalin.start, stalin.calendar).lower == parse_edtf("1888-10-09").lower);
  const std::string shown = ui.probe("entity/start-text").text;
  CHECK(shown.find("September") != std::string::npos);
  CHECK(shown != stalin.start);
  CHECK(read_typed_date(shown, stalin.calendar).stored == stalin.start);
  CHECK(ui.probe("entity/start-hint").text.find(stalin.start) != std::string::npos);   // the EDTF beside it
}

TEST_CASE("File > Import takes a plain draft as the CLI does: entries, the otl note, the summary in the status") {
  UiHarness ui;
  auto draft = std::filesystem::temp_directory_path() / "uchronia-app-test-draft.txt";
  {
    std::ofstream(draft) << "Red Spring\n\nThe congress opens in Moscow. Delegates arrive late.\n\n1920\n\n"
                            "The army crosses the river at dawn.\n\nNote: in our timeline the army stopped.\n";
  }
  auto imported = temp_doc("draft");
  std::filesystem::remove(imported);
  CHECK_FALSE(app::find_panel(ui.shell.panels, app::kUndatedTitle)->open);
  REQUIRE(ui.shell.import(draft, imported));
  ui.frames(2);
  REQUIRE(ui.state().rows().size() == 2);
  CHECK(ui.state().document().title == "Red Spring");
  // its undated entries wait in the tray, docked beside the timeline
  CHECK(app::find_panel(ui.shell.panels, app::kUndatedTitle)->open);
  CHECK(ui.probe("undated/count").text == "1 undated");
  CHECK(ui.shell.computed_layout.of(app::Slot::Undated).x >
        ui.shell.computed_layout.of(app::Slot::Timeline).right());
  CHECK(ui.state().status().find("2 entries") != std::string::npos);
  CHECK(ui.state().status().find("1 note on our timeline") != std::string::npos);
  bool otl_kept = false;
  for (const auto& row : ui.state().rows())
    if (const auto* e = ui.state().entry(row.id)) otl_kept |= e->otl.find("stopped") != std::string::npos;
  CHECK(otl_kept);
  std::filesystem::remove(imported);
  std::filesystem::remove(draft);
}
