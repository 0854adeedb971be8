// Benchmark of the editor on a large document, headless (no window, no GPU): what a writer waits
// for before the first usable frame, the CPU cost of a frame at rest, zoomed, after an edit and
// after each key typed in the entries filter, and the editor's resident memory.
//
// uchronia-editor-frame [--entries N] [--entities M] [--runs R]
// Medians of R runs. The first frame counts Store::open of the document file, the editor's own
// snapshot of it and one whole frame; the window and OpenGL set-up of the real app are not in it.
// The checker is built on another thread meanwhile: "checker ready" is when its findings show.
// Memory is measured in a child process (this program with --open DOC) that opens the document,
// waits for the checker, types in the filter and edits an entry: its peak resident set (VmHWM).
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

#include <time.h>
#include <unistd.h>

#include "headless_ui.hpp"
#include "panel.hpp"
#include "uchronia/generate.hpp"
#include "uchronia/store.hpp"

namespace {

using Clock = std::chrono::steady_clock;
double ms_since(Clock::time_point t) { return std::chrono::duration<double, std::milli>(Clock::now() - t).count(); }

/// CPU time of the calling thread (the UI's), in ms: what the work costs whatever else the machine runs.
double thread_cpu_ms() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) * 1e3 + static_cast<double>(ts.tv_nsec) / 1e6;
}

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v.empty() ? 0 : v[v.size() / 2];
}

constexpr const char* kQuery = "treaty of";

/// Clicks the entries filter box (found by its probe) so that typed characters go there.
void focus_filter(uch::app::HeadlessUi& ui) {
  const uch::app::ProbeRect* r = uch::app::probe_find("entries/filter");
  if (!r) return;
  ui.click_at(r->x0 + 4, r->cy());
}

bool searching() {
  const uch::app::ProbeRect* r = uch::app::probe_find("entries/count");
  return r && r->text.find("searching") != std::string::npos;
}

/// Frames until the checker built on another thread has taken over (or ~60 s).
void wait_for_checker(uch::app::HeadlessUi& ui) {
  for (int i = 0; i < 60000 && ui.shell.state.checking(); ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
    ui.frame();
  }
}

long peak_rss_kb() {
  std::ifstream in("/proc/self/status");
  for (std::string line; std::getline(in, line);)
    if (line.rfind("VmHWM:", 0) == 0) return std::atol(line.c_str() + 6);
  return -1;
}

/// Child mode: what a writer does in the first minute, then the peak resident set.
int run_child(const char* path) {
  uch::app::HeadlessUi ui;
  const double c0 = thread_cpu_ms();
  if (!ui.shell.state.open_document(path)) return 2;
  const double c1 = thread_cpu_ms();
  ui.frame();
  const double c2 = thread_cpu_ms();
  ui.frames(3);
  std::fprintf(stderr, "UI thread CPU: open + snapshot %.1f ms, first frame %.1f ms\n", c1 - c0, c2 - c1);
  wait_for_checker(ui);
  focus_filter(ui);
  for (const char* c = kQuery; *c; ++c) ui.type(std::string(1, *c));
  for (int i = 0; i < 20000 && searching(); ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
    ui.frame();
  }
  ui.shell.state.select(ui.shell.state.rows()[ui.shell.state.rows().size() / 2].id);
  ui.frames(5);
  const std::string id = ui.shell.state.selected();
  uch::Entry e = *ui.shell.state.entry(id);
  e.title += " (edited)";
  ui.shell.state.commit(uch::Edit().put_entry(e, ui.shell.state.version_of(id)));
  ui.frames(5);
  std::printf("%ld\n", peak_rss_kb());
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc == 3 && !std::strcmp(argv[1], "--open")) return run_child(argv[2]);
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

  std::vector<double> first_cpu, key_cpu, first, checker, fit, zoomed, edit, settle, key_median, key_max, answer;
  for (int run = 0; run < runs; ++run) {
    uch::app::HeadlessUi ui;
    const auto t0 = Clock::now();
    const double c0 = thread_cpu_ms();
    if (!ui.shell.state.open_document(path)) {
      std::fprintf(stderr, "cannot open %s\n", path.c_str());
      return 2;
    }
    ui.frame();
    first.push_back(ms_since(t0));
    first_cpu.push_back(thread_cpu_ms() - c0);
    wait_for_checker(ui);
    checker.push_back(ms_since(t0));
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
    // The filter, key by key as a writer types (one frame per key, as the UI draws it).
    focus_filter(ui);
    std::vector<double> keys, keys_cpu;
    const auto typing = Clock::now();
    for (const char* ch = kQuery; *ch; ++ch) {
      const auto k = Clock::now();
      const double kc = thread_cpu_ms();
      ui.type(std::string(1, *ch));
      keys.push_back(ms_since(k));
      keys_cpu.push_back(thread_cpu_ms() - kc);
    }
    key_cpu.push_back(*std::max_element(keys_cpu.begin(), keys_cpu.end()));
    for (int i = 0; i < 20000 && searching(); ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
      const auto k = Clock::now();
      ui.frame();
      keys.push_back(ms_since(k));
    }
    answer.push_back(ms_since(typing));
    key_median.push_back(median(keys));
    key_max.push_back(*std::max_element(keys.begin(), keys.end()));
  }
  // Peak memory, in a fresh process (this one holds the generated document's leftovers).
  std::vector<double> rss;
  for (int run = 0; run < std::min(runs, 3); ++run) {
    const std::string cmd = std::string("'") + argv[0] + "' --open '" + path.string() + "'";
    if (FILE* p = ::popen(cmd.c_str(), "r")) {
      long kb = -1;
      if (std::fscanf(p, "%ld", &kb) == 1 && kb > 0) rss.push_back(static_cast<double>(kb) / 1024.0);
      ::pclose(p);
    }
  }
  std::printf("editor, %d entries, medians of %d runs (wall time of one thread: the UI's)\n", entries, runs);
  std::printf("  first usable frame (open + snapshot + frame)   %8.1f ms   target <= 500 ms (UI thread CPU %.1f ms)\n",
              median(first), median(first_cpu));
  std::printf("  checker ready (findings shown), from the open    %8.1f ms   (built on another thread)\n", median(checker));
  std::printf("  one frame, fit all                               %8.2f ms   target <= 4 ms\n", median(fit));
  std::printf("  one frame, zoomed in                             %8.2f ms   target <= 4 ms\n", median(zoomed));
  std::printf("  commit one title + next frame                    %8.1f ms\n", median(edit));
  std::printf("  slowest of the 20 frames after it                %8.1f ms\n", median(settle));
  std::printf("  filter \"%s\" typed key by key: frame per key  %8.2f ms median, %.1f ms slowest\n", kQuery,
              median(key_median), median(key_max));
  std::printf("  filter: slowest key, UI thread CPU               %8.1f ms\n", median(key_cpu));
  std::printf("  filter: from the first key to the last answer   %8.1f ms\n", median(answer));
  std::printf("  peak resident memory (open, check, filter, edit) %7.0f MB   target <= 300 MB\n", median(rss));
  std::filesystem::remove_all(dir);
  return 0;
}
