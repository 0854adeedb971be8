// A document's links without its texts: the check's input (uchronia/check_input.hpp).
#include "uchronia/check_input.hpp"

namespace uch {

void DocumentLinks::add(std::string_view target, LinkField field) {
  links.push_back({static_cast<std::uint32_t>(targets.size()), static_cast<std::uint32_t>(target.size()), field});
  targets += target;
}

DocumentLinks links_of(const Document& doc) {
  DocumentLinks out;
  std::vector<LinkView> found;
  const auto add = [&](const std::string& text, LinkField field) {
    found.clear();
    parse_links(text, found);
    for (const LinkView& link : found) out.add(link.target, field);
  };
  out.first.reserve(doc.entities.size() + doc.entries.size() + 2);
  for (const Entity& entity : doc.entities) {
    out.start_item();
    add(entity.notes, LinkField::Notes);
  }
  for (const Entry& entry : doc.entries) {
    out.start_item();
    add(entry.body, LinkField::Body);
    add(entry.otl, LinkField::Otl);
    add(entry.notes, LinkField::Notes);
  }
  out.start_item();
  add(doc.description, LinkField::Description);
  out.start_item();
  return out;
}

}  // namespace uch
