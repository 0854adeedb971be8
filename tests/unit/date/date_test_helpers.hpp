// Shared helpers for the date tests: bounds as ISO text so that failures read like the spec.
#pragma once

#include <string>
#include <string_view>

#include <uchronia/date.hpp>

namespace date_test {

inline std::string lower_of(const uch::DateInfo& d) { return d.lower_unbounded ? "open" : uch::iso_day(d.lower); }
inline std::string upper_of(const uch::DateInfo& d) { return d.upper_unbounded ? "open" : uch::iso_day(d.upper); }
inline std::string cmp_lower_of(const uch::DateInfo& d) { return d.lower_unbounded ? "open" : uch::iso_day(d.cmp_lower); }
inline std::string cmp_upper_of(const uch::DateInfo& d) { return d.upper_unbounded ? "open" : uch::iso_day(d.cmp_upper); }

inline uch::DayNumber day(std::int64_t y, int m, int d) { return uch::days_from_civil(y, m, d); }

}  // namespace date_test
