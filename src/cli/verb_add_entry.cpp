// `uchronia add-entry DOC ID TITLE [--date D] [--body B] [--tags T]`: one new entry, one revision.
#include <iostream>

#include "cli.hpp"
#include "uchronia/store.hpp"

namespace uch::cli {

VerbRun add_add_entry(CLI::App& app, const Globals& g) {
  auto* sub = app.add_subcommand("add-entry", "Add an entry");
  struct Args {
    std::string doc, id, title, date, body, tags;
  };
  auto a = std::make_shared<Args>();
  sub->add_option("DOC", a->doc, "Document")->required();
  sub->add_option("ID", a->id, "New id ([A-Za-z0-9._-], unique)")->required();
  sub->add_option("TITLE", a->title, "Title")->required();
  sub->add_option("--date", a->date, "Date (EDTF or a form writers type)");
  sub->add_option("--body", a->body, "Text (Markdown with [[links]])");
  sub->add_option("--tags", a->tags, "Comma-separated tags");
  return [a, &g]() {
    const CancelWritesOnInterrupt cancellable;
    Store store = Store::open(a->doc);
    if (store.entry(a->id) || store.entity(a->id)) throw Error("the id '" + a->id + "' is already used");
    Entry e;
    e.id = a->id;
    e.title = a->title;
    e.body = a->body;
    set_item_field(e, "tags", a->tags);
    set_item_field(e, "date", a->date);
    const auto r = store.commit(Edit().put_entry(e), default_author(g.author));
    std::cout << "r" << r.seq << " " << r.summary << "\n";
    return 0;
  };
}

}  // namespace uch::cli
