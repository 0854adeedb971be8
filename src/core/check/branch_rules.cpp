// The five rules added by branches (docs/branches.md): what the branch fields name, the shape of
// the tree, the divergence dates, the points of divergence, relations no world shows whole.
#include <algorithm>
#include <set>
#include <unordered_map>

#include "uchronia/branch_check.hpp"

namespace uch {

namespace {

constexpr const char* kUnknown = "branch.unknown";
constexpr const char* kTree = "branch.tree";
constexpr const char* kDiverges = "branch.diverges-invalid";
constexpr const char* kPoint = "branch.point-mismatch";
constexpr const char* kAcross = "relation.across-branches";

std::string in_quotes(const std::string& s) { return "'" + s + "'"; }

struct Context {
  const Document& doc;
  const BranchVisibility& v;
  std::unordered_map<std::string_view, const Entry*> entries;
  std::unordered_map<std::string_view, const Entity*> entities;
  std::unordered_map<std::string_view, const Branch*> branches;
  std::vector<Finding> out;

  Context(const Document& d, const BranchVisibility& vis) : doc(d), v(vis) {
    for (const Entry& e : doc.entries) entries.emplace(e.id, &e);
    for (const Entity& e : doc.entities) entities.emplace(e.id, &e);
    for (const Branch& b : doc.branches) branches.emplace(b.id, &b);
  }

  std::string branch_name(const Branch& b) const { return "Branch " + in_quotes(b.name.empty() ? b.id : b.name); }

