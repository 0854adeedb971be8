// `uchronia branch list|add|rename|set|delete DOC ...`: a document's branches (docs/branches.md),
// each change one revision (uchronia/branch_edit.hpp decides what is allowed).
#include <iostream>

#include "cli.hpp"
#include "uchronia/branch_edit.hpp"
#include "uchronia/check_input.hpp"
#include "uchronia/store.hpp"

namespace uch::cli {

VerbRun add_branch(CLI::App& app, const Globals& g) {
  auto* sub = app.add_subcommand("branch", "List, add, rename, change or delete a document's branches");
  sub->require_subcommand(1);
  struct Args {
    std::string doc, id, name, parent, diverges, point, field, value;
  };
  auto a = std::make_shared<Args>();
  auto* list = sub->add_subcommand("list", "One line per branch: ID, NAME, PARENT, DIVERGES (tab-separated), the main branch first");
  list->add_option("DOC", a->doc, "Document")->required();
  auto* add = sub->add_subcommand("add", "Add a branch (the first one is the main branch; later ones need --parent and --diverges)");
  add->add_option("DOC", a->doc, "Document")->required();
  add->add_option("ID", a->id, "Branch id")->required();
  add->add_option("NAME", a->name, "Branch name")->required();
  add->add_option("--parent", a->parent, "The branch it forks from");
  add->add_option("--diverges", a->diverges, "Where it forks: a date as writers type it");
  add->add_option("--point", a->point, "The entry that is the point of divergence");
  auto* rename = sub->add_subcommand("rename", "Rename a branch");
  rename->add_option("DOC", a->doc, "Document")->required();
  rename->add_option("ID", a->id, "Branch id")->required();
  rename->add_option("NAME", a->name, "New name")->required();
  auto* set = sub->add_subcommand("set", "Set a branch's name, parent, diverges, point, keeps or drops (lists comma-separated; \"\" clears)");
  set->add_option("DOC", a->doc, "Document")->required();
  set->add_option("ID", a->id, "Branch id")->required();
  set->add_option("FIELD", a->field, "name, parent, diverges, point, keeps or drops")->required();
  set->add_option("VALUE", a->value, "The new value")->required();
  auto* del = sub->add_subcommand("delete", "Delete a branch no entry belongs to and no branch forks from");
  del->add_option("DOC", a->doc, "Document")->required();
  del->add_option("ID", a->id, "Branch id")->required();
  return [a, &g, list, add, rename, set, del]() {
    if (list->parsed()) {
      const Store store = Store::open(a->doc, OpenOptions{.read_only = true});
      std::cout << branches_text(store.check_input().doc);
      return 0;
    }
    const CancelWritesOnInterrupt cancellable;
    Store store = Store::open(a->doc);
    const std::string author = default_author(g.author);
    CommitResult r;
    if (add->parsed()) {
      Branch b;
      b.id = a->id;
      b.name = a->name;
      b.parent = a->parent;
      b.diverges = a->diverges;
      b.point = a->point;
      r = uch::add_branch(store, b, author);
    } else if (rename->parsed()) {
      r = set_branch_field(store, a->id, "name", a->name, author);
    } else if (set->parsed()) {
      r = set_branch_field(store, a->id, a->field, a->value, author);
    } else if (del->parsed()) {
      r = delete_branch(store, a->id, author);
    }
    std::cout << "r" << r.seq << " " << r.summary << "\n";
    return 0;
  };
}

}  // namespace uch::cli
