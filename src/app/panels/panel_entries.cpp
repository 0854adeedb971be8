// Entries window: every entry in date order (or in draft order), filtered (tag:X, 1917..1924, full
// text), virtualised.
#include <algorithm>
#include <cctype>
#include <sstream>
#include <unordered_set>
#include <vector>

#include <imgui.h>
#include <imgui_stdlib.h>

#include "editor_state.hpp"
#include "entry_search.hpp"
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

/// lower(a) == b, without building lower(a) (b is lower-case already).
bool equals_lower(const std::string& a, const std::string& b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (static_cast<char>(std::tolower(static_cast<unsigned char>(a[i]))) != b[i]) return false;
  return true;
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
    if (!begin_window(state)) return;
    draw_filter(state);
    refresh(state);
    follow_selection(state);
    if (searching_) state.background_work = true;
    handle_keys(state);
    draw_bulk_actions(state);
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
    ImGui::SetNextItemWidth(-ImGui::CalcTextSize("00000 of 00000").x - ImGui::GetFrameHeight() -
                            ImGui::CalcTextSize("Draft order").x - ImGui::GetStyle().ItemSpacing.x * 4);
    ImGui::InputTextWithHint("##filter", "Filter: tag:divergence 1917..1924 famine", &filter_);
    probe_item("entries/filter");
    if (ImGui::IsItemDeactivated() && key_pressed(ImGuiKey_Enter) && !visible_.empty())
      state.select(state.rows()[visible_.front()].id);
    if (ImGui::IsItemHovered())
      ImGui::SetTooltip("tag:NAME keeps entries with that tag\n1917..1924 keeps entries in that span\n"
                        "other words search titles, bodies and OTL notes");
    ImGui::SameLine();
    const std::string count = std::to_string(visible_.size()) + " of " + std::to_string(state.rows().size());
    if (searching_) ImGui::TextDisabled("%s", count.c_str());   // grey until the search has answered
    else ImGui::TextUnformatted(count.c_str());
    probe_text("entries/count", searching_ ? count + " (searching)" : count);
    ImGui::SameLine();
    if (ImGui::Checkbox("Draft order", &draft_sort_)) applied_filter_ = "\x01";   // re-sort now
    probe_item("entries/draft-order");
    if (ImGui::IsItemHovered())
      ImGui::SetTooltip("List entries in the order of the draft they were imported from;\n"
                        "entries without a draft position follow, by date");
    if (!filter_error_.empty()) ImGui::TextColored(severity_color(Severity::Error), "%s", filter_error_.c_str());
  }

  /// Recomputes the visible rows when the filter text, the document or the search's answer changed.
  /// Words are searched off the UI thread (EntrySearch); until the answer comes, the rows are those of
  /// the last answer (for a query that extends its query: a superset, narrowed when the answer comes).
  /// Tags and date ranges are applied at once.
  void refresh(EditorState& state) {
    bool answered = false;
    if (auto a = search_.take()) {
      hits_ = std::move(a->ids);
      hits_query_ = std::move(a->query);
      hits_generation_ = a->generation;
      search_error_ = std::move(a->error);
      answered = true;
    }
    if (!answered && applied_filter_ == filter_ && applied_generation_ == state.generation()) return;
    if (applied_generation_ != state.generation()) human_.assign(state.rows().size(), std::string());
    applied_filter_ = filter_;
    applied_generation_ = state.generation();
    visible_.clear();
    EntryFilter f = parse_filter(filter_);
    filter_error_ = f.error;
    const bool use_text = !f.text.empty() && state.store();
    searching_ = false;
    if (use_text && (hits_query_ != f.text || hits_generation_ != state.generation() || !hits_)) {
      if (asked_query_ != f.text || asked_generation_ != state.generation()) {
        asked_query_ = f.text;
        asked_generation_ = state.generation();
        search_.ask(*state.store(), state.generation(), f.text);
        if (auto a = search_.take()) {   // answered at once (a document in memory)
          hits_ = std::move(a->ids);
          hits_query_ = std::move(a->query);
          hits_generation_ = a->generation;
          search_error_ = std::move(a->error);
        }
      }
      searching_ = hits_query_ != f.text || hits_generation_ != state.generation() || !hits_;
    }
    if (use_text && !search_error_.empty() && !searching_) filter_error_ = search_error_;
    // While the answer is on its way, the last one stands in (none yet: every row).
    const EntrySearch::Ids* hits = use_text && hits_ ? hits_.get() : nullptr;
    std::vector<std::string> tags(f.tags);
    const auto& rows = state.rows();
    visible_.reserve(rows.size());
    for (std::size_t i = 0; i < rows.size(); ++i) {
      const EntryRow& r = rows[i];
      if (hits && !hits->count(r.id)) continue;
      if (f.has_range && (!r.dated || r.upper < f.from || r.lower > f.to)) continue;
      bool tags_ok = true;
      for (const std::string& want : tags) {
        bool found = std::any_of(r.tags.begin(), r.tags.end(), [&](const std::string& t) { return equals_lower(t, want); });
        if (!found) { tags_ok = false; break; }
      }
      if (tags_ok) visible_.push_back(i);
    }
    if (draft_sort_) sort_by_draft_order(state);
    state.entries_filter.publish(hits || f.has_range || !tags.empty(), visible_, rows.size(), state.generation());
    // the multi-selection keeps only rows still shown: bulk actions act on what the writer sees
    std::unordered_set<std::string> kept;
    for (std::size_t i : visible_)
      if (marked_.count(rows[i].id)) kept.insert(rows[i].id);
    marked_ = std::move(kept);
  }

  /// Draft positions first, in order; the rest keep their date order after them (stable sort).
  void sort_by_draft_order(const EditorState& state) {
    const auto& rows = state.rows();
    std::vector<std::int64_t> order(visible_.size());
    for (std::size_t k = 0; k < visible_.size(); ++k) order[k] = rows[visible_[k]].draft_order;
    std::vector<std::size_t> perm(visible_.size());
    for (std::size_t k = 0; k < perm.size(); ++k) perm[k] = k;
    std::stable_sort(perm.begin(), perm.end(), [&](std::size_t a, std::size_t b) {
      const bool ha = order[a] > 0, hb = order[b] > 0;
      if (ha != hb) return ha;
      return ha && order[a] < order[b];
    });
    std::vector<std::size_t> sorted(visible_.size());
    for (std::size_t k = 0; k < perm.size(); ++k) sorted[k] = visible_[perm[k]];
    visible_ = std::move(sorted);
  }

  /// Position of row index `idx` in the table, or -1 (binary search in date order, else linear).
  int position_of(std::size_t idx) const {
    if (draft_sort_) {
      auto it = std::find(visible_.begin(), visible_.end(), idx);
      return it != visible_.end() ? static_cast<int>(it - visible_.begin()) : -1;
    }
    auto it = std::lower_bound(visible_.begin(), visible_.end(), idx);
    return (it != visible_.end() && *it == idx) ? static_cast<int>(it - visible_.begin()) : -1;
  }

  /// The shared selection changed elsewhere (timeline, a new entry): the multi-selection follows.
  void follow_selection(const EditorState& state) {
    if (state.document_serial() != serial_) serial_ = state.document_serial(), marked_.clear();
    if (state.selected() == seen_selected_) return;
    seen_selected_ = state.selected();
    if (!marked_.count(seen_selected_)) {
      marked_.clear();
      if (state.entry(seen_selected_)) marked_.insert(seen_selected_);
      anchor_ = seen_selected_;
    }
  }

  /// The marked entries in table order (the shared selection alone when nothing is marked).
  std::vector<std::string> marked_ids(const EditorState& state) const {
    std::vector<std::string> ids;
    for (std::size_t i : visible_)
      if (marked_.count(state.rows()[i].id)) ids.push_back(state.rows()[i].id);
    if (ids.empty() && state.selected_is_entry()) ids.push_back(state.selected());
    return ids;
  }

  /// A click on row `pos`: alone; Ctrl toggles it; Shift extends from the anchor to it.
  void click_row(EditorState& state, int pos) {
    const std::string& id = state.rows()[visible_[static_cast<std::size_t>(pos)]].id;
    if (shift_down()) {
      const int from = anchor_position(state, pos);
      if (!ctrl_down()) marked_.clear();
      for (int k = std::min(from, pos); k <= std::max(from, pos); ++k)
        marked_.insert(state.rows()[visible_[static_cast<std::size_t>(k)]].id);
    } else if (ctrl_down()) {
      anchor_ = id;
      if (marked_.erase(id)) {
        if (id == state.selected()) {   // the shared selection moves to another marked row, if any
          const auto rest = marked_ids(state);
          select_keeping_marks(state, rest.empty() || !marked_.count(rest.front()) ? std::string() : rest.front());
        }
        return;
      }
      marked_.insert(id);
    } else {
      marked_ = {id};
      anchor_ = id;
    }
    select_keeping_marks(state, id);
    state.requests.frame_selection = true;
  }

  void select_keeping_marks(EditorState& state, const std::string& id) {
    seen_selected_ = id;
    state.select(id, false);
  }

  int anchor_position(const EditorState& state, int fallback) const {
    auto idx = state.row_index(anchor_);
    const int pos = idx ? position_of(*idx) : -1;
    return pos >= 0 ? pos : fallback;
  }

  int selected_position(const EditorState& state) const {
    auto idx = state.row_index(state.selected());
    return idx ? position_of(*idx) : -1;
  }

  /// Ctrl+A marks every shown row; Ctrl+C copies the marked entries as interchange JSON, Ctrl+V
  /// pastes entries, Ctrl+D duplicates the marked ones.
  void handle_clipboard_keys(EditorState& state) {
    if (key_pressed(ImGuiKey_A, false)) {
      for (std::size_t i : visible_) marked_.insert(state.rows()[i].id);
      if (!visible_.empty() && !marked_.count(state.selected()))
        select_keeping_marks(state, state.rows()[visible_.front()].id);
    } else if (key_pressed(ImGuiKey_C, false)) {
      const auto ids = marked_ids(state);
      if (ids.empty()) return;
      ImGui::SetClipboardText(state.entries_json(ids).c_str());
      state.set_status("Copied " + std::to_string(ids.size()) + (ids.size() == 1 ? " entry" : " entries") +
                       " as interchange JSON");
    } else if (key_pressed(ImGuiKey_V, false)) {
      const char* text = ImGui::GetClipboardText();
      mark(state, state.paste_entries(text ? text : ""));
    } else if (letter_pressed('D')) {
      mark(state, state.duplicate_entries(marked_ids(state)));
    }
  }

  /// Marks the entries just added (pasted, duplicated); the first is the selection.
  void mark(EditorState& state, const std::vector<std::string>& ids) {
    if (ids.empty()) return;
    marked_ = {ids.begin(), ids.end()};
    anchor_ = seen_selected_ = state.selected();
    state.requests.scroll_to_selection = true;
  }

  void handle_keys(EditorState& state) {
    if (!ImGui::IsWindowFocused(ImGuiFocusedFlags_RootAndChildWindows) || ImGui::IsAnyItemActive() || text_field_editing()) return;
    if (ImGui::IsPopupOpen("", ImGuiPopupFlags_AnyPopupId)) return;
    if (ctrl_down()) return handle_clipboard_keys(state);
    if (visible_.empty()) return;
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
    if (key_pressed(ImGuiKey_Delete, false)) {
      if (marked_.size() > 1) state.delete_entries(marked_ids(state));
      else if (pos >= 0) state.request_delete(state.selected());
    }
  }

  /// With several rows marked: their count, and tag / untag / delete them all, each one revision.
  void draw_bulk_actions(EditorState& state) {
    if (marked_.size() < 2) return;
    const auto ids = marked_ids(state);
    ImGui::Text("%zu selected", ids.size());
    ImGui::SameLine();
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 8);
    const bool enter = ImGui::InputTextWithHint("##bulk-tag", "tag", &bulk_tag_, ImGuiInputTextFlags_EnterReturnsTrue);
    probe_item("entries/bulk/tag");
    ImGui::SameLine();
    if (ImGui::Button("Add tag") || enter) state.tag_entries(ids, bulk_tag_, true);
    probe_item("entries/bulk/add-tag");
    ImGui::SameLine();
    if (ImGui::Button("Remove tag")) state.tag_entries(ids, bulk_tag_, false);
    probe_item("entries/bulk/remove-tag");
    ImGui::SameLine();
    if (ImGui::Button(("Delete " + std::to_string(ids.size())).c_str())) state.delete_entries(ids);
    probe_item("entries/bulk/delete");
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Delete the selected entries and the relations that name them (one undo step)");
  }

  void draw_table(EditorState& state) {
    ImGuiTableFlags flags = ImGuiTableFlags_ScrollY | ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerV |
                            ImGuiTableFlags_Resizable | ImGuiTableFlags_SizingStretchProp;
    const float em = ImGui::GetFontSize();
    // Readable columns whatever the panel's width: below their sum, the table scrolls sideways.
    const float min_width = em * (1.8f + 11.5f + kMinTitleEms + 7.0f) + ImGui::GetStyle().CellPadding.x * 8;
    const ImVec2 avail = ImGui::GetContentRegionAvail();
    if (avail.x < min_width) flags |= ImGuiTableFlags_ScrollX;
    if (!ImGui::BeginTable("entries", 4, flags, ImVec2(0, avail.y), avail.x < min_width ? min_width : 0.0f)) return;
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
        bool selected = row.id == state.selected() || marked_.count(row.id) > 0;
        const EditorState::Badge* badge = state.badge(row.id);
        char label[32] = "";
        if (badge) std::snprintf(label, sizeof label, "\xE2\x97\x8F%d", badge->count);  // ●N
        if (badge) ImGui::PushStyleColor(ImGuiCol_Text, severity_color(badge->worst));
        if (ImGui::Selectable(label, selected, ImGuiSelectableFlags_SpanAllColumns | ImGuiSelectableFlags_AllowDoubleClick)) {
          click_row(state, i);
          if (ImGui::IsMouseDoubleClicked(0) && !ctrl_down() && !shift_down()) state.requests.focus_editor = true;
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
  std::vector<std::size_t> visible_;      // indices into state.rows(), in date order (or draft order)
  bool draft_sort_ = false;               // the table lists entries in draft order
  std::vector<std::string> human_;        // human dates, computed when first shown
  std::string filter_error_;
  // the multi-selection: marked rows (the shared selection among them), the Shift-click anchor
  std::unordered_set<std::string> marked_;
  std::string anchor_, seen_selected_, bulk_tag_;
  std::uint64_t serial_ = 0;
  static constexpr float kMinTitleEms = 10.0f;
  EntrySearch search_;                            // the filter's words, searched off the UI thread
  std::shared_ptr<const EntrySearch::Ids> hits_;  // the last answer, for hits_query_ as of hits_generation_
  std::string hits_query_, asked_query_, search_error_;
  std::uint64_t hits_generation_ = 0, asked_generation_ = 0;
  bool searching_ = false;                        // the rows shown are not yet the answer to filter_
};

}  // namespace

std::unique_ptr<Panel> make_entries_panel() { return std::make_unique<EntriesPanel>(); }

}  // namespace uch::app
