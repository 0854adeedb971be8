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

std::size_t backward_edge(const Index& index, const RelKey& rel) {
  if (!is_ordering(rel.type)) return 0;
  const ItemRec* from = index.entry(rel.from);
  const ItemRec* to = from ? index.entry(rel.to) : nullptr;
  if (!to) return 0;
  const bool forward = rel.type != RelationType::After;
  const ItemRec& tail = forward ? *from : *to;
  const ItemRec& head = forward ? *to : *from;
  return order_rank(tail) > order_rank(head) ? 1 : 0;
}

std::size_t count_backward_edges(const Index& index) {
  std::size_t count = 0;
  for (const auto& [rel, copies] : index.relations) count += backward_edge(index, rel);
  return count;
}

namespace {

void register_cycle(Index& index, std::vector<std::string> members, std::unordered_set<std::string>& dirty) {
  std::sort(members.begin(), members.end());
  const int id = index.next_cycle_id++;
  for (const std::string& member : members) index.cycle_of[member] = id;
  dirty.insert(members.front());
  index.cycles.emplace(id, std::move(members));
}

bool has_self_edge(const Index& index, const std::string& id) {
  for (const RelKey* rel : index.relations_touching(id))
    if (is_ordering(rel->type) && rel->from == id && rel->to == id) return true;
  return false;
}

}  // namespace

void find_all_cycles(Index& index, std::unordered_set<std::string>& dirty) {
  index.cycle_of.clear();
  index.cycles.clear();
  std::unordered_map<const ItemRec*, int> node_of;
  std::vector<const std::string*> names;
  std::vector<std::vector<int>> adj;
  auto node = [&](const ItemRec* item) {
    auto [it, inserted] = node_of.emplace(item, static_cast<int>(names.size()));
    if (inserted) {
      names.push_back(&item->id);
      adj.emplace_back();
    }
    return it->second;
  };
  for (const auto& [rel, count] : index.relations) {
    if (!is_ordering(rel.type)) continue;
    const ItemRec* from = index.entry(rel.from);
    const ItemRec* to = from ? index.entry(rel.to) : nullptr;
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
    std::vector<std::string> members;
    for (int v : component) members.push_back(*names[v]);
    register_cycle(index, std::move(members), dirty);
  }
}

namespace {

/// The strongly connected component of `id` in the current graph (forward reach, then
/// backward reach inside it). Without backward edges it lies within the rank of `id`.
void component_of(const Index& index, const std::string& id, std::unordered_set<std::string>& out) {
  const ItemRec* start = index.entry(id);
  if (!start) return;
  std::vector<std::string> next;
  index.ordering_neighbours(id, true, next);
  if (next.empty()) return out.insert(id), void();
  index.ordering_neighbours(id, false, next);
  if (next.empty()) return out.insert(id), void();
  const bool same_rank_only = index.backward_edges == 0;
  const DayNumber start_rank = order_rank(*start);
  std::unordered_set<std::string> forward{id};
  std::vector<std::string> todo{id};
  while (!todo.empty()) {
    std::string v = std::move(todo.back());
    todo.pop_back();
    index.ordering_neighbours(v, true, next);
    for (std::string& w : next) {
      if (same_rank_only && order_rank(*index.entry(w)) != start_rank) continue;
      if (forward.insert(w).second) todo.push_back(std::move(w));
    }
  }
  std::unordered_set<std::string> backward{id};
  todo.push_back(id);
  while (!todo.empty()) {
    std::string v = std::move(todo.back());
    todo.pop_back();
    index.ordering_neighbours(v, false, next);
    for (std::string& w : next)
      if (forward.count(w) && backward.insert(w).second) todo.push_back(std::move(w));
  }
  out.insert(backward.begin(), backward.end());
}

}  // namespace

void update_cycles(Index& index, const std::vector<std::string>& ends, bool added,
                   std::unordered_set<std::string>& dirty) {
  std::unordered_set<std::string> nodes;
  for (const std::string& end : ends) {
    if (added) {
      if (!nodes.count(end)) component_of(index, end, nodes);  // else: in the component just found
    } else if (index.cycle_of.count(end))
      nodes.insert(end);
  }
  if (nodes.empty()) return;
  std::unordered_set<int> old_cycles;
  for (const std::string& id : nodes) {
    auto it = index.cycle_of.find(id);
    if (it != index.cycle_of.end()) old_cycles.insert(it->second);
  }
  for (int cycle : old_cycles) {
    auto it = index.cycles.find(cycle);
    for (const std::string& member : it->second) {
      nodes.insert(member);
      index.cycle_of.erase(member);
    }
    dirty.insert(it->second.front());
    index.cycles.erase(it);
  }
  std::vector<std::string> names;
  std::unordered_map<std::string, int> node_of;
  for (const std::string& id : nodes) {
    if (!index.entry(id)) continue;
    node_of.emplace(id, static_cast<int>(names.size()));
    names.push_back(id);
  }
  std::vector<std::vector<int>> adj(names.size());
  std::vector<std::string> next;
  for (std::size_t v = 0; v < names.size(); ++v) {
    index.ordering_neighbours(names[v], true, next);
    for (const std::string& w : next)
      if (auto it = node_of.find(w); it != node_of.end()) adj[v].push_back(it->second);
  }
  for (auto& component : strongly_connected(adj)) {
    if (component.size() == 1 && !has_self_edge(index, names[component.front()])) continue;
    std::vector<std::string> members;
    for (int v : component) members.push_back(names[v]);
    register_cycle(index, std::move(members), dirty);
  }
}

}  // namespace uch::checks
