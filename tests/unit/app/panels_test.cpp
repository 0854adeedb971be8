// Timeline lanes and the divergence point; export through the file chooser.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "panels/panels.hpp"
#include "timeline_geometry.hpp"
#include "ui_harness.hpp"

using namespace uch;
using uch::test::UiHarness;

namespace {
const app::TimelineLane* lane(const app::TimelineGeometry& g, const std::string& name) {
  for (const auto& l : g.lanes())
    if (l.name == name) return &l;
  return nullptr;
}
}  // namespace

TEST_CASE("timeline lanes by tag, by entity, and the point of divergence") {
  UiHarness ui;
  ui.open(test::small_document());
  app::TimelineGeometry g;
  REQUIRE(g.update(ui.state(), app::LaneMode::Tag, 12));
  CHECK_FALSE(g.update(ui.state(), app::LaneMode::Tag, 12));   // cached until something changes
  REQUIRE(lane(g, "russia"));
  CHECK(lane(g, "russia")->items.size() == 2);
  CHECK_FALSE(lane(g, "divergence"));                          // marked, not a lane
  REQUIRE(lane(g, "other tags / untagged"));
  REQUIRE(g.point_of_divergence());
  CHECK(ui.state().rows()[g.point_of_divergence()->source].id == "stalin-killed");
  CHECK(g.extent_lo() < g.extent_hi());

  REQUIRE(g.update(ui.state(), app::LaneMode::Entity, 12));
  REQUIRE(lane(g, "Joseph Stalin"));
  CHECK(lane(g, "Joseph Stalin")->items.size() == 2);

  REQUIRE(g.update(ui.state(), app::LaneMode::Tag, 2));        // room for two lanes only
  CHECK(g.lanes().size() == 2);
}

TEST_CASE("an uncertain or approximate date is drawn fuzzy; an interval as a bar") {
  UiHarness ui;
  ui.open(test::small_document());
  app::TimelineGeometry g;
  g.update(ui.state(), app::LaneMode::None, 12);
  REQUIRE(g.lanes().size() == 1);
  int fuzzy = 0, intervals = 0;
  for (const auto& it : g.lanes()[0].items) {
    const std::string& id = ui.state().rows()[it.source].id;
    if (it.flags & app::kItemFuzzy) {
      ++fuzzy;
      CHECK(id == "famine");
    }
    if (it.flags & app::kItemInterval) {
      ++intervals;
      CHECK(id == "war");
    }
  }
  CHECK(fuzzy == 1);
  CHECK(intervals == 1);
  CHECK(g.lanes()[0].items.size() == 4);   // the undated draft is not on the timeline
}

TEST_CASE("File > Export writes the chosen format through the file chooser") {
  UiHarness ui;
  ui.open(test::small_document());
  auto dir = std::filesystem::temp_directory_path() / "uchronia-app-export-test";
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  app::find_panel(ui.shell.panels, app::kExportTitle)->open = true;
  ui.state().requests.open_export = true;
  ui.frames(3);
  REQUIRE(ui.has("export/save"));
  ui.click("export/save");
  REQUIRE(ui.has("filedialog/dir"));
  ui.replace_text("filedialog/dir", dir.string());
  ui.key(test::kEnter);
  ui.replace_text("filedialog/name", "out.md");
  ui.click("filedialog/ok");
  REQUIRE(std::filesystem::exists(dir / "out.md"));
  std::ifstream in(dir / "out.md");
  std::stringstream text;
  text << in.rdbuf();
  CHECK(text.str().find("The Great War") != std::string::npos);
  CHECK(ui.state().errors().empty());
  std::filesystem::remove_all(dir);
}

TEST_CASE("the Export dialog's JSON leaves out our-timeline notes when asked, like every format") {
  Document doc = test::small_document();
  doc.entries.front().otl = "In our timeline it went otherwise.";
  UiHarness ui;
  ui.open(doc);
  auto dir = std::filesystem::temp_directory_path() / "uchronia-app-export-otl-test";
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  app::find_panel(ui.shell.panels, app::kExportTitle)->open = true;
  ui.state().requests.open_export = true;
  ui.frames(3);
  ui.click("export/format");
  ui.click("export/format/json");
  ui.click("export/otl");   // clears "Include our timeline notes"
  ui.click("export/save");
  ui.replace_text("filedialog/dir", dir.string());
  ui.key(test::kEnter);
  ui.replace_text("filedialog/name", "out.json");
  ui.click("filedialog/ok");
  REQUIRE(std::filesystem::exists(dir / "out.json"));
  std::ifstream in(dir / "out.json");
  std::stringstream text;
  text << in.rdbuf();
  CHECK(text.str().find("\"format\": \"uchronia-timeline\"") != std::string::npos);
  CHECK(text.str().find("Stalin killed in a bank robbery") != std::string::npos);
  CHECK(text.str().find("went otherwise") == std::string::npos);
  std::filesystem::remove_all(dir);
}

