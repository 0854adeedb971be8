// The editor's checker, built on another thread from a read-only connection of its own: the first
// frame does not wait for it. It is built from the store's check input (the links from the link
// table, no text field read), and the texts' characters for the fonts are streamed row by row:
// neither the editor nor its checker ever holds every body.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "background_job.hpp"

#include "uchronia/check.hpp"
#include "uchronia/model.hpp"

namespace uch::app {

class CheckerLoader {
 public:
  struct Result {
    Checker checker;                      // findings computed, ready to take over
    std::vector<Relation> relations;      // the relations it was built with
    std::vector<char32_t> code_points;    // the characters of the entries' texts beyond ASCII, each once
    std::string error;                    // the document could not be read (the checker is then partial)
  };

  /// Starts building the checker of the document at `path` (stopping any build under way).
  void start(const std::filesystem::path& path);
  /// Stops a build under way; its result is dropped.
  void stop() { job_.stop(); }
  bool running() const { return job_.running(); }
  /// The result once the build is done (taken once).
  std::optional<Result> take() { return job_.take(); }

 private:
  BackgroundJob<Result> job_;   // stopped (and joined) when the loader goes
};

}  // namespace uch::app
