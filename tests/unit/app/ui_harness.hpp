// Headless driver for the editor's UI: an ImGui context with no window and no renderer,
// input fed through ImGuiIO (1.86 API), widgets found by the panels' probe rectangles.
#pragma once

#include <doctest/doctest.h>
#include <imgui.h>
#include <spdlog/spdlog.h>

#include <string>

#include "shell.hpp"
#include "uchronia/model.hpp"
#include "uchronia/store.hpp"

namespace uch::test {

// GLFW key codes, as the real backend writes them into io.KeysDown[].
enum Key {
  kTab = 258, kEnter = 257, kEscape = 256, kBackspace = 259, kDelete = 261, kRight = 262, kLeft = 263,
  kDown = 264, kUp = 265, kPageUp = 266, kPageDown = 267, kHome = 268, kEnd = 269, kInsert = 260,
  kSpace = 32, kKeypadEnter = 335,
};

class UiHarness {
 public:
  explicit UiHarness(ImVec2 display = ImVec2(1600, 1000)) {
    IMGUI_CHECKVERSION();
    ctx_ = ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;
    io.LogFilename = nullptr;
    io.DisplaySize = display;
    io.DeltaTime = 1.0f / 60.0f;
    io.BackendFlags |= ImGuiBackendFlags_RendererHasVtxOffset;   // as the OpenGL 3 backend does
    const int map[][2] = {{ImGuiKey_Tab, kTab}, {ImGuiKey_LeftArrow, kLeft}, {ImGuiKey_RightArrow, kRight},
                          {ImGuiKey_UpArrow, kUp}, {ImGuiKey_DownArrow, kDown}, {ImGuiKey_PageUp, kPageUp},
                          {ImGuiKey_PageDown, kPageDown}, {ImGuiKey_Home, kHome}, {ImGuiKey_End, kEnd},
                          {ImGuiKey_Insert, kInsert}, {ImGuiKey_Delete, kDelete}, {ImGuiKey_Backspace, kBackspace},
                          {ImGuiKey_Space, kSpace}, {ImGuiKey_Enter, kEnter}, {ImGuiKey_Escape, kEscape},
                          {ImGuiKey_KeyPadEnter, kKeypadEnter}, {ImGuiKey_A, 'A'}, {ImGuiKey_C, 'C'},
                          {ImGuiKey_V, 'V'}, {ImGuiKey_X, 'X'}, {ImGuiKey_Y, 'Y'}, {ImGuiKey_Z, 'Z'}};
    for (auto& m : map) io.KeyMap[m[0]] = m[1];
    io.Fonts->AddFontDefault();
    io.Fonts->Build();
    unsigned char* pixels = nullptr;
    int w = 0, h = 0;
    io.Fonts->GetTexDataAsRGBA32(&pixels, &w, &h);
    app::probe_enable(true);
    spdlog::set_level(spdlog::level::off);   // modal messages are asserted on, not logged
    shell.state.set_author("tester");
  }
  ~UiHarness() {
    app::probe_enable(false);
    app::probe_clear();
    ImGui::DestroyContext(ctx_);
  }
  UiHarness(const UiHarness&) = delete;
  UiHarness& operator=(const UiHarness&) = delete;

  /// Imports `doc` into an in-memory store and opens it in the editor.
  void open(const Document& doc) {
    Store store = Store::in_memory();
    store.import_document(doc, "tester");
    shell.state.adopt(std::move(store));
    frames(3);
  }

  void frame() {
    app::probe_clear();
    ImGui::NewFrame();
    app::draw_frame(shell);
    ImGui::Render();
  }
  void frames(int n) {
    for (int i = 0; i < n; ++i) frame();
  }

  const app::ProbeRect& probe(const std::string& key) {
    const app::ProbeRect* r = app::probe_find(key);
    if (!r) FAIL("no widget probed as ", key);
    return *r;
  }
  bool has(const std::string& key) { return app::probe_find(key) != nullptr; }

  void move_to(float x, float y) {
    ImGui::GetIO().MousePos = ImVec2(x, y);
    frame();
  }
  void click_at(float x, float y) {
    ImGuiIO& io = ImGui::GetIO();
    move_to(x, y);
    io.MouseDown[0] = true;
    frame();
    io.MouseDown[0] = false;
    frame();
    frame();
  }
  void click(const std::string& key) {
    app::ProbeRect r = probe(key);
    click_at(r.x0 + 4, r.cy());
  }
  void wheel(float x, float y, float amount) {
    ImGuiIO& io = ImGui::GetIO();
    move_to(x, y);
    io.MouseWheel = amount;
    frame();
    io.MouseWheel = 0;
    frame();
  }
  void type(const std::string& text) {
    ImGui::GetIO().AddInputCharactersUTF8(text.c_str());
    frame();
  }
  /// Presses and releases one key (a Key code or an upper-case letter), with modifiers.
  void key(int code, bool ctrl = false, bool shift = false) {
    ImGuiIO& io = ImGui::GetIO();
    io.KeyCtrl = ctrl;
    io.KeyShift = shift;
    io.KeysDown[code] = true;
    frame();
    io.KeysDown[code] = false;
    frame();
    io.KeyCtrl = io.KeyShift = false;
    frame();
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

  app::Shell shell;
  app::EditorState& state() { return shell.state; }
  Store& store() { return *shell.state.store(); }

 private:
  ImGuiContext* ctx_ = nullptr;
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
