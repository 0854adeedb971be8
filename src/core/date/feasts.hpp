// Private to the date component: the feasts writers date documents by, and Easter by calendar.
#pragma once

#include <cstddef>
#include <string_view>

#include "date_internal.hpp"

namespace uch::detail {

/// Easter Sunday of year `y` (astronomical) by the computus of `cal`, as a date of that calendar.
CivilDate easter_sunday(std::int64_t y, Calendar cal);
/// When lower-case `s` starts with a feast's name followed by a space or the end, its length (and `index`); else 0.
std::size_t feast_name_length(std::string_view s, int& index);
/// The day of feast `index` in `year`, as a date of `cal`.
CivilDate feast_day(int index, std::int64_t year, Calendar cal);

}  // namespace uch::detail
