// Feasts that date documents ("Easter 1916", "Michaelmas 1666", "Lady Day 1700"): a small table of the
// English and Western church year. Fixed feasts keep their day in the item's calendar; movable ones are
// counted from Easter, found by the computus of that calendar (Gregorian, or Julian for Old Style items).
#include "feasts.hpp"

namespace uch::detail {
namespace {

struct FeastRow {
  const char* name;  // lower case, as normalised text spells it
  int month, day;    // fixed feasts; month 0: movable, `day` = days after Easter Sunday
};

// Longer names first, so that "easter sunday" is not read as "easter" followed by "sunday".
constexpr FeastRow kFeasts[] = {
    {"new year's day", 1, 1},     {"twelfth night", 1, 5},       {"epiphany", 1, 6},
    {"twelfth day", 1, 6},        {"candlemas", 2, 2},           {"lady day", 3, 25},
    {"annunciation", 3, 25},      {"midsummer day", 6, 24},      {"midsummer", 6, 24},
    {"lammas", 8, 1},             {"michaelmas", 9, 29},         {"all saints' day", 11, 1},
    {"all saints", 11, 1},        {"all hallows", 11, 1},        {"martinmas", 11, 11},
    {"christmas day", 12, 25},    {"christmas", 12, 25},         {"ash wednesday", 0, -46},
    {"palm sunday", 0, -7},       {"maundy thursday", 0, -3},    {"good friday", 0, -2},
    {"easter sunday", 0, 0},      {"easter day", 0, 0},          {"easter", 0, 0},
    {"ascension day", 0, 39},     {"ascension", 0, 39},          {"whit sunday", 0, 49},
    {"whitsunday", 0, 49},        {"whitsun", 0, 49},            {"pentecost", 0, 49},
    {"trinity sunday", 0, 56},    {"corpus christi", 0, 60},
};

std::int64_t mod(std::int64_t a, std::int64_t b) { return a - floor_div(a, b) * b; }

}  // namespace

CivilDate easter_sunday(std::int64_t y, Calendar cal) {
  if (cal == Calendar::Julian) {  // Meeus's Julian algorithm
    const std::int64_t a = mod(y, 4), b = mod(y, 7), c = mod(y, 19);
    const std::int64_t d = mod(19 * c + 15, 30), e = mod(2 * a + 4 * b - d + 34, 7);
    return {y, static_cast<int>((d + e + 114) / 31), static_cast<int>(mod(d + e + 114, 31) + 1)};
  }
  // The anonymous Gregorian algorithm (Meeus/Jones/Butcher).
  const std::int64_t a = mod(y, 19), b = floor_div(y, 100), c = mod(y, 100);
  const std::int64_t d = floor_div(b, 4), e = mod(b, 4), f = floor_div(b + 8, 25), g = floor_div(b - f + 1, 3);
  const std::int64_t h = mod(19 * a + b - d - g + 15, 30), i = floor_div(c, 4), k = mod(c, 4);
  const std::int64_t l = mod(32 + 2 * e + 2 * i - h - k, 7), m = floor_div(a + 11 * h + 22 * l, 451);
  const std::int64_t n = h + l - 7 * m + 114;
  return {y, static_cast<int>(n / 31), static_cast<int>(mod(n, 31) + 1)};
}

std::size_t feast_name_length(std::string_view s, int& index) {
  for (std::size_t r = 0; r < sizeof kFeasts / sizeof kFeasts[0]; ++r) {
    const std::string_view name = kFeasts[r].name;
    if (s.substr(0, name.size()) == name && (s.size() == name.size() || s[name.size()] == ' ')) {
      index = static_cast<int>(r);
      return name.size();
    }
  }
  return 0;
}

CivilDate feast_day(int index, std::int64_t year, Calendar cal) {
  const FeastRow& f = kFeasts[index];
  if (f.month) return {year, f.month, f.day};
  const CivilDate e = easter_sunday(year, cal);
  return cal_civil(cal, cal_days(cal, e.year, e.month, e.day) + f.day);
}

}  // namespace uch::detail
