// The panels' layout: the rects tile the window at every size, splitters move panels and are
// remembered, hidden panels give their room to the others.
#include <doctest/doctest.h>
#include <imgui.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "panel_layout.hpp"
#include "panels/panels.hpp"
#include "ui_common.hpp"
#include "ui_harness.hpp"

using namespace uch;
using app::LayoutRect;
using app::Slot;

namespace {

bool overlap(const LayoutRect& a, const LayoutRect& b) {
  return a.x < b.right() && b.x < a.right() && a.y < b.bottom() && b.y < a.bottom();
}

/// Every rect inside `area`, none overlapping another, together covering it exactly.
void check_tiles(const std::vector<LayoutRect>& rects, const LayoutRect& area) {
  double covered = 0;
  for (std::size_t i = 0; i < rects.size(); ++i) {
    const LayoutRect& r = rects[i];
    CAPTURE(i);
    CHECK(r.w > 0);
    CHECK(r.h > 0);
    CHECK(r.x >= area.x);
    CHECK(r.y >= area.y);
    CHECK(r.right() <= area.right());
    CHECK(r.bottom() <= area.bottom());
    for (std::size_t j = i + 1; j < rects.size(); ++j) CHECK_FALSE(overlap(r, rects[j]));
    covered += double(r.w) * r.h;
  }
  CHECK(covered == doctest::Approx(double(area.w) * area.h));
}

/// The docked windows as ImGui placed them, and the splitter bars, from the last frame.
std::vector<LayoutRect> drawn_rects(test::UiHarness& ui, const std::vector<Slot>& slots) {
  std::vector<LayoutRect> rects;
  for (Slot s : slots) {
    // recorded only when the window was drawn in the last frame
    const app::ProbeRect* w = app::probe_find(std::string("window/") + app::slot_title(s));
    REQUIRE(w != nullptr);
    rects.push_back({w->x0, w->y0, w->x1 - w->x0, w->y1 - w->y0});
  }
  for (const app::Splitter& s : ui.shell.computed_layout.splitters) rects.push_back(s.rect);
  return rects;
}

LayoutRect work_area(test::UiHarness& ui) {
  ImVec2 pos, size;
  app::layout_area(ui.state(), pos, size);
  return {pos.x, pos.y, size.x, size.y};
}

const std::vector<Slot> kAll = {Slot::Timeline, Slot::Entries, Slot::Entry, Slot::Problems, Slot::Entities, Slot::History};

std::filesystem::path temp_layout(const char* name) {
  auto p = std::filesystem::temp_directory_path() / (std::string("uchronia-layout-test-") + name);
  std::filesystem::remove(p);
  return p;
}

void drag(test::UiHarness& ui, const std::string& probe, float dx, float dy) {
  const app::ProbeRect bar = ui.probe(probe);
  ImGuiIO& io = ImGui::GetIO();
  ui.move_to(bar.cx(), bar.cy());
  io.MouseDown[0] = true;
  ui.frame();
  ui.move_to(bar.cx() + dx / 2, bar.cy() + dy / 2);
  ui.move_to(bar.cx() + dx, bar.cy() + dy);
  io.MouseDown[0] = false;
  ui.frames(2);
}

}  // namespace

TEST_CASE("the panels fill the window with no overlap and nothing off-screen, from 1024x640 to 3840x2160") {
  for (ImVec2 size : {ImVec2(1024, 640), ImVec2(1600, 1000), ImVec2(2560, 1440), ImVec2(3840, 2160)}) {
    CAPTURE(size.x);
    test::UiHarness ui(size);
    ui.open(test::small_document());
    const LayoutRect area = work_area(ui);
    CHECK(area.y > 0);                            // below the menu bar
    CHECK(area.bottom() < size.y);                // above the status bar
    CHECK(area.w == size.x);
    check_tiles(drawn_rects(ui, kAll), area);
    // a readable minimum: no panel squeezed below a few lines or a dozen characters
    for (Slot s : kAll) {
      const LayoutRect& r = ui.shell.computed_layout.of(s);
      CHECK(r.w >= ImGui::GetFontSize() * 10);
      CHECK(r.h >= ImGui::GetFontSize() * 4);
    }
  }
}

