// `uchronia generate --entries N --entities M --seed S [-o OUT.json]`: a synthetic, consistent timeline.
#include "cli.hpp"
#include "uchronia/generate.hpp"
#include "uchronia/interchange.hpp"

namespace uch::cli {

VerbRun add_generate(CLI::App& app, const Globals&) {
  auto* sub = app.add_subcommand(
      "generate", "Write a synthetic timeline (interchange JSON) that check reports nothing on, for trials and benchmarks");
  struct Args {
    GenerateOptions options;
    std::string out;
  };
  auto a = std::make_shared<Args>();
  sub->add_option("--entries", a->options.entries, "Number of entries (default 1000)")->check(CLI::Range(0, 100000000));
  sub->add_option("--entities", a->options.entities, "Number of entities (default 100)")->check(CLI::Range(0, 100000000));
  sub->add_option("--seed", a->options.seed, "Seed: the same seed gives the same file (default 1)");
  sub->add_option("-o,--output", a->out, "Output file (default: standard output); written atomically");
  return [a]() {
    check_output(a->out);  // before generating: a refusal costs nothing
    write_output(a->out, write_interchange_json(generate_timeline(a->options)));
    return 0;
  };
}

}  // namespace uch::cli
