// The body read, with clickable [[links]]: see body_reading_view.hpp.
#include "body_reading_view.hpp"

#include <algorithm>
#include <cmath>

#include <imgui.h>

#include "editor_state.hpp"
#include "panel.hpp"
#include "ui_common.hpp"
#include "uchronia/date.hpp"

namespace uch::app {
namespace {

const ImVec4 kLinkColor(0.55f, 0.75f, 1.0f, 1.0f);
const ImVec4 kDanglingColor(0.95f, 0.45f, 0.40f, 1.0f);
const ImVec4 kAmbiguousColor(0.95f, 0.75f, 0.25f, 1.0f);

std::string first_line(const std::string& text) {
  std::string line = text.substr(0, text.find('\n'));
  if (line.size() > 160) {   // cut between code points
    std::size_t cut = 157;
    while (cut > 0 && (static_cast<unsigned char>(line[cut]) & 0xC0) == 0x80) --cut;
    line = line.substr(0, cut) + "\xE2\x80\xA6";
  }
  return line;
}

/// Slants the glyphs drawn since `from` (an italic for a font that has none).
void slant(ImDrawList* dl, int from, float baseline) {
  for (int i = from; i < dl->VtxBuffer.Size; ++i) dl->VtxBuffer[i].pos.x += (baseline - dl->VtxBuffer[i].pos.y) * 0.2f;
}

}  // namespace

void BodyReadingView::resolve(EditorState& state) {
  if (resolved_generation_ == state.generation()) return;
  resolved_generation_ = state.generation();
  targets_.assign(read_.links.size(), {});
  if (read_.links.empty()) return;
  if (resolver_generation_ != state.generation()) {   // the core's one rule: ids, names, aliases, titles
    resolver_ = LinkResolver(state.document());
    resolver_generation_ = state.generation();
  }
  for (std::size_t i = 0; i < read_.links.size(); ++i) targets_[i] = resolver_.resolve(read_.links[i].target);
}

void BodyReadingView::hover_card(EditorState& state, const ReadingLink& link, const std::vector<std::string>& ids,
                                 const std::string& probe_key) {
  // The card's lines, then drawn: the same text is what the tests read.
  std::string heading, dates, first;
  ImVec4 heading_color = ImGui::GetStyleColorVec4(ImGuiCol_Text);
  if (ids.empty()) {
    heading = "Dangling link: no entry or entity is named \xE2\x80\x9C" + link.target + "\xE2\x80\x9D";
    heading_color = kDanglingColor;
  } else if (ids.size() > 1) {
    heading = "Ambiguous link: " + std::to_string(ids.size()) + " items are named \xE2\x80\x9C" + link.target + "\xE2\x80\x9D";
    heading_color = kAmbiguousColor;
    for (const auto& id : ids) first += (first.empty() ? "" : ", ") + state.label_of(id);
  } else if (const Entry* e = state.entry(ids.front())) {
    heading = e->title;
    dates = e->date.empty() ? "undated" : format_human(e->date, e->calendar);
    first = first_line(e->body);
  } else if (const Entity* en = state.entity(ids.front())) {
    heading = en->name + " (" + to_string(en->kind) + ")";
    if (!en->start.empty() || !en->end.empty())
      dates = (en->start.empty() ? "?" : format_human(en->start, en->calendar)) + " \xE2\x80\x93 " +
              (en->end.empty() ? "" : format_human(en->end, en->calendar));
    first = first_line(en->notes);
  }
  ImGui::BeginTooltip();
  ImGui::PushTextWrapPos(ImGui::GetFontSize() * 28.0f);
  ImGui::PushStyleColor(ImGuiCol_Text, heading_color);
  ImGui::TextWrapped("%s", heading.c_str());
  ImGui::PopStyleColor();
  if (!dates.empty()) ImGui::TextDisabled("%s", dates.c_str());
  if (!first.empty()) ImGui::TextWrapped("%s", first.c_str());
  ImGui::PopTextWrapPos();
  ImGui::EndTooltip();
  probe_text(probe_key + "/card", heading + "\n" + dates + "\n" + first);
}

bool BodyReadingView::draw(EditorState& state, const char* id, const std::string& probe_key, const std::string& markdown,
                           const char* placeholder) {
  if (markdown != source_) {
    source_ = markdown;
    read_ = reading_text(markdown);
    laid_width_ = -1;
    resolved_generation_ = ~0ull;
  }
  resolve(state);

  ImFont* font = ImGui::GetFont();
  const float font_size = ImGui::GetFontSize(), scale = font_size / font->FontSize;
  const AdvanceFn advance = [font, scale](char32_t c) {
    if (c == '\r') return 0.0f;
    return font->GetCharAdvance(static_cast<ImWchar>(c > 0xFFFF ? 0xFFFD : c)) * scale;
  };
  const ImGuiStyle& style = ImGui::GetStyle();
  const ImVec2 pad = style.FramePadding;
  const float width = std::max(ImGui::GetContentRegionAvail().x, font_size * 4), line_h = font_size;
  const float visible_h = ImGui::GetWindowContentRegionMax().y - ImGui::GetWindowContentRegionMin().y;
  const float min_h = line_h * 3 + pad.y * 2, max_h = std::max(visible_h - style.ItemSpacing.y, min_h);
  const auto lay_out = [&] {
    const float w = width - pad.x * 2 - (scrolls_ ? style.ScrollbarSize : 0);
    if (w != laid_width_ || font_size != laid_font_) lines_ = wrap_text(read_.text, w, advance);
    laid_width_ = w, laid_font_ = font_size;
    return static_cast<float>(lines_.size()) * line_h + pad.y * 2;
  };
  float content_h = lay_out();
  if ((content_h > max_h) != scrolls_) {
    scrolls_ = !scrolls_;
    content_h = lay_out();
  }
  const float height = std::clamp(content_h, min_h, max_h);

  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(0, 0));
  ImGui::BeginChild(id, ImVec2(width, height), true, scrolls_ ? ImGuiWindowFlags_AlwaysVerticalScrollbar : 0);
  ImGui::PopStyleVar();
  const ImVec2 top = ImGui::GetCursorScreenPos();
  const ImVec2 origin(top.x + pad.x, top.y + pad.y);
  ImGui::InvisibleButton("##read", ImVec2(std::max(1.0f, width - (scrolls_ ? style.ScrollbarSize : 0)), std::max(content_h, height)));
  const bool clicked = ImGui::IsItemClicked(ImGuiMouseButton_Left);
  const ImVec2 mouse = ImGui::GetIO().MousePos;
  const bool hovered = ImGui::IsItemHovered();

