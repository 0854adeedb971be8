// libFuzzer target: EDTF (levels 0-2, seeds l2-*) and natural-date parsing and human display never crash, and keep their contract.
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "uchronia/date.hpp"

namespace {
void require(bool ok) {
  if (!ok) std::abort();  // a broken invariant is a finding, like a crash
}

void check_edtf(std::string_view text, uch::Calendar calendar) {
  const uch::DateInfo info = uch::parse_edtf(text, calendar);
  if (info.valid) {
    require(info.lower <= info.upper);            // every valid date spans at least a day
    require(info.cmp_lower <= info.lower);        // comparison bounds only ever widen
    require(info.cmp_upper >= info.upper);
    require(!info.range_reversed);
    require(info.error.empty());
    (void)uch::certainly_before(info, info);
    (void)uch::sort_key(info);
    require(!uch::certainly_before(info, info));  // nothing is certainly before itself
    require(info.lower_unbounded == (info.lower == uch::kUnboundedLow));  // open sides are the sentinels
    require(info.upper_unbounded == (info.upper == uch::kUnboundedHigh));
    // A stored date shows words that read back to it, or itself.
    const std::string words = uch::date_in_words(text, calendar);
    if (words != text) {
      const uch::TypedDate back = uch::read_typed_date(words, calendar);
      require(back.ok && back.stored == text);
    }
  } else {
    require(!info.error.empty());                 // an invalid date always says why
  }
  (void)uch::format_human(text, calendar);
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  check_edtf(text, uch::Calendar::Gregorian);
  check_edtf(text, uch::Calendar::Julian);
  const uch::NaturalDate natural = uch::parse_natural(text);
  if (natural.ok) {
    // What a writer typed becomes EDTF that parses (in the calendar it said).
    const auto calendar = natural.julian ? uch::Calendar::Julian : uch::Calendar::Gregorian;
    require(uch::parse_edtf(natural.edtf, calendar).valid);
    (void)uch::format_human(natural.edtf, calendar);
  }
  (void)uch::parse_natural(text, uch::Calendar::Julian);
  (void)uch::date_report_json(text);
  return 0;
}
