// Pointing the links that name an entity's old name at its new one (after a rename).
#include "uchronia/rename.hpp"
#include "uchronia/store.hpp"

namespace uch {

LinkRewrite link_rewrite(const Store& store, const std::string& id, const std::string& old_name,
                         const std::string& new_name) {
  LinkRewrite out;
  for (const std::string& item : store.linked_from(id)) {
    if (auto entry = store.entry(item)) {
      if (!rewrite_links(entry->value, old_name, new_name)) continue;
      out.edit.put_entry(entry->value, entry->version);
    } else if (auto entity = store.entity(item)) {
      if (!rewrite_links(entity->value, old_name, new_name)) continue;
      out.edit.put_entity(entity->value, entity->version);
    } else {
      continue;
    }
    out.items.push_back(item);
  }
  if (!out.items.empty()) out.edit.summary("Links to '" + old_name + "' now name '" + new_name + "'");
  return out;
}

}  // namespace uch
