// Running git for sync: a child process with its arguments as given (no shell), its output read.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace uch::sync {

struct GitRun {
  int status = -1;     // exit status; -1 when git could not be started
  std::string output;  // standard output and error, together
};

/// `git -C dir ARGS...`, waited for; never throws for a failing git (status says it).
GitRun run_git(const std::filesystem::path& dir, const std::vector<std::string>& args);

/// run_git, and Error "git ARGS: OUTPUT's last line" when it fails.
std::string git_or_fail(const std::filesystem::path& dir, const std::vector<std::string>& args);

}  // namespace uch::sync
