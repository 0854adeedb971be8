// `uchronia move DOC ENTRY BRANCH`: move an entry to another branch (docs/branches.md), one revision.
#include <iostream>

#include "cli.hpp"
#include "uchronia/branch_edit.hpp"
#include "uchronia/store.hpp"

namespace uch::cli {

VerbRun add_move(CLI::App& app, const Globals& g) {
  auto* sub = app.add_subcommand("move", "Move an entry to another branch");
  struct Args {
    std::string doc, entry, branch;
  };
  auto a = std::make_shared<Args>();
  sub->add_option("DOC", a->doc, "Document")->required();
  sub->add_option("ENTRY", a->entry, "Entry id")->required();
  sub->add_option("BRANCH", a->branch, "Branch id (the main branch's: back to the main branch)")->required();
  return [a, &g]() {
    const CancelWritesOnInterrupt cancellable;
    Store store = Store::open(a->doc);
    const auto r = move_entry_to_branch(store, a->entry, a->branch, default_author(g.author));
    std::cout << "r" << r.seq << " " << r.summary << "\n";
    return 0;
  };
}

}  // namespace uch::cli
