// The editor's checker, built on another thread from a read-only connection of its own: the first
// frame does not wait for it. It is built from the store's check input (the links from the link
// table, no text field read), and the texts' characters for the fonts are streamed row by row:
// neither the editor nor its checker ever holds every body.
#pragma once

#include <atomic>
#include <filesystem>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

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

  CheckerLoader() = default;
  ~CheckerLoader();   // stops a build under way
  CheckerLoader(const CheckerLoader&) = delete;
  CheckerLoader& operator=(const CheckerLoader&) = delete;

  /// Starts building the checker of the document at `path` (stopping any build under way).
  void start(const std::filesystem::path& path);
  /// Stops a build under way; its result is dropped.
  void stop();
  bool running() const;
  /// The result once the build is done (taken once).
  std::optional<Result> take();

 private:
  std::thread worker_;
  std::atomic<bool> cancel_{false};
  mutable std::mutex mutex_;
  std::optional<Result> result_;
  bool running_ = false;
};

}  // namespace uch::app
