// Reads the dates writers type ("26 June 1907", "c. 1920", "early 1922", "480 BC", "25 October 1917 OS") into EDTF.
//
// Beyond the forms in the brief it reads back what format_human writes ("the 1910s", "the 20th century",
// "winter 1920–21", "from 1985", "until 1985", "1985 – unknown", "25 October [7 November] 1917",
// "October 1917 (Old Style)", "April 1985 (day unknown)"), "26–28 June 1907", "June–August 1920",
// "between X and Y", "from X to Y", "since X", "early/mid/late" of a decade or a month, and numeric dates
// that only one reading makes valid ("26/06/1907"). Anything two readings make valid is refused.
#include <cctype>
#include <string>
#include <vector>

#include "date_internal.hpp"
#include "feasts.hpp"

namespace uch {
namespace {

using detail::Part;
using detail::PartKind;

enum class R { NoMatch, Ok, Error };

std::string_view trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

bool starts_with(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }
bool ends_with(std::string_view s, std::string_view p) {
  return s.size() >= p.size() && s.substr(s.size() - p.size()) == p;
}
bool all_digits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s)
    if (c < '0' || c > '9') return false;
  return true;
}

std::string upper_ascii(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  return out;
}

// Lower-case ASCII, en/em dashes and spaced hyphens become " to ", runs of spaces collapse.
std::string normalise(std::string_view s) {
  std::string t;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    if (c == 0xE2 && i + 2 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0x80 &&
        (static_cast<unsigned char>(s[i + 2]) == 0x93 || static_cast<unsigned char>(s[i + 2]) == 0x94)) {
      t += " to ";
      i += 2;
    } else if (std::isspace(c)) {
      t += ' ';
    } else {
      t += static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    }
  }
  std::string out;
  for (std::size_t i = 0; i < t.size(); ++i) {
    if (t[i] == ' ' && (out.empty() || out.back() == ' ')) continue;
    out += t[i];
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  std::string r;  // " - " -> " to "
  for (std::size_t i = 0; i < out.size(); ++i) {
    if (out[i] == '-' && i > 0 && out[i - 1] == ' ' && i + 1 < out.size() && out[i + 1] == ' ') {
      r += "to";
      continue;
    }
    r += out[i];
  }
  return r;
}

bool strip_prefix(std::string_view& s, std::string_view p) {
  if (!starts_with(s, p)) return false;
  s.remove_prefix(p.size());
  s = trim(s);
  return true;
}
bool strip_suffix(std::string_view& s, std::string_view p) {
  if (!ends_with(s, p)) return false;
  s.remove_suffix(p.size());
  s = trim(s);
  return true;
}

int month_from_word(std::string_view w) {
  if (!w.empty() && w.back() == '.') w.remove_suffix(1);
  static const char* const kFull[12] = {"january", "february", "march",     "april",   "may",      "june",
                                        "july",    "august",   "september", "october", "november", "december"};
  for (int m = 0; m < 12; ++m) {
    const std::string_view full = kFull[m];
    if (w == full || (w.size() == 3 && full.substr(0, 3) == w)) return m + 1;
  }
  if (w == "sept") return 9;
  return 0;
}

int season_from_word(std::string_view w) {
  if (w == "spring") return 21;
  if (w == "summer") return 22;
  if (w == "autumn" || w == "fall") return 23;
  if (w == "winter") return 24;
  return 0;
}

enum class Era { None, AD, BC };
Era era_from_word(std::string_view w) {
  if (w == "bc" || w == "bce" || w == "b.c" || w == "b.c." || w == "b.c.e" || w == "b.c.e.") return Era::BC;
  if (w == "ad" || w == "ce" || w == "a.d" || w == "a.d." || w == "c.e" || w == "c.e.") return Era::AD;
  return Era::None;
}

// A number token: plain digits, digits with thousands separators ("170,000,002"), or an ordinal ("26th").
bool number_token(std::string_view w, std::uint64_t& v, bool& ordinal, std::size_t& digits) {
  ordinal = false;
  if (w.size() > 2 && (ends_with(w, "st") || ends_with(w, "nd") || ends_with(w, "rd") || ends_with(w, "th"))) {
    if (!all_digits(w.substr(0, w.size() - 2))) return false;
    w.remove_suffix(2);
    ordinal = true;
  }
  v = 0;
  digits = 0;
  std::size_t group = 0;
  bool commas = false;
  for (std::size_t i = 0; i < w.size(); ++i) {
    const char c = w[i];
    if (c == ',') {
      if (i == 0 || (commas && group != 3) || (!commas && group > 3)) return false;
      commas = true;
      group = 0;
      continue;
    }
    if (c < '0' || c > '9') return false;
    if (digits >= 18) return false;
    v = v * 10 + static_cast<std::uint64_t>(c - '0');
    ++digits;
    ++group;
  }
  if (digits == 0 || (commas && group != 3) || (commas && ordinal)) return false;
  return true;
}

// Components of one date as written, before they become EDTF.
/// The words of a text separated by single spaces (the input is already normalised).
std::vector<std::string_view> split_spaces(std::string_view s) {
  std::vector<std::string_view> out;
  for (std::size_t i = 0; i < s.size();) {
    std::size_t j = s.find(' ', i);
    if (j == std::string_view::npos) j = s.size();
    out.push_back(s.substr(i, j - i));
    i = j + 1;
  }
  return out;
}

