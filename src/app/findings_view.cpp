// Inline list of one item's findings with "Acknowledge..." (asks a reason) and "Withdraw".
#include "findings_view.hpp"

#include <algorithm>

#include <imgui.h>
#include <imgui_stdlib.h>

#include "editor_state.hpp"
#include "panel.hpp"
#include "ui_common.hpp"

namespace uch::app {

void FindingsView::draw(EditorState& state, const std::string& id) {
  if (id != id_ || generation_ != state.findings_generation()) {
    id_ = id;
    generation_ = state.findings_generation();
    findings_ = state.findings_for(id);
  }
  if (findings_.empty()) {
    ImGui::TextDisabled("No problems found.");
  }
  for (std::size_t i = 0; i < findings_.size(); ++i) {
    const Finding& f = findings_[i];
    ImGui::PushID(static_cast<int>(i));
    ImVec4 c = severity_color(f.severity);
    if (f.acknowledged) c.w = 0.45f;
    ImGui::TextColored(c, "%s", to_string(f.severity));
    ImGui::SameLine();
    ImGui::PushTextWrapPos(ImGui::GetContentRegionMax().x - ImGui::GetFontSize() * 7);
    if (f.acknowledged) ImGui::TextDisabled("%s (acknowledged)", f.message.c_str());
    else ImGui::TextWrapped("%s", f.message.c_str());
    ImGui::PopTextWrapPos();
    ImGui::SameLine(ImGui::GetContentRegionMax().x - ImGui::GetFontSize() * 6.5f);
    if (f.acknowledged) {
      if (ImGui::SmallButton("Withdraw")) acknowledge(state, f.rule, nullptr);
    } else if (ImGui::SmallButton("Acknowledge\xE2\x80\xA6")) {
      ack_rule_ = f.rule;
      reason_.clear();
      open_popup_ = true;
    }
    probe_item("findings/" + id + "/" + f.rule);
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", f.rule.c_str());
    ImGui::PopID();
  }
  if (open_popup_) {
    ImGui::OpenPopup("Acknowledge finding");
    open_popup_ = false;
  }
  if (ImGui::BeginPopupModal("Acknowledge finding", nullptr, ImGuiWindowFlags_AlwaysAutoResize)) {
    ImGui::Text("Accept \"%s\" for %s?", ack_rule_.c_str(), state.label_of(id_).c_str());
    ImGui::TextDisabled("It will no longer be counted. Say why, for whoever reads this later:");
    if (ImGui::IsWindowAppearing()) ImGui::SetKeyboardFocusHere();
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 28);
    bool enter = ImGui::InputTextWithHint("##reason", "reason (required)", &reason_, ImGuiInputTextFlags_EnterReturnsTrue);
    probe_item("findings/reason");
    bool ok_enabled = reason_.find_first_not_of(" \t") != std::string::npos;
    ImGui::BeginDisabled(!ok_enabled);
    bool ok = ImGui::Button("Acknowledge") || (enter && ok_enabled);
    ImGui::EndDisabled();
    ImGui::SameLine();
    if (ImGui::Button("Cancel") || key_pressed(ImGuiKey_Escape, false)) ImGui::CloseCurrentPopup();
    if (ok) {
      acknowledge(state, ack_rule_, &reason_);
      ImGui::CloseCurrentPopup();
    }
    ImGui::EndPopup();
  }
}

void FindingsView::acknowledge(EditorState& state, const std::string& rule, const std::string* reason) {
  auto update = [&](std::vector<Acknowledgement>& acks) {
    std::erase_if(acks, [&](const Acknowledgement& a) { return a.rule == rule; });
    if (reason) acks.push_back({rule, *reason});
  };
  Edit edit;
  std::string verb = reason ? "Acknowledged " : "Withdrew acknowledgement of ";
  if (const Entry* e = state.entry(id_)) {
    Entry copy = *e;
    update(copy.acknowledged);
    edit.put_entry(copy, state.version_of(id_));
  } else if (const Entity* e = state.entity(id_)) {
    Entity copy = *e;
    update(copy.acknowledged);
    edit.put_entity(copy, state.version_of(id_));
  } else {
    return;
  }
  edit.summary(verb + rule + " on " + state.label_of(id_));
  state.commit(edit);
}

}  // namespace uch::app
