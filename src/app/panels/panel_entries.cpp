// Entries window: every entry in date order, filtered (tag:X, 1917..1924, full text), virtualised.
#include <algorithm>
#include <cctype>
#include <sstream>
#include <unordered_set>

#include <imgui.h>
#include <imgui_stdlib.h>

#include "editor_state.hpp"
#include "text_field_focus.hpp"
#include "panels/panels.hpp"
#include "ui_common.hpp"
#include "uchronia/date.hpp"

namespace uch::app {
namespace {

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
  return s;
}

/// What the filter box says: `tag:X` (all must match), `A..B` (date range, either side
/// open), and the rest as a full-text query.
struct EntryFilter {
  std::vector<std::string> tags;
  bool has_range = false;
  DayNumber from = kUnboundedLow, to = kUnboundedHigh;
  std::string text;
  std::string error;
};

EntryFilter parse_filter(const std::string& input) {
  EntryFilter f;
  std::istringstream in(input);
  std::string token;
  while (in >> token) {
    if (token.rfind("tag:", 0) == 0 && token.size() > 4) {
      f.tags.push_back(lower(token.substr(4)));
      continue;
    }
    auto dots = token.find("..");
    if (dots != std::string::npos && token != "..") {
      std::string a = token.substr(0, dots), b = token.substr(dots + 2);
      f.has_range = true;
      if (!a.empty()) {
        DateInfo info = parse_edtf(a);
        if (info.valid) f.from = info.lower;
        else f.error = "not a date: " + a;
      }
      if (!b.empty()) {
        DateInfo info = parse_edtf(b);
        if (info.valid) f.to = info.upper;
        else f.error = "not a date: " + b;
      }
      continue;
    }
    if (!f.text.empty()) f.text += ' ';
    f.text += token;
  }
  return f;
}

class EntriesPanel final : public Panel {
 public:
  EntriesPanel() : Panel(kEntriesTitle) {}

  void default_rect(float& x, float& y, float& w, float& h) const override {
    x = 0.0f, y = 0.34f, w = 0.36f, h = 0.66f;
  }

  void draw(EditorState& state) override {
    place_window(state);
    if (!ImGui::Begin(title(), &open)) {
      ImGui::End();
      return;
    }
    draw_filter(state);
    refresh(state);
    handle_keys(state);
    draw_table(state);
    ImGui::End();
  }

 private:
  void draw_filter(EditorState& state) {
    if (state.requests.focus_find) {
      ImGui::SetWindowFocus();
      ImGui::SetKeyboardFocusHere();
      state.requests.focus_find = false;
    }
    ImGui::SetNextItemWidth(-ImGui::CalcTextSize("00000 of 00000").x - ImGui::GetStyle().ItemSpacing.x);
    ImGui::InputTextWithHint("##filter", "Filter: tag:divergence 1917..1924 famine", &filter_);
    probe_item("entries/filter");
    if (ImGui::IsItemDeactivated() && key_pressed(ImGuiKey_Enter) && !visible_.empty())
      state.select(state.rows()[visible_.front()].id);
    if (ImGui::IsItemHovered())
      ImGui::SetTooltip("tag:NAME keeps entries with that tag\n1917..1924 keeps entries in that span\n"
                        "other words search titles, bodies and OTL notes");
    ImGui::SameLine();
    ImGui::Text("%zu of %zu", visible_.size(), state.rows().size());
    if (!filter_error_.empty()) ImGui::TextColored(severity_color(Severity::Error), "%s", filter_error_.c_str());
  }

  /// Recomputes the visible rows only when the filter text or the document changed.
  void refresh(EditorState& state) {
    if (applied_filter_ == filter_ && applied_generation_ == state.generation()) return;
    applied_filter_ = filter_;
    applied_generation_ = state.generation();
    human_.assign(state.rows().size(), std::string());
    visible_.clear();
    filter_error_.clear();
    EntryFilter f = parse_filter(filter_);
    filter_error_ = f.error;
    std::unordered_set<std::string> hits;
    bool use_text = !f.text.empty() && state.store();
    if (use_text) {
      try {
        for (auto& id : state.store()->search(f.text, 1000000)) hits.insert(std::move(id));
      } catch (const std::exception& e) {
        filter_error_ = std::string("search: ") + e.what();
      }
    }
    const auto& rows = state.rows();
    visible_.reserve(rows.size());
    for (std::size_t i = 0; i < rows.size(); ++i) {
      const EntryRow& r = rows[i];
      if (use_text && !hits.count(r.id)) continue;
      if (f.has_range && (!r.dated || r.upper < f.from || r.lower > f.to)) continue;
      bool tags_ok = true;
      for (const std::string& want : f.tags) {
        bool found = std::any_of(r.tags.begin(), r.tags.end(), [&](const std::string& t) { return lower(t) == want; });
        if (!found) { tags_ok = false; break; }
      }
      if (tags_ok) visible_.push_back(i);
    }
  }

  int selected_position(const EditorState& state) const {
    auto idx = state.row_index(state.selected());
    if (!idx) return -1;
    auto it = std::lower_bound(visible_.begin(), visible_.end(), *idx);
    return (it != visible_.end() && *it == *idx) ? static_cast<int>(it - visible_.begin()) : -1;
  }