struct Comp {
  bool has_year = false;
  std::int64_t year = 0;
  int month = 0;  // 1..12 or 21..24
  int day = 0;
  bool has_day = false;  // a day was written (even 0, so that validation names it)
  bool month_x = false, day_x = false;
};

std::string core_from(const Comp& c) {
  std::string s = detail::edtf_year(c.year);
  if (c.month || c.month_x) s += "-" + (c.month_x ? std::string("XX") : detail::two_digits(c.month));
  if (c.day || c.has_day || c.day_x) s += "-" + (c.day_x ? std::string("XX") : detail::two_digits(c.day));
  return s;
}

// Everything one call of parse_natural shares.
struct Reader {
  std::string original;  // trimmed input, for messages
  Calendar cal = Calendar::Gregorian;
  std::string error;
  bool reversed = false;  // the last validation failed because the interval runs backwards

  R err(std::string_view reason) {
    error = original;
    error += ": ";
    error += reason;
    return R::Error;
  }
  R err_full(std::string msg) {
    error = std::move(msg);
    return R::Error;
  }

  // Validates an EDTF string built from the text; on failure the message names the original text.
  R validate(const std::string& edtf, detail::ParsedEdtf* parts = nullptr, DateInfo* out = nullptr) {
    detail::ParsedEdtf local;
    const DateInfo info = detail::parse_edtf_parts(edtf, cal, parts ? *parts : local);
    if (out) *out = info;
    if (info.valid) return R::Ok;
    reversed = info.range_reversed;
    std::string_view reason = info.error;
    if (starts_with(reason, edtf) && reason.substr(edtf.size(), 2) == ": ") reason.remove_prefix(edtf.size() + 2);
    return err(reason);
  }

  // Year words: "1907", "480 bc", "ad 14", "14 ce", "170,000,002". Consumes tokens from `i`.
  R year_words(const std::vector<std::string_view>& t, std::size_t& i, std::int64_t& year) {
    Era era = Era::None;
    if (i < t.size() && era_from_word(t[i]) == Era::AD && t[i].substr(0, 1) == "a") {
      era = Era::AD;
      ++i;
    }
    std::uint64_t v;
    bool ord;
    std::size_t digits;
    if (i >= t.size() || !number_token(t[i], v, ord, digits) || ord) return R::NoMatch;
    ++i;
    if (era == Era::None && i < t.size() && era_from_word(t[i]) != Era::None) {
      era = era_from_word(t[i]);
      ++i;
    }
    if (digits > static_cast<std::size_t>(detail::kMaxYearDigits)) return err("the year is too large");
    const auto n = static_cast<std::int64_t>(v);
    if (era == Era::BC) {
      if (n == 0) return err("there is no year 0 BC (1 BC is followed by AD 1)");
      year = 1 - n;
    } else if (era == Era::AD) {
      if (n == 0) return err("there is no year AD 0 (1 BC is followed by AD 1)");
      year = n;
    } else {
      // Five digits or more only with an era or thousands separators ("12000 BC", "170,000,002").
      if (digits > 4 && t[i - 1].find(',') == std::string_view::npos) return R::NoMatch;
      if (digits < 4) {
        std::string pad(4 - digits, '0');
        pad += std::to_string(n);
        return err("a year has four digits: type " + pad + " (AD " + std::to_string(n) + ") or write " +
                   std::to_string(n) + " BC");
      }
      year = n;
    }
    return R::Ok;
  }

  // Word dates: "26 june 1907", "june 26, 1907", "june 1907", "1907", "480 bc", "26th of june ad 14".
  // With allow_no_year, "26 june", "june 26", "june" and "26" are accepted (the start of a range).
  R words(std::string_view s, Comp& c, bool allow_no_year) {
    std::vector<std::string_view> t;
    std::size_t i = 0;
    while (i < s.size()) {
      std::size_t j = s.find(' ', i);
      if (j == std::string_view::npos) j = s.size();
      std::string_view w = s.substr(i, j - i);
      while (!w.empty() && w.back() == ',') w.remove_suffix(1);
      if (!w.empty() && w != "of" && w != "the") t.push_back(w);
      i = j + 1;
    }
    if (t.empty()) return R::NoMatch;
    std::size_t k = 0;
    std::uint64_t v;
    bool ord;
    std::size_t digits;
    // Leading day: "26", "26th".
    if (number_token(t[0], v, ord, digits) && digits <= 2 && t.size() >= 2 && month_from_word(t[1])) {
      c.day = static_cast<int>(v);
      c.has_day = true;
      c.month = month_from_word(t[1]);
      k = 2;
    } else if (month_from_word(t[0])) {
      c.month = month_from_word(t[0]);
      k = 1;
      // "june 26, 1907" / "june 26th 1907": a day when a year follows (or ordinal); else "june 1907".
      if (t.size() >= 2 && number_token(t[1], v, ord, digits) && digits <= 2 &&
          (ord || t.size() >= 3 || allow_no_year)) {
        if (!(t.size() >= 3 && era_from_word(t[2]) != Era::None && !ord)) {
          c.day = static_cast<int>(v);
          c.has_day = true;
          k = 2;
        }
      }
    } else if (allow_no_year && t.size() == 1 && number_token(t[0], v, ord, digits) && digits <= 2) {
      c.day = static_cast<int>(v);
      c.has_day = true;
      return R::Ok;
    }
    if (k == t.size()) {
      if (allow_no_year && c.month) return R::Ok;
      return R::NoMatch;
    }
    std::size_t at = k;
    if (k > 0 && at + 1 == t.size() && t[at].find('/') != std::string_view::npos) return dual_year(t[at], c);
    const R r = year_words(t, at, c.year);
    if (r != R::Ok) return r;
    if (at != t.size()) return R::NoMatch;
    c.has_year = true;
    return R::Ok;
  }

