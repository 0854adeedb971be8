// The timeline's cached lanes: the document's rows as the core's Timeline (uchronia/timeline_layout.hpp,
// the same lanes and layout the chart export uses), in lanes by tag or entity, rebuilt only when the
// document, the lane mode or the number of lanes that fit changes.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "uchronia/timeline_layout.hpp"

namespace uch::app {

class EditorState;

enum class LaneMode { None, Tag, Entity };

// The editor's names for the core's timeline types; an item's `source` is its index in state.rows().
using TimelineItem = uch::TimelineItem;
using TimelineLane = uch::TimelineLane;
inline constexpr std::uint8_t kItemInterval = uch::kTimelineInterval;
inline constexpr std::uint8_t kItemFuzzy = uch::kTimelineUncertain | uch::kTimelineApproximate;
inline constexpr std::uint8_t kItemOpenLow = uch::kTimelineOpenLow;
inline constexpr std::uint8_t kItemOpenHigh = uch::kTimelineOpenHigh;
inline constexpr std::uint8_t kItemDivergence = uch::kTimelineDivergence;

class TimelineGeometry {
 public:
  /// Rebuilds when the document generation, the mode or max_lanes changed; true if it did.
  bool update(EditorState& state, LaneMode mode, std::size_t max_lanes);

  const uch::Timeline& timeline() const { return timeline_; }
  const std::vector<TimelineLane>& lanes() const { return timeline_.lanes(); }
  /// The point of divergence: the earliest entry tagged "divergence" (nullptr when none).
  const TimelineItem* point_of_divergence() const {
    return timeline_.point_of_divergence() ? &*timeline_.point_of_divergence() : nullptr;
  }
  bool empty() const { return timeline_.empty(); }
  double extent_lo() const { return timeline_.extent_lo(); }
  double extent_hi() const { return timeline_.extent_hi(); }
  const TimelineItem* find_row(std::size_t row) const { return timeline_.find_source(static_cast<std::uint32_t>(row)); }

 private:
  std::uint64_t generation_ = 0;
  LaneMode mode_ = LaneMode::None;
  std::size_t max_lanes_ = 0;
  uch::Timeline timeline_;
};

}  // namespace uch::app
