// One computation on another thread whose result the UI takes when it is ready: the window that
// asked keeps drawing (and typing goes on) meanwhile. Starting again drops a result not yet taken
// and asks the running computation to stop at its next look at `cancelled`.
#pragma once

#include <atomic>
#include <functional>
#include <mutex>
#include <optional>
#include <thread>
#include <utility>

namespace uch::app {

template <typename Result>
class BackgroundJob {
 public:
  using Work = std::function<Result(const std::atomic<bool>& cancelled)>;

  BackgroundJob() = default;
  ~BackgroundJob() { stop(); }
  BackgroundJob(const BackgroundJob&) = delete;
  BackgroundJob& operator=(const BackgroundJob&) = delete;

  void start(Work work) {
    stop();
    {
      std::lock_guard lock(mutex_);
      running_ = true;
    }
    worker_ = std::thread([this, work = std::move(work)] {
      std::optional<Result> r;
      r.emplace(work(cancel_));
      std::lock_guard lock(mutex_);
      if (!cancel_) result_ = std::move(r);
      running_ = false;
    });
  }

  /// Asks the computation to stop and waits for it; its result is dropped.
  void stop() {
    cancel_ = true;
    if (worker_.joinable()) worker_.join();
    cancel_ = false;
    std::lock_guard lock(mutex_);
    running_ = false;
    result_.reset();
  }

  bool running() const {
    std::lock_guard lock(mutex_);
    return running_;
  }

  /// The result once it is ready (taken once).
  std::optional<Result> take() {
    std::lock_guard lock(mutex_);
    return std::exchange(result_, std::nullopt);
  }

 private:
  std::thread worker_;
  std::atomic<bool> cancel_{false};
  mutable std::mutex mutex_;
  std::optional<Result> result_;
  bool running_ = false;
};

}  // namespace uch::app
