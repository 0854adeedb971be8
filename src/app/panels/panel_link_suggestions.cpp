// Link suggestions window (Edit > Suggest links…): the core's suggest_links, each to accept or
// dismiss. Accepting applies through the core's apply_link_suggestions and commits ONE revision
// per click (undoable); dismissed suggestions stay hidden for the session; nothing is applied
// without a click.
#include <set>
#include <string>
#include <vector>

#include <imgui.h>

#include "editor_state.hpp"
#include "panels/panels.hpp"
#include "ui_common.hpp"
#include "uchronia/link_suggestions.hpp"

namespace uch::app {
namespace {

/// What identifies a suggestion across recomputations (its name and the entity it would link to).
std::string key_of(const LinkSuggestion& s) { return s.name + '\x1f' + s.entity_id; }

class LinkSuggestionsPanel final : public Panel {
 public:
  LinkSuggestionsPanel() : Panel(kLinkSuggestionsTitle) {}

  void default_rect(float& x, float& y, float& w, float& h) const override {
    x = 0.22f, y = 0.12f, w = 0.56f, h = 0.6f;
  }
  bool open_by_default() const override { return false; }

  void draw(EditorState& state) override {
    const int window_flags = place_window(state);
    if (!ImGui::Begin(title(), &open, window_flags)) {
      ImGui::End();
      return;
    }
    probe_window();
    refresh(state);
    const bool writable = state.has_document() && !state.read_only();
    std::string count = std::to_string(shown_.size()) + (shown_.size() == 1 ? " suggestion" : " suggestions");
    ImGui::TextUnformatted(count.c_str());
    probe_text("links/count", count);
    ImGui::SameLine();
    ImGui::BeginDisabled(!writable || shown_.empty());
    if (ImGui::Button("Accept all")) accept(state, shown_);
    probe_item("links/accept-all");
    ImGui::SameLine();
    if (ImGui::Button("Dismiss all")) {
      for (const LinkSuggestion& s : shown_) dismissed_.insert(key_of(s));
      computed_for_ = 0;
    }
    probe_item("links/dismiss-all");
    ImGui::EndDisabled();
    ImGui::Separator();
    if (ImGui::BeginChild("##suggestions")) draw_list(state, writable);
    ImGui::EndChild();
    ImGui::End();
  }

 private:
  /// Recomputes the suggestions (whole document) when it changed or a dismissal hid some.
  void refresh(EditorState& state) {
    if (computed_for_ == state.generation() && serial_ == state.document_serial()) return;
    if (serial_ != state.document_serial()) dismissed_.clear();   // another document
    computed_for_ = state.generation();
    serial_ = state.document_serial();
    shown_.clear();
    if (!state.has_document()) return;
    try {
      for (LinkSuggestion& s : suggest_links(state.load_document()))
        if (!dismissed_.count(key_of(s))) shown_.push_back(std::move(s));
    } catch (const std::exception& e) {
      state.report_error(e.what());
    }
  }

  void draw_list(EditorState& state, bool writable) {
    std::vector<LinkSuggestion> accepted;
    for (const LinkSuggestion& s : shown_) {
      ImGui::PushID(key_of(s).c_str());
      ImGui::BeginDisabled(!writable);
      if (ImGui::SmallButton("Accept")) accepted.push_back(s);
      ImGui::EndDisabled();
      probe_item("links/accept/" + s.name);
      ImGui::SameLine();
      if (ImGui::SmallButton("Dismiss")) {
        dismissed_.insert(key_of(s));
        computed_for_ = 0;
      }
      probe_item("links/dismiss/" + s.name);
      ImGui::SameLine();
      ImGui::TextWrapped("%s", describe(s).c_str());
      probe_text("links/row/" + s.name, describe(s));
      ImGui::PopID();
    }
    if (!accepted.empty()) accept(state, accepted);
  }

  /// The accepted suggestions, applied by the core, committed as one revision.
  void accept(EditorState& state, std::vector<LinkSuggestion> accepted) {
    try {
      const LinkChanges changes = apply_link_suggestions(state.load_document(), accepted);
      if (changes.entries.empty() && changes.entities.empty()) return state.set_status("Nothing to link");
      Edit edit;
      for (const Entity& e : changes.entities) edit.put_entity(e);
      for (const Entry& e : changes.entries) edit.put_entry(e, state.version_of(e.id));
      edit.summary("Linked " + std::to_string(changes.links) + (changes.links == 1 ? " name" : " names"));
      if (state.commit(edit))
        state.set_status("Wrote " + std::to_string(changes.links) + (changes.links == 1 ? " link" : " links"));
    } catch (const std::exception& e) {
      state.report_error(e.what());
    }
    computed_for_ = 0;
  }

  std::vector<LinkSuggestion> shown_;   // the core's suggestions less the dismissed ones
  std::set<std::string> dismissed_;     // key_of the dismissed suggestions, for this session
  std::uint64_t computed_for_ = 0, serial_ = 0;
};

}  // namespace

std::unique_ptr<Panel> make_link_suggestions_panel() { return std::make_unique<LinkSuggestionsPanel>(); }

}  // namespace uch::app
