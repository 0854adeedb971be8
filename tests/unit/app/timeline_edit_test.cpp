// Editing on the timeline canvas (issue 16): drag an entry or an interval's end to re-date it (one
// revision, one undo; Esc cancels), Ctrl+drag to add a relation, double-click to add an entry, arrows
// (violated ones in the error colour), the entries filter followed, the legend.
#include <doctest/doctest.h>
#include <imgui.h>

#include <algorithm>
#include <cmath>

#include "ui_harness.hpp"
#include "uchronia/date.hpp"
#include "uchronia/date_move.hpp"

using namespace uch;
using test::UiHarness;

namespace {

/// Presses at `from`, moves to `to` in steps and releases; with `escape`, Esc is pressed before the release.
void drag(UiHarness& ui, ImVec2 from, ImVec2 to, bool ctrl = false, bool escape = false) {
  ImGuiIO& io = ImGui::GetIO();
  ui.move_to(from.x, from.y);
  io.KeyCtrl = ctrl;
  io.MouseDown[0] = true;
  ui.frame();
  for (int step = 1; step <= 8; ++step)
    ui.move_to(from.x + (to.x - from.x) * step / 8.0f, from.y + (to.y - from.y) * step / 8.0f);
  if (escape) {
    io.KeysDown[test::kEscape] = true;
    ui.frame();
    io.KeysDown[test::kEscape] = false;
    ui.frame();
  }
  io.MouseDown[0] = false;
  ui.frame();
  io.KeyCtrl = false;
  ui.frames(2);
}

/// Pixels per day on the canvas, measured from the Great War's two ends (1914-07-28 .. 1918-11-11).
float pixels_per_day(UiHarness& ui) {
  const float a = ui.probe("timeline/start/war").cx(), b = ui.probe("timeline/end/war").cx();
  return (b - a) / static_cast<float>(days_from_civil(1918, 11, 12) - days_from_civil(1914, 7, 28));
}

DayNumber lower_of(const std::string& edtf, Calendar cal = Calendar::Gregorian) { return parse_edtf(edtf, cal).lower; }

Document with_entry(Document doc, std::string id, std::string date, std::string title, Calendar cal = Calendar::Gregorian) {
  Entry e;
  e.id = std::move(id);
  e.date = std::move(date);
  e.title = std::move(title);
  e.calendar = cal;
  doc.entries.push_back(e);
  return doc;
}

}  // namespace

TEST_CASE("dragging an entry re-dates it at its own precision: one revision, one undo") {
  UiHarness ui;
  ui.open(test::small_document());
  REQUIRE(ui.has("timeline/item/famine"));
  const float ppd = pixels_per_day(ui);
  const std::size_t before = ui.store().revisions().size();
  const app::ProbeRect famine = ui.probe("timeline/item/famine");   // "1921~": a year, approximate
  const ImVec2 from(famine.x0 + 4, famine.cy());
  drag(ui, from, ImVec2(from.x + ppd * 731, from.y));   // two years later
  CHECK(ui.store().entry("famine")->value.date == "1923~");
  CHECK(ui.store().revisions().size() == before + 1);
  ui.key('Z', true);
  CHECK(ui.store().entry("famine")->value.date == "1921~");
  CHECK(ui.store().revisions().size() >= before + 1);

  // a day stays a day, moved by the days the pointer travelled
  const app::ProbeRect lenin = ui.probe("timeline/item/lenin-dies");
  drag(ui, ImVec2(lenin.x0 + 4, lenin.cy()), ImVec2(lenin.x0 + 4 - ppd * 400, lenin.cy()));
  const std::string moved = ui.store().entry("lenin-dies")->value.date;
  CHECK(moved.size() == 10);   // YYYY-MM-DD
  const double travelled = static_cast<double>(lower_of(moved) - lower_of("1924-01-21"));
  CHECK(std::fabs(travelled + 400) <= 2.0 / ppd + 1);
}

