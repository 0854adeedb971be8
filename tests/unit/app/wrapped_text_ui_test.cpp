// Headless UI tests of the wrapped text fields and the body's reading view, driven through ImGuiIO.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "panels/panels.hpp"
#include "ui_harness.hpp"

using namespace uch;
using uch::test::UiHarness;

namespace {

const std::string kParagraph =
    "On the twenty-sixth of June 1907, in Erivan Square in Tiflis, a band of revolutionaries attacked a stagecoach "
    "carrying money to the State Bank; in this history the young Koba is shot dead by a Cossack before the smoke "
    "clears, and the party he would have shaped grows up without him, argued over by men who never learn his name "
    "and never fear it, until the succession of 1924 is settled by votes and not by lists.";

/// The displayed lines a field probed as `key` shows this frame.
std::vector<app::ProbeRect> lines_of(UiHarness& ui, const std::string& key) {
  std::vector<app::ProbeRect> out;
  for (int i = 0; ui.has(key + "/line/" + std::to_string(i)); ++i) out.push_back(ui.probe(key + "/line/" + std::to_string(i)));
  return out;
}

/// Index of the displayed line the cursor of field `key` is on.
int cursor_line(UiHarness& ui, const std::string& key) {
  const app::ProbeRect c = ui.probe(key + "/cursor");
  const auto lines = lines_of(ui, key);
  for (std::size_t i = 0; i < lines.size(); ++i)
    if (c.cy() >= lines[i].y0 && c.cy() < lines[i].y1) return static_cast<int>(i);
  return -1;
}

/// Selects entry `id` and starts editing its body, as the writer would: a click on the read body.
void edit_body(UiHarness& ui, const char* id) {
  ui.state().select(id);
  ui.frames(2);
  ui.click("editor/body");
  REQUIRE(ui.has("editor/body/cursor"));
}

}  // namespace

TEST_CASE("a long paragraph typed in the body wraps at the field's width, with no sideways scrolling") {
  UiHarness ui;
  ui.open(test::small_document());
  edit_body(ui, "war");
  ui.type(kParagraph);
  ui.frame();   // the field is sized as a frame begins: it shows the new height on the next one
  const auto field = ui.probe("editor/body");
  const auto lines = lines_of(ui, "editor/body");
  REQUIRE(lines.size() >= 4);
  std::string joined;
  for (const auto& l : lines) {
    CHECK(l.x1 <= field.x1);                  // every line fits the field
    CHECK(l.x0 == doctest::Approx(lines[0].x0));
    joined += l.text;
  }
  CHECK(joined == kParagraph);                 // the lines are the paragraph, broken, nothing lost
  CHECK(lines[0].text.back() == ' ');          // broken between words
  CHECK(field.y1 - field.y0 >= (lines.back().y1 - lines.front().y0));   // the field grew to show them all
}

TEST_CASE("Up, Down, Home and End move by displayed line") {
  UiHarness ui;
  ui.open(test::small_document());
  edit_body(ui, "war");
  ui.type(kParagraph);
  const int last = cursor_line(ui, "editor/body");
  REQUIRE(last >= 3);
  ui.key(test::kUp);
  CHECK(cursor_line(ui, "editor/body") == last - 1);   // a displayed line, not the (single) text line
  ui.key(test::kHome);
  const auto line = ui.probe("editor/body/line/" + std::to_string(last - 1));
  CHECK(ui.probe("editor/body/cursor").x0 == doctest::Approx(line.x0));
  CHECK(cursor_line(ui, "editor/body") == last - 1);
  ui.key(test::kEnd);
  CHECK(cursor_line(ui, "editor/body") == last - 1);
  CHECK(ui.probe("editor/body/cursor").x0 > line.x0 + (line.x1 - line.x0) * 0.8f);
  ui.key(test::kDown);
  CHECK(cursor_line(ui, "editor/body") == last);
}

