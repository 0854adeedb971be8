// The fast path of FragmentRenderer::render: plain prose written out without cmark-gfm.
//
// render() parses a text with cmark-gfm, turns its [[links]] into Markdown links (or their labels) and
// renders CommonMark again until the result stops changing. For most bodies that round trip gives back
// the text itself with its [[links]] rewritten and its blank lines normalized, at the cost of several
// parses. render_plain_prose writes that result directly, for the texts a conservative scan shows to be
// plain text to cmark-gfm 0.29 (no extensions, no wrapping), both when it parses the text and when it
// parses the result, and that its CommonMark renderer writes back unchanged (link labels aside):
//   - lines with no leading or trailing space, no tab, CR or other control character;
//   - none of \ ` _ [ ] # < > ~ ! & | outside the [[link]] syntax (cmark reads them, or the renderer
//     escapes them wherever they are);
//   - no line opening with - + = (list, setext or thematic break; the renderer escapes them there) or
//     with digits and then . or ) (ordered list), counting a [[link]] written as its label;
//   - '*' only in runs of one or two, paired in order within a paragraph, never next to a link, each
//     run with whitespace (a space, a line's start or end) on one side and no whitespace on the other,
//     or else an ASCII letter or digit on the inner side and ASCII punctuation on the outer side. By
//     CommonMark's flanking rules (in every version) the first run of a pair can then only open and
//     the second only close: each pair is emphasis (strong), which the renderer writes back as it was;
//   - link labels of plain text, where the characters the renderer always escapes (\ ` _ * [ ] # < > ~ !)
//     are written escaped as it does (a backslash escape reads back as the character, and means nothing
//     else); link ids of id characters;
//   - valid UTF-8, without a byte order mark or the code points the cmark path uses as link tokens.
// Anything else goes through cmark-gfm. plain_prose_test.cpp compares both paths on random texts.
#include <array>
#include <cstdint>
#include <utility>

#include "publish/publish_internal.hpp"

