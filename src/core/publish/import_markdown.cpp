// Markdown import: Uchronia's own Markdown export read back (ids, dates, tags, otl, index), or a plain draft (year headings, one paragraph per entry).
#include <algorithm>
#include <cctype>
#include <deque>
#include <unordered_map>
#include <unordered_set>

#include "publish/publish_internal.hpp"
#include "uchronia/date.hpp"
#include "uchronia/interchange.hpp"
#include "uchronia/links.hpp"

namespace uch {

using namespace publish_detail;

namespace {

[[noreturn]] void fail(int line, const std::string& message) {
  throw ImportError("line " + std::to_string(line < 1 ? 1 : line) + ": " + message);
}

/// A heading's text as quoted in a message: at most 80 bytes, so that a pathological line does
/// not fill the terminal.
std::string shortened(std::string_view text) {
  constexpr std::size_t kMax = 80;
  const std::string_view head = utf8_prefix(text, kMax);
  return head.size() == text.size() ? std::string(text) : std::string(head) + "\xE2\x80\xA6";  // ...
}

int line_of_offset(std::string_view text, std::size_t offset) {
  return 1 + static_cast<int>(std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(offset), '\n'));
}

std::vector<std::string> split_lines(std::string_view text) {
  std::vector<std::string> lines;
  std::size_t start = 0;
  while (start <= text.size()) {
    const std::size_t nl = text.find('\n', start);
    std::string line(text.substr(start, nl == std::string_view::npos ? std::string_view::npos : nl - start));
    if (!line.empty() && line.back() == '\r') line.pop_back();
    lines.push_back(std::move(line));
    if (nl == std::string_view::npos) break;
    start = nl + 1;
  }
  return lines;
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

bool all_digits(std::string_view s) {
  return !s.empty() && s.size() <= 12 && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

struct SectionDate {
  std::string edtf;
  Calendar calendar = Calendar::Gregorian;
};

/// Longer headings are not year headings (the longest the export writes, "Until 25 October
/// [7 November] 1917 (Old Style)", is about 50 bytes): they are refused before the date parser,
/// which is not linear in every form ("1-1-1-...").
constexpr std::size_t kSectionDateMax = 256;

std::optional<SectionDate> parse_year_heading(const std::string& text);

/// A year heading of a draft or an export: "1917", "480 BC", "1910s", "480s BC", "Until 1985",
/// or anything parse_natural understands ("c. 1920", "spring 1920").
std::optional<SectionDate> parse_section_date(std::string_view heading) {
  const std::string text = trim(heading);
  if (text.size() > kSectionDateMax) return std::nullopt;
  if (!lower(text.substr(0, 6)).starts_with("until ")) return parse_year_heading(text);
  // One "Until" only: "Until Until 1917" would be an open interval's end, never a date.
  const auto inner = parse_year_heading(trim(std::string_view(text).substr(6)));
  if (!inner || inner->edtf.find('/') != std::string::npos) return std::nullopt;
  return SectionDate{"../" + inner->edtf, inner->calendar};
}

/// parse_section_date without "Until" (`text` trimmed).
std::optional<SectionDate> parse_year_heading(const std::string& text) {
  const std::string low = lower(text);
  std::string number = low;
  bool bc = false;
  for (const char* suffix : {" bce", " bc", " b.c.", " b.c.e."}) {
    if (number.ends_with(suffix)) {
      number = trim(number.substr(0, number.size() - std::string_view(suffix).size()));
      bc = true;
      break;
    }
  }
  if (!bc) {
    if (number.starts_with("ad ")) number = trim(number.substr(3));
    else if (number.ends_with(" ad") || number.ends_with(" ce")) number = trim(number.substr(0, number.size() - 3));
  }
  if (all_digits(number)) {
    const std::int64_t n = std::stoll(number);
    if (bc && n == 0) return std::nullopt;
    return SectionDate{edtf_year(bc ? 1 - n : n)};
  }
  if (number.size() >= 2 && number.back() == 's' && all_digits(number.substr(0, number.size() - 1))) {
    const std::int64_t n = std::stoll(number.substr(0, number.size() - 1));
    if (n % 10 != 0) return std::nullopt;
    if (bc) {  // "480s BC": 489..480 BC
      return SectionDate{edtf_year(1 - (n + 9)) + "/" + edtf_year(n == 0 ? 0 : 1 - n)};
    }
    if (n <= 9990) {
      std::string y = edtf_year(n);
      y.back() = 'X';
      return SectionDate{y};
    }
    return SectionDate{edtf_year(n) + "/" + edtf_year(n + 9)};
  }
  const NaturalDate natural = parse_natural(text);
  if (natural.ok && parse_edtf(natural.edtf, natural.julian ? Calendar::Julian : Calendar::Gregorian).valid) {
    return SectionDate{natural.edtf, natural.julian ? Calendar::Julian : Calendar::Gregorian};
  }
  if (parse_edtf(text).valid) return SectionDate{text};
  return std::nullopt;
}

/// Number of code points.
std::size_t utf8_length(std::string_view s) {
  std::size_t n = 0;
  for (char c : s) {
    if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++n;
  }
  return n;
}

/// Byte offset of the n-th code point (or size).
std::size_t utf8_offset(std::string_view s, std::size_t n) {
  std::size_t count = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80) {
      if (count == n) return i;
      ++count;
    }
  }
  return s.size();
}

constexpr std::size_t kTitleMax = 60;

/// A draft entry's title: its first sentence, or its first ~60 characters cut at a word.
std::string draft_title(std::string_view paragraph_text) {
  std::string text;
  for (char c : paragraph_text) {
    const bool space = c == ' ' || c == '\t' || c == '\n' || c == '\r';
    if (space) {
      if (!text.empty() && text.back() != ' ') text += ' ';
    } else {
      text += c;
    }
  }
  text = trim(text);
  static const std::unordered_set<std::string> abbreviations = {
      "c", "ca", "cf", "e.g", "i.e", "mr", "mrs", "ms", "dr", "st", "vs", "etc", "no", "gen", "col",
      "lt", "capt", "jr", "sr", "prof", "rev", "fr", "mt", "ft", "approx", "fig", "vol", "al", "u.s"};
  std::string sentence = text;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if ((c != '.' && c != '!' && c != '?') || (i + 1 < text.size() && text[i + 1] != ' ')) continue;
    if (c == '.') {
      const std::size_t sp = text.rfind(' ', i);
      std::string word = lower(text.substr(sp == std::string::npos ? 0 : sp + 1, i - (sp == std::string::npos ? 0 : sp + 1)));
      while (!word.empty() && (word.front() == '(' || word.front() == '"')) word.erase(word.begin());
      if (abbreviations.count(word) || utf8_length(word) == 1) continue;
    }
    sentence = text.substr(0, c == '.' ? i : i + 1);
    break;
  }
  if (utf8_length(sentence) > kTitleMax) {
    const std::size_t cut = utf8_offset(sentence, kTitleMax - 1);
    std::size_t space = sentence.rfind(' ', cut);
    if (space == std::string::npos || space < cut / 2) space = cut;
    sentence = trim(sentence.substr(0, space));
    while (!sentence.empty() && std::string_view(",;:-(").find(sentence.back()) != std::string_view::npos) sentence.pop_back();
    sentence += "\xE2\x80\xA6";  // …
  }
  return sentence;
}