  // "04/05/1920", "4.5.1920", "1920/5/4": three numbers with / . or - between them.
  R numeric(std::string_view s, Comp& c) {
    std::string_view g[3];
    std::size_t n = 0, start = 0;
    for (std::size_t i = 0; i <= s.size(); ++i) {
      if (i == s.size() || s[i] == '/' || s[i] == '.' || s[i] == '-') {
        if (n == 3) return R::NoMatch;
        g[n++] = s.substr(start, i - start);
        start = i + 1;
      } else if (s[i] < '0' || s[i] > '9') {
        return R::NoMatch;
      }
    }
    if (n != 3) return R::NoMatch;
    for (auto& x : g)
      if (x.empty() || x.size() > 4) return R::NoMatch;
    auto num = [](std::string_view x) { return std::stoi(std::string(x)); };
    if (g[0].size() == 4 && g[1].size() <= 2 && g[2].size() <= 2) {
      c.year = num(g[0]);
      c.month = num(g[1]);
      c.day = num(g[2]);
      c.has_day = true;
      c.has_year = true;
      if (c.month < 1 || c.month > 12) return err("there is no month " + std::to_string(c.month));
      return R::Ok;
    }
    if (g[2].size() != 4 || g[0].size() > 2 || g[1].size() > 2) {
      if (g[2].size() <= 2 && g[0].size() <= 2) return err("the year must have four digits, e.g. 1920-05-04");
      return R::NoMatch;
    }
    const int a = num(g[0]), b = num(g[1]);
    const std::int64_t y = num(g[2]);
    auto ok = [&](int m, int d) { return m >= 1 && m <= 12 && d >= 1 && d <= detail::month_length(y, m, cal); };
    const bool dm = ok(b, a), md = ok(a, b);
    c.year = y;
    c.has_year = true;
    c.has_day = true;
    if (dm && md && a != b) {
      const std::string ys = detail::edtf_year(y);
      return err_full(original + " is ambiguous: type " + ys + "-" + detail::two_digits(b) + "-" +
                      detail::two_digits(a) + " (" + std::to_string(a) + " " + detail::month_name(b) + ") or " + ys +
                      "-" + detail::two_digits(a) + "-" + detail::two_digits(b) + " (" + std::to_string(b) + " " +
                      detail::month_name(a) + ")");
    }
    if (dm || md) {
      c.month = dm ? b : a;
      c.day = dm ? a : b;
      return R::Ok;
    }
    if (b >= 1 && b <= 12) {
      c.month = b;
      c.day = a;
      return R::Ok;  // validation names the impossible day
    }
    if (a >= 1 && a <= 12) {
      c.month = a;
      c.day = b;
      return R::Ok;
    }
    return err("neither " + std::string(g[0]) + " nor " + std::string(g[1]) + " is a month");
  }

