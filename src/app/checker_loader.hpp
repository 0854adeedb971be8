// The editor's checker, built on another thread from a read-only connection of its own: the first
// frame does not wait for it. The whole document is read for the build and dropped once it is built
// (the editor itself holds no body).
#pragma once

#include <atomic>
#include <filesystem>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <unordered_set>
#include <vector>

#include "uchronia/check.hpp"
#include "uchronia/model.hpp"

namespace uch::app {

/// Adds the code points beyond ASCII of UTF-8 `text` to `seen` (for the fonts); malformed bytes are skipped.
void collect_code_points(const std::string& text, std::unordered_set<char32_t>& seen);

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
