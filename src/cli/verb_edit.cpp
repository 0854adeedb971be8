// Editing verbs: `set` one field, `add-entry`, `delete`, and `search`; each change is one revision.
#include <iostream>

#include "cli.hpp"
#include "uchronia/store.hpp"

namespace uch::cli {
namespace {

std::vector<std::string> split_list(const std::string& text) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start <= text.size()) {
    auto comma = text.find(',', start);
    if (comma == std::string::npos) comma = text.size();
    std::string item = text.substr(start, comma - start);
    while (!item.empty() && item.front() == ' ') item.erase(0, 1);
    while (!item.empty() && item.back() == ' ') item.pop_back();
    if (!item.empty()) out.push_back(item);
    start = comma + 1;
  }
  return out;
}

Calendar calendar_arg(const std::string& v) {
  if (v == "julian") return Calendar::Julian;
  if (v == "gregorian") return Calendar::Gregorian;
  throw Error("calendar must be 'gregorian' or 'julian', not '" + v + "'");
}

}  // namespace

VerbRun add_set(CLI::App& app, const Globals& g) {
  auto* sub = app.add_subcommand("set", "Change one field of an entry or entity");
  struct Args {
    std::string doc, item, field, value;
    std::int64_t expect = -1;
  };
  auto a = std::make_shared<Args>();
  sub->add_option("DOC", a->doc, "Document")->required();
  sub->add_option("ITEM", a->item, "Entry or entity id")->required();
  sub->add_option("FIELD", a->field,
                  "Entry: date, title, body, otl, notes, tags, calendar, series (NAME:NUMBER or empty). "
                  "Entity: name, kind, aliases, start, end, notes, calendar")
      ->required();
  sub->add_option("VALUE", a->value, "New value (lists comma-separated)")->required();
  sub->add_option("--expect-version", a->expect, "Refuse if the item's version is no longer this one");
  return [a, &g]() {
    Store store = Store::open(a->doc);
    const std::optional<std::int64_t> expected = a->expect >= 0 ? std::optional(a->expect) : std::nullopt;
    Edit edit;
    if (auto e = store.entry(a->item)) {
      Entry entry = e->value;
      const auto& f = a->field;
      if (f == "date") {
        // The forms writers type are accepted and stored as EDTF.
        if (!a->value.empty() && !parse_edtf(a->value, entry.calendar).valid) {
          const NaturalDate n = parse_natural(a->value);
          if (!n.ok) throw Error(n.error.empty() ? parse_edtf(a->value).error : n.error);
          entry.date = n.edtf;
          if (n.julian) entry.calendar = Calendar::Julian;
        } else {
          entry.date = a->value;
        }
      } else if (f == "title") entry.title = a->value;
      else if (f == "body") entry.body = a->value;
      else if (f == "otl") entry.otl = a->value;
      else if (f == "notes") entry.notes = a->value;
      else if (f == "tags") entry.tags = split_list(a->value);
      else if (f == "calendar") entry.calendar = calendar_arg(a->value);
      else if (f == "series") {
        if (a->value.empty()) entry.series.reset();
        else {
          const auto colon = a->value.rfind(':');
          if (colon == std::string::npos) throw Error("series must be NAME:NUMBER, e.g. 'Party Congress:13'");
          try {
            entry.series = Series{a->value.substr(0, colon), std::stoll(a->value.substr(colon + 1))};
          } catch (const std::exception&) {
            throw Error("series number must be a whole number: '" + a->value.substr(colon + 1) + "'");
          }
        }
      } else throw Error("an entry has no field '" + f + "'");
      edit.put_entry(entry, expected.value_or(e->version));
    } else if (auto e = store.entity(a->item)) {
      Entity entity = e->value;
      const auto& f = a->field;
      if (f == "name") entity.name = a->value;
      else if (f == "kind") {
        auto k = entity_kind_from_string(a->value);
        if (!k) throw Error("kind must be person, organisation, place or other");
        entity.kind = *k;
      } else if (f == "aliases") entity.aliases = split_list(a->value);
      else if (f == "start") entity.start = a->value;
      else if (f == "end") entity.end = a->value;
      else if (f == "notes") entity.notes = a->value;
      else if (f == "calendar") entity.calendar = calendar_arg(a->value);
      else throw Error("an entity has no field '" + f + "'");
      edit.put_entity(entity, expected.value_or(e->version));
    } else {
      throw Error("no entry or entity has the id '" + a->item + "'");
    }
    const auto r = store.commit(edit, default_author(g.author));
    std::cout << (r.seq ? "r" + std::to_string(r.seq) + " " + r.summary : std::string("no change")) << "\n";
    return 0;
  };
}

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
    Store store = Store::open(a->doc);
    if (store.entry(a->id) || store.entity(a->id)) throw Error("the id '" + a->id + "' is already used");
    Entry e;
    e.id = a->id;
    e.title = a->title;
    e.body = a->body;
    e.tags = split_list(a->tags);
    if (!a->date.empty()) {
      if (parse_edtf(a->date).valid) e.date = a->date;
      else {
        const NaturalDate n = parse_natural(a->date);
        if (!n.ok) throw Error(n.error);
        e.date = n.edtf;
        if (n.julian) e.calendar = Calendar::Julian;
      }
    }
    const auto r = store.commit(Edit().put_entry(e), default_author(g.author));
    std::cout << "r" << r.seq << " " << r.summary << "\n";
    return 0;
  };
}

VerbRun add_delete(CLI::App& app, const Globals& g) {
  auto* sub = app.add_subcommand("delete", "Delete an entry or entity (restorable from history)");
  auto a = std::make_shared<std::pair<std::string, std::string>>();
  sub->add_option("DOC", a->first, "Document")->required();
  sub->add_option("ITEM", a->second, "Entry or entity id")->required();
  return [a, &g]() {
    Store store = Store::open(a->first);
    const auto r = store.commit(Edit().remove_item(a->second), default_author(g.author));
    std::cout << "r" << r.seq << " " << r.summary << "\n";
    return 0;
  };
}

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
