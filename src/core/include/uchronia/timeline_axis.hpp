// Time-axis ticks and labels for the timeline (the editor and the chart export): millennia down to days, BC without a year zero.
#pragma once

#include <string>
#include <vector>

namespace uch {

struct AxisTick {
  double day = 0;        // day number (1970-01-01 = 0) where the tick sits
  bool major = false;    // labelled
  std::string label;
};

/// Ticks for the view [lo, hi) drawn over `width_px`, labels at least `min_label_px` apart.
std::vector<AxisTick> axis_ticks(double lo, double hi, float width_px, float min_label_px);

/// A year as a writer reads it: 1917, "AD 33", "480 BC", "170,000,002".
std::string year_label(long long astronomical_year);

/// A day labelled as precisely as a view `span_days` wide needs ("1917", "Jun 1917", "26 Jun 1917").
std::string axis_label_for_day(double day, double span_days);

/// The same day as EDTF at that precision ("1917", "1917-06", "1917-06-26"): the date an entry
/// dropped there takes.
std::string edtf_for_day(double day, double span_days);

}  // namespace uch
