// Line breaking and the editing state of the wrapped text field: see wrapped_text_core.hpp.
#include "wrapped_text_core.hpp"

#include <algorithm>

namespace uch::app {
namespace {

constexpr std::size_t kUndoDepth = 200;

bool is_space(char32_t c) { return c == ' ' || c == '\t' || c == '\n' || c == 0x3000 || c == 0xA0; }

}  // namespace

std::pair<char32_t, std::size_t> decode_code_point(std::string_view text, std::size_t at) {
  const auto b = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
  const unsigned char c0 = b(at);
  if (c0 < 0x80) return {c0, 1};
  std::size_t len = 0;
  char32_t cp = 0, min = 0;
  if (c0 >= 0xC2 && c0 <= 0xDF) len = 2, cp = c0 & 0x1F, min = 0x80;
  else if (c0 >= 0xE0 && c0 <= 0xEF) len = 3, cp = c0 & 0x0F, min = 0x800;
  else if (c0 >= 0xF0 && c0 <= 0xF4) len = 4, cp = c0 & 0x07, min = 0x10000;
  else return {0xFFFD, 1};
  if (at + len > text.size()) return {0xFFFD, 1};
  for (std::size_t k = 1; k < len; ++k) {
    if ((b(at + k) & 0xC0) != 0x80) return {0xFFFD, 1};
    cp = (cp << 6) | (b(at + k) & 0x3F);
  }
  if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return {0xFFFD, 1};
  return {cp, len};
}

std::size_t next_code_point(std::string_view text, std::size_t at) {
  if (at >= text.size()) return text.size();
  return at + decode_code_point(text, at).second;
}

std::size_t prev_code_point(std::string_view text, std::size_t at) {
  if (at == 0) return 0;
  at = std::min(at, text.size());
  // Back over at most three continuation bytes, then check that the sequence found reaches `at`.
  std::size_t start = at - 1;
  for (int k = 0; k < 3 && start > 0 && (static_cast<unsigned char>(text[start]) & 0xC0) == 0x80; ++k) --start;
  return start + decode_code_point(text, start).second == at ? start : at - 1;
}

std::vector<WrappedLine> wrap_text(std::string_view text, float width, const AdvanceFn& advance) {
  std::vector<WrappedLine> lines;
  constexpr std::size_t kNone = static_cast<std::size_t>(-1);
  std::size_t begin = 0, break_at = kNone, i = 0;
  float x = 0;
  while (i < text.size()) {
    auto [cp, len] = decode_code_point(text, i);
    if (cp == '\n') {
      lines.push_back({begin, i, false});
      i += len;
      begin = i, break_at = kNone, x = 0;
      continue;
    }
    const float a = advance(cp);
    const bool space = cp == ' ' || cp == '\t' || cp == 0x3000;
    if (!space && x + a > width && i > begin) {
      const std::size_t cut = break_at != kNone && break_at > begin ? break_at : i;
      lines.push_back({begin, cut, true});
      begin = cut, break_at = kNone, x = 0;
      for (std::size_t k = cut; k < i;) {   // the word carried over
        auto [c, l] = decode_code_point(text, k);
        x += advance(c);
        k += l;
      }
    }
    x += a;
    i += len;
    if (space) break_at = i;
  }
  lines.push_back({begin, text.size(), false});
  return lines;
}

// --- layout ------------------------------------------------------------------

void WrappedTextCore::set_text(std::string text) {
  if (text == text_) return;
  text_ = std::move(text);
  // a kept offset may now fall inside a code point of the new text: back to its start
  const auto fit = [&](std::size_t o) {
    o = std::min(o, text_.size());
    for (int k = 0; k < 3 && o > 0 && o < text_.size() && (static_cast<unsigned char>(text_[o]) & 0xC0) == 0x80; ++k) --o;
    return o;
  };
  cursor_ = fit(cursor_);
  anchor_ = fit(anchor_);
  undo_.clear();
  redo_.clear();
  run_ = Run::None;
  preferred_x_ = -1;
  layout_valid_ = false;
  relayout();
}

void WrappedTextCore::layout(float width, const AdvanceFn& advance, float font_key) {
  if (layout_valid_ && width == width_ && font_key == font_key_) return;
  width_ = width;
  font_key_ = font_key;
  advance_ = advance;
  layout_valid_ = false;
  relayout();
}

void WrappedTextCore::relayout() {
  if (!advance_) {   // not laid out yet: one line per hard line is still a valid layout
    lines_ = wrap_text(text_, 1e30f, [](char32_t) { return 1.0f; });
    return;
  }
  lines_ = wrap_text(text_, width_, advance_);
  layout_valid_ = true;
}

std::size_t WrappedTextCore::line_of(std::size_t offset) const {
  auto it = std::upper_bound(lines_.begin(), lines_.end(), offset,
                             [](std::size_t o, const WrappedLine& l) { return o < l.begin; });
  return it == lines_.begin() ? 0 : static_cast<std::size_t>(it - lines_.begin()) - 1;
}

float WrappedTextCore::x_of(std::size_t offset) const {
  const WrappedLine& l = lines_[line_of(offset)];
  float x = 0;
  for (std::size_t i = l.begin; i < offset && i < text_.size();) {
    auto [cp, len] = decode_code_point(text_, i);
    x += advance_ ? advance_(cp) : 1.0f;
    i += len;
  }
  return x;
}

std::size_t WrappedTextCore::offset_at(std::size_t line, float x) const {
  if (line >= lines_.size()) return text_.size();
  const WrappedLine& l = lines_[line];
  // a soft line's own end is shown at the start of the next line: stop before it
  const std::size_t last = l.soft && l.end > l.begin ? prev_code_point(text_, l.end) : l.end;
  float acc = 0;
  for (std::size_t i = l.begin; i < last;) {
    auto [cp, len] = decode_code_point(text_, i);
    const float a = advance_ ? advance_(cp) : 1.0f;
    if (x < acc + a * 0.5f) return i;
    acc += a;
    i += len;
  }
  return last;
}

// --- cursor and selection ----------------------------------------------------

std::pair<std::size_t, std::size_t> WrappedTextCore::selection() const {
  return {std::min(cursor_, anchor_), std::max(cursor_, anchor_)};
}

std::string WrappedTextCore::selected_text() const {
  auto [b, e] = selection();
  return text_.substr(b, e - b);
}

void WrappedTextCore::moved() {
  run_ = Run::None;
}

void WrappedTextCore::set_cursor(std::size_t offset, bool extend) {
  cursor_ = std::min(offset, text_.size());
  if (!extend) anchor_ = cursor_;
  preferred_x_ = -1;
  moved();
}

void WrappedTextCore::select_all() {
  anchor_ = 0;
  cursor_ = text_.size();
  moved();
}

std::size_t WrappedTextCore::word_left(std::size_t at) const {
  while (at > 0 && is_space(decode_code_point(text_, prev_code_point(text_, at)).first)) at = prev_code_point(text_, at);
  while (at > 0 && !is_space(decode_code_point(text_, prev_code_point(text_, at)).first)) at = prev_code_point(text_, at);
  return at;
}

std::size_t WrappedTextCore::word_right(std::size_t at) const {
  while (at < text_.size() && !is_space(decode_code_point(text_, at).first)) at = next_code_point(text_, at);
  while (at < text_.size() && is_space(decode_code_point(text_, at).first)) at = next_code_point(text_, at);
  return at;
}

void WrappedTextCore::select_word_at(std::size_t offset) {
  offset = std::min(offset, text_.size());
  std::size_t b = offset, e = offset;
  while (b > 0 && !is_space(decode_code_point(text_, prev_code_point(text_, b)).first)) b = prev_code_point(text_, b);
  while (e < text_.size() && !is_space(decode_code_point(text_, e).first)) e = next_code_point(text_, e);
  anchor_ = b;
  cursor_ = e;
  moved();
}

void WrappedTextCore::move_left(bool word, bool extend) {
  if (has_selection() && !extend && !word) return set_cursor(selection().first);
  set_cursor(word ? word_left(cursor_) : prev_code_point(text_, cursor_), extend);
}

void WrappedTextCore::move_right(bool word, bool extend) {
  if (has_selection() && !extend && !word) return set_cursor(selection().second);
  set_cursor(word ? word_right(cursor_) : next_code_point(text_, cursor_), extend);
}

void WrappedTextCore::vertical(int delta, bool extend) {
  const std::size_t line = line_of(cursor_);
  if (preferred_x_ < 0) preferred_x_ = x_of(cursor_);
  const float keep = preferred_x_;
  const long target = static_cast<long>(line) + delta;
  std::size_t to;
  if (target < 0) to = 0;
  else if (target >= static_cast<long>(lines_.size())) to = text_.size();
  else to = offset_at(static_cast<std::size_t>(target), keep);
  set_cursor(to, extend);
  preferred_x_ = keep;
}

void WrappedTextCore::move_up(bool extend, int lines) { vertical(-lines, extend); }
void WrappedTextCore::move_down(bool extend, int lines) { vertical(lines, extend); }

void WrappedTextCore::move_home(bool extend) { set_cursor(lines_[line_of(cursor_)].begin, extend); }

void WrappedTextCore::move_end(bool extend) {
  const WrappedLine& l = lines_[line_of(cursor_)];
  set_cursor(l.soft && l.end > l.begin ? prev_code_point(text_, l.end) : l.end, extend);
}

void WrappedTextCore::move_text_start(bool extend) { set_cursor(0, extend); }
void WrappedTextCore::move_text_end(bool extend) { set_cursor(text_.size(), extend); }

// --- edits -------------------------------------------------------------------

void WrappedTextCore::push_undo(Run run) {
  if (run == Run::None || run != run_) {
    undo_.push_back({text_, cursor_, anchor_});
    if (undo_.size() > kUndoDepth) undo_.erase(undo_.begin());
  }
  redo_.clear();
  run_ = run;
}

void WrappedTextCore::erase_range(std::size_t begin, std::size_t end) {
  text_.erase(begin, end - begin);
  cursor_ = anchor_ = begin;
}

void WrappedTextCore::insert(std::string_view s) {
  if (s.empty() && !has_selection()) return;
  // a typing run is one undo step per word: a space typed after a word starts the next step
  const bool new_word = !s.empty() && is_space(decode_code_point(s, 0).first) && cursor_ > 0 &&
                        !is_space(decode_code_point(text_, prev_code_point(text_, cursor_)).first);
  push_undo(has_selection() || new_word || s.size() > 8 ? Run::None : Run::Typing);
  if (has_selection()) {
    auto [b, e] = selection();
    erase_range(b, e);
  }
  text_.insert(cursor_, s);
  cursor_ += s.size();
  anchor_ = cursor_;
  preferred_x_ = -1;
  if (new_word || s.size() > 8) run_ = Run::Typing;   // the rest of the word joins this step
  relayout();
}

void WrappedTextCore::backspace(bool word) {
  if (!has_selection() && cursor_ == 0) return;
  push_undo(has_selection() || word ? Run::None : Run::Erasing);
  if (has_selection()) {
    auto [b, e] = selection();
    erase_range(b, e);
  } else {
    erase_range(word ? word_left(cursor_) : prev_code_point(text_, cursor_), cursor_);
  }
  preferred_x_ = -1;
  relayout();
}

void WrappedTextCore::erase_forward(bool word) {
  if (!has_selection() && cursor_ >= text_.size()) return;
  push_undo(has_selection() || word ? Run::None : Run::Erasing);
  if (has_selection()) {
    auto [b, e] = selection();
    erase_range(b, e);
  } else {
    erase_range(cursor_, word ? word_right(cursor_) : next_code_point(text_, cursor_));
  }
  preferred_x_ = -1;
  relayout();
}

void WrappedTextCore::replace(std::size_t begin, std::size_t end, std::string_view s) {
  begin = std::min(begin, text_.size());
  end = std::clamp(end, begin, text_.size());
  push_undo(Run::None);
  text_.replace(begin, end - begin, s);
  cursor_ = anchor_ = begin + s.size();
  preferred_x_ = -1;
  relayout();
}

bool WrappedTextCore::undo() {
  if (undo_.empty()) return false;
  redo_.push_back({text_, cursor_, anchor_});
  Snapshot s = std::move(undo_.back());
  undo_.pop_back();
  text_ = std::move(s.text);
  cursor_ = s.cursor, anchor_ = s.anchor;
  run_ = Run::None;
  preferred_x_ = -1;
  relayout();
  return true;
}

bool WrappedTextCore::redo() {
  if (redo_.empty()) return false;
  undo_.push_back({text_, cursor_, anchor_});
  Snapshot s = std::move(redo_.back());
  redo_.pop_back();
  text_ = std::move(s.text);
  cursor_ = s.cursor, anchor_ = s.anchor;
  run_ = Run::None;
  preferred_x_ = -1;
  relayout();
  return true;
}

}  // namespace uch::app
