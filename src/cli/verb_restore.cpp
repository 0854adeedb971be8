// `uchronia restore DOC ITEM REVISION`: bring an item back to an earlier revision.
#include <iostream>

#include "cli.hpp"
#include "uchronia/store.hpp"

namespace uch::cli {

VerbRun add_restore(CLI::App& app, const Globals& g) {
  auto* sub = app.add_subcommand("restore", "Bring an item (a deleted one too) back to its state after a revision");
  struct Args {
    std::string doc, item;
    std::int64_t revision = 0;
  };
  auto a = std::make_shared<Args>();
  sub->add_option("DOC", a->doc, "Document")->required();
  sub->add_option("ITEM", a->item, "Entry or entity id")->required();
  sub->add_option("REVISION", a->revision, "Revision number (see `uchronia history DOC --item ITEM`)")->required();
  return [a, &g]() {
    const CancelWritesOnInterrupt cancellable;
    Store store = Store::open(a->doc);
    const auto r = store.restore(a->item, a->revision, default_author(g.author));
    std::cout << (r.seq ? r.summary : std::string("already in that state; nothing changed")) << "\n";
    return 0;
  };
}

}  // namespace uch::cli
