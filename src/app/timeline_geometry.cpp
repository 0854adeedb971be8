// The timeline's cached geometry: entries as [lo, hi) day spans in lanes (by tag or entity),
// rebuilt only when the document, the lane mode or the number of lanes that fit changes.
#include "timeline_geometry.hpp"

#include <algorithm>
#include <cctype>

#include "editor_state.hpp"

namespace uch::app {
namespace {

constexpr const char* kDivergenceTag = "divergence";

bool equals_nocase(const std::string& a, const char* b) {
  std::size_t i = 0;
  for (; i < a.size() && b[i]; ++i)
    if (std::tolower(static_cast<unsigned char>(a[i])) != b[i]) return false;
  return i == a.size() && !b[i];
}

/// Interval and fuzzy flags of a valid EDTF date, from its text alone (no parse: 100,000 of them are
/// read at every rebuild): at levels 0 and 1 an interval is written with '/', uncertainty and
/// approximation with '?', '~' and '%'.
std::uint8_t date_flags(const std::string& edtf) {
  std::uint8_t flags = 0;
  for (char c : edtf) {
    if (c == '/') flags |= kItemInterval;
    else if (c == '?' || c == '~' || c == '%') flags |= kItemFuzzy;
  }
  return flags;
}

}  // namespace

bool TimelineGeometry::update(EditorState& state, LaneMode mode, std::size_t max_lanes) {
  if (generation_ == state.generation() && mode_ == mode && max_lanes_ == max_lanes) return false;
  generation_ = state.generation();
  mode_ = mode;
  max_lanes_ = max_lanes;
  const auto& rows = state.rows();
  std::vector<TimelineItem> items;
  items.reserve(rows.size());
  has_divergence_ = false;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const EntryRow& r = rows[i];
    if (!r.dated) continue;
    TimelineItem it;
    it.row = static_cast<std::uint32_t>(i);
    it.flags = date_flags(r.date);
    const bool open_lo = r.lower <= kUnboundedLow, open_hi = r.upper >= kUnboundedHigh;
    if (open_lo && open_hi) continue;   // "../.." has nowhere to be drawn
    it.lo = static_cast<double>(open_lo ? r.upper : r.lower);
    it.hi = static_cast<double>(open_hi ? r.lower : r.upper) + 1.0;
    if (open_lo) it.flags |= kItemOpenLow;
    if (open_hi) it.flags |= kItemOpenHigh;
    if (std::any_of(r.tags.begin(), r.tags.end(), [](const std::string& t) { return equals_nocase(t, kDivergenceTag); })) {
      it.flags |= kItemDivergence;
      if (!has_divergence_ || it.lo < divergence_.lo) divergence_ = it, has_divergence_ = true;
    }
    items.push_back(it);
  }
  lanes_.clear();
  assign_lanes(state, items, mode, max_lanes);
  extent_lo_ = 1e300, extent_hi_ = -1e300;
  for (auto& lane : lanes_) {
    std::stable_sort(lane.items.begin(), lane.items.end(), [](const TimelineItem& a, const TimelineItem& b) { return a.lo < b.lo; });
    lane.max_hi.resize(lane.items.size());
    double m = -1e300;
    for (std::size_t k = 0; k < lane.items.size(); ++k) {
      const TimelineItem& it = lane.items[k];
      m = std::max(m, (it.flags & kItemOpenHigh) ? 1e300 : it.hi);
      lane.max_hi[k] = m;
      extent_lo_ = std::min(extent_lo_, it.lo);
      extent_hi_ = std::max(extent_hi_, it.hi);
    }
  }
  return true;
}

void TimelineGeometry::assign_lanes(EditorState& state, const std::vector<TimelineItem>& items, LaneMode mode,
                                    std::size_t max_lanes) {
  const auto& rows = state.rows();
  if (mode == LaneMode::None || items.empty() || max_lanes < 2) {
    lanes_.push_back(TimelineLane{"all entries", items, {}});
    return;
  }
  std::unordered_map<std::string, std::vector<std::uint32_t>> members;  // lane key -> item indices
  std::unordered_map<std::string, std::string> names;
  if (mode == LaneMode::Tag) {
    // "divergence" is drawn as a marker on every lane, so it makes no lane of its own
    for (std::uint32_t k = 0; k < items.size(); ++k)
      for (const auto& t : rows[items[k].row].tags)
        if (!equals_nocase(t, kDivergenceTag)) members[t].push_back(k), names[t] = t;
  } else if (state.store()) {
    std::unordered_map<std::string, std::uint32_t> by_id;
    for (std::uint32_t k = 0; k < items.size(); ++k) by_id[rows[items[k].row].id] = k;
    for (const Entity& e : state.entities()) {
      for (const auto& id : state.store()->linked_from(e.id)) {
        auto f = by_id.find(id);
        if (f != by_id.end()) members[e.id].push_back(f->second), names[e.id] = e.name;
      }
    }
  }
  std::vector<std::pair<std::string, std::size_t>> order;
  for (auto& [key, v] : members) order.emplace_back(key, v.size());
  std::sort(order.begin(), order.end(), [](auto& a, auto& b) { return a.second != b.second ? a.second > b.second : a.first < b.first; });
  if (order.size() > max_lanes - 1) order.resize(max_lanes - 1);   // one lane kept for the rest
  std::vector<bool> placed(items.size(), false);
  for (auto& [key, n] : order) {
    TimelineLane lane{names[key], {}, {}};
    for (std::uint32_t k : members[key]) lane.items.push_back(items[k]), placed[k] = true;
    lanes_.push_back(std::move(lane));
  }
  TimelineLane rest{mode == LaneMode::Tag ? "other tags / untagged" : "no entity", {}, {}};
  for (std::uint32_t k = 0; k < items.size(); ++k)
    if (!placed[k]) rest.items.push_back(items[k]);
  if (!rest.items.empty()) lanes_.push_back(std::move(rest));
}

const TimelineItem* TimelineGeometry::find_row(std::size_t row) const {
  for (const auto& lane : lanes_)
    for (const auto& it : lane.items)
      if (it.row == row) return &it;
  return nullptr;
}

}  // namespace uch::app
