// `uchronia verify DOC`: check every page of the document for damage.
#include <iostream>

#include "cli.hpp"
#include "uchronia/store.hpp"

namespace uch::cli {

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
