// A multi-line text field that wraps at its width (Dear ImGui 1.86's InputTextMultiline does not):
// the thin ImGui layer over WrappedTextCore, on imgui.h alone. It is a child window with an
// InvisibleButton under the text for the mouse; whether it is being edited is kept by
// text_field_focus (not by ImGui's active item), so callers read the result of draw(): `active`
// while it has the keyboard, `committed` when it gave the keyboard up after an edit (commit then).
// It grows with its text up to the window's height, then scrolls.
#pragma once

#include <string>
#include <string_view>

#include "wrapped_text_core.hpp"

namespace uch::app {

struct WrappedFieldOptions {
  bool read_only = false;
  float min_height = 0;   // 0: three lines
  float max_height = 0;   // 0: the window's visible height
  bool fill = false;      // take the rest of the window's height (a preview, a description)
  bool claim_tab = false; // Tab is reported (tab_pressed) and the field keeps the keyboard
  bool tab_to_next_input = true;  // Tab leaves for the next ImGui input after the field (else the caller moves on)
  bool activate = false;  // take the keyboard now, cursor at `activate_at` (from a reading view)
  std::size_t activate_at = std::string::npos;   // a byte offset of the text; npos: its end
  const char* probe = nullptr;  // tests: records `probe`/line/N (each visible line) and `probe`/cursor
};

struct WrappedFieldResult {
  bool active = false;       // has the keyboard
  bool edited = false;       // the text changed this frame
  bool committed = false;    // it gave the keyboard up (click elsewhere, Tab, Escape, another widget
                             // or field took it) with its text changed since it took it: commit now
  bool tab_pressed = false;  // Tab left the field (or, with claim_tab, was pressed in it)
};

class WrappedTextField {
 public:
  /// Draws the field for `text` and applies this frame's keys, characters and mouse to it.
  WrappedFieldResult draw(const char* id, std::string* text, const WrappedFieldOptions& options = {});
  /// Replaces bytes [begin, end) of the text as one undo step of the field (link completion).
  void replace(std::string* text, std::size_t begin, std::size_t end, std::string_view with);
  const WrappedTextCore& core() const { return core_; }
  /// Displayed lines at the last draw (for tests and the reading view's sizing).
  std::size_t line_count() const { return core_.lines().size(); }
  bool scrolls() const { return scrolls_; }

 private:
  WrappedTextCore core_;
  std::string revert_;      // the text when the field took the keyboard: Escape goes back to it
  bool selecting_ = false;  // a mouse drag is extending the selection
  bool scrolls_ = false;    // the text is taller than the field (laid out beside a scrollbar)
  bool editing_ = false;    // held the keyboard when last drawn
  bool edited_ = false;     // the text changed since the field took the keyboard
  bool others_busy_ = false;  // another widget was active when the field took the keyboard (a click still held)
};

}  // namespace uch::app
