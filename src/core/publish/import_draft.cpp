// Draft import: plain text or Markdown without required structure becomes a timeline (docs/drafts.md).
//
// One pass splits the text into units (paragraphs, list items, heading lines) with the number of
// blank lines before each; a second pass decides, unit by unit, what each one is: the title, a
// label (a date or a date hint for what follows), an otl note, a new entry or the continuation of
// the entry before. Both passes are linear; dates are only read on short lines.
#include <algorithm>
#include <cstdio>
#include <optional>
#include <unordered_map>
#include <unordered_set>

#include "publish/publish_internal.hpp"
#include "uchronia/date.hpp"
#include "uchronia/draft.hpp"
#include "uchronia/draft_order.hpp"
#include "uchronia/interchange.hpp"
#include "uchronia/links.hpp"

namespace uch {

using namespace publish_detail;

namespace {

[[noreturn]] void fail(std::size_t line, const std::string& message) {
  throw ImportError("line " + std::to_string(line < 1 ? 1 : line) + ": " + message);
}

std::size_t line_of(std::string_view text, std::size_t offset) {
  return 1 + static_cast<std::size_t>(std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(offset), '\n'));
}

std::size_t code_points(std::string_view s) {
  std::size_t n = 0;
  for (char c : s) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return n;
}

/// Byte offset of code point `n` (or the size).
std::size_t offset_of_code_point(std::string_view s, std::size_t n) {
  std::size_t count = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80 && count++ == n) return i;
  }
  return s.size();
}

std::string lower_ascii(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

/// Refuses what is not text, naming the line: no draft holds a NUL or control byte.
void check_text(std::string_view text) {
  for (std::size_t i = 0; i < text.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f') || c == 0x7F) {
      char hex[8];
      std::snprintf(hex, sizeof hex, "0x%02X", c);
      fail(line_of(text, i), std::string("binary data (byte ") + hex +
                                 "), not text: a draft is plain text or Markdown in a UTF-8 format");
    }
  }
  const std::size_t bad = invalid_utf8_offset(text);
  if (bad != std::string_view::npos) fail(line_of(text, bad), "invalid UTF-8: save the draft as UTF-8 text");
  if (trim_view(text).empty() || trim_view(text) == "\xEF\xBB\xBF") fail(1, "empty draft: there is no text to import");
}

enum class UnitKind { Paragraph, Item, Heading };

/// A paragraph, a list item or a heading line, with the blank lines before it.
struct Unit {
  UnitKind kind = UnitKind::Paragraph;
  std::vector<std::string_view> lines;  // trimmed; an item's without its marker, a heading's without its #s
  std::size_t gap = 0;                  // blank lines just before
  bool indented = false;                // a paragraph indented under a list item continues it
};

std::size_t indent_of(std::string_view line) {
  std::size_t width = 0;
  for (char c : line) {
    if (c == ' ') ++width;
    else if (c == '\t') width += 4;
    else break;
  }
  return width;
}

/// Length of a list marker ("- ", "* ", "+ ", "1. ", "2) ") at the start of `s`, or 0.
std::size_t list_marker(std::string_view s) {
  if (s.size() >= 2 && (s[0] == '-' || s[0] == '*' || s[0] == '+') && (s[1] == ' ' || s[1] == '\t')) return 2;
  std::size_t i = 0;
  while (i < s.size() && i < 9 && s[i] >= '0' && s[i] <= '9') ++i;
  if (i > 0 && i + 1 < s.size() && (s[i] == '.' || s[i] == ')') && (s[i + 1] == ' ' || s[i + 1] == '\t')) return i + 2;
  return 0;
}

