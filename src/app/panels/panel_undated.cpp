// Undated window (the tray beside the timeline): the entries without a date, in draft order, each
// with its neighbours in the draft (to tell where it belongs) and a date field. A typed date goes
// through the core's set_item_field (read_typed_date: text that is no date is refused) as one
// revision; the entry then leaves the tray for the timeline.
#include <algorithm>
#include <string>
#include <unordered_map>
#include <vector>

#include <imgui.h>
#include <imgui_stdlib.h>

#include "editor_state.hpp"
#include "panels/panels.hpp"
#include "ui_common.hpp"
#include "uchronia/store.hpp"

namespace uch::app {
namespace {

class UndatedPanel final : public Panel {
 public:
  UndatedPanel() : Panel(kUndatedTitle) {}

  void default_rect(float& x, float& y, float& w, float& h) const override {
    x = 0.64f, y = 0.06f, w = 0.36f, h = 0.5f;
  }
  bool open_by_default() const override { return false; }

  void draw(EditorState& state) override {
    if (!begin_window(state)) return;
    refresh(state);
    const std::string count = std::to_string(tray_.size()) + " undated";
    ImGui::TextUnformatted(count.c_str());
    probe_text("undated/count", count);
    ImGui::SameLine();
    help_marker("Entries without a date, in the order of the draft they came from, between their\n"
                "neighbours in that draft. Type a date (\"March 1917\", 1917-03) and press Enter,\n"
                "or drag the entry onto the timeline: it takes the year, month or day under the\n"
                "pointer, as precise as the timeline's zoom.");
    const bool writable = state.has_document() && !state.read_only();
    std::string to_commit;
    if (ImGui::BeginChild("##tray")) {
      for (const Row& row : tray_) {
        ImGui::PushID(row.id.c_str());
        ImGui::Separator();
        ImGui::TextDisabled("%s", row.before.c_str());
        if (ImGui::Selectable((row.position + row.title).c_str(), row.id == state.selected())) state.select(row.id);
        if (writable && ImGui::BeginDragDropSource()) {   // onto the timeline: dated where it lands
          ImGui::SetDragDropPayload(kUndatedDragPayload, row.id.data(), row.id.size());
          ImGui::TextUnformatted(row.title.c_str());
          ImGui::EndDragDropSource();
        }
        probe_text("undated/row/" + row.id, row.before + "\n" + row.title + "\n" + row.after);
        ImGui::TextDisabled("%s", row.after.c_str());
        ImGui::BeginDisabled(!writable);
        ImGui::SetNextItemWidth(-1);
        std::string& typed = typed_[row.id];
        if (ImGui::InputTextWithHint("##date", "date, then Enter", &typed, ImGuiInputTextFlags_EnterReturnsTrue))
          to_commit = row.id;
        ImGui::EndDisabled();
        probe_item("undated/date/" + row.id);
        ImGui::PopID();
      }
    }
    ImGui::EndChild();
    ImGui::End();
    if (!to_commit.empty()) date_entry(state, to_commit);
  }

 private:
  struct Row {
    std::string id, title, position, before, after;
  };

  /// Rebuilds the tray when the document changed: the draft sequence of every entry, and for each
  /// undated one its neighbours in it; undated entries without a draft position follow.
  void refresh(const EditorState& state) {
    if (built_for_ == state.generation() && serial_ == state.document_serial()) return;
    built_for_ = state.generation();
    serial_ = state.document_serial();
    tray_.clear();
    struct Drafted {
      std::int64_t order;
      std::size_t row;
    };
    std::vector<Drafted> drafted;
    std::vector<std::size_t> loose;   // undated, no draft position
    const auto& rows = state.rows();
    for (std::size_t i = 0; i < rows.size(); ++i) {
      const std::int64_t order = rows[i].draft_order;
      if (order > 0) drafted.push_back({order, i});
      else if (!rows[i].dated) loose.push_back(i);
    }
    std::stable_sort(drafted.begin(), drafted.end(), [](const Drafted& a, const Drafted& b) { return a.order < b.order; });
    const auto label = [&](const char* where, std::size_t k) {
      const EntryRow& r = rows[drafted[k].row];
      return std::string(where) + r.title + " (" + human_date(r) + ")";
    };
    for (std::size_t k = 0; k < drafted.size(); ++k) {
      const EntryRow& r = rows[drafted[k].row];
      if (r.dated) continue;
      Row row{r.id, r.title, "#" + std::to_string(drafted[k].order) + "  ", "", ""};
      row.before = k > 0 ? label("after: ", k - 1) : std::string("first in the draft");
      row.after = k + 1 < drafted.size() ? label("before: ", k + 1) : std::string("last in the draft");
      tray_.push_back(std::move(row));
    }
    for (std::size_t i : loose) tray_.push_back({rows[i].id, rows[i].title, "", "not from a draft", ""});
  }

  void date_entry(EditorState& state, const std::string& id) {
    const Entry* current = state.entry(id);
    if (!current) return;
    Entry e = *current;
    try {
      set_item_field(e, "date", typed_[id]);
    } catch (const std::exception& ex) {
      state.set_status(ex.what());   // not a date: nothing written, the text stays to correct
      return;
    }
    Edit edit;
    edit.put_entry(e, state.version_of(id));
    if (state.commit(edit)) typed_.erase(id);
  }

  std::vector<Row> tray_;
  std::unordered_map<std::string, std::string> typed_;   // date fields' text, by entry id
  std::uint64_t built_for_ = 0, serial_ = 0;
};

}  // namespace

std::unique_ptr<Panel> make_undated_panel() { return std::make_unique<UndatedPanel>(); }

}  // namespace uch::app
