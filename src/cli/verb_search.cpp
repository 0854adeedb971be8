// `uchronia search DOC QUERY`: full-text search, best first.
#include <iostream>

#include "cli.hpp"
#include "uchronia/store.hpp"

namespace uch::cli {

VerbRun add_search(CLI::App& app, const Globals&) {
  auto* sub = app.add_subcommand("search", "Full-text search over titles, bodies and our-timeline notes");
  auto a = std::make_shared<std::pair<std::string, std::string>>();
  sub->add_option("DOC", a->first, "Document")->required();
  sub->add_option("QUERY", a->second, "Words to find (the last one may be a prefix)")->required();
  return [a]() {
    Store store = Store::open(a->first, OpenOptions{.read_only = true});
    for (const auto& id : store.search(a->second)) {
      auto e = store.entry(id);
      std::cout << id << "\t" << (e ? e->value.date : "") << "\t" << (e ? e->value.title : "") << "\n";
    }
    return 0;
  };
}

}  // namespace uch::cli