  // A single date, possibly qualified, as EDTF (without the interval forms). The Part is kept for
  // before/after, early/mid/late and ranges.
  R single(std::string_view s, std::string& edtf, Part& part, bool allow_qual = true) {
    bool approx = false, unc = false;
    for (bool again = true; again;) {
      again = false;
      static const char* const kApprox[] = {"approximately ", "approx. ", "approx.", "approx ", "circa ", "about ",
                                            "around ",        "ca. ",     "ca.",     "ca ",     "c. ",    "c.",
                                            "c "};
      for (const char* p : kApprox)
        if (strip_prefix(s, p)) approx = again = true;
      if (s.size() > 1 && s[0] == 'c' && s[1] >= '0' && s[1] <= '9') {
        s.remove_prefix(1);
        approx = again = true;
      }
      for (const char* p : {"probably ", "perhaps ", "possibly "})
        if (strip_prefix(s, p)) unc = again = true;
      if (strip_suffix(s, "(?)") || strip_suffix(s, "?")) unc = again = true;
    }
    strip_prefix(s, "the ");
    if (s.empty()) return R::NoMatch;
    std::string core;
    Comp c;
    R r = R::NoMatch;
    bool month_x = false, day_x = false;
    if (strip_suffix(s, "(month and day unknown)")) month_x = day_x = true;
    else if (strip_suffix(s, "(month unknown)")) month_x = true;
    else if (strip_suffix(s, "(day unknown)")) day_x = true;
    // EDTF written in lower case or with a qualifier in words.
    {
      const std::string up = upper_ascii(s);
      detail::ParsedEdtf parts;
      const DateInfo info = detail::parse_edtf_parts(up, cal, parts);
      if (info.valid && parts.shape == detail::Shape::Single && !parts.start.l2 && !month_x && !day_x) {
        core = up;
        if (parts.start.approximate || parts.start.uncertain) core.pop_back();
        approx = approx || parts.start.approximate;
        unc = unc || parts.start.uncertain;
        r = R::Ok;
      }
    }
    if (r == R::NoMatch) r = century(s, core);
    if (r == R::NoMatch) r = decade(s, core);
    if (r == R::NoMatch) r = season(s, core);
    if (r == R::NoMatch) r = dual(s, core);
    if (r == R::NoMatch) {
      r = feast(s, c);
      if (r == R::NoMatch) r = numeric(s, c);
      if (r == R::NoMatch) r = words(s, c, false);
      if (r == R::Ok) {
        if (month_x) {
          if (c.month || c.day) return R::NoMatch;
          c.month_x = true;
          c.day_x = day_x;
        } else if (day_x) {
          if (!c.month || c.day) return R::NoMatch;
          c.day_x = true;
        }
        core = core_from(c);
      }
    } else if (month_x || day_x) {
      return R::NoMatch;
    }
    if (r != R::Ok) return r;
    if ((approx || unc) && !allow_qual)
      return err("'early', 'mid', 'late', halves and quarters take a date without c., ~ or ?");
    edtf = core;
    if (approx && unc) edtf += '%';
    else if (approx) edtf += '~';
    else if (unc) edtf += '?';
    detail::ParsedEdtf parts;
    r = validate(edtf, &parts);
    if (r == R::Ok) part = parts.start;
    return r;
  }

  // "20th century", "5th century bc", "1st century ad".
  R century(std::string_view s, std::string& core) {
    Era era = Era::None;
    for (const char* e : {" bc", " bce", " b.c", " b.c.", " b.c.e", " b.c.e."})
      if (strip_suffix(s, e)) era = Era::BC;
    for (const char* e : {" ad", " ce", " a.d", " a.d.", " c.e", " c.e."})
      if (era == Era::None && strip_suffix(s, e)) era = Era::AD;
    if (!strip_suffix(s, " century")) return R::NoMatch;
    std::uint64_t k;
    bool ord;
    std::size_t digits;
    if (!number_token(s, k, ord, digits) || !ord) return R::NoMatch;
    if (k == 0 || k > 100) return err("centuries run from the 1st to the 100th");
    core = (era == Era::BC ? "-" : "") + detail::two_digits(static_cast<int>(k - 1)) + "XX";
    return R::Ok;
  }

  // "1920s", "1920's", "ad 140s"; "1900s" is ambiguous (decade or century).
  R decade(std::string_view s, std::string& core) {
    const bool ad = strip_prefix(s, "ad ");
    if (!strip_suffix(s, "'s") && !strip_suffix(s, "s")) return R::NoMatch;
    // "the 20s" could be the 1920s: two digits only with AD.
    if (!all_digits(s) || s.size() < (ad ? 2u : 3u) || s.size() > 4 || s.back() != '0') return R::NoMatch;
    std::string y(4 - s.size(), '0');
    y += s;
    if (y[2] == '0' && y[3] == '0') {
      const std::string c2 = y.substr(0, 2);
      return err_full(original + " is ambiguous: type " + c2 + "0X (" + y + "–" + c2 + "09) or " + c2 + "XX (" + y +
                      "–" + c2 + "99)");
    }
    core = y.substr(0, 3) + "X";
    return R::Ok;
  }

  // "spring 1920", "winter of 1920", "winter 1920 to 21" / "winter 1920 to 1921" (the display form).
  R season(std::string_view s, std::string& core) {
    const std::size_t sp = s.find(' ');
    if (sp == std::string_view::npos) return R::NoMatch;
    const int se = season_from_word(s.substr(0, sp));
    if (!se) return R::NoMatch;
    std::string_view rest = trim(s.substr(sp + 1));
    strip_prefix(rest, "of ");
    std::string_view second;
    if (se == 24) {  // "winter 1917-18", "winter 1917/18", "winter 1917/1918": one winter across the year end
      const std::size_t sep = rest.find_first_of("-/");
      if (sep == 4 && all_digits(rest.substr(0, 4)) && all_digits(rest.substr(5)) && rest.size() > 5) {
        second = rest.substr(5);
        rest = rest.substr(0, 4);
      }
    }
    const std::size_t to = rest.find(" to ");
    if (to != std::string_view::npos && second.empty()) {
      if (se != 24) return R::NoMatch;
      second = trim(rest.substr(to + 4));
      rest = trim(rest.substr(0, to));
    }
    std::vector<std::string_view> t = split_spaces(rest);
    std::size_t at = 0;
    std::int64_t y = 0;
    const R r = year_words(t, at, y);
    if (r != R::Ok) return r;
    if (at != t.size()) return R::NoMatch;
    if (!second.empty()) {
      const std::int64_t n = y + 1;
      const bool short_ok = all_digits(second) && second.size() == 2 && y >= 1000 &&
                            std::stoi(std::string(second)) == static_cast<int>(n % 100);
      bool long_ok = false;
      if (!short_ok) {
        std::vector<std::string_view> t2 = split_spaces(second);
        std::size_t at2 = 0;
        std::int64_t y2 = 0;
        long_ok = year_words(t2, at2, y2) == R::Ok && at2 == t2.size() && y2 == n;
        error.clear();
      }
      if (!short_ok && !long_ok) return err("a winter runs from one year into the next");
    }
    core = detail::edtf_year(y) + "-" + std::to_string(se);
    return R::Ok;
  }

