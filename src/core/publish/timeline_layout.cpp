// The timeline's lanes (indexed by time) and its row and label layout; see timeline_layout.hpp.
#include "uchronia/timeline_layout.hpp"

#include <algorithm>
#include <cmath>

#include "model/utf8.hpp"

namespace uch {
namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();
constexpr float kEdgePad = 10.0f;       // an open end runs this far past the view's edge
constexpr float kFarPx = 1.0e7f;        // pixel coordinates are clamped here (long years stay finite)

float to_px(double day, const TimelineView& v) {
  const double x = (day - v.lo) / (v.hi - v.lo) * static_cast<double>(v.width_px);
  return static_cast<float>(std::clamp(x, -static_cast<double>(kFarPx), static_cast<double>(kFarPx)));
}

}  // namespace

std::uint8_t timeline_date_flags(std::string_view edtf, Calendar calendar) {
  std::uint8_t flags = calendar == Calendar::Julian ? kTimelineOldStyle : 0;
  for (char c : edtf) {
    if (c == '/') flags |= kTimelineInterval;
    else if (c == '?') flags |= kTimelineUncertain;
    else if (c == '~') flags |= kTimelineApproximate;
    else if (c == '%') flags |= kTimelineUncertain | kTimelineApproximate;
  }
  return flags;
}

std::optional<TimelineItem> timeline_item(DayNumber lower, DayNumber upper, std::uint8_t flags, std::uint32_t source) {
  const bool open_lo = lower <= kUnboundedLow, open_hi = upper >= kUnboundedHigh;
  if (open_lo && open_hi) return std::nullopt;   // "../.." has nowhere to be drawn
  TimelineItem it;
  it.source = source;
  it.flags = static_cast<std::uint8_t>(flags & ~(kTimelineOpenLow | kTimelineOpenHigh));
  it.lo = static_cast<double>(open_lo ? upper : lower);
  it.hi = static_cast<double>(open_hi ? lower : upper) + 1.0;
  if (open_lo) it.flags |= kTimelineOpenLow | kTimelineInterval;
  if (open_hi) it.flags |= kTimelineOpenHigh | kTimelineInterval;
  return it;
}

const char* to_string(LaneBy by) {
  switch (by) {
    case LaneBy::None: return "none";
    case LaneBy::Tag: return "tag";
    case LaneBy::Entity: return "entity";
    case LaneBy::Series: return "series";
    case LaneBy::Branch: return "branch";
  }
  return "none";
}

std::optional<LaneBy> lane_by_from_name(std::string_view name) {
  for (LaneBy b : {LaneBy::None, LaneBy::Tag, LaneBy::Entity, LaneBy::Series, LaneBy::Branch})
    if (name == to_string(b)) return b;
  return std::nullopt;
}

// --- lanes -------------------------------------------------------------------------------------

Timeline::Timeline(std::vector<TimelineItem> items, std::vector<TimelineLaneGroup> groups, std::size_t max_lanes,
                   std::string rest_name) {
  for (const TimelineItem& it : items)
    if ((it.flags & kTimelineDivergence) && (!divergence_ || it.lo < divergence_->lo)) divergence_ = it;
  if (groups.empty() || max_lanes < 2 || items.empty()) {
    add_lane("all entries", std::move(items));
    return;
  }
  std::sort(groups.begin(), groups.end(), [](const TimelineLaneGroup& a, const TimelineLaneGroup& b) {
    return a.members.size() != b.members.size() ? a.members.size() > b.members.size() : a.key < b.key;
  });
  if (groups.size() > max_lanes - 1) groups.resize(max_lanes - 1);   // one lane kept for the rest
  std::vector<bool> placed(items.size(), false);
  for (TimelineLaneGroup& g : groups) {
    if (g.members.empty()) continue;
    std::vector<TimelineItem> lane;
    lane.reserve(g.members.size());
    for (std::uint32_t k : g.members)
      if (k < items.size()) lane.push_back(items[k]), placed[k] = true;
    add_lane(std::move(g.name), std::move(lane));
  }
  std::vector<TimelineItem> rest;
  for (std::size_t k = 0; k < items.size(); ++k)
    if (!placed[k]) rest.push_back(items[k]);
  if (!rest.empty()) add_lane(std::move(rest_name), std::move(rest));
}

void Timeline::add_lane(std::string name, std::vector<TimelineItem> items) {
  TimelineLane lane;
  lane.name = std::move(name);
  std::stable_sort(items.begin(), items.end(),
                   [](const TimelineItem& a, const TimelineItem& b) { return a.reach_lo() < b.reach_lo(); });
  lane.items = std::move(items);
  lane.starts.reserve(lane.items.size());
  lane.block_reach.assign((lane.items.size() + TimelineLane::kBlock - 1) / TimelineLane::kBlock, -kInf);
  for (std::size_t k = 0; k < lane.items.size(); ++k) {
    const TimelineItem& it = lane.items[k];
    lane.starts.push_back(it.reach_lo());
    double& b = lane.block_reach[k / TimelineLane::kBlock];
    b = std::max(b, it.reach_hi());
    extent_lo_ = std::min(extent_lo_, it.lo);
    extent_hi_ = std::max(extent_hi_, it.hi);
  }
  lanes_.push_back(std::move(lane));
}

