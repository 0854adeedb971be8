// `uchronia history DOC [--item ID] [--format text|json]`: the revision log, or one item's revisions.
#include <iostream>

#include <nlohmann/json.hpp>

#include "cli.hpp"
#include "uchronia/store.hpp"

namespace uch::cli {

namespace {

nlohmann::ordered_json revision_json(const Revision& r) {
  nlohmann::ordered_json j;
  j["seq"] = r.seq;
  j["time"] = r.time;
  j["author"] = r.author;
  j["kind"] = r.kind;
  j["summary"] = r.summary;
  j["target"] = r.target ? nlohmann::ordered_json(*r.target) : nlohmann::ordered_json(nullptr);
  j["items"] = r.items;
  return j;
}

std::string dump(const nlohmann::ordered_json& j) { return j.dump(2, ' ', false, nlohmann::json::error_handler_t::replace); }

}  // namespace

VerbRun add_history(CLI::App& app, const Globals&) {
  auto* sub = app.add_subcommand("history", "Show the revision log, or one item's revisions with field changes");
  struct Args {
    std::string doc, item, format = "text";
    int limit = -1;
  };
  auto a = std::make_shared<Args>();
  sub->add_option("DOC", a->doc, "Document")->required();
  sub->add_option("--item", a->item, "Only the revisions of this entry or entity id, with field changes");
  sub->add_option("--format", a->format, "text or json")->check(CLI::IsMember({"text", "json"}));
  sub->add_option("--limit", a->limit, "At most this many revisions (newest first)");
  return [a]() {
    Store store = Store::open(a->doc, OpenOptions{.read_only = true});
    if (a->item.empty()) {
      const auto revs = store.revisions(a->limit);
      if (a->format == "json") {
        nlohmann::ordered_json out = nlohmann::ordered_json::array();
        for (const auto& r : revs) out.push_back(revision_json(r));
        std::cout << dump(out) << "\n";
      } else {
        const auto undo = store.next_undo();
        for (const auto& r : revs)
          std::cout << "r" << r.seq << "  " << r.time << "  " << r.author << "  " << r.summary
                    << (undo && undo->seq == r.seq ? "   <- next undo" : "") << "\n";
      }
      return 0;
    }
    const auto history = store.item_history(a->item);
    if (history.empty()) throw Error("no revision touched '" + a->item + "'");
    if (a->format == "json") {
      nlohmann::ordered_json out = nlohmann::ordered_json::array();
      for (const auto& h : history) {
        auto j = revision_json(h.revision);
        j["op"] = h.op;
        nlohmann::ordered_json fields = nlohmann::ordered_json::array();
        for (const auto& f : h.fields)
          fields.push_back({{"field", f.field},
                            {"old", f.old_value ? nlohmann::ordered_json(*f.old_value) : nullptr},
                            {"new", f.new_value ? nlohmann::ordered_json(*f.new_value) : nullptr}});
        j["fields"] = fields;
        out.push_back(j);
      }
      std::cout << dump(out) << "\n";
    } else {
      for (const auto& h : history) {
        std::cout << "r" << h.revision.seq << "  " << h.revision.time << "  " << h.revision.author << "  " << h.op
                  << ": " << h.revision.summary << "\n";
        if (h.op == "changed")
          for (const auto& f : h.fields)
            std::cout << "    " << f.field << ": " << f.old_value.value_or("(none)") << " → "
                      << f.new_value.value_or("(none)") << "\n";
      }
    }
    return 0;
  };
}

}  // namespace uch::cli
