// Ages of the people an entry mentions: see uchronia/ages.hpp.
#include "uchronia/ages.hpp"

#include <algorithm>

namespace uch {

People::People(const std::vector<Entity>& entities) {
  for (const Entity& e : entities) {
    if (e.kind != EntityKind::Person || e.start.empty()) continue;
    index_of_.emplace(e.id, people_.size());
    people_.push_back(e);
    resolver_.add_entity(e);
  }
}

std::vector<MentionedAge> People::ages_at(const Entry& entry) const {
  std::vector<MentionedAge> out;
  if (entry.date.empty() || people_.empty()) return out;
  const DateInfo when = parse_edtf(entry.date, entry.calendar);
  if (!when.valid) return out;
  for (const Link& link : parse_links(entry.body)) {
    const auto ids = resolver_.resolve(link.target);
    if (ids.size() != 1) continue;  // dangling or ambiguous: no age to tell
    const auto it = index_of_.find(ids.front());
    if (it == index_of_.end()) continue;
    const Entity& person = people_[it->second];
    if (std::any_of(out.begin(), out.end(), [&](const MentionedAge& m) { return m.id == person.id; })) continue;
    if (auto age = age_at(parse_edtf(person.start, person.calendar), when)) out.push_back({person.id, person.name, *age});
  }
  return out;
}

std::string ages_text(const std::vector<MentionedAge>& ages) {
  std::string out;
  for (const MentionedAge& m : ages) {
    if (!out.empty()) out += " \xC2\xB7 ";  // " · "
    out += m.name;
    out += ", ";
    out += format_age(m.age);
  }
  return out;
}

}  // namespace uch
