// Timeline window: entries on a zoomable time axis, in lanes, with density when crowded.
#include <algorithm>
#include <cmath>
#include <string_view>
#include <unordered_map>

#include <imgui.h>

#include "editor_state.hpp"
#include "panels/panels.hpp"
#include "dimmed_drawing.hpp"
#include "timeline_arrows.hpp"
#include "timeline_axis.hpp"
#include "timeline_drag.hpp"
#include "timeline_geometry.hpp"
#include "timeline_legend.hpp"
#include "timeline_marks.hpp"
#include "ui_common.hpp"
#include "uchronia/store.hpp"

namespace uch::app {
namespace {

constexpr double kMinSpanDays = 10.0;
constexpr double kMaxSpanDays = 4.0e12;
constexpr std::size_t kMaxLanes = 12;
constexpr float kDensityPixelsPerItem = 5.0f;   // fewer pixels per item in view: aggregate (density)
const ImU32 kDivergenceColor = IM_COL32(235, 70, 60, 255);

ImU32 lane_color(std::size_t i, float alpha = 1.0f) {
  static const float hues[] = {0.58f, 0.08f, 0.33f, 0.78f, 0.14f, 0.48f, 0.92f, 0.25f, 0.66f, 0.02f, 0.40f, 0.85f};
  float r, g, b;
  ImGui::ColorConvertHSVtoRGB(hues[i % 12], 0.50f, 0.95f, r, g, b);
  return ImGui::ColorConvertFloat4ToU32(ImVec4(r, g, b, alpha));
}

class TimelinePanel final : public Panel {
 public:
  TimelinePanel() : Panel(kTimelineTitle) {}

  void default_rect(float& x, float& y, float& w, float& h) const override {
    x = 0.0f, y = 0.0f, w = 1.0f, h = 0.34f;
  }

  void draw(EditorState& state) override {
    if (!begin_window(state)) return;
    const float lane_min_h = ImGui::GetFontSize() * 2.6f;
    const float lanes_h = ImGui::GetContentRegionAvail().y - ImGui::GetFrameHeightWithSpacing() - ImGui::GetFontSize() * 2.2f;
    std::size_t fit = static_cast<std::size_t>(std::max(1.0f, lanes_h / lane_min_h));
    if (geometry_.update(state, mode_, std::clamp<std::size_t>(fit, 1, kMaxLanes))) {
      selected_for_ = ~0ull;
      width_cache_.clear();   // it holds views of the former lanes' names
    }
    if (fitted_for_ != state.document_serial()) {
      fit_all();
      fitted_for_ = state.document_serial();
    }
    draw_toolbar(state);
    draw_canvas(state);
    ImGui::End();
  }

 private:
  // --- view ------------------------------------------------------------------------
  void set_view(double lo, double hi) {
    double span = std::clamp(hi - lo, kMinSpanDays, kMaxSpanDays);
    double mid = (lo + hi) * 0.5;
    view_lo_ = mid - span * 0.5;
    view_hi_ = mid + span * 0.5;
  }

  void fit_all() {
    if (geometry_.empty()) {
      set_view(static_cast<double>(days_from_civil(1900, 1, 1)), static_cast<double>(days_from_civil(2000, 1, 1)));
      return;
    }
    double lo = geometry_.extent_lo(), hi = geometry_.extent_hi();
    double pad = std::max((hi - lo) * 0.03, 30.0);
    set_view(lo - pad, hi + pad);
  }

  /// The selected entry's item, cached until the selection or the geometry changes.
  const TimelineItem* selected_item(const EditorState& state) {
    if (selected_for_ != state.generation() || selected_id_ != state.selected()) {
      selected_for_ = state.generation();
      selected_id_ = state.selected();
      auto idx = state.row_index(selected_id_);
      selected_ = idx ? geometry_.find_row(*idx) : nullptr;
    }
    return selected_;
  }

  void zoom_to_selection(const EditorState& state) {
    if (const TimelineItem* it = selected_item(state)) {
      double span = std::max(it->hi - it->lo, 365.0);
      set_view(it->lo - span * 0.5, it->hi + span * 0.5);
    }
  }

  /// Brings the selection into view, keeping the zoom unless the item is larger than the view.
  void reveal_selection(const EditorState& state) {
    const TimelineItem* it = selected_item(state);
    if (!it) return;
    double span = view_hi_ - view_lo_;
    if (it->hi - it->lo > span) return zoom_to_selection(state);
    double mid = (it->lo + it->hi) * 0.5;
    if (it->lo < view_lo_ || it->hi > view_hi_) set_view(mid - span * 0.5, mid + span * 0.5);
  }

