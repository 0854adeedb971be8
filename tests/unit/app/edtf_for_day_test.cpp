// The date an entry dropped on the timeline takes: as precise as the zoom.
#include <doctest/doctest.h>

#include "timeline_axis.hpp"
#include "uchronia/date.hpp"

TEST_CASE("edtf_for_day gives a year, a month or a day as the view narrows") {
  const double day = static_cast<double>(uch::days_from_civil(1917, 3, 8)) + 0.5;
  CHECK(uch::app::edtf_for_day(day, 365.0 * 40) == "1917");
  CHECK(uch::app::edtf_for_day(day, 365.0) == "1917-03");
  CHECK(uch::app::edtf_for_day(day, 30.0) == "1917-03-08");
  CHECK(uch::app::edtf_for_day(static_cast<double>(uch::days_from_civil(-43, 3, 15)), 365.0 * 40) == "-0043");
}