const char* const kNotePrefixes[] = {"in our timeline:", "otl:", "note:"};

/// A draft paragraph starting "Note:" / "OTL:" / "In our timeline:" is the previous entry's otl:
/// removes the prefix and returns true.
bool strip_note_prefix(cmark_node* paragraph) {
  cmark_node* first = cmark_node_first_child(paragraph);
  if (!first || cmark_node_get_type(first) != CMARK_NODE_TEXT) return false;
  const std::string lit = cmark_node_get_literal(first) ? cmark_node_get_literal(first) : "";
  const std::string low = lower(lit);
  for (const char* prefix : kNotePrefixes) {
    if (!low.starts_with(prefix)) continue;
    const std::string rest = trim(std::string_view(lit).substr(std::string_view(prefix).size()));
    if (rest.empty()) {
      remove_node(first);
    } else {
      cmark_node_set_literal(first, rest.c_str());
    }
    return true;
  }
  return false;
}

enum class Section { Description, Entries, Undated, Index };

struct EntryItem {
  Entry entry;
  int line = 0;
  bool has_id = false;
  bool from_heading = false;  // "### Title" (own export or a titled draft entry) vs a bare paragraph
  std::vector<cmark_node*> blocks;
  std::vector<cmark_node*> otl_blocks;  // draft "Note:" paragraphs
  SectionDate section;
};