  void draw_toolbar(EditorState& state) {
    if (ImGui::Button("Fit all")) fit_all();
    ImGui::SameLine();
    ImGui::BeginDisabled(!selected_item(state));
    if (ImGui::Button("Zoom to selection")) zoom_to_selection(state);
    ImGui::EndDisabled();
    ImGui::SameLine();
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 7);
    int mode = static_cast<int>(mode_);
    if (ImGui::Combo("lanes", &mode, "none\0by tag\0by entity\0")) mode_ = static_cast<LaneMode>(mode);
    ImGui::SameLine();
    const double span = view_hi_ - view_lo_;
    if (state.entries_filter.filtering(state.generation())) {   // the table's filter: dim or hide the rest
      ImGui::Checkbox("hide filtered out", &hide_filtered_);
      probe_item("timeline/hide-filtered");
      ImGui::SameLine();
    }
    if (ImGui::Button("Legend")) state.requests.show_legend = true;
    probe_item("timeline/legend");
    ImGui::SameLine();
    ImGui::TextDisabled("%s \xE2\x80\x93 %s   wheel: zoom, drag: pan or re-date, Ctrl+drag: relate, double-click: add",
                        axis_label_for_day(view_lo_, span).c_str(), axis_label_for_day(view_hi_, span).c_str());
    if (state.requests.frame_selection) {
      reveal_selection(state);
      state.requests.frame_selection = false;
    }
  }

  // --- drawing -------------------------------------------------------------------
  void draw_canvas(EditorState& state);
  /// An entry dragged from the Undated window onto the canvas: dated at the day under the
  /// pointer, as precise as the zoom (year, month, day), through the core's set_item_field.
  void accept_undated_drop(EditorState& state) {
    if (!ImGui::BeginDragDropTarget()) return;
    if (const ImGuiPayload* p = ImGui::AcceptDragDropPayload(kUndatedDragPayload)) {
      const std::string id(static_cast<const char*>(p->Data), static_cast<std::size_t>(p->DataSize));
      if (const Entry* current = state.entry(id)) {
        Entry e = *current;
        try {
          set_item_field(e, "date", edtf_for_day(day_at(ImGui::GetIO().MousePos.x), view_hi_ - view_lo_));
          Edit edit;
          edit.put_entry(e, state.version_of(id));
          if (state.commit(edit)) state.select(id);
        } catch (const std::exception& ex) {
          state.set_status(ex.what());
        }
      }
    }
    ImGui::EndDragDropTarget();
  }
  /// The core's layout of every lane for this frame (visible range only) and each lane's height.
  void layout_lanes(EditorState& state, float view_h);
  void draw_lane(EditorState& state, const TimelineLaneLayout& l, std::size_t li, float y0, ImDrawList* dl);
  void draw_density(const TimelineLaneLayout& l, std::size_t li, float y0, float h, ImDrawList* dl);
  void draw_shape(const TimelineItem& it, std::size_t li, float cy, bool selected, ImDrawList* dl);

  float x_of(double day) const { return canvas_x0_ + static_cast<float>((day - view_lo_) / (view_hi_ - view_lo_) * canvas_w_); }
  double day_at(float x) const { return view_lo_ + (x - canvas_x0_) / canvas_w_ * (view_hi_ - view_lo_); }

  void consider_hover(const TimelineItem& it, float x0, float y0, float x1, float y1) {
    ImVec2 m = ImGui::GetIO().MousePos;
    if (m.x < x0 - 3 || m.x > x1 + 3 || m.y < y0 - 2 || m.y > y1 + 2) return;
    float d = std::fabs(m.x - (x0 + x1) * 0.5f);
    if (!hover_ || d < hover_dist_) hover_ = &it, hover_dist_ = d;
  }

  /// True when the entries table's filter leaves row `row` out (drawn dimmed, or not at all).
  bool filtered_out(const EditorState& state, std::uint32_t row) const {
    return state.entries_filter.excludes(row, state.generation());
  }
  const std::string& drag_id(const TimelineItem& it) const { return (*rows_)[it.source].id; }
  CanvasView view() const { return {view_lo_, view_hi_, canvas_x0_, canvas_w_}; }

