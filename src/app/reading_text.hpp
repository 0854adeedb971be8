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

/// Bytes [read, read + length) of ReadingText::text are the Markdown's bytes [source, source + length):
/// where a click on the read text puts the cursor in the source.
struct ReadingAnchor {
  std::size_t read = 0, source = 0, length = 0;
};

struct ReadingText {
  std::string text;                 // paragraphs separated by a blank line
  std::vector<ReadingSpan> spans;   // cover `text` in order, without gaps
  std::vector<ReadingLink> links;
  std::vector<ReadingAnchor> anchors;   // in order of `read` and of `source`
};

/// Never throws on any input; text that is not Markdown reads as itself.
ReadingText reading_text(std::string_view markdown);

/// The Markdown offset of byte `read` of the read text: inside a run copied from the source, the
/// same character there; elsewhere (a bullet, a line break) the end of the run before it.
std::size_t source_offset(const ReadingText& reading, std::size_t read);

}  // namespace uch::app
