// `uchronia undo DOC`: undo the last change (across sessions).
#include <iostream>

#include "cli.hpp"
#include "uchronia/store.hpp"

namespace uch::cli {

VerbRun add_undo(CLI::App& app, const Globals& g) {
  auto* sub = app.add_subcommand("undo", "Undo the last change (recorded as a new revision)");
  auto doc = std::make_shared<std::string>();
  sub->add_option("DOC", *doc, "Document")->required();
  return [doc, &g]() {
    const CancelWritesOnInterrupt cancellable;
    Store store = Store::open(*doc);
    std::cout << store.undo(default_author(g.author)).summary << "\n";
    return 0;
  };
}

}  // namespace uch::cli
