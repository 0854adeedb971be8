// Importing text a writer already has: Uchronia's own Markdown, or a draft without any required
// structure (plain text or Markdown), read by one rule (import_text) for every front end.
#pragma once

#include <cstddef>
#include <filesystem>
#include <string>
#include <string_view>

#include "uchronia/model.hpp"

namespace uch {

/// What a draft import made, for the one line that reports it.
struct DraftSummary {
  std::size_t entries = 0;
  std::size_t undated = 0;
  std::size_t otl_notes = 0;   // "Note:", "NB:", "In our timeline:", "OTL:" paragraphs kept as otl notes
  std::size_t date_hints = 0;  // label lines that are no date, kept in the entries' notes
  std::size_t dated_by_label = 0;  // entries dated from a label line ("1920", "c. 1925")
};

/// "20 entries (17 undated), 1 note on our timeline, 2 date hints".
std::string draft_summary_line(const DraftSummary& summary);

struct TextImport {
  Document doc;
  bool draft = false;    // read as a draft (else as Uchronia's Markdown)
  DraftSummary summary;  // drafts only
};

/// Reads a draft: plain text or Markdown with no required structure (docs/drafts.md).
///  - A first line standing alone (or a Markdown heading first) is the title; else `fallback_title`.
///  - Each paragraph (or list item) becomes an entry, titled from its first sentence or clause.
///    When most paragraph breaks are two blank lines or more, a single blank line joins
///    paragraphs into one entry; otherwise a paragraph starting in lower case continues the one
///    before.
///  - A "Note:", "NB:", "In our timeline:" or "OTL:" paragraph is the otl note of the entry before.
///  - A short line standing alone (or a Markdown heading) labels what follows: read as a date by
///    read_typed_date (or as that label in the year of the last date label: "June 22" after
///    "1941"), it dates the next entries up to the next date label; otherwise it is a date hint,
///    written in the notes of the next entries up to the next label or a longer pause.
///  - Every entry keeps its position in the draft (draft_order, uchronia/draft_order.hpp).
/// Line endings LF, CRLF or CR, a BOM and blank runs of any length are fine. Refused with
/// ImportError naming the line: an empty text, binary data (NUL or control bytes), invalid UTF-8.
/// Time and memory linear in the text.
TextImport import_draft(std::string_view text, std::string_view fallback_title);

/// The one rule deciding how a text file is read:
///  1. a text with an entry heading ("### Title", level 3 or deeper) or a heading carrying an id
///     ("{#id}") is Uchronia's own Markdown: import_markdown reads it, and its errors are reported;
///  2. else a text import_markdown accepts with at least one entry (a "# Title" first, then
///     year headings "## 1917" or entry headings) is read by import_markdown, exactly as before;
///  3. anything else is a draft (import_draft), including a "# Title" followed by paragraphs
///     and no heading, which import_markdown would take for a description with no entry.
TextImport import_text(std::string_view text, std::string_view fallback_title);

/// A file to import, read by the rule every front end shares: a `.json` name is interchange JSON,
/// any other file is text for import_text (its name's stem the fallback title). A SQLite file (a
/// document given by mistake) is refused (Error), as is what InputFile refuses; a file that is not
/// in the format its reader expects throws ImportError.
TextImport import_file(const std::filesystem::path& path);

}  // namespace uch
