// Editing verbs: `set` one field, `add-entry`, `delete`, and `search`; each change is one revision.
#include <iostream>
#include <limits>

#include "cli.hpp"
#include "uchronia/store.hpp"

namespace uch::cli {

VerbRun add_set(CLI::App& app, const Globals& g) {
  auto* sub = app.add_subcommand("set", "Change one field of an entry or entity");
  struct Args {
    std::string doc, item, field, value;
    std::optional<std::int64_t> expect;
    bool rewrite_links = false;
  };
  auto a = std::make_shared<Args>();
  sub->add_option("DOC", a->doc, "Document")->required();
  sub->add_option("ITEM", a->item, "Entry or entity id")->required();
  sub->add_option("FIELD", a->field,
                  "Entry: date, title, body, otl, notes, tags, calendar, series (NAME:NUMBER or empty). "
                  "Entity: name, kind, aliases, start, end, notes, calendar")
      ->required();
  sub->add_option("VALUE", a->value, "New value (lists comma-separated)")->required();
  sub->add_option("--expect-version", a->expect, "Refuse if the item's version is no longer this one")
      ->check(CLI::Range(std::int64_t(1), std::numeric_limits<std::int64_t>::max()));
  sub->add_flag("--rewrite-links", a->rewrite_links,
                "With an entity's name: also point the [[links]] to the old name at the new one (one more revision)");
  return [a, &g]() {
    const CancelWritesOnInterrupt cancellable;
    Store store = Store::open(a->doc);
    const auto before = store.entity(a->item);
    if (a->rewrite_links && (a->field != "name" || !before))
      throw Error("--rewrite-links goes with an entity's name field");
    // One core rule for the field and its typed value; read and written in one transaction.
    // A new name keeps the old one as an alias, so no link breaks.
    const auto r = store.set_field(a->item, a->field, a->value, a->expect, default_author(g.author));
    std::cout << (r.seq ? "r" + std::to_string(r.seq) + " " + r.summary : std::string("no change")) << "\n";
    if (a->rewrite_links && r.seq) {
      const std::string new_name = store.entity(a->item)->value.name;
      const LinkRewrite rewrite = link_rewrite(store, a->item, before->value.name, new_name);
      if (rewrite.items.empty()) {
        std::cout << "no link names '" << before->value.name << "'\n";
      } else {
        const auto links = store.commit(rewrite.edit, default_author(g.author));
        std::cout << "r" << links.seq << " " << links.summary << " (" << rewrite.items.size() << " item"
                  << (rewrite.items.size() == 1 ? "" : "s") << ")\n";
      }
    }
    return 0;
  };
}

VerbRun add_add_entry(CLI::App& app, const Globals& g) {
  auto* sub = app.add_subcommand("add-entry", "Add an entry");
  struct Args {
    std::string doc, id, title, date, body, tags;
  };
  auto a = std::make_shared<Args>();
  sub->add_option("DOC", a->doc, "Document")->required();
  sub->add_option("ID", a->id, "New id ([A-Za-z0-9._-], unique)")->required();
  sub->add_option("TITLE", a->title, "Title")->required();
  sub->add_option("--date", a->date, "Date (EDTF or a form writers type)");
  sub->add_option("--body", a->body, "Text (Markdown with [[links]])");
  sub->add_option("--tags", a->tags, "Comma-separated tags");
  return [a, &g]() {
    const CancelWritesOnInterrupt cancellable;
    Store store = Store::open(a->doc);
    if (store.entry(a->id) || store.entity(a->id)) throw Error("the id '" + a->id + "' is already used");
    Entry e;
    e.id = a->id;
    e.title = a->title;
    e.body = a->body;
    set_item_field(e, "tags", a->tags);
    set_item_field(e, "date", a->date);
    const auto r = store.commit(Edit().put_entry(e), default_author(g.author));
    std::cout << "r" << r.seq << " " << r.summary << "\n";
    return 0;
  };
}

VerbRun add_delete(CLI::App& app, const Globals& g) {
  auto* sub = app.add_subcommand("delete", "Delete an entry or entity (restorable from history)");
  auto a = std::make_shared<std::pair<std::string, std::string>>();
  sub->add_option("DOC", a->first, "Document")->required();
  sub->add_option("ITEM", a->second, "Entry or entity id")->required();
  return [a, &g]() {
    const CancelWritesOnInterrupt cancellable;
    Store store = Store::open(a->first);
    const auto r = store.commit(Edit().remove_item(a->second), default_author(g.author));
    std::cout << "r" << r.seq << " " << r.summary << "\n";
    return 0;
  };
}

VerbRun add_search(CLI::App& app, const Globals&) {
  auto* sub = app.add_subcommand("search", "Full-text search over titles, bodies and our-timeline notes");
  auto a = std::make_shared<std::pair<std::string, std::string>>();
  sub->add_option("DOC", a->first, "Document")->required();
  sub->add_option("QUERY", a->second, "Words to find (the last one may be a prefix)")->required();
  return [a]() {
    Store store = Store::open(a->first, OpenOptions{.read_only = true});
    for (const auto& id : store.search(a->second)) {
      auto e = store.entry(id);
      std::cout << id << "\t" << (e ? e->value.date : "") << "\t" << (e ? e->value.title : "") << "\n";
    }
    return 0;
  };
}

VerbRun add_rebuild(CLI::App& app, const Globals&) {
  auto* sub = app.add_subcommand("rebuild", "Rebuild the derived tables (links, search index) from the data");
  auto doc = std::make_shared<std::string>();
  sub->add_option("DOC", *doc, "Document")->required();
  return [doc]() {
    Store store = Store::open(*doc);
    store.rebuild_derived();
    std::cerr << "rebuilt the links and the search index of " << *doc << "\n";
    return 0;
  };
}

VerbRun add_verify(CLI::App& app, const Globals&) {
  auto* sub = app.add_subcommand("verify", "Check every page of a document for damage (exit 1 when damaged)");
  auto doc = std::make_shared<std::string>();
  sub->add_option("DOC", *doc, "Document")->required();
  return [doc]() {
    Store store = Store::open(*doc, OpenOptions{.read_only = true});
    const std::string report = store.integrity_report();
    if (report == "ok") {
      std::cout << *doc << ": ok\n";
      return 0;
    }
    std::cout << *doc << ": damaged\n" << report << "\n";
    return 1;
  };
}

}  // namespace uch::cli
