// The editor's whole UI with no window and no renderer: an ImGui context fed through ImGuiIO
// (the 1.86 API), as the GLFW backend would feed it. For the headless UI tests and the editor's
// benchmark, which drive exactly the frames the app draws.
#pragma once

#include <imgui.h>

#include <string>

#include "shell.hpp"
#include "uchronia/model.hpp"

namespace uch::app {

// GLFW key codes, as the real backend writes them into io.KeysDown[].
enum HeadlessKey {
  kKeyTab = 258, kKeyEnter = 257, kKeyEscape = 256, kKeyBackspace = 259, kKeyDelete = 261, kKeyRight = 262,
  kKeyLeft = 263, kKeyDown = 264, kKeyUp = 265, kKeyPageUp = 266, kKeyPageDown = 267, kKeyHome = 268,
  kKeyEnd = 269, kKeyInsert = 260, kKeySpace = 32, kKeyKeypadEnter = 335,
};

class HeadlessUi {
 public:
  explicit HeadlessUi(ImVec2 display = ImVec2(1600, 1000));
  ~HeadlessUi();
  HeadlessUi(const HeadlessUi&) = delete;
  HeadlessUi& operator=(const HeadlessUi&) = delete;

  /// Imports `doc` into an in-memory store and opens it in the editor.
  void open(const Document& doc);
  void frame();
  void frames(int n);
  void move_to(float x, float y);
  void click_at(float x, float y);
  void wheel(float x, float y, float amount);
  void type(const std::string& text);
  /// Presses and releases one key (a HeadlessKey or an upper-case letter), with modifiers.
  void key(int code, bool ctrl = false, bool shift = false);

  Shell shell;

 private:
  ImGuiContext* ctx_ = nullptr;
};

}  // namespace uch::app
