// The Legend window and the badges it explains: see timeline_legend.hpp.
#include "timeline_legend.hpp"

#include <string>

#include "editor_state.hpp"
#include "panels/panels.hpp"
#include "timeline_arrows.hpp"
#include "ui_common.hpp"

namespace uch::app {
namespace {

const ImU32 kMark = IM_COL32(130, 175, 242, 255);
const ImU32 kBand = IM_COL32(130, 175, 242, 115);
const ImU32 kClear = IM_COL32(130, 175, 242, 0);
const ImU32 kDivergence = IM_COL32(235, 70, 60, 255);

ImU32 badge_color(Severity severity) { return ImGui::ColorConvertFloat4ToU32(severity_color(severity)); }

void badge(ImDrawList* dl, ImVec2 at, Severity severity, int count) {
  const float r = ImGui::GetFontSize() * 0.32f;
  dl->AddCircleFilled(at, r, badge_color(severity), 12);
  if (count > 1 && count < 10) {
    const char digit[2] = {static_cast<char>('0' + count), 0};
    const ImVec2 ts = ImGui::CalcTextSize(digit);
    dl->AddText(nullptr, ImGui::GetFontSize() * 0.7f, ImVec2(at.x - ts.x * 0.35f, at.y - ts.y * 0.35f), IM_COL32(0, 0, 0, 255), digit);
  }
}

void os_mark(ImDrawList* dl, ImVec2 at) {
  dl->AddText(nullptr, ImGui::GetFontSize() * 0.7f, at, IM_COL32(240, 220, 150, 255), "OS");
}

/// One legend row: a sample drawn in a box one line high and 4 ems wide, then the explanation.
template <class Draw>
void row(const char* key, const char* text, Draw draw) {
  const float em = ImGui::GetFontSize();
  const ImVec2 p = ImGui::GetCursorScreenPos();
  ImGui::Dummy(ImVec2(em * 4.5f, em * 1.3f));
  draw(ImGui::GetWindowDrawList(), p.x + em * 0.25f, p.y + em * 0.65f, em * 4.0f);
  ImGui::SameLine();
  ImGui::TextWrapped("%s", text);   // a narrow window wraps the explanation instead of cutting it
  probe_text(std::string("legend/") + key, text);
}

class LegendPanel final : public Panel {
 public:
  LegendPanel() : Panel(kLegendTitle) {}
  void default_rect(float& x, float& y, float& w, float& h) const override { x = 0.55f, y = 0.06f, w = 0.36f, h = 0.66f; }
  bool open_by_default() const override { return false; }