  // Dual dates as format_human writes them: "25 october [7 november] 1917", "1 [14] march 1918",
  // "25 december 1917 [7 january 1918]". The Julian date is kept; the bracket must match it.
  R dual(std::string_view s, std::string& core) {
    const std::size_t open = s.find('[');
    if (open == std::string_view::npos) return R::NoMatch;
    const std::size_t close = s.find(']', open);
    if (close == std::string_view::npos) return R::NoMatch;
    const std::string_view bracket = trim(s.substr(open + 1, close - open - 1));
    std::string rest(trim(s.substr(0, open)));
    const std::string_view after = trim(s.substr(close + 1));
    if (!after.empty()) {
      rest += ' ';
      rest += after;
    }
    Comp c;
    const Calendar saved = cal;
    cal = Calendar::Julian;
    R r = words(rest, c, false);
    if (r == R::Ok && c.day == 0) r = R::NoMatch;
    if (r == R::Ok) {
      core = core_from(c);
      r = validate(core);
    }
    cal = saved;
    if (r != R::Ok) return r;
    const CivilDate g = civil_from_days(detail::julian_days(c.year, c.month, c.day));
    const std::string gd = std::to_string(g.day);
    std::string gm = detail::month_name(g.month);
    for (char& ch : gm) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    Comp gc;
    const bool same = bracket == gd || bracket == gd + " " + gm ||
                      (words(bracket, gc, false) == R::Ok && gc.year == g.year && gc.month == g.month &&
                       gc.day == g.day);
    error.clear();
    if (!same)
      return err("the Julian date " + std::to_string(c.day) + " " + detail::month_name(c.month) + " is " +
                 std::to_string(g.day) + " " + detail::month_name(g.month) + " " + std::to_string(g.year) +
                 " in the Gregorian calendar");
    julian_seen = true;
    return R::Ok;
  }
  bool julian_seen = false;

  // One end of a range: a date, "unknown" (empty) or ".." (open).
  R range_end(std::string_view s, std::string& edtf, Part& part) {
    if (s == "unknown" || s == "?") {
      edtf.clear();
      part.kind = PartKind::Unknown;
      return R::Ok;
    }
    if (s == "..") {
      edtf = "..";
      part.kind = PartKind::Open;
      return R::Ok;
    }
    return single(s, edtf, part);
  }

  R range(std::string_view left, std::string_view right, std::string& out) {
    left = trim(left);
    right = trim(right);
    if (left.empty() || right.empty()) return R::NoMatch;
    // "480–400 bc": the era written once applies to both; likewise "ad 14–30".
    std::string lbuf(left), rbuf(right);
    if (all_digits(left)) {
      for (const char* e : {" bc", " bce", " b.c", " b.c.e"})
        if (ends_with(right, e)) lbuf += e;
    }
    if (all_digits(right) && (starts_with(left, "ad ") || starts_with(left, "a.d. "))) rbuf = "ad " + rbuf;
    std::string a, b;
    Part pa, pb;
    R r = range_end(rbuf, b, pb);
    if (r != R::Ok) return r;
    r = range_end(lbuf, a, pa);
    if (r == R::NoMatch || r == R::Error) {
      // "26–28 june 1907", "june–august 1920", "26 june – 3 july 1907": the start borrows from the end.
      Comp c;
      const std::string saved_error = error;
      if (pb.kind == PartKind::Date && !pb.long_year && pb.year_x == 0 && pb.month >= 1 && pb.month <= 12 &&
          words(lbuf, c, true) == R::Ok && !c.has_year) {
        error.clear();
        if (c.month == 0) {
          if (pb.day == 0) return R::NoMatch;
          c.month = pb.month;
        }
        if (c.day != 0 && pb.day == 0) return R::NoMatch;
        c.year = pb.year;
        c.has_year = true;
        a = core_from(c);
        r = validate(a);
        if (r != R::Ok) return r;
      } else {
        error = saved_error;
        return r;
      }
    }
    out = a + "/" + b;
    return validate(out);
  }

  // "before 1920" -> ../1919; "after c. 1930" -> 1931~/.. (the qualifier goes with the bound it makes).
  R before_after(std::string_view rest, bool before, std::string& out) {
    std::string e;
    Part p;
    const R r = single(rest, e, p);
    if (r != R::Ok) return r;
    const DayNumber d = before ? p.lower - 1 : p.upper + 1;
    const CivilDate cd = detail::cal_civil(cal, d);
    Comp c;
    c.year = cd.year;
    if (p.precision == Precision::Day) {
      c.month = cd.month;
      c.day = cd.day;
    } else if (p.precision == Precision::Month || p.precision == Precision::Season) {
      c.month = cd.month;
    }
    std::string core = core_from(c);
    if (p.uncertain && p.approximate) core += '%';
    else if (p.approximate) core += '~';
    else if (p.uncertain) core += '?';
    out = before ? "../" + core : core + "/..";
    return validate(out);
  }

