// Renaming an entity: the old name becomes an alias, and links can be pointed at the new one.
#include "uchronia/rename.hpp"

#include <algorithm>

#include "uchronia/links.hpp"

namespace uch {

Entity renamed_entity(const Entity& entity, const std::string& new_name) {
  Entity out = entity;
  out.name = new_name;
  const std::string old_folded = fold_name(entity.name), new_folded = fold_name(new_name);
  if (old_folded.empty() || old_folded == new_folded) return out;
  const bool known = std::any_of(out.aliases.begin(), out.aliases.end(),
                                 [&](const std::string& alias) { return fold_name(alias) == old_folded; });
  if (!known) out.aliases.push_back(entity.name);
  // An alias equal to the new name would only repeat it.
  std::erase_if(out.aliases, [&](const std::string& alias) { return fold_name(alias) == new_folded; });
  return out;
}

std::string rewrite_links(std::string_view text, std::string_view old_name, std::string_view new_name) {
  const std::string old_folded = fold_name(old_name);
  std::string out;
  std::size_t copied = 0;
  std::string folded;
  for (const Link& link : parse_links(text)) {
    fold_name(link.target, folded);
    if (folded != old_folded) continue;
    out.append(text.substr(copied, link.begin - copied));
    out += "[[";
    out += new_name;
    if (link.label != link.target) {
      out += '|';
      out += link.label;
    }
    out += "]]";
    copied = link.end;
  }
  if (copied == 0) return std::string(text);
  out.append(text.substr(copied));
  return out;
}

namespace {
bool rewrite_field(std::string& field, std::string_view old_name, std::string_view new_name) {
  std::string rewritten = rewrite_links(field, old_name, new_name);
  if (rewritten == field) return false;
  field = std::move(rewritten);
  return true;
}
}  // namespace

bool rewrite_links(Entry& entry, std::string_view old_name, std::string_view new_name) {
  bool changed = rewrite_field(entry.body, old_name, new_name);
  changed |= rewrite_field(entry.otl, old_name, new_name);
  changed |= rewrite_field(entry.notes, old_name, new_name);
  return changed;
}

bool rewrite_links(Entity& entity, std::string_view old_name, std::string_view new_name) {
  return rewrite_field(entity.notes, old_name, new_name);
}

}  // namespace uch
