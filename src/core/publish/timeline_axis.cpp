// Time-axis ticks and labels for the timeline: millennia down to days, BC without a year zero.
#include "uchronia/timeline_axis.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "uchronia/date.hpp"

namespace uch {
namespace {

constexpr const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                   "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
constexpr double kDaysPerYear = 365.2425;
constexpr int kMaxTicks = 2000;

std::string grouped(long long v) {
  std::string digits = std::to_string(v);
  if (digits.size() <= 5) return digits;
  std::string out;
  int n = 0;
  for (auto it = digits.rbegin(); it != digits.rend(); ++it) {
    if (n && n % 3 == 0) out.insert(out.begin(), ',');
    out.insert(out.begin(), *it);
    ++n;
  }
  return out;
}

CivilDate civil_at(double day) {
  double clamped = std::clamp(day, -4.0e14, 4.0e14);
  return civil_from_days(static_cast<DayNumber>(std::floor(clamped)));
}

long long floor_div(long long a, long long b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0))); }
long long ceil_div(long long a, long long b) { return -floor_div(-a, b); }

void year_ticks(std::vector<AxisTick>& out, double lo, double hi, long long step, bool major) {
  const long long ylo = civil_at(lo).year, yhi = civil_at(hi).year + 1;
  auto emit = [&](long long y) {
    double d = static_cast<double>(days_from_civil(y, 1, 1));
    if (d >= lo && d <= hi && out.size() < kMaxTicks) out.push_back({d, major, major ? year_label(y) : std::string()});
  };
  // AD years: multiples of the step
  for (long long k = std::max(1LL, ceil_div(ylo, step)); k * step <= yhi && out.size() < kMaxTicks; ++k) emit(k * step);
  // BC years: historical numbers (1 BC = astronomical 0) that are multiples of the step
  for (long long k = std::max(1LL, ceil_div(1 - yhi, step)); k * step <= 1 - ylo && out.size() < kMaxTicks; ++k)
    emit(1 - k * step);
  if (major && step >= 10 && ylo <= 1 && yhi >= 1) emit(1);  // the BC/AD boundary itself
}

void month_ticks(std::vector<AxisTick>& out, double lo, double hi, int step, bool major) {
  CivilDate c = civil_at(lo);
  long long y = c.year;
  int m = (c.month - 1) / step * step + 1;
  bool first = true;
  for (int guard = 0; guard < kMaxTicks; ++guard) {
    double d = static_cast<double>(days_from_civil(y, m, 1));
    if (d > hi) break;
    if (d >= lo) {
      std::string label;
      if (major) label = (m == 1) ? year_label(y) : first ? std::string(kMonths[m - 1]) + " " + year_label(y) : kMonths[m - 1];
      out.push_back({d, major, label});
      first = false;
    }
    m += step;
    if (m > 12) m -= 12, ++y;
  }
}

void day_ticks(std::vector<AxisTick>& out, double lo, double hi, int step, bool major) {
  CivilDate c = civil_at(lo);
  long long y = c.year;
  int m = c.month;
  bool first = true;
  for (int guard = 0; guard < 64; ++guard) {
    DayNumber month_start = days_from_civil(y, m, 1);
    int ny = m == 12 ? 1 : 0;
    DayNumber next_month = days_from_civil(y + ny, m == 12 ? 1 : m + 1, 1);
    if (static_cast<double>(month_start) > hi) break;
    for (DayNumber d = month_start; d < next_month && out.size() < kMaxTicks; d += step) {
      if (step > 1 && d != month_start && next_month - d < step / 2 + 1) break;
      double dd = static_cast<double>(d);
      if (dd < lo || dd > hi) continue;
      int day = static_cast<int>(d - month_start) + 1;
      std::string label;
      if (major) {
        label = std::to_string(day) + " " + kMonths[m - 1];
        if (first || (day == 1 && m == 1)) label += " " + year_label(y);
      }
      out.push_back({dd, major, label});
      first = false;
    }
    if (++m > 12) m = 1, ++y;
  }
}

}  // namespace

std::string year_label(long long y) {
  if (y <= 0) return grouped(1 - y) + " BC";
  if (y < 1000) return "AD " + grouped(y);
  return grouped(y);
}

std::string axis_label_for_day(double day, double span_days) {
  CivilDate c = civil_at(day);
  if (span_days > 3 * kDaysPerYear) return year_label(c.year);
  if (span_days > 90) return std::string(kMonths[c.month - 1]) + " " + year_label(c.year);
  return std::to_string(c.day) + " " + kMonths[c.month - 1] + " " + year_label(c.year);
}

std::string edtf_for_day(double day, double span_days) {
  const CivilDate c = civil_at(day);
  char buf[48];
  if (c.year < -9999 || c.year > 9999) {   // EDTF's long years: year precision only
    std::snprintf(buf, sizeof buf, "Y%lld", static_cast<long long>(c.year));
    return buf;
  }
  const char* sign = c.year < 0 ? "-" : "";
  const long long y = c.year < 0 ? -c.year : c.year;
  if (span_days > 3 * kDaysPerYear) std::snprintf(buf, sizeof buf, "%s%04lld", sign, y);
  else if (span_days > 90) std::snprintf(buf, sizeof buf, "%s%04lld-%02d", sign, y, c.month);
  else std::snprintf(buf, sizeof buf, "%s%04lld-%02d-%02d", sign, y, c.month, c.day);
  return buf;
}

std::vector<AxisTick> axis_ticks(double lo, double hi, float width_px, float min_label_px) {
  std::vector<AxisTick> out;
  if (!(hi > lo) || width_px <= 0) return out;
  const double min_days = (hi - lo) / width_px * min_label_px;
  if (min_days <= 14) {
    int step = min_days <= 1 ? 1 : min_days <= 2 ? 2 : min_days <= 7 ? 7 : 14;
    day_ticks(out, lo, hi, step, true);
    if (step > 1) day_ticks(out, lo, hi, 1, false);
  } else if (min_days <= 183) {
    int step = min_days <= 31 ? 1 : min_days <= 92 ? 3 : 6;
    month_ticks(out, lo, hi, step, true);
    if (step > 1) month_ticks(out, lo, hi, 1, false);
    else if (hi - lo < 800) day_ticks(out, lo, hi, 7, false);
  } else {
    const double min_years = min_days / kDaysPerYear;
    long long step = 1;
    for (long long p = 1; p < 4'000'000'000'000LL; p *= 10) {
      if (p >= min_years) { step = p; break; }
      if (2 * p >= min_years) { step = 2 * p; break; }
      if (5 * p >= min_years) { step = 5 * p; break; }
    }
    year_ticks(out, lo, hi, step, true);
    long long minor = step % 5 == 0 ? step / 5 : step / 2;
    if (minor >= 1) year_ticks(out, lo, hi, minor, false);
    else if (step == 1) month_ticks(out, lo, hi, 3, false);
  }
  // a minor tick where a major one sits is dropped
  std::sort(out.begin(), out.end(), [](const AxisTick& a, const AxisTick& b) { return a.day != b.day ? a.day < b.day : a.major > b.major; });
  out.erase(std::unique(out.begin(), out.end(), [](const AxisTick& a, const AxisTick& b) { return a.day == b.day; }), out.end());
  return out;
}

}  // namespace uch
