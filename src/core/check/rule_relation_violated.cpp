// Rule relation.violated: a relation's condition (spec section 4) is certainly false.
#include "check/rule.hpp"

namespace uch::checks {
namespace {

class RelationViolated final : public Rule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo kInfo{"relation.violated", Severity::Error,
                                "a relation's condition (section 4) is certainly false"};
    return kInfo;
  }
  unsigned scopes() const override { return scope_bit(Scope::Item); }

  void check(const Index& index, const Target& target, std::vector<Finding>& out) const override {
    const std::string& key = target.key;
    const ItemRec* from = target.item->is_entry() ? target.item : nullptr;
    if (!from || !from->date.valid) return;
    for (const RelKey* relation : *target.relations) {
      const RelKey& rel = *relation;
      if (rel.from != key) continue;
      const ItemRec* to = index.entry(rel.to);
      if (!to || !to->date.valid) continue;
      const char* what = nullptr;  // what is true, then what the relation says
      switch (rel.type) {
        case RelationType::Before:
          if (certainly_after(from->date, to->date)) what = "is after %, but the relation says it comes before it";
          break;
        case RelationType::After:
          if (certainly_before(from->date, to->date)) what = "is before %, but the relation says it comes after it";
          break;
        case RelationType::Causes:
          if (certainly_after(from->date, to->date)) what = "is after %, which it is said to cause";
          break;
        case RelationType::Ends:
          // The ending must not come before the start of what it ends (its lower bound).
          if (certainly_before(from->date, to->date)) what = "is before % starts, yet it is said to end it";
          break;
        case RelationType::During:
          if (certainly_outside(from->date, to->date)) what = "lies outside %, during which it is said to happen";
          break;
      }
      if (!what) continue;
      std::string other = quoted(*to) + " (" + human_date(to->date_text, to->calendar) + ")";
      std::string text = what;
      text.replace(text.find('%'), 1, other);
      out.push_back(make_finding(info(), from,
                                 "This entry, dated " + human_date(from->date_text, from->calendar) + ", " + text +
                                     " (" + from->id + " " + to_string(rel.type) + " " + to->id + ").",
                                 {to->id}));
    }
  }
};

}  // namespace

const Rule& rule_relation_violated() {
  static const RelationViolated rule;
  return rule;
}

}  // namespace uch::checks
