// Private to the date component: calendar arithmetic inlined for the parser, and the parsed parts of an EDTF string.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "uchronia/date.hpp"

namespace uch::detail {

constexpr std::int64_t floor_div(std::int64_t a, std::int64_t b) {
  return a / b - ((a % b != 0) && ((a < 0) != (b < 0)));
}

/// Howard Hinnant's days_from_civil, 64-bit: proleptic Gregorian, 1970-01-01 = 0.
constexpr DayNumber greg_days(std::int64_t y, int m, int d) {
  y -= m <= 2;
  const std::int64_t era = floor_div(y, 400);
  const std::int64_t yoe = y - era * 400;
  const std::int64_t mp = m > 2 ? m - 3 : m + 9;
  const std::int64_t doy = (153 * mp + 2) / 5 + d - 1;
  const std::int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

/// Julian calendar: 4-year cycles of 1461 days counted from Julian 0000-03-01.
constexpr std::int64_t julian_raw(std::int64_t y, int m, int d) {
  y -= m <= 2;
  const std::int64_t era = floor_div(y, 4);
  const std::int64_t yoe = y - era * 4;
  const std::int64_t mp = m > 2 ? m - 3 : m + 9;
  const std::int64_t doy = (153 * mp + 2) / 5 + d - 1;
  return era * 1461 + yoe * 365 + doy;
}
/// Julian 1582-10-05 is Gregorian 1582-10-15 (the day after Julian 1582-10-04).
inline constexpr std::int64_t kJulianOffset = greg_days(1582, 10, 15) - julian_raw(1582, 10, 5);

constexpr DayNumber julian_days(std::int64_t y, int m, int d) { return julian_raw(y, m, d) + kJulianOffset; }

constexpr DayNumber cal_days(Calendar cal, std::int64_t y, int m, int d) {
  return cal == Calendar::Julian ? julian_days(y, m, d) : greg_days(y, m, d);
}

constexpr bool is_leap(std::int64_t y, Calendar cal) {
  if (cal == Calendar::Julian) return y % 4 == 0;
  return y % 4 == 0 && (y % 100 != 0 || y % 400 == 0);
}

constexpr int month_length(std::int64_t y, int m, Calendar cal) {
  constexpr std::uint8_t kLen[13] = {0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return (m == 2 && is_leap(y, cal)) ? 29 : kLen[m];
}

/// Civil date of a day number in the given calendar.
CivilDate cal_civil(Calendar cal, DayNumber days);

/// Longest year written, in digits (keeps every day number far from the unbounded sentinels).
inline constexpr int kMaxYearDigits = 15;

const char* month_name(int m);         // "January".."December"
const char* season_name(int season);   // 21..24 -> "spring".."winter"

/// EDTF spelling of a year: "1985", "-0479", "0000", "Y170000002", "Y-170000002".
std::string edtf_year(std::int64_t y);
/// Two-digit field: 4 -> "04".
std::string two_digits(int v);

enum class PartKind : std::uint8_t { Date, Open, Unknown };

/// One date of an EDTF string (the whole string, or one end of an interval).
struct Part {
  PartKind kind = PartKind::Date;
  bool uncertain = false;
  bool approximate = false;
  bool negative = false;    // written with '-' (kept apart so "-00XX" differs from "00XX")
  bool long_year = false;   // Y prefix
  bool has_time = false;
  bool month_x = false;     // 1985-XX
  bool day_x = false;       // 1985-04-XX
  std::uint8_t year_x = 0;  // 201X -> 1, 20XX -> 2
  int month = 0;            // 0 none, 1..12, 21..24 season
  int day = 0;              // 0 none
  std::int64_t year = 0;    // X digits read as 0: 191X -> 1910, -047X -> -470
  Precision precision = Precision::Other;
  DayNumber lower = 0, upper = 0, cmp_lower = 0, cmp_upper = 0;
  // Level 2. `l2` is set when the date uses a form that level 1 cannot write (the fields above then
  // describe it only roughly: display and the typed-form reader use the fields below).
  bool l2 = false;
  std::uint8_t qual[3] = {0, 0, 0};  // year, month, day: kUncertain | kApproximate, per component
  std::string year_mask, month_mask, day_mask;  // the written digits when one has an X ("156X", "1X")
  int significant = 0;      // 1950S2 -> 2 (0: none)
  std::int64_t sig_low = 0, sig_high = 0;  // the years significant digits allow: 1900, 1999
};
inline constexpr std::uint8_t kUncertain = 1, kApproximate = 2;

/// One member of a set: a date, or a run of consecutive dates "1670..1672" (`last` then holds the end).
struct SetMember {
  Part first, last;
  bool run = false;
};

enum class Shape : std::uint8_t { Single, Interval, OneOf, AllOf };

struct ParsedEdtf {
  bool interval = false;
  Shape shape = Shape::Single;
  Part start;  // the single date, or the start of an interval
  Part end;    // the end of an interval
  std::vector<SetMember> members;   // OneOf [..] and AllOf {..}
  bool earlier = false, later = false;  // [..1984] / [1760-12..]
};

/// parse_edtf with the parts kept (for display and for the natural-language reader).
DateInfo parse_edtf_parts(std::string_view text, Calendar calendar, ParsedEdtf& out);

}  // namespace uch::detail
