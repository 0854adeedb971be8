// The entries filter's full-text search, off the UI thread: see entry_search.hpp.
#include "entry_search.hpp"

#include <exception>
#include <utility>

#include "uchronia/store.hpp"

namespace uch::app {

EntrySearch::~EntrySearch() {
  {
    std::lock_guard lock(mutex_);
    stop_ = true;
  }
  wake_.notify_all();
  if (worker_.joinable()) worker_.join();
}

EntrySearch::Answer EntrySearch::search(const Store& store, std::uint64_t generation, const std::string& query) {
  Answer a{query, generation, nullptr, {}};
  auto ids = std::make_shared<Ids>();
  try {
    // Every match: the table shows them in date order, so FTS5's ranking is not asked for beyond that.
    for (std::string& id : store.search(query, 1 << 30)) ids->insert(std::move(id));
  } catch (const std::exception& e) {
    ids->clear();
    a.error = std::string("search: ") + e.what();
  }
  a.ids = std::move(ids);
  return a;
}

void EntrySearch::ask(const Store& store, std::uint64_t generation, const std::string& query) {
  const std::filesystem::path& path = store.path();
  if (path.empty() || path == ":memory:") {   // nothing to open a second time: answer now
    std::lock_guard lock(mutex_);
    answered_ = ++asked_;
    question_.reset();
    answer_ = search(store, generation, query);
    return;
  }
  {
    std::lock_guard lock(mutex_);
    question_.emplace(query, generation);
    path_ = path;
    ++asked_;
    answer_.reset();   // an older answer is no longer wanted
    if (!worker_.joinable()) worker_ = std::thread([this] { run(); });
  }
  wake_.notify_one();
}

void EntrySearch::run() {
  std::optional<Store> store;
  std::filesystem::path open_path;
  std::unique_lock lock(mutex_);
  for (;;) {
    wake_.wait(lock, [&] { return stop_ || question_.has_value(); });
    if (stop_) return;
    auto [query, generation] = std::move(*question_);
    question_.reset();
    const std::uint64_t serial = asked_;
    const std::filesystem::path path = path_;
    lock.unlock();
    Answer a;
    try {
      if (!store || open_path != path) {
        store.reset();
        store.emplace(Store::open(path, OpenOptions{.read_only = true}));
        open_path = path;
      }
      a = search(*store, generation, query);
    } catch (const std::exception& e) {
      a = Answer{query, generation, std::make_shared<Ids>(), std::string("search: ") + e.what()};
    }
    lock.lock();
    if (serial == asked_) {   // still the newest question
      answer_ = std::move(a);
      answered_ = serial;
    }
  }
}

std::optional<EntrySearch::Answer> EntrySearch::take() {
  std::lock_guard lock(mutex_);
  return std::exchange(answer_, std::nullopt);
}

bool EntrySearch::busy() const {
  std::lock_guard lock(mutex_);
  return answered_ != asked_;
}

}  // namespace uch::app
