// The wrapped text field's ImGui layer: see wrapped_text_field.hpp. Public imgui.h only: a bordered
// child window (scrolling, clipping), an InvisibleButton for the mouse, keys and characters from
// ImGuiIO, and the editing state in text_field_focus.
#include "wrapped_text_field.hpp"

#include <algorithm>
#include <cmath>

#include <imgui.h>

#include "panel.hpp"
#include "text_field_focus.hpp"

namespace uch::app {
namespace {

bool pressed(ImGuiKey key) { return ImGui::IsKeyPressed(ImGui::GetKeyIndex(key), true); }
bool letter(char upper_case) { return ImGui::IsKeyPressed(upper_case, true); }

/// The characters typed this frame as UTF-8 (UTF-16 surrogate pairs joined; controls dropped).
std::string typed_characters() {
  std::string out;
  const ImVector<ImWchar>& queue = ImGui::GetIO().InputQueueCharacters;
  for (int i = 0; i < queue.Size; ++i) {
    char32_t c = queue[i];
    if (c >= 0xD800 && c <= 0xDBFF && i + 1 < queue.Size && queue[i + 1] >= 0xDC00 && queue[i + 1] <= 0xDFFF) {
      c = 0x10000 + ((c - 0xD800) << 10) + (static_cast<char32_t>(queue[++i]) - 0xDC00);
    } else if (c >= 0xD800 && c <= 0xDFFF) {
      continue;
    }
    if (c < 0x20 && c != '\t') continue;
    if (c == 0x7F) continue;
    if (c < 0x80) {
      out += static_cast<char>(c);
    } else if (c < 0x800) {
      out += static_cast<char>(0xC0 | (c >> 6));
      out += static_cast<char>(0x80 | (c & 0x3F));
    } else if (c < 0x10000) {
      out += static_cast<char>(0xE0 | (c >> 12));
      out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (c & 0x3F));
    } else {
      out += static_cast<char>(0xF0 | (c >> 18));
      out += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
      out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (c & 0x3F));
    }
  }
  return out;
}

/// Pasted text as the field keeps it: "\r\n" and lone "\r" become "\n".
std::string normalized_newlines(const char* s) {
  std::string out;
  for (; s && *s; ++s) {
    if (*s == '\r') {
      out += '\n';
      if (s[1] == '\n') ++s;
    } else {
      out += *s;
    }
  }
  return out;
}

}  // namespace

void WrappedTextField::replace(std::string* text, std::size_t begin, std::size_t end, std::string_view with) {
  if (*text != core_.text()) core_.set_text(*text);
  core_.replace(begin, end, with);
  *text = core_.text();
}