struct EntityItem {
  Entity entity;
  int line = 0;
  std::vector<cmark_node*> blocks;
};

struct PendingLink {
  std::string id, label, fallback;
};

class Importer {
 public:
  explicit Importer(std::string_view text) : input_(text) {}

  Document run() {
    check_bytes();
    source_ = tokens_.tokenize(input_, parse_links(input_));
    deferred_.choose_marker(source_);
    lines_ = split_lines(source_);
    root_ = parse_markdown(source_);
    check_nesting();
    walk();
    return finish();
  }

 private:
  void check_bytes() {
    const std::size_t nul = input_.find('\0');
    if (nul != std::string_view::npos) fail(line_of_offset(input_, nul), "NUL byte in the Markdown");
    const std::size_t bad = invalid_utf8_offset(input_);
    if (bad != std::string_view::npos) fail(line_of_offset(input_, bad), "invalid UTF-8");
    if (trim(input_).empty()) fail(1, "empty Markdown: expected a '# Title' heading");
  }

  /// Refuses a text nested deeper than kMaxNesting (writing it back out would take the CommonMark
  /// renderer time growing with the square of the depth), naming the line of the first such block.
  void check_nesting() {
    constexpr int kMax = kMaxNesting + 1;  // an exported otl note is one block quote deeper
    if (nesting_depth(root_.get()) <= kMax) return;
    for (cmark_node* n = cmark_node_first_child(root_.get()); n; n = cmark_node_next(n)) {
      if (nesting_depth(n) + 1 > kMax) {
        fail(cmark_node_get_start_line(n), "text nested more than " + std::to_string(kMax) +
                                               " levels deep (block quotes, lists, emphasis or links)");
      }
    }
    fail(1, "text nested more than " + std::to_string(kMax) + " levels deep");
  }

  std::string heading_text(cmark_node* heading, std::string* id) {
    id->clear();
    const int line = cmark_node_get_start_line(heading);
    std::string without;
    if (line >= 1 && static_cast<std::size_t>(line) <= lines_.size() &&
        split_heading_attribute(lines_[line - 1], &without, id)) {
      NodePtr tree = parse_markdown(without);
      cmark_node* h = cmark_node_first_child(tree.get());
      if (h && cmark_node_get_type(h) == CMARK_NODE_HEADING) return trim(tokens_.restore(plain_text(h)));
      id->clear();
    }
    return trim(tokens_.restore(plain_text(heading)));
  }

