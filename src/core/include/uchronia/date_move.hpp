// Moving a stored date in time (the timeline's drag): the one rule for how a moved date is written.
// A date keeps its own precision (a year stays a year, a month a month, a day a day, a season a
// season, 196X a decade), its calendar (an Old Style date is written in the Julian reckoning) and its
// qualifiers (?, ~, %, where they were written); open and unknown interval ends stay as they are.
#pragma once

#include <string>
#include <string_view>

#include "uchronia/date.hpp"

namespace uch {

struct MovedDate {
  bool ok = false;
  std::string stored;   // the new EDTF text, in the item's calendar (when ok)
  std::string error;    // why the date cannot be moved (when not ok)
};

/// The whole date moved by `days` (negative: earlier). Each dated part (the date, or each bounded end
/// of an interval) becomes the unit of its own precision that holds its old middle moved by `days`,
/// so a year moves once the drag passes half a year. With `days` == 0 the text comes back unchanged.
MovedDate date_moved_by(std::string_view stored, Calendar calendar, DayNumber days);

enum class IntervalEnd { Start, End };

/// One end of an interval placed at `day`: that end becomes the unit of its precision holding `day`,
/// kept on its side of the other end (an end never passes the other, so the interval stays valid).
/// Refused for a date that is no interval, and for an open ("..") or unknown ("") end.
MovedDate interval_end_moved_to(std::string_view stored, Calendar calendar, IntervalEnd end, DayNumber day);

}  // namespace uch
