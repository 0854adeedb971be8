// The Undated window: undated entries in draft order between their draft neighbours, each dated by
// typing (one revision, through the core's typed-date reading; text that is no date is refused).
#include <doctest/doctest.h>

#include <string>

#include "ui_harness.hpp"
#include "panels/panels.hpp"
#include "uchronia/draft_order.hpp"

using namespace uch;

namespace {

/// The small document as imported from a draft: stalin-killed, draft, lenin-dies, in that order,
/// and a second undated entry that was not in the draft.
Document drafted_document() {
  Document doc = test::small_document();
  for (Entry& e : doc.entries) {
    if (e.id == "stalin-killed") set_draft_order(e, 1);
    if (e.id == "draft") set_draft_order(e, 2);
    if (e.id == "lenin-dies") set_draft_order(e, 3);
  }
  Entry loose;
  loose.id = "loose";
  loose.title = "A loose thought";
  doc.entries.push_back(loose);
  return doc;
}

void open_tray(test::UiHarness& ui) {
  app::find_panel(ui.shell.panels, app::kUndatedTitle)->open = true;
  ui.frames(2);
}

}  // namespace

TEST_CASE("the Undated window lists undated entries in draft order with their draft neighbours") {
  test::UiHarness ui;
  ui.open(drafted_document());
  open_tray(ui);
  CHECK(ui.probe("undated/count").text == "2 undated");
  const std::string row = ui.probe("undated/row/draft").text;
  CHECK(row.find("Stalin killed in a bank robbery") != std::string::npos);   // before it in the draft
  CHECK(row.find("Ленин dies") != std::string::npos);                        // after it
  CHECK(ui.probe("undated/row/draft").cy() < ui.probe("undated/row/loose").cy());
  CHECK_FALSE(ui.has("undated/row/war"));   // dated: on the timeline, not here
}

TEST_CASE("typing a date in the Undated window dates the entry in one revision; no date is refused") {
  test::UiHarness ui;
  ui.open(drafted_document());
  open_tray(ui);
  const std::size_t before = ui.store().revisions().size();
  ui.replace_text("undated/date/loose", "not a date at all");
  ui.key(test::kEnter);
  ui.frames(2);
  CHECK(ui.store().revisions().size() == before);
  CHECK(ui.store().entry("loose")->value.date.empty());
  CHECK_FALSE(ui.state().status().empty());   // it says why

  ui.replace_text("undated/date/draft", "March 1917");
  ui.key(test::kEnter);
  ui.frames(2);
  CHECK(ui.store().revisions().size() == before + 1);
  CHECK(ui.store().entry("draft")->value.date == "1917-03");
  CHECK_FALSE(ui.has("undated/row/draft"));   // dated: gone from the tray
  CHECK(ui.probe("undated/count").text == "1 undated");
  ui.key('Z', true);
  ui.frames(2);
  CHECK(ui.store().entry("draft")->value.date.empty());
  CHECK(ui.has("undated/row/draft"));
}

TEST_CASE("dragging an undated entry onto the timeline dates it at the zoom's precision, in one revision") {
  test::UiHarness ui;
  ui.open(drafted_document());
  open_tray(ui);
  const std::size_t before = ui.store().revisions().size();
  ImGuiIO& io = ImGui::GetIO();
  const app::ProbeRect source = ui.probe("undated/row/loose");
  ui.move_to(source.x0 + 4, source.cy());
  io.MouseDown[0] = true;
  ui.frame();
  for (int step = 1; step <= 4; ++step) ui.move_to(source.x0 + 4 + step * 6.0f, source.cy() + step * 6.0f);
  const app::ProbeRect canvas = ui.probe("timeline/canvas");
  ui.move_to(canvas.cx(), canvas.cy());
  ui.frame();
  io.MouseDown[0] = false;
  ui.frames(3);
  CHECK(ui.store().revisions().size() == before + 1);
  // the whole history (1907..1924) is in view: years apart, so the entry takes a year within it
  const std::string date = ui.store().entry("loose")->value.date;
  REQUIRE(date.size() == 4);
  CHECK(std::stoi(date) >= 1907);
  CHECK(std::stoi(date) <= 1924);
  CHECK_FALSE(ui.has("undated/row/loose"));
  ui.key('Z', true);
  ui.frames(2);
  CHECK(ui.store().entry("loose")->value.date.empty());
}
