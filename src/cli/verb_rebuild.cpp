// `uchronia rebuild DOC`: rebuild the derived tables (links, keys, search index); no revision.
#include <iostream>

#include "cli.hpp"
#include "uchronia/store.hpp"

namespace uch::cli {

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

}  // namespace uch::cli
