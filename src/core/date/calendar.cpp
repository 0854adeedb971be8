// Calendar arithmetic: proleptic Gregorian and Julian day numbers (64-bit, astronomical years) and ISO day text.
#include <charconv>
#include <cstdlib>

#include "date_internal.hpp"

namespace uch {

using detail::floor_div;

DayNumber days_from_civil(std::int64_t year, int month, int day) { return detail::greg_days(year, month, day); }

CivilDate civil_from_days(DayNumber days) {
  const std::int64_t z = days + 719468;
  const std::int64_t era = floor_div(z, 146097);
  const std::int64_t doe = z - era * 146097;                                      // [0, 146096]
  const std::int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;  // [0, 399]
  const std::int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);                // [0, 365]
  const std::int64_t mp = (5 * doy + 2) / 153;                                     // [0, 11]
  const int d = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  const int m = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  return {yoe + era * 400 + (m <= 2), m, d};
}

DayNumber days_from_julian(std::int64_t year, int month, int day) { return detail::julian_days(year, month, day); }

CivilDate julian_from_days(DayNumber days) {
  const std::int64_t z = days - detail::kJulianOffset;  // days since Julian 0000-03-01
  const std::int64_t era = floor_div(z, 1461);
  const std::int64_t doe = z - era * 1461;               // [0, 1460]
  const std::int64_t yoe = (doe - doe / 1460) / 365;     // [0, 3]
  const std::int64_t doy = doe - 365 * yoe;              // [0, 365]
  const std::int64_t mp = (5 * doy + 2) / 153;
  const int d = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  const int m = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  return {yoe + era * 4 + (m <= 2), m, d};
}

std::string iso_day(DayNumber days) {
  const CivilDate c = civil_from_days(days);
  char buf[40];
  char* p = buf;
  std::uint64_t y = c.year < 0 ? 0 - static_cast<std::uint64_t>(c.year) : static_cast<std::uint64_t>(c.year);
  if (c.year < 0) *p++ = '-';
  char digits[24];
  auto r = std::to_chars(digits, digits + sizeof digits, y);
  for (std::ptrdiff_t pad = 4 - (r.ptr - digits); pad > 0; --pad) *p++ = '0';
  for (char* q = digits; q != r.ptr; ++q) *p++ = *q;
  *p++ = '-';
  *p++ = static_cast<char>('0' + c.month / 10);
  *p++ = static_cast<char>('0' + c.month % 10);
  *p++ = '-';
  *p++ = static_cast<char>('0' + c.day / 10);
  *p++ = static_cast<char>('0' + c.day % 10);
  return std::string(buf, p);
}

namespace detail {

CivilDate cal_civil(Calendar cal, DayNumber days) {
  return cal == Calendar::Julian ? julian_from_days(days) : civil_from_days(days);
}

const char* month_name(int m) {
  static const char* const kNames[13] = {"",       "January",   "February", "March",    "April",
                                         "May",    "June",      "July",     "August",   "September",
                                         "October", "November", "December"};
  return (m >= 1 && m <= 12) ? kNames[m] : "";
}

const char* season_name(int season) {
  switch (season) {
    case 21: return "spring";
    case 22: return "summer";
    case 23: return "autumn";
    case 24: return "winter";
    default: return "";
  }
}

std::string edtf_year(std::int64_t y) {
  const bool neg = y < 0;
  const std::uint64_t a = neg ? 0 - static_cast<std::uint64_t>(y) : static_cast<std::uint64_t>(y);
  char digits[24];
  auto r = std::to_chars(digits, digits + sizeof digits, a);
  std::string out;
  if (a > 9999) out += 'Y';
  if (neg) out += '-';
  for (std::ptrdiff_t pad = 4 - (r.ptr - digits); pad > 0; --pad) out += '0';
  out.append(digits, r.ptr);
  return out;
}

std::string two_digits(int v) {
  std::string s(2, '0');
  s[0] = static_cast<char>('0' + (v / 10) % 10);
  s[1] = static_cast<char>('0' + v % 10);
  return s;
}

}  // namespace detail
}  // namespace uch