/// The text of an ATX heading line ("## Spring ##" -> "Spring"), or nothing.
std::optional<std::string_view> atx_heading(std::string_view s) {
  std::size_t hashes = 0;
  while (hashes < s.size() && s[hashes] == '#') ++hashes;
  if (hashes == 0 || hashes > 6 || (hashes < s.size() && s[hashes] != ' ' && s[hashes] != '\t')) return std::nullopt;
  std::string_view text = trim_view(s.substr(hashes));
  while (!text.empty() && text.back() == '#') text.remove_suffix(1);
  return trim_view(text);
}

/// "===", "---", "***", "___", "- - -": a setext underline or a thematic break.
bool is_rule_line(std::string_view s, char* mark) {
  if (s.empty() || std::string_view("=-*_").find(s[0]) == std::string_view::npos) return false;
  std::size_t count = 0;
  for (char c : s) {
    if (c == s[0]) ++count;
    else if (c != ' ' && c != '\t') return false;
  }
  *mark = s[0];
  return s[0] == '=' || count >= 3;
}

/// Splits the text (BOM stripped) into units, in one pass.
std::vector<Unit> split_units(std::string_view text) {
  std::vector<Unit> units;
  std::size_t gap = 0;
  bool open = false;  // the last unit takes more lines
  std::size_t pos = 0;
  while (pos <= text.size()) {
    std::size_t end = text.find_first_of("\r\n", pos);
    if (end == std::string_view::npos) end = text.size();
    const std::string_view raw = text.substr(pos, end - pos);
    pos = end + (end < text.size() && text[end] == '\r' && end + 1 < text.size() && text[end + 1] == '\n' ? 2 : 1);
    const std::string_view line = trim_view(raw);
    if (line.empty()) {
      ++gap;
      open = false;
      if (end >= text.size()) break;
      continue;
    }
    const std::size_t indent = indent_of(raw);
    char mark = 0;
    if (indent < 4 && is_rule_line(line, &mark)) {
      // "Title\n=====": the line above is a heading; a rule alone separates, like a blank line.
      if (open && units.back().kind == UnitKind::Paragraph && (mark == '=' || mark == '-')) {
        Unit& last = units.back();
        const std::string_view heading = last.lines.back();
        last.lines.pop_back();
        Unit unit{UnitKind::Heading, {heading}, last.lines.empty() ? last.gap : 0, false};
        if (last.lines.empty()) units.pop_back();
        units.push_back(std::move(unit));
      }
      open = false;
      if (end >= text.size()) break;
      continue;
    }
    const auto heading = indent < 4 ? atx_heading(line) : std::nullopt;
    const std::size_t marker = heading ? 0 : list_marker(line);
    if (heading && heading->empty()) {  // "##" alone: a separator
      open = false;
      if (end >= text.size()) break;
      continue;
    }
    if (heading) {
      units.push_back(Unit{UnitKind::Heading, {*heading}, gap, false});
      open = false;
    } else if (marker) {
      units.push_back(Unit{UnitKind::Item, {trim_view(line.substr(marker))}, gap, false});
      open = true;
    } else if (open) {
      units.back().lines.push_back(line);
    } else {
      units.push_back(Unit{UnitKind::Paragraph, {line}, gap, indent >= 2});
      open = true;
    }
    gap = 0;
    if (end >= text.size()) break;
  }
  return units;
}

/// A label's text: without emphasis marks around it or a colon after it ("**1920:**" -> "1920").
std::string_view label_text(std::string_view s) {
  s = trim_view(s);
  while (s.size() >= 2 && ((s.front() == '*' && s.back() == '*') || (s.front() == '_' && s.back() == '_'))) {
    s = trim_view(s.substr(1, s.size() - 2));
  }
  while (!s.empty() && s.back() == ':') s = trim_view(s.substr(0, s.size() - 1));
  while (!s.empty() && (s.front() == '*' || s.front() == '_')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == '*' || s.back() == '_')) s.remove_suffix(1);
  return trim_view(s);
}

std::size_t word_count(std::string_view s) {
  std::size_t words = 0;
  bool in_word = false;
  for (char c : s) {
    const bool space = c == ' ' || c == '\t';
    if (!space && !in_word) ++words;
    in_word = !space;
  }
  return words;
}