WrappedFieldResult WrappedTextField::draw(const char* label, std::string* text, const WrappedFieldOptions& options) {
  WrappedFieldResult result;
  const ImGuiID id = ImGui::GetID(label);
  const ImGuiStyle& style = ImGui::GetStyle();
  const ImGuiIO& io = ImGui::GetIO();
  if (*text != core_.text()) core_.set_text(*text);   // changed from outside (a load, an undo)

  // --- layout: wrap at the inner width, beside a scrollbar when the text is taller than the field
  ImFont* font = ImGui::GetFont();
  const float font_size = ImGui::GetFontSize();
  const float scale = font_size / font->FontSize;
  const AdvanceFn advance = [font, scale](char32_t c) {
    if (c == '\r') return 0.0f;   // ImGui draws no '\r'
    return font->GetCharAdvance(static_cast<ImWchar>(c > 0xFFFF ? 0xFFFD : c)) * scale;
  };
  const ImVec2 pad = style.FramePadding;
  const float width = std::max(ImGui::GetContentRegionAvail().x, font_size * 4);
  const float line_h = font_size;
  const float visible_h = ImGui::GetWindowContentRegionMax().y - ImGui::GetWindowContentRegionMin().y;
  const float min_h = options.min_height > 0 ? options.min_height : line_h * 3 + pad.y * 2;
  float max_h = options.max_height > 0 ? options.max_height : std::max(visible_h - style.ItemSpacing.y, min_h);
  if (options.fill) max_h = std::max(ImGui::GetContentRegionAvail().y, min_h);
  // the scrollbar's presence is kept from the last frame, so that a long text is laid out once
  core_.layout(width - pad.x * 2 - (scrolls_ ? style.ScrollbarSize : 0), advance, font_size);
  float content_h = static_cast<float>(core_.lines().size()) * line_h + pad.y * 2;
  if ((content_h > max_h) != scrolls_) {
    scrolls_ = !scrolls_;
    core_.layout(width - pad.x * 2 - (scrolls_ ? style.ScrollbarSize : 0), advance, font_size);
    content_h = static_cast<float>(core_.lines().size()) * line_h + pad.y * 2;
  }
  const float height = options.fill ? max_h : std::clamp(content_h, min_h, max_h);

  // --- lost since the last frame: another field took the keyboard, or this one was not drawn
  bool active = text_field_editor() == id;
  if (editing_ && !active) result.committed = edited_;
  const bool take = options.activate && !active;
  if (take) ImGui::SetNextWindowFocus();   // the child takes keyboard focus, as a click gives it

  // --- the frame: a child window for scrolling and clipping; Tab is the field's, not ImGui's navigation
  ImGui::PushStyleColor(ImGuiCol_ChildBg, style.Colors[ImGuiCol_FrameBg]);
  ImGui::PushStyleVar(ImGuiStyleVar_ChildRounding, style.FrameRounding);
  ImGui::PushStyleVar(ImGuiStyleVar_ChildBorderSize, style.FrameBorderSize);
  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(0, 0));
  const ImGuiWindowFlags child_flags = ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoNavInputs |
                                       (scrolls_ ? ImGuiWindowFlags_AlwaysVerticalScrollbar : 0);
  const bool visible = ImGui::BeginChild(label, ImVec2(width, height), true, child_flags);
  ImGui::PopStyleVar(3);
  ImGui::PopStyleColor();
  const ImVec2 top = ImGui::GetCursorScreenPos();   // scrolled with the text
  const ImVec2 origin(top.x + pad.x, top.y + pad.y);
  const float inner_w = std::max(ImGui::GetContentRegionAvail().x, 1.0f);   // the scrollbar left out

  // --- the mouse: a button under the whole text (the scrollbar is outside it)
  bool hovered = false, button_active = false, in_field = false;
  if (visible) {
    ImGui::InvisibleButton("##text", ImVec2(inner_w, std::max(content_h, ImGui::GetWindowHeight())));
    hovered = ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenBlockedByActiveItem);
    button_active = ImGui::IsItemActive();
    in_field = ImGui::IsWindowHovered(ImGuiHoveredFlags_AllowWhenBlockedByActiveItem);
    if (hovered) ImGui::SetMouseCursor(ImGuiMouseCursor_TextInput);
  }
  const bool clicked = hovered && ImGui::IsMouseClicked(0);

  // --- taking and leaving the keyboard
  if ((clicked || take) && !active) {
    take_text_field(id);
    active = true;
    revert_ = core_.text();
    edited_ = false;
    others_busy_ = ImGui::IsAnyItemActive() && !button_active;
    if (!clicked) {
      if (options.activate_at < core_.text().size()) core_.set_cursor(options.activate_at);
      else core_.move_text_end(false);
    }
  }
  const bool took = active && !editing_;
  if (!ImGui::IsAnyItemActive()) others_busy_ = false;
  bool leave = false;
  if (active && !took) {
    if (ImGui::IsMouseClicked(0) && !in_field) leave = true;                                      // a click elsewhere
    else if (ImGui::IsAnyItemActive() && !button_active && !others_busy_) leave = true;          // another widget took it
  }
  if (active) {
    keep_text_field(id);
    ImGui::CaptureKeyboardFromApp(true);
  }

  const auto offset_at_mouse = [&]() {
    const float ly = std::floor((io.MousePos.y - origin.y) / line_h);
    const std::size_t line = ly < 0 ? 0 : std::min(static_cast<std::size_t>(ly), core_.lines().size() - 1);
    return core_.offset_at(line, io.MousePos.x - origin.x);
  };

  // --- mouse: click places the cursor (Shift extends), double-click takes a word, drag selects
  bool follow_cursor = false;
  if (active && !leave) {
    if (clicked) {
      if (ImGui::IsMouseDoubleClicked(0)) core_.select_word_at(offset_at_mouse());
      else core_.set_cursor(offset_at_mouse(), io.KeyShift);
      selecting_ = true;
    } else if (selecting_ && ImGui::IsMouseDown(0) && (io.MouseDelta.x != 0 || io.MouseDelta.y != 0)) {
      core_.set_cursor(offset_at_mouse(), true);
      follow_cursor = true;
    }
    if (!ImGui::IsMouseDown(0)) selecting_ = false;
  }

  // --- keys and characters (not in the frame the field takes the keyboard: that key or click was not for it)
  if (active && !took && !leave) {
    const bool ctrl = io.KeyCtrl, shift = io.KeyShift, ro = options.read_only;
    const std::size_t page = std::max<std::size_t>(1, static_cast<std::size_t>((height - pad.y * 2) / line_h) - 1);
    bool keyed = true;
    if (pressed(ImGuiKey_LeftArrow)) core_.move_left(ctrl, shift);
    else if (pressed(ImGuiKey_RightArrow)) core_.move_right(ctrl, shift);
    else if (pressed(ImGuiKey_UpArrow)) core_.move_up(shift);
    else if (pressed(ImGuiKey_DownArrow)) core_.move_down(shift);
    else if (pressed(ImGuiKey_PageUp)) core_.move_up(shift, static_cast<int>(page));
    else if (pressed(ImGuiKey_PageDown)) core_.move_down(shift, static_cast<int>(page));
    else if (pressed(ImGuiKey_Home)) ctrl ? core_.move_text_start(shift) : core_.move_home(shift);
    else if (pressed(ImGuiKey_End)) ctrl ? core_.move_text_end(shift) : core_.move_end(shift);
    else if (pressed(ImGuiKey_Backspace) && !ro) core_.backspace(ctrl);
    else if (pressed(ImGuiKey_Delete) && !ro) core_.erase_forward(ctrl);
    else if ((pressed(ImGuiKey_Enter) || pressed(ImGuiKey_KeyPadEnter)) && !ro && !ctrl) core_.insert("\n");
    else if (pressed(ImGuiKey_Tab) && !ctrl) {
      result.tab_pressed = true;
      leave = !options.claim_tab;
    }
    else if (ctrl && letter('A')) core_.select_all();
    else if (ctrl && letter('C') && core_.has_selection()) ImGui::SetClipboardText(core_.selected_text().c_str());
    else if (ctrl && letter('X') && core_.has_selection()) {
      ImGui::SetClipboardText(core_.selected_text().c_str());
      if (!ro) core_.backspace(false);
    } else if (ctrl && letter('V') && !ro) {
      if (const char* clip = ImGui::GetClipboardText()) core_.insert(normalized_newlines(clip));
    } else if (ctrl && letter('Z') && !ro) shift ? core_.redo() : core_.undo();
    else if (ctrl && letter('Y') && !ro) core_.redo();
    else keyed = false;
    follow_cursor |= keyed;
    // Characters typed with Ctrl are shortcuts, not text (as InputText has it).
    if (!ro && !(ctrl && !io.KeyAlt)) {
      const std::string typed = typed_characters();
      if (!typed.empty()) {
        core_.insert(typed);
        follow_cursor = true;
      }
    }
    if (pressed(ImGuiKey_Escape)) {   // leaves the field as it was when it took the keyboard
      if (!ro && core_.text() != revert_) core_.set_text(revert_);
      leave = true;
    }
  }
  if (core_.text() != *text) {
    *text = core_.text();
    result.edited = true;
    edited_ = true;
    content_h = static_cast<float>(core_.lines().size()) * line_h + pad.y * 2;
  }
  if (leave) {
    release_text_field(id);
    active = false;
    result.committed = edited_;
    selecting_ = false;
  }
  if (took) follow_cursor = true;

  // --- keep the cursor in view
  if (follow_cursor && active) {
    const float y = static_cast<float>(core_.line_of(core_.cursor())) * line_h;
    const float scroll = ImGui::GetScrollY(), view = height - pad.y * 2;
    if (y < scroll) ImGui::SetScrollY(y);
    else if (y + line_h > scroll + view) ImGui::SetScrollY(y + line_h - view);
  }

  // --- drawing: the visible lines only, the selection under them, the cursor over them
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const auto& lines = core_.lines();
  const std::string& s = core_.text();
  const float scroll = ImGui::GetScrollY();
  const std::size_t first = static_cast<std::size_t>(std::max(0.0f, std::floor((scroll - pad.y) / line_h)));
  const std::size_t last = std::min(lines.size(), first + static_cast<std::size_t>(height / line_h) + 2);
  const auto x_in_line = [&](const WrappedLine& l, std::size_t offset) {
    float x = 0;
    for (std::size_t i = l.begin; i < offset;) {
      auto [cp, len] = decode_code_point(s, i);
      x += advance(cp);
      i += len;
    }
    return x;
  };
  auto [sel_b, sel_e] = core_.selection();
  const ImU32 sel_col = ImGui::GetColorU32(ImGuiCol_TextSelectedBg, active ? 1.0f : 0.5f);
  const ImU32 text_col = ImGui::GetColorU32(ImGuiCol_Text);
  for (std::size_t i = first; i < last; ++i) {
    const WrappedLine& l = lines[i];
    const ImVec2 at(origin.x, origin.y + static_cast<float>(i) * line_h);
    if (sel_b != sel_e && sel_b <= l.end && sel_e > l.begin) {
      const float x0 = x_in_line(l, std::max(sel_b, l.begin));
      float x1 = x_in_line(l, std::min(sel_e, l.end));
      if (sel_e > l.end && !l.soft) x1 += font_size * 0.4f;   // the selected line break
      dl->AddRectFilled(ImVec2(at.x + x0, at.y), ImVec2(at.x + x1, at.y + line_h), sel_col);
    }
    if (l.end > l.begin) dl->AddText(font, font_size, at, text_col, s.data() + l.begin, s.data() + l.end);
    if (options.probe && probe_enabled())
      probe_rect(std::string(options.probe) + "/line/" + std::to_string(i),
                 ProbeRect{at.x, at.y, at.x + x_in_line(l, l.end), at.y + line_h, s.substr(l.begin, l.end - l.begin)});
  }
  if (active) {
    const std::size_t cl = core_.line_of(core_.cursor());
    const float cx = origin.x + x_in_line(lines[cl], core_.cursor());
    const float cy = origin.y + static_cast<float>(cl) * line_h;
    dl->AddLine(ImVec2(cx, cy), ImVec2(cx, cy + line_h - 1), text_col);
    if (options.probe && probe_enabled())
      probe_rect(std::string(options.probe) + "/cursor", ProbeRect{cx, cy, cx + 1, cy + line_h, std::to_string(core_.cursor())});
  }
  // the scrolled extent: the text as it is after this frame's edits
  ImGui::SetCursorScreenPos(top);
  ImGui::Dummy(ImVec2(inner_w, content_h));
  ImGui::EndChild();
  // Tab goes on to the next input of the window (ImGui's own Tab navigation is off in the field)
  if (result.tab_pressed && !options.claim_tab && options.tab_to_next_input && !io.KeyShift) ImGui::SetKeyboardFocusHere();
  editing_ = active;
  result.active = active;
  return result;
}

}  // namespace uch::app