  ImDrawList* dl = ImGui::GetWindowDrawList();
  int hovered_link = -1;
  if (read_.text.empty() && placeholder) {
    dl->AddText(origin, ImGui::GetColorU32(ImGuiCol_TextDisabled), placeholder);
  }
  const float scroll = ImGui::GetScrollY();
  const std::size_t first = static_cast<std::size_t>(std::max(0.0f, std::floor((scroll - pad.y) / line_h)));
  const std::size_t last = std::min(lines_.size(), first + static_cast<std::size_t>(height / line_h) + 2);
  const std::string& s = read_.text;
  const float bold_shift = std::max(1.0f, font_size / 18.0f);
  for (std::size_t li = first; li < last; ++li) {
    const WrappedLine& l = lines_[li];
    const float y = origin.y + static_cast<float>(li) * line_h;
    float x = origin.x;
    auto span = std::lower_bound(read_.spans.begin(), read_.spans.end(), l.begin,
                                 [](const ReadingSpan& sp, std::size_t at) { return sp.end <= at; });
    for (; span != read_.spans.end() && span->begin < l.end; ++span) {
      const std::size_t a = std::max(span->begin, l.begin), b = std::min(span->end, l.end);
      if (a >= b) continue;
      float w = 0;
      for (std::size_t i = a; i < b;) {
        auto [cp, len] = decode_code_point(s, i);
        w += advance(cp);
        i += len;
      }
      ImVec4 color = ImGui::GetStyleColorVec4(ImGuiCol_Text);
      const std::vector<std::string>* ids = span->link >= 0 ? &targets_[static_cast<std::size_t>(span->link)] : nullptr;
      if (ids) color = ids->empty() ? kDanglingColor : ids->size() > 1 ? kAmbiguousColor : kLinkColor;
      else if (span->style & kReadCode) color = ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled);
      const ImU32 col = ImGui::GetColorU32(color);
      const int vtx_from = dl->VtxBuffer.Size;
      dl->AddText(font, font_size, ImVec2(x, y), col, s.data() + a, s.data() + b);
      if (span->style & kReadStrong) dl->AddText(font, font_size, ImVec2(x + bold_shift, y), col, s.data() + a, s.data() + b);
      if (span->style & kReadEmphasis) slant(dl, vtx_from, y + line_h * 0.8f);
      if (ids) {
        const float uy = y + line_h - 1;
        if (ids->size() == 1) {
          dl->AddLine(ImVec2(x, uy), ImVec2(x + w, uy), col);
        } else {   // dangling or ambiguous: a dashed underline
          for (float dx = 0; dx < w; dx += 6) dl->AddLine(ImVec2(x + dx, uy), ImVec2(x + std::min(w, dx + 3), uy), col);
        }
        const bool over = hovered && mouse.x >= x && mouse.x < x + w && mouse.y >= y && mouse.y < y + line_h;
        if (over) hovered_link = span->link;
        const std::string key = probe_key + "/link/" + std::to_string(span->link);
        if (probe_enabled() && !probe_find(key))
          probe_rect(key, ProbeRect{x, y, x + w, y + line_h,
                                    (ids->empty() ? "dangling: " : ids->size() > 1 ? "ambiguous: " : "") +
                                        read_.links[static_cast<std::size_t>(span->link)].label});
      }
      x += w;
    }
    if (probe_enabled())
      probe_rect(probe_key + "/line/" + std::to_string(li), ProbeRect{origin.x, y, x, y + line_h, s.substr(l.begin, l.end - l.begin)});
  }
  ImGui::EndChild();

  if (hovered_link >= 0) {
    const auto& ids = targets_[static_cast<std::size_t>(hovered_link)];
    if (ids.size() == 1) ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
    hover_card(state, read_.links[static_cast<std::size_t>(hovered_link)], ids, probe_key);
  }
  if (!clicked) return false;
  if (hovered_link >= 0 && targets_[static_cast<std::size_t>(hovered_link)].size() == 1) {
    state.select(targets_[static_cast<std::size_t>(hovered_link)].front());
    return false;
  }
  // beside the links, or on one that names nothing: the writer wants to write, there
  clicked_source_ = std::string::npos;
  const float ly = std::floor((mouse.y - origin.y) / line_h);
  if (ly >= 0 && static_cast<std::size_t>(ly) < lines_.size()) {
    const WrappedLine& l = lines_[static_cast<std::size_t>(ly)];
    std::size_t at = l.begin;
    for (float x = origin.x; at < l.end;) {   // the character boundary nearest the pointer
      auto [cp, len] = decode_code_point(s, at);
      if (cp == '\n' || mouse.x < x + advance(cp) / 2) break;
      x += advance(cp);
      at += len;
    }
    clicked_source_ = source_offset(read_, at);
  }
  return true;
}

}  // namespace uch::app
