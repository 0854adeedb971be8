// The one place where rules are registered, in the order of the spec table (section 5).
#include "check/rule.hpp"

// Adding a rule: one rule_<name>.cpp defining `const Rule& rule_<name>()`, one line here, its tests.
#define UCH_CHECK_RULES(X) \
  X(date_invalid)          \
  X(date_range_reversed)   \
  X(date_missing)          \
  X(ref_dangling)          \
  X(ref_ambiguous)         \
  X(ref_outside_lifespan)  \
  X(relation_violated)     \
  X(relation_cycle)        \
  X(series_out_of_order)   \
  X(series_duplicate)      \
  X(entry_duplicate)       \
  X(draft_out_of_order)

namespace uch::checks {

#define UCH_DECLARE_RULE(name) const Rule& rule_##name();
UCH_CHECK_RULES(UCH_DECLARE_RULE)
#undef UCH_DECLARE_RULE

const std::vector<const Rule*>& registered_rules() {
#define UCH_LIST_RULE(name) &rule_##name(),
  static const std::vector<const Rule*> rules{UCH_CHECK_RULES(UCH_LIST_RULE)};
#undef UCH_LIST_RULE
  return rules;
}

}  // namespace uch::checks

namespace uch {

const std::vector<RuleInfo>& all_rules() {
  static const std::vector<RuleInfo> infos = [] {
    std::vector<RuleInfo> out;
    for (const checks::Rule* rule : checks::registered_rules()) out.push_back(rule->info());
    return out;
  }();
  return infos;
}

}  // namespace uch
