// Human display of EDTF dates in English ("26 June 1907", "c. 1920", "the 1910s", "480 BC", Old Style dual dates).
//
// Choices where the contract is silent:
// - Years 1..999 AD are written "AD 14" (a bare "14" reads as a number); year 0 is "1 BC", -0479 is "480 BC";
//   years past 9999 get thousands separators ("170,000,002", "170,000,003 BC").
// - 191X is "the 1910s"; 19XX is "the 20th century" (EDTF means 1900-1999, the display follows common usage
//   rather than the strict 1901-2000); -04XX is "the 5th century BC" (500-401 BC, exact); decades below
//   AD 1000 are "the AD 140s"; decades BC and 000X are shown as the exact range ("480–471 BC").
// - 1985-XX is "1985 (month unknown)", 1985-04-XX "April 1985 (day unknown)", 1985-XX-XX
//   "1985 (month and day unknown)".
// - Winter spans two years: 1920-24 is "winter 1920–21".
// - Approximate is "c. 1920" ("about the 1910s" before "the"); uncertain is "1920?"; both "c. 1920?".
// - Intervals: "1917–1922" (en dash, unspaced when both ends are one word, else " – "); two bare BC years
//   share the era ("480–400 BC"), likewise AD ("AD 14–30"); open ends "from 1985" / "until 1985";
//   unknown ends "1985 – unknown" / "unknown – 1985".
// - Julian (Old Style): days are dual dates, Julian first and Gregorian in brackets: "25 October [7 November] 1917",
//   "1 [14] March 1918" (same month), "25 December 1917 [7 January 1918]" (other year); any other precision
//   is written in the Julian calendar with " (Old Style)" appended once to the whole display.
#include <string>
#include <vector>

#include "date_internal.hpp"

