// The time axis moved to the core (uchronia/timeline_axis.hpp, shared with the chart export); the
// editor's names for it.
#pragma once

#include "uchronia/timeline_axis.hpp"

namespace uch::app {
using uch::AxisTick;
using uch::axis_label_for_day;
using uch::axis_ticks;
using uch::edtf_for_day;
using uch::year_label;
}  // namespace uch::app
