// Problems window: every finding of the checker, grouped by severity, filterable; click selects.
#include <algorithm>
#include <cctype>

#include <imgui.h>
#include <imgui_stdlib.h>

#include "editor_state.hpp"
#include "panels/panels.hpp"
#include "ui_common.hpp"

namespace uch::app {
namespace {

bool contains_nocase(const std::string& hay, const std::string& needle) {
  if (needle.empty()) return true;
  auto it = std::search(hay.begin(), hay.end(), needle.begin(), needle.end(), [](char a, char b) {
    return std::tolower(static_cast<unsigned char>(a)) == std::tolower(static_cast<unsigned char>(b));
  });
  return it != hay.end();
}

class ProblemsPanel final : public Panel {
 public:
  ProblemsPanel() : Panel(kProblemsTitle) {}

  void default_rect(float& x, float& y, float& w, float& h) const override {
    x = 0.70f, y = 0.34f, w = 0.30f, h = 0.22f;
  }

  void draw(EditorState& state) override {
    if (!begin_window(state)) return;
    const auto& findings = state.findings();
    ImGui::SetNextItemWidth(ImGui::GetContentRegionAvail().x - ImGui::GetFontSize() * 10);
    ImGui::InputTextWithHint("##filter", "filter: rule, message or title", &filter_);
    ImGui::SameLine();
    ImGui::Checkbox("acknowledged", &show_acknowledged_);
    regroup(state, findings);
    if (state.checking()) ImGui::TextDisabled("Checking the document\xE2\x80\xA6");
    else if (findings.empty() && state.has_document()) ImGui::TextDisabled("No problems found.");
    ImGui::BeginChild("groups");
    for (int s = 0; s < 3; ++s) {
      const auto& group = groups_[s];
      if (group.empty()) continue;
      Severity sev = static_cast<Severity>(s);
      ImGui::PushStyleColor(ImGuiCol_Text, severity_color(sev));
      char header[64];
      std::snprintf(header, sizeof header, "%s (%zu)###sev%d", severity_title(sev), group.size(), s);
      bool open_group = ImGui::CollapsingHeader(header, ImGuiTreeNodeFlags_DefaultOpen);
      ImGui::PopStyleColor();
      if (!open_group) continue;
      ImGuiListClipper clipper;
      clipper.Begin(static_cast<int>(group.size()));
      while (clipper.Step()) {
        for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) draw_finding(state, findings[group[static_cast<std::size_t>(i)]], i);
      }
    }
    ImGui::EndChild();
    ImGui::End();
  }

 private:
  /// Rebuilds the per-severity index lists only when the findings or the filter changed.
  void regroup(EditorState& state, const std::vector<Finding>& findings) {
    if (grouped_for_ == state.findings_generation() && grouped_filter_ == filter_ && grouped_ack_ == show_acknowledged_ &&
        grouped_size_ == findings.size())
      return;
    grouped_for_ = state.findings_generation();
    grouped_filter_ = filter_;
    grouped_ack_ = show_acknowledged_;
    grouped_size_ = findings.size();
    for (auto& g : groups_) g.clear();
    for (std::size_t i = 0; i < findings.size(); ++i) {
      const Finding& f = findings[i];
      if (f.acknowledged && !show_acknowledged_) continue;
      if (!filter_.empty() && !contains_nocase(f.rule, filter_) && !contains_nocase(f.message, filter_) &&
          !contains_nocase(state.label_of(subject_of(f)), filter_))
        continue;
      int s = std::clamp(static_cast<int>(f.severity), 0, 2);
      groups_[s].push_back(i);
    }
  }

  void draw_finding(EditorState& state, const Finding& f, int index) {
    const std::string& subject = subject_of(f);
    ImGui::PushID(index);
    ImGui::PushID(f.rule.c_str());
    ImGui::PushID(subject.c_str());
    std::string label = state.label_of(subject) + ": " + f.message;
    if (f.acknowledged) label += "  (acknowledged)";
    if (f.acknowledged) ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
    if (ImGui::Selectable(label.c_str(), subject == state.selected())) state.select(subject);
    if (f.acknowledged) ImGui::PopStyleColor();
    probe_item("problems/" + f.rule + "/" + subject);
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s\n%s", f.rule.c_str(), f.message.c_str());
    ImGui::PopID();
    ImGui::PopID();
    ImGui::PopID();
  }

  std::string filter_, grouped_filter_ = "\x01";
  bool show_acknowledged_ = false, grouped_ack_ = false;
  std::uint64_t grouped_for_ = ~0ull;
  std::size_t grouped_size_ = 0;
  std::vector<std::size_t> groups_[3];
};

}  // namespace

std::unique_ptr<Panel> make_problems_panel() { return std::make_unique<ProblemsPanel>(); }

}  // namespace uch::app
