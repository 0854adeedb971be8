// The body as it reads: see reading_text.hpp.
#include "reading_text.hpp"

#include <algorithm>
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
  Builder(std::vector<Link> links, std::string_view markdown) : source_links_(std::move(links)), markdown_(markdown) {}

  /// Text in `style`; tokens become their link's label. `from_source`: a node's literal, whose runs
  /// are found in the Markdown (in order) to anchor the read text to it; else text of our own.
  void text(std::string_view s, std::uint8_t style, bool from_source = false) {
    std::size_t plain_from = 0;
    for (std::size_t i = 0; i < s.size();) {
      auto [cp, len] = decode_code_point(s, i);
      if (cp >= kTokenBase && cp - kTokenBase < source_links_.size()) {
        emit(s.substr(plain_from, i - plain_from), style, -1, from_source);
        const Link& l = source_links_[cp - kTokenBase];
        out_.links.push_back({l.target, l.label});
        // a click on a link's name puts the cursor at its "[["
        if (from_source && l.begin >= searched_) {
          out_.anchors.push_back({out_.text.size(), l.begin, 0});
          searched_ = l.end;
        }
        emit(l.label, style, static_cast<int>(out_.links.size()) - 1);
        plain_from = i + len;
      }
      i += len;
    }
    emit(s.substr(plain_from), style, -1, from_source);
  }

  /// Starts a block: a blank line after the previous one (a list item: a line break).
  void block(bool tight) {
    if (!out_.text.empty()) emit(tight ? "\n" : "\n\n", kReadPlain, -1);
  }

  ReadingText take() { return std::move(out_); }

 private:
  void emit(std::string_view s, std::uint8_t style, int link, bool from_source = false) {
    if (s.empty()) return;
    const std::size_t at = out_.text.size();
    if (from_source) anchor(s, at);
    out_.text += s;
    ReadingSpan* last = out_.spans.empty() ? nullptr : &out_.spans.back();
    if (last && last->style == style && last->link == -1 && link == -1) last->end = out_.text.size();
    else out_.spans.push_back({at, out_.text.size(), style, link});
  }

  /// Finds the run's characters in the Markdown, in order, from where the last run ended: a run
  /// starts after markup (at most kMarkup bytes: "**", "- ", a fence), and inside it an escape or
  /// an entity ("\\*", "&amp;") stands for one character, a few bytes long (at most kEscape).
  void anchor(std::string_view run, std::size_t at) {
    constexpr std::size_t kMarkup = 64, kEscape = 10;
    std::size_t from = searched_;
    for (std::size_t i = 0; i < run.size();) {
      const std::size_t len = decode_code_point(run, i).second;
      const std::size_t found = markdown_.find(run.substr(i, len), from);
      if (found != std::string_view::npos && found - from <= (i == 0 ? kMarkup : kEscape)) {
        ReadingAnchor* last = out_.anchors.empty() ? nullptr : &out_.anchors.back();
        if (last && last->read + last->length == at + i && last->source + last->length == found) last->length += len;
        else out_.anchors.push_back({at + i, found, len});
        from = found + len;
      }
      i += len;
    }
    searched_ = from;
  }

  std::vector<Link> source_links_;
  std::string_view markdown_;
  std::size_t searched_ = 0;   // anchors are found in the Markdown from here on
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

  Builder b(std::move(links), markdown);
  std::unique_ptr<cmark_node, void (*)(cmark_node*)> doc(
      cmark_parse_document(source.data(), source.size(), CMARK_OPT_VALIDATE_UTF8), cmark_node_free);
  if (!doc) {
    b.text(markdown, kReadPlain, true);
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
          b.text(code, kReadCode, true);
        }
        if (cmark_node_get_type(node) == CMARK_NODE_HTML_BLOCK) b.text(lit, kReadCode, true);
        break;
      case CMARK_NODE_ITEM:
        list_items += enter ? 1 : -1;
        if (enter) {
          b.block(true);
          b.text("\xE2\x80\xA2 ", kReadPlain);
          item_start = true;
        }
        break;
      case CMARK_NODE_TEXT: b.text(lit, style(), true); break;
      case CMARK_NODE_CODE: b.text(lit, style() | kReadCode, true); break;
      case CMARK_NODE_HTML_INLINE: b.text(lit, style() | kReadCode, true); break;
      case CMARK_NODE_SOFTBREAK: b.text(" ", style()); break;
      case CMARK_NODE_LINEBREAK: b.text("\n", style()); break;
      case CMARK_NODE_EMPH: emphasis += enter ? 1 : -1; break;
      case CMARK_NODE_STRONG: strong += enter ? 1 : -1; break;
      default: break;
    }
  }
  return b.take();
}

std::size_t source_offset(const ReadingText& reading, std::size_t read) {
  const auto& a = reading.anchors;
  auto it = std::upper_bound(a.begin(), a.end(), read, [](std::size_t r, const ReadingAnchor& x) { return r < x.read; });
  if (it == a.begin()) return 0;
  --it;
  return it->source + std::min(read - it->read, it->length);
}

}  // namespace uch::app
