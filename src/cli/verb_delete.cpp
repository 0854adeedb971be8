// `uchronia delete DOC ITEM`: delete an entry or entity (restorable), one revision.
#include <iostream>

#include "cli.hpp"
#include "uchronia/store.hpp"

namespace uch::cli {

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

}  // namespace uch::cli