  /// A finding about an entry, an entity or (both empty) a branch or the document; acknowledged
  /// when its item acknowledges the rule.
  void add(const char* rule, Severity severity, std::string entry, std::string entity, std::string message,
           std::vector<std::string> related, std::vector<std::string> in_branches = {}) {
    Finding f;
    f.rule = rule;
    f.severity = severity;
    f.entry = std::move(entry);
    f.entity = std::move(entity);
    f.message = std::move(message);
    f.related = std::move(related);
    f.branches = std::move(in_branches);
    const std::vector<Acknowledgement>* acks = nullptr;
    if (auto it = entries.find(f.entry); !f.entry.empty() && it != entries.end()) acks = &it->second->acknowledged;
    if (auto it = entities.find(f.entity); !f.entity.empty() && it != entities.end()) acks = &it->second->acknowledged;
    if (acks)
      f.acknowledged = std::any_of(acks->begin(), acks->end(), [&](const Acknowledgement& a) { return a.rule == f.rule; });
    out.push_back(std::move(f));
  }
};

void unknown_names(Context& c) {
  for (const Entry& e : c.doc.entries) {
    if (!e.branch.empty() && !c.branches.contains(e.branch))
      c.add(kUnknown, Severity::Error, e.id, "", "Its branch " + in_quotes(e.branch) + " names no branch", {e.branch});
  }
  for (const Entity& e : c.doc.entities)
    for (const EntityOverride& o : e.in_branches)
      if (!c.branches.contains(o.branch))
        c.add(kUnknown, Severity::Error, "", e.id, "It is overridden in " + in_quotes(o.branch) + ", which names no branch",
              {o.branch});
  for (const Branch& b : c.doc.branches) {
    if (!b.parent.empty() && !c.branches.contains(b.parent))
      c.add(kUnknown, Severity::Error, "", "", c.branch_name(b) + ": its parent " + in_quotes(b.parent) + " names no branch",
            {b.id, b.parent}, {b.id});
    if (!b.point.empty() && !c.entries.contains(b.point))
      c.add(kUnknown, Severity::Error, "", "", c.branch_name(b) + ": its point " + in_quotes(b.point) + " names no entry",
            {b.id, b.point}, {b.id});
    for (const auto* list : {&b.keeps, &b.drops})
      for (const std::string& id : *list)
        if (!c.entries.contains(id))
          c.add(kUnknown, Severity::Error, "", "",
                c.branch_name(b) + ": " + (list == &b.keeps ? "keeps " : "drops ") + in_quotes(id) + ", which names no entry",
                {b.id, id}, {b.id});
  }
  if (!c.doc.main_branch.empty() && !c.branches.contains(c.doc.main_branch))
    c.add(kUnknown, Severity::Error, "", "", "main_branch " + in_quotes(c.doc.main_branch) + " names no branch",
          {c.doc.main_branch});
}

void tree_shape(Context& c) {
  if (c.doc.branches.empty()) return;
  std::vector<std::string> roots;
  for (const Branch& b : c.doc.branches)
    if (b.parent.empty()) roots.push_back(b.id);
  std::sort(roots.begin(), roots.end());
  if (roots.empty()) c.add(kTree, Severity::Error, "", "", "The branches have no root: every branch has a parent", {});
  if (roots.size() > 1) {
    std::string list;
    for (const std::string& r : roots) list += (list.empty() ? "" : ", ") + in_quotes(r);
    c.add(kTree, Severity::Error, "", "", "The branches have " + std::to_string(roots.size()) + " roots (" + list +
                                              "); exactly one branch, the main branch, has no parent", roots);
  }
  if (!c.doc.main_branch.empty()) {
    const auto it = c.branches.find(c.doc.main_branch);
    if (it != c.branches.end() && !it->second->parent.empty())
      c.add(kTree, Severity::Error, "", "",
            "main_branch " + in_quotes(c.doc.main_branch) + " has a parent; the main branch is the root", {c.doc.main_branch});
  }
  // Cycles: follow parents from every branch; each cycle reported once, its members sorted.
  std::set<std::vector<std::string>> cycles;
  for (const Branch& start : c.doc.branches) {
    std::vector<std::string> path;
    const Branch* b = &start;
    while (b && !b->parent.empty()) {
      const auto at = std::find(path.begin(), path.end(), b->id);
      if (at != path.end()) {
        std::vector<std::string> cycle(at, path.end());
        std::sort(cycle.begin(), cycle.end());
        cycles.insert(cycle);
        break;
      }
      path.push_back(b->id);
      const auto p = c.branches.find(b->parent);
      b = p == c.branches.end() ? nullptr : p->second;
    }
  }
  for (const auto& cycle : cycles) {
    std::string list;
    for (const std::string& id : cycle) list += (list.empty() ? "" : ", ") + in_quotes(id);
    c.add(kTree, Severity::Error, "", "", "The branches " + list + " are each other's ancestors (a cycle)", cycle, cycle);
  }
}

void divergences(Context& c) {
  for (const Branch& b : c.doc.branches) {
    if (b.parent.empty()) continue;
    if (b.diverges.empty()) {
      c.add(kDiverges, Severity::Error, "", "", c.branch_name(b) + " has a parent but no 'diverges' date", {b.id}, {b.id});
      continue;
    }
    const DateInfo d = parse_edtf(b.diverges);
    if (!d.valid) {
      c.add(kDiverges, Severity::Error, "", "", c.branch_name(b) + ": 'diverges' is not a valid date: " + d.error, {b.id},
            {b.id});
      continue;
    }
    const auto p = c.branches.find(b.parent);
    if (p == c.branches.end() || p->second->parent.empty() || p->second->diverges.empty()) continue;
    const DateInfo pd = parse_edtf(p->second->diverges);
    if (pd.valid && certainly_before(d, pd))
      c.add(kDiverges, Severity::Error, "", "",
            c.branch_name(b) + " diverges on " + format_human(b.diverges) + ", before its parent " +
                in_quotes(p->second->name.empty() ? p->second->id : p->second->name) + " itself diverges (" +
                format_human(p->second->diverges) + ")",
            {b.id, p->second->id}, {b.id});
  }
}

void points(Context& c) {
  for (const Branch& b : c.doc.branches) {
    if (b.point.empty()) continue;
    const auto it = c.entries.find(b.point);
    if (it == c.entries.end()) continue;  // branch.unknown says so
    const Entry& point = *it->second;
    const auto index = c.v.branch_index(b.id);
    if (index && !c.v.visible(point.id, *index)) {
      c.add(kPoint, Severity::Warning, point.id, "",
            "It is the point of divergence of " + in_quotes(b.name) + " but is not visible in that branch", {b.id}, {b.id});
      continue;
    }
    const DateInfo d = parse_edtf(b.diverges), pd = parse_edtf(point.date, point.calendar);
    if (d.valid && pd.valid && (certainly_before(pd, d) || certainly_after(pd, d)))
      c.add(kPoint, Severity::Warning, point.id, "",
            "It is the point of divergence of " + in_quotes(b.name) + " (" + format_human(b.diverges) + ") but is dated " +
                format_human(point.date, point.calendar),
            {b.id}, {b.id});
  }
}

void across(Context& c) {
  if (c.doc.branches.empty()) return;
  for (const Relation& r : c.doc.relations) {
    if (!c.entries.contains(r.from) || !c.entries.contains(r.to)) continue;  // not two entries: other rules
    const auto a = c.v.worlds_of(r.from), b = c.v.worlds_of(r.to);
    const bool together = std::any_of(a.begin(), a.end(), [&](std::size_t w) { return std::find(b.begin(), b.end(), w) != b.end(); });
    if (!together)
      c.add(kAcross, Severity::Warning, r.from, "",
            std::string("Its relation '") + to_string(r.type) + "' to " + in_quotes(r.to) +
                " holds in no branch: no world shows both entries",
            {r.to});
  }
}

}  // namespace

const std::vector<RuleInfo>& branch_rules() {
  static const std::vector<RuleInfo> rules = {
      {kUnknown, Severity::Error, "a branch field names nothing of the expected kind"},
      {kTree, Severity::Error, "the branches do not make up a single tree"},
      {kDiverges, Severity::Error, "a child branch's diverges is missing, invalid or before its parent's"},
      {kPoint, Severity::Warning, "the point of divergence is dated otherwise or not visible in its branch"},
      {kAcross, Severity::Warning, "no branch shows both entries of a relation"},
  };
  return rules;
}

std::vector<Finding> check_branch_rules(const Document& doc, const BranchVisibility& visibility) {
  // Nearly every document has no branch field at all: say so after one pass, no index built.
  if (doc.branches.empty() && doc.main_branch.empty() &&
      std::none_of(doc.entries.begin(), doc.entries.end(), [](const Entry& e) { return !e.branch.empty(); }) &&
      std::none_of(doc.entities.begin(), doc.entities.end(), [](const Entity& e) { return !e.in_branches.empty(); }))
    return {};
  Context c(doc, visibility);
  unknown_names(c);
  tree_shape(c);
  divergences(c);
  points(c);
  across(c);
  return std::move(c.out);
}

}  // namespace uch
