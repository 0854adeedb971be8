// Rule date.range-reversed: an interval ends before it starts, or an entity ends before it starts.
#include "check/rule.hpp"

namespace uch::checks {
namespace {

class DateRangeReversed final : public Rule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo kInfo{"date.range-reversed", Severity::Error,
                                "an interval's end, or an entity's end, is certainly before its start"};
    return kInfo;
  }
  unsigned scopes() const override { return scope_bit(Scope::Item); }
  void check(const Index&, const Target& target, std::vector<Finding>& out) const override {
    const ItemRec* item = target.item;
    auto reversed = [&](const std::string& what, std::string_view text, const DateRec& date) {
      if (text.empty() || !date.range_reversed) return;
      out.push_back(
          make_finding(info(), item, "The " + what + " \"" + std::string(text) + "\" ends before it starts."));
    };
    if (item->is_entry()) {
      reversed("interval", item->date_text(), item->date);
      return;
    }
    const DateRec& start = item->date;
    reversed("start interval", item->date_text(), start);
    reversed("end interval", item->end_text(), item->end);
    if (start.valid && item->end.valid && certainly_before(item->end.info(), start.info())) {
      out.push_back(make_finding(info(), item,
                                 std::string(item->title()) + " " + end_verb(item->entity_kind) + " " +
                                     date_phrase(item->end_text(), item->end, item->calendar) + " but " +
                                     start_verb(item->entity_kind) + " " +
                                     date_phrase(item->date_text(), start, item->calendar) + "."));
    }
  }
};

}  // namespace

const Rule& rule_date_range_reversed() {
  static const DateRangeReversed rule;
  return rule;
}

}  // namespace uch::checks
