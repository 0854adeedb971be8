// History window: the selected item's revisions with field diffs and restore; the document
// log with the undo/redo position; deleted items to bring back.
#include <algorithm>
#include <map>

#include <imgui.h>

#include "ack_sentences.hpp"
#include "editor_state.hpp"
#include "panels/panels.hpp"
#include "ui_common.hpp"
#include "word_diff.hpp"

namespace uch::app {
namespace {

std::string short_time(const std::string& iso) {
  std::string t = iso;
  if (t.size() > 10 && t[10] == 'T') t[10] = ' ';
  if (!t.empty() && t.back() == 'Z') t.pop_back();
  if (t.size() > 16) t.resize(16);   // to the minute
  return t;
}

bool is_short(const std::optional<std::string>& v) {
  return !v || (v->size() <= 60 && v->find('\n') == std::string::npos);
}

class HistoryPanel final : public Panel {
 public:
  HistoryPanel() : Panel(kHistoryTitle) {}

  void default_rect(float& x, float& y, float& w, float& h) const override {
    x = 0.70f, y = 0.78f, w = 0.30f, h = 0.22f;
  }

  void draw(EditorState& state) override {
    if (!begin_window(state)) return;
    if (ImGui::BeginTabBar("history")) {
      bool tab = ImGui::BeginTabItem("This item");
      probe_item("history/tab/item");
      if (tab) draw_item(state), ImGui::EndTabItem();
      tab = ImGui::BeginTabItem("Document");
      probe_item("history/tab/document");
      if (tab) draw_document(state), ImGui::EndTabItem();
      tab = ImGui::BeginTabItem("Deleted");
      probe_item("history/tab/deleted");
      if (tab) draw_deleted(state), ImGui::EndTabItem();
      ImGui::EndTabBar();
    }
    ImGui::End();
  }

 private:
  template <class F>
  void guarded(EditorState& state, F&& f) {
    try {
      f();
    } catch (const std::exception& e) {
      state.report_error(std::string("Cannot read the history: ") + e.what());
    }
  }

  void draw_item(EditorState& state) {
    const std::string& id = state.selected();
    if (id.empty() || !state.store()) {
      ImGui::TextDisabled("Select an entry or entity to see its revisions.");
      return;
    }
    if (item_id_ != id || item_generation_ != state.generation()) {
      // Store::item_history can be slow on big documents (it decodes whole revisions):
      // read it once the selection has rested, not for every row the arrow keys pass.
      if (wanted_id_ != id || wanted_generation_ != state.generation()) {
        wanted_id_ = id;
        wanted_generation_ = state.generation();
        wanted_since_ = ImGui::GetTime();
      }
      if (ImGui::GetTime() - wanted_since_ < kSettleSeconds && !item_id_.empty()) {
        ImGui::TextDisabled("\xE2\x80\xA6");
        return;
      }
      item_id_ = id;
      item_generation_ = state.generation();
      item_.clear();
      diffs_.clear();
      guarded(state, [&] { item_ = state.store()->item_history(id); });
    }
    ImGui::TextDisabled("%zu revision(s) of %s", item_.size(), state.label_of(id).c_str());
    for (std::size_t k = item_.size(); k-- > 0;) {
      const ItemRevision& r = item_[k];
      ImGui::PushID(static_cast<int>(r.revision.seq));
      bool node = ImGui::TreeNodeEx("rev", k + 1 == item_.size() ? ImGuiTreeNodeFlags_DefaultOpen : 0, "#%lld  %s  %s  %s",
                                    static_cast<long long>(r.revision.seq), short_time(r.revision.time).c_str(),
                                    r.revision.author.c_str(), r.revision.summary.c_str());
      probe_item("history/rev/" + std::to_string(r.revision.seq));
      if (node) {
        ImGui::TextDisabled("%s", r.op.c_str());
        for (std::size_t f = 0; f < r.fields.size(); ++f) draw_change(k, f, r.fields[f]);
        if (k + 1 == item_.size()) {
          ImGui::TextDisabled("(current version)");
        } else if (r.op != "deleted") {
          ImGui::BeginDisabled(state.read_only());
          if (ImGui::SmallButton("Restore this version")) ask_restore(k);
          ImGui::EndDisabled();
          probe_item("history/restore/" + std::to_string(r.revision.seq));
        }
        ImGui::TreePop();
      }
      ImGui::PopID();
    }
    draw_restore_question(state);
  }

  /// Restoring says first which fields it will change: those changed by any later revision.
  void ask_restore(std::size_t k) {
    restore_seq_ = item_[k].revision.seq;
    restore_fields_.clear();
    for (std::size_t later = k + 1; later < item_.size(); ++later)
      for (const FieldChange& f : item_[later].fields)
        if (std::find(restore_fields_.begin(), restore_fields_.end(), f.field) == restore_fields_.end())
          restore_fields_.push_back(f.field);
    open_restore_question_ = true;  // opened outside the revision's ID scope, where it is drawn
  }

