// The entries filter on a generated document, typed key by key: once the search has answered, the
// table holds exactly the rows the filter rule keeps (full text by the store's search, tags, date
// range), whether the words are searched at once (a document in memory) or on another thread (a file).
#include <doctest/doctest.h>

#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <sstream>
#include <unordered_set>

#include "ui_harness.hpp"
#include "uchronia/date.hpp"
#include "uchronia/generate.hpp"

using namespace uch;

namespace {

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
  return s;
}

/// The rule the filter box follows, written out plainly: "N of M" as the table must say it.
std::string expected_count(app::EditorState& state, const std::string& query) {
  std::vector<std::string> tags;
  std::string text;
  DayNumber from = kUnboundedLow, to = kUnboundedHigh;
  bool range = false;
  std::istringstream in(query);
  for (std::string token; in >> token;) {
    if (token.rfind("tag:", 0) == 0 && token.size() > 4) {
      tags.push_back(lower(token.substr(4)));
    } else if (auto dots = token.find(".."); dots != std::string::npos && token != "..") {
      range = true;
      // A side that is not (yet) a date is left open, and the box says so.
      if (const DateInfo a = parse_edtf(token.substr(0, dots)); dots > 0 && a.valid) from = a.lower;
      if (const DateInfo b = parse_edtf(token.substr(dots + 2)); dots + 2 < token.size() && b.valid) to = b.upper;
    } else {
      text += (text.empty() ? "" : " ") + token;
    }
  }
  std::unordered_set<std::string> hits;
  if (!text.empty())
    for (auto& id : state.store()->search(text, 1 << 30)) hits.insert(id);
  std::size_t n = 0;
  for (const EntryRow& r : state.rows()) {
    if (!text.empty() && !hits.count(r.id)) continue;
    if (range && (!r.dated || r.upper < from || r.lower > to)) continue;
    bool ok = true;
    for (const auto& want : tags)
      ok = ok && std::any_of(r.tags.begin(), r.tags.end(), [&](const std::string& t) { return lower(t) == want; });
    n += ok;
  }
  return std::to_string(n) + " of " + std::to_string(state.rows().size());
}

/// Frames until the table shows the answer (a search on another thread takes a few).
std::string settled_count(test::UiHarness& ui) {
  ui.frame();   // the count beside the box is drawn before the rows are refreshed: one frame behind
  for (int i = 0; i < 2000; ++i) {
    const std::string count = ui.probe("entries/count").text;
    if (count.find("searching") == std::string::npos) return count;
    usleep(1000);
    ui.frame();
  }
  return "still searching";
}

void type_and_compare(test::UiHarness& ui, const std::string& query) {
  ui.replace_text("entries/filter", "");
  ui.key(test::kBackspace);
  for (std::size_t i = 0; i < query.size(); ++i) {
    ui.type(query.substr(i, 1));
    const std::string so_far = query.substr(0, i + 1);
    CAPTURE(so_far);
    CHECK(settled_count(ui) == expected_count(ui.state(), so_far));
  }
}

const std::vector<std::string> kQueries = {"the ro", "tag:war 1917..1920", "1800.. a", "zq", "tag:Pol"};

}  // namespace

TEST_CASE("typed key by key, the filter keeps the same rows as its rule, for a document in memory") {
  test::UiHarness ui;
  ui.open(generate_timeline({.entries = 3000, .entities = 200, .seed = 3}));
  for (const std::string& q : kQueries) type_and_compare(ui, q);
}

TEST_CASE("typed key by key, the filter keeps the same rows as its rule when words are searched off the UI thread") {
  const auto path = std::filesystem::temp_directory_path() / ("uchronia-filter-test-" + std::to_string(::getpid()) + ".uchronia");
  std::filesystem::remove(path);
  Store::create_from(path, generate_timeline({.entries = 3000, .entities = 200, .seed = 3}), "tester");
  {
    test::UiHarness ui;
    REQUIRE(ui.state().open_document(path));
    ui.frames(3);
    for (const std::string& q : kQueries) type_and_compare(ui, q);
    // An edit while a query stands: the answer follows the document.
    const std::string id = ui.state().rows().front().id;
    Entry e = ui.store().entry(id)->value;
    e.body += " zqxjk";
    ui.replace_text("entries/filter", "zqxjk");
    CHECK(settled_count(ui) == "0 of 3000");
    REQUIRE(ui.state().commit(Edit().put_entry(e, ui.state().version_of(id))));
    ui.frame();
    CHECK(settled_count(ui) == "1 of 3000");
  }
  std::filesystem::remove(path);
  std::filesystem::remove(path.string() + "-wal");
  std::filesystem::remove(path.string() + "-shm");
}
