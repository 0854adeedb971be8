// Microbenchmark of parse_edtf: a realistic mix of EDTF strings parsed N times; median of 5 runs in dates/second.
// Usage: uchronia-date-parse [--json] [--iterations N]   (N rounds over the mix; default 200000)
#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string_view>
#include <vector>

#include <uchronia/date.hpp>

namespace {

constexpr std::string_view kMix[] = {
    "1985",          "1985-04",           "1985-04-12",         "1907-06-26",        "1964/2008",
    "2004-06/2006-08", "1985-04-12/..",   "../1985",            "1985/",             "1984?",
    "2004-06~",      "2004-06-11%",       "201X",               "1985-04-XX",        "2001-21",
    "-0479",         "Y170000002",        "1985-04-12T23:20:30Z", "1917-10-25/1918-01-31", "1920~/1922?",
};

}  // namespace

int main(int argc, char** argv) {
  bool json = false;
  long rounds = 200000;
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "--json") == 0) {
      json = true;
    } else if ((std::strcmp(argv[i], "--iterations") == 0 || std::strcmp(argv[i], "-n") == 0) && i + 1 < argc) {
      rounds = std::strtol(argv[++i], nullptr, 10);
      if (rounds <= 0) rounds = 1;
    } else {
      std::fprintf(stderr, "usage: %s [--json] [--iterations N]\n", argv[0]);
      return 2;
    }
  }
  constexpr std::size_t kCount = sizeof kMix / sizeof kMix[0];
  const long long per_run = static_cast<long long>(rounds) * static_cast<long long>(kCount);
  std::vector<double> rates;
  std::int64_t sink = 0;  // keeps the results alive
  for (int run = 0; run < 5; ++run) {
    const auto t0 = std::chrono::steady_clock::now();
    for (long r = 0; r < rounds; ++r) {
      for (std::string_view s : kMix) {
        const uch::DateInfo d = uch::parse_edtf(s);
        sink += d.lower + d.valid;
      }
    }
    const auto t1 = std::chrono::steady_clock::now();
    const double secs = std::chrono::duration<double>(t1 - t0).count();
    rates.push_back(static_cast<double>(per_run) / secs);
  }
  std::sort(rates.begin(), rates.end());
  const double median = rates[2];
  if (json) {
    std::printf("{\"benchmark\": \"date_parse\", \"dates_per_second\": %.0f, \"runs\": 5, \"parses_per_run\": %lld, "
                "\"strings\": %zu, \"min\": %.0f, \"max\": %.0f, \"checksum\": %lld}\n",
                median, per_run, kCount, rates.front(), rates.back(), static_cast<long long>(sink));
  } else {
    std::printf("parse_edtf: %.2f million dates/second (median of 5 runs, %lld parses each, %zu strings; "
                "min %.2f, max %.2f)\n",
                median / 1e6, per_run, kCount, rates.front() / 1e6, rates.back() / 1e6);
    if (sink == 42) std::printf(" \n");
  }
  return 0;
}
