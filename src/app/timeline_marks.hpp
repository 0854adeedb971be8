// Where each entry was drawn on the timeline this frame, and the canvas's day <-> pixel mapping:
// what the canvas's overlays (arrows, the drag's ghost, badges) need to find an entry on screen.
#pragma once

#include <cstdint>
#include <vector>

namespace uch::app {

/// The canvas's visible days [lo, hi) over the pixels [x0, x0 + w).
struct CanvasView {
  double lo = 0, hi = 1;
  float x0 = 0, w = 1;
  float x_of(double day) const { return x0 + static_cast<float>((day - lo) / (hi - lo) * w); }
  double day_at(float x) const { return lo + (x - x0) / w * (hi - lo); }
};

struct DrawnMark {
  std::uint32_t row = 0;     // index into state.rows()
  float x_lo = 0, x_hi = 0;  // the shape's left and right edges (equal for a point)
  float cy = 0;              // its centre line
  bool dimmed = false;       // left out by the entries filter
};

class TimelineMarks {
 public:
  /// Forgets last frame's marks; `rows` is the number of entries (rows()).
  void begin_frame(std::size_t rows);
  void drawn(const DrawnMark& mark);
  /// The mark of row `row` drawn this frame, or nullptr (off screen, or only counted in a density).
  const DrawnMark* find(std::uint32_t row) const;
  const std::vector<DrawnMark>& marks() const { return marks_; }

 private:
  std::vector<DrawnMark> marks_;
  std::vector<std::int32_t> slot_;   // row -> index in marks_, -1; reset only where set
};

}  // namespace uch::app