TEST_CASE("the panels follow the window when it is resized") {
  test::UiHarness ui(ImVec2(1600, 1000));
  ui.open(test::small_document());
  const float entries_share = ui.shell.computed_layout.of(Slot::Entries).w / 1600.0f;
  ImGui::GetIO().DisplaySize = ImVec2(1024, 640);
  ui.frames(2);
  check_tiles(drawn_rects(ui, kAll), work_area(ui));
  CHECK(ui.shell.computed_layout.of(Slot::Entries).w / 1024.0f == doctest::Approx(entries_share).epsilon(0.03));
}

TEST_CASE("a hidden panel's room goes to its neighbours; View > Document still opens a window over them") {
  test::UiHarness ui(ImVec2(1600, 1000));
  ui.open(test::small_document());
  app::find_panel(ui.shell.panels, app::kTimelineTitle)->open = false;
  app::find_panel(ui.shell.panels, app::kProblemsTitle)->open = false;
  app::find_panel(ui.shell.panels, app::kEntitiesTitle)->open = false;
  ui.frames(2);
  const std::vector<Slot> shown = {Slot::Entries, Slot::Entry, Slot::History};
  check_tiles(drawn_rects(ui, shown), work_area(ui));
  CHECK(ui.shell.computed_layout.of(Slot::History).h == work_area(ui).h);
  app::Panel* doc = app::find_panel(ui.shell.panels, app::kDocumentTitle);
  doc->open = true;
  ui.frames(2);
  CHECK(app::probe_find(std::string("window/") + app::kDocumentTitle) != nullptr);   // drawn
  CHECK_FALSE(doc->docked());
}

TEST_CASE("the Undated tray docks beside the timeline, and its bar is remembered") {
  const auto file = temp_layout("undated");
  LayoutRect tray_before;
  for (ImVec2 size : {ImVec2(1024, 640), ImVec2(2560, 1440)}) {
    CAPTURE(size.x);
    test::UiHarness ui(size);
    ui.open(test::small_document());
    CHECK(ui.shell.computed_layout.of(Slot::Undated).empty());   // shown only when opened
    app::find_panel(ui.shell.panels, app::kUndatedTitle)->open = true;
    ui.frames(2);
    std::vector<Slot> all = kAll;
    all.push_back(Slot::Undated);
    check_tiles(drawn_rects(ui, all), work_area(ui));
    const LayoutRect timeline = ui.shell.computed_layout.of(Slot::Timeline);
    const LayoutRect tray = ui.shell.computed_layout.of(Slot::Undated);
    CHECK(tray.x > timeline.right());   // to its right, in the same row
    CHECK(tray.y == timeline.y);
    CHECK(tray.h == timeline.h);
    CHECK(tray.w >= ImGui::GetFontSize() * 10);
  }
  {
    test::UiHarness ui(ImVec2(1600, 1000));
    ui.shell.load_layout(file);
    ui.open(test::small_document());
    app::find_panel(ui.shell.panels, app::kUndatedTitle)->open = true;
    ui.frames(2);
    const float before = ui.shell.computed_layout.of(Slot::Undated).w;
    drag(ui, "layout/splitter/top/0-1", -120, 0);
    tray_before = ui.shell.computed_layout.of(Slot::Undated);
    CHECK(tray_before.w == doctest::Approx(before + 120).epsilon(0.02));
  }
  test::UiHarness again(ImVec2(1600, 1000));
  again.shell.load_layout(file);
  again.open(test::small_document());
  again.frames(2);
  CHECK(app::find_panel(again.shell.panels, app::kUndatedTitle)->open);   // still shown
  CHECK(again.shell.computed_layout.of(Slot::Undated).w == doctest::Approx(tray_before.w).epsilon(0.01));
  std::filesystem::remove(file);
}

