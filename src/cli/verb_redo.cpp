// `uchronia redo DOC`: redo the last undone change.
#include <iostream>

#include "cli.hpp"
#include "uchronia/store.hpp"

namespace uch::cli {

VerbRun add_redo(CLI::App& app, const Globals& g) {
  auto* sub = app.add_subcommand("redo", "Redo the last undone change");
  auto doc = std::make_shared<std::string>();
  sub->add_option("DOC", *doc, "Document")->required();
  return [doc, &g]() {
    const CancelWritesOnInterrupt cancellable;
    Store store = Store::open(*doc);
    std::cout << store.redo(default_author(g.author)).summary << "\n";
    return 0;
  };
}

}  // namespace uch::cli