constexpr std::size_t kLabelMaxCodePoints = 40;
constexpr std::size_t kLabelMaxWords = 6;
constexpr std::size_t kHeadingMaxCodePoints = 200;

/// A short line that may label what follows: not a sentence (no final stop), a few words.
bool short_label_line(std::string_view line) {
  const std::string_view text = label_text(line);
  if (text.empty() || code_points(text) > kLabelMaxCodePoints || word_count(text) > kLabelMaxWords) return false;
  return std::string_view(".!?;,").find(text.back()) == std::string_view::npos;
}

/// The date a label gives (read_typed_date: one rule with the editor's date fields).
std::optional<TypedDate> label_date(std::string_view text) {
  if (text.empty() || code_points(text) > kLabelMaxCodePoints) return std::nullopt;
  TypedDate date = read_typed_date(text, Calendar::Gregorian);
  if (!date.ok || date.stored.empty()) return std::nullopt;
  return date;
}

/// True when the text has a number of three digits or more (a year, as labels write one).
bool has_year_number(std::string_view text) {
  std::size_t run = 0;
  for (char c : text) {
    run = c >= '0' && c <= '9' ? run + 1 : 0;
    if (run >= 3) return true;
  }
  return false;
}

const char* const kNotePrefixes[] = {"in our timeline:", "otl:", "note:", "n.b.:", "n.b.", "nb:"};

/// A note paragraph's text without its prefix ("**Note:** *here* Stalin…" -> "*here* Stalin…").
std::optional<std::string_view> note_text(std::string_view first_line) {
  std::string_view s = first_line;
  std::size_t marks = 0;
  while (marks < s.size() && (s[marks] == '*' || s[marks] == '_')) ++marks;
  s.remove_prefix(marks);
  const std::string low = lower_ascii(s.substr(0, 20));
  for (const char* prefix : kNotePrefixes) {
    const std::string_view p(prefix);
    if (!low.starts_with(p)) continue;
    s.remove_prefix(p.size());
    // The emphasis closing the prefix ("**Note:**"), as many marks as opened it.
    for (std::size_t i = 0; i < marks && !s.empty() && (s.front() == '*' || s.front() == '_'); ++i) s.remove_prefix(1);
    return trim_view(s);
  }
  return std::nullopt;
}

bool starts_lower_case(std::string_view s) {
  return !s.empty() && s.front() >= 'a' && s.front() <= 'z';
}

// ---- entry titles ----------------------------------------------------------------------------

constexpr std::size_t kTitleMax = 60;        // code points
constexpr std::size_t kTitleScanBytes = 2048;  // a first sentence is looked for this far

/// The title's source: the paragraph's start as plain words ([[a|b]] -> b, no emphasis marks).
std::string plain_start(std::string_view text) {
  const std::string_view head = utf8_prefix(text, kTitleScanBytes);
  std::string labels;
  std::size_t pos = 0;
  for (const Link& link : parse_links(head)) {
    labels.append(head.substr(pos, link.begin - pos));
    labels += link.label;
    pos = link.end;
  }
  labels.append(head.substr(pos));
  std::string out;
  for (char c : labels) {
    if (c == '*' || c == '_' || c == '`') continue;
    const bool space = c == ' ' || c == '\t' || c == '\n';
    if (space) {
      if (!out.empty() && out.back() != ' ') out += ' ';
    } else {
      out += c;
    }
  }
  return trim(out);
}

bool is_closer(std::string_view s, std::size_t i, std::size_t* len) {
  for (std::string_view closer : {"\"", "'", ")", "]", "\xE2\x80\x9D", "\xE2\x80\x99", "\xC2\xBB"}) {
    if (s.substr(i, closer.size()) == closer) {
      *len = closer.size();
      return true;
    }
  }
  return false;
}

