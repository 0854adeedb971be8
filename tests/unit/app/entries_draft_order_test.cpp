// The entries table in draft order: imported entries by their draft position, the others after, by date.
#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "ui_harness.hpp"
#include "uchronia/draft_order.hpp"

using namespace uch;

namespace {

/// The rows' ids, top to bottom, as drawn.
std::vector<std::string> shown_order(test::UiHarness& ui, const std::vector<std::string>& ids) {
  std::vector<std::pair<float, std::string>> ys;
  for (const auto& id : ids) ys.emplace_back(ui.probe("entries/row/" + id).cy(), id);
  std::sort(ys.begin(), ys.end());
  std::vector<std::string> out;
  for (auto& [y, id] : ys) out.push_back(id);
  return out;
}

Document drafted_document() {
  Document doc = test::small_document();
  for (Entry& e : doc.entries) {
    if (e.id == "lenin-dies") set_draft_order(e, 1);
    if (e.id == "draft") set_draft_order(e, 2);
    if (e.id == "stalin-killed") set_draft_order(e, 3);
  }
  return doc;
}

}  // namespace

TEST_CASE("the Draft order option lists entries by draft position, the undrafted after them by date") {
  test::UiHarness ui;
  ui.open(drafted_document());
  const std::vector<std::string> ids = {"stalin-killed", "war", "famine", "lenin-dies", "draft"};
  ui.frames(2);
  CHECK(shown_order(ui, ids) == std::vector<std::string>{"stalin-killed", "war", "famine", "lenin-dies", "draft"});
  ui.click("entries/draft-order");
  ui.frames(2);
  CHECK(shown_order(ui, ids) == std::vector<std::string>{"lenin-dies", "draft", "stalin-killed", "war", "famine"});
  // arrow keys follow the order shown
  ui.click("entries/row/draft");
  ui.key(test::kDown);
  CHECK(ui.state().selected() == "stalin-killed");
  ui.key(test::kUp);
  ui.key(test::kUp);
  CHECK(ui.state().selected() == "lenin-dies");
  ui.click("entries/draft-order");   // back to date order
  ui.frames(2);
  CHECK(shown_order(ui, ids) == std::vector<std::string>{"stalin-killed", "war", "famine", "lenin-dies", "draft"});
}
