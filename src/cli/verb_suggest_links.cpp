// `uchronia suggest-links DOC [--apply]`: unlinked names of entities, and recurring names that
// could be new entities, one line each; --apply links them all in ONE revision (undoable).
#include <algorithm>
#include <iostream>

#include "cli.hpp"
#include "uchronia/link_suggestions.hpp"
#include "uchronia/store.hpp"

namespace uch::cli {

VerbRun add_suggest_links(CLI::App& app, const Globals& g) {
  auto* sub = app.add_subcommand("suggest-links", "List names that could be [[links]]; --apply links them (one revision)");
  struct Args {
    std::string doc;
    bool apply = false;
  };
  auto a = std::make_shared<Args>();
  sub->add_option("DOC", a->doc, "Document")->required();
  sub->add_flag("--apply", a->apply, "Write every suggested link and create the new entities, as one revision");
  return [a, &g]() {
    const CancelWritesOnInterrupt cancellable;
    Store store = Store::open(a->doc, OpenOptions{.read_only = !a->apply});
    const Document doc = store.load();
    const std::vector<LinkSuggestion> suggestions = suggest_links(doc);
    if (suggestions.empty()) {
      std::cout << "no link suggestions\n";
      return 0;
    }
    for (const LinkSuggestion& s : suggestions) std::cout << describe(s) << "\n";
    if (!a->apply) {
      std::cout << suggestions.size() << " suggestions; run with --apply to link them (one revision, undoable)\n";
      return 0;
    }
    const LinkChanges changes = apply_link_suggestions(doc, suggestions);
    Edit edit;
    for (const Entity& entity : changes.entities) edit.put_entity(entity);
    for (const Entry& entry : changes.entries) {
      // Written only over the version read: an entry changed meanwhile is a conflict, not overwritten.
      const auto now = store.entry(entry.id);
      const auto loaded = std::find_if(doc.entries.begin(), doc.entries.end(), [&](const Entry& e) { return e.id == entry.id; });
      if (!now || loaded == doc.entries.end() || !(now->value == *loaded)) {
        throw ConflictError(a->doc + ": entry " + entry.id + " changed meanwhile; nothing was written (run suggest-links again)");
      }
      edit.put_entry(entry, now->version);
    }
    edit.summary("suggested links: " + std::to_string(changes.links) + " links in " + std::to_string(changes.entries.size()) +
                 " entries, " + std::to_string(changes.entities.size()) + " new entities");
    const auto r = store.commit(edit, default_author(g.author));
    std::cout << "r" << r.seq << " " << r.summary << "\n";
    return 0;
  };
}

}  // namespace uch::cli
