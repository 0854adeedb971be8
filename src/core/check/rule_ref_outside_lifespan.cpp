// Rule ref.outside-lifespan: an entry links an entity (outside `otl`) but is dated after its end or before its start.
#include "check/rule.hpp"

namespace uch::checks {
namespace {

class RefOutsideLifespan final : public Rule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo kInfo{"ref.outside-lifespan", Severity::Warning,
                                "an entry links an entity (outside otl) and the entry's date is certainly "
                                "after the entity's end or certainly before its start"};
    return kInfo;
  }
  unsigned scopes() const override { return scope_bit(Scope::Item); }

  void check(const Index& index, const Target& target, std::vector<Finding>& out) const override {
    const ItemRec* entry = target.item->is_entry() ? target.item : nullptr;
    if (!entry || !entry->date.valid) return;
    const std::size_t first = out.size();
    const DateInfo date = entry->date.info();
    for (const LinkRec& link : entry->links) {
      if (link.field == LinkField::Otl) continue;  // a link about our timeline
      // Dangling or ambiguous links are reported by their own rules.
      const ItemRec* entity = index.resolve(link).single;
      if (!entity || !entity->is_entity()) continue;
      const DateRec& start = entity->date;
      std::string what;
      if (entity->end.valid && certainly_after(date, entity->end.info())) {
        what = std::string(end_verb(entity->entity_kind)) + " " +
               date_phrase(entity->end_text(), entity->end, entity->calendar);
      } else if (start.valid && certainly_before(date, start.info())) {
        what = std::string(start_verb(entity->entity_kind)) + " " +
               date_phrase(entity->date_text(), start, entity->calendar);
      } else {
        continue;
      }
      bool reported = false;  // once per entity, however often it is linked
      for (std::size_t i = first; i < out.size(); ++i) reported |= out[i].entity == entity->id();
      if (reported) continue;
      Finding finding = make_finding(info(), entry,
                                     std::string(entity->title()) + " " + what + "; this entry is dated " +
                                         human_date(entry->date_text(), entry->calendar) + ".",
                                     {std::string(entity->id())});
      finding.entity = entity->id();
      out.push_back(std::move(finding));
    }
  }
};

}  // namespace

const Rule& rule_ref_outside_lifespan() {
  static const RefOutsideLifespan rule;
  return rule;
}

}  // namespace uch::checks
