// The one export entry point: format by name, every option applied the same way for every format.
#include "uchronia/interchange.hpp"
#include "uchronia/publish.hpp"
#include "uchronia/chart.hpp"

namespace uch {

const char* to_string(ExportFormat format) {
  switch (format) {
    case ExportFormat::Json: return "json";
    case ExportFormat::Markdown: return "markdown";
    case ExportFormat::Html: return "html";
    case ExportFormat::TimelineJs: return "timelinejs";
    case ExportFormat::Svg: return "svg";
    case ExportFormat::Png: return "png";
    case ExportFormat::TimelineJsHtml: return "timelinejs-html";
  }
  return "json";
}

std::optional<ExportFormat> export_format_from_name(std::string_view name) {
  for (ExportFormat f : {ExportFormat::Json, ExportFormat::Markdown, ExportFormat::Html, ExportFormat::TimelineJs,
                         ExportFormat::Svg, ExportFormat::Png, ExportFormat::TimelineJsHtml})
    if (name == to_string(f)) return f;
  return std::nullopt;
}

ExportResult export_document(const Document& doc, ExportFormat format, const ExportOptions& options) {
  ExportResult result;
  switch (format) {
    case ExportFormat::Json:
      result.text = write_interchange_json(keeps_every_entry(options) ? doc : filter_for_export(doc, options));
      break;
    case ExportFormat::Markdown: result.text = export_markdown(doc, options); break;
    case ExportFormat::Html: result.text = export_html(doc, options); break;
    case ExportFormat::TimelineJs: {
      TimelineJsResult r = export_timelinejs(doc, options);
      result.text = std::move(r.json);
      result.skipped_undated = r.skipped_undated;
      result.skipped_invalid = r.skipped_invalid;
      break;
    }
    case ExportFormat::Svg: result.text = export_svg(doc, options); break;
    case ExportFormat::Png: result.text = render_png(export_svg(doc, options)); break;
    case ExportFormat::TimelineJsHtml: {
      TimelineJsResult r = export_timelinejs(doc, options);
      result.text = timelinejs_page(doc.title, r.json);
      result.skipped_undated = r.skipped_undated;
      result.skipped_invalid = r.skipped_invalid;
      break;
    }
  }
  return result;
}

}  // namespace uch
