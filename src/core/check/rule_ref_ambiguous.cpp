// Rule ref.ambiguous: a [[link]] matches more than one entry or entity.
#include "check/rule.hpp"

namespace uch::checks {
namespace {

class RefAmbiguous final : public Rule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo kInfo{"ref.ambiguous", Severity::Warning, "a link matches more than one entry/entity"};
    return kInfo;
  }
  unsigned scopes() const override { return scope_bit(Scope::Item) | scope_bit(Scope::Document); }

  void check(const Index& index, const Target& target, std::vector<Finding>& out) const override {
    const Scope scope = target.scope;
    const ItemRec* item = nullptr;
    if (scope == Scope::Item) {
      item = target.item;
    }
    const LinkList& list = item ? item->links : index.description_links;
    for (std::size_t i = 0; i < list.links.size(); ++i) {
      const LinkRec& link = list.links[i];
      const std::vector<std::string>& ids = index.resolve(*target.cache, list, link).ids;
      if (ids.size() < 2 || list.repeats_earlier(i)) continue;  // one finding per target
      std::string names;
      for (const std::string& id : ids) names += (names.empty() ? "" : ", ") + id;
      out.push_back(make_finding(info(), item,
                                 "The link [[" + std::string(list.target(link)) + "]] in the " +
                                     field_name(link.field) + " matches " + std::to_string(ids.size()) +
                                     " items: " + names + "; link to one id.",
                                 ids));
    }
  }
};

}  // namespace

const Rule& rule_ref_ambiguous() {
  static const RefAmbiguous rule;
  return rule;
}

}  // namespace uch::checks