TEST_CASE("while an entry is dragged its new date shows in words; Esc cancels and nothing changes") {
  UiHarness ui;
  ui.open(test::small_document());
  const float ppd = pixels_per_day(ui);
  const std::size_t before = ui.store().revisions().size();
  const app::ProbeRect famine = ui.probe("timeline/item/famine");
  ImGuiIO& io = ImGui::GetIO();
  ui.move_to(famine.x0 + 4, famine.cy());
  io.MouseDown[0] = true;
  ui.frame();
  for (int step = 1; step <= 6; ++step) ui.move_to(famine.x0 + 4 + ppd * 365 * step / 6.0f, famine.cy());
  REQUIRE(ui.has("timeline/drag-date"));
  CHECK(ui.probe("timeline/drag-date").text == "c. 1922");   // date_in_words, never "1922~"
  io.KeysDown[test::kEscape] = true;
  ui.frame();
  io.KeysDown[test::kEscape] = false;
  ui.frame();
  CHECK_FALSE(ui.has("timeline/drag-date"));
  io.MouseDown[0] = false;
  ui.frames(3);
  CHECK(ui.store().entry("famine")->value.date == "1921~");
  CHECK(ui.store().revisions().size() == before);
}

TEST_CASE("dragging an interval's end changes that end only, at its precision; undo brings it back") {
  UiHarness ui;
  ui.open(test::small_document());
  const float ppd = pixels_per_day(ui);
  const app::ProbeRect end = ui.probe("timeline/end/war");
  drag(ui, ImVec2(end.cx(), end.cy()), ImVec2(end.cx() + ppd * 365, end.cy()));
  const std::string date = ui.store().entry("war")->value.date;
  REQUIRE(date.rfind("1914-07-28/", 0) == 0);   // the start is untouched
  const std::string new_end = date.substr(11);
  CHECK(new_end.size() == 10);
  const double travelled = static_cast<double>(lower_of(new_end) - lower_of("1918-11-12"));
  CHECK(std::fabs(travelled - 365) <= 2.0 / ppd + 1);

  const app::ProbeRect start = ui.probe("timeline/start/war");
  drag(ui, ImVec2(start.cx(), start.cy()), ImVec2(start.cx() - ppd * 200, start.cy()));
  const std::string both = ui.store().entry("war")->value.date;
  CHECK(both.substr(11) == new_end);            // the end stays where it was put
  CHECK(lower_of(both.substr(0, 10)) < lower_of("1914-07-28"));
  ui.key('Z', true);
  CHECK(ui.store().entry("war")->value.date == date);
  ui.key('Z', true);
  CHECK(ui.store().entry("war")->value.date == "1914-07-28/1918-11-11");
}

TEST_CASE("an Old Style entry dragged stays Old Style, written in the Julian reckoning") {
  UiHarness ui;
  ui.open(with_entry(test::small_document(), "revolution", "1917-10-25", "October Revolution", Calendar::Julian));
  const float ppd = pixels_per_day(ui);
  REQUIRE(ui.has("timeline/item/revolution"));
  const app::ProbeRect r = ui.probe("timeline/item/revolution");
  drag(ui, ImVec2(r.x0 + 4, r.cy()), ImVec2(r.x0 + 4 + ppd * 100, r.cy()));
  const Entry e = ui.store().entry("revolution")->value;
  CHECK(e.calendar == Calendar::Julian);
  const double travelled = static_cast<double>(lower_of(e.date, Calendar::Julian) - lower_of("1917-10-25", Calendar::Julian));
  CHECK(std::fabs(travelled - 100) <= 2.0 / ppd + 1);
  // what is stored is the Julian day: the same text read as Gregorian lies 13 days earlier
  CHECK(lower_of(e.date) == lower_of(e.date, Calendar::Julian) - 13);
}

TEST_CASE("Ctrl+drag from one entry to another adds a relation of the chosen kind, in one revision") {
  UiHarness ui;
  ui.open(test::small_document());
  const std::size_t before = ui.store().revisions().size();
  const app::ProbeRect famine = ui.probe("timeline/item/famine"), lenin = ui.probe("timeline/item/lenin-dies");
  drag(ui, ImVec2(famine.x0 + 4, famine.cy()), ImVec2(lenin.x0 + 4, lenin.cy()), /*ctrl=*/true);
  CHECK(ui.store().entry("famine")->value.date == "1921~");   // not moved
  REQUIRE(ui.has("timeline/relation-kind/causes"));
  ui.click("timeline/relation-kind/causes");
  const auto relations = ui.store().relations();
  CHECK(std::count_if(relations.begin(), relations.end(), [](const Relation& r) {
          return r.from == "famine" && r.type == RelationType::Causes && r.to == "lenin-dies";
        }) == 1);
  CHECK(ui.store().revisions().size() == before + 1);
  ui.frames(2);
  REQUIRE(ui.has("timeline/arrow/famine/causes/lenin-dies"));
  CHECK(ui.probe("timeline/arrow/famine/causes/lenin-dies").text == "ok");
}

