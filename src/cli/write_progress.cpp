// Long writes and waits on stderr, and Ctrl+C cancelling a write verb's wait or write cleanly.
#include <csignal>
#include <cstdio>
#include <iostream>

#include "cli.hpp"
#include "uchronia/store.hpp"

namespace uch::cli {
namespace {

/// The first report at about a second, then one every few seconds: a progress line, not a flood.
bool due(double seconds, double& next) {
  if (seconds < next) return false;
  next = seconds < 5 ? 5 : seconds + 5;
  return true;
}

extern "C" void on_interrupt(int) { uch::cancel_writes(); }

}  // namespace

void report_writes(const std::string& verb) {
  set_writer_label("uchronia " + verb);
  set_write_progress_reporter([writing_next = 0.0, waiting_next = 0.0](const WriteProgress& p) mutable {
    const auto s = std::to_string(static_cast<long long>(p.seconds)) + " s";
    if (p.kind == WriteProgress::Kind::Writing) {
      if (due(p.seconds, writing_next)) std::cerr << "uchronia: still writing " << p.document.string() << " (" << s << ")\n";
    } else if (due(p.seconds, waiting_next)) {
      std::cerr << "uchronia: waiting for another writer to finish with " << p.document.string() << " ("
                << (p.holder.empty() ? std::string() : p.holder + ", ") << s << "); Ctrl+C cancels\n";
    }
  });
}

CancelWritesOnInterrupt::CancelWritesOnInterrupt() {
  struct sigaction sa {};
  sa.sa_handler = on_interrupt;
  sigemptyset(&sa.sa_mask);
  sigaction(SIGINT, &sa, &previous_int_);
  sigaction(SIGTERM, &sa, &previous_term_);
}
CancelWritesOnInterrupt::~CancelWritesOnInterrupt() {
  sigaction(SIGINT, &previous_int_, nullptr);
  sigaction(SIGTERM, &previous_term_, nullptr);
}

}  // namespace uch::cli
