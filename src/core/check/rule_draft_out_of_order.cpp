// Rule draft.out-of-order: in an entry imported from a draft, the draft's order was the writer's
// chronology; an entry certainly earlier than the dated entry before it in that order is a slip
// to look at (info). Only entries with a draft position (draft_order) take part.
#include <algorithm>

#include "check/rule.hpp"

namespace uch::checks {
namespace {

class DraftOutOfOrder final : public Rule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo kInfo{"draft.out-of-order", Severity::Info,
                                "an entry is dated before the dated entry that precedes it in the draft's order"};
    return kInfo;
  }
  // The whole draft order at once: any entry's date or position changes its neighbours' findings.
  unsigned scopes() const override { return scope_bit(Scope::Document); }

  void check(const Index& index, const Target&, std::vector<Finding>& out) const override {
    std::vector<const ItemRec*> ordered;
    for (const ItemRec& item : index.items) {
      if (item.alive && item.is_entry() && item.draft_order > 0 && item.date.valid) ordered.push_back(&item);
    }
    std::sort(ordered.begin(), ordered.end(), [](const ItemRec* a, const ItemRec* b) {
      return a->draft_order != b->draft_order ? a->draft_order < b->draft_order : a->id() < b->id();
    });
    for (std::size_t i = 1; i < ordered.size(); ++i) {
      const ItemRec& item = *ordered[i];
      const ItemRec& before = *ordered[i - 1];
      if (!certainly_before(item.date.info(), before.date.info())) continue;
      out.push_back(make_finding(info(), &item,
                                 "Dated " + human_date(item.date_text(), item.calendar) + ", before " + quoted(before) +
                                     " (" + human_date(before.date_text(), before.calendar) +
                                     "), which comes before it in the draft.",
                                 {std::string(before.id())}));
    }
  }
};

}  // namespace

const Rule& rule_draft_out_of_order() {
  static const DraftOutOfOrder rule;
  return rule;
}

}  // namespace uch::checks
