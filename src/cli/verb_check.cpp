// `uchronia check DOC|FILE.json [--format text|json] [--strict] [--all] [--rule ID...] [--branch ID]`.
#include <algorithm>
#include <iostream>

#include "cli.hpp"
#include "uchronia/branch_check.hpp"
#include "uchronia/check.hpp"
#include "uchronia/store.hpp"

namespace uch::cli {

VerbRun add_check(CLI::App& app, const Globals&) {
  auto* sub = app.add_subcommand("check", "Check a document or interchange JSON file for consistency");
  struct Args {
    std::string file, format = "text";
    bool strict = false, all = false;
    std::vector<std::string> rules;
    std::string branch;
  };
  auto a = std::make_shared<Args>();
  sub->add_option("FILE", a->file, "Document or interchange JSON file")->required();
  sub->add_option("--format", a->format, "text or json")->check(CLI::IsMember({"text", "json"}));
  sub->add_flag("--strict", a->strict, "Exit 1 when there is any warning too");
  sub->add_flag("--all", a->all, "Also show acknowledged findings");
  sub->add_option("--rule", a->rules, "Only these rules (repeatable)");
  sub->add_option("--branch", a->branch, "Only the world of this branch (docs/branches.md)");
  return [a]() -> int {
    for (const auto& rule : a->rules) {
      const auto is = [&](const RuleInfo& r) { return rule == r.id; };
      if (std::none_of(all_rules().begin(), all_rules().end(), is) &&
          std::none_of(branch_rules().begin(), branch_rules().end(), is))
        throw Error("--rule: unknown rule '" + rule + "'");
    }
    // A document: its items and links from the store, no text field read; a JSON file: parsed.
    CheckInput input;
    std::vector<Finding> findings;
    if (looks_like_document(a->file)) {
      input = Store::open(a->file, OpenOptions{.read_only = true}).check_input();
      findings = check_worlds(input, a->branch);  // every world of its branches (one without branches)
    } else {
      input.doc = load_any(a->file);
      findings = check_worlds(input.doc, a->branch);
    }
    const Document& doc = input.doc;
    if (!a->rules.empty())
      std::erase_if(findings, [&](const Finding& f) {
        return std::find(a->rules.begin(), a->rules.end(), f.rule) == a->rules.end();
      });
    if (a->format == "json") std::cout << findings_to_json(findings, a->all) << "\n";
    else std::cout << findings_to_text(findings, doc, a->file, a->all);
    const CheckCounts counts = count_findings(findings);
    // What was built (a 100,000-entry document's items) is left to the end of the process.
    exit_now(counts.error > 0 || (a->strict && counts.warning > 0) ? 1 : 0);
  };
}

}  // namespace uch::cli
