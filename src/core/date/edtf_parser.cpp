// EDTF level 0/1 parser: one hand-written pass per date, bounds as day numbers, strict validity, clear errors.
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

bool level2(Ctx& c, std::string_view what) {
  std::string r = "EDTF level 2 (";
  r += what;
  r += ") is not supported yet";
  return fail(c, r);
}

// An unexpected character at absolute position `pos` (0-based) of the input.
bool unexpected(Ctx& c, std::size_t pos) {
  const char ch = c.input[pos];
  switch (ch) {
    case '{': case '}': case '[': case ']': case ',':
      return level2(c, "sets [...] and lists {...}");
    case '?': case '~': case '%':
      return level2(c, "qualifiers on individual components; level 1 puts one qualifier at the end of a date");
    case 'S':
      return level2(c, "significant digits, e.g. 1950S2");
    case 'E':
      return level2(c, "exponential years, e.g. Y-17E7");
    default: break;
  }
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

// Fills lower/upper/cmp bounds and precision of a parsed date part.
void compute_bounds(Part& p, Calendar cal) {
  std::int64_t y0 = p.year, y1 = p.year;
  if (p.year_x) {
    const std::int64_t span = p.year_x == 1 ? 9 : 99;
    if (p.negative) y0 -= span; else y1 += span;
  }
  int m0 = 1, m1 = 12;
  int unit = 12;  // months widened on each side when approximate; 0 = one day
  if (p.month >= 21) {
    unit = 3;
    p.precision = Precision::Season;
    switch (p.month) {
      case 21: m0 = 3; m1 = 5; break;
      case 22: m0 = 6; m1 = 8; break;
      case 23: m0 = 9; m1 = 11; break;
      default: m0 = 12; m1 = 2; y1 = y0 + 1; break;
    }
  } else if (p.month != 0 && !p.month_x) {
    m0 = m1 = p.month;
    unit = 1;
    p.precision = Precision::Month;
  } else if (p.year_x == 1) {
    unit = 120;
    p.precision = Precision::Decade;
  } else if (p.year_x == 2) {
    unit = 1200;
    p.precision = Precision::Century;
  } else {
    p.precision = Precision::Year;
  }
  int d0 = 1, d1 = month_length(y1, m1, cal);
  if (p.day != 0 && !p.day_x) {
    d0 = d1 = p.day;
    unit = 0;
    p.precision = Precision::Day;
  }
  p.lower = cal_days(cal, y0, m0, d0);
  p.upper = cal_days(cal, y1, m1, d1);
  if (!p.approximate) {
    p.cmp_lower = p.lower;
    p.cmp_upper = p.upper;
  } else if (unit == 0) {
    p.cmp_lower = p.lower - 1;
    p.cmp_upper = p.upper + 1;
  } else {
    std::int64_t t = y0 * 12 + (m0 - 1) - unit;
    std::int64_t y = floor_div(t, 12);
    int m = static_cast<int>(t - y * 12) + 1;
    p.cmp_lower = cal_days(cal, y, m, 1);
    t = y1 * 12 + (m1 - 1) + unit;
    y = floor_div(t, 12);
    m = static_cast<int>(t - y * 12) + 1;
    p.cmp_upper = cal_days(cal, y, m, month_length(y, m, cal));
  }
}

std::string year_text(const Part& p) { return edtf_year(p.year); }

// hh:mm:ss then optional Z or +hh / +hh:mm; `i` is just after 'T'.
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
    if (!two(i + 1, oh)) return fail(c, "a time offset is written +hh or +hh:mm, e.g. +01:00");
    i += 3;
    if (i < n) {
      if (s[i] != ':' || !two(i + 1, om) || i + 3 != n)
        return fail(c, "a time offset is written +hh or +hh:mm, e.g. +01:00");
      i += 3;
    }
    if (oh > 23 || om > 59)
      return fail(c, std::string("there is no time offset ") + sign + two_digits(oh) + ":" + two_digits(om));
    return true;
  }
  return unexpected(c, off + i);
}