  void handle_keys(EditorState& state) {
    if (!ImGui::IsWindowFocused(ImGuiFocusedFlags_RootAndChildWindows) || ImGui::IsAnyItemActive() || text_field_editing()) return;
    if (ImGui::IsPopupOpen("", ImGuiPopupFlags_AnyPopupId) || visible_.empty() || ctrl_down()) return;
    int pos = selected_position(state);
    int n = static_cast<int>(visible_.size());
    int target = pos;
    if (key_pressed(ImGuiKey_DownArrow)) target = pos < 0 ? 0 : std::min(n - 1, pos + 1);
    if (key_pressed(ImGuiKey_UpArrow)) target = pos < 0 ? 0 : std::max(0, pos - 1);
    if (key_pressed(ImGuiKey_PageDown)) target = std::min(n - 1, std::max(pos, 0) + 20);
    if (key_pressed(ImGuiKey_PageUp)) target = std::max(0, pos - 20);
    if (key_pressed(ImGuiKey_Home)) target = 0;
    if (key_pressed(ImGuiKey_End)) target = n - 1;
    if (target != pos && target >= 0) state.select(state.rows()[visible_[target]].id);
    if (pos >= 0 && (key_pressed(ImGuiKey_Enter, false) || key_pressed(ImGuiKey_KeyPadEnter, false)))
      state.requests.focus_editor = true;
    if (pos >= 0 && key_pressed(ImGuiKey_Delete, false)) state.request_delete(state.selected());
  }

  void draw_table(EditorState& state) {
    ImGuiTableFlags flags = ImGuiTableFlags_ScrollY | ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerV |
                            ImGuiTableFlags_Resizable | ImGuiTableFlags_SizingStretchProp;
    if (!ImGui::BeginTable("entries", 4, flags, ImVec2(0, ImGui::GetContentRegionAvail().y))) return;
    const float em = ImGui::GetFontSize();
    ImGui::TableSetupScrollFreeze(0, 1);
    ImGui::TableSetupColumn("!", ImGuiTableColumnFlags_WidthFixed, em * 1.8f);
    ImGui::TableSetupColumn("Date", ImGuiTableColumnFlags_WidthFixed, em * 11.5f);
    ImGui::TableSetupColumn("Title", ImGuiTableColumnFlags_WidthStretch, 1.0f);
    ImGui::TableSetupColumn("Tags", ImGuiTableColumnFlags_WidthFixed, em * 7.0f);
    ImGui::TableHeadersRow();

    int reveal = -1;
    if (state.requests.scroll_to_selection) {
      reveal = selected_position(state);
      state.requests.scroll_to_selection = false;
    }
    const auto& rows = state.rows();
    ImGuiListClipper clipper;
    clipper.Begin(static_cast<int>(visible_.size()));
    if (reveal >= 0) clipper.ForceDisplayRangeByIndices(reveal, reveal + 1);
    while (clipper.Step()) {
      for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
        std::size_t ri = visible_[static_cast<std::size_t>(i)];
        const EntryRow& row = rows[ri];
        ImGui::TableNextRow();
        ImGui::TableSetColumnIndex(0);
        ImGui::PushID(row.id.c_str());
        bool selected = row.id == state.selected();
        const EditorState::Badge* badge = state.badge(row.id);
        char label[32] = "";
        if (badge) std::snprintf(label, sizeof label, "\xE2\x97\x8F%d", badge->count);  // ●N
        if (badge) ImGui::PushStyleColor(ImGuiCol_Text, severity_color(badge->worst));
        if (ImGui::Selectable(label, selected, ImGuiSelectableFlags_SpanAllColumns | ImGuiSelectableFlags_AllowDoubleClick)) {
          state.select(row.id, false);
          state.requests.frame_selection = true;
          if (ImGui::IsMouseDoubleClicked(0)) state.requests.focus_editor = true;
        }
        if (badge) ImGui::PopStyleColor();
        probe_item("entries/row/" + row.id);
        if (i == reveal && !ImGui::IsItemVisible()) ImGui::SetScrollHereY(0.5f);
        ImGui::TableSetColumnIndex(1);
        if (human_[ri].empty()) human_[ri] = human_date(row);
        if (row.dated) ImGui::TextUnformatted(human_[ri].c_str());
        else ImGui::TextDisabled("%s", human_[ri].c_str());
        if (ImGui::IsItemHovered() && ImGui::CalcTextSize(human_[ri].c_str()).x > ImGui::GetColumnWidth())
          ImGui::SetTooltip("%s", human_[ri].c_str());
        ImGui::TableSetColumnIndex(2);
        ImGui::TextUnformatted(row.title.c_str());
        ImGui::TableSetColumnIndex(3);
        for (std::size_t t = 0; t < row.tags.size(); ++t) {
          if (t) ImGui::SameLine(0, 0), ImGui::TextDisabled(", "), ImGui::SameLine(0, 0);
          ImGui::TextDisabled("%s", row.tags[t].c_str());
        }
        ImGui::PopID();
      }
    }
    ImGui::EndTable();
  }

  std::string filter_, applied_filter_ = "\x01";
  std::uint64_t applied_generation_ = 0;
  std::vector<std::size_t> visible_;      // indices into state.rows(), in date order
  std::vector<std::string> human_;        // human dates, computed when first shown
  std::string filter_error_;
};

}  // namespace

std::unique_ptr<Panel> make_entries_panel() { return std::make_unique<EntriesPanel>(); }

}  // namespace uch::app
