// `uchronia override DOC ENTITY BRANCH FIELD VALUE`: an entity's field in one branch and its
// descendants ("in this world: died 26 June 1907"), one revision; VALUE "" removes the override.
#include <iostream>

#include "cli.hpp"
#include "uchronia/branch_edit.hpp"
#include "uchronia/store.hpp"

namespace uch::cli {

VerbRun add_override(CLI::App& app, const Globals& g) {
  auto* sub = app.add_subcommand("override", "Set an entity's field in one branch (\"\" removes the override)");
  struct Args {
    std::string doc, entity, branch, field, value;
  };
  auto a = std::make_shared<Args>();
  sub->add_option("DOC", a->doc, "Document")->required();
  sub->add_option("ENTITY", a->entity, "Entity id")->required();
  sub->add_option("BRANCH", a->branch, "Branch id")->required();
  sub->add_option("FIELD", a->field, "name, kind, aliases, start, end or notes")->required();
  sub->add_option("VALUE", a->value, "The value in that branch (dates as writers type them)")->required();
  return [a, &g]() {
    const CancelWritesOnInterrupt cancellable;
    Store store = Store::open(a->doc);
    const auto r = set_entity_override(store, a->entity, a->branch, a->field, a->value, default_author(g.author));
    std::cout << "r" << r.seq << " " << r.summary << "\n";
    return 0;
  };
}

}  // namespace uch::cli