  void walk() {
    std::vector<cmark_node*> top;
    for (cmark_node* n = cmark_node_first_child(root_.get()); n; n = cmark_node_next(n)) top.push_back(n);
    bool have_title = false;
    Section section = Section::Description;
    SectionDate section_date;
    std::optional<EntityKind> index_kind;
    EntryItem* entry = nullptr;    // open entry (its heading seen)
    EntityItem* entity = nullptr;  // open index entity
    for (cmark_node* node : top) {
      const int line = cmark_node_get_start_line(node);
      const cmark_node_type type = cmark_node_get_type(node);
      if (!have_title) {
        if (type != CMARK_NODE_HEADING || cmark_node_get_heading_level(node) != 1) {
          fail(line, "expected the title heading '# Title' first");
        }
      }
      if (type == CMARK_NODE_HEADING) {
        const int level = cmark_node_get_heading_level(node);
        std::string id;
        const std::string text = heading_text(node, &id);
        if (level == 1) {
          if (have_title) fail(line, "a second title heading '# " + shortened(text) + "' (a document has one title)");
          have_title = true;
          title_ = text;
          continue;
        }
        if (level == 2) {
          entry = nullptr;
          entity = nullptr;
          last_entry_.reset();
          if (text == kUndated) {
            section = Section::Undated;
            section_date = {};
          } else if (text == kIndex) {
            section = Section::Index;
            index_kind.reset();
          } else {
            const auto date = parse_section_date(text);
            if (!date) {
              fail(line, "'## " + shortened(text) + "' is not a year heading (write '## 1917', '## 480 BC', '## 1910s' or '## " +
                             std::string(kUndated) + "')");
            }
            section = Section::Entries;
            section_date = *date;
          }
          continue;
        }
        if (section == Section::Index) {
          if (level == 3) {
            index_kind = kind_from_heading(text);
            if (!index_kind) fail(line, "'### " + shortened(text) + "' in the index: expected People, Organisations, Places or Other");
            entity = nullptr;
          } else if (!id.empty()) {
            if (!index_kind) fail(line, "index entry before a People, Organisations, Places or Other heading");
            entities_.push_back(EntityItem{});
            entity = &entities_.back();
            entity->entity.id = id;
            entity->entity.name = text;
            entity->entity.kind = *index_kind;
            entity->line = line;
          } else if (!entity) {
            fail(line, "index heading without an {#id}");
          }
          continue;
        }
        if (section == Section::Description && level >= 4) {
          description_.push_back(node);
          continue;
        }
        if (level == 3 || !entry) {
          if (text.find_first_not_of(" \t") == std::string::npos)
            fail(line, "an entry heading with no title (write the entry's title after '###')");
          if (section == Section::Description) section = Section::Entries;  // no year headings (group by none)
          entries_.push_back(EntryItem{});
          entry = &entries_.back();
          entry->entry.id = id;
          entry->has_id = !id.empty();
          entry->entry.title = text;
          entry->from_heading = true;
          entry->line = line;
          entry->section = section_date;
          last_entry_ = entries_.size() - 1;
          continue;
        }
        entry->blocks.push_back(node);  // a heading inside an entry's body
        continue;
      }
      if (is_end_list_comment(node)) continue;  // written by the renderer between two lists
      if (section == Section::Index) {
        if (entity) entity->blocks.push_back(node);
        continue;
      }
      if (section == Section::Description) {
        description_.push_back(node);
        continue;
      }
      if (entry) {
        if (!entry->has_id && type == CMARK_NODE_PARAGRAPH && strip_note_prefix(node)) {
          if (cmark_node_first_child(node)) entry->otl_blocks.push_back(node);
          continue;
        }
        entry->blocks.push_back(node);
        continue;
      }
      // A draft: one paragraph per entry under a year heading.
      if (type == CMARK_NODE_PARAGRAPH) {
        if (last_entry_ && strip_note_prefix(node)) {
          if (cmark_node_first_child(node)) entries_[*last_entry_].otl_blocks.push_back(node);
          continue;
        }
        entries_.push_back(EntryItem{});
        EntryItem& item = entries_.back();
        item.blocks.push_back(node);
        item.line = line;
        item.section = section_date;
        last_entry_ = entries_.size() - 1;
        continue;
      }
      if (!last_entry_) fail(line, "expected a paragraph (one per entry) or an entry heading '### Title'");
      entries_[*last_entry_].blocks.push_back(node);  // a list or quote continuing the previous entry
    }
    if (!have_title) fail(1, "expected the title heading '# Title' first");
  }

