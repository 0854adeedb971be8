// Rule date.invalid: an entry's date or an entity's start/end does not parse or is no real day.
#include "check/rule.hpp"

namespace uch::checks {
namespace {

const char* start_name(EntityKind kind) {
  switch (kind) {
    case EntityKind::Person:
      return "date of birth";
    case EntityKind::Organisation:
      return "founding date";
    default:
      return "start date";
  }
}

const char* end_name(EntityKind kind) {
  switch (kind) {
    case EntityKind::Person:
      return "date of death";
    case EntityKind::Organisation:
      return "dissolution date";
    default:
      return "end date";
  }
}

class DateInvalid final : public Rule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo kInfo{
        "date.invalid", Severity::Error,
        "an entry's date or an entity's start/end does not parse or is not a real calendar date"};
    return kInfo;
  }
  unsigned scopes() const override { return scope_bit(Scope::Item); }
  void check(const Index&, const Target& target, std::vector<Finding>& out) const override {
    const ItemRec* item = target.item;
    auto report = [&](const std::string& what, std::string_view text, const DateRec& date) {
      if (text.empty() || date.valid || date.range_reversed) return;
      // The index keeps no error texts: parse again for the (rare) reason.
      const DateInfo parsed = parse_edtf(text, item->calendar);
      out.push_back(make_finding(
          info(), item,
          "The " + what + " \"" + std::string(text) + "\" is not a valid date: " + date_error(parsed, text) + "."));
    };
    if (item->is_entry()) {
      report("date", item->date_text(), item->date);
    } else {
      report(start_name(item->entity_kind), item->date_text(), item->date);
      report(end_name(item->entity_kind), item->end_text(), item->end);
    }
  }
};

}  // namespace

const Rule& rule_date_invalid() {
  static const DateInvalid rule;
  return rule;
}

}  // namespace uch::checks
