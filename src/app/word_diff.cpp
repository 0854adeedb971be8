// Word-level difference of two texts, and drawing it with removed/added words coloured.
#include "word_diff.hpp"

#include <algorithm>
#include <cstdint>

#include <imgui.h>

namespace uch::app {
namespace {

constexpr std::size_t kMaxCells = 4'000'000;  // LCS table limit

std::vector<std::string_view> words(std::string_view text) {
  std::vector<std::string_view> out;
  std::size_t i = 0;
  while (i < text.size()) {
    std::size_t j = i;
    while (j < text.size() && text[j] != ' ' && text[j] != '\n' && text[j] != '\t') ++j;
    while (j < text.size() && (text[j] == ' ' || text[j] == '\n' || text[j] == '\t')) ++j;
    out.push_back(text.substr(i, j - i));
    i = j;
  }
  return out;
}

void push(std::vector<DiffPiece>& out, DiffPiece::Kind kind, std::string_view text) {
  if (!out.empty() && out.back().kind == kind) out.back().text.append(text);
  else out.push_back({kind, std::string(text)});
}

}  // namespace

std::vector<DiffPiece> word_diff(std::string_view before, std::string_view after) {
  std::vector<DiffPiece> out;
  auto a = words(before), b = words(after);
  const std::size_t n = a.size(), m = b.size();
  if ((n + 1) * (m + 1) > kMaxCells) {
    if (!before.empty()) push(out, DiffPiece::Removed, before);
    if (!after.empty()) push(out, DiffPiece::Added, after);
    return out;
  }
  // words compare without the spaces after them ("fox" at the end equals "fox " mid-text)
  auto trimmed = [](std::string_view w) {
    while (!w.empty() && (w.back() == ' ' || w.back() == '\n' || w.back() == '\t')) w.remove_suffix(1);
    return w;
  };
  std::vector<std::string_view> ta(n), tb(m);
  for (std::size_t k = 0; k < n; ++k) ta[k] = trimmed(a[k]);
  for (std::size_t k = 0; k < m; ++k) tb[k] = trimmed(b[k]);
  std::vector<std::uint32_t> len((n + 1) * (m + 1), 0);
  auto at = [&](std::size_t i, std::size_t j) -> std::uint32_t& { return len[i * (m + 1) + j]; };
  for (std::size_t i = n; i-- > 0;)
    for (std::size_t j = m; j-- > 0;)
      at(i, j) = ta[i] == tb[j] ? at(i + 1, j + 1) + 1 : std::max(at(i + 1, j), at(i, j + 1));
  std::size_t i = 0, j = 0;
  while (i < n && j < m) {
    if (ta[i] == tb[j]) push(out, DiffPiece::Same, b[j]), ++i, ++j;
    else if (at(i + 1, j) >= at(i, j + 1)) push(out, DiffPiece::Removed, a[i++]);
    else push(out, DiffPiece::Added, b[j++]);
  }
  while (i < n) push(out, DiffPiece::Removed, a[i++]);
  while (j < m) push(out, DiffPiece::Added, b[j++]);
  return out;
}

void draw_word_diff(const std::vector<DiffPiece>& pieces) {
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const float wrap = ImGui::GetContentRegionAvail().x;
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  const float line_h = ImGui::GetTextLineHeightWithSpacing();
  float x = 0, y = 0;
  for (const DiffPiece& p : pieces) {
    ImU32 col = p.kind == DiffPiece::Same      ? ImGui::GetColorU32(ImGuiCol_Text)
                : p.kind == DiffPiece::Removed ? IM_COL32(240, 110, 100, 255)
                                               : IM_COL32(120, 220, 120, 255);
    for (std::string_view w : words(p.text)) {
      bool newline = !w.empty() && w.back() == '\n';
      std::string_view shown = w;
      while (!shown.empty() && (shown.back() == '\n' || shown.back() == '\t')) shown.remove_suffix(1);
      float width = ImGui::CalcTextSize(shown.data(), shown.data() + shown.size()).x;
      if (x > 0 && x + width > wrap) x = 0, y += line_h;
      ImVec2 pos(origin.x + x, origin.y + y);
      if (p.kind == DiffPiece::Added) dl->AddRectFilled(pos, ImVec2(pos.x + width, pos.y + line_h - 2), IM_COL32(60, 140, 60, 60));
      dl->AddText(pos, col, shown.data(), shown.data() + shown.size());
      if (p.kind == DiffPiece::Removed && width > 0) {
        float my = pos.y + ImGui::GetFontSize() * 0.55f;
        float trail = ImGui::CalcTextSize(" ").x;
        dl->AddLine(ImVec2(pos.x, my), ImVec2(pos.x + width - (!shown.empty() && shown.back() == ' ' ? trail : 0), my), col, 1.0f);
      }
      x += width;
      if (newline) x = 0, y += line_h;
    }
  }
  ImGui::Dummy(ImVec2(wrap, y + line_h));
}

}  // namespace uch::app
