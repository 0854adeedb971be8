// The one revision that turns a document into another (what a sync applies).
#include <map>
#include <set>

#include "uchronia/sync.hpp"

namespace uch {

Edit edit_to_match(const Document& current, const Document& target) {
  Edit edit;
  const auto items = [&](const auto& now, const auto& wanted, auto put) {
    std::map<std::string, const std::decay_t<decltype(now[0])>*> by_id;
    for (const auto& item : now) by_id[item.id] = &item;
    for (const auto& item : wanted) {
      const auto it = by_id.find(item.id);
      if (it == by_id.end() || !(*it->second == item)) put(item);
      if (it != by_id.end()) by_id.erase(it);
    }
    for (const auto& [id, item] : by_id) edit.remove_item(id);
  };
  const auto key = [](const Relation& r) { return std::make_tuple(r.from, r.type, r.to, r.extra); };
  std::set<std::tuple<std::string, RelationType, std::string, std::string>> now, wanted;
  for (const Relation& r : current.relations) now.insert(key(r));
  for (const Relation& r : target.relations) wanted.insert(key(r));
  for (const Relation& r : current.relations)
    if (!wanted.contains(key(r))) edit.remove_relation(r);
  // Relations go before the items they name go, and come after the items they name come.
  items(current.entries, target.entries, [&](const Entry& e) { edit.put_entry(e); });
  items(current.entities, target.entities, [&](const Entity& e) { edit.put_entity(e); });
  for (const Relation& r : target.relations)
    if (!now.contains(key(r))) edit.add_relation(r);
  if (current.title != target.title) edit.set_title(target.title);
  if (current.description != target.description) edit.set_description(target.description);
  if (current.extra != target.extra) edit.set_document_extra(target.extra);
  return edit;
}

}  // namespace uch
