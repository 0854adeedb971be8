// Ages at an entry's date: exact when both dates are days, a range when either is uncertain.
#include <doctest/doctest.h>

#include "uchronia/date.hpp"

using namespace uch;

namespace {
std::string age(const char* birth, const char* at, Calendar birth_calendar = Calendar::Gregorian) {
  const auto a = age_at(parse_edtf(birth, birth_calendar), parse_edtf(at));
  return a ? format_age(*a) : "none";
}
}  // namespace

TEST_CASE("an exact age counts the birthdays passed") {
  CHECK(age("1879-11-07", "1924-01-21") == "44");   // Trotsky at Lenin's death
  CHECK(age("1879-11-07", "1923-11-07") == "44");   // on the birthday
  CHECK(age("1879-11-07", "1923-11-06") == "43");   // the day before
}

TEST_CASE("an uncertain date on either side gives a range") {
  CHECK(age("1879-11-07", "1924") == "44\xE2\x80\x93" "45");
  CHECK(age("1879", "1924-01-21") == "44\xE2\x80\x93" "45");
  CHECK(age("1878-12-06", "1907-06-26", Calendar::Julian) == "28");   // Old Style birth: 18 December 1878
}

TEST_CASE("no age before birth, or when a date is open or invalid") {
  CHECK(age("1879-11-07", "1870") == "none");
  CHECK(age("1879-11-07", "1924/..") == "none");
  CHECK(age("1879-02-30", "1924") == "none");
}
