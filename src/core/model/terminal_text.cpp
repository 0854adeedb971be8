// The one rule for showing document text on a terminal (every CLI verb's output goes through it).
#include "uchronia/terminal_text.hpp"

#include "model/utf8.hpp"

namespace uch {

namespace {

constexpr char kHex[] = "0123456789abcdef";

void append_hex_byte(std::string& out, unsigned char c) {
  out += "\\x";
  out += kHex[c >> 4];
  out += kHex[c & 0xF];
}

}  // namespace

void append_terminal_safe(std::string& out, std::string_view text) {
  out.reserve(out.size() + text.size());
  for (std::size_t i = 0; i < text.size();) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c >= 0x20 && c < 0x7F) {
      out += static_cast<char>(c);
      ++i;
      continue;
    }
    if (c < 0x80) {  // C0, DEL
      if (c == '\n' || c == '\t') out += static_cast<char>(c);
      else append_hex_byte(out, c);
      ++i;
      continue;
    }
    const utf8::Decoded d = utf8::decode(text, i);
    if (d.cp == utf8::kInvalid) {
      append_hex_byte(out, c);
    } else if (d.cp <= 0x9F) {  // C1: U+009B is a CSI on many terminals
      out += "\\u{";
      out += kHex[d.cp >> 4];
      out += kHex[d.cp & 0xF];
      out += '}';
    } else {
      out.append(text.substr(i, d.len));
    }
    i += d.len;
  }
}

std::string terminal_safe(std::string_view text) {
  std::string out;
  append_terminal_safe(out, text);
  return out;
}

std::size_t incomplete_utf8_tail(std::string_view text) {
  // Look back at most 3 bytes for a lead byte whose sequence runs past the end.
  for (std::size_t back = 1; back <= 3 && back <= text.size(); ++back) {
    const auto c = static_cast<unsigned char>(text[text.size() - back]);
    if ((c & 0xC0) == 0x80) continue;  // a continuation byte: look further back
    const std::size_t len = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
    return len > back ? back : 0;
  }
  return 0;
}

}  // namespace uch
