// Standard output and error, when they are terminals, pass through uch::append_terminal_safe: every
// verb prints document text (titles in `set`, `history`, `search`, date and conflict messages), and
// none may let an escape sequence in it act on the terminal. Pipes and files get the bytes as is,
// so that exports stay byte-exact and `history | grep` sees the text as stored.
#include <unistd.h>

#include <cstdio>
#include <iostream>
#include <streambuf>

#include "cli.hpp"
#include "uchronia/terminal_text.hpp"

namespace uch::cli {

namespace {

/// Escapes what goes through it and writes it to the stream buffer it replaced. A UTF-8 sequence cut
/// between two writes is kept until the next one completes it.
class TerminalSafeBuf : public std::streambuf {
 public:
  explicit TerminalSafeBuf(std::streambuf* target) : target_(target) {}
  ~TerminalSafeBuf() override { flush(true); }

 protected:
  int_type overflow(int_type ch) override {
    if (traits_type::eq_int_type(ch, traits_type::eof())) return sync() == 0 ? traits_type::not_eof(ch) : ch;
    pending_ += traits_type::to_char_type(ch);
    if (pending_.size() >= 4096) flush(false);
    return ch;
  }
  std::streamsize xsputn(const char* s, std::streamsize n) override {
    pending_.append(s, static_cast<std::size_t>(n));
    if (pending_.size() >= 4096) flush(false);
    return n;
  }
  int sync() override { return flush(false) ? 0 : -1; }

 private:
  bool flush(bool final) {
    const std::size_t keep = final ? 0 : incomplete_utf8_tail(pending_);
    shown_.clear();
    append_terminal_safe(shown_, std::string_view(pending_).substr(0, pending_.size() - keep));
    pending_.erase(0, pending_.size() - keep);
    const auto n = static_cast<std::streamsize>(shown_.size());
    return target_->sputn(shown_.data(), n) == n && target_->pubsync() == 0;
  }

  std::streambuf* target_;
  std::string pending_, shown_;
};

}  // namespace

void guard_terminal_output() {
  static bool done = false;
  if (done) return;
  done = true;
  // Kept for the whole run (and its exit), so never freed.
  if (::isatty(STDOUT_FILENO)) std::cout.rdbuf(new TerminalSafeBuf(std::cout.rdbuf()));
  if (::isatty(STDERR_FILENO)) std::cerr.rdbuf(new TerminalSafeBuf(std::cerr.rdbuf()));
}

}  // namespace uch::cli
