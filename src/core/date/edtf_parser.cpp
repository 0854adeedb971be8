// EDTF level 0-2 parser (ISO 8601-2 as EDTF states it): one hand-written pass per date, bounds as day numbers, strict validity, clear errors.
#include <string>

#include "date_internal.hpp"

namespace uch {
namespace detail {
namespace {

inline bool is_digit(char c) { return c >= '0' && c <= '9'; }
inline bool is_qual(char c) { return c == '?' || c == '~' || c == '%'; }
inline bool is_digit_or_x(char c) { return is_digit(c) || c == 'X'; }

// Everything the parser needs to report an error: the whole input (errors start with it) and the result.
struct Ctx {
  std::string_view input;
  Calendar cal;
  DateInfo& info;
};

bool fail(Ctx& c, std::string_view reason) {
  c.info.valid = false;
  c.info.error.assign(c.input);
  c.info.error += ": ";
  c.info.error += reason;
  return false;
}

// An unexpected character at absolute position `pos` (0-based) of the input.
bool unexpected(Ctx& c, std::size_t pos) {
  const char ch = c.input[pos];
  std::string r = "unexpected ";
  if (ch > ' ' && ch < 127) {
    r += '\'';
    r += ch;
    r += '\'';
  } else if (ch == ' ') {
    r += "space";
  } else {
    static const char* const kHex = "0123456789ABCDEF";
    const auto u = static_cast<unsigned char>(ch);
    r += "byte 0x";
    r += kHex[u >> 4];
    r += kHex[u & 15];
  }
  r += " at position ";
  r += std::to_string(pos + 1);
  return fail(c, r);
}

// Months (1-based, first and last, `next_year` when the last falls in the following year) of a
// season or other division of a year, 21..41. EDTF names them; the months are this project's reading
// (docs/dates.md): meteorological seasons, the southern ones six months apart, then quarters,
// quadrimesters and semesters of the calendar year.
struct Division {
  int first, last;
  bool next_year;
  int months;  // its length, the unit an approximate one is widened by
};
Division division(int code) {
  switch (code) {
    case 21: case 25: case 31: return {3, 5, false, 3};   // spring (north), autumn (south)
    case 22: case 26: case 32: return {6, 8, false, 3};   // summer (north), winter (south)
    case 23: case 27: case 29: return {9, 11, false, 3};  // autumn (north), spring (south)
    case 24: case 28: case 30: return {12, 2, true, 3};   // winter (north), summer (south)
    case 33: return {1, 3, false, 3};
    case 34: return {4, 6, false, 3};
    case 35: return {7, 9, false, 3};
    case 36: return {10, 12, false, 3};
    case 37: return {1, 4, false, 4};
    case 38: return {5, 8, false, 4};
    case 39: return {9, 12, false, 4};
    case 40: return {1, 6, false, 6};
    default: return {7, 12, false, 6};  // 41
  }
}

// Does a written field ("1X", "156X") admit the value v (printed with as many digits)?
bool mask_matches(std::string_view mask, std::int64_t v) {
  for (std::size_t i = mask.size(); i-- > 0;) {
    const char d = static_cast<char>('0' + v % 10);
    if (mask[i] != 'X' && mask[i] != d) return false;
    v /= 10;
  }
  return v == 0;
}

// The first day of `m0`/`y0` shifted by `delta` months, or the last day of that month.
DayNumber month_start(Calendar cal, std::int64_t y, int m, std::int64_t delta) {
  const std::int64_t t = y * 12 + (m - 1) + delta;
  const std::int64_t yy = floor_div(t, 12);
  return cal_days(cal, yy, static_cast<int>(t - yy * 12) + 1, 1);
}
DayNumber month_end(Calendar cal, std::int64_t y, int m, std::int64_t delta) {
  const std::int64_t t = y * 12 + (m - 1) + delta;
  const std::int64_t yy = floor_div(t, 12);
  const int mm = static_cast<int>(t - yy * 12) + 1;
  return cal_days(cal, yy, mm, month_length(yy, mm, cal));
}

// hh:mm:ss then optional Z, +hh, +hh:mm or +hhmm; `i` is just after 'T'.
bool parse_time(Ctx& c, std::size_t off, std::string_view s, std::size_t i) {
  const std::size_t n = s.size();
  auto two = [&](std::size_t at, int& v) {
    if (at + 2 > n || !is_digit(s[at]) || !is_digit(s[at + 1])) return false;
    v = (s[at] - '0') * 10 + (s[at + 1] - '0');
    return true;
  };
  int hh, mm, ss;
  if (!two(i, hh) || i + 2 >= n || s[i + 2] != ':' || !two(i + 3, mm) || i + 5 >= n || s[i + 5] != ':' ||
      !two(i + 6, ss))
    return fail(c, "a time is written hh:mm:ss, e.g. 1985-04-12T23:20:30");
  if (hh > 23) return fail(c, "there is no hour " + two_digits(hh));
  if (mm > 59) return fail(c, "there is no minute " + two_digits(mm));
  if (ss > 60) return fail(c, "there is no second " + two_digits(ss));
  i += 8;
  if (i == n) return true;
  if (s[i] == 'Z') {
    if (i + 1 == n) return true;
    return unexpected(c, off + i + 1);
  }
  if (s[i] == '+' || s[i] == '-') {
    const char sign = s[i];
    int oh, om = 0;
    if (!two(i + 1, oh)) return fail(c, "a time offset is written +hh, +hh:mm or +hhmm, e.g. +01:00");
    i += 3;
    if (i < n) {  // ":mm" (extended) or "mm" (basic, ISO 8601 allows it for the offset: +0430)
      const std::size_t at = s[i] == ':' ? i + 1 : i;
      if (!two(at, om) || at + 2 != n) return fail(c, "a time offset is written +hh, +hh:mm or +hhmm, e.g. +01:00");
    }
    if (oh > 23 || om > 59)
      return fail(c, std::string("there is no time offset ") + sign + two_digits(oh) + ":" + two_digits(om));
    return true;
  }
  return unexpected(c, off + i);
}

// Digits after E or S: a small count.
bool read_count(std::string_view s, std::size_t& i, std::size_t n, int& v) {
  const std::size_t st = i;
  v = 0;
  while (i < n && is_digit(s[i])) {
    if (v < 1000) v = v * 10 + (s[i] - '0');
    ++i;
  }
  return i > st;
}

int digit_count(std::int64_t v) {
  int k = 1;
  while (v >= 10) {
    v /= 10;
    ++k;
  }
  return k;
}

// Significant digits: 1950S2 is some year 1900-1999 (ISO 8601-2: the first k digits are significant).
bool apply_significant(Ctx& c, Part& p, std::int64_t magnitude, int k, int written_digits) {
  if (k == 0 || k > written_digits)
    return fail(c, "significant digits (S" + std::to_string(k) + ") must be from 1 to the year's " +
                       std::to_string(written_digits) + " digits");
  std::int64_t unit = 1;
  for (int j = k; j < written_digits; ++j) unit *= 10;
  const std::int64_t lo = magnitude / unit * unit, hi = lo + unit - 1;
  p.significant = k;
  p.sig_low = p.negative ? -hi : lo;
  p.sig_high = p.negative ? -lo : hi;
  p.l2 = true;
  return true;
}

// Y-prefixed year: Y170000002, Y-17E7, Y171010000S3. `i` is just after 'Y'; stops at the first other character.
bool parse_long_year(Ctx& c, std::size_t off, std::string_view s, std::size_t& i, std::size_t n, Part& p) {
  if (i < n && s[i] == '-') {
    p.negative = true;
    ++i;
  }
  const std::size_t ds = i;
  std::int64_t v = 0;
  while (i < n && is_digit(s[i])) {
    if (i - ds < static_cast<std::size_t>(kMaxYearDigits)) v = v * 10 + (s[i] - '0');
    ++i;
  }
  std::size_t len = i - ds;
  if (len == 0) {
    if (i < n) return unexpected(c, off + i);
    return fail(c, "expected the digits of a year after 'Y'");
  }
  bool exponent = false;
  if (i < n && s[i] == 'E') {
    ++i;
    int e = 0;
    if (!read_count(s, i, n, e)) return fail(c, "expected the digits of an exponent after 'E', e.g. Y-17E7");
    if (e == 0) return fail(c, "an exponent (E) is at least 1, e.g. Y-17E7");
    // Leading zeros of the base do not count: Y0017E7 is 170000000.
    len = (v == 0 ? 1 : static_cast<std::size_t>(digit_count(v))) + static_cast<std::size_t>(e);
    if (len <= static_cast<std::size_t>(kMaxYearDigits))
      for (int j = 0; j < e; ++j) v *= 10;
    exponent = true;
    p.l2 = true;
  }
  if (len > static_cast<std::size_t>(kMaxYearDigits))
    return fail(c, "the year is too large (at most " + std::to_string(kMaxYearDigits) + " digits)");
  if (!exponent && s[ds] == '0') return fail(c, "a long year (Y...) starts with a digit other than 0");
  if (!exponent && v <= 9999)
    return fail(c, "the Y prefix is for years of more than four digits; write " + edtf_year(p.negative ? -v : v));
  p.long_year = true;
  p.year = p.negative ? -v : v;
  if (i < n && s[i] == 'S') {
    ++i;
    int k = 0;
    if (!read_count(s, i, n, k)) return fail(c, "expected the number of significant digits after 'S', e.g. 1950S2");
    if (!apply_significant(c, p, v, k, digit_count(v))) return false;
  }
  if (i < n && s[i] == '-' && i > ds) return fail(c, "a long year (Y...) has no month or day");
  return true;
}

// Reads one qualifier at s[i] if there is one; two in a row are refused ('%' is both).
bool read_qual(Ctx& c, std::string_view s, std::size_t& i, std::size_t n, std::uint8_t& q) {
  q = 0;
  if (i >= n || !is_qual(s[i])) return true;
  const char ch = s[i];
  q = ch == '?' ? kUncertain : ch == '~' ? kApproximate : kUncertain | kApproximate;
  ++i;
  if (i < n && is_qual(s[i])) return fail(c, "several qualifiers on one date component; write % for uncertain and approximate");
  return true;
}

// The bounds of a date with unspecified digits (156X-12-25, 1XXX-XX, 2004-1X-3X): its earliest and latest
// real day. Years ascend (or descend) until one has a day of the allowed months; at most 10,000 years.
bool masked_bounds(Ctx& c, Part& p, std::int64_t ylo, std::int64_t yhi, const bool months[13], const bool days[32]) {
  bool found = false;
  auto first_in = [&](std::int64_t y, bool forward, DayNumber& out) {
    for (int mi = 0; mi < 12; ++mi) {
      const int m = forward ? mi + 1 : 12 - mi;
      if (!months[m]) continue;
      const int len = month_length(y, m, c.cal);
      for (int di = 0; di < 31; ++di) {
        const int d = forward ? di + 1 : 31 - di;
        if (d > len || !days[d]) continue;
        out = cal_days(c.cal, y, m, d);
        return true;
      }
    }
    return false;
  };
  // A month and day that no year has (XXXX-02-3X) fails at once, not after 10,000 years.
  static constexpr int kLongest[13] = {0, 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  bool possible = false;
  for (int m = 1; m <= 12 && !possible; ++m)
    for (int d = 1; d <= kLongest[m] && months[m] && !possible; ++d) possible = days[d];
  if (!possible) return fail(c, "no day matches these unspecified digits");
  const std::string& ymask = p.year_mask;
  auto year_ok = [&](std::int64_t y) {
    return ymask.empty() || mask_matches(ymask, y < 0 ? -y : y);
  };
  for (std::int64_t y = ylo; y <= yhi && !found; ++y)
    if (year_ok(y)) found = first_in(y, true, p.lower);
  if (!found) return fail(c, "no day matches these unspecified digits");
  found = false;
  for (std::int64_t y = yhi; y >= ylo && !found; --y)
    if (year_ok(y)) found = first_in(y, false, p.upper);
  return true;
}

// Fills cmp_lower/cmp_upper: an approximate date is compared as one unit wider on each side, the unit
// being the precision of the whole date for a level 1 qualifier at its end, else that of the coarsest
// component the qualifier covers (2004~-06-11: a year).
void widen(Part& p, Calendar cal, int unit_months, bool day_unit) {
  p.cmp_lower = p.lower;
  p.cmp_upper = p.upper;
  if (!p.approximate) return;
  if (day_unit) {
    --p.cmp_lower;
    ++p.cmp_upper;
    return;
  }
  const CivilDate lo = cal_civil(cal, p.lower), hi = cal_civil(cal, p.upper);
  p.cmp_lower = month_start(cal, lo.year, lo.month, -unit_months);
  p.cmp_upper = month_end(cal, hi.year, hi.month, unit_months);
}

// One date: `s` is a piece of the input starting at absolute offset `off`. Level 2 components:
// [q]year[q][-[q]month[q][-[q]day[q]]]; a qualifier before a component is for it alone, one after it for
// it and every component to its left (so the level 1 qualifier at the end is for the whole date).
bool parse_part(Ctx& c, std::size_t off, std::string_view s, Part& p) {
  const std::size_t n = s.size();
  std::size_t i = 0;
  std::uint8_t q = 0;
  std::uint8_t left[3] = {0, 0, 0}, right[3] = {0, 0, 0};
  if (!read_qual(c, s, i, n, left[0])) return false;
  if (i == n) return fail(c, "a qualifier needs a date before it");
  std::string_view ytext, mtext, dtext;
  std::size_t mpos = 0, dpos = 0;
  int comps = 1;
  if (s[i] == 'Y') {
    ++i;
    if (!parse_long_year(c, off, s, i, n, p)) return false;
    if (!read_qual(c, s, i, n, right[0])) return false;
    if (i < n) {
      if (s[i] == '-') return fail(c, "a long year (Y...) has no month or day");
      return unexpected(c, off + i);
    }
  } else {
    if (s[i] == '-') {
      p.negative = true;
      ++i;
    }
    const std::size_t ys = i;
    while (i < n && is_digit_or_x(s[i]) && i - ys < 18) ++i;  // 18 at most: 19 digits would overflow (fuzz finding)
    const std::size_t ylen = i - ys;
    ytext = s.substr(ys, ylen);
    const bool any_x = ytext.find('X') != std::string_view::npos;
    if (ylen == 0) {
      if (i < n) return unexpected(c, off + i);
      return fail(c, "expected a year");
    }
    if (ylen != 4) {
      if (ylen > 4 && !any_x)
        return fail(c, "a year of more than four digits is written with the Y prefix, e.g. Y" +
                           std::string(p.negative ? "-" : "") + std::string(ytext));
      if (ylen < 4 && !any_x) {
        std::string padded(4 - ylen, '0');
        padded += ytext;
        return fail(c, "a year has four digits, e.g. " + std::string(p.negative ? "-" : "") + padded);
      }
      return fail(c, "a year has four digits");
    }
    std::int64_t y = 0;
    for (char ch : ytext) y = y * 10 + (ch == 'X' ? 0 : ch - '0');
    p.year = p.negative ? -y : y;
    if (p.negative && y == 0 && !any_x) return fail(c, "there is no year -0000; year zero (1 BC) is written 0000");
    if (any_x) {
      const std::size_t first_x = ytext.find('X');
      const bool from_right = ytext.find_first_not_of('X', first_x) == std::string_view::npos;
      const std::size_t xs = 4 - first_x;
      if (from_right && xs <= 2) p.year_x = static_cast<std::uint8_t>(xs);
      else p.l2 = true;
      p.year_mask = std::string(ytext);
    }
    if (i < n && s[i] == 'S') {
      ++i;
      int k = 0;
      if (!read_count(s, i, n, k)) return fail(c, "expected the number of significant digits after 'S', e.g. 1950S2");
      if (any_x) return fail(c, "significant digits (S) need a year written in digits");
      if (!apply_significant(c, p, y, k, 4)) return false;
      if (i < n && s[i] == '-') return fail(c, "a year with significant digits (S) has no month or day");
    }
    if (!read_qual(c, s, i, n, right[0])) return false;
    // Month (or division of the year), then day.
    for (int k = 1; k <= 2 && i < n; ++k) {
      if (s[i] != '-') {
        if (s[i] == 'T') return fail(c, "a time needs a full date (year, month and day)");
        return unexpected(c, off + i);
      }
      if (k == 2 && !mtext.empty() && mtext[0] != 'X' && mtext[1] != 'X' &&
          (mtext[0] - '0') * 10 + (mtext[1] - '0') >= 21)
        return fail(c, "a season has no day");
      ++i;
      if (!read_qual(c, s, i, n, left[k])) return false;
      const std::size_t ms = i;
      while (i < n && is_digit_or_x(s[i]) && i - ms < 3) ++i;
      const std::size_t mlen = i - ms;
      if (mlen == 0) {
        if (i < n) return unexpected(c, off + i);
        return fail(c, k == 1 ? "expected a month after '-'" : "expected a day after '-'");
      }
      if (mlen != 2) return fail(c, k == 1 ? "a month has two digits, e.g. 04" : "a day has two digits, e.g. 07");
      (k == 1 ? mtext : dtext) = s.substr(ms, 2);
      (k == 1 ? mpos : dpos) = ms;
      comps = k + 1;
      if (!read_qual(c, s, i, n, right[k])) return false;
    }
    if (i < n) {
      if (s[i] != 'T') return unexpected(c, off + i);
      if (comps < 3) return fail(c, "a time needs a full date (year, month and day)");
      if (dtext.find('X') != std::string_view::npos || mtext.find('X') != std::string_view::npos ||
          !p.year_mask.empty())
        return fail(c, "a time needs a full date (year, month and day)");
      if ((right[0] | right[1] | right[2] | left[0] | left[1] | left[2]) || is_qual(s[n - 1]))
        return fail(c, "a date-time cannot carry a qualifier (?, ~, %)");
      if (!parse_time(c, off, s, i + 1)) return false;
      p.has_time = true;
    }
  }
  // Qualifiers: a right one covers its component and those to its left.
  for (int k = 0; k < 3; ++k) {
    // A component qualified before and after (~1008?) has both qualities, as edtf.js reads ~04% on a day.
    p.qual[k] = left[k];
    for (int j = k; j < 3; ++j) p.qual[k] |= right[j];
    q |= p.qual[k];
  }
  p.uncertain = (q & kUncertain) != 0;
  p.approximate = (q & kApproximate) != 0;
  // Level 1 has one qualifier, at the very end; anything else is a level 2 component qualification.
  const int last = comps - 1;
  const bool level1_qual = left[0] == 0 && left[1] == 0 && left[2] == 0 && (last == 0 || right[0] == 0) &&
                           (last <= 1 || right[1] == 0);
  if (!level1_qual) p.l2 = true;

  // The months a month field allows, or the division of the year it names.
  bool months[13] = {};
  int division_code = 0;
  if (!mtext.empty()) {
    if (mtext.find('X') == std::string_view::npos) {
      const int mv = (mtext[0] - '0') * 10 + (mtext[1] - '0');
      if (mv == 0 || (mv > 12 && mv < 21) || mv > 41) return fail(c, "there is no month " + two_digits(mv));
      if (mv >= 21) {
        division_code = mv;
        if (mv >= 25) p.l2 = true;
      } else {
        months[mv] = true;
      }
      p.month = mv;
    } else {
      p.month_mask = std::string(mtext);
      for (int m = 1; m <= 12; ++m) months[m] = mask_matches(mtext, m);
      bool any = false;
      for (int m = 1; m <= 12; ++m) any = any || months[m];
      if (!any) return fail(c, "no month matches " + std::string(mtext));
      if (mtext == "XX") p.month_x = true;
      else p.l2 = true;
    }
  } else {
    for (int m = 1; m <= 12; ++m) months[m] = true;
  }
  bool days[32] = {};
  if (!dtext.empty()) {
    if (dtext.find('X') == std::string_view::npos) {
      const int dv = (dtext[0] - '0') * 10 + (dtext[1] - '0');
      if (dv == 0) return fail(c, "there is no day 0");
      days[dv <= 31 ? dv : 0] = dv <= 31;
      p.day = dv;
      if (p.month_x || !p.month_mask.empty()) p.l2 = true;  // 1985-XX-12
      if (p.year_mask.empty() && p.month >= 1 && p.month <= 12) {
        const int len = month_length(p.year, p.month, c.cal);
        if (dv > len) {
          std::string r = month_name(p.month);
          r += ' ';
          r += edtf_year(p.year);
          r += " has ";
          r += std::to_string(len);
          r += " days";
          if (c.cal == Calendar::Julian) r += " in the Julian calendar";
          return fail(c, r);
        }
      } else if (dv > 31) {
        return fail(c, "there is no day " + two_digits(dv));
      }
    } else {
      p.day_mask = std::string(dtext);
      for (int d = 1; d <= 31; ++d) days[d] = mask_matches(dtext, d);
      if (dtext == "XX") p.day_x = true;
      else p.l2 = true;
    }
  } else {
    for (int d = 1; d <= 31; ++d) days[d] = true;
  }
  // L1 allows 201X and 20XX alone only: an X year with a month or day is level 2.
  if (p.year_x && !mtext.empty()) p.l2 = true;
  if (p.month_x && !dtext.empty() && !p.day_x) p.l2 = true;

  // Bounds.
  std::int64_t ylo = p.year, yhi = p.year;
  if (!p.year_mask.empty()) {
    std::int64_t lo = 0, hi = 0;
    for (char ch : p.year_mask) {
      lo = lo * 10 + (ch == 'X' ? 0 : ch - '0');
      hi = hi * 10 + (ch == 'X' ? 9 : ch - '0');
    }
    ylo = p.negative ? -hi : lo;
    yhi = p.negative ? -lo : hi;
    if (p.negative && ylo == 0 && yhi == 0) return fail(c, "there is no year -0000; year zero (1 BC) is written 0000");
  }
  if (p.significant) {
    ylo = p.sig_low;
    yhi = p.sig_high;
  }
  int unit = 12;       // months an approximate date is widened by
  bool day_unit = false;
  if (division_code) {
    const Division dv = division(division_code);
    p.precision = Precision::Season;
    p.lower = cal_days(c.cal, ylo, dv.first, 1);
    const std::int64_t ey = yhi + (dv.next_year ? 1 : 0);
    p.upper = cal_days(c.cal, ey, dv.last, month_length(ey, dv.last, c.cal));
    unit = dv.months;
  } else {
    if (!masked_bounds(c, p, ylo, yhi, months, days)) return false;
    if (!dtext.empty() && !p.day_x) {
      p.precision = Precision::Day;
      unit = 0;
      day_unit = true;
    } else if (!mtext.empty() && !p.month_x) {
      p.precision = Precision::Month;
      unit = 1;
    } else if (p.year_x == 1 && mtext.empty()) {
      p.precision = Precision::Decade;
      unit = 120;
    } else if (p.year_x == 2 && mtext.empty()) {
      p.precision = Precision::Century;
      unit = 1200;
    } else {
      p.precision = (p.l2 && (p.significant || !p.year_mask.empty())) ? Precision::Other : Precision::Year;
    }
  }
  if (!level1_qual) {
    // The coarsest approximate component sets the unit.
    if (p.qual[0] & kApproximate) {
      unit = 12;
      day_unit = false;
    } else if (p.qual[1] & kApproximate) {
      unit = division_code ? division(division_code).months : 1;
      day_unit = false;
    } else {
      day_unit = true;
    }
  }
  widen(p, c.cal, unit, day_unit);
  return true;
}

// One end of an interval: empty = unknown, ".." = open, else a date.
bool parse_end(Ctx& c, std::size_t off, std::string_view s, Part& p) {
  if (s.empty()) {
    p.kind = PartKind::Unknown;
    return true;
  }
  if (s.size() == 2 && s[0] == '.' && s[1] == '.') {
    p.kind = PartKind::Open;
    return true;
  }
  return parse_part(c, off, s, p);
}

void take_bounds(DateInfo& info, const Part& p) {
  info.lower = p.lower;
  info.upper = p.upper;
  info.cmp_lower = p.cmp_lower;
  info.cmp_upper = p.cmp_upper;
}

// Widens `info` to cover `p` (sets: from the earliest lower to the latest upper bound).
void cover(DateInfo& info, const Part& p, bool first) {
  if (first) {
    take_bounds(info, p);
  } else {
    if (p.lower < info.lower) info.lower = p.lower;
    if (p.upper > info.upper) info.upper = p.upper;
    if (p.cmp_lower < info.cmp_lower) info.cmp_lower = p.cmp_lower;
    if (p.cmp_upper > info.cmp_upper) info.cmp_upper = p.cmp_upper;
  }
  info.uncertain = info.uncertain || p.uncertain;
  info.approximate = info.approximate || p.approximate;
}

// A set: [a, b, c..d] (one of) or {a, b} (all of); ".." before the first or after the last member
// extends it to every earlier or later date. Members are dates or runs of dates of one precision.
bool parse_set(Ctx& c, std::string_view text, ParsedEdtf& out) {
  const char open = text[0], close = open == '[' ? ']' : '}';
  out.shape = open == '[' ? Shape::OneOf : Shape::AllOf;
  if (text.size() < 2 || text.back() != close)
    return fail(c, std::string("a set opened with '") + open + "' is closed with '" + close + "' at the end");
  const std::size_t inner_end = text.size() - 1;
  std::size_t i = 1;
  DateInfo& info = c.info;
  bool first = true;
  while (true) {
    while (i < inner_end && text[i] == ' ') ++i;  // spaces after a comma, as people write "1667, 1668"
    std::size_t j = text.find(',', i);
    if (j == std::string_view::npos || j > inner_end) j = inner_end;
    std::string_view item = text.substr(i, j - i);
    const bool is_first = first, is_last = j == inner_end;
    if (item.empty()) return fail(c, j == inner_end && first ? "a set needs at least one date" : "a set member is empty");
    SetMember m;
    const std::size_t dots = item.find("..");
    if (item == "..") return fail(c, "'..' in a set goes with a date, e.g. [..1984] or [1984..]");
    if (dots == 0) {
      if (!is_first) return fail(c, "'..' before a date is for the first member of a set only, e.g. [..1984]");
      out.earlier = true;
      if (!parse_part(c, i + 2, item.substr(2), m.first)) return false;
    } else if (dots != std::string_view::npos && dots + 2 == item.size()) {
      if (!is_last) return fail(c, "'..' after a date is for the last member of a set only, e.g. [1760-12..]");
      out.later = true;
      if (!parse_part(c, i, item.substr(0, dots), m.first)) return false;
    } else if (dots != std::string_view::npos) {
      m.run = true;
      if (!parse_part(c, i, item.substr(0, dots), m.first)) return false;
      if (!parse_part(c, i + dots + 2, item.substr(dots + 2), m.last)) return false;
      if (m.first.precision != m.last.precision)
        return fail(c, "a run " + std::string(item) + " needs both ends of one precision (year..year, month..month)");
      if (m.last.upper < m.first.lower)
        return fail(c, "the run " + std::string(item) + " ends before it starts");
    } else {
      if (!parse_part(c, i, item, m.first)) return false;
    }
    cover(info, m.first, first);
    first = false;
    if (m.run) cover(info, m.last, false);
    out.members.push_back(std::move(m));
    if (j == inner_end) break;
    i = j + 1;
  }
  if (out.earlier) {
    info.lower = info.cmp_lower = kUnboundedLow;
    info.lower_unbounded = true;
  }
  if (out.later) {
    info.upper = info.cmp_upper = kUnboundedHigh;
    info.upper_unbounded = true;
  }
  info.precision = Precision::Other;
  info.valid = true;
  return true;
}

}  // namespace

DateInfo parse_edtf_parts(std::string_view text, Calendar calendar, ParsedEdtf& out) {
  DateInfo info;
  info.precision = Precision::Other;
  Ctx c{text, calendar, info};
  if (text.empty()) {
    info.error = "empty date: type a date such as 1985-04-12, 1985-04 or 1985";
    return info;
  }
  if (text[0] == '[' || text[0] == '{') {
    if (text.find('/') != std::string_view::npos) {
      fail(c, "a set holds dates, not intervals; write a run as 1670..1672");
      return info;
    }
    if (!parse_set(c, text, out)) info.valid = false;
    return info;
  }
  const std::size_t slash = text.find('/');
  if (slash == std::string_view::npos) {
    if (text.size() == 2 && text[0] == '.' && text[1] == '.') {
      fail(c, "'..' (open) can only be an end of an interval, e.g. 1985/.. or ../1985");
      return info;
    }
    Part& p = out.start;
    if (!parse_part(c, 0, text, p)) return info;
    info.valid = true;
    take_bounds(info, p);
    info.uncertain = p.uncertain;
    info.approximate = p.approximate;
    info.precision = p.precision;
    return info;
  }
  info.interval = true;
  out.interval = true;
  out.shape = Shape::Interval;
  if (text.find('/', slash + 1) != std::string_view::npos) {
    fail(c, "an interval has one '/' (start/end)");
    return info;
  }
  Part& a = out.start;
  Part& b = out.end;
  if (!parse_end(c, 0, text.substr(0, slash), a)) return info;
  if (!parse_end(c, slash + 1, text.substr(slash + 1), b)) return info;
  if (a.kind == PartKind::Date && b.kind == PartKind::Date && b.cmp_upper < a.cmp_lower) {
    info.range_reversed = true;
    std::string r = "the end (";
    r += text.substr(slash + 1);
    r += ") is before the start (";
    r += text.substr(0, slash);
    r += ")";
    fail(c, r);
    return info;
  }
  info.valid = true;
  info.uncertain = a.uncertain || b.uncertain;
  info.approximate = a.approximate || b.approximate;
  info.precision = a.kind == PartKind::Date ? a.precision : Precision::Other;
  if (a.kind == PartKind::Date) {
    info.lower = a.lower;
    info.cmp_lower = a.cmp_lower;
  } else {  // open or unknown start (../.., /.. and / too: an interval with neither end known)
    info.lower = info.cmp_lower = kUnboundedLow;
    info.lower_unbounded = true;
  }
  if (b.kind == PartKind::Date) {
    info.upper = b.upper;
    info.cmp_upper = b.cmp_upper;
  } else {
    info.upper = info.cmp_upper = kUnboundedHigh;
    info.upper_unbounded = true;
  }
  if (info.lower > info.upper) {
    // Only possible with an approximate end ("1920~/1919"): not certainly reversed, so the span covers both ends.
    info.lower = b.lower < a.lower ? b.lower : a.lower;
    info.upper = a.upper > b.upper ? a.upper : b.upper;
    info.cmp_lower = b.cmp_lower < a.cmp_lower ? b.cmp_lower : a.cmp_lower;
    info.cmp_upper = a.cmp_upper > b.cmp_upper ? a.cmp_upper : b.cmp_upper;
  }
  return info;
}

}  // namespace detail

DateInfo parse_edtf(std::string_view text, Calendar calendar) {
  detail::ParsedEdtf parts;
  return detail::parse_edtf_parts(text, calendar, parts);
}

}  // namespace uch