const TimelineItem* Timeline::find_source(std::uint32_t source) const {
  for (const auto& lane : lanes_)
    for (const auto& it : lane.items)
      if (it.source == source) return &it;
  return nullptr;
}

void Timeline::visible(std::size_t li, double lo, double hi, std::vector<std::uint32_t>& out) const {
  out.clear();
  if (li >= lanes_.size()) return;
  const TimelineLane& lane = lanes_[li];
  const auto first_in = static_cast<std::size_t>(std::lower_bound(lane.starts.begin(), lane.starts.end(), lo) - lane.starts.begin());
  const auto end = static_cast<std::size_t>(std::lower_bound(lane.starts.begin(), lane.starts.end(), hi) - lane.starts.begin());
  // started before the view: only the blocks that reach into it are read
  for (std::size_t b = 0; b * TimelineLane::kBlock < first_in; ++b) {
    if (lane.block_reach[b] <= lo) continue;
    const std::size_t stop = std::min(first_in, (b + 1) * TimelineLane::kBlock);
    for (std::size_t k = b * TimelineLane::kBlock; k < stop; ++k)
      if (lane.items[k].reach_hi() > lo) out.push_back(static_cast<std::uint32_t>(k));
  }
  for (std::size_t k = first_in; k < end; ++k) out.push_back(static_cast<std::uint32_t>(k));
}

void Timeline::density(std::size_t li, double lo, double hi, int bins, std::vector<int>& out) const {
  out.assign(static_cast<std::size_t>(std::max(bins, 0)), 0);
  if (li >= lanes_.size() || bins <= 0 || !(hi > lo)) return;
  const auto& s = lanes_[li].starts;
  const double per_bin = (hi - lo) / bins;
  auto cur = std::lower_bound(s.begin(), s.end(), lo);
  for (int b = 0; b < bins; ++b) {
    auto next = std::lower_bound(cur, s.end(), lo + per_bin * (b + 1));
    out[static_cast<std::size_t>(b)] = static_cast<int>(next - cur);
    cur = next;
  }
}

// --- labels ------------------------------------------------------------------------------------

std::size_t fit_with_ellipsis(std::string_view text, float max_px, const MeasureText& measure) {
  const float room = max_px - measure(kEllipsis);
  if (room <= 0) return 0;
  std::vector<std::size_t> cuts;   // code-point boundaries, after each code point
  for (std::size_t i = 0; i < text.size();) {
    i += utf8::decode(text, i).len;
    cuts.push_back(i);
  }
  std::size_t lo = 0, hi = cuts.size();   // answer: cuts[lo - 1] (0: nothing fits)
  while (lo < hi) {
    const std::size_t mid = (lo + hi + 1) / 2;
    if (measure(text.substr(0, cuts[mid - 1])) <= room) lo = mid;
    else hi = mid - 1;
  }
  std::size_t bytes = lo ? cuts[lo - 1] : 0;
  while (bytes > 0 && text[bytes - 1] == ' ') --bytes;   // "Treaty …" reads as "Treaty…"
  return bytes;
}

std::string TimelineEntryLayout::label() const {
  std::string s(title.substr(0, label_bytes));
  if (shortened) s += kEllipsis;
  return s;
}

