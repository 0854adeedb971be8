// Two pieces of work at once on this 2-core machine's two cores (the checker's full build, the
// Markdown export), or one after the other where a thread would cost more than it saves.
#pragma once

#include <exception>
#include <thread>

namespace uch {

/// When `parallel`, `second` runs on a new thread while `first` runs on this one; otherwise
/// `first`, then `second`. Returns once both are done and rethrows what either threw.
template <class First, class Second>
void run_side_by_side(bool parallel, First&& first, Second&& second) {
  if (!parallel) {
    first();
    second();
    return;
  }
  std::exception_ptr failure;
  {
    std::jthread helper([&] {
      try {
        second();
      } catch (...) {
        failure = std::current_exception();
      }
    });
    first();  // should it throw, the helper is joined on the way out
  }
  if (failure) std::rethrow_exception(failure);
}

}  // namespace uch
