// Entry point: a verb runs the command line; no verb (or a document path) opens the editor.
#include <cstring>
#include <iostream>
#include <string>

#include "cli.hpp"
#ifdef UCHRONIA_HAVE_APP
#include "editor_main.hpp"
#endif

int main(int argc, char** argv) {
  if (argc >= 2) {
    const std::string first = argv[1];
    if (uch::cli::is_verb(first) || first == "--help" || first == "-h" || first == "--version" ||
        first == "--author" || first == "--verbose")
      return uch::cli::run(argc, argv);
  }
#ifdef UCHRONIA_HAVE_APP
  return uch::app::run_editor(argc, argv);
#else
  std::cerr << "uchronia: this build has no editor; run `uchronia --help` for the command-line verbs\n";
  return 2;
#endif
}
