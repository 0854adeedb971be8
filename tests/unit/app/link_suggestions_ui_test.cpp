// Edit > Suggest links: the core's suggestions, each accepted (one revision, undoable) or dismissed.
#include <doctest/doctest.h>

#include <chrono>
#include <filesystem>
#include <string>
#include <thread>

#include "ui_harness.hpp"
#include "panels/panels.hpp"

using namespace uch;

namespace {

/// The small document, with an unlinked alias of Joseph Stalin in the famine entry.
Document document_with_unlinked_name() {
  Document doc = test::small_document();
  for (Entry& e : doc.entries)
    if (e.id == "famine") e.body = "Koba orders grain from the Volga.";
  return doc;
}

void open_suggestions(test::UiHarness& ui) {
  app::find_panel(ui.shell.panels, app::kLinkSuggestionsTitle)->open = true;
  ui.frames(2);
}

std::string body_of(test::UiHarness& ui, const std::string& id) { return ui.store().entry(id)->value.body; }

/// Frames until the suggestions searched on another thread are shown (a few seconds at most).
void wait_for_suggestions(test::UiHarness& ui) {
  for (int i = 0; i < 5000 && ui.probe("links/count").text.find("Looking") != std::string::npos; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
    ui.frame();
  }
  ui.frames(2);
}

}  // namespace

TEST_CASE("accepting a link suggestion writes the link as one revision, and Ctrl+Z takes it back") {
  test::UiHarness ui;
  ui.open(document_with_unlinked_name());
  open_suggestions(ui);
  REQUIRE(ui.has("links/accept/Koba"));
  const std::string before_body = body_of(ui, "famine");
  CHECK(before_body.find("[[") == std::string::npos);   // nothing applied by merely showing it
  const std::size_t before = ui.store().revisions().size();
  ui.click("links/accept/Koba");
  ui.frames(2);
  CHECK(ui.store().revisions().size() == before + 1);
  const std::string linked = body_of(ui, "famine");
  CHECK(linked.find("Koba]]") != std::string::npos);
  CHECK_FALSE(ui.has("links/accept/Koba"));   // done: no longer suggested
  ui.key('Z', true);
  ui.frames(2);
  CHECK(body_of(ui, "famine") == before_body);
}

TEST_CASE("a dismissed link suggestion is not applied, not even by Accept all, and stays dismissed") {
  test::UiHarness ui;
  ui.open(document_with_unlinked_name());
  open_suggestions(ui);
  REQUIRE(ui.has("links/dismiss/Koba"));
  const std::size_t before = ui.store().revisions().size();
  ui.click("links/dismiss/Koba");
  ui.frames(2);
  CHECK_FALSE(ui.has("links/accept/Koba"));
  CHECK(ui.store().revisions().size() == before);
  ui.click("links/accept-all");
  ui.frames(2);
  CHECK(body_of(ui, "famine") == "Koba orders grain from the Volga.");
  // an unrelated change re-computes the suggestions; the dismissed one stays hidden
  ui.click("entries/row/war");
  ui.state().tag_entries({"war"}, "checked", true);
  ui.frames(2);
  CHECK_FALSE(ui.has("links/accept/Koba"));
}

TEST_CASE("a document in a file is searched for names on another thread; accepting and dismissing stay as before") {
  const auto path = std::filesystem::temp_directory_path() / "uchronia-link-suggestions-file.uchronia";
  std::filesystem::remove(path);
  Store::create_from(path, document_with_unlinked_name(), "tester");
  test::UiHarness ui;
  REQUIRE(ui.shell.open(path));
  ui.frames(2);
  app::find_panel(ui.shell.panels, app::kLinkSuggestionsTitle)->open = true;
  ui.frame();
  CHECK(ui.probe("links/count").text.find("Looking for names") != std::string::npos);   // the UI did not wait
  wait_for_suggestions(ui);
  REQUIRE(ui.has("links/accept/Koba"));
  const std::size_t before = ui.store().revisions().size();
  ui.click("links/accept/Koba");
  ui.frames(2);
  CHECK(ui.store().revisions().size() == before + 1);
  CHECK_FALSE(ui.has("links/accept/Koba"));   // gone at once, not only after the new search
  wait_for_suggestions(ui);
  CHECK_FALSE(ui.has("links/accept/Koba"));
  CHECK(body_of(ui, "famine").find("Koba]]") != std::string::npos);
  ui.shell.state.close_document();
  std::filesystem::remove(path);
}
