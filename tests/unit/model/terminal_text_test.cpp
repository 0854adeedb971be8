// terminal_safe: what every CLI verb writes to a terminal (control characters shown, not acted on).
#include <doctest/doctest.h>

#include "uchronia/terminal_text.hpp"

TEST_CASE("terminal text: escapes, C1 controls and invalid UTF-8 are shown; text, \\n and \\t kept") {
  CHECK(uch::terminal_safe("plain text\twith tab\n") == "plain text\twith tab\n");
  CHECK(uch::terminal_safe("Ελλάδα 京都 €5 🙂") == "Ελλάδα 京都 €5 🙂");
  CHECK(uch::terminal_safe("a\x1b]52;c;eA==\x07z") == "a\\x1b]52;c;eA==\\x07z");
  CHECK(uch::terminal_safe("\x1b[2J\r\x7f") == "\\x1b[2J\\x0d\\x7f");
  CHECK(uch::terminal_safe(std::string_view("a\0b", 3)) == "a\\x00b");
  CHECK(uch::terminal_safe("\xC2\x9B" "31m \xC2\x80 \xC2\x9F \xC2\xA0") == "\\u{9b}31m \\u{80} \\u{9f} \xC2\xA0");
  CHECK(uch::terminal_safe("bad \xFF \xC3( \xE2\x82") == "bad \\xff \\xc3( \\xe2\\x82");
}

TEST_CASE("terminal text: a UTF-8 sequence cut at the end of a piece is held for the next") {
  CHECK(uch::incomplete_utf8_tail("abc") == 0);
  CHECK(uch::incomplete_utf8_tail("ab\xE2\x82") == 2);
  CHECK(uch::incomplete_utf8_tail("ab\xE2\x82\xAC") == 0);
  CHECK(uch::incomplete_utf8_tail("\xF0\x9F\x99") == 3);
  CHECK(uch::incomplete_utf8_tail("\xC3") == 1);
  CHECK(uch::incomplete_utf8_tail("\x80\x80\x80\x80") == 0);
}