TEST_CASE("File > Export refuses to replace the open document or its -wal (the core's rule, as the CLI's)") {
  UiHarness ui;
  auto dir = std::filesystem::temp_directory_path() / "uchronia-app-export-refuse-test";
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  const auto doc = dir / "doc.uchronia";
  (void)Store::create_from(doc, test::small_document(), "tester");
  REQUIRE(ui.state().open_document(doc));
  ui.frames(3);
  const auto bytes = [](const std::filesystem::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
  };
  const std::string doc_before = bytes(doc), wal_before = bytes(dir / "doc.uchronia-wal");
  for (const char* name : {"doc.uchronia", "doc.uchronia-wal"}) {
    CAPTURE(name);
    app::find_panel(ui.shell.panels, app::kExportTitle)->open = true;
    ui.state().requests.open_export = true;
    ui.frames(3);
    ui.click("export/save");
    REQUIRE(ui.has("filedialog/dir"));
    ui.replace_text("filedialog/dir", dir.string());
    ui.key(test::kEnter);
    ui.replace_text("filedialog/name", name);
    ui.click("filedialog/ok");
    REQUIRE(ui.state().errors().size() == 1);
    CHECK(ui.state().errors().front().find("refusing to overwrite") != std::string::npos);
    ui.state().errors().clear();
  }
  CHECK(bytes(doc) == doc_before);
  CHECK(bytes(dir / "doc.uchronia-wal") == wal_before);
  ui.state().close_document();
  std::filesystem::remove_all(dir);
}

TEST_CASE("Export proposes a file beside the document, named after it and the format") {
  UiHarness ui;
  auto dir = std::filesystem::temp_directory_path() / "uchronia-app-export-name-test";
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  const auto doc = dir / "history.uchronia";
  (void)Store::create_from(doc, test::small_document(), "tester");
  REQUIRE(ui.state().open_document(doc));
  app::find_panel(ui.shell.panels, app::kExportTitle)->open = true;
  ui.state().requests.open_export = true;
  ui.frames(3);
  ui.click("export/format");
  ui.click("export/format/timelinejs");
  ui.click("export/save");
  REQUIRE(ui.has("filedialog/name"));
  CHECK(std::filesystem::path(ui.probe("filedialog/dir").text) == dir);
  CHECK(ui.probe("filedialog/name").text == "history-timelinejs.json");
  ui.state().close_document();
  std::filesystem::remove_all(dir);
}

TEST_CASE("Export offers the charts and the TimelineJS page: the chart previews as a picture, Save writes the format") {
  UiHarness ui;
  auto dir = std::filesystem::temp_directory_path() / "uchronia-app-export-chart-test";
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  const auto doc = dir / "history.uchronia";
  (void)Store::create_from(doc, test::small_document(), "tester");
  REQUIRE(ui.state().open_document(doc));
  app::find_panel(ui.shell.panels, app::kExportTitle)->open = true;
  ui.state().requests.open_export = true;
  ui.frames(3);
  const auto bytes = [](const std::filesystem::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
  };
  const auto save_as = [&](const char* format, const char* name) {
    ui.click("export/format");
    ui.click(std::string("export/format/") + format);
    ui.frames(2);
    ui.click("export/save");
    REQUIRE(ui.has("filedialog/name"));
    ui.replace_text("filedialog/name", name);
    ui.click("filedialog/ok");
    REQUIRE(std::filesystem::exists(dir / name));
    return bytes(dir / name);
  };

  const std::string svg = save_as("svg", "chart.svg");
  CHECK(svg.starts_with("<?xml"));
  CHECK(svg.find("<svg") != std::string::npos);
  CHECK(svg.find("The Great War") != std::string::npos);   // titles are real text
  REQUIRE(ui.has("export/chart"));                          // a picture, not the SVG's source
  CHECK_FALSE(ui.has("export/preview"));
  CHECK(ui.probe("export/chart").x1 - ui.probe("export/chart").x0 > 100);

  ui.click("export/lanes");
  ui.click("export/lanes/none");
  ui.frames(2);
  const std::string png = save_as("png", "chart.png");
  CHECK(png.substr(1, 3) == "PNG");

  const std::string page = save_as("timelinejs-html", "page.html");
  CHECK(page.find("<html") != std::string::npos);
  CHECK(page.find("The Great War") != std::string::npos);
  REQUIRE(ui.has("export/preview"));   // the page's data, readable
  bool data_shown = false;   // TimelineJS's JSON, not the page's embedded script
  for (int i = 0; ui.has("export/preview/line/" + std::to_string(i)); ++i)
    data_shown = data_shown || ui.probe("export/preview/line/" + std::to_string(i)).text.find("\"events\"") != std::string::npos;
  CHECK(data_shown);
  CHECK(ui.state().errors().empty());
  ui.state().close_document();
  std::filesystem::remove_all(dir);
}
