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
    const auto group = index.groups.find(target.key);
    const std::uint32_t head = group == index.groups.end() ? kNone : group->second;
    if (head == kNone || index.items[head].next_in_group == kNone) return;  // fewer than two entries
    // Entries sharing the hash, by group key (usually one key: the hash rarely collides).
    std::vector<std::pair<std::string, const ItemRec*>> members;
    for (std::uint32_t slot = head; slot != kNone; slot = index.items[slot].next_in_group)
      members.emplace_back(group_key_of(index.items[slot]), &index.items[slot]);
    std::sort(members.begin(), members.end(), [](const auto& a, const auto& b) {
      return a.first != b.first ? a.first < b.first : a.second->id() < b.second->id();
    });
    for (std::size_t i = 0; i < members.size();) {
      std::size_t j = i;
      while (j < members.size() && members[j].first == members[i].first) ++j;
      if (j - i > 1) report(members, i, j, out);
      i = j;
    }
  }

 private:
  void report(const std::vector<std::pair<std::string, const ItemRec*>>& members, std::size_t from, std::size_t to,
              std::vector<Finding>& out) const {
    const ItemRec* subject = members[from].second;  // the smallest id
    std::vector<std::string> related;
    std::string list;
    for (std::size_t k = from + 1; k < to; ++k) {
      related.emplace_back(members[k].second->id());
      list += (list.empty() ? "" : ", ") + related.back();
    }
    std::string message = subject->date_text().empty()
                              ? "Same title as " + list + ", and no date either: a duplicate entry?"
                              : "Same title and date (" + human_date(subject->date_text(), subject->calendar) +
                                    ") as " + list + ": a duplicate entry?";
    out.push_back(make_finding(info(), subject, std::move(message), std::move(related)));
  }
};

}  // namespace

const Rule& rule_entry_duplicate() {
  static const EntryDuplicate rule;
  return rule;
}

}  // namespace uch::checks
