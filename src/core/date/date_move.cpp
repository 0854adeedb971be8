// Moving a stored date in time: see uchronia/date_move.hpp.
// A date is read as a template (its year, month and day digits, the qualifiers around each, a time
// kept as written); moving it writes the new calendar date's digits into the template's specified
// positions only, so precision, unspecified digits (196X, 1985-XX) and qualifiers survive as written.
#include "uchronia/date_move.hpp"

#include <algorithm>
#include <optional>

namespace uch {
namespace {

bool is_qualifier(char c) { return c == '?' || c == '~' || c == '%'; }
bool is_digit_or_x(char c) { return (c >= '0' && c <= '9') || c == 'X'; }

struct Field {
  std::string pre, digits, post;   // qualifiers before, the digits (0-9 or X), qualifiers after
  bool present = false;
};

struct DateTemplate {
  bool long_year = false;   // written "Y170000002"
  bool negative = false;
  Field year, month, day;
  std::string tail;         // a time ("T12:00:00Z"), kept as written
};

constexpr const char* kCannotMove = "this form of date cannot be moved on the timeline; edit it in the Entry panel";

std::optional<DateTemplate> read_template(std::string_view s) {
  DateTemplate t;
  std::size_t i = 0;
  auto qualifiers = [&](std::string& out) {
    while (i < s.size() && is_qualifier(s[i])) out += s[i++];
  };
  auto digits = [&](Field& f) {
    qualifiers(f.pre);
    while (i < s.size() && is_digit_or_x(s[i])) f.digits += s[i++];
    qualifiers(f.post);
    f.present = !f.digits.empty();
    return f.present;
  };
  qualifiers(t.year.pre);
  if (i < s.size() && s[i] == 'Y') t.long_year = true, ++i;
  if (i < s.size() && s[i] == '-') t.negative = true, ++i;
  std::string pre = std::move(t.year.pre);
  if (!digits(t.year)) return std::nullopt;
  t.year.pre = pre + t.year.pre;
  if (i < s.size() && s[i] == '-') {
    ++i;
    if (!digits(t.month)) return std::nullopt;
    if (i < s.size() && s[i] == '-') {
      ++i;
      if (!digits(t.day)) return std::nullopt;
      if (i < s.size() && s[i] == 'T') t.tail = std::string(s.substr(i)), i = s.size();
    }
  }
  if (i != s.size()) return std::nullopt;
  return t;
}

std::string write_field(const Field& f) { return f.pre + f.digits + f.post; }

std::string write_template(const DateTemplate& t) {
  std::string out;
  // a qualifier written before the year stays before the sign and the Y prefix
  out += t.year.pre;
  if (t.long_year) out += 'Y';
  if (t.negative) out += '-';
  out += t.year.digits + t.year.post;
  if (t.month.present) out += '-' + write_field(t.month);
  if (t.day.present) out += '-' + write_field(t.day);
  return out + t.tail;
}

std::string padded(std::int64_t value, std::size_t width) {
  std::string v = std::to_string(value);
  if (v.size() < width) v.insert(0, width - v.size(), '0');
  return v;
}

/// Writes `value` into the specified (non-X) positions of `digits`; false when it does not fit.
bool fill(std::string& digits, std::int64_t value) {
  const std::string v = padded(value, digits.size());
  if (v.size() != digits.size()) return false;
  for (std::size_t k = 0; k < digits.size(); ++k)
    if (digits[k] != 'X') digits[k] = v[k];
  return true;
}

bool set_year(DateTemplate& t, std::int64_t year) {
  const std::int64_t magnitude = year < 0 ? -year : year;
  const bool has_x = t.year.digits.find('X') != std::string::npos;
  t.negative = year < 0;
  if (has_x) return fill(t.year.digits, magnitude);
  const std::string v = padded(magnitude, 4);
  t.long_year = v.size() > 4;   // EDTF writes a year of more than four digits with the Y prefix
  t.year.digits = v;
  return true;
}

CivilDate civil_in(Calendar calendar, DayNumber day) {
  return calendar == Calendar::Julian ? julian_from_days(day) : civil_from_days(day);
}

std::optional<int> two_digit_value(const std::string& digits) {
  if (digits.size() != 2 || digits.find('X') != std::string::npos) return std::nullopt;
  return (digits[0] - '0') * 10 + (digits[1] - '0');
}

/// The season codes of one family (EDTF 21-24 seasons, level 2's hemispheres, quarters, ...).
std::pair<int, int> season_family(int code) {
  static const std::pair<int, int> families[] = {{21, 24}, {25, 28}, {29, 32}, {33, 36}, {37, 39}, {40, 41}};
  for (auto f : families)
    if (code >= f.first && code <= f.second) return f;
  return {code, code};
}

/// One dated part moved so that it holds `target`, at its own precision.
MovedDate part_holding(std::string_view part, Calendar calendar, DayNumber target) {
  MovedDate out;
  std::optional<DateTemplate> t = read_template(part);
  if (!t) {
    out.error = kCannotMove;
    return out;
  }
  const CivilDate c = civil_in(calendar, target);
  auto valid_holding = [&](const std::string& text) {
    const DateInfo info = parse_edtf(text, calendar);
    return info.valid && info.lower <= target && target <= info.upper;
  };
  const std::optional<int> month_code = t->month.present ? two_digit_value(t->month.digits) : std::nullopt;
  if (month_code && *month_code >= 21) {   // a season: the season of its family that holds the day
    const auto [first, last] = season_family(*month_code);
    for (std::int64_t y = c.year - 1; y <= c.year; ++y) {
      for (int code = first; code <= last; ++code) {
        DateTemplate candidate = *t;
        if (!set_year(candidate, y)) continue;
        candidate.month.digits = padded(code, 2);
        const std::string text = write_template(candidate);
        if (valid_holding(text)) return {true, text, {}};
      }
    }
    out.error = kCannotMove;
    return out;
  }
  DateTemplate moved = *t;
  if (!set_year(moved, c.year) || (moved.month.present && !fill(moved.month.digits, c.month)) ||
      (moved.day.present && !fill(moved.day.digits, c.day))) {
    out.error = "the date cannot be written that far away in this form";
    return out;
  }
  const std::string text = write_template(moved);
  if (!parse_edtf(text, calendar).valid) {
    out.error = kCannotMove;
    return out;
  }
  return {true, text, {}};
}

struct Sides {
  std::string_view start, end;
  bool interval = false;
};

Sides split(std::string_view stored) {
  const std::size_t slash = stored.find('/');
  if (slash == std::string_view::npos) return {stored, {}, false};
  return {stored.substr(0, slash), stored.substr(slash + 1), true};
}

bool dated(std::string_view side) { return !side.empty() && side != ".."; }

/// The side's own bounds (parsed alone).
DateInfo side_info(std::string_view side, Calendar calendar) { return parse_edtf(side, calendar); }

MovedDate checked(std::string text, Calendar calendar) {
  const DateInfo info = parse_edtf(text, calendar);
  if (!info.valid) return {false, {}, info.error.empty() ? kCannotMove : info.error};
  return {true, std::move(text), {}};
}

MovedDate refuse(std::string why) { return {false, {}, std::move(why)}; }

// Far enough for any date a day number holds without overflowing the calendar arithmetic.
constexpr DayNumber kFarthest = DayNumber{1} << 50;

}  // namespace

MovedDate date_moved_by(std::string_view stored, Calendar calendar, DayNumber days) {
  const DateInfo whole = parse_edtf(stored, calendar);
  if (stored.empty()) return refuse("an undated entry has no date to move");
  if (!whole.valid) return refuse("the date is not valid: " + whole.error);
  if (days == 0) return {true, std::string(stored), {}};
  if (days > kFarthest || days < -kFarthest) return refuse("the date cannot be moved that far");
  const Sides s = split(stored);
  auto moved = [&](std::string_view side) -> MovedDate {
    if (!dated(side)) return {true, std::string(side), {}};   // open or unknown: stays so
    const DateInfo info = side_info(side, calendar);
    if (!info.valid) return refuse(kCannotMove);
    const DayNumber middle = info.lower + (info.upper - info.lower) / 2;
    return part_holding(side, calendar, middle + days);
  };
  MovedDate start = moved(s.start);
  if (!start.ok || !s.interval) return start.ok ? checked(std::move(start.stored), calendar) : start;
  MovedDate finish = moved(s.end);
  if (!finish.ok) return finish;
  std::string out = start.stored + "/" + finish.stored;
  return checked(std::move(out), calendar);
}

MovedDate interval_end_moved_to(std::string_view stored, Calendar calendar, IntervalEnd end, DayNumber day) {
  const DateInfo whole = parse_edtf(stored, calendar);
  if (!whole.valid) return refuse(stored.empty() ? "an undated entry has no date to move" : "the date is not valid: " + whole.error);
  const Sides s = split(stored);
  if (!s.interval) return refuse("the date is not an interval: it has no ends to move");
  const std::string_view mine = end == IntervalEnd::Start ? s.start : s.end;
  const std::string_view other = end == IntervalEnd::Start ? s.end : s.start;
  if (!dated(mine)) return refuse(mine.empty() ? "an unknown end has no date to move" : "an open end has no date to move");
  day = std::clamp(day, -kFarthest, kFarthest);
  if (dated(other)) {   // an end never passes the other one
    const DateInfo o = side_info(other, calendar);
    if (end == IntervalEnd::Start) day = std::min(day, o.upper);
    else day = std::max(day, o.lower);
  }
  MovedDate part = part_holding(mine, calendar, day);
  if (!part.ok) return part;
  std::string out = end == IntervalEnd::Start ? part.stored + "/" + std::string(s.end) : std::string(s.start) + "/" + part.stored;
  return checked(std::move(out), calendar);
}

}  // namespace uch
