// The headless editor (app::HeadlessUi) for doctest: widgets found by the panels' probe rectangles.
#pragma once

#include <doctest/doctest.h>
#include <imgui.h>

#include <string>

#include "headless_ui.hpp"
#include "shell.hpp"
#include "uchronia/model.hpp"
#include "uchronia/store.hpp"

namespace uch::test {

// The key codes the tests press, as the GLFW backend writes them.
enum Key {
  kTab = app::kKeyTab, kEnter = app::kKeyEnter, kEscape = app::kKeyEscape, kBackspace = app::kKeyBackspace,
  kDelete = app::kKeyDelete, kRight = app::kKeyRight, kLeft = app::kKeyLeft, kDown = app::kKeyDown, kUp = app::kKeyUp,
  kPageUp = app::kKeyPageUp, kPageDown = app::kKeyPageDown, kHome = app::kKeyHome, kEnd = app::kKeyEnd,
  kInsert = app::kKeyInsert, kSpace = app::kKeySpace, kKeypadEnter = app::kKeyKeypadEnter,
};

/// The headless editor, with widgets found by the panels' probe rectangles.
class UiHarness : public app::HeadlessUi {
 public:
  using HeadlessUi::HeadlessUi;

  const app::ProbeRect& probe(const std::string& key) {
    const app::ProbeRect* r = app::probe_find(key);
    if (!r) FAIL("no widget probed as ", key);
    return *r;
  }
  bool has(const std::string& key) { return app::probe_find(key) != nullptr; }

  void click(const std::string& key) {
    app::ProbeRect r = probe(key);
    click_at(r.x0 + 4, r.cy());
  }
  /// Clicks a text field, selects all of it and types a replacement (not yet committed).
  void replace_text(const std::string& key_name, const std::string& text) {
    click(key_name);
    ImGuiIO& io = ImGui::GetIO();
    io.KeyCtrl = true;
    io.KeysDown['A'] = true;
    frame();
    io.KeysDown['A'] = false;
    io.KeyCtrl = false;
    frame();
    type(text);
  }

  app::EditorState& state() { return shell.state; }
  Store& store() { return *shell.state.store(); }
};

/// A small alternative history: a divergence, an entity whose lifespan one entry overruns
/// (ref.outside-lifespan on "lenin-dies"), Cyrillic text, an interval and a relation.
inline Document small_document() {
  Document doc;
  doc.title = "Test history";
  Entity stalin;
  stalin.id = "joseph-stalin";
  stalin.name = "Joseph Stalin";
  stalin.kind = EntityKind::Person;
  stalin.aliases = {"Koba"};
  stalin.start = "1878-12-18";
  stalin.end = "1907-06-26";
  doc.entities.push_back(stalin);
  auto entry = [&](std::string id, std::string date, std::string title, std::vector<std::string> tags, std::string body = {}) {
    Entry e;
    e.id = std::move(id);
    e.date = std::move(date);
    e.title = std::move(title);
    e.tags = std::move(tags);
    e.body = std::move(body);
    doc.entries.push_back(e);
  };
  entry("stalin-killed", "1907-06-26", "Stalin killed in a bank robbery", {"divergence"},
        "Communist militant [[Joseph Stalin]] is killed during a bank robbery.");
  entry("war", "1914-07-28/1918-11-11", "The Great War", {"war"});
  entry("famine", "1921~", "Famine on the Volga", {"russia"});
  entry("lenin-dies", "1924-01-21", "Ленин dies", {"russia", "politics"}, "Without [[Joseph Stalin]], the succession is open.");
  entry("draft", "", "An undated idea", {});
  Relation r;
  r.from = "stalin-killed";
  r.type = RelationType::Before;
  r.to = "lenin-dies";
  doc.relations.push_back(r);
  return doc;
}

}  // namespace uch::test