namespace uch {
namespace {

using detail::Part;
using detail::PartKind;

constexpr const char* kEnDash = "\xE2\x80\x93";

std::string grouped(std::uint64_t n) {
  std::string digits = std::to_string(n);
  if (n < 10000) return digits;
  std::string out;
  const std::size_t len = digits.size();
  for (std::size_t i = 0; i < len; ++i) {
    if (i && (len - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return out;
}

std::uint64_t abs_u(std::int64_t v) { return v < 0 ? 0 - static_cast<std::uint64_t>(v) : static_cast<std::uint64_t>(v); }

std::string human_year(std::int64_t y) {
  if (y >= 1000) return grouped(static_cast<std::uint64_t>(y));
  if (y >= 1) return "AD " + std::to_string(y);
  return grouped(abs_u(y) + 1) + " BC";
}

std::string ordinal(std::uint64_t k) {
  std::string s = std::to_string(k);
  const std::uint64_t t = k % 100;
  if (t >= 11 && t <= 13) return s + "th";
  switch (k % 10) {
    case 1: return s + "st";
    case 2: return s + "nd";
    case 3: return s + "rd";
    default: return s + "th";
  }
}

bool mask_fits(std::string_view mask, int v) {
  return (mask[0] == 'X' || mask[0] - '0' == v / 10) && (mask[1] == 'X' || mask[1] - '0' == v % 10);
}

bool one_word(const std::string& s) { return s.find(' ') == std::string::npos; }

// "480 BC" + "400 BC" -> "480–400 BC"; "AD 14" + "AD 30" -> "AD 14–30"; otherwise joined by an en dash.
std::string join_range(const std::string& a, const std::string& b) {
  auto ends_bc = [](const std::string& s) { return s.size() > 3 && s.compare(s.size() - 3, 3, " BC") == 0; };
  auto starts_ad = [](const std::string& s) { return s.size() > 3 && s.compare(0, 3, "AD ") == 0; };
  if (ends_bc(a) && ends_bc(b) && one_word(a.substr(0, a.size() - 3)) && one_word(b.substr(0, b.size() - 3)))
    return a.substr(0, a.size() - 3) + kEnDash + b;
  if (starts_ad(a) && starts_ad(b) && one_word(a.substr(3)) && one_word(b.substr(3))) return a + kEnDash + b.substr(3);
  if (one_word(a) && one_word(b)) return a + kEnDash + b;
  return a + " " + kEnDash + " " + b;
}

std::string winter_years(std::int64_t y) {
  const std::int64_t n = y + 1;
  if (y >= 1000 && y / 100 == n / 100) return human_year(y) + kEnDash + detail::two_digits(static_cast<int>(n % 100));
  return join_range(human_year(y), human_year(n));
}

// Level 2 divisions of a year, 25-41: "spring 2001 (northern hemisphere)", "second quarter of 2001".
std::string division_text(const Part& p) {
  const int code = p.month;
  static const char* const kNth[] = {"first", "second", "third", "fourth"};
  if (code >= 33 && code <= 36) return std::string(kNth[code - 33]) + " quarter of " + human_year(p.year);
  if (code >= 40) return std::string(kNth[code - 40]) + " half of " + human_year(p.year);
  if (code >= 37) {
    static const char* const kQuad[] = {"January", "May", "September"};
    static const char* const kQuadEnd[] = {"April", "August", "December"};
    return std::string(kQuad[code - 37]) + kEnDash + kQuadEnd[code - 37] + " " + human_year(p.year);
  }
  static const char* const kSeason[] = {"spring", "summer", "autumn", "winter"};
  const bool south = code >= 29;
  const int k = (code - 25) % 4;
  const bool crosses = (!south && k == 3) || (south && k == 1);
  return std::string(kSeason[k]) + " " + (crosses ? winter_years(p.year) : human_year(p.year)) +
         (south ? " (southern hemisphere)" : " (northern hemisphere)");
}

// "October, November or December".
std::string or_list(const std::vector<std::string>& items, const char* last_joint = " or ") {
  std::string out;
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i) out += i + 1 == items.size() ? last_joint : ", ";
    out += items[i];
  }
  return out;
}

// A year with unspecified digits: "the 1560s", "the 16th century", "1000–1999", "an unknown year", "a year 19X5".
std::string masked_year(const Part& p) {
  const std::string& m = p.year_mask;
  const std::size_t first_x = m.find('X');
  const bool from_right = m.find_first_not_of('X', first_x) == std::string::npos;
  const std::size_t xs = 4 - first_x;
  if (from_right && xs == 4) return p.negative ? "an unknown year BC" : "an unknown year";
  if (from_right && xs == 3) {
    std::int64_t lo = p.year, hi = p.year + 999;
    if (p.negative) { lo = p.year - 999; hi = p.year; }
    return "a year " + join_range(human_year(lo), human_year(hi));
  }
  if (from_right && xs == 2) return "the " + ordinal(abs_u(p.year) / 100 + 1) + " century" + (p.negative ? " BC" : "");
  if (from_right && xs == 1 && !p.negative && p.year >= 1000) return "the " + grouped(static_cast<std::uint64_t>(p.year)) + "s";
  return std::string("a year ") + (p.negative ? "-" : "") + m;
}

// Dates with unspecified digits outside level 1's places: "25 December in the 1560s", "October, November or
// December 1984", "a day 3X of December 2004".
std::string masked_text(const Part& p) {
  std::string day, month, year;
  if (!p.day_mask.empty() && !p.day_x) day = "day " + p.day_mask + " of";
  else if (p.day) day = std::to_string(p.day);
  if (!p.month_mask.empty() && !p.month_x) {
    std::vector<std::string> names;
    for (int m = 1; m <= 12; ++m)
      if (mask_fits(p.month_mask, m)) names.emplace_back(detail::month_name(m));
    month = or_list(names);
  } else if (p.month >= 1 && p.month <= 12) {
    month = detail::month_name(p.month);
  } else if (p.month_x && p.day) {
    day = "day " + std::to_string(p.day) + " of";
    month = "an unknown month of";
  }
  const bool year_phrase = !p.year_mask.empty();
  year = year_phrase ? masked_year(p) : human_year(p.year);
  std::string out = day;
  if (!month.empty()) out += (out.empty() ? "" : " ") + month;
  if (out.empty()) return year + (p.month_x ? (p.day_x ? " (month and day unknown)" : " (month unknown)") : "");
  if (p.month_x && p.day) return out + " " + year;
  const bool phrase = year.compare(0, 4, "the ") == 0 || year.compare(0, 3, "an ") == 0 || year.compare(0, 2, "a ") == 0;
  out += (phrase ? " in " : (year_phrase ? ", " : " ")) + year;
  if (p.day_x && !p.month_x) out += " (day unknown)";
  return out;
}

// The display of one date, without qualifiers; `dual` is set when a Julian day is shown as a dual date.
std::string core_text(const Part& p, Calendar cal, bool& dual) {
  if (p.significant) {
    const std::string est = p.long_year ? human_year(p.year) : human_year(p.year);
    return "some year " + join_range(human_year(p.sig_low), human_year(p.sig_high)) + " (estimated " + est + ")";
  }
  if (p.month >= 25) return division_text(p);
  if (p.l2 && (!p.year_mask.empty() || !p.month_mask.empty() || !p.day_mask.empty() || (p.month_x && p.day)))
    return masked_text(p);
  if (p.year_x == 1) {
    if (!p.negative && p.year >= 1000) return "the " + grouped(static_cast<std::uint64_t>(p.year)) + "s";
    if (!p.negative && p.year >= 10) return "the AD " + std::to_string(p.year) + "s";
    const std::int64_t y0 = p.negative ? p.year - 9 : p.year;
    return join_range(human_year(y0), human_year(y0 + 9));
  }
  if (p.year_x == 2) {
    const std::uint64_t k = abs_u(p.year) / 100 + 1;
    return "the " + ordinal(k) + " century" + (p.negative ? " BC" : "");
  }
  if (p.month >= 21) {
    if (p.month == 24) return std::string("winter ") + winter_years(p.year);
    return std::string(detail::season_name(p.month)) + " " + human_year(p.year);
  }
  if (p.month == 0 || p.month_x) {
    std::string s = human_year(p.year);
    if (p.month_x) s += p.day_x ? " (month and day unknown)" : " (month unknown)";
    return s;
  }
  if (p.day == 0 || p.day_x) {
    std::string s = std::string(detail::month_name(p.month)) + " " + human_year(p.year);
    if (p.day_x) s += " (day unknown)";
    return s;
  }
  const std::string day = std::to_string(p.day);
  if (cal == Calendar::Julian) {
    dual = true;
    const CivilDate g = civil_from_days(p.lower);
    const std::string gday = std::to_string(g.day);
    if (g.year == p.year && g.month == p.month)
      return day + " [" + gday + "] " + detail::month_name(p.month) + " " + human_year(p.year);
    if (g.year == p.year)
      return day + " " + detail::month_name(p.month) + " [" + gday + " " + detail::month_name(g.month) + "] " +
             human_year(p.year);
    return day + " " + detail::month_name(p.month) + " " + human_year(p.year) + " [" + gday + " " +
           detail::month_name(g.month) + " " + human_year(g.year) + "]";
  }
  return day + " " + detail::month_name(p.month) + " " + human_year(p.year);
}

// "(year uncertain, day approximate)" for qualifiers on single components (level 2).
std::string component_notes(const Part& p) {
  static const char* const kComp[] = {"year", "month", "day"};
  std::vector<std::string> notes;
  for (int k = 0; k < 3; ++k) {
    const std::uint8_t q = p.qual[k];
    if (!q) continue;
    std::string n = kComp[k];
    n += q == (detail::kUncertain | detail::kApproximate) ? " uncertain and approximate"
         : q == detail::kUncertain                         ? " uncertain"
                                                           : " approximate";
    notes.push_back(n);
  }
  return " (" + or_list(notes, ", ") + ")";
}

// Level 1 puts one qualifier on the whole date; level 2 may qualify components apart.
bool whole_date_qualified(const Part& p) {
  const int comps = p.day || p.day_x || !p.day_mask.empty() ? 3 : (p.month || p.month_x || !p.month_mask.empty()) ? 2 : 1;
  for (int k = 1; k < comps; ++k)
    if (p.qual[k] != p.qual[0]) return false;
  return true;
}

std::string part_text(const Part& p, Calendar cal, bool& all_dual) {
  bool dual = false;
  std::string s = core_text(p, cal, dual);
  if (!dual) all_dual = false;
  if (!whole_date_qualified(p)) return s + component_notes(p);
  if (p.approximate) s = (s.compare(0, 4, "the ") == 0 ? "about " : "c. ") + s;
  if (p.uncertain) s += '?';
  return s;
}

}  // namespace

std::string format_human(std::string_view edtf, Calendar calendar) {
  detail::ParsedEdtf parts;
  const DateInfo info = detail::parse_edtf_parts(edtf, calendar, parts);
  if (!info.valid) return std::string(edtf);
  bool all_dual = true;
  std::string out;
  if (parts.shape == detail::Shape::OneOf || parts.shape == detail::Shape::AllOf) {
    // "1667, 1668 or 1670–1672", "1960 and December 1961", "1984 or earlier".
    const bool one_of = parts.shape == detail::Shape::OneOf;
    std::vector<std::string> items;
    for (std::size_t i = 0; i < parts.members.size(); ++i) {
      const detail::SetMember& m = parts.members[i];
      std::string t = part_text(m.first, calendar, all_dual);
      if (m.run) t = join_range(t, part_text(m.last, calendar, all_dual));
      if (i == 0 && parts.earlier) t += " or earlier";
      if (i + 1 == parts.members.size() && parts.later) t += " or later";
      items.push_back(std::move(t));
    }
    if (!one_of && parts.earlier) items.front().replace(items.front().size() - 11, 11, " and earlier");
    if (!one_of && parts.later) items.back().replace(items.back().size() - 9, 9, " and later");
    out = or_list(items, one_of ? " or " : " and ");
  } else if (!parts.interval) {
    out = part_text(parts.start, calendar, all_dual);
  } else {
    const Part& a = parts.start;
    const Part& b = parts.end;
    if (a.kind == PartKind::Open) {
      out = "until " + part_text(b, calendar, all_dual);
    } else if (a.kind == PartKind::Unknown) {
      out = std::string("unknown ") + kEnDash + " " + part_text(b, calendar, all_dual);
    } else if (b.kind == PartKind::Open) {
      out = "from " + part_text(a, calendar, all_dual);
    } else if (b.kind == PartKind::Unknown) {
      out = part_text(a, calendar, all_dual) + " " + kEnDash + " unknown";
    } else {
      const std::string sa = part_text(a, calendar, all_dual);
      out = join_range(sa, part_text(b, calendar, all_dual));
    }
  }
  if (calendar == Calendar::Julian && !all_dual) out += " (Old Style)";
  return out;
}

}  // namespace uch
