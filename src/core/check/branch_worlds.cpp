// Checks per world: each branch's world checked by the ordinary rules, findings merged across worlds.
#include <algorithm>
#include <map>
#include <unordered_map>
#include <unordered_set>

#include "uchronia/branch_check.hpp"

namespace uch {

namespace {

/// Entry ids of the document, for "is this relation end an entry at all".
std::unordered_set<std::string_view> entry_ids(const Document& doc) {
  std::unordered_set<std::string_view> ids;
  ids.reserve(doc.entries.size());
  for (const Entry& e : doc.entries) ids.insert(e.id);
  return ids;
}

/// Which entries, entities and relations of `doc` the world keeps (by index).
struct Selection {
  std::vector<bool> entries;
  std::vector<std::size_t> relations;
};

Selection select(const Document& doc, const BranchVisibility& v, std::size_t branch) {
  Selection s;
  s.entries.resize(doc.entries.size());
  for (std::size_t i = 0; i < doc.entries.size(); ++i) s.entries[i] = v.visible(doc.entries[i].id, branch);
  const auto ids = entry_ids(doc);
  const auto shown = [&](const std::string& id) { return !ids.contains(id) || v.visible(id, branch); };
  for (std::size_t i = 0; i < doc.relations.size(); ++i)
    if (shown(doc.relations[i].from) && shown(doc.relations[i].to)) s.relations.push_back(i);
  return s;
}

Document world_from(const Document& doc, const BranchVisibility& v, std::size_t branch, const Selection& s) {
  Document w;
  w.title = doc.title;
  w.description = doc.description;
  w.extra = doc.extra;
  w.branches = doc.branches;
  w.main_branch = doc.main_branch;
  w.entities.reserve(doc.entities.size());
  for (const Entity& e : doc.entities) w.entities.push_back(v.entity_in(e, branch));
  for (std::size_t i = 0; i < doc.entries.size(); ++i)
    if (s.entries[i]) w.entries.push_back(doc.entries[i]);
  for (const std::size_t r : s.relations) w.relations.push_back(doc.relations[r]);
  return w;
}

/// A finding without its branches, as a key for "the same finding in another world".
std::string key_of(const Finding& f) {
  std::string key = f.rule + '\x1f' + f.entry + '\x1f' + f.entity + '\x1f' + f.message + '\x1f';
  for (const std::string& r : f.related) key += r + '\x1e';
  key += f.acknowledged ? '1' : '0';
  return key;
}

/// Runs `check_one(world index)` for each world to check and merges the findings.
template <class CheckOne>
std::vector<Finding> merge_worlds(const Document& doc, const BranchVisibility& v, const std::string& only,
                                  CheckOne&& check_one) {
  std::vector<std::size_t> worlds;
  if (!only.empty()) {
    const auto b = v.branch_index(only);
    if (!b || !v.has_branches()) {
      std::string known;
      for (const std::string& id : v.branch_ids()) known += (known.empty() ? "" : ", ") + id;
      throw Error("--branch: no branch '" + only + "'" + (v.has_branches() ? " (branches: " + known + ")" : " (the document has no branches)"));
    }
    worlds.push_back(*b);
  } else {
    for (std::size_t b = 0; b < v.branch_ids().size(); ++b) worlds.push_back(b);
  }
  std::vector<Finding> merged;
  std::unordered_map<std::string, std::size_t> seen;
  for (const std::size_t w : worlds) {  // in id order: each finding's branches come out sorted
    for (Finding& f : check_one(w)) {
      const auto [it, inserted] = seen.emplace(key_of(f), merged.size());
      if (inserted) merged.push_back(std::move(f));
      merged[it->second].branches.push_back(v.branch_ids()[w]);
    }
  }
  // Chronological by subject entry (as the checker orders them), entity and document findings after.
  std::unordered_map<std::string_view, EntryExportKey> keys;
  for (const Entry& e : doc.entries) keys[e.id].set(e);
  std::stable_sort(merged.begin(), merged.end(), [&](const Finding& a, const Finding& b) {
    const auto ka = keys.find(a.entry), kb = keys.find(b.entry);
    const bool ha = ka != keys.end(), hb = kb != keys.end();
    if (ha != hb) return ha;
    if (ha && (ka->second < kb->second || kb->second < ka->second)) return ka->second < kb->second;
    return false;
  });
  return merged;
}

void add_branch_rules(std::vector<Finding>& findings, const Document& doc, const BranchVisibility& v,
                      const std::string& only) {
  for (Finding& f : check_branch_rules(doc, v)) {
    if (!only.empty() && !f.branches.empty() &&
        std::find(f.branches.begin(), f.branches.end(), only) == f.branches.end())
      continue;
    findings.push_back(std::move(f));
  }
}

}  // namespace

Document world_of(const Document& doc, const BranchVisibility& v, std::size_t branch) {
  return world_from(doc, v, branch, select(doc, v, branch));
}

CheckInput world_of(const CheckInput& input, const BranchVisibility& v, std::size_t branch) {
  const Selection s = select(input.doc, v, branch);
  CheckInput w;
  w.doc = world_from(input.doc, v, branch, s);
  // Items are numbered entities, entries, then the description: keep the links of the items kept.
  const DocumentLinks& from = input.links;
  const std::size_t entities = input.doc.entities.size();
  const auto copy_item = [&](std::size_t item) {
    w.links.start_item();
    if (item >= from.items()) return;
    for (const DocumentLinks::Link& l : from.of(item)) w.links.add(from.target(l), l.field);
  };
  for (std::size_t i = 0; i < entities; ++i) copy_item(i);
  for (std::size_t i = 0; i < input.doc.entries.size(); ++i)
    if (s.entries[i]) copy_item(entities + i);
  copy_item(entities + input.doc.entries.size());  // the description
  w.links.start_item();
  return w;
}

std::vector<Finding> check_worlds(const CheckInput& input, const std::string& only_branch) {
  std::vector<Finding> findings;
  if (input.doc.branches.empty() && only_branch.empty()) {  // one world: no visibility to compute
    findings = check_document(input);
    add_branch_rules(findings, input.doc, BranchVisibility(), only_branch);
    return findings;
  }
  const BranchVisibility v(input.doc);
  {
    findings = merge_worlds(input.doc, v, only_branch, [&](std::size_t w) { return check_document(world_of(input, v, w)); });
  }
  add_branch_rules(findings, input.doc, v, only_branch);
  return findings;
}

std::vector<Finding> check_worlds(const Document& doc, const std::string& only_branch) {
  std::vector<Finding> findings;
  if (doc.branches.empty() && only_branch.empty()) {  // one world: no visibility to compute
    findings = check_document(doc);
    add_branch_rules(findings, doc, BranchVisibility(), only_branch);
    return findings;
  }
  const BranchVisibility v(doc);
  {
    findings = merge_worlds(doc, v, only_branch, [&](std::size_t w) { return check_document(world_of(doc, v, w)); });
  }
  add_branch_rules(findings, doc, v, only_branch);
  return findings;
}

}  // namespace uch
