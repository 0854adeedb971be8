// The UI-free part of the wrapped text field: line breaking at a width from glyph advances, and an
// editing state (cursor, selection, word moves, moves by displayed line, undo/redo) over UTF-8 text.
// Offsets are bytes and always fall on code point boundaries.
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace uch::app {

/// Advance (width) of one code point in the field's font.
using AdvanceFn = std::function<float(char32_t)>;

/// One displayed line: bytes [begin, end) of the text. A soft-wrapped line keeps the spaces it
/// broke after; a hard line ends before its '\n'.
struct WrappedLine {
  std::size_t begin = 0, end = 0;
  bool soft = false;   // continues on the next line without a '\n'
};

/// Code point helpers: never split a sequence (a malformed byte counts as one code point).
std::size_t next_code_point(std::string_view text, std::size_t at);
std::size_t prev_code_point(std::string_view text, std::size_t at);
/// The code point at `at` and its length (U+FFFD, 1 for a malformed byte).
std::pair<char32_t, std::size_t> decode_code_point(std::string_view text, std::size_t at);

/// Breaks `text` into displayed lines no wider than `width`: after spaces where a line has some,
/// else between code points (a word longer than the line, or a script written without spaces).
/// Spaces at a break hang past the width rather than starting the next line. Always one line at least.
std::vector<WrappedLine> wrap_text(std::string_view text, float width, const AdvanceFn& advance);

class WrappedTextCore {
 public:
  /// Replaces the text from outside (a load, an undo of the document): cursor clamped, field undo forgotten.
  void set_text(std::string text);
  const std::string& text() const { return text_; }

  /// Lays the text out at `width`; cheap when neither it, the width nor the font (`font_key`,
  /// e.g. its size) changed since the last call. Edits lay out again at once with the same font.
  void layout(float width, const AdvanceFn& advance, float font_key = 0);
  const std::vector<WrappedLine>& lines() const { return lines_; }

  std::size_t cursor() const { return cursor_; }
  std::size_t anchor() const { return anchor_; }
  bool has_selection() const { return cursor_ != anchor_; }
  std::pair<std::size_t, std::size_t> selection() const;
  std::string selected_text() const;
  void set_cursor(std::size_t offset, bool extend = false);
  void select_all();
  void select_word_at(std::size_t offset);

  // Moves; `extend` keeps the anchor (Shift held).
  void move_left(bool word, bool extend);
  void move_right(bool word, bool extend);
  void move_up(bool extend, int lines = 1);
  void move_down(bool extend, int lines = 1);
  void move_home(bool extend);   // of the displayed line
  void move_end(bool extend);
  void move_text_start(bool extend);
  void move_text_end(bool extend);

  // Edits: each replaces the selection; typing runs join into one undo step per word.
  void insert(std::string_view s);
  void backspace(bool word);
  void erase_forward(bool word);
  /// Replaces [begin, end) and puts the cursor after the new text (one undo step).
  void replace(std::size_t begin, std::size_t end, std::string_view s);
  bool undo();
  bool redo();
  bool can_undo() const { return !undo_.empty(); }

  /// Displayed line holding `offset` (a soft break's offset belongs to the line it starts).
  std::size_t line_of(std::size_t offset) const;
  /// Horizontal position of `offset` within its displayed line.
  float x_of(std::size_t offset) const;
  /// Offset nearest to position `x` on displayed line `line`.
  std::size_t offset_at(std::size_t line, float x) const;

 private:
  struct Snapshot {
    std::string text;
    std::size_t cursor = 0, anchor = 0;
  };
  enum class Run { None, Typing, Erasing };
  void push_undo(Run run);
  void moved();   // a cursor move ends the current typing run
  void erase_range(std::size_t begin, std::size_t end);
  std::size_t word_left(std::size_t at) const;
  std::size_t word_right(std::size_t at) const;
  void vertical(int delta, bool extend);
  void relayout();

  std::string text_;
  std::size_t cursor_ = 0, anchor_ = 0;
  float preferred_x_ = -1;   // kept across up/down moves
  std::vector<WrappedLine> lines_{WrappedLine{}};
  float width_ = -1, font_key_ = 0;
  AdvanceFn advance_;
  bool layout_valid_ = false;
  std::vector<Snapshot> undo_, redo_;
  Run run_ = Run::None;
};

}  // namespace uch::app
