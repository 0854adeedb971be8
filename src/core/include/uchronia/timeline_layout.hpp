// The timeline's lanes and label layout, free of any UI: the editor draws it with ImGui, the SVG
// export writes it. Entries become items ([lo, hi) day spans) in lanes indexed by time; a view
// (time range, pixel width) and a text-measuring callback give, per lane, rows of marks with
// labels that never overlap each other, a mark or another entry's bar.
#pragma once

#include <cstdint>
#include <functional>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "uchronia/date.hpp"

namespace uch {

/// What an item's mark shows (a legend entry each).
enum TimelineFlags : std::uint8_t {
  kTimelineInterval = 1,      // a bar from its start to its end
  kTimelineUncertain = 2,     // '?' or '%': drawn hollow / with faded ends
  kTimelineApproximate = 4,   // '~' or '%'
  kTimelineOpenLow = 8,       // "../1922": the bar fades in from the left
  kTimelineOpenHigh = 16,     // "1922/..": the bar fades out to the right
  kTimelineOldStyle = 32,     // a Julian (Old Style) date
  kTimelineDivergence = 64,   // tagged "divergence": the point of divergence
};

/// The flags of a valid EDTF date from its text alone (no parse: the editor reads 100,000 of them at
/// every rebuild): an interval is written with '/', uncertainty and approximation with '?', '~', '%'.
std::uint8_t timeline_date_flags(std::string_view edtf, Calendar calendar);

/// One dated entry on the timeline.
struct TimelineItem {
  double lo = 0, hi = 0;       // [lo, hi) in days; an open end keeps the other bound
  std::uint32_t source = 0;    // the caller's index (its row or entry)
  std::uint8_t flags = 0;      // TimelineFlags
  /// As far as the item reaches, an open end unbounded (what the time index uses).
  double reach_lo() const { return (flags & kTimelineOpenLow) ? -std::numeric_limits<double>::infinity() : lo; }
  double reach_hi() const { return (flags & kTimelineOpenHigh) ? std::numeric_limits<double>::infinity() : hi; }
};

/// An item from a date's bounds (kUnboundedLow/High for open ends); nullopt when it has no bound
/// to be drawn at ("../..", undated).
std::optional<TimelineItem> timeline_item(DayNumber lower, DayNumber upper, std::uint8_t flags, std::uint32_t source);

/// What lanes group entries by. Branch is reserved for branches (issue 18): no lanes yet.
enum class LaneBy { None, Tag, Entity, Series, Branch };
const char* to_string(LaneBy by);  // "none", "tag", "entity", "series", "branch"
std::optional<LaneBy> lane_by_from_name(std::string_view name);

/// One candidate lane: its key, shown name and members (indices into the items given to Timeline).
struct TimelineLaneGroup {
  std::string key, name;
  std::vector<std::uint32_t> members;
};

struct TimelineLane {
  std::string name;
  std::vector<TimelineItem> items;   // sorted by reach_lo()
  std::vector<double> starts;        // reach_lo() of each item, for binary search
  std::vector<double> block_reach;   // per block of kBlock items: the largest reach_hi()
  static constexpr std::size_t kBlock = 64;
};

/// Items in lanes, indexed by time. Built once per document change; laid out every frame.
class Timeline {
 public:
  Timeline() = default;
  /// `groups` empty: one lane of every item. Else the largest groups (by members, then key) make
  /// up to max_lanes - 1 lanes and the items in none of them a last lane named `rest_name`.
  /// "divergence"-flagged items are kept for point_of_divergence() in every case.
  Timeline(std::vector<TimelineItem> items, std::vector<TimelineLaneGroup> groups, std::size_t max_lanes,
           std::string rest_name = "other");

  const std::vector<TimelineLane>& lanes() const { return lanes_; }
  bool empty() const { return !(extent_lo_ <= extent_hi_); }
  double extent_lo() const { return extent_lo_; }   // the first and last bound of any item
  double extent_hi() const { return extent_hi_; }
  /// The earliest divergence-flagged item (nullopt when none).
  const std::optional<TimelineItem>& point_of_divergence() const { return divergence_; }
  /// The item of a source index in any lane (nullptr when not there). Linear: cache the answer.
  const TimelineItem* find_source(std::uint32_t source) const;

