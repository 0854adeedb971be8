// Frame cost with 100,000 entries (reported, not asserted): the views hold 100k rows and stay usable.
#include <doctest/doctest.h>

#include <chrono>
#include <cstdio>

#include "ui_harness.hpp"
#include "uchronia/generate.hpp"

using namespace uch;
using Clock = std::chrono::steady_clock;

TEST_CASE("a frame with 100,000 entries stays cheap at every zoom" * doctest::timeout(600)) {
  GenerateOptions options;
  options.entries = 100000;
  options.entities = 1000;
  auto t0 = Clock::now();
  Document doc = generate_timeline(options);
  test::UiHarness ui;
  ui.open(doc);
  auto t1 = Clock::now();
  std::printf("open 100k entries: %.0f ms\n", std::chrono::duration<double, std::milli>(t1 - t0).count());
  REQUIRE(ui.state().rows().size() == 100000);
  ui.state().select(ui.state().rows()[50000].id);
  ui.frames(5);
  auto measure = [&](const char* what) {
    const int n = 30;
    auto a = Clock::now();
    ui.frames(n);
    double ms = std::chrono::duration<double, std::milli>(Clock::now() - a).count() / n;
    std::printf("frame (%s): %.2f ms\n", what, ms);
    return ms;
  };
  double fit = measure("fit all");
  auto c = ui.probe("timeline/canvas");
  for (int i = 0; i < 12; ++i) ui.wheel(c.cx(), c.cy(), 3.0f);
  double zoomed = measure("zoomed in");
  double worst = std::max(fit, zoomed);

  // one change: the snapshot is updated item by item, the views rebuild their caches once
  const std::string id = ui.state().selected();
  Entry e = ui.store().entry(id)->value;
  e.title += " (edited)";
  auto c0 = Clock::now();
  REQUIRE(ui.state().commit(Edit().put_entry(e, ui.state().version_of(id))));
  auto c1 = Clock::now();
  ui.state().findings();
  auto c2 = Clock::now();
  ui.frame();
  std::printf("  commit %.0f ms, re-check %.0f ms, frame %.0f ms\n", std::chrono::duration<double, std::milli>(c1 - c0).count(),
              std::chrono::duration<double, std::milli>(c2 - c1).count(), std::chrono::duration<double, std::milli>(Clock::now() - c2).count());
  std::printf("commit + next frame: %.0f ms\n", std::chrono::duration<double, std::milli>(Clock::now() - c0).count());
  CHECK(ui.state().entry(id)->title == e.title);
  double slowest = 0;   // the History panel re-reads the item's history once the selection rests
  for (int i = 0; i < 20; ++i) {
    auto f0 = Clock::now();
    ui.frame();
    slowest = std::max(slowest, std::chrono::duration<double, std::milli>(Clock::now() - f0).count());
  }
  std::printf("slowest frame while the views catch up: %.0f ms\n", slowest);
  double after = measure("after the change");
  worst = std::max(worst, after);
  // The 4 ms budget is a benchmark figure, reported here, not asserted: CI machines are shared
  // and noisy, and sanitizer builds are many times slower.
  std::printf("worst frame: %.2f ms (budget 4 ms in Release)\n", worst);
}