TEST_CASE("relations are drawn as arrows; a violated one is marked so") {
  UiHarness ui;
  Document doc = test::small_document();
  Relation wrong;
  wrong.from = "lenin-dies";
  wrong.type = RelationType::Before;
  wrong.to = "famine";   // 1924 is not before 1921: relation.violated
  doc.relations.push_back(wrong);
  ui.open(doc);
  ui.frames(3);
  REQUIRE(ui.has("timeline/arrow/stalin-killed/before/lenin-dies"));
  CHECK(ui.probe("timeline/arrow/stalin-killed/before/lenin-dies").text == "ok");
  REQUIRE(ui.has("timeline/arrow/lenin-dies/before/famine"));
  CHECK(ui.probe("timeline/arrow/lenin-dies/before/famine").text == "violated");
  // hovering an arrow says what it is, and for a violated one why (the checker's message)
  const app::ProbeRect arrow = ui.probe("timeline/arrow/lenin-dies/before/famine");
  ui.move_to(arrow.cx(), arrow.cy());
  ui.frame();
  REQUIRE(ui.has("timeline/arrow-tip"));
  const std::string tip = ui.probe("timeline/arrow-tip").text;
  CHECK(tip.find("Ленин dies before Famine on the Volga") == 0);
  CHECK(tip.find("(lenin-dies before famine)") != std::string::npos);
}

TEST_CASE("double-click on empty canvas adds an entry there, selected, its title field focused") {
  UiHarness ui;
  ui.open(test::small_document());
  const std::size_t rows = ui.state().rows().size();
  const app::ProbeRect c = ui.probe("timeline/canvas");
  const float x = c.x0 + (c.x1 - c.x0) * 0.55f, y = c.y1 - 4;
  ui.click_at(x, y);
  ui.click_at(x, y);
  REQUIRE(ui.state().rows().size() == rows + 1);
  const std::string id = ui.state().selected();
  REQUIRE(ui.store().entry(id).has_value());
  const std::string date = ui.store().entry(id)->value.date;
  REQUIRE(date.size() == 4);   // the whole history in view: a year
  CHECK(std::stoi(date) > 1907);
  CHECK(std::stoi(date) < 1924);
  ui.frames(2);
  ui.type("Coronation");
  ui.key(test::kEnter);
  CHECK(ui.store().entry(id)->value.title.find("Coronation") != std::string::npos);
}

TEST_CASE("the timeline follows the entries filter: what it leaves out is dimmed, or hidden") {
  UiHarness ui;
  ui.open(test::small_document());
  CHECK_FALSE(ui.has("timeline/dimmed/war"));
  ui.replace_text("entries/filter", "tag:russia");
  ui.frames(3);
  CHECK(ui.has("timeline/dimmed/war"));
  CHECK(ui.has("timeline/dimmed/stalin-killed"));
  CHECK_FALSE(ui.has("timeline/dimmed/famine"));
  CHECK_FALSE(ui.has("timeline/dimmed/lenin-dies"));
  REQUIRE(ui.has("timeline/hide-filtered"));
  ui.click("timeline/hide-filtered");
  ui.frames(2);
  CHECK_FALSE(ui.has("timeline/item/war"));
  CHECK(ui.has("timeline/item/famine"));
  ui.replace_text("entries/filter", "");   // all of it selected: Backspace empties it
  ui.key(test::kBackspace);
  ui.frames(3);
  CHECK(ui.has("timeline/item/war"));
  CHECK_FALSE(ui.has("timeline/dimmed/war"));
}

TEST_CASE("the Legend explains every mark of the timeline") {
  UiHarness ui;
  ui.open(test::small_document());
  CHECK_FALSE(ui.has("window/Legend"));
  ui.click("timeline/legend");
  ui.frames(2);
  REQUIRE(ui.has("window/Legend"));
  for (const char* mark : {"point", "interval", "fuzzy-ends", "approximate", "uncertain", "open-ended", "old-style",
                           "error-badge", "divergence", "filtered", "relation-causes", "relation-violated"})
    CHECK_MESSAGE(ui.has(std::string("legend/") + mark), mark);
}
