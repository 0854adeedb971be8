// The timeline chart of a document: its entries laid out by timeline_layout and written as SVG
// (text as real SVG <text>), PNG (rendered from that SVG) or a self-contained TimelineJS page.
#pragma once

#include <string>
#include <vector>

#include "uchronia/model.hpp"
#include "uchronia/publish.hpp"
#include "uchronia/timeline_layout.hpp"

namespace uch {

/// A document's dated entries as a timeline: items' sources index `entries`.
struct DocumentTimeline {
  Timeline timeline;
  std::vector<const Entry*> entries;   // points into the document given
};
/// Lanes by tag (an entry in each of its tags' lanes; "divergence" makes no lane), by the entities
/// its body links to, or by series; none (or branch, not yet: issue 18) gives one lane.
DocumentTimeline timeline_of_document(const Document& doc, LaneBy by, std::size_t max_lanes);

/// The chart as an SVG document (ExportOptions: from/to/tags filter, lanes, width).
std::string export_svg(const Document& doc, const ExportOptions& options);

/// The SVG rendered to PNG (librsvg, cairo), white background, at the SVG's own size.
/// Throws Error when the SVG cannot be read.
std::string render_png(const std::string& svg);

/// One self-contained HTML page: TimelineJS3's JavaScript and CSS (from its npm package, embedded
/// at build time) and the TimelineJS JSON of export_timelinejs. It makes no network request.
std::string timelinejs_page(std::string_view title, std::string_view timelinejs_json);

/// Text as it may stand in XML character data or an attribute: markup characters escaped, the
/// characters XML 1.0 forbids (C0 controls, U+FFFE/U+FFFF, invalid UTF-8) and bidi overrides and
/// isolates (which would reorder what follows them) replaced by U+FFFD.
std::string xml_escape(std::string_view text);

/// Width of a text in the chart's font (DejaVu Sans at `size_px`), from the font's own advances
/// (FreeType through fontconfig), estimated when the font is not installed.
float chart_text_width(std::string_view text, float size_px);

}  // namespace uch
