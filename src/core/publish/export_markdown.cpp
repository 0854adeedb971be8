// Markdown export: title, description, a heading per year, one section per entry, an index of people, organisations and places.
//
// Layout (read back by import_markdown):
//   # Title
//   description
//   ## 1917                                  (GroupBy: "## 1910s", none; "## Undated" last)
//   ### Entry title {#entry-id}
//   *25 October [7 November] 1917* · `1917-10-25` · Old Style
//   body
//   **Tags:** `party`, `war`
//   > **In our timeline:** otl
//   ## Index
//   ### People
//   #### Joseph Stalin {#joseph-stalin}
//   *18 December 1878 – 26 June 1907* · `1878-12-18` – `1907-06-26`
//   Mentioned in: [Stalin killed](#stalin-killed).
#include <algorithm>

#include "publish/publish_internal.hpp"
#include "uchronia/links.hpp"

namespace uch {

using namespace publish_detail;

std::string export_markdown(const Document& source, const ExportOptions& options) {
  const Document doc = filter_for_export(source, options);
  FragmentRenderer fragments(doc, LinkStyle::Anchor, options.allow_html);
  std::vector<std::string> blocks;
  const auto push = [&](std::string block) {
    if (!block.empty()) blocks.push_back(std::move(block));
  };

  const std::string title = trim(doc.title);
  push(title.empty() ? "#" : "# " + md_escape(title));
  push(fragments.render(doc.description, ""));

  bool first = true;
  std::string section;
  for (const Entry& entry : doc.entries) {
    const std::string label = section_label(entry, options.group_by);
    if (first || label != section) {
      if (!label.empty()) push("## " + md_escape(label));
      section = label;
      first = false;
    }
    const std::string entry_title = trim(entry.title);
    push("### " + md_escape(entry_title) + (entry_title.empty() ? "" : " ") + "{#" + entry.id + "}");
    std::string body = fragments.render(entry.body, entry.id);
    if (!entry.date.empty()) {
      push(date_line(entry.date, entry.calendar));
    } else if (starts_like_date_line(body)) {
      push(undated_line());  // so that import does not take the body's first paragraph for a date
    }
    push(std::move(body));
    push(tags_line(entry.tags));
    push(otl_block(fragments.render(entry.otl, entry.id)));
  }

  if (!fragments.linked_entities().empty()) {
    std::unordered_map<std::string, const Entry*> entries;
    for (const Entry& e : doc.entries) entries.emplace(e.id, &e);
    std::vector<const Entity*> linked;
    for (const Entity& e : doc.entities) {
      if (fragments.linked_entities().count(e.id)) linked.push_back(&e);
    }
    std::stable_sort(linked.begin(), linked.end(), [](const Entity* a, const Entity* b) {
      const std::string fa = fold_name(a->name), fb = fold_name(b->name);
      return fa != fb ? fa < fb : a->id < b->id;
    });
    push("## " + std::string(kIndex));
    for (EntityKind kind : {EntityKind::Person, EntityKind::Organisation, EntityKind::Place, EntityKind::Other}) {
      bool heading = false;
      for (const Entity* entity : linked) {
        if (entity->kind != kind) continue;
        if (!heading) push(std::string("### ") + kind_heading(kind));
        heading = true;
        const std::string name = trim(entity->name);
        push("#### " + md_escape(name) + (name.empty() ? "" : " ") + "{#" + entity->id + "}");
        push(lifespan_line(*entity));
        const auto it = fragments.mentions().find(entity->id);
        if (it == fragments.mentions().end() || it->second.empty()) continue;
        std::string line(kMentionedIn);
        for (std::size_t i = 0; i < it->second.size(); ++i) {
          const Entry* e = entries.at(it->second[i]);
          const std::string label = trim(e->title).empty() ? e->id : trim(e->title);
          line += (i ? ", [" : "[") + md_escape(label) + "](#" + e->id + ")";
        }
        push(line + ".");
      }
    }
  }

  std::string out;
  for (std::size_t i = 0; i < blocks.size(); ++i) {
    if (i) out += "\n\n";
    out += blocks[i];
  }
  out += "\n";
  return out;
}

}  // namespace uch
