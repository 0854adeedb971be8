// The panels' layout on screen: panel_layout's rects for this frame's work area, the splitter bars
// between panels (drawn on a background window behind them, dragged with the mouse), and the
// remembered arrangement.
#include <cmath>

#include <imgui.h>
#include <spdlog/spdlog.h>

#include "shell.hpp"
#include "ui_common.hpp"

namespace uch::app {
namespace {

LayoutMetrics metrics() {
  const float em = ImGui::GetFontSize();
  LayoutMetrics m;
  m.gap = std::max(4.0f, std::round(em * 0.4f));
  m.min_width = std::round(em * 11.0f);
  m.min_height = std::round(em * 4.5f);
  return m;
}

const char* cut_name(Cut cut) {
  switch (cut) {
    case Cut::Rows: return "rows";
    case Cut::Columns: return "columns";
    case Cut::Top: return "top";
    case Cut::Side: break;
  }
  return "side";
}

/// Panels shown <-> the layout's `shown`: the panels' open flags (View menu, close buttons) rule.
void sync_shown(Shell& shell) {
  for (int i = 0; i < kSlotCount; ++i)
    if (Panel* p = find_panel(shell.panels, slot_title(static_cast<Slot>(i)))) shell.layout.shown[i] = p->open;
}

/// The bars, each on a window of its own that covers just the gap between two panels (a window over
/// the whole area would take the panels' clicks); a drag moves the bar's two neighbours, from the
/// layout as it was when the drag began.
void draw_splitters(Shell& shell, const LayoutRect& area, const LayoutMetrics& m) {
  constexpr ImGuiWindowFlags kFlags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                                      ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoBringToFrontOnFocus |
                                      ImGuiWindowFlags_NoFocusOnAppearing | ImGuiWindowFlags_NoNav |
                                      ImGuiWindowFlags_NoBackground | ImGuiWindowFlags_NoScrollbar |
                                      ImGuiWindowFlags_NoScrollWithMouse;
  Shell::SplitterDrag& drag = shell.splitter_drag;
  const ImGuiIO& io = ImGui::GetIO();
  const auto splitters = shell.computed_layout.splitters;   // the bars as laid out at the frame's start
  bool moved = false;
  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(0, 0));
  ImGui::PushStyleVar(ImGuiStyleVar_WindowBorderSize, 0.0f);
  ImGui::PushStyleVar(ImGuiStyleVar_WindowMinSize, ImVec2(1, 1));
  for (std::size_t i = 0; i < splitters.size(); ++i) {
    const Splitter& bar = splitters[i];
    const std::string name = std::string("##splitter/") + cut_name(bar.cut) + "/" + std::to_string(bar.before) + "-" +
                             std::to_string(bar.after);
    const ImVec2 size(std::max(1.0f, bar.rect.w), std::max(1.0f, bar.rect.h));
    ImGui::SetNextWindowPos(ImVec2(bar.rect.x, bar.rect.y));
    ImGui::SetNextWindowSize(size);
    if (ImGui::Begin(name.c_str(), nullptr, kFlags)) {
      ImGui::SetCursorScreenPos(ImVec2(bar.rect.x, bar.rect.y));
      ImGui::InvisibleButton("##bar", size);
      probe_item("layout/" + name.substr(2));   // layout/splitter/columns/0-1
      const bool hovered = ImGui::IsItemHovered(), active = ImGui::IsItemActive();
      if (hovered || active) ImGui::SetMouseCursor(bar.vertical ? ImGuiMouseCursor_ResizeEW : ImGuiMouseCursor_ResizeNS);
      if (ImGui::IsItemActivated()) {
        drag.index = static_cast<int>(i);
        drag.start_mouse = bar.vertical ? io.MousePos.x : io.MousePos.y;
        drag.start = shell.layout;
        drag.start_layout = shell.computed_layout;
      }
      if (active && drag.index == static_cast<int>(i)) {
        LayoutSettings next = drag.start;
        drag_splitter(next, drag.start_layout, drag.index, (bar.vertical ? io.MousePos.x : io.MousePos.y) - drag.start_mouse, m);
        next.shown = shell.layout.shown;
        if (!(next == shell.layout)) shell.layout = next, moved = true;
      }
      // a thin line; the whole bar when it can be or is being dragged
      const ImU32 colour = ImGui::GetColorU32(active ? ImGuiCol_SeparatorActive : hovered ? ImGuiCol_SeparatorHovered : ImGuiCol_Separator);
      ImDrawList* dl = ImGui::GetWindowDrawList();
      if (hovered || active) {
        dl->AddRectFilled(ImVec2(bar.rect.x, bar.rect.y), ImVec2(bar.rect.right(), bar.rect.bottom()), colour);
      } else if (bar.vertical) {
        const float x = std::floor(bar.rect.x + bar.rect.w / 2);
        dl->AddRectFilled(ImVec2(x, bar.rect.y + m.gap), ImVec2(x + 1, bar.rect.bottom() - m.gap), colour);
      } else {
        const float y = std::floor(bar.rect.y + bar.rect.h / 2);
        dl->AddRectFilled(ImVec2(bar.rect.x + m.gap, y), ImVec2(bar.rect.right() - m.gap, y + 1), colour);
      }
    }
    ImGui::End();
  }
  ImGui::PopStyleVar(3);
  if (!ImGui::IsMouseDown(ImGuiMouseButton_Left)) drag.index = -1;
  if (moved) shell.computed_layout = compute_layout(shell.layout, area, m);
}

}  // namespace

void Shell::load_layout(const std::filesystem::path& file) {
  layout_file = file;
  layout = layout_saved = LayoutSettings::load(file);
  for (int i = 0; i < kSlotCount; ++i)
    if (Panel* p = find_panel(panels, slot_title(static_cast<Slot>(i)))) p->open = layout.shown[i];
}

void Shell::reset_layout() {
  for (auto& p : panels) p->open = p->open_by_default();
  layout = LayoutSettings{};
  state.requests.reset_layout = true;
}

void arrange_panels(Shell& shell) {
  sync_shown(shell);
  ImVec2 pos, size;
  layout_area(shell.state, pos, size);
  const LayoutRect area{pos.x, pos.y, size.x, size.y};
  const LayoutMetrics m = metrics();
  shell.computed_layout = compute_layout(shell.layout, area, m);
  draw_splitters(shell, area, m);
  for (auto& panel : shell.panels) panel->dock(nullptr);
  for (int i = 0; i < kSlotCount; ++i) {
    if (Panel* p = find_panel(shell.panels, slot_title(static_cast<Slot>(i)))) {
      p->dock(&shell.computed_layout.panels[i]);
      const LayoutRect& r = shell.computed_layout.panels[i];
      probe_rect(std::string("layout/panel/") + slot_title(static_cast<Slot>(i)), ProbeRect{r.x, r.y, r.right(), r.bottom(), {}});
    }
  }
}

void remember_layout(Shell& shell) {
  sync_shown(shell);   // a close button clicked this frame
  if (shell.layout_file.empty() || shell.splitter_drag.index >= 0 || shell.layout == shell.layout_saved) return;
  if (!shell.layout.save(shell.layout_file)) spdlog::warn("cannot write the layout to {}", shell.layout_file.string());
  shell.layout_saved = shell.layout;   // one attempt per change, not one per frame
}

}  // namespace uch::app