bool parse_long_year(Ctx& c, std::size_t off, std::string_view s, std::size_t n, Part& p) {
  std::size_t i = 1;
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
  const std::size_t len = i - ds;
  if (i < n) {
    if (s[i] == '-' && len > 0) return fail(c, "a long year (Y...) has no month or day in EDTF level 1");
    return unexpected(c, off + i);
  }
  if (len == 0) return fail(c, "expected the digits of a year after 'Y'");
  if (len > static_cast<std::size_t>(kMaxYearDigits))
    return fail(c, "the year is too large (at most " + std::to_string(kMaxYearDigits) + " digits)");
  if (v <= 9999) return fail(c, "the Y prefix is for years of more than four digits; write " + edtf_year(p.negative ? -v : v));
  p.long_year = true;
  p.year = p.negative ? -v : v;
  return true;
}

// One date: `s` is a piece of the input starting at absolute offset `off`.
bool parse_part(Ctx& c, std::size_t off, std::string_view s, Part& p) {
  std::size_t n = s.size();
  if (is_qual(s[n - 1])) {
    const char q = s[n - 1];
    if (n >= 2 && is_qual(s[n - 2])) return level2(c, "several qualifiers on one date");
    p.uncertain = q == '?' || q == '%';
    p.approximate = q == '~' || q == '%';
    --n;
    if (n == 0) return fail(c, "a qualifier needs a date before it");
  }
  std::size_t i = 0;
  if (s[0] == 'Y') {
    if (!parse_long_year(c, off, s, n, p)) return false;
    compute_bounds(p, c.cal);
    return true;
  }
  if (s[0] == '-') {
    p.negative = true;
    i = 1;
  }
  // Year: four digits, the last one or two may be X.
  const std::size_t ys = i;
  std::int64_t y = 0;
  int xs = 0;
  bool x_inside = false;
  while (i < n && is_digit_or_x(s[i])) {
    if (s[i] == 'X') {
      ++xs;
      y = y * 10;
    } else {
      if (xs) x_inside = true;
      y = y * 10 + (s[i] - '0');
    }
    ++i;
    if (i - ys >= 18) break;  // 18 digits at most: 19 would overflow int64 (fuzz finding)
  }
  const std::size_t ylen = i - ys;
  if (ylen == 0) {
    if (i < n) return unexpected(c, off + i);
    return fail(c, "expected a year");
  }
  if (ylen != 4) {
    if (ylen > 4 && xs == 0)
      return fail(c, "a year of more than four digits is written with the Y prefix, e.g. Y" +
                         std::string(p.negative ? "-" : "") + std::string(s.substr(ys, ylen)));
    if (ylen < 4 && xs == 0) {
      std::string padded(4 - ylen, '0');
      padded += s.substr(ys, ylen);
      return fail(c, "a year has four digits, e.g. " + std::string(p.negative ? "-" : "") + padded);
    }
    return fail(c, "a year has four digits");
  }
  if (x_inside || xs > 2)
    return level2(c, "unspecified digits in this position; level 1 allows 201X, 20XX, 1985-XX, 1985-04-XX, 1985-XX-XX");
  p.year_x = static_cast<std::uint8_t>(xs);
  p.year = p.negative ? -y : y;
  if (p.negative && y == 0 && xs == 0) return fail(c, "there is no year -0000; year zero (1 BC) is written 0000");
  if (i < n) {
    if (s[i] != '-') {
      if (s[i] == 'T') return fail(c, "a time needs a full date (year, month and day)");
      return unexpected(c, off + i);
    }
    ++i;
    // Month (or season).
    const std::size_t ms = i;
    while (i < n && is_digit_or_x(s[i]) && i - ms < 3) ++i;
    const std::size_t mlen = i - ms;
    if (mlen == 0) {
      if (i < n) return unexpected(c, off + i);
      return fail(c, "expected a month after '-'");
    }
    if (mlen != 2) return fail(c, "a month has two digits, e.g. 04");
    if (xs) return level2(c, "unspecified year digits followed by a month or day");
    const char a = s[ms], b = s[ms + 1];
    if (a == 'X' && b == 'X') {
      p.month_x = true;
    } else if (a == 'X' || b == 'X') {
      return level2(c, "unspecified digits in this position; level 1 allows 201X, 20XX, 1985-XX, 1985-04-XX, 1985-XX-XX");
    } else {
      const int mv = (a - '0') * 10 + (b - '0');
      if (mv >= 25 && mv <= 41) return level2(c, "seasons 25-41");
      if (mv == 0 || (mv > 12 && mv < 21) || mv > 41) return fail(c, "there is no month " + two_digits(mv));
      p.month = mv;
    }
    if (i < n) {
      if (s[i] != '-') {
        if (s[i] == 'T') return fail(c, "a time needs a full date (year, month and day)");
        return unexpected(c, off + i);
      }
      if (p.month >= 21) return fail(c, "a season has no day");
      ++i;
      const std::size_t ds = i;
      while (i < n && is_digit_or_x(s[i]) && i - ds < 3) ++i;
      const std::size_t dlen = i - ds;
      if (dlen == 0) {
        if (i < n) return unexpected(c, off + i);
        return fail(c, "expected a day after '-'");
      }
      if (dlen != 2) return fail(c, "a day has two digits, e.g. 07");
      const char da = s[ds], db = s[ds + 1];
      if (da == 'X' && db == 'X') {
        p.day_x = true;
      } else if (da == 'X' || db == 'X') {
        return level2(c, "unspecified digits in this position; level 1 allows 201X, 20XX, 1985-XX, 1985-04-XX, 1985-XX-XX");
      } else {
        if (p.month_x) return level2(c, "an unspecified month with a known day");
        const int dv = (da - '0') * 10 + (db - '0');
        if (dv == 0) return fail(c, "there is no day 0");
        const int len = month_length(p.year, p.month, c.cal);
        if (dv > len) {
          std::string r = month_name(p.month);
          r += ' ';
          r += year_text(p);
          r += " has ";
          r += std::to_string(len);
          r += " days";
          if (c.cal == Calendar::Julian) r += " in the Julian calendar";
          return fail(c, r);
        }
        p.day = dv;
      }
      if (i < n) {
        if (s[i] != 'T') return unexpected(c, off + i);
        if (p.day_x) return fail(c, "a time needs a full date (year, month and day)");
        if (n != s.size()) return fail(c, "a date-time cannot carry a qualifier (?, ~, %)");
        if (!parse_time(c, off, s, i + 1)) return false;
        p.has_time = true;
      }
    }
  }
  compute_bounds(p, c.cal);
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
    level2(c, "sets [...] and lists {...}");
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
    info.lower = info.cmp_lower = p.lower;
    info.upper = info.cmp_upper = p.upper;
    if (p.approximate) {
      info.cmp_lower = p.cmp_lower;
      info.cmp_upper = p.cmp_upper;
    }
    info.uncertain = p.uncertain;
    info.approximate = p.approximate;
    info.precision = p.precision;
    return info;
  }
  info.interval = true;
  out.interval = true;
  if (text.find('/', slash + 1) != std::string_view::npos) {
    fail(c, "an interval has one '/' (start/end)");
    return info;
  }
  Part& a = out.start;
  Part& b = out.end;
  if (!parse_end(c, 0, text.substr(0, slash), a)) return info;
  if (!parse_end(c, slash + 1, text.substr(slash + 1), b)) return info;
  if (a.kind != PartKind::Date && b.kind != PartKind::Date) {
    fail(c, "an interval needs at least one date");
    return info;
  }
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
  } else {
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
