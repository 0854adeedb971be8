// Cycles of the ordering graph (before/causes/after between existing entries): iterative
// Tarjan for the full check, and local updates after a change.
#include <algorithm>
#include <unordered_set>

#include "check/rule.hpp"

namespace uch::checks {

std::vector<std::vector<int>> strongly_connected(const std::vector<std::vector<int>>& adj) {
  const int n = static_cast<int>(adj.size());
  std::vector<int> index(n, -1), low(n, 0);
  std::vector<char> on_stack(n, 0);
  std::vector<int> stack;
  std::vector<std::pair<int, std::size_t>> call;  // (node, next edge)
  std::vector<std::vector<int>> components;
  int counter = 0;
  for (int root = 0; root < n; ++root) {
    if (index[root] != -1) continue;
    call.push_back({root, 0});
    index[root] = low[root] = counter++;
    stack.push_back(root);
    on_stack[root] = 1;
    while (!call.empty()) {
      auto& [v, edge] = call.back();
      if (edge < adj[v].size()) {
        const int w = adj[v][edge++];
        if (index[w] == -1) {
          index[w] = low[w] = counter++;
          stack.push_back(w);
          on_stack[w] = 1;
          call.push_back({w, 0});
        } else if (on_stack[w]) {
          low[v] = std::min(low[v], index[w]);
        }
        continue;
      }
      const int done = v;
      call.pop_back();
      if (!call.empty()) low[call.back().first] = std::min(low[call.back().first], low[done]);
      if (low[done] == index[done]) {
        std::vector<int> component;
        int w;
        do {
          w = stack.back();
          stack.pop_back();
          on_stack[w] = 0;
          component.push_back(w);
        } while (w != done);
        components.push_back(std::move(component));
      }
    }
  }
  return components;
}

DayNumber order_rank(const ItemRec& item) { return item.date.valid ? item.date.cmp_lower : kUnboundedHigh; }

std::size_t backward_edge(const Index& index, const RelRec& rel) {
  if (!is_ordering(rel.type)) return 0;
  const ItemRec* from = index.entry_by_sid(rel.from);
  const ItemRec* to = from ? index.entry_by_sid(rel.to) : nullptr;
  if (!to) return 0;
  const bool forward = rel.type != RelationType::After;
  const ItemRec& tail = forward ? *from : *to;
  const ItemRec& head = forward ? *to : *from;
  return order_rank(tail) > order_rank(head) ? 1 : 0;
}

std::size_t count_backward_edges(const Index& index) {
  std::size_t count = 0;
  for (const RelRec& rel : index.rels)
    if (rel.copies > 0) count += backward_edge(index, rel);
  return count;
}

namespace {

void register_cycle(Index& index, std::vector<std::uint32_t> members, std::unordered_set<std::uint32_t>& dirty) {
  std::sort(members.begin(), members.end(),
            [&](std::uint32_t a, std::uint32_t b) { return index.name(a) < index.name(b); });
  const int id = index.next_cycle_id++;
  for (std::uint32_t member : members) index.cycle_of[member] = id;
  dirty.insert(members.front());
  index.cycles.emplace(id, std::move(members));
}

bool has_self_edge(const Index& index, std::uint32_t sid) {
  bool found = false;
  index.for_each_relation(
      sid, [&](const RelRec& rel) { found |= is_ordering(rel.type) && rel.from == sid && rel.to == sid; });
  return found;
}

}  // namespace

void find_all_cycles(Index& index, std::unordered_set<std::uint32_t>& dirty) {
  for (const auto& [id, members] : index.cycles)
    for (std::uint32_t member : members) index.cycle_of[member] = -1;
  index.cycles.clear();
  // Graph nodes: the entries with ordering edges, numbered as met.
  std::vector<int> node_of(index.items.size(), -1);
  std::vector<std::uint32_t> sids;
  std::vector<std::vector<int>> adj;
  auto node = [&](const ItemRec* item) {
    int& node = node_of[static_cast<std::size_t>(item - index.items.data())];
    if (node < 0) {
      node = static_cast<int>(sids.size());
      sids.push_back(item->sid);
      adj.emplace_back();
    }
    return node;
  };
  for (const RelRec& rel : index.rels) {
    if (rel.copies == 0 || !is_ordering(rel.type)) continue;
    const ItemRec* from = index.entry_by_sid(rel.from);
    const ItemRec* to = from ? index.entry_by_sid(rel.to) : nullptr;
    if (!to) continue;
    const bool forward = rel.type != RelationType::After;
    const int tail = node(forward ? from : to);
    const int head = node(forward ? to : from);
    adj[tail].push_back(head);
  }
  for (auto& component : strongly_connected(adj)) {
    const int first = component.front();
    const bool cyclic =
        component.size() > 1 || std::find(adj[first].begin(), adj[first].end(), first) != adj[first].end();
    if (!cyclic) continue;
    std::vector<std::uint32_t> members;
    for (int v : component) members.push_back(sids[v]);
    register_cycle(index, std::move(members), dirty);
  }
}

namespace {

/// The strongly connected component of `sid` in the current graph (forward reach, then
/// backward reach inside it). Without backward edges it lies within the rank of `sid`.
void component_of(const Index& index, std::uint32_t sid, std::unordered_set<std::uint32_t>& out) {
  const ItemRec* start = index.entry_by_sid(sid);
  if (!start) return;
  std::vector<std::uint32_t> next;
  index.ordering_neighbours(sid, true, next);
  if (next.empty()) return out.insert(sid), void();
  index.ordering_neighbours(sid, false, next);
  if (next.empty()) return out.insert(sid), void();
  const bool same_rank_only = index.backward_edges == 0;
  const DayNumber start_rank = order_rank(*start);
  std::unordered_set<std::uint32_t> forward{sid};
  std::vector<std::uint32_t> todo{sid};
  while (!todo.empty()) {
    const std::uint32_t v = todo.back();
    todo.pop_back();
    index.ordering_neighbours(v, true, next);
    for (std::uint32_t w : next) {
      if (same_rank_only && order_rank(*index.entry_by_sid(w)) != start_rank) continue;
      if (forward.insert(w).second) todo.push_back(w);
    }
  }
  std::unordered_set<std::uint32_t> backward{sid};
  todo.push_back(sid);
  while (!todo.empty()) {
    const std::uint32_t v = todo.back();
    todo.pop_back();
    index.ordering_neighbours(v, false, next);
    for (std::uint32_t w : next)
      if (forward.count(w) && backward.insert(w).second) todo.push_back(w);
  }
  out.insert(backward.begin(), backward.end());
}

}  // namespace

void update_cycles(Index& index, const std::vector<std::uint32_t>& ends, bool added,
                   std::unordered_set<std::uint32_t>& dirty) {
  std::unordered_set<std::uint32_t> nodes;
  for (std::uint32_t end : ends) {
    if (added) {
      if (!nodes.count(end)) component_of(index, end, nodes);  // else: in the component just found
    } else if (index.cycle_of[end] >= 0)
      nodes.insert(end);
  }
  if (nodes.empty()) return;
  std::unordered_set<int> old_cycles;
  for (std::uint32_t sid : nodes)
    if (index.cycle_of[sid] >= 0) old_cycles.insert(index.cycle_of[sid]);
  for (int cycle : old_cycles) {
    auto it = index.cycles.find(cycle);
    for (std::uint32_t member : it->second) {
      nodes.insert(member);
      index.cycle_of[member] = -1;
    }
    dirty.insert(it->second.front());
    index.cycles.erase(it);
  }
  std::vector<std::uint32_t> sids;
  std::unordered_map<std::uint32_t, int> node_of;
  for (std::uint32_t sid : nodes) {
    if (!index.entry_by_sid(sid)) continue;
    node_of.emplace(sid, static_cast<int>(sids.size()));
    sids.push_back(sid);
  }
  std::vector<std::vector<int>> adj(sids.size());
  std::vector<std::uint32_t> next;
  for (std::size_t v = 0; v < sids.size(); ++v) {
    index.ordering_neighbours(sids[v], true, next);
    for (std::uint32_t w : next)
      if (auto it = node_of.find(w); it != node_of.end()) adj[v].push_back(it->second);
  }
  for (auto& component : strongly_connected(adj)) {
    if (component.size() == 1 && !has_self_edge(index, sids[component.front()])) continue;
    std::vector<std::uint32_t> members;
    for (int v : component) members.push_back(sids[v]);
    register_cycle(index, std::move(members), dirty);
  }
}

}  // namespace uch::checks
