// The one place verbs are registered, and the dispatch with uniform error handling.
#include <iostream>
#include <new>

#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include "cli.hpp"
#include "uchronia/store.hpp"

namespace uch::cli {

const std::vector<Verb>& verbs() {
  static const std::vector<Verb> all = {
      {"import", add_import},   {"export", add_export},   {"check", add_check},
      {"date", add_date},       {"history", add_history}, {"undo", add_undo},
      {"redo", add_redo},       {"restore", add_restore}, {"set", add_set},
      {"add-entry", add_add_entry}, {"delete", add_delete}, {"search", add_search},
      {"generate", add_generate}, {"suggest-links", add_suggest_links},
      {"rebuild", add_rebuild}, {"verify", add_verify},
      {"merge-driver", add_merge_driver}, {"sync", add_sync},
      {"branch", add_branch},   {"move", add_move},       {"override", add_override},
  };
  return all;
}

bool is_verb(const std::string& name) {
  for (const auto& v : verbs())
    if (name == v.name) return true;
  return false;
}

int run(int argc, char** argv) {
  guard_terminal_output();
  CLI::App app{"Uchronia: write, check and publish a timeline.\n"
               "Run with no verb (or with a document) to open the editor.",
               "uchronia"};
  app.set_version_flag("--version", std::string("uchronia ") + UCHRONIA_VERSION);
  app.require_subcommand(1);
  Globals globals;
  app.add_option("--author", globals.author, "Author recorded in history (default: $UCHRONIA_AUTHOR, else your user name)");
  app.add_flag("--verbose", globals.verbose, "Log debug details to stderr");
  std::vector<std::pair<CLI::App*, VerbRun>> runs;
  for (const auto& verb : verbs()) {
    VerbRun run = verb.add(app, globals);
    runs.emplace_back(app.get_subcommand(verb.name), std::move(run));
  }
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e);
    return code == 0 ? 0 : 2;
  }
  auto logger = spdlog::stderr_color_mt("uchronia");
  spdlog::set_default_logger(logger);
  spdlog::set_level(globals.verbose ? spdlog::level::debug : spdlog::level::warn);
  for (auto& [sub, run] : runs) {
    if (!sub->parsed()) continue;
    report_writes(sub->get_name());
    try {
      return run();
    } catch (const WriteCancelled& e) {
      std::cerr << "uchronia: " << e.what() << "\n";
      return 130;  // as a shell reports a program stopped by Ctrl+C
    } catch (const ConflictError& e) {
      std::cerr << "uchronia: conflict: " << e.what() << "\n";
      return 2;
    } catch (const Error& e) {
      std::cerr << "uchronia: " << e.what() << "\n";
      return 2;
    } catch (const std::bad_alloc&) {
      std::cerr << "uchronia: out of memory\n";
      return 2;
    } catch (const std::exception& e) {
      std::cerr << "uchronia: " << e.what() << "\n";
      return 2;
    }
  }
  return 2;
}

}  // namespace uch::cli