  void draw(EditorState& state) override {
    if (state.requests.show_legend) {
      open = true;
      state.requests.show_legend = false;
      ImGui::SetNextWindowFocus();
    }
    if (!open) return;
    if (!begin_window(state)) return;
    const float em = ImGui::GetFontSize();
    const float bh = em * 0.5f;
    ImGui::TextDisabled("Entries");
    row("point", "a dated entry (a day; a month or a year shows the span it covers, faintly)", [&](ImDrawList* dl, float x, float y, float w) {
      dl->AddRectFilled(ImVec2(x, y - 2), ImVec2(x + w, y + 2), IM_COL32(130, 175, 242, 76));
      dl->AddCircleFilled(ImVec2(x + w * 0.5f, y), em * 0.32f, kMark, 12);
    });
    row("interval", "an interval (from ... to); drag an end to change it", [&](ImDrawList* dl, float x, float y, float w) {
      dl->AddRectFilled(ImVec2(x, y - bh), ImVec2(x + w, y + bh), kBand);
      dl->AddLine(ImVec2(x, y - bh), ImVec2(x, y + bh), kMark, 2.0f);
      dl->AddLine(ImVec2(x + w, y - bh), ImVec2(x + w, y + bh), kMark, 2.0f);
    });
    row("fuzzy-ends", "fuzzy ends: an interval whose dates are approximate or uncertain", [&](ImDrawList* dl, float x, float y, float w) {
      const float f = w * 0.3f;
      dl->AddRectFilledMultiColor(ImVec2(x, y - bh), ImVec2(x + f, y + bh), kClear, kBand, kBand, kClear);
      dl->AddRectFilled(ImVec2(x + f, y - bh), ImVec2(x + w - f, y + bh), kBand);
      dl->AddRectFilledMultiColor(ImVec2(x + w - f, y - bh), ImVec2(x + w, y + bh), kBand, kClear, kClear, kBand);
    });
    row("approximate", "approximate (c. 1921, 1921~) or uncertain (1921?): a ring with a halo", [&](ImDrawList* dl, float x, float y, float w) {
      dl->AddCircleFilled(ImVec2(x + w * 0.5f, y), em * 0.32f + 3, IM_COL32(130, 175, 242, 64), 12);
      dl->AddCircle(ImVec2(x + w * 0.5f, y), em * 0.32f, kMark, 12, 1.5f);
    });
    row("uncertain", "uncertain or approximate span: it fades out to either side", [&](ImDrawList* dl, float x, float y, float w) {
      const float c = x + w * 0.5f;
      dl->AddRectFilledMultiColor(ImVec2(x, y - 3), ImVec2(c, y + 3), kClear, kBand, kBand, kClear);
      dl->AddRectFilledMultiColor(ImVec2(c, y - 3), ImVec2(x + w, y + 3), kBand, kClear, kClear, kBand);
      dl->AddCircle(ImVec2(c, y), em * 0.32f, kMark, 12, 1.5f);
    });
    row("open-ended", "open-ended (1922/..): runs on to the edge of the view, fading", [&](ImDrawList* dl, float x, float y, float w) {
      dl->AddLine(ImVec2(x, y - bh), ImVec2(x, y + bh), kMark, 2.0f);
      dl->AddRectFilled(ImVec2(x, y - bh), ImVec2(x + w * 0.5f, y + bh), kBand);
      dl->AddRectFilledMultiColor(ImVec2(x + w * 0.5f, y - bh), ImVec2(x + w, y + bh), kBand, kClear, kClear, kBand);
    });
    row("old-style", "OS: the entry's dates are Old Style (Julian), shown as written", [&](ImDrawList* dl, float x, float y, float w) {
      dl->AddCircleFilled(ImVec2(x + w * 0.4f, y), em * 0.32f, kMark, 12);
      os_mark(dl, ImVec2(x + w * 0.4f + em * 0.35f, y - em * 0.75f));
    });
    row("error-badge", "a badge: the entry has problems (red: an error, amber: a warning)", [&](ImDrawList* dl, float x, float y, float w) {
      dl->AddCircleFilled(ImVec2(x + w * 0.4f, y), em * 0.32f, kMark, 12);
      badge(dl, ImVec2(x + w * 0.4f + em * 0.45f, y - em * 0.4f), Severity::Error, 1);
    });
    row("divergence", "the point of divergence (tagged divergence): a red line across every lane", [&](ImDrawList* dl, float x, float y, float w) {
      const float c = x + w * 0.5f, r = em * 0.32f;
      dl->AddLine(ImVec2(c, y - em * 0.65f), ImVec2(c, y + em * 0.65f), IM_COL32(235, 70, 60, 140), 2.0f);
      dl->AddQuadFilled(ImVec2(c, y - r - 2), ImVec2(c + r + 2, y), ImVec2(c, y + r + 2), ImVec2(c - r - 2, y), kDivergence);
    });
    row("filtered", "left out by the entries filter: faint (or hidden, see \"hide filtered out\")", [&](ImDrawList* dl, float x, float y, float w) {
      dl->AddCircleFilled(ImVec2(x + w * 0.5f, y), em * 0.32f, IM_COL32(130, 175, 242, 56), 12);
    });
    row("density", "too many to draw one by one: bars count the entries (click to zoom in)", [&](ImDrawList* dl, float x, float y, float w) {
      const float hs[] = {0.3f, 0.6f, 1.0f, 0.8f, 0.4f, 0.2f, 0.5f};
      for (int i = 0; i < 7; ++i)
        dl->AddRectFilled(ImVec2(x + w * i / 7.0f, y + em * 0.55f - em * hs[i]), ImVec2(x + w * (i + 1) / 7.0f - 1, y + em * 0.55f), kBand);
    });
    ImGui::Separator();
    ImGui::TextDisabled("Relations (Ctrl+drag from one entry to another adds one)");
    const RelationType types[] = {RelationType::Causes, RelationType::Before, RelationType::After, RelationType::Ends,
                                  RelationType::During};
    for (RelationType type : types) {
      const std::string key = std::string("relation-") + to_string(type);
      row(key.c_str(), to_string(type), [&](ImDrawList* dl, float x, float y, float w) { arrow(dl, x, y, w, relation_color(type, false)); });
    }
    row("relation-violated", "a relation the dates contradict (relation.violated)",
        [&](ImDrawList* dl, float x, float y, float w) { arrow(dl, x, y, w, relation_color(RelationType::Before, true)); });
    ImGui::End();
  }

 private:
  static void arrow(ImDrawList* dl, float x, float y, float w, ImU32 col) {
    const float h = ImGui::GetFontSize() * 0.45f;
    dl->AddLine(ImVec2(x, y), ImVec2(x + w - h, y), col, 2.0f);
    dl->AddTriangleFilled(ImVec2(x + w, y), ImVec2(x + w - h, y - h * 0.5f), ImVec2(x + w - h, y + h * 0.5f), col);
  }
};

}  // namespace

void draw_entry_badges(EditorState& state, const TimelineMarks& marks, ImDrawList* dl) {
  const auto& rows = state.rows();
  const float em = ImGui::GetFontSize();
  for (const DrawnMark& m : marks.marks()) {
    if (m.row >= rows.size()) continue;
    const EntryRow& r = rows[m.row];
    if (r.calendar == Calendar::Julian) os_mark(dl, ImVec2(m.x_lo - em * 0.2f, m.cy - em * 1.05f));
    if (const EditorState::Badge* b = state.badge(r.id); b && b->count > 0)
      badge(dl, ImVec2(m.x_hi + em * 0.45f, m.cy - em * 0.4f), b->worst, b->count);
  }
}

std::unique_ptr<Panel> make_legend_panel() { return std::make_unique<LegendPanel>(); }

}  // namespace uch::app