  /// Moves `blocks` into a fresh document and renders it as CommonMark, links to known items
  /// turned into deferred tokens (decided once every item is known).
  std::string fragment(const std::vector<cmark_node*>& blocks) {
    if (blocks.empty()) return {};
    NodePtr doc(cmark_node_new(CMARK_NODE_DOCUMENT));
    for (cmark_node* b : blocks) {
      cmark_node_unlink(b);
      cmark_node_append_child(doc.get(), b);
    }
    std::vector<cmark_node*> links;
    cmark_iter* it = cmark_iter_new(doc.get());
    cmark_event_type ev;
    while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
      cmark_node* n = cmark_iter_get_node(it);
      if (ev == CMARK_EVENT_ENTER && cmark_node_get_type(n) == CMARK_NODE_LINK) links.push_back(n);
    }
    cmark_iter_free(it);
    for (cmark_node* link : links) {
      const std::string url = cmark_node_get_url(link) ? cmark_node_get_url(link) : "";
      const std::string title = cmark_node_get_title(link) ? cmark_node_get_title(link) : "";
      cmark_node* child = cmark_node_first_child(link);
      if (url.size() < 2 || url[0] != '#' || !title.empty() || !ids_.count(url.substr(1)) || !child ||
          cmark_node_next(child) || cmark_node_get_type(child) != CMARK_NODE_TEXT) {
        continue;
      }
      PendingLink pending;
      pending.id = url.substr(1);
      pending.label = tokens_.restore(cmark_node_get_literal(child) ? cmark_node_get_literal(child) : "");
      pending.fallback = "[" + md_escape(pending.label) + "](#" + pending.id + ")";
      pending_.push_back(pending);
      cmark_node* token = cmark_node_new(CMARK_NODE_TEXT);
      cmark_node_set_literal(token, deferred_.add("").c_str());
      cmark_node_insert_before(link, token);
      remove_node(link);
    }
    return tokens_.restore(render_commonmark(doc.get()));
  }

  Document finish() {
    // Ids written in the file first, so that generated ones never take them.
    std::unordered_map<std::string, int> seen;
    const auto claim = [&](const std::string& id, int line) {
      const auto [it, fresh] = seen.emplace(id, line);
      if (!fresh) fail(line, "duplicate id '" + id + "' (first used on line " + std::to_string(it->second) + ")");
    };
    for (const EntryItem& e : entries_) {
      if (e.has_id) claim(e.entry.id, e.line);
    }
    for (const EntityItem& e : entities_) claim(e.entity.id, e.line);
    // Titles and ids of draft entries (every id known before any link is read).
    std::unordered_map<std::string, std::size_t> next_suffix;
    for (EntryItem& item : entries_) {
      Entry& entry = item.entry;
      if (!item.from_heading) {
        const std::string plain = tokens_.restore(plain_text(item.blocks.front()));
        std::string labels;  // [[target|label]] -> label for the title
        std::size_t pos = 0;
        for (const Link& link : parse_links(plain)) {
          labels += plain.substr(pos, link.begin - pos) + link.label;
          pos = link.end;
        }
        labels += plain.substr(pos);
        entry.title = draft_title(labels);
      }
      if (!item.has_id) {
        // "base", then "base-2", "base-3"...: the next number to try is kept per base, so that many
        // entries of one title take linear time. `seen` has every id, so "t-2" made for the title
        // "t" and the title "t 2" never clash.
        const std::string base = slugify(entry.title);
        std::string id = base;
        auto next = next_suffix.find(base);
        for (std::size_t n = next == next_suffix.end() ? 2 : next->second; seen.count(id); ++n) {
          id = base + "-" + std::to_string(n);
          next_suffix[base] = n + 1;
        }
        seen.emplace(id, item.line);
        entry.id = id;
      }
    }
    for (const auto& [id, line] : seen) ids_.insert(id);

    Document doc;
    doc.title = title_;
    doc.description = fragment(description_);
    for (EntityItem& item : entities_) {
      for (cmark_node* b : item.blocks) {
        if (const auto span = read_lifespan_line(b)) {
          item.entity.start = tokens_.restore(span->start);
          item.entity.end = tokens_.restore(span->end);
          item.entity.calendar = span->calendar;
          break;
        }
      }
      doc.entities.push_back(std::move(item.entity));
    }
    for (EntryItem& item : entries_) {
      Entry& entry = item.entry;
      std::vector<cmark_node*> blocks = item.blocks;
      bool dated = false;
      if (item.from_heading && !blocks.empty()) {
        if (const auto line = read_date_line(blocks.front())) {
          entry.date = tokens_.restore(line->edtf);
          entry.calendar = line->calendar;
          dated = true;
          blocks.erase(blocks.begin());
        } else if (is_undated_line(blocks.front())) {
          dated = true;  // explicitly undated
          blocks.erase(blocks.begin());
        }
      }
      if (!dated) {
        entry.date = item.section.edtf;
        entry.calendar = item.section.calendar;
      }
      std::vector<cmark_node*> otl = item.otl_blocks;
      if (item.from_heading && !blocks.empty() && strip_otl_label(blocks.back())) {
        cmark_node* quote = blocks.back();
        blocks.pop_back();
        std::vector<cmark_node*> inner;
        for (cmark_node* c = cmark_node_first_child(quote); c; c = cmark_node_next(c)) inner.push_back(c);
        otl.insert(otl.begin(), inner.begin(), inner.end());
      } else if (!item.from_heading && otl.empty() && !blocks.empty() && blocks.size() > 1 &&
                 strip_otl_label(blocks.back())) {
        cmark_node* quote = blocks.back();
        blocks.pop_back();
        for (cmark_node* c = cmark_node_first_child(quote); c; c = cmark_node_next(c)) otl.push_back(c);
      }
      if (item.from_heading && !blocks.empty()) {
        if (auto tags = read_tags_line(blocks.back())) {
          for (std::string& t : *tags) entry.tags.push_back(tokens_.restore(t));
          blocks.pop_back();
        }
      }
      entry.body = fragment(blocks);
      entry.otl = fragment(otl);
      doc.entries.push_back(std::move(entry));
    }

    // Links back to [[link]] syntax, now that every item is known.
    if (!pending_.empty()) {
      const LinkResolver resolver(doc);
      std::vector<std::string> replacement;
      for (const PendingLink& p : pending_) {
        const std::string& l = p.label;
        const bool plain_label = !l.empty() && trim(l) == l && l.find_first_of("[]\n\r") == std::string::npos;
        const auto only = [&](const std::string& target) {
          return resolver.resolve_one(target) == p.id;
        };
        if (plain_label && l.find('|') == std::string::npos && only(l)) {
          replacement.push_back("[[" + l + "]]");
        } else if (plain_label && only(p.id)) {
          replacement.push_back("[[" + p.id + "|" + l + "]]");
        } else {
          replacement.push_back(p.fallback);
        }
      }
      const auto fix = [&](std::string& text) {
        text = deferred_.substitute(text, [&](std::size_t i) { return replacement[i]; });
      };
      fix(doc.description);
      for (Entry& e : doc.entries) {
        fix(e.body);
        fix(e.otl);
      }
    }
    return doc;
  }

  std::string_view input_;
  std::string source_;
  LinkTokens tokens_;    // [[links]] of the input, kept verbatim
  LinkTokens deferred_;  // "#id" links, written back as [[links]] at the end
  std::vector<PendingLink> pending_;
  std::vector<std::string> lines_;
  NodePtr root_;
  std::string title_;
  std::vector<cmark_node*> description_;
  std::deque<EntryItem> entries_;
  std::deque<EntityItem> entities_;
  std::optional<std::size_t> last_entry_;
  std::unordered_set<std::string> ids_;
};

}  // namespace

Document import_markdown(std::string_view text) {
  Importer importer(text);
  return importer.run();
}

}  // namespace uch
