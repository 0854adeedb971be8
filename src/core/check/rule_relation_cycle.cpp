// Rule relation.cycle: causes/before/after relations form a cycle (reported once, on its smallest id).
#include <algorithm>

#include "check/rule.hpp"

namespace uch::checks {
namespace {

class RelationCycle final : public Rule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo kInfo{"relation.cycle", Severity::Error, "causes/before/after relations form a cycle"};
    return kInfo;
  }
  unsigned scopes() const override { return scope_bit(Scope::Item); }

  void check(const Index& index, const Target& target, std::vector<Finding>& out) const override {
    const std::uint32_t key = target.item->sid;
    const int cycle = index.cycle_of[key];
    if (cycle < 0) return;
    const std::vector<std::uint32_t>& members = index.cycles.at(cycle);
    if (members.front() != key) return;  // the cycle is reported on its smallest id
    const ItemRec* subject = target.item->is_entry() ? target.item : nullptr;
    if (!subject) return;
    if (members.size() == 1) {
      out.push_back(
          make_finding(info(), subject, "This entry is related to itself by a before/after/causes relation."));
      return;
    }
    std::vector<std::string> related;
    for (std::size_t i = 1; i < members.size(); ++i) related.emplace_back(index.name(members[i]));
    std::string names;
    const std::size_t shown = std::min<std::size_t>(related.size(), 5);
    for (std::size_t i = 0; i < shown; ++i) {
      const ItemRec* other = index.item_by_sid(members[i + 1]);
      names += (i ? ", " : "") + (other ? quoted(*other) : related[i]);
    }
    if (related.size() > shown) names += " and " + std::to_string(related.size() - shown) + " more";
    out.push_back(make_finding(
        info(), subject, "Before/after/causes relations go round in a cycle through this entry and " + names + ".",
        std::move(related)));
  }
};

}  // namespace

const Rule& rule_relation_cycle() {
  static const RelationCycle rule;
  return rule;
}

}  // namespace uch::checks
