// The timeline's cached geometry: entries as [lo, hi) day spans in lanes (by tag or entity),
// rebuilt only when the document, the lane mode or the number of lanes that fit changes.
#pragma once

#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

#include "uchronia/date.hpp"

namespace uch::app {

class EditorState;

enum class LaneMode { None, Tag, Entity };

enum TimelineItemFlags : std::uint8_t {
  kItemInterval = 1, kItemFuzzy = 2, kItemOpenLow = 4, kItemOpenHigh = 8, kItemDivergence = 16,
};

struct TimelineItem {
  double lo = 0, hi = 0;          // [lo, hi) in days; an open end keeps the other bound
  std::uint32_t row = 0;          // index into state.rows()
  std::uint8_t flags = 0;
  mutable float label_w = -1.0f;  // title width in pixels, measured when first drawn
};

struct TimelineLane {
  std::string name;
  std::vector<TimelineItem> items;  // sorted by lo
  std::vector<double> max_hi;       // running maximum of hi: first visible item by binary search
};

class TimelineGeometry {
 public:
  /// Rebuilds when the document generation, the mode or max_lanes changed; true if it did.
  bool update(EditorState& state, LaneMode mode, std::size_t max_lanes);

  const std::vector<TimelineLane>& lanes() const { return lanes_; }
  /// The point of divergence: the earliest entry tagged "divergence" (nullptr when none).
  const TimelineItem* point_of_divergence() const { return has_divergence_ ? &divergence_ : nullptr; }
  bool empty() const { return extent_lo_ > extent_hi_; }
  double extent_lo() const { return extent_lo_; }
  double extent_hi() const { return extent_hi_; }
  const TimelineItem* find_row(std::size_t row) const;

 private:
  void assign_lanes(EditorState& state, const std::vector<TimelineItem>& items, LaneMode mode, std::size_t max_lanes);

  std::uint64_t generation_ = 0;
  LaneMode mode_ = LaneMode::None;
  std::size_t max_lanes_ = 0;
  std::vector<TimelineLane> lanes_;
  TimelineItem divergence_;
  bool has_divergence_ = false;
  double extent_lo_ = 1e300, extent_hi_ = -1e300;
};

}  // namespace uch::app