  void draw_restore_question(EditorState& state) {
    if (open_restore_question_) ImGui::OpenPopup("Restore this version?");
    open_restore_question_ = false;
    if (!ImGui::BeginPopupModal("Restore this version?", nullptr, ImGuiWindowFlags_AlwaysAutoResize)) return;
    std::string fields;
    for (const std::string& f : restore_fields_) fields += (fields.empty() ? "" : ", ") + f;
    const std::string text = item_.back().op == "deleted"
                                 ? "Brings " + state.label_of(item_id_) + " back as it was in #" + std::to_string(restore_seq_) + "."
                                 : "Restoring #" + std::to_string(restore_seq_) + " changes: " + (fields.empty() ? "nothing" : fields) + ".";
    ImGui::TextUnformatted(text.c_str());
    probe_text("history/restore-question", text);
    ImGui::TextDisabled("One revision; Undo takes it back.");
    if (ImGui::Button("Restore") || key_pressed(ImGuiKey_Enter, false)) {
      state.restore(item_id_, restore_seq_);
      ImGui::CloseCurrentPopup();
    }
    probe_item("history/restore-confirm");
    ImGui::SameLine();
    if (ImGui::Button("Cancel") || key_pressed(ImGuiKey_Escape, false)) ImGui::CloseCurrentPopup();
    probe_item("history/restore-cancel");
    ImGui::EndPopup();
  }

  void draw_change(std::size_t rev, std::size_t field, const FieldChange& c) {
    ImGui::PushID(static_cast<int>(field));
    if (c.field == "acknowledged") {  // sentences, not the stored JSON
      const auto lines = acknowledgement_sentences(c.old_value, c.new_value);
      for (std::size_t i = 0; i < lines.size(); ++i) {
        ImGui::BulletText("%s", lines[i].c_str());
        probe_text("history/ack/" + std::to_string(rev) + "/" + std::to_string(i), lines[i]);
      }
      ImGui::PopID();
      return;
    }
    ImGui::Text("%s:", c.field.c_str());
    ImGui::SameLine();
    if (is_short(c.old_value) && is_short(c.new_value)) {
      if (c.old_value) ImGui::TextColored(ImVec4(0.94f, 0.45f, 0.40f, 1), "%s", c.old_value->empty() ? "\xE2\x80\x94" : c.old_value->c_str());
      else ImGui::TextDisabled("(none)");
      ImGui::SameLine();
      ImGui::TextDisabled("\xE2\x86\x92");
      ImGui::SameLine();
      if (c.new_value) ImGui::TextColored(ImVec4(0.5f, 0.86f, 0.5f, 1), "%s", c.new_value->empty() ? "\xE2\x80\x94" : c.new_value->c_str());
      else ImGui::TextDisabled("(none)");
    } else {
      ImGui::NewLine();
      auto key = std::make_pair(rev, field);
      auto it = diffs_.find(key);
      if (it == diffs_.end())
        it = diffs_.emplace(key, word_diff(c.old_value.value_or(""), c.new_value.value_or(""))).first;
      ImGui::Indent();
      draw_word_diff(it->second);
      ImGui::Unindent();
    }
    ImGui::PopID();
  }

  void draw_document(EditorState& state) {
    if (!state.store()) return;
    if (doc_generation_ != state.generation()) {
      doc_generation_ = state.generation();
      revisions_.clear();
      guarded(state, [&] {
        revisions_ = state.store()->revisions(2000);
        next_undo_ = state.store()->next_undo();
        next_redo_ = state.store()->next_redo();
      });
    }
    ImGui::BeginDisabled(!state.can_undo());
    if (ImGui::SmallButton("Undo")) state.undo();
    ImGui::EndDisabled();
    ImGui::SameLine();
    ImGui::BeginDisabled(!state.can_redo());
    if (ImGui::SmallButton("Redo")) state.redo();
    ImGui::EndDisabled();
    ImGui::SameLine();
    ImGui::TextDisabled("%zu revision(s); undo: %s", revisions_.size(), next_undo_ ? next_undo_->summary.c_str() : "nothing");
    ImGuiTableFlags flags = ImGuiTableFlags_ScrollY | ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingStretchProp;
    if (!ImGui::BeginTable("log", 4, flags, ImVec2(0, ImGui::GetContentRegionAvail().y))) return;
    ImGui::TableSetupScrollFreeze(0, 1);
    ImGui::TableSetupColumn("#", ImGuiTableColumnFlags_WidthFixed, ImGui::GetFontSize() * 3);
    ImGui::TableSetupColumn("time", ImGuiTableColumnFlags_WidthFixed, ImGui::GetFontSize() * 7.5f);
    ImGui::TableSetupColumn("who", ImGuiTableColumnFlags_WidthFixed, ImGui::GetFontSize() * 4);
    ImGui::TableSetupColumn("what", ImGuiTableColumnFlags_WidthStretch);
    ImGui::TableHeadersRow();
    ImGuiListClipper clipper;
    clipper.Begin(static_cast<int>(revisions_.size()));
    while (clipper.Step()) {
      for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
        const Revision& r = revisions_[static_cast<std::size_t>(i)];
        ImGui::TableNextRow();
        ImGui::TableSetColumnIndex(0);
        ImGui::PushID(static_cast<int>(r.seq));
        bool undo_here = next_undo_ && next_undo_->seq == r.seq;
        bool redo_here = next_redo_ && next_redo_->seq == r.seq;
        if (undo_here) ImGui::TableSetBgColor(ImGuiTableBgTarget_RowBg1, IM_COL32(70, 110, 170, 90));
        if (ImGui::Selectable(std::to_string(r.seq).c_str(), false, ImGuiSelectableFlags_SpanAllColumns) && !r.items.empty())
          state.select(r.items.front());
        ImGui::TableSetColumnIndex(1);
        ImGui::TextDisabled("%s", short_time(r.time).c_str());
        ImGui::TableSetColumnIndex(2);
        ImGui::TextUnformatted(r.author.c_str());
        ImGui::TableSetColumnIndex(3);
        if (r.kind != "edit") ImGui::TextDisabled("[%s]", r.kind.c_str()), ImGui::SameLine();
        ImGui::TextUnformatted(r.summary.c_str());
        if (undo_here) ImGui::SameLine(), ImGui::TextColored(ImVec4(0.6f, 0.8f, 1, 1), "\xE2\x97\x80 undo");
        if (redo_here) ImGui::SameLine(), ImGui::TextColored(ImVec4(0.6f, 0.8f, 1, 1), "\xE2\x97\x80 redo");
        ImGui::PopID();
      }
    }
    ImGui::EndTable();
  }

