// Timeline axis labels from millennia to days, BC without a year zero; word diff of history.
#include <doctest/doctest.h>

#include <algorithm>

#include "timeline_axis.hpp"
#include "uchronia/date.hpp"
#include "word_diff.hpp"

using namespace uch;
using namespace uch::app;

namespace {
std::vector<std::string> labels(double lo, double hi, float px = 1600) {
  std::vector<std::string> out;
  for (const auto& t : axis_ticks(lo, hi, px, 96)) if (t.major) out.push_back(t.label);
  return out;
}
bool has(const std::vector<std::string>& v, const std::string& s) { return std::find(v.begin(), v.end(), s) != v.end(); }
double day(long long y, int m = 1, int d = 1) { return static_cast<double>(days_from_civil(y, m, d)); }
}  // namespace

TEST_CASE("year labels: BC has no year zero, long years are grouped") {
  CHECK(year_label(1917) == "1917");
  CHECK(year_label(0) == "1 BC");
  CHECK(year_label(-479) == "480 BC");
  CHECK(year_label(33) == "AD 33");
  CHECK(year_label(170000002) == "170,000,002");
}

TEST_CASE("the sample's span is labelled in years 1905..1945") {
  auto l = labels(day(1906), day(1946));
  CHECK(has(l, "1910"));
  CHECK(has(l, "1940"));
  CHECK_FALSE(has(l, "1911"));
}

TEST_CASE("around the BC/AD boundary ticks fall on historical years") {
  auto l = labels(day(-499), day(501));   // 500 BC .. AD 500
  CHECK(has(l, "100 BC"));
  CHECK(has(l, "AD 100"));
  CHECK(has(l, "AD 1"));
  for (const auto& s : l) CHECK(s.find("0 BC") != 0);   // never "0 BC"
  auto fine = labels(day(-5), day(5), 1600);           // 6 BC .. AD 5, one tick a year
  CHECK(has(fine, "1 BC"));
  CHECK(has(fine, "AD 1"));
}

TEST_CASE("zoomed in, ticks are months then days") {
  auto months = labels(day(1917, 1, 1), day(1918, 1, 1));
  CHECK(std::any_of(months.begin(), months.end(), [](const std::string& s) { return s.rfind("Jun", 0) == 0; }));
  auto days = labels(day(1917, 11, 1), day(1917, 11, 15));
  CHECK(std::any_of(days.begin(), days.end(), [](const std::string& s) { return s.rfind("7 Nov", 0) == 0; }));
}

TEST_CASE("millennia and beyond stay bounded") {
  auto l = labels(day(-10000), day(3000));
  CHECK(!l.empty());
  CHECK(l.size() < 40);
  auto huge = axis_ticks(-1e12, 1e12, 1600, 96);
  CHECK(huge.size() < 200);
}

TEST_CASE("word diff keeps common words and marks the changed ones") {
  auto d = word_diff("the quick brown fox", "the slow brown fox jumps");
  std::string removed, added, same;
  for (auto& p : d) (p.kind == DiffPiece::Removed ? removed : p.kind == DiffPiece::Added ? added : same) += p.text;
  CHECK(removed == "quick ");
  CHECK(added.find("slow") != std::string::npos);
  CHECK(added.find("jumps") != std::string::npos);
  CHECK(same.find("brown") != std::string::npos);
}

#include "date_feedback.hpp"

TEST_CASE("the date field reads what writers type and says so") {
  auto exact = describe_typed_date("26 June 1907", false);
  CHECK(exact.ok);
  CHECK(exact.text.rfind("26 June 1907, exact", 0) == 0);
  auto approx = describe_typed_date("c. 1920", false);
  CHECK(approx.ok);
  CHECK(approx.text.find("approximate") != std::string::npos);
  auto wrong = describe_typed_date("30 February 1985", false);
  CHECK_FALSE(wrong.ok);
  CHECK_FALSE(wrong.text.empty());
  CHECK(describe_typed_date("", false).text == "undated draft");
  auto os = describe_typed_date("25 October 1917 OS", false);
  CHECK(os.ok);
  CHECK(os.text.find("November") != std::string::npos);
}
