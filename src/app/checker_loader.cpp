// The editor's checker, built on another thread: see checker_loader.hpp.
#include "checker_loader.hpp"

#include <exception>
#include <utility>

#include "uchronia/store.hpp"

namespace uch::app {

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
    try {
      // The check's input, no text field read (the links come from the link table); then the
      // characters of the texts for the fonts, streamed: no body is ever held.
      const Store store = Store::open(path, OpenOptions{.read_only = true});
      {
        CheckInput input = store.check_input();
        if (cancel_) return;
        r.checker.load(input);
        r.relations = std::move(input.doc.relations);
      }
      if (cancel_) return;
      r.code_points = store.text_code_points();
      if (cancel_) return;
      r.checker.findings();   // computed here, not on the first frame that asks
    } catch (const std::exception& e) {
      r.error = e.what();
    }
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
