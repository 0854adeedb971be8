// A multi-line Markdown field whose `[[` offers entity and entry names to complete.
#include "link_completion.hpp"

#include <algorithm>
#include <string_view>


#include "editor_state.hpp"
#include "panel.hpp"
#include "uchronia/links.hpp"

namespace uch::app {
namespace {

constexpr std::size_t kMaxSuggestions = 8;

/// Start of an unfinished `[[target` just before the cursor, or -1.
int link_start(std::string_view before) {
  auto open = before.rfind("[[");
  if (open == std::string_view::npos) return -1;
  std::string_view tail = before.substr(open + 2);
  if (tail.find("]]") != std::string_view::npos || tail.find('\n') != std::string_view::npos ||
      tail.find('|') != std::string_view::npos)
    return -1;
  return static_cast<int>(open + 2);
}

}  // namespace

bool LinkCompletion::input(EditorState&, const char* id, std::string* text, WrappedFieldOptions options) {
  options.claim_tab = start_ >= 0 && !suggestions_.empty();   // Tab completes rather than leaves
  const WrappedFieldResult r = field_.draw(id, text, options);
  result_ = r;
  active_ = r.active;
  if (active_) {
    cursor_ = static_cast<int>(field_.core().cursor());
    start_ = link_start(std::string_view(*text).substr(0, static_cast<std::size_t>(cursor_)));
    prefix_ = start_ >= 0 ? text->substr(static_cast<std::size_t>(start_), static_cast<std::size_t>(cursor_ - start_)) : std::string();
    if (r.tab_pressed && start_ >= 0 && !suggestions_.empty()) {
      field_.replace(text, static_cast<std::size_t>(start_), static_cast<std::size_t>(cursor_), suggestions_.front() + "]]");
      start_ = -1;
      prefix_.clear();
    }
  }
  if (!r.committed) return false;
  ImVec2 m = ImGui::GetIO().MousePos;
  bool on_list = list_shown_ && m.x >= list_min_.x && m.x <= list_max_.x && m.y >= list_min_.y && m.y <= list_max_.y;
  if (on_list) {
    pending_commit_ = true;
    return false;
  }
  return true;
}

void LinkCompletion::update_suggestions(EditorState& state) {
  if (candidates_generation_ != state.generation()) {
    candidates_generation_ = state.generation();
    candidates_.clear();
    suggested_for_ = "\x01";
    for (const Entity& e : state.entities()) {
      candidates_.push_back({fold_name(e.name), e.name});
      for (const auto& a : e.aliases) candidates_.push_back({fold_name(a), a});
    }
    for (const EntryRow& r : state.rows()) candidates_.push_back({fold_name(r.title), r.title});
  }
  if (prefix_ == suggested_for_) return;
  suggested_for_ = prefix_;
  suggestions_.clear();
  std::string want = fold_name(prefix_);
  if (want.empty()) return;
  std::vector<std::string> later;
  for (const Candidate& c : candidates_) {
    auto pos = c.folded.find(want);
    if (pos == std::string::npos || c.display.empty()) continue;
    auto& list = pos == 0 ? suggestions_ : later;
    if (std::find(list.begin(), list.end(), c.display) == list.end()) list.push_back(c.display);
    if (suggestions_.size() >= kMaxSuggestions) break;
  }
  for (auto& s : later) {
    if (suggestions_.size() >= kMaxSuggestions) break;
    if (std::find(suggestions_.begin(), suggestions_.end(), s) == suggestions_.end()) suggestions_.push_back(s);
  }
}

bool LinkCompletion::draw_suggestions(EditorState& state, std::string* text) {
  bool show = start_ >= 0 && (active_ || pending_commit_);
  list_shown_ = false;
  const std::string* chosen = nullptr;
  if (show) {
    update_suggestions(state);
    if (!suggestions_.empty()) {
      ImGui::BeginGroup();
      ImGui::TextDisabled("Link to (Tab inserts the first):");
      for (std::size_t i = 0; i < suggestions_.size(); ++i) {
        ImGui::PushID(static_cast<int>(i));
        ImGui::Selectable(suggestions_[i].c_str(), i == 0);
        probe_item("completion/" + std::to_string(i));
        if (ImGui::IsItemHovered() && ImGui::IsMouseClicked(0)) chosen = &suggestions_[i];
        ImGui::PopID();
      }
      ImGui::EndGroup();
      list_min_ = ImGui::GetItemRectMin();
      list_max_ = ImGui::GetItemRectMax();
      list_shown_ = true;
    }
  }
  bool commit = false;
  if (chosen && start_ >= 0 && start_ <= cursor_ && static_cast<std::size_t>(cursor_) <= text->size()) {
    field_.replace(text, static_cast<std::size_t>(start_), static_cast<std::size_t>(cursor_), *chosen + "]]");
    start_ = -1;
    commit = true;
  }
  if (pending_commit_ && !ImGui::IsMouseDown(0)) {
    pending_commit_ = false;
    start_ = -1;
    commit = true;
  }
  if (chosen) pending_commit_ = false;
  return commit;
}

}  // namespace uch::app
