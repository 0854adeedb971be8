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
    const ItemRec* item = target.scope == Scope::Item ? target.item : nullptr;
    const std::pmr::vector<LinkRec>& links = item ? item->links : index.description_links;
    for (std::size_t i = 0; i < links.size(); ++i) {
      const LinkRec& link = links[i];
      if (index.resolve(link).count < 2 || index.repeats_earlier(links, i, item)) continue;  // one finding per target
      std::vector<std::string> ids = index.named_ids(link);
      std::string names;
      for (const std::string& id : ids) names += (names.empty() ? "" : ", ") + id;
      out.push_back(make_finding(info(), item,
                                 "The link [[" + std::string(index.target(link, item)) + "]] in the " +
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