  // "early 1922" -> 1922-01/1922-04; mid 05..08; late 09..12. Decades: 0-3, 4-6, 7-9. Months: 1-10, 11-20, 21-end.
  R thirds(std::string_view rest, int which, std::string& out) {
    std::string e;
    Part p;
    const R r = single(rest, e, p, false);
    if (r != R::Ok) return r;
    Comp a, b;
    switch (p.precision) {
      case Precision::Year:
        if (p.month_x) return R::NoMatch;
        a.year = b.year = p.year;
        a.month = 1 + 4 * which;
        b.month = 4 + 4 * which;
        break;
      case Precision::Decade: {
        static const int kFrom[3] = {0, 4, 7}, kTo[3] = {3, 6, 9};
        const std::int64_t base = p.negative ? p.year - 9 : p.year;
        a.year = base + kFrom[which];
        b.year = base + kTo[which];
        break;
      }
      case Precision::Century: {  // "late 19th century": 1867-1899 (thirds: 00-33, 34-66, 67-99)
        static const int kFrom[3] = {0, 34, 67}, kTo[3] = {33, 66, 99};
        const std::int64_t base = p.negative ? p.year - 99 : p.year;
        a.year = base + kFrom[which];
        b.year = base + kTo[which];
        break;
      }
      case Precision::Month:
        if (p.day_x) return R::NoMatch;
        a.year = b.year = p.year;
        a.month = b.month = p.month;
        a.day = 1 + 10 * which;
        b.day = which == 2 ? detail::month_length(p.year, p.month, cal) : 10 + 10 * which;
        break;
      default:
        return err("early, mid and late apply to a year, a decade, a century or a month");
    }
    out = core_from(a) + "/" + core_from(b);
    return validate(out);
  }

  // "easter 1916", "michaelmas 1666", "lady day of 1700": a feast of the year, in the reader's calendar.
  R feast(std::string_view s, Comp& c) {
    int index = 0;
    const std::size_t len = detail::feast_name_length(s, index);
    if (len == 0) return R::NoMatch;
    std::string_view rest = trim(s.substr(len));
    strip_prefix(rest, "of ");
    std::vector<std::string_view> t = split_spaces(rest);
    std::size_t at = 0;
    std::int64_t y = 0;
    if (rest.empty()) return R::NoMatch;
    const R r = year_words(t, at, y);
    if (r != R::Ok) return r;
    if (at != t.size()) return R::NoMatch;
    if (y < 1) return err("feasts are reckoned here for years AD 1 onwards");
    const CivilDate d = detail::feast_day(index, y, cal);
    c.year = d.year;
    c.month = d.month;
    c.day = d.day;
    c.has_day = c.has_year = true;
    return R::Ok;
  }

  // "first half of 1922" -> 1922-40, "second quarter of 1923" -> 1923-34 (EDTF level 2 divisions of a year).
  R part_of_year(std::string_view s, std::string& out) {
    static const struct { const char* prefix; int code; } kParts[] = {
        {"first half of ", 40},     {"second half of ", 41},   {"first quarter of ", 33}, {"second quarter of ", 34},
        {"third quarter of ", 35},  {"fourth quarter of ", 36}, {"last quarter of ", 36},  {"first four months of ", 37},
    };
    strip_prefix(s, "the ");
    for (const auto& k : kParts) {
      std::string_view rest = s;
      if (!strip_prefix(rest, k.prefix)) continue;
      std::string e;
      Part p;
      const R r = single(rest, e, p, false);
      if (r != R::Ok) return r;
      if (p.precision != Precision::Year || p.l2) return err("halves and quarters apply to a year");
      out = detail::edtf_year(p.year) + "-" + std::to_string(k.code);
      return validate(out);
    }
    return R::NoMatch;
  }

  // "by 1925" / "not after 1925" -> [..1925]; "not before 1905" -> [1905..] (one of that date or any earlier/later).
  R limit(std::string_view s, std::string& out) {
    // Suffixes first: "1925 or earlier" is how format_human writes [..1925].
    static const struct { const char* affix; bool prefix; bool later; } kLimits[] = {
        {" or earlier", false, false}, {" or before", false, false}, {" or later", false, true}, {" or after", false, true},
        {"by ", true, false}, {"not after ", true, false}, {"no later than ", true, false}, {"not later than ", true, false},
        {"not before ", true, true}, {"no earlier than ", true, true}, {"not earlier than ", true, true},
    };
    for (const auto& k : kLimits) {
      std::string_view rest = s;
      if (!(k.prefix ? strip_prefix(rest, k.affix) : strip_suffix(rest, k.affix))) continue;
      std::string e;
      Part p;
      const R r = single(rest, e, p);
      if (r != R::Ok) return r;
      out = k.later ? "[" + e + "..]" : "[.." + e + "]";
      return validate(out);
    }
    return R::NoMatch;
  }

