// A person's age at a date, from the bounds of both dates: a range when either is uncertain.
#include "uchronia/date.hpp"

namespace uch {

namespace {
/// Whole years from day `from` to day `to` (Gregorian civil dates): birthdays passed.
std::int64_t whole_years(DayNumber from, DayNumber to) {
  const CivilDate a = civil_from_days(from), b = civil_from_days(to);
  std::int64_t years = b.year - a.year;
  if (b.month < a.month || (b.month == a.month && b.day < a.day)) --years;
  return years;
}
}  // namespace

std::optional<AgeRange> age_at(const DateInfo& birth, const DateInfo& at) {
  if (!birth.valid || !at.valid || birth.lower_unbounded || birth.upper_unbounded || at.lower_unbounded ||
      at.upper_unbounded)
    return std::nullopt;
  AgeRange age{whole_years(birth.upper, at.lower), whole_years(birth.lower, at.upper)};
  if (age.max < 0) return std::nullopt;  // not born yet
  if (age.min < 0) age.min = 0;
  return age;
}

std::string format_age(const AgeRange& age) {
  if (age.min == age.max) return std::to_string(age.min);
  return std::to_string(age.min) + "\xE2\x80\x93" + std::to_string(age.max);  // en dash
}

}  // namespace uch