TEST_CASE("Shift+Ctrl+Left selects a word, Ctrl+C copies it, Ctrl+V pastes it elsewhere in the field") {
  UiHarness ui;
  ui.open(test::small_document());
  edit_body(ui, "war");
  ui.type("The Great War ends in 1918");
  ui.key(test::kLeft, /*ctrl=*/true, /*shift=*/true);
  ui.key('C', /*ctrl=*/true);
  CHECK(std::string(ImGui::GetClipboardText()) == "1918");
  ui.key(test::kHome, /*ctrl=*/true);
  ui.key('V', /*ctrl=*/true);
  ui.type(": ");
  ui.key(test::kEnd, /*ctrl=*/true);
  ui.key(test::kLeft, true, true);
  ui.key('X', /*ctrl=*/true);   // cut
  ui.type("November 1918");
  ui.click("editor/title");   // leaving the field commits it
  CHECK(ui.store().entry("war")->value.body == "1918: The Great War ends in November 1918");
}

TEST_CASE("Ctrl+Z inside the body undoes the typing there; out of the field it undoes the document") {
  UiHarness ui;
  ui.open(test::small_document());
  const std::size_t before = ui.store().revisions().size();
  edit_body(ui, "war");
  ui.type("Four years");
  ui.type(" of war");
  ui.key('Z', /*ctrl=*/true);
  CHECK(ui.store().revisions().size() == before);   // the document was not undone
  ui.key('Z', /*ctrl=*/true, /*shift=*/true);       // redo inside the field
  ui.key('Z', /*ctrl=*/true);
  ui.click("editor/title");
  CHECK(ui.store().entry("war")->value.body == "Four years");
  CHECK(ui.store().revisions().size() == before + 1);
  ui.key(test::kEscape);
  ui.key('Z', /*ctrl=*/true);   // no field has the keyboard: the document's undo
  CHECK(ui.store().entry("war")->value.body.empty());
}

TEST_CASE("[[ completion works inside a wrapped body, on a later displayed line") {
  UiHarness ui;
  ui.open(test::small_document());
  edit_body(ui, "war");
  ui.type(kParagraph + " Then [[Kob");
  REQUIRE(lines_of(ui, "editor/body").size() >= 4);
  REQUIRE(ui.has("completion/0"));
  ui.key(test::kTab);
  ui.click("editor/title");
  CHECK(ui.store().entry("war")->value.body == kParagraph + " Then [[Koba]]");
}

TEST_CASE("Ctrl+S in the body commits it and says saved") {
  UiHarness ui;
  ui.open(test::small_document());
  edit_body(ui, "war");
  ui.type("Verdun");
  ui.key('S', /*ctrl=*/true);
  CHECK(ui.store().entry("war")->value.body == "Verdun");
  CHECK(ui.state().status().starts_with("Saved"));
}

TEST_CASE("the body reads rendered: a click on a link selects what it names, a dangling link says so") {
  Document doc = test::small_document();
  for (Entry& e : doc.entries)
    if (e.id == "lenin-dies") e.body = "Without [[Joseph Stalin|Koba]], the *succession* is open; [[Nobody Known]] waits.\n\n" + kParagraph;
  UiHarness ui;
  ui.open(doc);
  ui.state().select("lenin-dies");
  ui.frames(3);
  REQUIRE(ui.has("editor/body/read/link/0"));
  CHECK_FALSE(ui.has("editor/body/cursor"));   // read, not edited
  CHECK(ui.probe("editor/body/read/link/0").text == "Koba");
  CHECK(ui.probe("editor/body/read/link/1").text == "dangling: Nobody Known");
  CHECK(ui.probe("editor/body/read/line/0").text.find("[[") == std::string::npos);
  CHECK(lines_of(ui, "editor/body/read").size() >= 5);   // the paragraph wraps when read too
  ui.move_to(ui.probe("editor/body/read/link/0").cx(), ui.probe("editor/body/read/link/0").cy());
  ui.frame();   // tooltips show from the frame after the hover
  REQUIRE(ui.has("editor/body/read/card"));
  const std::string card = ui.probe("editor/body/read/card").text;   // who, when
  CHECK(card.find("Joseph Stalin") != std::string::npos);
  CHECK(card.find("1878") != std::string::npos);
  CHECK(card.find("1907") != std::string::npos);
  ui.move_to(ui.probe("editor/body/read/link/1").cx(), ui.probe("editor/body/read/link/1").cy());
  ui.frame();
  CHECK(ui.probe("editor/body/read/card").text.starts_with("Dangling link"));
  ui.click_at(ui.probe("editor/body/read/link/0").cx(), ui.probe("editor/body/read/link/0").cy());
  CHECK(ui.state().selected() == "joseph-stalin");
}