/// The first sentence of `text` (a final "." dropped, "!" and "?" kept), or all of it.
std::string first_sentence(const std::string& text) {
  static const std::unordered_set<std::string> abbreviations = {
      "c", "ca", "cf", "e.g", "i.e", "mr", "mrs", "ms", "dr", "st", "vs", "etc", "no", "gen", "col", "lt",
      "capt", "jr", "sr", "prof", "rev", "fr", "mt", "ft", "approx", "fig", "vol", "al", "u.s", "u.k", "n.b"};
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c != '.' && c != '!' && c != '?') continue;
    std::size_t j = i + 1, len = 0;
    while (j < text.size() && is_closer(text, j, &len)) j += len;
    if (j < text.size() && text[j] != ' ') continue;
    if (c == '.') {
      const std::size_t space = text.rfind(' ', i);
      std::string word = lower_ascii(text.substr(space == std::string::npos ? 0 : space + 1,
                                                 i - (space == std::string::npos ? 0 : space + 1)));
      while (!word.empty() && (word.front() == '(' || word.front() == '"')) word.erase(word.begin());
      if (abbreviations.count(word) || code_points(word) == 1) continue;
      if (j + 1 < text.size() && text[j + 1] >= 'a' && text[j + 1] <= 'z') continue;  // "etc. and"
      return text.substr(0, i) + text.substr(i + 1, j - i - 1);
    }
    return text.substr(0, j);
  }
  return text;
}

bool is_stop_word(std::string_view word) {
  static const std::unordered_set<std::string> words = {
      "a", "an", "the", "of", "to", "in", "on", "at", "by", "for", "with", "and", "or", "but", "from", "into",
      "during", "as", "is", "was", "were", "that", "which", "who", "its", "their", "his", "her", "while"};
  return words.count(lower_ascii(word)) != 0;
}

/// A readable title: the first sentence, or when longer than kTitleMax its first clause (when
/// that is long enough to say something) or its words up to the limit, not ending on "the".
std::string entry_title(std::string_view paragraph) {
  std::string sentence = first_sentence(plain_start(paragraph));
  if (code_points(sentence) <= kTitleMax) return sentence;
  const std::size_t cut = offset_of_code_point(sentence, kTitleMax);
  std::size_t end = std::string::npos;
  for (std::string_view mark : {", ", "; ", ": ", " \xE2\x80\x93 ", " \xE2\x80\x94 ", " - ", " ("}) {
    const std::size_t at = sentence.rfind(mark, cut);
    if (at != std::string::npos && code_points(std::string_view(sentence).substr(0, at)) >= kTitleMax / 2 &&
        (end == std::string::npos || at > end)) {
      end = at;
    }
  }
  if (end == std::string::npos) {
    end = sentence.rfind(' ', cut);
    if (end == std::string::npos || end < cut / 2) end = cut;
  }
  std::string title = trim(std::string_view(sentence).substr(0, end));
  for (;;) {  // not ending on a word that needs the next one
    const std::size_t space = title.rfind(' ');
    if (space == std::string::npos || !is_stop_word(std::string_view(title).substr(space + 1))) break;
    title = trim(std::string_view(title).substr(0, space));
  }
  while (!title.empty() && std::string_view(",;:-(").find(title.back()) != std::string_view::npos) title.pop_back();
  return trim(title) + "\xE2\x80\xA6";  // …
}

// ---- the reader ------------------------------------------------------------------------------

std::string join_lines(const Unit& unit) {
  std::string out;
  for (std::string_view line : unit.lines) {
    if (!out.empty()) out += '\n';
    out.append(line);
  }
  return out;
}

void append_paragraph(std::string& field, std::string_view text) {
  if (text.empty()) return;
  if (!field.empty()) field += "\n\n";
  field.append(text);
}