  // "1920 or 1921" -> [1920,1921]; "1667, 1668 or 1670" -> [1667,1668,1670]; "the 1920s and 1930s" -> {192X,193X}.
  R set_of(std::string_view s, std::string& out) {
    for (const char* joint : {" or ", " and "}) {
      const std::size_t k = s.rfind(joint);
      if (k == std::string_view::npos) continue;
      std::vector<std::string_view> items;
      std::string_view head = s.substr(0, k);
      for (std::size_t i = 0; i <= head.size();) {
        std::size_t j = head.find(", ", i);
        if (j == std::string_view::npos) j = head.size();
        items.push_back(head.substr(i, j - i));
        i = j + 2;
      }
      items.push_back(s.substr(k + std::string_view(joint).size()));
      std::string body;
      for (std::string_view item : items) {
        std::string e;
        Part p;
        const R r = single(trim(item), e, p);
        if (r != R::Ok) {
          if (items.size() > 2 && r == R::NoMatch) {  // "june 26, 1907 or ...": commas inside a date
            error.clear();
            return R::NoMatch;
          }
          return r;
        }
        if (!body.empty()) body += ',';
        body += e;
      }
      out = (joint[1] == 'o' ? "[" : "{") + body + (joint[1] == 'o' ? "]" : "}");
      return validate(out);
    }
    return R::NoMatch;
  }

  // "1917/18" alone: the years 1917 to 1918, or the year 1917/18 of the old reckoning (25 March to 24 March)?
  R bare_dual_year(std::string_view s) {
    const std::size_t sep = s.find_first_of("/-");
    if (sep != 4 || !all_digits(s.substr(0, 4)) || s.size() < 6 || s.size() > 7 || !all_digits(s.substr(5)))
      return R::NoMatch;
    const int first = std::stoi(std::string(s.substr(0, 4)));
    const std::string_view tail = s.substr(5);
    const int mod = tail.size() == 1 ? 10 : 100;
    const int second = std::stoi(std::string(tail));
    const int full = first - first % mod + second + (second < first % mod ? mod : 0);
    const std::string a = std::to_string(first), b = std::to_string(full);
    if (s[sep] == '-' && full != first + 1) return R::NoMatch;  // 1985-13: a month, for the EDTF reader to refuse
    if (full == first + 1)
      return err_full(original + " is ambiguous: type " + a + "/" + b + " for the years " + a + " to " + b + ", or " +
                      a + "-03-25/" + b + "-03-24 for the year " + original + " of the old reckoning (from 25 March)");
    return err_full(original + ": type " + a + "/" + b + " for the years " + a + " to " + b);
  }

  // "10 february 1709/10": a dual year of the old reckoning (the year began on 25 March), a day from
  // 1 January to 24 March; the modern year is the second. `tok` is the year token.
  R dual_year(std::string_view tok, Comp& c) {
    const std::size_t sep = tok.find('/');
    if (sep != 4 || !all_digits(tok.substr(0, 4)) || tok.size() < 6 || tok.size() > 9 || !all_digits(tok.substr(5)))
      return R::NoMatch;
    const int first = std::stoi(std::string(tok.substr(0, 4)));
    const std::string_view tail = tok.substr(5);
    const int second = std::stoi(std::string(tail));
    const bool follows = tail.size() == 4 ? second == first + 1
                                          : second == (first + 1) % (tail.size() == 1 ? 10 : 100);
    if (!follows || tail.size() == 3)
      return err("in a dual year the second is the year after the first, e.g. 1709/10");
    if (!c.has_day || c.month < 1 || c.month > 12)
      return err("a dual year needs the day and month (10 February 1709/10); type " + std::to_string(first) + "/" +
                 std::to_string(first + 1) + " for the two years, or " + std::to_string(first) + "-03-25/" +
                 std::to_string(first + 1) + "-03-24 for the year of the old reckoning");
    if (c.month > 3 || (c.month == 3 && c.day > 24))
      return err("a dual year is written for days from 1 January to 24 March, before the old year's end");
    c.year = first + 1;
    c.has_year = true;
    return R::Ok;
  }