TEST_CASE("dragging a splitter resizes its two neighbours and is remembered across a restart") {
  const auto file = temp_layout("drag");
  LayoutRect entries, entry, timeline;
  {
    test::UiHarness ui(ImVec2(1600, 1000));
    ui.shell.load_layout(file);
    ui.open(test::small_document());
    const LayoutRect before_entries = ui.shell.computed_layout.of(Slot::Entries);
    const LayoutRect before_entry = ui.shell.computed_layout.of(Slot::Entry);
    const LayoutRect before_side = ui.shell.computed_layout.of(Slot::Problems);
    drag(ui, "layout/splitter/columns/0-1", 120, 0);
    entries = ui.shell.computed_layout.of(Slot::Entries);
    entry = ui.shell.computed_layout.of(Slot::Entry);
    CHECK(entries.w == doctest::Approx(before_entries.w + 120).epsilon(0.01));
    CHECK(entry.w == doctest::Approx(before_entry.w - 120).epsilon(0.01));
    CHECK(ui.shell.computed_layout.of(Slot::Problems).w == before_side.w);   // the third column stays
    const float timeline_before = ui.shell.computed_layout.of(Slot::Timeline).h;
    drag(ui, "layout/splitter/rows/0-1", 0, -80);
    timeline = ui.shell.computed_layout.of(Slot::Timeline);
    CHECK(timeline.h == doctest::Approx(timeline_before - 80).epsilon(0.01));
    check_tiles(drawn_rects(ui, kAll), work_area(ui));
  }
  REQUIRE(std::filesystem::exists(file));
  test::UiHarness again(ImVec2(1600, 1000));
  again.shell.load_layout(file);
  again.open(test::small_document());
  CHECK(again.shell.computed_layout.of(Slot::Entries).w == doctest::Approx(entries.w).epsilon(0.01));
  CHECK(again.shell.computed_layout.of(Slot::Timeline).h == doctest::Approx(timeline.h).epsilon(0.01));
  std::filesystem::remove(file);
}

TEST_CASE("a splitter dragged far past the window leaves every panel at its minimum, on screen") {
  test::UiHarness ui(ImVec2(1024, 640));
  ui.open(test::small_document());
  drag(ui, "layout/splitter/columns/0-1", 5000, 0);
  check_tiles(drawn_rects(ui, kAll), work_area(ui));
  CHECK(ui.shell.computed_layout.of(Slot::Entry).w >= ImGui::GetFontSize() * 10);
  drag(ui, "layout/splitter/side/1-2", 0, -5000);
  check_tiles(drawn_rects(ui, kAll), work_area(ui));
  CHECK(ui.shell.computed_layout.of(Slot::Entities).h >= ImGui::GetFontSize() * 4);
}

TEST_CASE("which panels are shown is remembered; View > Reset layout brings the default back") {
  const auto file = temp_layout("shown");
  {
    test::UiHarness ui(ImVec2(1600, 1000));
    ui.shell.load_layout(file);
    ui.open(test::small_document());
    app::find_panel(ui.shell.panels, app::kHistoryTitle)->open = false;
    ui.frames(2);
  }
  test::UiHarness again(ImVec2(1600, 1000));
  again.shell.load_layout(file);
  again.open(test::small_document());
  CHECK_FALSE(app::find_panel(again.shell.panels, app::kHistoryTitle)->open);
  CHECK(app::find_panel(again.shell.panels, app::kEntitiesTitle)->open);
  CHECK(again.shell.computed_layout.of(Slot::History).empty());
  again.shell.reset_layout();
  again.frames(2);
  CHECK(app::find_panel(again.shell.panels, app::kHistoryTitle)->open);
  check_tiles(drawn_rects(again, kAll), work_area(again));
  std::filesystem::remove(file);
}

TEST_CASE("layout settings: text form round-trips; damaged text keeps the defaults") {
  app::LayoutSettings s;
  s.rows = {0.2f, 0.8f};
  s.columns = {0.5f, 0.25f, 0.25f};
  s.shown[2] = false;
  const app::LayoutSettings back = app::LayoutSettings::from_text(s.to_text());
  CHECK(back.rows[0] == doctest::Approx(0.2f));
  CHECK(back.columns[0] == doctest::Approx(0.5f));
  CHECK_FALSE(back.shown[2]);
  CHECK(back.shown[1]);
  const app::LayoutSettings bad = app::LayoutSettings::from_text("rows nan 3\ncolumns -1 2 3\nside 1 x\n\xff\xfe");
  CHECK(bad == app::LayoutSettings{});
}

TEST_CASE("layout: a window too small for every minimum still tiles exactly") {
  app::LayoutSettings s;
  const LayoutRect area{0, 20, 300, 200};
  for (bool tray : {false, true}) {
    CAPTURE(tray);
    s.shown[static_cast<int>(Slot::Undated)] = tray;
    const auto c = app::compute_layout(s, area, app::LayoutMetrics{});
    std::vector<LayoutRect> rects;
    for (const LayoutRect& r : c.panels)
      if (!r.empty()) rects.push_back(r);   // a hidden panel has no rect
    CHECK(rects.size() == (tray ? 7u : 6u));
    for (const auto& b : c.splitters) rects.push_back(b.rect);
    check_tiles(rects, area);
  }
}
