// Text from a document shown on a terminal: control characters and invalid UTF-8 made visible, so
// that an entry titled "\e]52;c;...\a" cannot write the clipboard or "\e[2J" clear the screen.
#pragma once

#include <string>
#include <string_view>

namespace uch {

/// Appends `text` to `out` with every character a terminal could act on written visibly:
/// C0 controls other than \n and \t, DEL and ESC as "\x1b", C1 controls (U+0080..U+009F) as
/// "\u{9b}", and each byte of invalid UTF-8 as "\xff". Everything else is copied as is. `text`
/// must hold whole sequences: a sequence cut at its end counts as invalid.
void append_terminal_safe(std::string& out, std::string_view text);
std::string terminal_safe(std::string_view text);

/// How many bytes at the end of `text` begin a UTF-8 sequence that the next bytes may complete
/// (0..3): what a writer fed in pieces keeps for the next piece.
std::size_t incomplete_utf8_tail(std::string_view text);

}  // namespace uch
