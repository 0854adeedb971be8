// The tiny base every editor window derives from: a title, an open flag, draw(state).
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "panel_layout.hpp"

struct ImVec2;

namespace uch::app {

class EditorState;

/// A window of the editor. It holds view state only (scroll, filter text, edit buffers).
/// It reads the document from EditorState's snapshot, and history, search and backlinks straight
/// from the store's read calls; every change goes through EditorState's methods.
class Panel {
 public:
  explicit Panel(std::string title) : title_(std::move(title)) {}
  virtual ~Panel() = default;
  Panel(const Panel&) = delete;
  Panel& operator=(const Panel&) = delete;

  /// Stable ImGui window name (also the key in imgui.ini).
  const char* title() const { return title_.c_str(); }
  bool open = true;

  /// Draws the whole window (Begin/End included) when open.
  virtual void draw(EditorState& state) = 0;
  /// Commits any edit still held in a field (called before quitting or switching documents).
  virtual void flush(EditorState& /*state*/) {}
  /// Default placement as fractions of the work area: x, y, w, h.
  virtual void default_rect(float& x, float& y, float& w, float& h) const = 0;
  /// True when the window is part of the default layout (the Export dialog is not).
  virtual bool open_by_default() const { return true; }

  /// The shell's layout gives a docked panel its rect each frame (none: a floating window).
  void dock(const LayoutRect* rect) {
    docked_ = rect != nullptr;
    if (rect) docked_rect_ = *rect;
  }
  bool docked() const { return docked_; }

 protected:
  /// Places the window (docked: at its layout rect, fixed, the splitters move it; floating: at its
  /// default spot on first use or reset), begins it and records it as the probe "window/<title>".
  /// False when it is collapsed or clipped: nothing to draw, and End is already called. When true,
  /// the panel draws its contents and calls ImGui::End().
  bool begin_window(const EditorState& state);

 private:
  int place_window(const EditorState& state) const;
  void probe_window() const;

 public:

 private:
  std::string title_;
  bool docked_ = false;
  LayoutRect docked_rect_;
};

using PanelList = std::vector<std::unique_ptr<Panel>>;

/// The one registration place (panel_registry.cpp): every window of the editor, in menu order.
PanelList make_panels();
Panel* find_panel(PanelList& panels, const std::string& title);

/// Test probe: when enabled, panels record the screen rectangle of named widgets so headless
/// tests can click them. Disabled (one branch) in the real app.
struct ProbeRect {
  float x0 = 0, y0 = 0, x1 = 0, y1 = 0;
  std::string text;  // what the widget shows, when recorded with probe_text
  float cx() const { return (x0 + x1) * 0.5f; }
  float cy() const { return (y0 + y1) * 0.5f; }
};
void probe_enable(bool on);
bool probe_enabled();
/// Records the last ImGui item's rectangle under `key`.
void probe_item(const std::string& key);
/// The same, with the text the item shows (for tests that assert what the writer reads).
void probe_text(const std::string& key, const std::string& text);
/// Records a drawn shape (not an ImGui item) under `key`.
void probe_rect(const std::string& key, const ProbeRect& rect);
const ProbeRect* probe_find(const std::string& key);
void probe_clear();

}  // namespace uch::app
