// Rule date.missing: an entry has no date (an undated draft).
#include "check/rule.hpp"

namespace uch::checks {
namespace {

class DateMissing final : public Rule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo kInfo{"date.missing", Severity::Info, "an entry has no date"};
    return kInfo;
  }
  unsigned scopes() const override { return scope_bit(Scope::Item); }
  void check(const Index&, const Target& target, std::vector<Finding>& out) const override {
    const ItemRec* item = target.item->is_entry() ? target.item : nullptr;
    if (item && item->date_text().empty()) out.push_back(make_finding(info(), item, "This entry has no date yet."));
  }
};

}  // namespace

const Rule& rule_date_missing() {
  static const DateMissing rule;
  return rule;
}

}  // namespace uch::checks
