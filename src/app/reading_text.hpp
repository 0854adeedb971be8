// The body as it reads (UI-free): Markdown parsed by cmark-gfm into plain text with style spans,
// and `[[target|label]]` links (the core's parse_links) shown by their label.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace uch::app {

enum ReadingStyle : std::uint8_t { kReadPlain = 0, kReadEmphasis = 1, kReadStrong = 2, kReadCode = 4, kReadHeading = 8 };

/// Bytes [begin, end) of ReadingText::text drawn in `style`; `link` indexes ReadingText::links, or -1.
struct ReadingSpan {
  std::size_t begin = 0, end = 0;
  std::uint8_t style = kReadPlain;
  int link = -1;
};

struct ReadingLink {
  std::string target, label;
};

struct ReadingText {
  std::string text;                 // paragraphs separated by a blank line
  std::vector<ReadingSpan> spans;   // cover `text` in order, without gaps
  std::vector<ReadingLink> links;
};

/// Never throws on any input; text that is not Markdown reads as itself.
ReadingText reading_text(std::string_view markdown);

}  // namespace uch::app