TimelineLaneLayout layout_timeline_lane(const Timeline& timeline, std::size_t li, const TimelineView& view,
                                        const TitleOf& title_of, const MeasureText& measure) {
  TimelineLaneLayout out;
  out.lane = li;
  if (li >= timeline.lanes().size() || !(view.hi > view.lo) || view.width_px <= 0) return out;
  const TimelineLane& lane = timeline.lanes()[li];
  std::vector<std::uint32_t> idx;
  timeline.visible(li, view.lo, view.hi, idx);
  const std::size_t budget = std::max<std::size_t>(64, static_cast<std::size_t>(view.width_px / std::max(view.density_px_per_item, 0.1f)));
  if (idx.size() > budget) {
    out.density = true;
    const int bins = std::max(1, static_cast<int>(view.width_px / std::max(view.bin_px, 0.5f)));
    out.bin_days = (view.hi - view.lo) / bins;
    timeline.density(li, view.lo, view.hi, bins, out.bins);
    return out;
  }

  struct Row {
    float end;         // first x free (gap included)
    int last;          // entry ending the row (-1: the lane's name)
  };
  std::vector<Row> rows{{measure(lane.name) + view.gap_px, -1}};
  std::vector<float> full_w;   // each entry's whole title width
  out.entries.reserve(idx.size());
  full_w.reserve(idx.size());
  const float r = view.mark_radius_px, w = view.width_px;
  const auto end_of = [&](const TimelineEntryLayout& e) { return std::max(e.mark_x1, e.label_x + e.label_w) + view.gap_px; };

  for (std::uint32_t k : idx) {
    const TimelineItem& it = lane.items[k];
    TimelineEntryLayout e;
    e.item = k;
    e.title = title_of(it.source);
    if (it.flags & kTimelineInterval) {
      e.x = (it.flags & kTimelineOpenLow) ? -kEdgePad : std::max(to_px(it.lo, view), -kEdgePad);
      e.bar_x1 = (it.flags & kTimelineOpenHigh) ? w + kEdgePad : std::min(to_px(it.hi, view), w + kEdgePad);
      e.bar_x1 = std::max(e.bar_x1, e.x + 2);
      e.mark_x0 = e.x, e.mark_x1 = e.bar_x1;
      e.label_x = std::max(e.x, 0.0f) + 4;   // over its own bar, from where the bar is seen
    } else {
      const float a = to_px(it.lo, view), b = to_px(it.hi, view);
      e.x = (a + b) * 0.5f;
      e.bar_x1 = e.x;
      e.mark_x0 = std::max(std::min(e.x - r, a), -kEdgePad);
      e.mark_x1 = std::min(std::max(e.x + r, b), w + kEdgePad);
      e.label_x = std::max(e.x + r + view.gap_px * 0.5f, 0.0f);
    }
    const float whole = measure(e.title);
    full_w.push_back(whole);
    e.label_w = std::min({whole, view.max_label_px, std::max(0.0f, w - e.label_x)});   // never past the right edge

    int row = -1;
    for (std::size_t s = 0; s < rows.size(); ++s)
      if (rows[s].end <= e.mark_x0) { row = static_cast<int>(s); break; }
    if (row < 0 && static_cast<int>(rows.size()) >= view.preferred_rows) {
      // room by shortening the label that ends a row, the one left longest wins
      float best = -1;
      for (std::size_t s = 0; s < rows.size(); ++s) {
        if (rows[s].last < 0) continue;
        const TimelineEntryLayout& prev = out.entries[static_cast<std::size_t>(rows[s].last)];
        if (prev.mark_x1 + view.gap_px > e.mark_x0) continue;
        const float room = e.mark_x0 - view.gap_px - prev.label_x;
        if (room >= std::min(view.min_label_px, prev.label_w) && room > best) best = room, row = static_cast<int>(s);
      }
      if (row >= 0) {
        TimelineEntryLayout& prev = out.entries[static_cast<std::size_t>(rows[static_cast<std::size_t>(row)].last)];
        prev.label_w = std::min(prev.label_w, best);
      }
    }
    if (row < 0) {
      row = static_cast<int>(rows.size());
      rows.push_back({0, -1});
    }
    e.row = row;
    rows[static_cast<std::size_t>(row)] = {end_of(e), static_cast<int>(out.entries.size())};
    out.entries.push_back(e);
  }
  // the text of each label, shortened with an ellipsis where its box is narrower than its title
  for (std::size_t n = 0; n < out.entries.size(); ++n) {
    TimelineEntryLayout& e = out.entries[n];
    if (e.label_w >= full_w[n]) {
      e.label_bytes = static_cast<std::uint32_t>(e.title.size());
      continue;
    }
    e.shortened = true;
    e.label_bytes = static_cast<std::uint32_t>(fit_with_ellipsis(e.title, e.label_w, measure));
    if (e.label_bytes == 0 && measure(kEllipsis) > e.label_w) e.label_w = 0, e.shortened = false;   // no room even for "…"
  }
  out.rows = static_cast<int>(rows.size());
  return out;
}

TimelineLayout layout_timeline(const Timeline& timeline, const TimelineView& view, const TitleOf& title_of,
                               const MeasureText& measure) {
  TimelineLayout layout;
  for (std::size_t li = 0; li < timeline.lanes().size(); ++li)
    layout.lanes.push_back(layout_timeline_lane(timeline, li, view, title_of, measure));
  return layout;
}

const std::vector<TimelineLegendItem>& timeline_legend() {
  static const std::vector<TimelineLegendItem> items = {
      {0, "event (a day, month or year)"},
      {kTimelineInterval, "span from start to end"},
      {kTimelineApproximate, "approximate (c.)"},
      {kTimelineUncertain, "uncertain (?)"},
      {kTimelineInterval | kTimelineApproximate, "span with fuzzy ends"},
      {kTimelineInterval | kTimelineOpenHigh, "open-ended (no end yet)"},
      {kTimelineOldStyle, "Old Style (Julian) date"},
      {kTimelineDivergence, "point of divergence"},
  };
  return items;
}

}  // namespace uch
