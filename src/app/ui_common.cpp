// Small UI helpers shared by the panels: layout area, severity colours, key checks.
#include "ui_common.hpp"

#include "editor_state.hpp"
#include "uchronia/date.hpp"

namespace uch::app {

float banner_height(const EditorState& state) {
  return state.read_only() ? ImGui::GetFrameHeight() + 4.0f : 0.0f;
}

float status_bar_height() { return ImGui::GetFrameHeight(); }

float menu_bar_height() { return ImGui::GetFrameHeight(); }

void layout_area(const EditorState& state, ImVec2& pos, ImVec2& size) {
  // From the viewport, not WorkPos: on the very first frame WorkPos does not yet know the menu bar.
  const ImGuiViewport* vp = ImGui::GetMainViewport();
  float top = menu_bar_height() + banner_height(state);
  pos = ImVec2(vp->Pos.x, vp->Pos.y + top);
  size = ImVec2(vp->Size.x, vp->Size.y - top - status_bar_height());
  if (size.y < 100.0f) size.y = 100.0f;
}

ImVec4 severity_color(Severity severity) {
  switch (severity) {
    case Severity::Error: return ImVec4(0.95f, 0.35f, 0.30f, 1.0f);
    case Severity::Warning: return ImVec4(0.95f, 0.75f, 0.25f, 1.0f);
    case Severity::Info: return ImVec4(0.45f, 0.70f, 0.95f, 1.0f);
  }
  return ImVec4(1, 1, 1, 1);
}

const char* severity_title(Severity severity) {
  switch (severity) {
    case Severity::Error: return "Errors";
    case Severity::Warning: return "Warnings";
    case Severity::Info: return "Notes";
  }
  return "";
}

bool key_pressed(ImGuiKey key, bool repeat) {
  int index = ImGui::GetKeyIndex(key);
  return index >= 0 && ImGui::IsKeyPressed(index, repeat);
}

bool letter_pressed(char upper_case_letter) { return ImGui::IsKeyPressed(upper_case_letter, false); }
bool ctrl_down() { return ImGui::GetIO().KeyCtrl; }
bool shift_down() { return ImGui::GetIO().KeyShift; }

std::string human_date(const EntryRow& row) {
  if (row.date.empty()) return "undated";
  return format_human(row.date, row.calendar);
}

bool link_text(const char* label) {
  ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(0.55f, 0.75f, 1.0f, 1.0f));
  ImGui::TextUnformatted(label);
  ImGui::PopStyleColor();
  if (ImGui::IsItemHovered()) ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
  return ImGui::IsItemClicked();
}

void help_marker(const char* text) {
  ImGui::TextDisabled("(?)");
  if (ImGui::IsItemHovered()) {
    ImGui::BeginTooltip();
    ImGui::PushTextWrapPos(ImGui::GetFontSize() * 30.0f);
    ImGui::TextUnformatted(text);
    ImGui::PopTextWrapPos();
    ImGui::EndTooltip();
  }
}

}  // namespace uch::app
