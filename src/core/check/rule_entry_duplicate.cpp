// Rule entry.duplicate: two entries share the same title (case-insensitive) and the same date string.
#include <algorithm>

#include "check/rule.hpp"

namespace uch::checks {
namespace {

class EntryDuplicate final : public Rule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo kInfo{"entry.duplicate", Severity::Warning,
                                "two entries share the same title (case-insensitive) and the same date string"};
    return kInfo;
  }
  unsigned scopes() const override { return scope_bit(Scope::Group); }

  // One finding per group, on its smallest id, naming the others.
  void check(const Index& index, const Target& target, std::vector<Finding>& out) const override {
    const std::string& key = target.key;
    auto it = index.groups.find(std::hash<std::string>{}(key));
    if (it == index.groups.end() || it->second.size() < 2) return;
    std::vector<std::string> ids;  // the group shares a hash: keep the members with this key
    for (const ItemRec* member : it->second)
      if (group_key_of(*member) == key) ids.push_back(member->id);
    if (ids.size() < 2) return;
    std::sort(ids.begin(), ids.end());
    const ItemRec* subject = index.entry(ids.front());
    if (!subject) return;
    std::vector<std::string> related(ids.begin() + 1, ids.end());
    std::string list;
    for (const std::string& id : related) list += (list.empty() ? "" : ", ") + id;
    std::string message = subject->date_text.empty()
                              ? "Same title as " + list + ", and no date either: a duplicate entry?"
                              : "Same title and date (" + human_date(subject->date_text, subject->calendar) + ") as " +
                                    list + ": a duplicate entry?";
    out.push_back(make_finding(info(), subject, std::move(message), std::move(related)));
  }
};

}  // namespace

const Rule& rule_entry_duplicate() {
  static const EntryDuplicate rule;
  return rule;
}

}  // namespace uch::checks
