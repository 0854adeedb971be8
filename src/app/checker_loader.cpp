// The editor's checker, built on another thread: see checker_loader.hpp.
#include "checker_loader.hpp"

#include <algorithm>
#include <exception>
#include <unordered_set>
#include <utility>

#include "uchronia/store.hpp"

namespace uch::app {

void collect_code_points(const std::string& text, std::unordered_set<char32_t>& seen) {
  const auto* s = reinterpret_cast<const unsigned char*>(text.data());
  const std::size_t n = text.size();
  for (std::size_t i = 0; i < n;) {
    const unsigned char c = s[i];
    if (c < 0x80) {
      ++i;
      continue;
    }
    const int len = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
    if (len == 1 || i + static_cast<std::size_t>(len) > n) {
      ++i;
      continue;
    }
    char32_t cp = c & (0xFF >> (len + 1));
    for (int k = 1; k < len; ++k) cp = (cp << 6) | (s[i + static_cast<std::size_t>(k)] & 0x3F);
    seen.insert(cp);
    i += static_cast<std::size_t>(len);
  }
}

CheckerLoader::~CheckerLoader() { stop(); }

void CheckerLoader::stop() {
  cancel_ = true;
  if (worker_.joinable()) worker_.join();
  cancel_ = false;
  std::lock_guard lock(mutex_);
  running_ = false;
  result_.reset();
}

void CheckerLoader::start(const std::filesystem::path& path) {
  stop();
  {
    std::lock_guard lock(mutex_);
    running_ = true;
  }
  worker_ = std::thread([this, path] {
    Result r;
    std::unordered_set<char32_t> seen;
    try {
      // One read of every entry (Store::load, the fast path: a read per entry costs a transaction
      // each), handed to the checker's bulk build; the texts are dropped as soon as it is built.
      const Store store = Store::open(path, OpenOptions{.read_only = true});
      Document doc = store.load();
      if (cancel_) return;
      r.checker.load(doc);
      r.relations = std::move(doc.relations);
      for (const Entry& e : doc.entries)
        for (const std::string* text : {&e.title, &e.body, &e.otl, &e.notes}) collect_code_points(*text, seen);
      doc = Document{};
      if (cancel_) return;
      r.checker.findings();   // computed here, not on the first frame that asks
    } catch (const std::exception& e) {
      r.error = e.what();
    }
    r.code_points.assign(seen.begin(), seen.end());
    std::sort(r.code_points.begin(), r.code_points.end());
    std::lock_guard lock(mutex_);
    result_ = std::move(r);
    running_ = false;
  });
}

bool CheckerLoader::running() const {
  std::lock_guard lock(mutex_);
  return running_;
}

std::optional<CheckerLoader::Result> CheckerLoader::take() {
  std::lock_guard lock(mutex_);
  return std::exchange(result_, std::nullopt);
}

}  // namespace uch::app
