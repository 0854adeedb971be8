// Editing on the timeline canvas by dragging: an entry moved in time, one end of an interval moved,
// or (Ctrl held at the press) a relation drawn from one entry to another. While an entry is dragged
// its new date shows in words; the release commits ONE revision; Esc cancels and nothing changes.
// The new date is decided by the core's date_moved_by / interval_end_moved_to (uchronia/date_move.hpp).
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "timeline_marks.hpp"
#include "uchronia/date_move.hpp"
#include "uchronia/model.hpp"

struct ImDrawList;

namespace uch::app {

class EditorState;

/// What a press on the canvas took hold of.
enum class Grab { None, Pan, Move, Start, End, Link };

class TimelineDrag {
 public:
  /// Before an interval's shape is drawn: remembers the end (a bounded one) the pointer is on, and
  /// records both ends as probes "timeline/start/ID", "timeline/end/ID" (tests).
  void offer_ends(const std::string& id, std::uint32_t row, float a, float b, float y0, float y1, bool open_lo,
                  bool open_hi);
  /// Called once a frame before the lanes are drawn.
  void begin_frame();

  /// The press: on entry `row` (none: the empty canvas, which pans) at `day`; `link` (Ctrl held) draws
  /// a relation instead of moving.
  void press(const EditorState& state, std::optional<std::uint32_t> row, double day, bool link);
  /// While held: the pointer is at `day`, over entry `over` (when any).
  void follow(double day, std::optional<std::uint32_t> over);
  void cancel() { grab_ = Grab::None; }
  /// The release: commits the moved date (one revision; true when it did), or for a relation drawn
  /// onto another entry opens the popup that asks its kind.
  bool release(EditorState& state);

  Grab grab() const { return grab_; }
  bool dates() const { return grab_ == Grab::Move || grab_ == Grab::Start || grab_ == Grab::End; }
  const MovedDate& preview() const { return preview_; }

  /// The dragged entry's new span (or the relation's rubber band) and, in a tooltip, its new date in
  /// words (date_in_words); the pointer is over the canvas.
  void draw(const CanvasView& view, const TimelineMarks& marks, ImDrawList* dl) const;
  /// The relation popup (its kind: causes, before, after, ends, during), committed as one revision.
  void draw_relation_popup(EditorState& state);

 private:
  Grab grab_ = Grab::None;
  std::string id_;
  std::uint32_t row_ = 0;
  std::string original_;
  Calendar calendar_ = Calendar::Gregorian;
  double press_day_ = 0;
  MovedDate preview_;
  std::optional<std::uint32_t> over_;   // Link: the entry under the pointer
  float pointer_x_ = 0, pointer_y_ = 0;
  struct EndHover {
    bool on = false;
    std::uint32_t row = 0;
    IntervalEnd end = IntervalEnd::Start;
  } end_hover_;
  std::string link_from_, link_to_;      // the relation waiting for its kind
  bool open_popup_ = false;
};

/// Double-click on empty canvas: a new entry dated `edtf`, selected, its title field focused (one revision).
std::optional<std::string> add_entry_at(EditorState& state, const std::string& edtf);

}  // namespace uch::app
