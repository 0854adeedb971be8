// `uchronia set DOC ITEM FIELD VALUE [--expect-version N] [--rewrite-links]`: one field, one revision.
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

}  // namespace uch::cli
