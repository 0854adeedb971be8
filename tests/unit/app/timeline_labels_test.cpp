// The editor's timeline draws the core's layout: on the sample no two entry labels overlap, and
// a lane that needs more rows than the view has scrolls instead of dropping titles.
#include <doctest/doctest.h>

#include <fstream>
#include <sstream>

#include "uchronia/interchange.hpp"
#include "ui_harness.hpp"

using namespace uch;
using uch::test::UiHarness;

namespace {
Document sample() {
  std::ifstream in(UCHRONIA_SAMPLE_JSON, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return read_interchange_json(ss.str());
}

std::vector<std::pair<std::string, app::ProbeRect>> drawn_labels(UiHarness& ui) {
  app::probe_clear();
  ui.frames(2);
  std::vector<std::pair<std::string, app::ProbeRect>> out;
  for (const auto& r : ui.state().rows())
    if (const app::ProbeRect* p = app::probe_find("timeline/item/" + r.id)) out.emplace_back(r.id, *p);
  return out;
}
}  // namespace

TEST_CASE("timeline: no two drawn labels overlap on the sample, zoomed out or in") {
  UiHarness ui;
  ui.open(sample());
  auto c = ui.probe("timeline/canvas");
  for (int zoom = 0; zoom < 4; ++zoom) {
    const auto labels = drawn_labels(ui);
    if (zoom == 0) CHECK(labels.size() >= 15);   // most of the sample's 21 entries have their title drawn
    for (std::size_t i = 0; i < labels.size(); ++i)
      for (std::size_t j = i + 1; j < labels.size(); ++j) {
        const auto &a = labels[i].second, &b = labels[j].second;
        const bool overlap = a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;
        CHECK_MESSAGE(!overlap, labels[i].first << " overlaps " << labels[j].first << " at zoom step " << zoom);
      }
    ui.wheel(c.cx(), c.cy(), 2.0f);
  }
}
