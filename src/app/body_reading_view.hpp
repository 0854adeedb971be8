// The body when it is not being edited: rendered Markdown (paragraphs, emphasis, strong) whose
// [[links]] are names to click (they select the linked entry or entity, resolved by the core's
// LinkResolver) with a hover card; a dangling link is drawn as such.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "reading_text.hpp"
#include "uchronia/links.hpp"
#include "wrapped_text_core.hpp"

namespace uch::app {

class EditorState;

class BodyReadingView {
 public:
  /// Draws `markdown` read; true when the writer asked to edit it (a click beside the links,
  /// a double-click). A click on a resolved link selects its item instead.
  /// Probes (tests): `probe_key` for the view, `probe_key`/link/N for each link, with its label.
  bool draw(EditorState& state, const char* id, const std::string& probe_key, const std::string& markdown,
            const char* placeholder);
  /// Where the last click asking to edit landed, as an offset of the Markdown (the field's cursor
  /// goes there); npos for the end (a double-click below the text, Enter, F2).
  std::size_t clicked_source() const { return clicked_source_; }

 private:
  void resolve(EditorState& state);
  /// The card under a hovered link: what it names, its dates and first line (probed as `probe_key`/card).
  static void hover_card(EditorState& state, const ReadingLink& link, const std::vector<std::string>& ids,
                         const std::string& probe_key);

  std::string source_ = "\x01";
  ReadingText read_;
  std::vector<std::vector<std::string>> targets_;   // per link: the ids it names (none: dangling)
  std::uint64_t resolved_generation_ = ~0ull;
  LinkResolver resolver_;
  std::uint64_t resolver_generation_ = ~0ull;
  std::vector<WrappedLine> lines_;
  float laid_width_ = -1, laid_font_ = -1;
  bool scrolls_ = false;
  std::size_t clicked_source_ = std::string::npos;
};

}  // namespace uch::app
