// Rule series.out-of-order: in one series, a higher number is certainly earlier than a lower number.
#include <algorithm>

#include "check/rule.hpp"

namespace uch::checks {
namespace {

class SeriesOutOfOrder final : public Rule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo kInfo{"series.out-of-order", Severity::Warning,
                                "in one series, a higher number is certainly earlier than a lower number"};
    return kInfo;
  }
  unsigned scopes() const override { return scope_bit(Scope::Series); }

  // Sorted by number, each entry is compared with the latest-starting entry of a lower
  // number (the running maximum of comparison lower bounds): O(n log n) per series.
  void check(const Index& index, const Target& target, std::vector<Finding>& out) const override {
    struct Member {
      std::int64_t number;
      const ItemRec* item;
    };
    std::vector<Member> members;
    for (std::uint32_t slot = index.series_head[target.key]; slot != kNone; slot = index.items[slot].next_in_series) {
      const ItemRec& item = index.items[slot];
      if (item.date.valid) members.push_back({item.series_number, &item});
    }
    std::sort(members.begin(), members.end(), [](const Member& a, const Member& b) {
      return a.number != b.number ? a.number < b.number : a.item->id() < b.item->id();
    });
    const Member* latest = nullptr;  // among strictly lower numbers
    for (std::size_t i = 0; i < members.size();) {
      std::size_t j = i;
      while (j < members.size() && members[j].number == members[i].number) ++j;
      for (std::size_t k = i; latest && k < j; ++k) {
        const ItemRec& item = *members[k].item;
        if (!certainly_before(item.date.info(), latest->item->date.info())) continue;
        out.push_back(make_finding(info(), &item,
                                   "No. " + std::to_string(members[k].number) + " of the series \"" +
                                       std::string(item.series_name()) + "\" is dated " +
                                       human_date(item.date_text(), item.calendar) + ", before No. " +
                                       std::to_string(latest->number) + ", " + quoted(*latest->item) + " (" +
                                       human_date(latest->item->date_text(), latest->item->calendar) + ").",
                                   {std::string(latest->item->id())}));
      }
      for (std::size_t k = i; k < j; ++k)
        if (!latest || members[k].item->date.cmp_lower > latest->item->date.cmp_lower) latest = &members[k];
      i = j;
    }
  }
};

}  // namespace

const Rule& rule_series_out_of_order() {
  static const SeriesOutOfOrder rule;
  return rule;
}

}  // namespace uch::checks
