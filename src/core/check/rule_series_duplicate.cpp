// Rule series.duplicate: one series uses the same number twice (reported once, on the smallest id).
#include <algorithm>

#include "check/rule.hpp"

namespace uch::checks {
namespace {

class SeriesDuplicate final : public Rule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo kInfo{"series.duplicate", Severity::Warning, "one series uses the same number twice"};
    return kInfo;
  }
  unsigned scopes() const override { return scope_bit(Scope::Series); }

  void check(const Index& index, const Target& target, std::vector<Finding>& out) const override {
    std::vector<std::pair<std::int64_t, const ItemRec*>> members;  // (number, entry)
    for (std::uint32_t slot = index.series_head[target.key]; slot != kNone; slot = index.items[slot].next_in_series)
      members.emplace_back(index.items[slot].series_number, &index.items[slot]);
    std::sort(members.begin(), members.end(), [](const auto& a, const auto& b) {
      return a.first != b.first ? a.first < b.first : a.second->id() < b.second->id();
    });
    for (std::size_t i = 0; i < members.size();) {
      std::size_t j = i;
      while (j < members.size() && members[j].first == members[i].first) ++j;
      const ItemRec* subject = members[i].second;
      if (j - i > 1) {
        std::vector<std::string> related;
        std::string names;
        for (std::size_t k = i + 1; k < j; ++k) {
          related.emplace_back(members[k].second->id());
          if (k - i <= 5) names += (k > i + 1 ? ", " : "") + quoted(*members[k].second);
        }
        if (j - i - 1 > 5) names += " and " + std::to_string(j - i - 1 - 5) + " more";
        out.push_back(make_finding(info(), subject,
                                   "No. " + std::to_string(members[i].first) + " of the series \"" +
                                       std::string(subject->series_name()) + "\" is also used by " + names + ".",
                                   std::move(related)));
      }
      i = j;
    }
  }
};

}  // namespace

const Rule& rule_series_duplicate() {
  static const SeriesDuplicate rule;
  return rule;
}

}  // namespace uch::checks
