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
    const std::string& key = target.key;
    auto it = index.series.find(key);
    if (it == index.series.end()) return;
    std::vector<std::pair<std::int64_t, std::string>> members = it->second.members;
    std::sort(members.begin(), members.end());
    for (std::size_t i = 0; i < members.size();) {
      std::size_t j = i;
      while (j < members.size() && members[j].first == members[i].first) ++j;
      const ItemRec* subject = index.entry(members[i].second);
      if (j - i > 1 && subject) {
        std::vector<std::string> related;
        std::string names;
        for (std::size_t k = i + 1; k < j; ++k) {
          related.push_back(members[k].second);
          if (k - i <= 5) {
            const ItemRec* other = index.item(members[k].second);
            names += (k > i + 1 ? ", " : "") + (other ? quoted(*other) : members[k].second);
          }
        }
        if (j - i - 1 > 5) names += " and " + std::to_string(j - i - 1 - 5) + " more";
        out.push_back(make_finding(info(), subject,
                                   "No. " + std::to_string(members[i].first) + " of the series \"" +
                                       subject->series->name + "\" is also used by " + names + ".",
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
