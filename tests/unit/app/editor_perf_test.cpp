// The editor holds a 100,000-entry document: every row is listed, the timeline draws at every zoom,
// and an edit reaches the views. What a frame costs is measured by bench/editor_frame.cpp.
#include <doctest/doctest.h>

#include "ui_harness.hpp"
#include "uchronia/generate.hpp"

using namespace uch;

TEST_CASE("a 100,000-entry document is listed whole, drawn at every zoom, and shows an edit" * doctest::timeout(600)) {
  GenerateOptions options;
  options.entries = 100000;
  options.entities = 1000;
  test::UiHarness ui;
  ui.open(generate_timeline(options));
  REQUIRE(ui.state().rows().size() == 100000);
  ui.state().select(ui.state().rows()[50000].id);
  ui.frames(5);
  REQUIRE(ui.has("timeline/canvas"));
  const auto canvas = ui.probe("timeline/canvas");
  for (int i = 0; i < 12; ++i) ui.wheel(canvas.cx(), canvas.cy(), 3.0f);
  ui.frames(3);
  CHECK(ui.state().selected() == ui.state().rows()[50000].id);

  const std::string id = ui.state().selected();
  Entry e = ui.store().entry(id)->value;
  e.title += " (edited)";
  REQUIRE(ui.state().commit(Edit().put_entry(e, ui.state().version_of(id))));
  ui.frames(20);
  CHECK(ui.state().entry(id)->title == e.title);
  CHECK(ui.state().rows().size() == 100000);
}
