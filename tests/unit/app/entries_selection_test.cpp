// The entries table's multi-selection, bulk actions (one revision each), copy, paste, duplicate.
#include <doctest/doctest.h>
#include <imgui.h>

#include <algorithm>

#include "ui_harness.hpp"
#include "uchronia/entry_transfer.hpp"
#include "uchronia/interchange.hpp"

using namespace uch;

namespace {

std::size_t revision_count(Store& store) { return store.revisions().size(); }

void click_with(test::UiHarness& ui, const std::string& row, bool ctrl, bool shift) {
  ImGuiIO& io = ImGui::GetIO();
  const app::ProbeRect r = ui.probe("entries/row/" + row);
  ui.move_to(r.x0 + 4, r.cy());
  io.KeyCtrl = ctrl;
  io.KeyShift = shift;
  io.MouseDown[0] = true;
  ui.frame();
  io.MouseDown[0] = false;
  ui.frame();
  io.KeyCtrl = io.KeyShift = false;
  ui.frame();
}

bool has_tag(Store& store, const std::string& id, const std::string& tag) {
  const auto e = store.entry(id);
  return e && std::find(e->value.tags.begin(), e->value.tags.end(), tag) != e->value.tags.end();
}

}  // namespace

TEST_CASE("Ctrl-click and Shift-click select several entries; a bulk tag is one revision, undone in one step") {
  test::UiHarness ui;
  ui.open(test::small_document());
  ui.click("entries/row/stalin-killed");
  CHECK_FALSE(ui.has("entries/bulk/add-tag"));   // one row: no bulk bar
  click_with(ui, "famine", /*ctrl=*/false, /*shift=*/true);   // stalin-killed, war, famine
  REQUIRE(ui.has("entries/bulk/add-tag"));
  click_with(ui, "war", /*ctrl=*/true, /*shift=*/false);      // toggled off
  click_with(ui, "draft", /*ctrl=*/true, /*shift=*/false);    // toggled on
  const std::size_t before = revision_count(ui.store());
  ui.click("entries/bulk/add-tag");                          // no tag typed: nothing happens, and it says why
  CHECK(revision_count(ui.store()) == before);
  CHECK(ui.state().status() == "Type a tag first");
  ui.click("entries/bulk/tag");
  ui.type("checked");
  ui.click("entries/bulk/add-tag");
  CHECK(revision_count(ui.store()) == before + 1);
  for (const char* id : {"stalin-killed", "famine", "draft"}) CHECK(has_tag(ui.store(), id, "checked"));
  for (const char* id : {"war", "lenin-dies"}) CHECK_FALSE(has_tag(ui.store(), id, "checked"));
  ui.click("entries/bulk/remove-tag");
  CHECK(revision_count(ui.store()) == before + 2);
  CHECK_FALSE(has_tag(ui.store(), "famine", "checked"));
  ui.key('Z', true);   // the removal, in one step
  ui.frames(2);
  for (const char* id : {"stalin-killed", "famine", "draft"}) CHECK(has_tag(ui.store(), id, "checked"));
  ui.key('Z', true);   // the addition, in one step
  for (const char* id : {"stalin-killed", "famine", "draft"}) CHECK_FALSE(has_tag(ui.store(), id, "checked"));
}

TEST_CASE("Ctrl+A selects every shown entry; Delete removes them and their relations in one revision, one undo") {
  test::UiHarness ui;
  ui.open(test::small_document());
  ui.replace_text("entries/filter", "tag:russia");
  ui.key(test::kEnter);
  ui.click("entries/row/famine");
  ui.key('A', true);
  REQUIRE(ui.has("entries/bulk/delete"));
  const std::size_t before = revision_count(ui.store());
  ui.key(test::kDelete);
  CHECK(revision_count(ui.store()) == before + 1);
  CHECK_FALSE(ui.store().entry("famine").has_value());
  CHECK_FALSE(ui.store().entry("lenin-dies").has_value());
  CHECK(ui.store().entry("war").has_value());               // not shown: not selected
  CHECK(ui.store().entry("stalin-killed").has_value());
  CHECK(ui.store().relations().empty());                    // the relation naming lenin-dies went with it
  ui.key('Z', true);
  CHECK(ui.store().entry("famine").has_value());
  CHECK(ui.store().entry("lenin-dies").has_value());
  CHECK(ui.store().relations().size() == 1);
}

TEST_CASE("Ctrl+C copies the entry as interchange JSON; Ctrl+V pastes it as a new entry under a unique id") {
  test::UiHarness ui;
  ui.open(test::small_document());
  ui.click("entries/row/famine");
  ui.key('C', true);
  const std::string copied = ImGui::GetClipboardText();
  const Document doc = read_interchange_json(copied);   // interchange-v1, as `uchronia import` reads it
  REQUIRE(doc.entries.size() == 1);
  CHECK(doc.entries[0] == *ui.state().entry("famine"));
  const std::size_t before = revision_count(ui.store());
  ui.key('V', true);
  CHECK(revision_count(ui.store()) == before + 1);
  CHECK(ui.state().selected() == "famine-copy");
  auto pasted = ui.store().entry("famine-copy");
  REQUIRE(pasted.has_value());
  Entry expected = *ui.state().entry("famine");
  expected.id = "famine-copy";
  CHECK(pasted->value == expected);
  ui.key('V', true);
  CHECK(ui.store().entry("famine-copy-2").has_value());
  ui.key('Z', true);
  CHECK_FALSE(ui.store().entry("famine-copy-2").has_value());
  CHECK(ui.store().entry("famine-copy").has_value());
}

TEST_CASE("pasting what is not an entry says so in the status line and changes nothing") {
  test::UiHarness ui;
  ui.open(test::small_document());
  ui.click("entries/row/famine");
  for (const char* bad : {"just some words", "{\"title\": 3}", "[]"}) {
    CAPTURE(bad);
    ImGui::SetClipboardText(bad);
    const std::size_t before = revision_count(ui.store());
    ui.key('V', true);
    CHECK(revision_count(ui.store()) == before);
    CHECK(ui.state().rows().size() == 5);
    CHECK(ui.state().status().find("Nothing pasted") == 0);
    CHECK(ui.state().errors().empty());
  }
}

TEST_CASE("Ctrl+D duplicates the selected entries under unique ids, one revision") {
  test::UiHarness ui;
  ui.open(test::small_document());
  ui.click("entries/row/war");
  click_with(ui, "famine", /*ctrl=*/true, /*shift=*/false);
  const std::size_t before = revision_count(ui.store());
  ui.key('D', true);
  CHECK(revision_count(ui.store()) == before + 1);
  CHECK(ui.state().rows().size() == 7);
  REQUIRE(ui.store().entry("war-copy").has_value());
  REQUIRE(ui.store().entry("famine-copy").has_value());
  CHECK(ui.store().entry("war-copy")->value.title == "The Great War");
  CHECK(ui.state().selected() == "war-copy");
  ui.key('Z', true);
  CHECK(ui.state().rows().size() == 5);
}

TEST_CASE("a deleted entry's id is not given to a copy: restoring it stays possible") {
  test::UiHarness ui;
  ui.open(test::small_document());
  ui.click("entries/row/famine");
  ui.key('C', true);
  ui.key(test::kDelete);
  REQUIRE_FALSE(ui.store().entry("famine").has_value());
  ui.click("entries/row/war");
  ui.key('V', true);
  CHECK_FALSE(ui.store().entry("famine").has_value());
  CHECK(ui.store().entry("famine-copy").has_value());
}
