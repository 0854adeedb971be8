// The relations of one entry (before/after/causes/ends/during): list, change type, remove, add.
#include "relations_view.hpp"

#include <algorithm>
#include <cctype>

#include <imgui.h>
#include <imgui_stdlib.h>

#include "editor_state.hpp"
#include "panel.hpp"
#include "ui_common.hpp"

namespace uch::app {
namespace {

constexpr RelationType kTypes[] = {RelationType::Before, RelationType::After, RelationType::Causes,
                                   RelationType::Ends, RelationType::During};
constexpr const char* kTypeItems = "before\0after\0causes\0ends\0during\0";

int type_index(RelationType t) {
  for (int i = 0; i < 5; ++i)
    if (kTypes[i] == t) return i;
  return 0;
}

bool contains_nocase(const std::string& hay, const std::string& needle) {
  auto it = std::search(hay.begin(), hay.end(), needle.begin(), needle.end(), [](char a, char b) {
    return std::tolower(static_cast<unsigned char>(a)) == std::tolower(static_cast<unsigned char>(b));
  });
  return it != hay.end();
}

}  // namespace

void RelationsView::refresh(EditorState& state, const std::string& id) {
  if (id == id_ && generation_ == state.generation()) return;
  if (id != id_) target_text_.clear(), target_id_.clear();
  id_ = id;
  generation_ = state.generation();
  mine_.clear();
  for (const Relation& r : state.relations())
    if (r.from == id || r.to == id) mine_.push_back(r);
  matched_for_ = "\x01";
}

void RelationsView::draw(EditorState& state, const std::string& id) {
  refresh(state, id);
  const bool ro = state.read_only();
  if (mine_.empty()) ImGui::TextDisabled("No relations.");
  for (std::size_t i = 0; i < mine_.size(); ++i) {
    const Relation& r = mine_[i];
    ImGui::PushID(static_cast<int>(i));
    bool outgoing = r.from == id;
    const std::string& other = outgoing ? r.to : r.from;
    if (!outgoing) {
      if (link_text(state.label_of(other).c_str())) state.select(other);
      ImGui::SameLine();
    } else {
      ImGui::AlignTextToFramePadding();
      ImGui::TextDisabled("this");
      ImGui::SameLine();
    }
    int t = type_index(r.type);
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 6);
    ImGui::BeginDisabled(ro);
    if (ImGui::Combo("##type", &t, kTypeItems)) {
      Relation changed = r;
      changed.type = kTypes[t];
      Edit edit;
      edit.remove_relation(r).add_relation(changed).summary(std::string("Changed relation to ") + to_string(changed.type));
      state.commit(edit);
    }
    ImGui::EndDisabled();
    probe_item("relations/type/" + std::to_string(i));
    ImGui::SameLine();
    if (outgoing) {
      if (link_text(state.label_of(other).c_str())) state.select(other);
    } else {
      ImGui::TextDisabled("this");
    }
    if (!state.has_entry(other)) ImGui::SameLine(), ImGui::TextColored(severity_color(Severity::Error), "(missing)");
    ImGui::SameLine();
    ImGui::BeginDisabled(ro);
    if (ImGui::SmallButton("Remove")) {
      Edit edit;
      edit.remove_relation(r).summary("Removed relation " + r.from + " " + to_string(r.type) + " " + r.to);
      state.commit(edit);
    }
    ImGui::EndDisabled();
    ImGui::PopID();
  }
  if (!ro) draw_add(state);
}

void RelationsView::draw_add(EditorState& state) {
  const float em = ImGui::GetFontSize();
  ImGui::AlignTextToFramePadding();
  ImGui::TextDisabled("add: this");
  ImGui::SameLine();
  ImGui::SetNextItemWidth(em * 6);
  ImGui::Combo("##newtype", &new_type_, kTypeItems);
  ImGui::SameLine();
  ImGui::SetNextItemWidth(ImGui::GetContentRegionAvail().x - em * 4);
  if (ImGui::InputTextWithHint("##target", "entry title or id", &target_text_)) target_id_.clear();
  probe_item("relations/target");
  // Enter in the field takes the first suggestion (when none was picked) and adds the relation.
  const bool enter = ImGui::IsItemDeactivated() && (key_pressed(ImGuiKey_Enter, false) || key_pressed(ImGuiKey_KeyPadEnter, false));
  if (enter && target_id_.empty() && !matches_.empty() && matched_for_ == target_text_) {
    target_id_ = matches_.front().first;
    target_text_ = matches_.front().second;
  }
  ImGui::SameLine();
  ImGui::BeginDisabled(target_id_.empty());
  if ((ImGui::Button("Add") || enter) && !target_id_.empty()) {
    Relation r;
    r.from = id_;
    r.type = kTypes[new_type_];
    r.to = target_id_;
    Edit edit;
    edit.add_relation(r).summary("Added relation " + r.from + " " + to_string(r.type) + " " + r.to);
    if (state.commit(edit)) target_text_.clear(), target_id_.clear();
  }
  ImGui::EndDisabled();
  if (target_text_.empty() || !target_id_.empty()) return;
  if (matched_for_ != target_text_) {
    matched_for_ = target_text_;
    matches_.clear();
    for (const EntryRow& row : state.rows()) {
      if (row.id == id_) continue;
      if (contains_nocase(row.title, target_text_) || row.id.rfind(target_text_, 0) == 0) matches_.emplace_back(row.id, row.title);
      if (matches_.size() >= 8) break;
    }
  }
  for (std::size_t i = 0; i < matches_.size(); ++i) {
    ImGui::PushID(static_cast<int>(i));
    if (ImGui::Selectable(matches_[i].second.c_str())) {
      target_id_ = matches_[i].first;
      target_text_ = matches_[i].second;
    }
    probe_item("relations/match/" + std::to_string(i));
    ImGui::PopID();
  }
}

}  // namespace uch::app
