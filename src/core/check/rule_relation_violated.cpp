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
    const ItemRec* from = target.item->is_entry() ? target.item : nullptr;
    if (!from || !from->date.valid) return;
    const std::uint32_t key = from->sid;
    const DateInfo from_date = from->date.info();
    index.for_each_relation(key, [&](const RelRec& rel) {
      if (rel.from != key) return;
      const ItemRec* to = index.entry_by_sid(rel.to);
      if (!to || !to->date.valid) return;
      check_one(*from, from_date, *to, rel.type, out);
    });
  }

 private:
  void check_one(const ItemRec& from, const DateInfo& from_date, const ItemRec& to, RelationType type,
                 std::vector<Finding>& out) const {
    const DateInfo to_date = to.date.info();
    const char* what = nullptr;  // what is true, then what the relation says
    switch (type) {
      case RelationType::Before:
        if (certainly_after(from_date, to_date)) what = "is after %, but the relation says it comes before it";
        break;
      case RelationType::After:
        if (certainly_before(from_date, to_date)) what = "is before %, but the relation says it comes after it";
        break;
      case RelationType::Causes:
        if (certainly_after(from_date, to_date)) what = "is after %, which it is said to cause";
        break;
      case RelationType::Ends:
        // The ending must not come before the start of what it ends (its lower bound).
        if (certainly_before(from_date, to_date)) what = "is before % starts, yet it is said to end it";
        break;
      case RelationType::During:
        if (certainly_outside(from_date, to_date)) what = "lies outside %, during which it is said to happen";
        break;
    }
    if (!what) return;
    std::string other = quoted(to) + " (" + human_date(to.date_text(), to.calendar) + ")";
    std::string text = what;
    text.replace(text.find('%'), 1, other);
    out.push_back(make_finding(info(), &from,
                               "This entry, dated " + human_date(from.date_text(), from.calendar) + ", " + text + " (" +
                                   std::string(from.id()) + " " + to_string(type) + " " + std::string(to.id()) + ").",
                               {std::string(to.id())}));
  }
};

}  // namespace

const Rule& rule_relation_violated() {
  static const RelationViolated rule;
  return rule;
}

}  // namespace uch::checks