  R parse(std::string_view s, std::string& out) {
    if (R r = bare_dual_year(s); r != R::NoMatch) return r;
    if (R r = limit(s, out); r != R::NoMatch) return r;
    if (R r = part_of_year(s, out); r != R::NoMatch) return r;
    for (const char* p : {"before ", "after "}) {
      std::string_view rest = s;
      if (strip_prefix(rest, p)) return before_after(rest, p[0] == 'b', out);
    }
    {
      std::string_view rest = s;
      if (strip_prefix(rest, "between ")) {
        const std::size_t k = rest.find(" and ");
        if (k == std::string_view::npos) return R::NoMatch;
        return range(rest.substr(0, k), rest.substr(k + 5), out);
      }
    }
    if (R r = set_of(s, out); r != R::NoMatch) return r;
    {
      std::string_view rest = s;
      strip_prefix(rest, "the ");
      int which = -1;
      if (strip_prefix(rest, "early ")) which = 0;
      else if (strip_prefix(rest, "middle of ") || strip_prefix(rest, "mid ") || strip_prefix(rest, "mid-")) which = 1;
      else if (strip_prefix(rest, "late ")) which = 2;
      if (which >= 0) return thirds(rest, which, out);
    }
    {
      std::string e;
      Part p;
      const std::size_t to = s.find(" to ");
      // "winter 1920 to 21" (and "the winter of 1917–18") is one season, not a range.
      std::string_view w = s;
      strip_prefix(w, "the ");
      if (to != std::string_view::npos && season_from_word(w.substr(0, w.find(' '))) == 24) {
        const R r = single(s, e, p);
        if (r == R::Ok) {
          out = e;
          return r;
        }
        error.clear();
      }
      std::string_view rest = s;
      const bool from = strip_prefix(rest, "from ") || strip_prefix(rest, "since ");
      const std::size_t t2 = rest.find(" to ");
      const std::size_t t3 = rest.find(" until ");
      if (t2 != std::string_view::npos) return range(rest.substr(0, t2), rest.substr(t2 + 4), out);
      if (t3 != std::string_view::npos) return range(rest.substr(0, t3), rest.substr(t3 + 7), out);
      if (from) {
        const R r = single(rest, e, p);
        if (r != R::Ok) return r;
        out = e + "/..";
        return validate(out);
      }
      for (const char* u : {"until ", "till ", "up to ", "to "}) {
        std::string_view r2 = s;
        if (strip_prefix(r2, u)) {
          const R r = single(r2, e, p);
          if (r != R::Ok) return r;
          out = "../" + e;
          return validate(out);
        }
      }
      R r = single(s, e, p);
      if (r == R::Ok) {
        out = e;
        return r;
      }
      if (r == R::Error) return r;
      // "1917-1922": an unspaced hyphen between two dates.
      for (std::size_t i = 1; i + 1 < s.size(); ++i) {
        if (s[i] != '-' || s[i - 1] == ' ' || s[i + 1] == ' ') continue;
        const std::string saved = error;
        std::string o;
        if (range(s.substr(0, i), s.substr(i + 1), o) == R::Ok) {
          out = o;
          return R::Ok;
        }
        error = saved;
      }
      return R::NoMatch;
    }
  }
};

bool looks_like_edtf(std::string_view s) {
  if (s.empty()) return false;
  const char c = s[0];
  return (c >= '0' && c <= '9') || c == '-' || c == 'Y' || c == '.' || c == '/' || c == 'X' || c == '?' || c == '~' ||
         c == '%' || c == '[' || c == '{';
}

}  // namespace

NaturalDate parse_natural(std::string_view text, Calendar calendar) {
  NaturalDate nd;
  const std::string_view t = trim(text);
  if (t.empty()) {
    nd.error = "empty date: type a date such as 1985-04-12, 26 June 1907 or c. 1920";
    return nd;
  }
  const DateInfo direct = parse_edtf(t, calendar);
  if (direct.valid) {
    nd.ok = true;
    nd.edtf = std::string(t);
    nd.julian = calendar == Calendar::Julian;
    return nd;
  }
  Reader rd;
  rd.original = std::string(t);
  rd.cal = calendar;
  std::string s = normalise(t);
  std::string_view v = s;
  bool julian = calendar == Calendar::Julian;
  bool marked = false;
  for (const char* m : {" (old style)", " old style", " (o.s.)", " (o.s)", " (os)", " o.s.", " o.s", " os", " (julian)"}) {
    if (!marked && strip_suffix(v, m)) julian = marked = true;
  }
  for (const char* m : {" (new style)", " new style", " (n.s.)", " (n.s)", " (ns)", " n.s.", " n.s", " ns"}) {
    if (!marked && strip_suffix(v, m)) {
      marked = true;
      julian = false;
    }
  }
  if (!v.empty() && v.back() == '.' && !(v.size() >= 2 && v[v.size() - 2] == '.')) {
    // A trailing period ends the sentence, unless it closes an abbreviation we know ("b.c.", "a.d.").
    if (!(ends_with(v, "b.c.") || ends_with(v, "a.d.") || ends_with(v, "b.c.e.") || ends_with(v, "c.e."))) {
      v.remove_suffix(1);
      v = trim(v);
    }
  }
  if (v.find('[') != std::string_view::npos) julian = true;
  rd.cal = julian ? Calendar::Julian : Calendar::Gregorian;
  std::string out;
  const R r = v.empty() ? R::NoMatch : rd.parse(v, out);
  if (r == R::Ok) {
    nd.ok = true;
    nd.edtf = out;
    nd.julian = julian || rd.julian_seen;
    return nd;
  }
  if (r == R::Error) {
    nd.error = rd.error;
    nd.range_reversed = rd.reversed;
    return nd;
  }
  if (looks_like_edtf(t)) {
    nd.error = direct.error;
    nd.range_reversed = direct.range_reversed;
    return nd;
  }
  nd.error = rd.original +
             ": not a date Uchronia understands; type EDTF (1985-04-12, 1985-04, 1985, 1920~, 1917/1922) or a form "
             "such as 26 June 1907, June 1907, c. 1920, 1920s, early 1922, spring 1920, 480 BC, 1917 to 1922";
  return nd;
}

NaturalDate parse_natural(std::string_view text) { return parse_natural(text, Calendar::Gregorian); }

}  // namespace uch