TEST_CASE("a click beside the links, or F2, turns the read body into the field") {
  UiHarness ui;
  ui.open(test::small_document());
  ui.state().select("lenin-dies");
  ui.frames(3);
  REQUIRE(ui.has("editor/body/read/line/0"));
  const auto line = ui.probe("editor/body/read/line/0");
  ui.click_at(line.x0 + 3, line.cy());   // "Without": not a link; the cursor goes where it was clicked
  REQUIRE(ui.has("editor/body/cursor"));
  CHECK(ui.probe("editor/body/cursor").text == "0");
  ui.type("Truly. ");
  ui.click("editor/title");
  CHECK(ui.store().entry("lenin-dies")->value.body == "Truly. Without [[Joseph Stalin]], the succession is open.");
  ui.frames(2);
  CHECK_FALSE(ui.has("editor/body/cursor"));   // read again
  ui.key(test::kEscape);
  ui.key(291);   // F2: the cursor at the end
  REQUIRE(ui.has("editor/body/cursor"));
  ui.type("!");
  ui.click("editor/title");
  CHECK(ui.store().entry("lenin-dies")->value.body == "Truly. Without [[Joseph Stalin]], the succession is open.!");
}

TEST_CASE("a click on a word of the read body starts writing at that word") {
  Document doc = test::small_document();
  const std::string body = "Without [[Joseph Stalin|Koba]], the *succession* is open.\n\nThe second paragraph waits here.";
  for (Entry& e : doc.entries)
    if (e.id == "lenin-dies") e.body = body;
  UiHarness ui;
  ui.open(doc);
  ui.state().select("lenin-dies");
  ui.frames(3);
  for (const std::string word : {"succession", "paragraph"}) {
    CAPTURE(word);
    app::ProbeRect line{};
    std::string text;
    for (int i = 0; ui.has("editor/body/read/line/" + std::to_string(i)); ++i) {
      line = ui.probe("editor/body/read/line/" + std::to_string(i));
      if (line.text.find(word) != std::string::npos) break;
    }
    const std::size_t at = line.text.find(word);
    REQUIRE(at != std::string::npos);
    const float x = line.x0 + ImGui::CalcTextSize(line.text.substr(0, at).c_str()).x + 2;   // in its first letter
    ui.click_at(x, line.cy());
    REQUIRE(ui.has("editor/body/cursor"));
    CHECK(ui.probe("editor/body/cursor").text == std::to_string(body.find(word)));
    ui.key(test::kEscape);   // back to reading, nothing changed
    ui.frames(2);
    CHECK(ui.store().entry("lenin-dies")->value.body == body);
  }
}

TEST_CASE("the export preview wraps and stays read-only") {
  Document doc = test::small_document();
  doc.entries.front().body = kParagraph;
  UiHarness ui;
  ui.open(doc);
  app::find_panel(ui.shell.panels, app::kExportTitle)->open = true;
  ui.state().requests.open_export = true;
  ui.frames(3);
  REQUIRE(ui.has("export/preview"));
  ui.click("export/preview");
  ui.type("typed");
  const auto field = ui.probe("export/preview");
  bool paragraph_wrapped = false;
  for (const auto& l : lines_of(ui, "export/preview")) {
    CHECK(l.x1 <= field.x1);
    CHECK(l.text.find("typed") == std::string::npos);
    if (l.text.starts_with("Communist militant") || l.text.starts_with("On the twenty-sixth")) paragraph_wrapped = l.text.size() < kParagraph.size();
  }
  CHECK(paragraph_wrapped);
}

