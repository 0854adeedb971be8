// Link suggestions window (Edit > Suggest links…): the core's suggest_links, each to accept or
// dismiss. Accepting applies through the core's apply_link_suggestions and commits ONE revision
// per click (undoable); dismissed suggestions stay hidden for the session; nothing is applied
// without a click. A document kept in a file is searched on another thread, from a read-only
// connection of its own (a 100,000-entry document takes seconds): the editor never freezes.
#include <exception>
#include <set>
#include <string>
#include <vector>

#include <imgui.h>

#include "background_job.hpp"
#include "editor_state.hpp"
#include "panels/panels.hpp"
#include "ui_common.hpp"
#include "uchronia/link_suggestions.hpp"
#include "uchronia/store.hpp"

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
    if (!begin_window(state)) return;
    refresh(state);
    if (searching_) state.background_work = true;   // frames keep coming until the answer is in
    const bool writable = state.has_document() && !state.read_only();
    std::string count = std::to_string(shown_.size()) + (shown_.size() == 1 ? " suggestion" : " suggestions");
    if (searching_) count = "Looking for names in the document\xE2\x80\xA6";
    ImGui::TextUnformatted(count.c_str());
    probe_text("links/count", count);
    ImGui::SameLine();
    ImGui::BeginDisabled(!writable || shown_.empty() || searching_);
    if (ImGui::Button("Accept all")) accept(state, shown_);
    probe_item("links/accept-all");
    ImGui::SameLine();
    if (ImGui::Button("Dismiss all")) {
      for (const LinkSuggestion& s : shown_) dismissed_.insert(key_of(s));
      shown_.clear();
    }
    probe_item("links/dismiss-all");
    ImGui::EndDisabled();
    ImGui::Separator();
    ImGui::BeginDisabled(searching_);   // the last list, greyed, until the new one is ready
    if (ImGui::BeginChild("##suggestions")) draw_list(state, writable && !searching_);
    ImGui::EndChild();
    ImGui::EndDisabled();
    ImGui::End();
  }

 private:
  /// Recomputes the suggestions (whole document) when it changed: on another thread for a document
  /// in a file, the list shown greyed meanwhile; at once for one in memory.
  void refresh(EditorState& state) {
    if (auto done = job_.take()) {
      searching_ = false;
      if (!done->error.empty()) state.report_error(done->error);
      show(std::move(done->suggestions));
    }
    if (computed_for_ == state.generation() && serial_ == state.document_serial()) return;
    if (serial_ != state.document_serial()) dismissed_.clear(), shown_.clear();   // another document
    computed_for_ = state.generation();
    serial_ = state.document_serial();
    if (!state.has_document()) {
      job_.stop();
      searching_ = false;
      shown_.clear();
      return;
    }
    if (!state.path().empty()) {
      searching_ = true;
      job_.start([path = state.path()](const std::atomic<bool>&) {
        Found found;
        try {
          const Store store = Store::open(path, OpenOptions{.read_only = true});
          found.suggestions = suggest_links(store.load());
        } catch (const std::exception& e) {
          found.error = e.what();
        }
        return found;
      });
      return;
    }
    try {
      show(suggest_links(state.load_document()));
    } catch (const std::exception& e) {
      state.report_error(e.what());
    }
  }

  /// The core's suggestions less the dismissed ones.
  void show(std::vector<LinkSuggestion> suggestions) {
    shown_.clear();
    for (LinkSuggestion& s : suggestions)
      if (!dismissed_.count(key_of(s))) shown_.push_back(std::move(s));
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
      if (ImGui::SmallButton("Dismiss")) dismissed_.insert(key_of(s));
      probe_item("links/dismiss/" + s.name);
      ImGui::SameLine();
      ImGui::TextWrapped("%s", describe(s).c_str());
      probe_text("links/row/" + s.name, describe(s));
      ImGui::PopID();
    }
    std::erase_if(shown_, [&](const LinkSuggestion& s) { return dismissed_.count(key_of(s)) > 0; });
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
      if (state.commit(edit)) {
        state.set_status("Wrote " + std::to_string(changes.links) + (changes.links == 1 ? " link" : " links"));
        std::set<std::string> done;
        for (const LinkSuggestion& s : accepted) done.insert(key_of(s));
        std::erase_if(shown_, [&](const LinkSuggestion& s) { return done.count(key_of(s)) > 0; });
      }
    } catch (const std::exception& e) {
      state.report_error(e.what());
    }
  }

  struct Found {
    std::vector<LinkSuggestion> suggestions;
    std::string error;
  };
  BackgroundJob<Found> job_;
  bool searching_ = false;
  std::vector<LinkSuggestion> shown_;   // the core's suggestions less the dismissed ones
  std::set<std::string> dismissed_;     // key_of the dismissed suggestions, for this session
  std::uint64_t computed_for_ = 0, serial_ = 0;
};

}  // namespace

std::unique_ptr<Panel> make_link_suggestions_panel() { return std::make_unique<LinkSuggestionsPanel>(); }

}  // namespace uch::app