namespace uch::publish_detail {

namespace {

/// What cmark-gfm's CommonMark renderer escapes with a backslash in any text (and '*', which prose
/// may use as a delimiter).
constexpr std::string_view kAlwaysEscaped = "\\`_*[]#<>~!";

enum class ByteClass : unsigned char {
  Text,      // written as is
  Space,     // ' ': not at either end of a line
  Star,      // '*': an emphasis delimiter
  Newline,   // '\n': line structure
  Markup,    // read by cmark or escaped by its renderer: the text is left to cmark
  NonAscii,  // the first byte of a UTF-8 sequence
};

constexpr std::array<ByteClass, 256> make_byte_classes() {
  std::array<ByteClass, 256> classes{};
  for (int c = 0; c < 256; ++c) {
    classes[c] = c >= 0x80 ? ByteClass::NonAscii : (c < 0x20 || c == 0x7F) ? ByteClass::Markup : ByteClass::Text;
  }
  for (const char c : kAlwaysEscaped) classes[static_cast<unsigned char>(c)] = ByteClass::Markup;
  classes['&'] = classes['|'] = ByteClass::Markup;
  classes[' '] = ByteClass::Space;
  classes['*'] = ByteClass::Star;
  classes['\n'] = ByteClass::Newline;
  return classes;
}
constexpr std::array<ByteClass, 256> kByteClasses = make_byte_classes();

ByteClass byte_class(char c) { return kByteClasses[static_cast<unsigned char>(c)]; }

bool is_ascii_alnum(int c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_ascii_punct(int c) { return c > 0x20 && c < 0x7F && !is_ascii_alnum(c); }
bool is_digit(int c) { return c >= '0' && c <= '9'; }

bool is_always_escaped(char c) { return kAlwaysEscaped.find(c) != std::string_view::npos; }

/// A link label as the renderer writes it.
void append_label(std::string& out, std::string_view label) {
  for (const char c : label) {
    if (is_always_escaped(c)) out += '\\';
    out += c;
  }
}

bool is_id_char(char c) { return is_ascii_alnum(c) || c == '.' || c == '_' || c == '-'; }

/// Unicode whitespace for CommonMark's flanking rules (Zs), widened to the whole General Punctuation
/// block and the other invisible separators, so that no doubtful character passes for a letter.
bool space_like(char32_t cp) {
  return cp == 0xA0 || cp == 0x1680 || cp == 0x180E || (cp >= 0x2000 && cp <= 0x206F) || cp == 0x3000 ||
         cp == 0xFEFF;
}

/// Length of the UTF-8 sequence at text[pos] (its code point in `cp`) if it is one the cmark path
/// passes through untouched: valid, not a byte order mark (skipped at the start of a document), not
/// U+2E28/U+2E29 (the link tokens LinkTokens picks first). 0 otherwise.
std::size_t plain_sequence(std::string_view text, std::size_t pos, char32_t* cp) {
  const std::size_t len = utf8_decode(text, pos, cp);
  if (*cp == 0xFEFF || *cp == 0x2E28 || *cp == 0x2E29) return 0;
  return len;
}

/// Checks a text's lines piece by piece (prose between links, links) and appends the rendered result.
class ProseScanner {
 public:
  ProseScanner(std::string_view text, std::string& out) : text_(text), out_(out) {}

  /// A new line of the paragraph (after `blank` a new paragraph): writes the line break.
  bool begin_line(bool first, bool blank) {
    if (!first) {
      if (blank) {
        if (open_run_ != 0) return false;  // unpaired '*' would be literal, and escaped
        out_ += "\n\n";
      } else {
        out_ += '\n';
      }
    }
    head_ = Head::Start;
    last_ = kLineEdge;
    return true;
  }
  bool end_text() const { return open_run_ == 0; }

  /// Source text_[begin, end) of one line; `link_follows` when a link starts at `end`. Prose is
  /// written as it is.
  bool prose(std::size_t begin, std::size_t end, bool link_follows) {
    for (std::size_t i = begin; i < end;) {
      if (head_ == Head::Past && last_ != kLineEdge) {
        // A run of what needs no other check: i is at its end, at what does.
        const std::size_t run_start = i;
        i = skip_plain_run(i, link_follows ? end : end - 1);  // a space at the very end is trailing
        if (i > run_start) {
          const unsigned char previous = static_cast<unsigned char>(text_[i - 1]);
          last_ = previous < 0x80 ? previous : kNonAscii;
          if (i == end) break;
        }
      }
      const char c = text_[i];
      switch (byte_class(c)) {
        case ByteClass::Text:
          if (!text_char(c)) return false;
          ++i;
          break;
        case ByteClass::Space:
          if (last_ == kLineEdge || (i + 1 == end && !link_follows)) return false;
          space();
          ++i;
          break;
        case ByteClass::Star: {
          std::size_t run = 1;
          while (i + run < end && text_[i + run] == '*') ++run;
          const int next = i + run < end ? neighbour(i + run) : link_follows ? kLink : kLineEdge;
          if (!star_run(run, next)) return false;
          i += run;
          break;
        }
        case ByteClass::NonAscii: {
          char32_t cp = 0;
          const std::size_t len = plain_sequence(text_, i, &cp);
          if (len == 0) return false;
          non_ascii(cp);
          i += len;
          break;
        }
        case ByteClass::Newline:
        case ByteClass::Markup:
          return false;
      }
    }
    out_.append(text_, begin, end - begin);
    return true;
  }

  /// A link written as its label, as text.
  bool label_text(std::string_view label) {
    if (!plain_label(label)) return false;
    for (std::size_t i = 0; i < label.size();) {
      const char c = label[i];
      if (byte_class(c) == ByteClass::Text) {
        if (!text_char(c)) return false;
        ++i;
      } else if (byte_class(c) == ByteClass::NonAscii) {
        char32_t cp = 0;
        i += utf8_decode(label, i, &cp);
        non_ascii(cp);
      } else {
        head_ = Head::Past;  // a space, or an escaped character: no list marker can follow
        ++i;
      }
    }
    append_label(out_, label);
    last_ = kLink;
    return true;
  }

  /// A link written as "[label](#id)".
  bool anchor(std::string_view label, std::string_view id) {
    if (!plain_label(label) || id.empty()) return false;
    for (const char c : id) {
      if (!is_id_char(c)) return false;  // would be escaped or decoded in a link destination
    }
    out_ += '[';
    append_label(out_, label);
    out_ += "](#";
    out_ += id;
    out_ += ')';
    head_ = Head::Past;  // the renderer writes '[' literally: no list marker can follow
    last_ = kLink;
    return true;
  }

 private:
  // Where a line stands for the renderer's list-marker escaping (its begin_content).
  enum class Head { Start, Digits, Past };
  // last_ and a '*' run's next neighbour: an ASCII byte, or one of these.
  static constexpr int kLineEdge = -1;       // the start or end of a line
  static constexpr int kLink = -2;           // a link, whatever it is written as
  static constexpr int kNonAscii = -3;       // a non-ASCII character that is not space_like
  static constexpr int kNonAsciiSpace = -4;  // a space_like character

  /// The end of the run from `pos` (before `end`) of ASCII text, spaces and UTF-8 letters that are
  /// neither space_like nor link tokens: two-byte sequences from U+00C0 (Latin, Greek, Cyrillic,
  /// Hebrew, Arabic...) and three-byte ones in U+4000..U+CFFF and U+E000..U+EFFF (CJK, Hangul), where
  /// validity is all there is to check. Only valid while a line is past its start (head_ Past).
  std::size_t skip_plain_run(std::size_t pos, std::size_t end) const {
    const auto continuation = [&](std::size_t k) { return k < end && (static_cast<unsigned char>(text_[k]) & 0xC0) == 0x80; };
    while (pos < end) {
      const unsigned char b = static_cast<unsigned char>(text_[pos]);
      if (b < 0x80) {
        if (kByteClasses[b] != ByteClass::Text && kByteClasses[b] != ByteClass::Space) break;
        ++pos;
      } else if (b >= 0xC3 && b <= 0xDF && continuation(pos + 1)) {
        pos += 2;
      } else if (((b >= 0xE4 && b <= 0xEC) || b == 0xEE) && continuation(pos + 1) && continuation(pos + 2)) {
        pos += 3;
      } else {
        break;
      }
    }
    return pos;
  }

  /// The neighbour class of the character at text_[pos].
  int neighbour(std::size_t pos) const {
    char32_t cp = 0;
    if (utf8_decode(text_, pos, &cp) == 0) return kNonAsciiSpace;  // invalid: rejected when reached anyway
    if (cp < 0x80) return static_cast<int>(cp);
    return space_like(cp) ? kNonAsciiSpace : kNonAscii;
  }

  bool text_char(char c) {
    if (head_ == Head::Start) {
      if (c == '-' || c == '+' || c == '=') return false;
      head_ = is_digit(c) ? Head::Digits : Head::Past;
    } else if (head_ == Head::Digits) {
      if (c == '.' || c == ')') return false;
      if (!is_digit(c)) head_ = Head::Past;
    }
    last_ = static_cast<unsigned char>(c);
    return true;
  }
  void space() {
    head_ = Head::Past;
    last_ = ' ';
  }
  void non_ascii(char32_t cp) {
    head_ = Head::Past;
    last_ = space_like(cp) ? kNonAsciiSpace : kNonAscii;
  }

  /// A run of `run` '*' between last_ and `next` (a byte, kLink or kLineEdge).
  bool star_run(std::size_t run, int next) {
    if (run > 2 || last_ == kLink || next == kLink || last_ == kNonAsciiSpace || next == kNonAsciiSpace) return false;
    const auto whitespace = [](int c) { return c == kLineEdge || c == ' '; };
    const auto solid = [](int c) { return c == kNonAscii || (c > ' ' && c < 0x7F); };  // not whitespace
    const auto word = [](int c) { return c >= 0 && is_ascii_alnum(c); };
    const auto punct = [](int c) { return c >= 0 && is_ascii_punct(c); };
    if (open_run_ == 0) {
      // Left-flanking, not right-flanking: can open, cannot close.
      if (!((whitespace(last_) && solid(next)) || (punct(last_) && word(next)))) return false;
      open_run_ = run;
    } else {
      // Right-flanking, not left-flanking: can close, cannot open. As long as its opener: one
      // emphasis or one strong.
      if (run != open_run_ || !((solid(last_) && whitespace(next)) || (word(last_) && punct(next)))) return false;
      open_run_ = 0;
    }
    head_ = Head::Past;  // the renderer writes delimiters literally: no list marker can follow
    last_ = '*';
    return true;
  }

  /// A label that append_label writes so that cmark reads it back as that text.
  static bool plain_label(std::string_view label) {
    if (label.empty() || label.front() == ' ' || label.back() == ' ') return false;
    for (std::size_t i = 0; i < label.size();) {
      const ByteClass k = byte_class(label[i]);
      if (k == ByteClass::Text || k == ByteClass::Space || is_always_escaped(label[i])) {
        ++i;
      } else if (k == ByteClass::NonAscii) {
        char32_t cp = 0;
        const std::size_t len = plain_sequence(label, i, &cp);
        if (len == 0) return false;
        i += len;
      } else {
        return false;
      }
    }
    return true;
  }

  std::string_view text_;
  std::string& out_;
  Head head_ = Head::Start;
  int last_ = kLineEdge;
  std::size_t open_run_ = 0;  // length of the pending '*' opener (0: none)
};

}  // namespace

std::optional<ResolvedTarget> ResolvedTargets::find(std::string_view target, std::size_t hash) const {
  if (slots_.empty()) return std::nullopt;
  const std::size_t mask = slots_.size() - 1;
  for (std::size_t i = hash & mask;; i = (i + 1) & mask) {
    const Slot& slot = slots_[i];
    if (slot.key_size == 0) return std::nullopt;
    if (slot.hash == hash && std::string_view(text_).substr(slot.key_at, slot.key_size) == target) return target_of(slot);
  }
}

ResolvedTarget ResolvedTargets::insert(std::string_view target, std::size_t hash, ResolvedTarget resolved) {
  if (target.empty() || text_.size() + target.size() + resolved.id.size() > UINT32_MAX) return resolved;  // not kept
  if (2 * (used_ + 1) > slots_.size()) {
    std::vector<Slot> old = std::exchange(slots_, std::vector<Slot>(std::max<std::size_t>(1024, 2 * slots_.size())));
    for (const Slot& slot : old) {
      if (slot.key_size == 0) continue;
      std::size_t i = slot.hash & (slots_.size() - 1);
      while (slots_[i].key_size != 0) i = (i + 1) & (slots_.size() - 1);
      slots_[i] = slot;
    }
  }
  std::size_t i = hash & (slots_.size() - 1);
  while (slots_[i].key_size != 0) i = (i + 1) & (slots_.size() - 1);
  slots_[i] = Slot{hash, static_cast<std::uint32_t>(text_.size()), static_cast<std::uint32_t>(target.size()),
                   static_cast<std::uint32_t>(resolved.id.size()), resolved.entity};
  text_.append(target);
  text_.append(resolved.id);
  ++used_;
  return target_of(slots_[i]);
}

void ResolvedTargets::absorb(ResolvedTargets& other) {
  for (const Slot& slot : other.slots_) {
    if (slot.key_size == 0) continue;
    const std::string_view key = std::string_view(other.text_).substr(slot.key_at, slot.key_size);
    if (!find(key, slot.hash)) insert(key, slot.hash, other.target_of(slot));
  }
  other = ResolvedTargets();
}

bool FragmentRenderer::render_plain_prose(std::string_view markdown, std::string& out,
                                          std::vector<const Entity*>& mentions, ProseScratch& scratch) const {
  scratch.links.clear();
  parse_links(markdown, scratch.links);
  const std::size_t out_start = out.size(), mentions_start = mentions.size();
  const auto give_up = [&] {
    out.resize(out_start);
    mentions.resize(mentions_start);
    return false;
  };

  ProseScanner scanner(markdown, out);
  std::size_t next_link = 0;
  bool in_paragraph = false, blank = false;
  for (std::size_t pos = 0; pos <= markdown.size();) {
    const std::size_t newline = markdown.find('\n', pos);
    const std::size_t line_end = newline == std::string_view::npos ? markdown.size() : newline;
    if (line_end == pos) {
      blank = true;  // blank lines only separate paragraphs: the renderer writes one between two
    } else {
      if (!scanner.begin_line(!in_paragraph, blank)) return give_up();
      in_paragraph = true;
      blank = false;
      std::size_t at = pos;
      for (; next_link < scratch.links.size() && scratch.links[next_link].begin < line_end; ++next_link) {
        const LinkView& link = scratch.links[next_link];
        if (link.begin < at || link.end > line_end) return give_up();
        if (!scanner.prose(at, link.begin, true)) return give_up();
        // As transform() does: a link to a known item in Anchor style, else its label as text.
        if (style_ == LinkStyle::Anchor) {
          const std::size_t hash = std::hash<std::string_view>{}(link.target);
          std::optional<ResolvedTarget> target = scratch.known ? scratch.known->find(link.target, hash) : std::nullopt;
          if (!target) target = scratch.targets.find(link.target, hash);
          if (!target) {
            const LinkedItem item = resolve_item(link.target);
            target = scratch.targets.insert(link.target, hash, {item.id(), item.entity});
          }
          if (target->id.empty() ? !scanner.label_text(link.label) : !scanner.anchor(link.label, target->id)) {
            return give_up();
          }
          if (target->entity) mentions.push_back(target->entity);
        } else if (!scanner.label_text(link.label)) {
          return give_up();
        }
        at = link.end;
      }
      if (!scanner.prose(at, line_end, false)) return give_up();
    }
    if (newline == std::string_view::npos) break;
    pos = newline + 1;
  }
  if (!scanner.end_text()) return give_up();
  return true;
}

bool FragmentRenderer::render_plain_prose(std::string_view markdown, const std::string& entry_id, std::string& out) {
  prose_scratch_.mentions.clear();
  if (!render_plain_prose(markdown, out, prose_scratch_.mentions, prose_scratch_)) return false;
  note_mentions(prose_scratch_.mentions, entry_id);
  return true;
}

}  // namespace uch::publish_detail
