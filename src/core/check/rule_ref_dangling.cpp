// Rule ref.dangling: a [[link]] or a relation end names no existing entry or entity.
#include <algorithm>

#include "check/rule.hpp"

namespace uch::checks {
namespace {

std::string relation_text(const Index& index, const RelRec& rel) {
  std::string text = "\"";
  text += index.name(rel.from);
  text += ' ';
  text += to_string(rel.type);
  text += ' ';
  text += index.name(rel.to);
  text += '"';
  return text;
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
    if (target.scope == Scope::Document) {
      check_links(index, nullptr, index.description_links, out);
      // Relations whose two ends name nothing have no item to be about.
      std::vector<const RelRec*> orphans;
      for (const RelRec& rel : index.rels)
        if (rel.copies > 0 && !index.exists(rel.from) && !index.exists(rel.to)) orphans.push_back(&rel);
      std::sort(orphans.begin(), orphans.end(),
                [&](const RelRec* a, const RelRec* b) { return index.relation_less(*a, *b); });
      for (const RelRec* rel : orphans) {
        std::string message =
            "The relation " + relation_text(index, *rel) + " names \"" + std::string(index.name(rel->from)) + "\"";
        if (rel->to != rel->from) message += " and \"" + std::string(index.name(rel->to)) + "\"";
        out.push_back(make_finding(info(), nullptr, message + ", which are no entry or entity."));
      }
      return;
    }
    const ItemRec* item = target.item;
    const std::uint32_t key = item->sid;
    check_links(index, item, item->links, out);
    index.for_each_relation(key, [&](const RelRec& rel) {
      // About `from` when it exists, else about `to`.
      std::uint32_t missing = kNone;
      if (rel.from == key && !index.exists(rel.to))
        missing = rel.to;
      else if (rel.to == key && rel.from != key && !index.exists(rel.from))
        missing = rel.from;
      if (missing != kNone)
        out.push_back(make_finding(info(), item,
                                   "The relation " + relation_text(index, rel) + " names \"" +
                                       std::string(index.name(missing)) + "\", which is no entry or entity."));
    });
  }

 private:
  void check_links(const Index& index, const ItemRec* item, const std::pmr::vector<LinkRec>& links,
                   std::vector<Finding>& out) const {
    for (std::size_t i = 0; i < links.size(); ++i) {
      const LinkRec& link = links[i];
      if (index.resolve(link).count > 0 || index.repeats_earlier(links, i, item)) continue;  // one per target
      out.push_back(make_finding(info(), item,
                                 "The link [[" + std::string(index.target(link, item)) + "]] in the " +
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