class DraftReader {
 public:
  DraftReader(std::string_view text, std::string_view fallback_title) : fallback_title_(fallback_title) {
    check_text(text);
    if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);
    units_ = split_units(text);
  }

  TextImport run() {
    std::size_t first = take_title();
    choose_joining(first);
    for (std::size_t i = first; i < units_.size(); ++i) read_unit(i);
    return finish();
  }

 private:
  /// The first unit is the title when it is a heading or a line standing alone (not a date).
  std::size_t take_title() {
    title_ = trim(fallback_title_);
    if (units_.empty()) return 0;
    const Unit& u = units_.front();
    const bool alone = u.lines.size() == 1 && (units_.size() == 1 || units_[1].gap > 0);
    if (u.kind == UnitKind::Item || !alone) return 0;
    const std::string_view text = label_text(u.lines.front());
    if (text.empty() || code_points(text) > kHeadingMaxCodePoints || note_text(text)) return 0;
    if (has_year_number(text) && label_date(text)) return 0;  // "1920": a label, not a title
    if (u.kind == UnitKind::Paragraph && code_points(text) > 120) return 0;
    title_ = std::string(text);
    return 1;
  }

  /// When most breaks between paragraphs are longer than the shortest, the writer used the
  /// shortest (one blank line) inside an entry and longer ones between entries (the seed does).
  void choose_joining(std::size_t first) {
    std::size_t shortest = 0, at_shortest = 0, longer = 0;
    for (std::size_t i = first + 1; i < units_.size(); ++i) {
      const std::size_t gap = units_[i].gap;
      if (gap == 0) continue;
      if (shortest == 0 || gap < shortest) {
        longer += at_shortest;
        shortest = gap;
        at_shortest = 1;
      } else if (gap == shortest) {
        ++at_shortest;
      } else {
        ++longer;
      }
    }
    join_gap_ = longer > at_shortest ? shortest : 0;
  }

  bool is_label(std::size_t i) const {
    const Unit& u = units_[i];
    if (u.kind == UnitKind::Item || i + 1 >= units_.size()) return false;  // a last line is an entry
    const std::string_view text = label_text(u.lines.front());
    if (u.kind == UnitKind::Heading) return !text.empty() && code_points(text) <= kHeadingMaxCodePoints;
    return u.lines.size() == 1 && short_label_line(u.lines.front()) && !note_text(u.lines.front());
  }

  /// What read_label would date `text` with, or nothing.
  std::optional<TypedDate> label_date_in_context(std::string_view text) const {
    if (has_year_number(text)) return label_date(text);
    if (year_.empty()) return std::nullopt;
    return label_date(std::string(text) + " " + year_);
  }

  void read_label(std::string_view text) {
    entry_open_ = false;
    hint_.clear();
    // A label names a year itself ("1920", "c. 1925", "Spring 1920") or is read in the year of
    // the last date label ("June 22" after "1941"): never as a year of two digits ("June 22").
    const std::optional<TypedDate> date = label_date_in_context(text);
    if (date) {
      date_ = date->stored;
      calendar_ = date->calendar;
      const bool year = date_.size() >= 4 && std::all_of(date_.begin(), date_.begin() + 4, [](char c) { return c >= '0' && c <= '9'; });
      year_ = year ? date_.substr(0, 4) : std::string();
      return;
    }
    hint_ = std::string(text);
    hint_gap_.reset();
    ++summary_.date_hints;
  }

  void read_unit(std::size_t i) {
    Unit& u = units_[i];
    // A date line heading its paragraph ("1920\nThe war begins."): a label, then the paragraph.
    if (u.kind == UnitKind::Paragraph && u.lines.size() > 1 && short_label_line(u.lines.front()) &&
        label_date_in_context(label_text(u.lines.front()))) {
      read_label(label_text(u.lines.front()));
      u.lines.erase(u.lines.begin());
      u.gap = 0;
    } else if (is_label(i)) {
      read_label(label_text(u.lines.front()));
      return;
    }
    if (u.kind == UnitKind::Heading) {  // a last heading, with nothing after it: an entry of its own
      u.kind = UnitKind::Paragraph;
    }
    if (u.kind == UnitKind::Paragraph) {
      if (const auto note = note_text(u.lines.front())) {
        std::string text(*note);
        for (std::size_t k = 1; k < u.lines.size(); ++k) (text += '\n').append(u.lines[k]);
        append_paragraph(entries_.empty() ? description_ : entries_.back().otl, trim(text));
        return;
      }
    }
    const bool continues =
        entry_open_ && u.kind == UnitKind::Paragraph &&
        (join_gap_ > 0 ? u.gap <= join_gap_ : (starts_lower_case(u.lines.front()) || (u.indented && last_was_item_)));
    last_was_item_ = u.kind == UnitKind::Item || (continues && last_was_item_);
    if (continues) {
      append_paragraph(entries_.back().body, join_lines(u));
      return;
    }
    // A date hint lasts to the next label or a pause longer than the one after it.
    if (!hint_.empty()) {
      if (!hint_gap_) hint_gap_ = u.gap;
      else if (u.gap > std::max<std::size_t>(*hint_gap_, 1)) hint_.clear();
    }
    Entry entry;
    entry.body = join_lines(u);
    entry.title = entry_title(entry.body);
    if (entry.title.empty()) entry.title = "Untitled";
    entry.date = date_;
    entry.calendar = calendar_;
    if (!hint_.empty()) entry.notes = "Date hint: " + hint_;
    set_draft_order(entry, static_cast<std::int64_t>(entries_.size()) + 1);
    entries_.push_back(std::move(entry));
    entry_open_ = true;
  }

  TextImport finish() {
    TextImport out;
    out.draft = true;
    out.doc.title = title_.empty() ? "Untitled draft" : title_;
    out.doc.description = std::move(description_);
    // Ids from titles: "base", then "base-2", "base-3"... (the next number kept per base, so
    // that many entries of one title take linear time).
    std::unordered_set<std::string> taken;
    std::unordered_map<std::string, std::size_t> next_suffix;
    for (Entry& entry : entries_) {
      const std::string base = slugify(entry.title);
      std::string id = base;
      auto next = next_suffix.find(base);
      for (std::size_t n = next == next_suffix.end() ? 2 : next->second; taken.count(id); ++n) {
        id = base + "-" + std::to_string(n);
        next_suffix[base] = n + 1;
      }
      taken.insert(id);
      entry.id = std::move(id);
      ++out.summary.entries;
      if (entry.date.empty()) ++out.summary.undated;
      else ++out.summary.dated_by_label;
      if (!entry.otl.empty()) ++out.summary.otl_notes;
    }
    out.summary.date_hints = summary_.date_hints;
    out.doc.entries = std::move(entries_);
    return out;
  }

  std::string fallback_title_;
  std::vector<Unit> units_;
  std::string title_, description_;
  std::vector<Entry> entries_;
  DraftSummary summary_;
  std::size_t join_gap_ = 0;  // 0: every paragraph is an entry (but for lower-case starts)
  bool entry_open_ = false;   // a paragraph may continue the last entry (no label since)
  bool last_was_item_ = false;
  std::string date_, year_, hint_;
  Calendar calendar_ = Calendar::Gregorian;
  std::optional<std::size_t> hint_gap_;
};

std::string counted(std::size_t n, std::string_view one, std::string_view many) {
  return std::to_string(n) + " " + std::string(n == 1 ? one : many);
}

}  // namespace

std::string draft_summary_line(const DraftSummary& s) {
  return counted(s.entries, "entry", "entries") + " (" + std::to_string(s.undated) + " undated), " +
         counted(s.otl_notes, "note on our timeline", "notes on our timeline") + ", " +
         counted(s.date_hints, "date hint", "date hints");
}

TextImport import_draft(std::string_view text, std::string_view fallback_title) {
  DraftReader reader(text, fallback_title);
  return reader.run();
}

}  // namespace uch
