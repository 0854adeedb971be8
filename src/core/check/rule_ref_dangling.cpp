// Rule ref.dangling: a [[link]] or a relation end names no existing entry or entity.
#include <algorithm>

#include "check/rule.hpp"

namespace uch::checks {
namespace {

std::string relation_text(const RelKey& rel) {
  return "\"" + rel.from + " " + to_string(rel.type) + " " + rel.to + "\"";
}

class RefDangling final : public Rule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo kInfo{"ref.dangling", Severity::Error,
                                "a link or relation names no existing entry or entity"};
    return kInfo;
  }
  unsigned scopes() const override { return scope_bit(Scope::Item) | scope_bit(Scope::Document); }

  void check(const Index& index, const Target& target, std::vector<Finding>& out) const override {
    const std::string& key = target.key;
    const Scope scope = target.scope;
    if (scope == Scope::Document) {
      check_links(index, target, nullptr, index.description_links, out);
      // Relations whose two ends name nothing have no item to be about.
      std::vector<const RelKey*> orphans;
      for (const auto& [rel, count] : index.relations)
        if (!index.exists(rel.from) && !index.exists(rel.to)) orphans.push_back(&rel);
      std::sort(orphans.begin(), orphans.end(), [](const RelKey* a, const RelKey* b) { return *a < *b; });
      for (const RelKey* rel : orphans) {
        std::string message = "The relation " + relation_text(*rel) + " names \"" + rel->from + "\"";
        if (rel->to != rel->from) message += " and \"" + rel->to + "\"";
        out.push_back(make_finding(info(), nullptr, message + ", which are no entry or entity."));
      }
      return;
    }
    const ItemRec* item = target.item;
    check_links(index, target, item, item->links, out);
    for (const RelKey* relation : *target.relations) {
      const RelKey& rel = *relation;
      // About `from` when it exists, else about `to`.
      const std::string* missing = nullptr;
      if (rel.from == key && !index.exists(rel.to))
        missing = &rel.to;
      else if (rel.to == key && rel.from != key && !index.exists(rel.from))
        missing = &rel.from;
      if (missing)
        out.push_back(make_finding(
            info(), item,
            "The relation " + relation_text(rel) + " names \"" + *missing + "\", which is no entry or entity."));
    }
  }

 private:
  void check_links(const Index& index, const Target& target, const ItemRec* item, const LinkList& list,
                   std::vector<Finding>& out) const {
    for (std::size_t i = 0; i < list.links.size(); ++i) {
      const LinkRec& link = list.links[i];
      if (!index.resolve(*target.cache, list, link).ids.empty() || list.repeats_earlier(i)) continue;  // one per target
      out.push_back(make_finding(info(), item,
                                 "The link [[" + std::string(list.target(link)) + "]] in the " +
                                     field_name(link.field) + " names no entry or entity."));
    }
  }
};

}  // namespace

const Rule& rule_ref_dangling() {
  static const RefDangling rule;
  return rule;
}

}  // namespace uch::checks
