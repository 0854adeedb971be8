// The body as it reads: see reading_text.hpp.
#include "reading_text.hpp"

#include <memory>

#include <cmark-gfm.h>

#include "uchronia/links.hpp"
#include "wrapped_text_core.hpp"

namespace uch::app {
namespace {

// Links are found in the source by the core's rule (parse_links), then stand in cmark's input as
// one private-use code point each (plane 15), so Markdown can neither split nor reinterpret them.
constexpr char32_t kTokenBase = 0xF0000;

void append_utf8(std::string& out, char32_t c) {
  out += static_cast<char>(0xF0 | (c >> 18));
  out += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
  out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
  out += static_cast<char>(0x80 | (c & 0x3F));
}

class Builder {
 public:
  explicit Builder(std::vector<Link> links) : source_links_(std::move(links)) {}

  /// Text in `style`; tokens become their link's label.
  void text(std::string_view s, std::uint8_t style) {
    std::size_t plain_from = 0;
    for (std::size_t i = 0; i < s.size();) {
      auto [cp, len] = decode_code_point(s, i);
      if (cp >= kTokenBase && cp - kTokenBase < source_links_.size()) {
        emit(s.substr(plain_from, i - plain_from), style, -1);
        const Link& l = source_links_[cp - kTokenBase];
        out_.links.push_back({l.target, l.label});
        emit(l.label, style, static_cast<int>(out_.links.size()) - 1);
        plain_from = i + len;
      }
      i += len;
    }
    emit(s.substr(plain_from), style, -1);
  }

  /// Starts a block: a blank line after the previous one (a list item: a line break).
  void block(bool tight) {
    if (!out_.text.empty()) emit(tight ? "\n" : "\n\n", kReadPlain, -1);
  }

  ReadingText take() { return std::move(out_); }

 private:
  void emit(std::string_view s, std::uint8_t style, int link) {
    if (s.empty()) return;
    const std::size_t at = out_.text.size();
    out_.text += s;
    ReadingSpan* last = out_.spans.empty() ? nullptr : &out_.spans.back();
    if (last && last->style == style && last->link == -1 && link == -1) last->end = out_.text.size();
    else out_.spans.push_back({at, out_.text.size(), style, link});
  }

  std::vector<Link> source_links_;
  ReadingText out_;
};

}  // namespace

ReadingText reading_text(std::string_view markdown) {
  std::vector<Link> links = parse_links(markdown);
  std::string source;
  source.reserve(markdown.size());
  std::size_t from = 0;
  for (std::size_t i = 0; i < links.size(); ++i) {
    source.append(markdown.substr(from, links[i].begin - from));
    append_utf8(source, kTokenBase + static_cast<char32_t>(i));
    from = links[i].end;
  }
  source.append(markdown.substr(from));

  Builder b(std::move(links));
  std::unique_ptr<cmark_node, void (*)(cmark_node*)> doc(
      cmark_parse_document(source.data(), source.size(), CMARK_OPT_VALIDATE_UTF8), cmark_node_free);
  if (!doc) {
    b.text(markdown, kReadPlain);
    return b.take();
  }
  std::unique_ptr<cmark_iter, void (*)(cmark_iter*)> it(cmark_iter_new(doc.get()), cmark_iter_free);
  int emphasis = 0, strong = 0, heading = 0, list_items = 0;
  const auto style = [&] {
    return static_cast<std::uint8_t>((emphasis ? kReadEmphasis : 0) | (strong || heading ? kReadStrong : 0) |
                                     (heading ? kReadHeading : 0));
  };
  cmark_event_type ev;
  bool item_start = false;   // the first block of a list item follows its bullet on the same line
  while ((ev = cmark_iter_next(it.get())) != CMARK_EVENT_DONE) {
    cmark_node* node = cmark_iter_get_node(it.get());
    const bool enter = ev == CMARK_EVENT_ENTER;
    const char* literal = cmark_node_get_literal(node);
    const std::string_view lit = literal ? literal : "";
    switch (cmark_node_get_type(node)) {
      case CMARK_NODE_PARAGRAPH:
      case CMARK_NODE_HEADING:
      case CMARK_NODE_THEMATIC_BREAK:
      case CMARK_NODE_CODE_BLOCK:
      case CMARK_NODE_HTML_BLOCK:
        if (cmark_node_get_type(node) == CMARK_NODE_HEADING) heading += enter ? 1 : -1;
        if (!enter) break;
        if (item_start) item_start = false;
        else b.block(list_items > 0);
        if (cmark_node_get_type(node) == CMARK_NODE_THEMATIC_BREAK) b.text("\xE2\x80\x94\xE2\x80\x94\xE2\x80\x94", kReadPlain);
        if (cmark_node_get_type(node) == CMARK_NODE_CODE_BLOCK) {
          std::string_view code = lit;
          while (!code.empty() && code.back() == '\n') code.remove_suffix(1);
          b.text(code, kReadCode);
        }
        if (cmark_node_get_type(node) == CMARK_NODE_HTML_BLOCK) b.text(lit, kReadCode);
        break;
      case CMARK_NODE_ITEM:
        list_items += enter ? 1 : -1;
        if (enter) {
          b.block(true);
          b.text("\xE2\x80\xA2 ", kReadPlain);
          item_start = true;
        }
        break;
      case CMARK_NODE_TEXT: b.text(lit, style()); break;
      case CMARK_NODE_CODE: b.text(lit, style() | kReadCode); break;
      case CMARK_NODE_HTML_INLINE: b.text(lit, style() | kReadCode); break;
      case CMARK_NODE_SOFTBREAK: b.text(" ", style()); break;
      case CMARK_NODE_LINEBREAK: b.text("\n", style()); break;
      case CMARK_NODE_EMPH: emphasis += enter ? 1 : -1; break;
      case CMARK_NODE_STRONG: strong += enter ? 1 : -1; break;
      default: break;
    }
  }
  return b.take();
}

}  // namespace uch::app
