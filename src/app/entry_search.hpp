// The entries filter's full-text search, off the UI thread: a keystroke asks, a later frame picks the
// answer up, and the table never waits for FTS5 (a common prefix at 100,000 entries takes ~0.5 s).
// Not a BackgroundJob: one long-lived worker keeps its read-only connection between questions, and a
// new question never waits for the running search to end (an FTS5 query cannot be asked to stop
// midway, and joining it on each keystroke would stall typing); only the newest answer is kept.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <unordered_set>

namespace uch {
class Store;
}

namespace uch::app {

class EntrySearch {
 public:
  using Ids = std::unordered_set<std::string>;
  struct Answer {
    std::string query;
    std::uint64_t generation = 0;       // of the document the answer is about
    std::shared_ptr<const Ids> ids;     // never null
    std::string error;                  // set when the search failed (ids then empty)
  };

  EntrySearch() = default;
  ~EntrySearch();
  EntrySearch(const EntrySearch&) = delete;
  EntrySearch& operator=(const EntrySearch&) = delete;

  /// Asks for the ids of the entries matching `query` in the document as of `generation`. A document
  /// with a file is searched on a worker thread through a read-only connection of its own (only the
  /// newest question is answered); one without (in memory) is searched at once on this thread.
  void ask(const Store& store, std::uint64_t generation, const std::string& query);
  /// The answer to the newest question, once it is there (taken once).
  std::optional<Answer> take();
  /// True while a question is waiting for its answer.
  bool busy() const;

 private:
  static Answer search(const Store& store, std::uint64_t generation, const std::string& query);
  void run();

  mutable std::mutex mutex_;
  std::condition_variable wake_;
  std::thread worker_;
  bool stop_ = false;
  std::optional<std::pair<std::string, std::uint64_t>> question_;   // (query, generation) not yet started
  std::filesystem::path path_;                                        // the file the worker searches
  std::optional<Answer> answer_;
  std::uint64_t asked_ = 0, answered_ = 0;                            // question serials
};

}  // namespace uch::app
