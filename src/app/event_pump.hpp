// The editor's event loop pacing: it sleeps until the writer does something (no CPU while idle),
// draws a few frames after each input so ImGui settles, and never loses a short key tap.
#pragma once

struct GLFWwindow;

namespace uch::app {

class EventPump {
 public:
  /// Installs GLFW's input callbacks on `window`, each forwarding to ImGui's GLFW backend
  /// (initialise that backend with install_callbacks = false).
  explicit EventPump(GLFWwindow* window);
  ~EventPump();
  EventPump(const EventPump&) = delete;
  EventPump& operator=(const EventPump&) = delete;

  /// Before a frame: polls when frames are still wanted, else waits for input or `idle_wake`
  /// seconds (for what the editor watches on its own: another program's commits, the sync timer).
  /// True when a frame is due: input came, or frames after an earlier one are still wanted.
  bool wait(double idle_wake);
  /// After a frame: `busy` is whether the UI is mid-interaction (a field being edited, a drag),
  /// which keeps frames coming. Key releases held back from the frame just drawn are applied.
  void frame_done(bool busy);

 private:
  int lively_ = 0;  // frames still to draw before sleeping
};

}  // namespace uch::app
