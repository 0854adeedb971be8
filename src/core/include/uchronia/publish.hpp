// Publication: Markdown, HTML and TimelineJS export; Markdown import.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "uchronia/model.hpp"
#include "uchronia/timeline_layout.hpp"

namespace uch {

enum class GroupBy { Year, Decade, None };

/// The choices shared by every export format (CLI flags and the editor's Export dialog).
struct ExportOptions {
  std::vector<std::string> tags;        // keep entries carrying any of these (empty: all)
  std::string from;                     // EDTF; keep entries not certainly before it ("" = no limit)
  std::string to;                       // EDTF; keep entries not certainly after it
  bool include_otl = true;              // --no-otl clears it
  bool allow_html = false;              // --allow-html: raw HTML in bodies passes through
  GroupBy group_by = GroupBy::Year;     // markdown/html headings
  std::string group_tag_prefix;         // timelinejs: group from the first tag with this prefix
  /// timelinejs, when no tag gives a group: group by the first [[linked]] entity of this kind
  /// ("person", "organisation", "place", "other"; "" = none).
  std::string group_entity_kind;
  /// markdown/html (--ages): under each entry's date, the ages then of the people its body mentions
  /// (People::ages_at, worded by ages_text).
  bool ages = false;
  LaneBy lanes = LaneBy::Tag;           // svg/png: what the chart's lanes group entries by
  int width = 1600;                     // svg/png: the chart's width in pixels
};

/// True when `options` keep every entry and every field as it is (no tag, date or otl filter):
/// an export can then work from the document itself, unfiltered.
bool keeps_every_entry(const ExportOptions& options);

/// The entries an export keeps, in export order; `skipped_undated` counts undated entries
/// left out (timelinejs) so the caller can warn.
Document filter_for_export(const Document& doc, const ExportOptions& options);

/// Each export applies filter_for_export itself. allow_html applies to Markdown only: the HTML
/// page and the TimelineJS text are always rendered by cmark-gfm in safe mode.
std::string export_markdown(const Document& doc, const ExportOptions& options);
std::string export_html(const Document& doc, const ExportOptions& options);
struct TimelineJsResult {
  std::string json;
  int skipped_undated = 0;
  int skipped_invalid = 0;  // entries whose date does not parse (or has no bound): also left out
};
TimelineJsResult export_timelinejs(const Document& doc, const ExportOptions& options);

/// The export formats, by the names the command line and the editor use.
enum class ExportFormat { Json, Markdown, Html, TimelineJs, Svg, Png, TimelineJsHtml };
/// "json", "markdown", "html", "timelinejs", "svg", "png", "timelinejs-html"
const char* to_string(ExportFormat format);
std::optional<ExportFormat> export_format_from_name(std::string_view name);

struct ExportResult {
  std::string text;         // png: the image's bytes
  int skipped_undated = 0;  // timelinejs: entries left out because TimelineJS needs a date
  int skipped_invalid = 0;  // timelinejs: entries left out because their date does not parse
};
/// The one export entry point of every front end: `doc` in `format` with every option applied
/// (the tag/date/otl filter for JSON too).
ExportResult export_document(const Document& doc, ExportFormat format, const ExportOptions& options);

/// Reads Uchronia's own Markdown back (ids kept) or a plain draft (year headings,
/// one paragraph per entry). Throws ImportError with line numbers.
Document import_markdown(std::string_view text);

}  // namespace uch
