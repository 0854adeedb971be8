// The timeline's cached lanes: the rows as items (timeline_item, timeline_date_flags: the core's
// rules) grouped by tag or by the entities that link to them.
#include "timeline_geometry.hpp"

#include <algorithm>
#include <cctype>
#include <unordered_map>

#include "editor_state.hpp"

namespace uch::app {
namespace {

constexpr const char* kDivergenceTag = "divergence";

bool equals_nocase(const std::string& a, const char* b) {
  std::size_t i = 0;
  for (; i < a.size() && b[i]; ++i)
    if (std::tolower(static_cast<unsigned char>(a[i])) != b[i]) return false;
  return i == a.size() && !b[i];
}

}  // namespace

bool TimelineGeometry::update(EditorState& state, LaneMode mode, std::size_t max_lanes) {
  if (generation_ == state.generation() && mode_ == mode && max_lanes_ == max_lanes) return false;
  generation_ = state.generation();
  mode_ = mode;
  max_lanes_ = max_lanes;
  const auto& rows = state.rows();
  std::vector<TimelineItem> items;
  items.reserve(rows.size());
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const EntryRow& r = rows[i];
    if (!r.dated) continue;
    std::uint8_t flags = timeline_date_flags(r.date, r.calendar);
    if (std::any_of(r.tags.begin(), r.tags.end(), [](const std::string& t) { return equals_nocase(t, kDivergenceTag); }))
      flags |= kTimelineDivergence;
    if (auto it = timeline_item(r.lower, r.upper, flags, static_cast<std::uint32_t>(i))) items.push_back(*it);
  }
  std::vector<TimelineLaneGroup> groups;
  std::unordered_map<std::string, std::size_t> group_of;
  auto add = [&](const std::string& key, const std::string& name, std::uint32_t k) {
    auto [pos, fresh] = group_of.emplace(key, groups.size());
    if (fresh) groups.push_back({key, name, {}});
    groups[pos->second].members.push_back(k);
  };
  std::string rest = "all entries";
  if (mode == LaneMode::Tag && max_lanes >= 2) {
    rest = "other tags / untagged";
    // "divergence" is drawn as a marker on every lane, so it makes no lane of its own
    for (std::uint32_t k = 0; k < items.size(); ++k)
      for (const auto& t : rows[items[k].source].tags)
        if (!equals_nocase(t, kDivergenceTag)) add(t, t, k);
  } else if (mode == LaneMode::Entity && max_lanes >= 2 && state.store()) {
    rest = "no entity";
    std::unordered_map<std::string, std::uint32_t> by_id;
    for (std::uint32_t k = 0; k < items.size(); ++k) by_id[rows[items[k].source].id] = k;
    for (const Entity& e : state.entities())
      for (const auto& id : state.store()->linked_from(e.id))
        if (auto f = by_id.find(id); f != by_id.end()) add(e.id, e.name, f->second);
  }
  timeline_ = uch::Timeline(std::move(items), std::move(groups), max_lanes, rest);
  return true;
}

}  // namespace uch::app
