// The core's one UTF-8 decoder/encoder, strict, no locale involved (header only: the model and
// publish components include it).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace uch::utf8 {

/// One decoded code point; `cp` is kInvalid when the bytes at that offset are not
/// well-formed UTF-8 (then `len` is 1, so that the caller can skip or copy that byte).
struct Decoded {
  char32_t cp;
  std::size_t len;
};
inline constexpr char32_t kInvalid = 0xFFFFFFFF;

/// Decode the code point starting at `text[i]` (i < text.size()). Strict: rejects
/// overlong forms, surrogates, code points above U+10FFFF and truncated sequences.
inline Decoded decode(std::string_view text, std::size_t i) {
  const auto b = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
  const unsigned char c0 = b(i);
  if (c0 < 0x80) return {c0, 1};
  std::size_t len = 0;
  char32_t cp = 0;
  char32_t min = 0;
  if (c0 >= 0xC2 && c0 <= 0xDF) { len = 2; cp = c0 & 0x1F; min = 0x80; }
  else if (c0 >= 0xE0 && c0 <= 0xEF) { len = 3; cp = c0 & 0x0F; min = 0x800; }
  else if (c0 >= 0xF0 && c0 <= 0xF4) { len = 4; cp = c0 & 0x07; min = 0x10000; }
  else return {kInvalid, 1};
  if (i + len > text.size()) return {kInvalid, 1};
  for (std::size_t k = 1; k < len; ++k) {
    const unsigned char c = b(i + k);
    if ((c & 0xC0) != 0x80) return {kInvalid, 1};
    cp = (cp << 6) | (c & 0x3F);
  }
  if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return {kInvalid, 1};
  return {cp, len};
}

/// Append the UTF-8 encoding of a valid code point.
inline void encode(char32_t cp, std::string& out) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

/// Unicode White_Space (plus U+FEFF, the byte-order mark), for trimming names.
inline bool is_space(char32_t cp) {
  return (cp >= 0x09 && cp <= 0x0D) || cp == 0x20 || cp == 0x85 || cp == 0xA0 || cp == 0x1680 ||
         (cp >= 0x2000 && cp <= 0x200A) || cp == 0x2028 || cp == 0x2029 || cp == 0x202F ||
         cp == 0x205F || cp == 0x3000 || cp == 0xFEFF;
}

/// ASCII White_Space (the only spaces that are one byte in UTF-8).
inline bool is_ascii_space(unsigned char c) { return (c >= 0x09 && c <= 0x0D) || c == 0x20; }

/// `text` without leading and trailing (Unicode) spaces.
inline std::string_view trim(std::string_view text) {
  std::size_t begin = 0;
  while (begin < text.size()) {
    const auto c = static_cast<unsigned char>(text[begin]);
    if (c < 0x80) {
      if (!is_ascii_space(c)) break;
      ++begin;
      continue;
    }
    const Decoded d = decode(text, begin);
    if (d.cp == kInvalid || !is_space(d.cp)) break;
    begin += d.len;
  }
  // From the back while the bytes are ASCII: an ASCII byte is always a code point of its own
  // (no well-formed sequence contains one), so it can be judged without decoding.
  std::size_t limit = text.size();
  while (limit > begin) {
    const auto c = static_cast<unsigned char>(text[limit - 1]);
    if (c >= 0x80) break;
    if (!is_ascii_space(c)) return text.substr(begin, limit - begin);
    --limit;
  }
  // Otherwise scan forward, remembering where the last non-space ends (UTF-8 is not easily
  // walked backwards). Cutting at `limit` changes no decoding: a sequence cannot span the
  // ASCII bytes cut off.
  const std::string_view head = text.substr(0, limit);
  std::size_t end = begin;
  for (std::size_t i = begin; i < head.size();) {
    const Decoded d = decode(head, i);
    i += d.len;
    if (d.cp == kInvalid || !is_space(d.cp)) end = i;
  }
  return text.substr(begin, end - begin);
}

/// Copy of `text` where every byte that is not part of well-formed UTF-8 is written `\xNN`.
inline std::string sanitize(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    const Decoded d = decode(text, i);
    if (d.cp == kInvalid) {
      static const char* hex = "0123456789ABCDEF";
      const auto c = static_cast<unsigned char>(text[i]);
      out += "\\x";
      out += hex[c >> 4];
      out += hex[c & 0xF];
    } else {
      out.append(text.substr(i, d.len));
    }
    i += d.len;
  }
  return out;
}

}  // namespace uch::utf8
