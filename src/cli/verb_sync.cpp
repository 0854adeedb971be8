// `uchronia sync DOC [--remote URL]`: share the document through a git remote (issue 19, first
// steps; docs/folder-format.md). The rules are the core's (sync_document); this only reports.
#include <unistd.h>

#include <iostream>

#include "cli.hpp"
#include "uchronia/store.hpp"
#include "uchronia/sync.hpp"

namespace uch::cli {

namespace {

/// This program, as git's shell will run it for the merge driver.
std::string merge_driver_command() {
  std::string self(4096, '\0');
  const ssize_t n = ::readlink("/proc/self/exe", self.data(), self.size());
  self = n > 0 ? self.substr(0, static_cast<std::size_t>(n)) : std::string("uchronia");
  std::string quoted = "'";
  for (char c : self) quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return quoted + "' merge-driver";
}

}  // namespace

VerbRun add_sync(CLI::App& app, const Globals& g) {
  auto* sub = app.add_subcommand("sync", "Share the document through a git remote: send local changes, take others'");
  auto doc = std::make_shared<std::string>();
  auto remote = std::make_shared<std::string>();
  sub->add_option("DOC", *doc, "Document (created from the remote when it does not exist yet)")->required();
  sub->add_option("--remote", *remote, "The git remote to share through, the first time (a URL or a path)");
  return [=, &g]() {
    SyncOptions options;
    options.remote = *remote;
    options.author = default_author(g.author);
    options.merge_driver_command = merge_driver_command();
    const SyncResult result = sync_document(*doc, options);
    std::cerr << *doc << ": " << result.summary << "\n";
    return 0;
  };
}

}  // namespace uch::cli
