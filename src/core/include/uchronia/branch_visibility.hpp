// Which entries each branch sees (docs/branches.md, "Which entries a branch sees"): the ONE place
// that decides it, for checks, exports, the CLI and the editor alike. Incremental: an entry
// moved or re-dated recomputes that entry only; a branch changed recomputes only the entries its
// parent sees.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "uchronia/date.hpp"
#include "uchronia/model.hpp"

namespace uch {

class BranchVisibility {
 public:
  /// No branches: one implicit main branch that sees every entry.
  BranchVisibility() { rebuild_tree({}, {}); }
  explicit BranchVisibility(const Document& doc);

  /// False for a document without `branches` (then there is one world, as before the addendum).
  bool has_branches() const { return has_branches_; }
  /// Branch ids sorted; indexes below are into this list. Without branches: {main_branch or ""}.
  const std::vector<std::string>& branch_ids() const { return ids_; }
  std::size_t main_index() const { return main_; }
  std::optional<std::size_t> branch_index(std::string_view id) const;
  /// The branch an entry belongs to: its `branch`, the main branch when empty or naming no branch
  /// (an unknown branch is reported by `check` as branch.unknown; its entry stays checked in main).
  std::size_t home_of(const Entry& e) const;

  bool visible(std::string_view entry_id, std::size_t branch) const;
  /// The branches that see the entry, in branch_ids() order (empty for an unknown id).
  std::vector<std::size_t> worlds_of(std::string_view entry_id) const;
  /// Every entry visible in a branch, by id (in no particular order).
  std::vector<std::string> visible_entries(std::size_t branch) const;

  /// Incremental updates; each returns how many entries' visibility was recomputed.
  std::size_t set_entry(const Entry& e);            // added, moved to another branch or re-dated
  void remove_entry(std::string_view entry_id);
  /// A branch's diverges, keeps or drops changed (same id and parent): recomputes the entries its
  /// parent sees. A new, removed or re-parented branch needs the whole document (a new object).
  std::size_t set_branch(const Branch& b);

  /// The entity as it is in the world of `branch`: the overrides of the branch's ancestors, root
  /// first, then the branch's own (a descendant's override wins). Unknown override fields are ignored.
  Entity entity_in(const Entity& e, std::size_t branch) const;
  /// Ancestors of `branch`, root first, ending with `branch` itself.
  std::vector<std::size_t> lineage(std::size_t branch) const;

 private:
  struct Node {
    Branch branch;
    std::size_t parent = kNone;
    std::vector<std::size_t> children;
    DateInfo diverges;
    std::unordered_set<std::string> keeps, drops;
  };
  struct EntryState {
    std::size_t home = 0;
    bool dated = false;
    DayNumber upper = 0;
    std::vector<bool> worlds;
  };
  static constexpr std::size_t kNone = static_cast<std::size_t>(-1);

  void rebuild_tree(const std::vector<Branch>& branches, const std::string& main_branch);
  void compute(const std::string& id, EntryState& s) const;

  bool has_branches_ = false;
  std::vector<std::string> ids_;
  std::vector<Node> nodes_;
  std::size_t main_ = 0;
  std::unordered_map<std::string, EntryState> entries_;
};

}  // namespace uch
