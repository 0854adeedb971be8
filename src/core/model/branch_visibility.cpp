// The visibility rule of docs/branches.md, computed per entry as a set of worlds.
#include "uchronia/branch_visibility.hpp"

#include <algorithm>
#include <nlohmann/json.hpp>

namespace uch {

BranchVisibility::BranchVisibility(const Document& doc) {
  rebuild_tree(doc.branches, doc.main_branch);
  entries_.reserve(doc.entries.size());
  for (const Entry& e : doc.entries) set_entry(e);
}

void BranchVisibility::rebuild_tree(const std::vector<Branch>& branches, const std::string& main_branch) {
  has_branches_ = !branches.empty();
  nodes_.clear();
  ids_.clear();
  if (!has_branches_) {
    Node n;
    n.branch.id = main_branch;
    nodes_.push_back(std::move(n));
    ids_.push_back(main_branch);
    main_ = 0;
    return;
  }
  std::vector<Branch> sorted = branches;
  std::stable_sort(sorted.begin(), sorted.end(), [](const Branch& a, const Branch& b) { return a.id < b.id; });
  // A repeated id (import refuses it; only a document built in memory has one): the first counts.
  sorted.erase(std::unique(sorted.begin(), sorted.end(), [](const Branch& a, const Branch& b) { return a.id == b.id; }),
               sorted.end());
  for (Branch& b : sorted) {
    ids_.push_back(b.id);
    Node n;
    n.diverges = parse_edtf(b.diverges);
    n.keeps.insert(b.keeps.begin(), b.keeps.end());
    n.drops.insert(b.drops.begin(), b.drops.end());
    n.branch = std::move(b);
    nodes_.push_back(std::move(n));
  }
  for (std::size_t i = 0; i < nodes_.size(); ++i) {
    const std::string& parent = nodes_[i].branch.parent;
    if (parent.empty()) continue;
    if (const auto p = branch_index(parent); p && *p != i) {
      nodes_[i].parent = *p;
      nodes_[*p].children.push_back(i);
    }
  }
  // The main branch: the one main_branch names, else the first without a parent, else the first.
  main_ = 0;
  if (const auto named = branch_index(main_branch)) {
    main_ = *named;
  } else {
    for (std::size_t i = 0; i < nodes_.size(); ++i)
      if (nodes_[i].branch.parent.empty()) {
        main_ = i;
        break;
      }
  }
}

std::optional<std::size_t> BranchVisibility::branch_index(std::string_view id) const {
  const auto it = std::lower_bound(ids_.begin(), ids_.end(), id);
  if (it == ids_.end() || *it != id) return std::nullopt;
  return static_cast<std::size_t>(it - ids_.begin());
}

std::size_t BranchVisibility::home_of(const Entry& e) const {
  if (e.branch.empty() || !has_branches_) return main_;
  return branch_index(e.branch).value_or(main_);
}

void BranchVisibility::compute(const std::string& id, EntryState& s) const {
  s.worlds.assign(nodes_.size(), false);
  s.worlds[s.home] = true;
  if (!s.dated && nodes_[s.home].children.empty()) return;
  // Down the tree from the entry's own branch: a child inherits what its parent sees when the
  // entry is not dropped there and is certainly before the divergence or kept. The bit already
  // set stops a walk round a cycle (branch.tree reports the cycle).
  std::vector<std::size_t> todo{s.home};
  while (!todo.empty()) {
    const std::size_t p = todo.back();
    todo.pop_back();
    for (const std::size_t c : nodes_[p].children) {
      if (s.worlds[c]) continue;
      const Node& child = nodes_[c];
      if (child.drops.contains(id)) continue;
      // Undated: own branch only, kept or not.
      const bool before = s.dated && child.diverges.valid && s.upper < child.diverges.lower;
      if (!s.dated || !(before || child.keeps.contains(id))) continue;
      s.worlds[c] = true;
      todo.push_back(c);
    }
  }
}

std::size_t BranchVisibility::set_entry(const Entry& e) {
  EntryState& s = entries_[e.id];
  s.home = home_of(e);
  s.dated = false;
  if (!e.date.empty()) {
    const DateInfo info = parse_edtf(e.date, e.calendar);
    // An invalid date is not certainly before anything: inherited only when kept.
    s.dated = true;
    s.upper = info.valid ? info.upper : kUnboundedHigh;
  }
  compute(e.id, s);
  return 1;
}

void BranchVisibility::remove_entry(std::string_view entry_id) { entries_.erase(std::string(entry_id)); }

std::size_t BranchVisibility::set_branch(const Branch& b) {
  const auto i = branch_index(b.id);
  if (!i) return 0;
  Node& n = nodes_[*i];
  n.branch.diverges = b.diverges;
  n.branch.keeps = b.keeps;
  n.branch.drops = b.drops;
  n.branch.point = b.point;
  n.branch.name = b.name;
  n.diverges = parse_edtf(b.diverges);
  n.keeps = {b.keeps.begin(), b.keeps.end()};
  n.drops = {b.drops.begin(), b.drops.end()};
  if (n.parent == kNone) return 0;  // a root inherits nothing
  std::size_t recomputed = 0;
  for (auto& [id, s] : entries_) {
    if (!s.worlds[n.parent]) continue;  // only what the parent sees can reach this branch
    compute(id, s);
    ++recomputed;
  }
  return recomputed;
}

bool BranchVisibility::visible(std::string_view entry_id, std::size_t branch) const {
  const auto it = entries_.find(std::string(entry_id));
  return it != entries_.end() && branch < it->second.worlds.size() && it->second.worlds[branch];
}

std::vector<std::size_t> BranchVisibility::worlds_of(std::string_view entry_id) const {
  std::vector<std::size_t> out;
  const auto it = entries_.find(std::string(entry_id));
  if (it == entries_.end()) return out;
  for (std::size_t b = 0; b < it->second.worlds.size(); ++b)
    if (it->second.worlds[b]) out.push_back(b);
  return out;
}

std::vector<std::string> BranchVisibility::visible_entries(std::size_t branch) const {
  std::vector<std::string> out;
  for (const auto& [id, s] : entries_)
    if (branch < s.worlds.size() && s.worlds[branch]) out.push_back(id);
  return out;
}

std::vector<std::size_t> BranchVisibility::lineage(std::size_t branch) const {
  std::vector<std::size_t> out;
  for (std::size_t b = branch; b != kNone && b < nodes_.size(); b = nodes_[b].parent) {
    if (std::find(out.begin(), out.end(), b) != out.end()) break;  // a cycle
    out.push_back(b);
  }
  std::reverse(out.begin(), out.end());
  return out;
}

Entity BranchVisibility::entity_in(const Entity& e, std::size_t branch) const {
  if (e.in_branches.empty() || !has_branches_) return e;
  Entity out = e;
  for (const std::size_t b : lineage(branch)) {
    const auto o = std::find_if(e.in_branches.begin(), e.in_branches.end(),
                                [&](const EntityOverride& x) { return x.branch == ids_[b]; });
    if (o == e.in_branches.end()) continue;
    const nlohmann::json f = nlohmann::json::parse(o->fields, nullptr, false);
    if (!f.is_object()) continue;
    const auto text = [&](const char* key, std::string& field) {
      if (const auto it = f.find(key); it != f.end() && it->is_string()) field = it->get<std::string>();
    };
    text("name", out.name);
    text("start", out.start);
    text("end", out.end);
    text("notes", out.notes);
    if (const auto it = f.find("kind"); it != f.end() && it->is_string())
      out.kind = entity_kind_from_string(it->get<std::string>()).value_or(out.kind);
    if (const auto it = f.find("calendar"); it != f.end() && it->is_string())
      out.calendar = it->get<std::string>() == "julian" ? Calendar::Julian : Calendar::Gregorian;
    if (const auto it = f.find("aliases"); it != f.end() && it->is_array()) {
      out.aliases.clear();
      for (const auto& a : *it)
        if (a.is_string()) out.aliases.push_back(a.get<std::string>());
    }
  }
  return out;
}

}  // namespace uch
