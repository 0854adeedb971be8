// Certain comparisons between dates (non-overlapping comparison bounds) and the sort key for ordering entries.
#include "uchronia/date.hpp"

namespace uch {

// An invalid date is never certainly anything: rules report only what is certain.
bool certainly_before(const DateInfo& a, const DateInfo& b) {
  return a.valid && b.valid && a.cmp_upper < b.cmp_lower;
}

bool certainly_after(const DateInfo& a, const DateInfo& b) {
  return a.valid && b.valid && a.cmp_lower > b.cmp_upper;
}

bool certainly_outside(const DateInfo& a, const DateInfo& b) {
  return certainly_before(a, b) || certainly_after(a, b);
}

DateSortKey sort_key(const DateInfo& info) {
  DateSortKey key;
  if (!info.valid) return key;  // undated / unreadable: last
  key.lower = info.lower;
  key.upper = info.upper;
  key.dated = true;
  return key;
}

}  // namespace uch