  void draw_deleted(EditorState& state) {
    if (!state.store()) return;
    if (deleted_generation_ != state.generation()) {
      deleted_generation_ = state.generation();
      deleted_.clear();
      deleted_labels_.clear();
      guarded(state, [&] {
        deleted_ = state.store()->deleted_items();
        for (const auto& [id, seq] : deleted_) deleted_labels_.push_back(deleted_label(state.store()->item_history(id), id));
      });
      deleted_labels_.resize(deleted_.size());
    }
    if (deleted_.empty()) ImGui::TextDisabled("Nothing has been deleted.");
    for (std::size_t i = 0; i < deleted_.size(); ++i) {
      const auto& [id, seq] = deleted_[i];
      ImGui::PushID(id.c_str());
      ImGui::BeginDisabled(state.read_only());
      bool restore = ImGui::SmallButton("Restore");
      ImGui::EndDisabled();
      probe_item("history/deleted/" + id);
      ImGui::SameLine();
      const std::string& label = deleted_labels_[i].empty() ? id : deleted_labels_[i];
      ImGui::TextUnformatted(label.c_str());
      probe_text("history/deleted-label/" + id, label);
      ImGui::SameLine();
      ImGui::TextDisabled("%s, deleted in #%lld", id.c_str(), static_cast<long long>(seq));
      if (restore) restore_deleted(state, id);
      ImGui::PopID();
    }
  }

  /// A deleted item's title (or name) as it was when it was deleted; its id if none is known.
  static std::string deleted_label(const std::vector<ItemRevision>& history, const std::string& id) {
    for (std::size_t k = history.size(); k-- > 0;)
      for (const FieldChange& f : history[k].fields)
        if ((f.field == "title" || f.field == "name") && f.old_value && !f.old_value->empty()) return *f.old_value;
    return id;
  }

  /// Brings a deleted item back as it was in its last revision before the deletion.
  void restore_deleted(EditorState& state, const std::string& id) {
    std::vector<ItemRevision> history;
    guarded(state, [&] { history = state.store()->item_history(id); });
    for (std::size_t k = history.size(); k-- > 0;) {
      if (history[k].op == "deleted") continue;
      if (state.restore(id, history[k].revision.seq)) state.select(id);
      return;
    }
    state.report_error("No earlier version of " + id + " to restore.");
  }

  static constexpr double kSettleSeconds = 0.25;
  std::string item_id_, wanted_id_;
  std::uint64_t wanted_generation_ = 0;
  double wanted_since_ = 0;
  std::uint64_t item_generation_ = 0, doc_generation_ = 0, deleted_generation_ = 0;
  std::vector<ItemRevision> item_;
  std::map<std::pair<std::size_t, std::size_t>, std::vector<DiffPiece>> diffs_;
  std::vector<Revision> revisions_;
  std::optional<Revision> next_undo_, next_redo_;
  std::vector<std::pair<std::string, std::int64_t>> deleted_;
  std::vector<std::string> deleted_labels_;  // per deleted_ item
  bool open_restore_question_ = false;
  std::int64_t restore_seq_ = 0;                // the revision the question is about
  std::vector<std::string> restore_fields_;
};

}  // namespace

std::unique_ptr<Panel> make_history_panel() { return std::make_unique<HistoryPanel>(); }

}  // namespace uch::app
