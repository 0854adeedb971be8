// Where each entry was drawn this frame: see timeline_marks.hpp.
#include "timeline_marks.hpp"

namespace uch::app {

void TimelineMarks::begin_frame(std::size_t rows) {
  for (const DrawnMark& m : marks_)
    if (m.row < slot_.size()) slot_[m.row] = -1;
  marks_.clear();
  if (slot_.size() != rows) slot_.assign(rows, -1);
}

void TimelineMarks::drawn(const DrawnMark& mark) {
  if (mark.row >= slot_.size()) return;
  if (slot_[mark.row] >= 0) {   // drawn twice (an entry in two lanes): the later one stands
    marks_[static_cast<std::size_t>(slot_[mark.row])] = mark;
    return;
  }
  slot_[mark.row] = static_cast<std::int32_t>(marks_.size());
  marks_.push_back(mark);
}

const DrawnMark* TimelineMarks::find(std::uint32_t row) const {
  if (row >= slot_.size() || slot_[row] < 0) return nullptr;
  return &marks_[static_cast<std::size_t>(slot_[row])];
}

}  // namespace uch::app