  /// Indices (into lanes()[lane].items, in order) of the items that reach into [lo, hi): those starting
  /// before lo found by block (so one open-ended item costs one block, not the rest of the lane).
  void visible(std::size_t lane, double lo, double hi, std::vector<std::uint32_t>& out) const;
  /// Counts of items starting in each of `bins` equal bins of [lo, hi) (O(bins log n)).
  void density(std::size_t lane, double lo, double hi, int bins, std::vector<int>& out) const;

 private:
  void add_lane(std::string name, std::vector<TimelineItem> items);
  std::vector<TimelineLane> lanes_;
  std::optional<TimelineItem> divergence_;
  double extent_lo_ = std::numeric_limits<double>::infinity();
  double extent_hi_ = -std::numeric_limits<double>::infinity();
};

/// What the layout is drawn on. Pixel x = (day - lo) / (hi - lo) * width_px.
struct TimelineView {
  double lo = 0, hi = 1;
  float width_px = 800;
  float mark_radius_px = 5;       // half the width of a point's mark
  float gap_px = 6;               // between neighbours in a row
  float max_label_px = 220;       // longer titles are shortened with an ellipsis
  float min_label_px = 48;        // a label is never shortened below this to share a row
  int preferred_rows = 4;         // rows a lane has room for: beyond, labels are shortened before a row is added
  float density_px_per_item = 5;  // fewer pixels than this per visible item: the lane shows density
  float bin_px = 3;               // density bin width
};

/// Width in pixels of a text (ImGui's CalcTextSize in the editor, font metrics in the SVG writer).
using MeasureText = std::function<float(std::string_view)>;
/// The title of an item's source.
using TitleOf = std::function<std::string_view(std::uint32_t source)>;

struct TimelineEntryLayout {
  std::uint32_t item = 0;        // index into the lane's items
  int row = 0;
  float mark_x0 = 0, mark_x1 = 0;  // what the mark covers (a point: its dot and the span of its date)
  float x = 0;                     // a point: its centre; an interval: its bar's visible start
  float bar_x1 = 0;                // an interval: its bar's visible end
  float label_x = 0, label_w = 0;  // the label's box (one row high); label_w 0: no label
  std::string_view title;          // the full title
  std::uint32_t label_bytes = 0;   // the label is title.substr(0, label_bytes), then "…" if shortened
  bool shortened = false;
  std::string label() const;       // the text drawn
};

struct TimelineLaneLayout {
  std::size_t lane = 0;
  int rows = 1;
  bool density = false;
  std::vector<TimelineEntryLayout> entries;  // by start
  std::vector<int> bins;                     // density: items starting in each bin of view.bin_px
  double bin_days = 0;
};

struct TimelineLayout {
  std::vector<TimelineLaneLayout> lanes;
};

inline constexpr std::string_view kEllipsis = "\xE2\x80\xA6";

/// Lays out the view: per lane, rows of marks and labels. Within a row no label overlaps another
/// label or mark and no mark overlaps another (the lane's name keeps the start of row 0 free).
/// An item takes the first row free at its mark; when none is and the lane has its preferred rows,
/// the label before it in a row is shortened (not below min_label_px) to make room; else a new row.
/// A lane with more visible items than width_px / density_px_per_item shows density bins instead.
TimelineLayout layout_timeline(const Timeline& timeline, const TimelineView& view, const TitleOf& title_of,
                               const MeasureText& measure);
/// Lays out one lane (the editor lays out only the lanes it shows).
TimelineLaneLayout layout_timeline_lane(const Timeline& timeline, std::size_t lane, const TimelineView& view,
                                        const TitleOf& title_of, const MeasureText& measure);

/// The longest prefix of `text` (whole code points) that, followed by an ellipsis, fits in max_px.
std::size_t fit_with_ellipsis(std::string_view text, float max_px, const MeasureText& measure);

/// The marks a legend explains, in order, with their wording.
struct TimelineLegendItem {
  std::uint8_t flags;         // the flags of an item drawn as the example
  const char* text;
};
const std::vector<TimelineLegendItem>& timeline_legend();

}  // namespace uch
