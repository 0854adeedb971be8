// Panel placement in the default layout, and the widget probe used by headless UI tests.
#include "panel.hpp"

#include <unordered_map>

#include <imgui.h>

#include "editor_state.hpp"
#include "ui_common.hpp"

namespace uch::app {

int Panel::place_window(const EditorState& state) const {
  if (docked_) {
    ImGui::SetNextWindowPos(ImVec2(docked_rect_.x, docked_rect_.y), ImGuiCond_Always);
    ImGui::SetNextWindowSize(ImVec2(docked_rect_.w, docked_rect_.h), ImGuiCond_Always);
    ImGui::SetNextWindowCollapsed(false, ImGuiCond_Always);
    // never raised over a floating window (Document, Export) when clicked
    return ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoCollapse |
           ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoBringToFrontOnFocus;
  }
  float fx = 0, fy = 0, fw = 1, fh = 1;
  default_rect(fx, fy, fw, fh);
  ImVec2 pos, size;
  layout_area(state, pos, size);
  ImGuiCond cond = state.requests.reset_layout ? ImGuiCond_Always : ImGuiCond_FirstUseEver;
  ImGui::SetNextWindowPos(ImVec2(pos.x + fx * size.x, pos.y + fy * size.y), cond);
  ImGui::SetNextWindowSize(ImVec2(fw * size.x, fh * size.y), cond);
  return ImGuiWindowFlags_None;
}

bool Panel::begin_window(const EditorState& state) {
  if (!ImGui::Begin(title(), &open, place_window(state))) {
    ImGui::End();
    return false;
  }
  probe_window();
  return true;
}

Panel* find_panel(PanelList& panels, const std::string& title) {
  for (auto& p : panels)
    if (title == p->title()) return p.get();
  return nullptr;
}

namespace {
bool g_probe = false;
std::unordered_map<std::string, ProbeRect>& probes() {
  static std::unordered_map<std::string, ProbeRect> map;
  return map;
}
}  // namespace

void probe_enable(bool on) { g_probe = on; }
bool probe_enabled() { return g_probe; }

void probe_item(const std::string& key) {
  if (!g_probe) return;
  ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
  probes()[key] = ProbeRect{a.x, a.y, b.x, b.y, {}};
}

void probe_text(const std::string& key, const std::string& text) {
  if (!g_probe) return;
  ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
  probes()[key] = ProbeRect{a.x, a.y, b.x, b.y, text};
}

void probe_rect(const std::string& key, const ProbeRect& rect) {
  if (g_probe) probes()[key] = rect;
}

const ProbeRect* probe_find(const std::string& key) {
  auto it = probes().find(key);
  return it == probes().end() ? nullptr : &it->second;
}

void probe_clear() { probes().clear(); }

void Panel::probe_window() const {
  if (!g_probe) return;
  const ImVec2 pos = ImGui::GetWindowPos(), size = ImGui::GetWindowSize();
  probes()["window/" + title_] = ProbeRect{pos.x, pos.y, pos.x + size.x, pos.y + size.y, {}};
}

}  // namespace uch::app