TEST_CASE("dragging the mouse over the body selects what it passes; a double-click takes a word") {
  UiHarness ui;
  ui.open(test::small_document());
  edit_body(ui, "war");
  ui.type("Armistice at Compiegne");
  ui.frame();
  const auto line = ui.probe("editor/body/line/0");
  ImGuiIO& io = ImGui::GetIO();
  ui.move_to(line.x0 + 1, line.cy());
  io.MouseDown[0] = true;
  ui.frame();
  ui.move_to(line.x0 + (line.x1 - line.x0) * 0.5f, line.cy());
  ui.move_to(line.x1 + 20, line.cy());   // past the end of the line: to its end
  io.MouseDown[0] = false;
  ui.frames(2);
  ui.key('C', /*ctrl=*/true);
  CHECK(std::string(ImGui::GetClipboardText()) == "Armistice at Compiegne");
  ui.frames(30);   // apart from the first click, so the next two make a double-click
  const float x = line.x0 + (line.x1 - line.x0) * 0.5f;   // inside "at" or "Compiegne"
  ui.click_at(x, line.cy());
  io.MouseDown[0] = true;
  ui.frame();
  io.MouseDown[0] = false;
  ui.frames(2);
  ui.key('C', /*ctrl=*/true);
  const std::string word = ImGui::GetClipboardText();
  CHECK((word == "at" || word == "Compiegne"));
}

TEST_CASE("UTF-8 typed in the body: Backspace and arrows take whole characters") {
  UiHarness ui;
  ui.open(test::small_document());
  edit_body(ui, "war");
  ui.type("Ленин № 1 €");
  ui.key(test::kBackspace);
  ui.key(test::kLeft);
  ui.key(test::kLeft);
  ui.key(test::kLeft);
  ui.key(test::kBackspace);   // the "№"
  ui.type("ж");
  ui.click("editor/title");
  CHECK(ui.store().entry("war")->value.body == "Ленин ж 1 ");
}

TEST_CASE("Tab goes from the body to the OTL note, then the notes, then the series, committing each") {
  UiHarness ui;
  ui.open(test::small_document());
  edit_body(ui, "war");
  ui.type("Four years");
  ui.key(test::kTab);
  CHECK_FALSE(ui.has("editor/body/cursor"));   // the body reads again
  CHECK(ui.store().entry("war")->value.body == "Four years");
  ui.type("In our timeline too");
  ui.key(test::kTab);
  ui.type("Check the dates");
  ui.key(test::kTab);
  ui.type("Great War");   // into the series name, not the notes
  ui.click("editor/title");
  const Entry war = ui.store().entry("war")->value;
  CHECK(war.otl == "In our timeline too");
  CHECK(war.notes == "Check the dates");
}

TEST_CASE("Escape leaves the body as it was when it took the keyboard; Delete there erases a character, not the entry") {
  UiHarness ui;
  ui.open(test::small_document());
  edit_body(ui, "war");
  ui.type("Verdun");
  ui.key(test::kEscape);
  ui.frames(2);
  CHECK_FALSE(ui.has("editor/body/cursor"));
  CHECK(ui.store().entry("war")->value.body.empty());
  ui.click("editor/body");
  REQUIRE(ui.has("editor/body/cursor"));
  ui.type("Somme");
  ui.key(test::kHome);
  ui.key(test::kDelete);
  CHECK_FALSE(ui.has("delete/question"));
  ui.click("editor/title");
  CHECK(ui.store().entry("war")->value.body == "omme");
}

TEST_CASE("another widget taking the keyboard without a click (the title, focused from the table) commits the body") {
  UiHarness ui;
  ui.open(test::small_document());
  edit_body(ui, "war");
  ui.type("Verdun");
  ui.state().requests.focus_editor = true;   // as Enter in the entries table does
  ui.frames(3);
  CHECK_FALSE(ui.has("editor/body/cursor"));
  CHECK(ui.store().entry("war")->value.body == "Verdun");
  ui.type("The ");   // into the title now, not the body
  ui.key(test::kEnter);
  CHECK(ui.store().entry("war")->value.body == "Verdun");
}
