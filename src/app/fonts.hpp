// The editor's fonts: DejaVu Sans, and for every character of the open document and of what the
// writer types that DejaVu Sans lacks, an installed font that has it, merged into one ImGui font.
// Only the characters in use go into the atlas (never a whole CJK font). No OpenGL here: the
// caller re-uploads the texture after build(), between frames.
#pragma once

#include <cstddef>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include <imgui.h>

#include "font_sources.hpp"
#include "uchronia/model.hpp"

namespace uch::app {

class EditorState;

class UiFonts {
 public:
  /// `pixel_size`: the font's height (16 px times the display scale).
  explicit UiFonts(float pixel_size, std::string primary_path = default_font_path());
  static std::string default_font_path();

  // --- the glyph set: the base ranges plus every code point seen -------------
  void add_text(std::string_view utf8);
  void add_code_point(char32_t cp);
  void add_entry(const Entry& entry);
  void add_entity(const Entity& entity);
  void add_document(const Document& doc);
  /// The characters typed this frame (read before ImGui::NewFrame() consumes them).
  void add_typed(const ImGuiIO& io);
  /// The editor's text changes since the last call: the whole document after an open or a
  /// reload, else only the changed items.
  void follow(EditorState& state);

  /// A new text size (Ctrl+= / Ctrl+-): the next update() rebuilds the atlas at it.
  void set_pixel_size(float pixel_size) {
    if (pixel_size != pixel_size_) pixel_size_ = pixel_size, dirty_ = true;
  }
  /// New code points were seen since the last build() (some perhaps in no font).
  bool needs_build() const { return !built_ || dirty_ || !pending_.empty(); }
  /// Clears `atlas` and builds it: the primary font with the fallbacks merged into it, each
  /// limited to the code points it must supply. False when the primary font is missing (ImGui's
  /// built-in font stands in, logged).
  bool build(ImFontAtlas& atlas);
  /// follow() + add_typed(), then build() when needed; true when the atlas was rebuilt
  /// (the renderer's font texture must then be re-created).
  bool update(EditorState& state, ImGuiIO& io);

  bool primary_found() const { return sources_.primary() != nullptr; }
  /// Code points seen beyond the base ranges (for logs and tests).
  std::size_t extra_code_points() const { return extra_count_; }

 private:
  bool resolve(char32_t cp);   // false when no font has it
  void resolve_pending();

  float pixel_size_;
  FontSources sources_;
  std::vector<bool> seen_;                        // by code point (ImGui's 16-bit ImWchar)
  std::size_t extra_count_ = 0;
  std::vector<char32_t> pending_;                 // seen, not yet resolved to a font
  std::vector<ImWchar> primary_extra_;            // in the primary font, beyond the base ranges
  std::vector<std::vector<ImWchar>> fallback_cps_;// by FontSources face
  std::set<std::string> missing_logged_;          // scripts already reported as having no font
  std::vector<ImVector<ImWchar>> ranges_;         // the last build's ranges (ImGui keeps pointers)
  bool built_ = false;
  bool dirty_ = false;                            // resolved into a font since the last build
  bool warned_astral_ = false;
};

/// Code points of the base ranges (Latin, Greek, Cyrillic, punctuation, arrows, shapes),
/// always in the atlas whatever the document holds.
bool in_base_ranges(char32_t cp);

}  // namespace uch::app