  LaneMode mode_ = LaneMode::Tag;
  TimelineDrag drag_;        // re-dating and relating by dragging (timeline_drag.hpp)
  TimelineArrows arrows_;    // relations between the entries on screen
  TimelineMarks marks_;      // where each entry was drawn this frame
  const std::vector<EntryRow>* rows_ = nullptr;
  const EntriesFilterView* filter_ = nullptr;
  std::uint64_t filter_generation_ = 0;
  bool hiding_ = false;   // this frame: the filter is on and what it leaves out is hidden
  bool hide_filtered_ = false, dim_current_ = false, drag_cancelled_ = false;
  TimelineGeometry geometry_;
  std::uint64_t fitted_for_ = 0, selected_for_ = ~0ull;
  std::string selected_id_;
  const TimelineItem* selected_ = nullptr;
  double view_lo_ = 0, view_hi_ = 36500;
  float canvas_x0_ = 0, canvas_w_ = 1;
  const TimelineItem* hover_ = nullptr;
  float hover_dist_ = 0;
  bool dragged_ = false;
  struct DensityHover {
    double lo = 0, hi = 0;
    int count = 0;
    bool on = false;
  } density_hover_;
  std::vector<TimelineLaneLayout> lane_layouts_;
  std::vector<float> lane_heights_;
  float lanes_total_h_ = 0, scroll_y_ = 0;
  std::unordered_map<std::string_view, float> width_cache_;   // title -> width, views into state.rows()
  std::uint64_t width_cache_for_ = ~0ull;
  float width_cache_em_ = 0;
};

void TimelinePanel::draw_canvas(EditorState& state) {
  ImGuiIO& io = ImGui::GetIO();
  ImVec2 p0 = ImGui::GetCursorScreenPos();
  ImVec2 size = ImGui::GetContentRegionAvail();
  size.x = std::max(size.x, 50.0f);
  size.y = std::max(size.y, 60.0f);
  ImGui::InvisibleButton("canvas", size, ImGuiButtonFlags_MouseButtonLeft);
  probe_item("timeline/canvas");
  accept_undated_drop(state);
  const bool hovered = ImGui::IsItemHovered();
  canvas_x0_ = p0.x;
  canvas_w_ = size.x;

  // zoom around the cursor, pan by dragging
  if (hovered && io.MouseWheel != 0.0f) {
    double t = day_at(io.MousePos.x);
    double f = std::pow(1.25, -io.MouseWheel);
    double lo = t - (t - view_lo_) * f, hi = t + (view_hi_ - t) * f;
    if (hi - lo >= kMinSpanDays && hi - lo <= kMaxSpanDays) view_lo_ = lo, view_hi_ = hi;
  }
  const bool activated = ImGui::IsItemActivated(), active = ImGui::IsItemActive(), released = ImGui::IsItemDeactivated();
  if (activated) dragged_ = false, drag_cancelled_ = false;
  if (active && ImGui::IsMouseDragging(0, 3.0f) && drag_.grab() != Grab::Pan) dragged_ = true;
  if (active && ImGui::IsMouseDragging(0, 3.0f) && drag_.grab() == Grab::Pan) {
    dragged_ = true;
    double shift = -io.MouseDelta.x / canvas_w_ * (view_hi_ - view_lo_);
    view_lo_ += shift, view_hi_ += shift;
  }

  ImDrawList* dl = ImGui::GetWindowDrawList();
  const float em = ImGui::GetFontSize();
  const float axis_h = em * 1.6f;
  const ImVec2 p1(p0.x + size.x, p0.y + size.y);
  dl->PushClipRect(p0, p1, true);
  dl->AddRectFilled(p0, p1, IM_COL32(24, 26, 32, 255));
  for (const AxisTick& tick : axis_ticks(view_lo_, view_hi_, size.x, em * 6.0f)) {
    float x = x_of(tick.day);
    dl->AddLine(ImVec2(x, p0.y + axis_h - (tick.major ? 7 : 3)), ImVec2(x, p1.y),
                tick.major ? IM_COL32(255, 255, 255, 38) : IM_COL32(255, 255, 255, 14));
    if (tick.major) dl->AddText(ImVec2(x + 3, p0.y + 2), IM_COL32(215, 215, 215, 255), tick.label.c_str());
  }
  dl->AddLine(ImVec2(p0.x, p0.y + axis_h), ImVec2(p1.x, p0.y + axis_h), IM_COL32(255, 255, 255, 90));

  if (const TimelineItem* d = geometry_.point_of_divergence()) {   // a red line across every lane
    float x = x_of(d->lo);
    dl->AddLine(ImVec2(x, p0.y + axis_h), ImVec2(x, p1.y), IM_COL32(235, 70, 60, 140), 2.0f);
    dl->AddTriangleFilled(ImVec2(x - 6, p0.y + axis_h), ImVec2(x + 6, p0.y + axis_h), ImVec2(x, p0.y + axis_h + 8), kDivergenceColor);
  }

  hover_ = nullptr;
  density_hover_.on = false;
  marks_.begin_frame(state.rows().size());
  rows_ = &state.rows();
  filter_ = &state.entries_filter;
  filter_generation_ = state.generation();
  hiding_ = hide_filtered_ && state.entries_filter.filtering(state.generation());
  drag_.begin_frame();
  layout_lanes(state, size.y - axis_h - 2);
  // vertical scroll when the lanes need more rows than the view has room for: Shift+wheel, or the bar
  const float view_h = size.y - axis_h - 2, content_h = lanes_total_h_;
  const float max_scroll = std::max(0.0f, content_h - view_h);
  if (hovered && io.KeyShift && io.MouseWheel != 0.0f) scroll_y_ -= io.MouseWheel * em * 3.0f;
  if (hovered && io.MouseWheelH != 0.0f && max_scroll > 0) scroll_y_ -= io.MouseWheelH * em * 3.0f;
  scroll_y_ = std::clamp(scroll_y_, 0.0f, max_scroll);
  const float lanes_top = p0.y + axis_h + 2;
  dl->PushClipRect(ImVec2(p0.x, lanes_top), p1, true);
  float y0 = lanes_top - scroll_y_;
  for (std::size_t n = 0; n < lane_layouts_.size(); ++n) {
    const TimelineLaneLayout& l = lane_layouts_[n];
    const float h = lane_heights_[n];
    if (y0 + h >= lanes_top && y0 <= p1.y) {
      const TimelineLane& lane = geometry_.lanes()[l.lane];
      if (n % 2) dl->AddRectFilled(ImVec2(p0.x, y0), ImVec2(p1.x, y0 + h), IM_COL32(255, 255, 255, 7));
      if (l.density) draw_density(l, n, y0, h, dl);
      else draw_lane(state, l, n, y0, dl);
      ImVec2 ts = ImGui::CalcTextSize(lane.name.c_str());
      dl->AddRectFilled(ImVec2(p0.x, y0), ImVec2(p0.x + ts.x + 8, y0 + ts.y + 2), IM_COL32(24, 26, 32, 210));
      dl->AddText(ImVec2(p0.x + 4, y0 + 1), lane_color(n), lane.name.c_str());
    }
    y0 += h;
  }
  dl->PopClipRect();
  if (max_scroll > 0) {   // where the view is among the lanes
    const float bar_h = std::max(em, view_h * view_h / content_h), bar_y = lanes_top + (view_h - bar_h) * scroll_y_ / max_scroll;
    dl->AddRectFilled(ImVec2(p1.x - 5, bar_y), ImVec2(p1.x - 1, bar_y + bar_h), IM_COL32(255, 255, 255, 90), 2.0f);
  }
  if (probe_enabled()) probe_rect("timeline/lanes", {p0.x, lanes_top, p1.x, lanes_top + std::min(view_h, content_h)});
  arrows_.draw(state, marks_, dl);
  draw_entry_badges(state, marks_, dl);
  // the press takes hold of what is under the pointer: an entry, an interval's end, or the canvas
  if (activated) drag_.press(state, hover_ ? std::optional<std::uint32_t>(hover_->source) : std::nullopt, day_at(io.MousePos.x), ctrl_down());
  if (active && drag_.grab() != Grab::None && drag_.grab() != Grab::Pan) {
    if (key_pressed(ImGuiKey_Escape, false)) {
      drag_.cancel();
      drag_cancelled_ = true;
    } else if (dragged_) {
      drag_.follow(day_at(io.MousePos.x), hover_ ? std::optional<std::uint32_t>(hover_->source) : std::nullopt);
      drag_.draw(view(), marks_, dl);
    }
  }
  if (geometry_.empty())
    dl->AddText(ImVec2(p0.x + 10, p0.y + axis_h + 10), IM_COL32(180, 180, 180, 255),
                state.has_document() ? "No dated entries." : "No document open.");
  dl->PopClipRect();

  if (hovered && hover_ && !(dragged_ && drag_.dates())) {
    const EntryRow& r = state.rows()[hover_->source];
    ImGui::BeginTooltip();
    ImGui::TextUnformatted(r.title.c_str());
    ImGui::TextDisabled("%s", human_date(r).c_str());
    if (hover_->flags & kItemFuzzy) ImGui::TextDisabled("approximate or uncertain");
    if (hover_->flags & kItemDivergence) ImGui::TextColored(ImVec4(0.92f, 0.3f, 0.25f, 1), "divergence");
    if (!r.tags.empty()) {
      std::string tags;
      for (const auto& t : r.tags) tags += (tags.empty() ? "" : ", ") + t;
      ImGui::TextDisabled("tags: %s", tags.c_str());
    }
    ImGui::EndTooltip();
  } else if (hovered && density_hover_.on) {
    const double span = view_hi_ - view_lo_;
    ImGui::SetTooltip("%d entries, %s \xE2\x80\x93 %s\nclick or wheel to zoom in", density_hover_.count,
                      axis_label_for_day(density_hover_.lo, span).c_str(), axis_label_for_day(density_hover_.hi, span).c_str());
  } else if (hovered && !dragged_) {
    arrows_.tooltip(state);
  }
  if (released && key_pressed(ImGuiKey_Escape, false)) drag_.cancel(), drag_cancelled_ = true;
  if (released && dragged_ && !drag_cancelled_) drag_.release(state);
  if (released && !dragged_ && !drag_cancelled_) {
    if (hover_) {
      state.select(state.rows()[hover_->source].id, false);
      state.requests.scroll_to_selection = true;
    } else if (density_hover_.on) {
      double mid = (density_hover_.lo + density_hover_.hi) * 0.5, span = (view_hi_ - view_lo_) / 8;
      set_view(mid - span * 0.5, mid + span * 0.5);
    }
  }
  // double-click on empty canvas: a new entry there, as precise as the zoom (year, month, day)
  if (hovered && ImGui::IsMouseDoubleClicked(0) && !hover_ && !density_hover_.on && io.MousePos.y > p0.y + axis_h)
    add_entry_at(state, edtf_for_day(day_at(io.MousePos.x), view_hi_ - view_lo_));
  if (released) drag_.cancel();
  drag_.draw_relation_popup(state);
}

void TimelinePanel::draw_shape(const TimelineItem& it, std::size_t li, float cy, bool sel, ImDrawList* dl) {
  const float em = ImGui::GetFontSize();
  const bool div = it.flags & kItemDivergence;
  const ImU32 col = div ? kDivergenceColor : lane_color(li);
  const float left = canvas_x0_ - 10, right = canvas_x0_ + canvas_w_ + 10;
  if (it.flags & kItemInterval) {
    float a = (it.flags & kItemOpenLow) ? left : x_of(it.lo);
    float b = std::max((it.flags & kItemOpenHigh) ? right : x_of(it.hi), a + 2);
    float bh = em * 0.5f;
    marks_.drawn({it.source, a, b, cy, dim_current_});
    if (!dim_current_) drag_.offer_ends(drag_id(it), it.source, a, b, cy - bh, cy + bh, it.flags & kItemOpenLow, it.flags & kItemOpenHigh);
    ImU32 fill = lane_color(li, 0.45f), clear = lane_color(li, 0.0f);
    float fuzz = (it.flags & kItemFuzzy) ? std::min(14.0f, (b - a) * 0.3f) : 0.0f;
    float fl = (it.flags & kItemOpenLow) ? 40.0f : fuzz, fr = (it.flags & kItemOpenHigh) ? 40.0f : fuzz;
    if (fl > 0) dl->AddRectFilledMultiColor(ImVec2(a, cy - bh), ImVec2(a + fl, cy + bh), clear, fill, fill, clear);
    if (fr > 0) dl->AddRectFilledMultiColor(ImVec2(b - fr, cy - bh), ImVec2(b, cy + bh), fill, clear, clear, fill);
    dl->AddRectFilled(ImVec2(a + fl, cy - bh), ImVec2(std::max(a + fl, b - fr), cy + bh), fill);
    if (fl == 0) dl->AddLine(ImVec2(a, cy - bh), ImVec2(a, cy + bh), col, 2.0f);
    if (fr == 0) dl->AddLine(ImVec2(b, cy - bh), ImVec2(b, cy + bh), col, 2.0f);
    if (div) dl->AddQuadFilled(ImVec2(a, cy - 5), ImVec2(a + 5, cy), ImVec2(a, cy + 5), ImVec2(a - 5, cy), kDivergenceColor);
    if (sel) dl->AddRect(ImVec2(a - 2, cy - bh - 2), ImVec2(b + 2, cy + bh + 2), IM_COL32(255, 255, 255, 255), 2, 0, 2);
    consider_hover(it, a, cy - bh, b, cy + bh);
    return;
  }
  float x = (x_of(it.lo) + x_of(it.hi)) * 0.5f;
  float span_px = x_of(it.hi) - x_of(it.lo);
  marks_.drawn({it.source, x, x, cy, dim_current_});
  if (span_px > 6) {   // a month or a year: the span it covers, faintly (fading if approximate)
    ImU32 band = lane_color(li, 0.30f), clear = lane_color(li, 0.0f);
    if (it.flags & kItemFuzzy) {
      dl->AddRectFilledMultiColor(ImVec2(x_of(it.lo), cy - 3), ImVec2(x, cy + 3), clear, band, band, clear);
      dl->AddRectFilledMultiColor(ImVec2(x, cy - 3), ImVec2(x_of(it.hi), cy + 3), band, clear, clear, band);
    } else {
      dl->AddRectFilled(ImVec2(x_of(it.lo), cy - 2), ImVec2(x_of(it.hi), cy + 2), band);
    }
  }
  float rad = em * 0.32f;
  if (div) {
    dl->AddQuadFilled(ImVec2(x, cy - rad - 2), ImVec2(x + rad + 2, cy), ImVec2(x, cy + rad + 2), ImVec2(x - rad - 2, cy), col);
  } else if (it.flags & kItemFuzzy) {
    dl->AddCircleFilled(ImVec2(x, cy), rad + 3, lane_color(li, 0.25f), 12);
    dl->AddCircle(ImVec2(x, cy), rad, col, 12, 1.5f);
  } else {
    dl->AddCircleFilled(ImVec2(x, cy), rad, col, 12);
  }
  if (it.flags & kTimelineOldStyle) dl->AddCircleFilled(ImVec2(x, cy), rad * 0.4f, IM_COL32(24, 26, 32, 255), 8);   // as the legend says
  if (sel) dl->AddCircle(ImVec2(x, cy), rad + 4, IM_COL32(255, 255, 255, 255), 12, 2.0f);
  consider_hover(it, x - rad, cy - rad, x + rad, cy + rad);
}

void TimelinePanel::layout_lanes(EditorState& state, float view_h) {
  const float em = ImGui::GetFontSize();
  const float row_h = em * 1.3f;
  if (width_cache_for_ != state.generation() || width_cache_em_ != em || width_cache_.size() > 200000) {
    width_cache_.clear();
    width_cache_for_ = state.generation(), width_cache_em_ = em;
  }
  const auto& rows = state.rows();
  const TitleOf title_of = [&rows](std::uint32_t source) { return std::string_view(rows[source].title); };
  // titles are measured once per document change and text size (a frame lays out hundreds)
  const MeasureText measure = [this](std::string_view text) {
    auto [it, fresh] = width_cache_.try_emplace(text, 0.0f);
    if (fresh) it->second = ImGui::CalcTextSize(text.data(), text.data() + text.size()).x;
    return it->second;
  };
  const std::size_t n = geometry_.lanes().size();
  const float share = view_h / static_cast<float>(std::max<std::size_t>(n, 1));
  TimelineView v;
  v.lo = view_lo_, v.hi = view_hi_, v.width_px = canvas_w_;
  v.mark_radius_px = em * 0.32f + 3, v.gap_px = em * 0.5f;
  v.max_label_px = em * 16.0f, v.min_label_px = em * 3.0f;
  v.preferred_rows = std::max(1, static_cast<int>((share - em * 0.4f) / row_h));
  v.density_px_per_item = kDensityPixelsPerItem;
  lane_layouts_.clear();
  lane_heights_.clear();
  lanes_total_h_ = 0;
  for (std::size_t li = 0; li < n; ++li) {
    lane_layouts_.push_back(layout_timeline_lane(geometry_.timeline(), li, v, title_of, measure));
    const auto& l = lane_layouts_.back();
    const float need = l.density ? 0.0f : em * 0.4f + row_h * static_cast<float>(l.rows);
    lane_heights_.push_back(std::max(share, need));   // the lanes fill the view, and grow for their rows
    lanes_total_h_ += lane_heights_.back();
  }
}

void TimelinePanel::draw_lane(EditorState& state, const TimelineLaneLayout& l, std::size_t li, float y0, ImDrawList* dl) {
  const auto& rows = state.rows();
  const TimelineLane& lane = geometry_.lanes()[l.lane];
  const float em = ImGui::GetFontSize();
  const float row_h = em * 1.3f, top = y0 + em * 0.2f;
  const auto sel_row = state.row_index(state.selected());
  for (const TimelineEntryLayout& e : l.entries) {
    const TimelineItem& it = lane.items[e.item];
    dim_current_ = filtered_out(state, it.source);   // left out by the entries filter: dimmed or hidden
    if (dim_current_ && hide_filtered_) continue;
    DimmedDrawing dim(dl, dim_current_);
    if (dim_current_ && probe_enabled()) probe_rect("timeline/dimmed/" + rows[it.source].id, {});
    const float cy = top + row_h * (static_cast<float>(e.row) + 0.5f);
    draw_shape(it, li, cy, sel_row && *sel_row == it.source, dl);
    if (e.label_w <= 0) continue;
    const float x = canvas_x0_ + e.label_x, y = cy - em * 0.5f;
    if (probe_enabled()) probe_rect("timeline/item/" + rows[it.source].id, {x, y, x + e.label_w, y + em});
    consider_hover(it, canvas_x0_ + e.mark_x0, y, x + e.label_w, y + em);
  }
  // labels over the marks: a label never covers another entry's mark (the layout keeps them apart)
  for (const TimelineEntryLayout& e : l.entries) {
    if (e.label_w <= 0) continue;
    const TimelineItem& it = lane.items[e.item];
    const bool dimmed = filtered_out(state, it.source);
    if (dimmed && hide_filtered_) continue;
    DimmedDrawing dim(dl, dimmed);
    const float cy = top + row_h * (static_cast<float>(e.row) + 0.5f);
    const float x = canvas_x0_ + e.label_x, y = cy - em * 0.5f;
    const bool sel = sel_row && *sel_row == it.source;
    const ImU32 col = sel ? IM_COL32(255, 255, 255, 255) : IM_COL32(225, 225, 225, 240);
    dl->AddRectFilled(ImVec2(x - 2, y), ImVec2(x + e.label_w + 2, y + em), IM_COL32(24, 26, 32, 170), 3.0f);
    const char* text = e.title.data();
    dl->AddText(ImVec2(x, y), col, text, text + e.label_bytes);
    if (e.shortened)
      dl->AddText(ImVec2(x + ImGui::CalcTextSize(text, text + e.label_bytes).x, y), col, kEllipsis.data(), kEllipsis.data() + kEllipsis.size());
  }
  dim_current_ = false;
}

void TimelinePanel::draw_density(const TimelineLaneLayout& l, std::size_t li, float y0, float h, ImDrawList* dl) {
  const float bin_px = canvas_w_ / static_cast<float>(std::max<std::size_t>(l.bins.size(), 1));
  int max_count = 1;
  for (int c : l.bins) max_count = std::max(max_count, c);
  const float top = y0 + ImGui::GetFontSize() * 1.2f, bottom = y0 + h - 2;
  const float scale = 1.0f / std::log1p(static_cast<float>(max_count));
  const ImVec2 m = ImGui::GetIO().MousePos;
  for (std::size_t b = 0; b < l.bins.size(); ++b) {
    const int c = l.bins[b];
    if (!c) continue;
    const float x = canvas_x0_ + bin_px * static_cast<float>(b);
    const float v = std::log1p(static_cast<float>(c)) * scale;
    dl->AddRectFilled(ImVec2(x, bottom - (bottom - top) * v), ImVec2(x + bin_px - 0.5f, bottom), lane_color(li, 0.35f + 0.65f * v));
    if (m.x >= x && m.x < x + bin_px && m.y >= y0 && m.y < y0 + h)
      density_hover_ = {view_lo_ + l.bin_days * static_cast<double>(b), view_lo_ + l.bin_days * static_cast<double>(b + 1), c, true};
  }
}

}  // namespace

std::unique_ptr<Panel> make_timeline_panel() { return std::make_unique<TimelinePanel>(); }

}  // namespace uch::app
