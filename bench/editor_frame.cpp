// Benchmark of the editor on a large document, headless (no window, no GPU): what a writer waits
// for before the first usable frame, and the CPU cost of a frame at rest, zoomed, and after an edit.
//
// uchronia-editor-frame [--entries N] [--entities M] [--runs R]
// Medians of R runs. The first frame counts Store::open of the document file, the editor's own
// snapshot of it and one whole frame; the window and OpenGL set-up of the real app are not in it.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <string>
#include <vector>

#include <unistd.h>

#include "headless_ui.hpp"
#include "panel.hpp"
#include "uchronia/generate.hpp"
#include "uchronia/store.hpp"

namespace {

using Clock = std::chrono::steady_clock;
double ms_since(Clock::time_point t) { return std::chrono::duration<double, std::milli>(Clock::now() - t).count(); }

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v.empty() ? 0 : v[v.size() / 2];
}

}  // namespace

int main(int argc, char** argv) {
  int entries = 100000, entities = 10000, runs = 5;
  for (int i = 1; i + 1 < argc; i += 2) {
    if (!std::strcmp(argv[i], "--entries")) entries = std::atoi(argv[i + 1]);
    else if (!std::strcmp(argv[i], "--entities")) entities = std::atoi(argv[i + 1]);
    else if (!std::strcmp(argv[i], "--runs")) runs = std::atoi(argv[i + 1]);
  }
  const auto dir = std::filesystem::temp_directory_path() / ("uchronia-editor-frame-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  const auto path = dir / "bench.uchronia";
  std::printf("generating %d entries, %d entities\n", entries, entities);
  uch::Store::create_from(path, uch::generate_timeline({.entries = entries, .entities = entities, .seed = 7}), "bench");

  std::vector<double> first, fit, zoomed, edit, settle;
  for (int run = 0; run < runs; ++run) {
    uch::app::HeadlessUi ui;
    const auto t0 = Clock::now();
    if (!ui.shell.state.open_document(path)) {
      std::fprintf(stderr, "cannot open %s\n", path.c_str());
      return 2;
    }
    ui.frame();
    first.push_back(ms_since(t0));
    ui.shell.state.select(ui.shell.state.rows()[ui.shell.state.rows().size() / 2].id);
    ui.frames(5);
    const auto per_frame = [&](int n) {
      const auto t = Clock::now();
      ui.frames(n);
      return ms_since(t) / n;
    };
    fit.push_back(per_frame(30));
    const uch::app::ProbeRect* canvas = uch::app::probe_find("timeline/canvas");
    if (canvas)
      for (int i = 0; i < 12; ++i) ui.wheel(canvas->cx(), canvas->cy(), 3.0f);
    zoomed.push_back(per_frame(30));
    const std::string id = ui.shell.state.selected();
    uch::Entry e = ui.shell.state.store()->entry(id)->value;
    e.title += " (edited)";
    const auto c = Clock::now();
    ui.shell.state.commit(uch::Edit().put_entry(e, ui.shell.state.version_of(id)));
    ui.frame();
    edit.push_back(ms_since(c));
    double slowest = 0;
    for (int i = 0; i < 20; ++i) {
      const auto f = Clock::now();
      ui.frame();
      slowest = std::max(slowest, ms_since(f));
    }
    settle.push_back(slowest);
  }
  std::printf("editor, %d entries, medians of %d runs (wall time of one thread: the UI's)\n", entries, runs);
  std::printf("  first usable frame (open + snapshot + frame)   %8.1f ms   target <= 500 ms\n", median(first));
  std::printf("  one frame, fit all                               %8.2f ms   target <= 4 ms\n", median(fit));
  std::printf("  one frame, zoomed in                             %8.2f ms   target <= 4 ms\n", median(zoomed));
  std::printf("  commit one title + next frame                    %8.1f ms\n", median(edit));
  std::printf("  slowest of the 20 frames after it                %8.1f ms\n", median(settle));
  std::filesystem::remove_all(dir);
  return 0;
}
