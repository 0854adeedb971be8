// Editing on the timeline canvas by dragging: see timeline_drag.hpp.
#include "timeline_drag.hpp"

#include <algorithm>
#include <cmath>

#include <imgui.h>

#include "editor_state.hpp"
#include "panel.hpp"
#include "ui_common.hpp"

namespace uch::app {
namespace {

constexpr float kEndGrip = 5.0f;   // pixels either side of an interval's end that take hold of it
constexpr RelationType kRelationKinds[] = {RelationType::Causes, RelationType::Before, RelationType::After,
                                           RelationType::Ends, RelationType::During};

}  // namespace

void TimelineDrag::begin_frame() { end_hover_.on = false; }

void TimelineDrag::offer_ends(const std::string& id, std::uint32_t row, float a, float b, float y0, float y1,
                              bool open_lo, bool open_hi) {
  if (probe_enabled()) {
    if (!open_lo) probe_rect("timeline/start/" + id, {a - 1, y0, a + 1, y1});
    if (!open_hi) probe_rect("timeline/end/" + id, {b - 1, y0, b + 1, y1});
  }
  const ImVec2 m = ImGui::GetIO().MousePos;
  if (m.y < y0 - 2 || m.y > y1 + 2) return;
  // the nearer end wins when the bar is narrower than both grips
  const float da = open_lo ? 1e9f : std::fabs(m.x - a), db = open_hi ? 1e9f : std::fabs(m.x - b);
  if (std::min(da, db) > kEndGrip) return;
  end_hover_ = {true, row, db < da ? IntervalEnd::End : IntervalEnd::Start};
}

void TimelineDrag::press(const EditorState& state, std::optional<std::uint32_t> row, double day, bool link) {
  grab_ = Grab::Pan;
  preview_ = {};
  over_.reset();
  if (!row || *row >= state.rows().size() || state.read_only()) return;
  const EntryRow& r = state.rows()[*row];
  row_ = *row;
  id_ = r.id;
  original_ = r.date;
  calendar_ = r.calendar;
  press_day_ = day;
  if (link) {
    grab_ = Grab::Link;
    return;
  }
  if (end_hover_.on && end_hover_.row == *row) grab_ = end_hover_.end == IntervalEnd::Start ? Grab::Start : Grab::End;
  else grab_ = Grab::Move;
  preview_ = {true, original_, {}};
}

void TimelineDrag::follow(double day, std::optional<std::uint32_t> over) {
  const ImVec2 m = ImGui::GetIO().MousePos;
  pointer_x_ = m.x, pointer_y_ = m.y;
  over_ = over;
  if (grab_ == Grab::Move) {
    preview_ = date_moved_by(original_, calendar_, static_cast<DayNumber>(std::llround(day - press_day_)));
  } else if (grab_ == Grab::Start || grab_ == Grab::End) {
    preview_ = interval_end_moved_to(original_, calendar_, grab_ == Grab::Start ? IntervalEnd::Start : IntervalEnd::End,
                                     static_cast<DayNumber>(std::floor(day)));
  }
}

bool TimelineDrag::release(EditorState& state) {
  const Grab grab = grab_;
  grab_ = Grab::None;
  if (grab == Grab::Link) {
    if (over_ && *over_ != row_ && *over_ < state.rows().size()) {
      link_from_ = id_;
      link_to_ = state.rows()[*over_].id;
      open_popup_ = true;
    }
    return false;
  }
  if (grab != Grab::Move && grab != Grab::Start && grab != Grab::End) return false;
  if (!preview_.ok) {
    state.set_status("Not moved: " + preview_.error);
    return false;
  }
  if (preview_.stored == original_) return false;
  const Entry* current = state.entry(id_);
  if (!current) return false;
  Entry e = *current;
  e.date = preview_.stored;
  Edit edit;
  edit.put_entry(e, state.version_of(id_));
  if (!state.commit(edit)) return false;
  state.select(id_, false);
  return true;
}

void TimelineDrag::draw(const CanvasView& view, const TimelineMarks& marks, ImDrawList* dl) const {
  const float em = ImGui::GetFontSize();
  const DrawnMark* from = marks.find(row_);
  if (grab_ == Grab::Link) {
    if (!from) return;
    const ImU32 col = IM_COL32(255, 255, 255, 200);
    dl->AddLine(ImVec2(from->x_hi, from->cy), ImVec2(pointer_x_, pointer_y_), col, 2.0f);
    if (over_ && *over_ != row_)
      if (const DrawnMark* to = marks.find(*over_))
        dl->AddRect(ImVec2(to->x_lo - 5, to->cy - em * 0.5f), ImVec2(to->x_hi + 5, to->cy + em * 0.5f), col, 3.0f, 0, 2.0f);
    return;
  }
  if (!dates()) return;
  std::string words;
  if (preview_.ok) {
    const DateInfo info = parse_edtf(preview_.stored, calendar_);
    const float cy = from ? from->cy : pointer_y_;
    const float a = info.lower_unbounded ? view.x0 : view.x_of(static_cast<double>(info.lower));
    const float b = info.upper_unbounded ? view.x0 + view.w : view.x_of(static_cast<double>(info.upper) + 1.0);
    const float bh = em * 0.45f;
    dl->AddRectFilled(ImVec2(a, cy - bh), ImVec2(std::max(b, a + 3), cy + bh), IM_COL32(255, 255, 255, 60), 2.0f);
    dl->AddRect(ImVec2(a, cy - bh), ImVec2(std::max(b, a + 3), cy + bh), IM_COL32(255, 255, 255, 230), 2.0f, 0, 1.5f);
    words = date_in_words(preview_.stored, calendar_);
  }
  ImGui::BeginTooltip();
  if (preview_.ok) {
    ImGui::TextUnformatted(words.c_str());
    probe_text("timeline/drag-date", words);
    if (preview_.stored == original_) ImGui::TextDisabled("unchanged");
    ImGui::TextDisabled("release to move, Esc to cancel");
  } else {
    ImGui::TextColored(severity_color(Severity::Error), "%s", preview_.error.c_str());
    probe_text("timeline/drag-date", preview_.error);
  }
  ImGui::EndTooltip();
}

void TimelineDrag::draw_relation_popup(EditorState& state) {
  if (open_popup_) {
    ImGui::OpenPopup("relation-kind");
    open_popup_ = false;
  }
  if (!ImGui::BeginPopup("relation-kind")) return;
  ImGui::TextDisabled("%s \xE2\x86\x92 %s", state.label_of(link_from_).c_str(), state.label_of(link_to_).c_str());
  for (RelationType type : kRelationKinds) {
    const bool chosen = ImGui::Selectable(to_string(type));
    probe_item(std::string("timeline/relation-kind/") + to_string(type));
    if (!chosen) continue;
    Relation r;
    r.from = link_from_;
    r.type = type;
    r.to = link_to_;
    const auto& existing = state.relations();
    if (std::find(existing.begin(), existing.end(), r) != existing.end()) {
      state.set_status("That relation is already there");
    } else {
      Edit edit;
      edit.add_relation(r).summary("Added relation: " + state.label_of(r.from) + " " + to_string(type) + " " +
                                   state.label_of(r.to));
      state.commit(edit);
    }
    ImGui::CloseCurrentPopup();
  }
  ImGui::EndPopup();
}

std::optional<std::string> add_entry_at(EditorState& state, const std::string& edtf) {
  if (state.read_only()) return std::nullopt;
  Entry e;
  e.id = state.unique_id("entry");
  e.title = "New entry";
  e.date = edtf;
  Edit edit;
  edit.put_entry(e).summary("Added a new entry on the timeline");
  if (!state.commit(edit)) return std::nullopt;
  state.select(e.id);
  state.requests.focus_editor = true;
  return e.id;
}

}  // namespace uch::app
