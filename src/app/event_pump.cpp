// Event pacing for the editor window: see event_pump.hpp.
#include "event_pump.hpp"

#include <GLFW/glfw3.h>
#include <backends/imgui_impl_glfw.h>
#include <imgui.h>

#include <algorithm>
#include <iterator>
#include <vector>

namespace uch::app {
namespace {

// What the callbacks saw since the last frame. GLFW calls them on the main thread, from
// glfwPollEvents / glfwWaitEvents*, so no locking is needed.
bool g_input = false;
bool g_key_pressed = false;        // a key went down since the last frame began
std::vector<int> g_held_releases;  // key releases held back until a frame has seen the presses

// Frames drawn after an input: hover, popups and ImGui's own one-frame delays settle in that time.
constexpr int kFramesAfterInput = 4;

void on_key(GLFWwindow* window, int key, int scancode, int action, int mods) {
  g_input = true;
  if (key >= 0 && key <= GLFW_KEY_LAST) {
    if (action == GLFW_PRESS) g_key_pressed = true;
    // ImGui 1.86 reads key state once a frame: a tap pressed and released between two frames
    // would never be seen. Once a key went down, every release (the modifiers' too, in order)
    // waits for the frame that sees it down.
    if (action == GLFW_RELEASE && g_key_pressed) {
      g_held_releases.push_back(key);
      return;
    }
  }
  ImGui_ImplGlfw_KeyCallback(window, key, scancode, action, mods);
}
void on_char(GLFWwindow* window, unsigned int c) {
  g_input = true;
  ImGui_ImplGlfw_CharCallback(window, c);
}
void on_mouse_button(GLFWwindow* window, int button, int action, int mods) {
  g_input = true;
  ImGui_ImplGlfw_MouseButtonCallback(window, button, action, mods);
}
void on_scroll(GLFWwindow* window, double x, double y) {
  g_input = true;
  ImGui_ImplGlfw_ScrollCallback(window, x, y);
}
void on_focus(GLFWwindow* window, int focused) {
  g_input = true;
  ImGui_ImplGlfw_WindowFocusCallback(window, focused);
}
void on_cursor_enter(GLFWwindow* window, int entered) {
  g_input = true;
  ImGui_ImplGlfw_CursorEnterCallback(window, entered);
}
// ImGui 1.86 reads the cursor position itself each frame; this only wakes the loop.
void on_cursor_pos(GLFWwindow*, double, double) { g_input = true; }
void on_resize(GLFWwindow*, int, int) { g_input = true; }
void on_refresh(GLFWwindow*) { g_input = true; }
void on_monitor(GLFWmonitor* monitor, int event) {
  g_input = true;
  ImGui_ImplGlfw_MonitorCallback(monitor, event);
}

}  // namespace

EventPump::EventPump(GLFWwindow* window) {
  glfwSetKeyCallback(window, on_key);
  glfwSetCharCallback(window, on_char);
  glfwSetMouseButtonCallback(window, on_mouse_button);
  glfwSetScrollCallback(window, on_scroll);
  glfwSetWindowFocusCallback(window, on_focus);
  glfwSetCursorEnterCallback(window, on_cursor_enter);
  glfwSetCursorPosCallback(window, on_cursor_pos);
  glfwSetFramebufferSizeCallback(window, on_resize);
  glfwSetWindowRefreshCallback(window, on_refresh);
  glfwSetMonitorCallback(on_monitor);
  lively_ = kFramesAfterInput;
}

EventPump::~EventPump() { glfwSetMonitorCallback(nullptr); }

bool EventPump::wait(double idle_wake) {
  if (lively_ > 0) glfwPollEvents();
  else glfwWaitEventsTimeout(idle_wake);
  if (g_input) lively_ = kFramesAfterInput;
  g_input = false;
  return lively_ > 0;
}

void EventPump::frame_done(bool busy) {
  g_key_pressed = false;
  // The frame saw the presses: their releases are due now, and the next frame must see them.
  if (!g_held_releases.empty()) {
    GLFWwindow* window = glfwGetCurrentContext();
    for (int key : g_held_releases) ImGui_ImplGlfw_KeyCallback(window, key, 0, GLFW_RELEASE, 0);
    g_held_releases.clear();
    lively_ = kFramesAfterInput;
  }
  if (busy) lively_ = std::max(lively_, 1);
  else if (lively_ > 0) --lively_;
}

}  // namespace uch::app
