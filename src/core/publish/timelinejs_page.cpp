// `export --format timelinejs-html`: one page that needs nothing but itself. TimelineJS3's script,
// style and icon font are embedded (from its npm package, at build time); the page's CSP allows
// no request at all, so neither TimelineJS nor an entry's media can reach a server.
#include <string>

#include "uchronia/chart.hpp"

namespace uch {
namespace detail {
extern const bool kTimelineJsEmbedded;
extern const std::string_view kTimelineJsScript, kTimelineJsStyle, kTimelineJsIconFont;
}  // namespace detail
namespace {

std::string base64(std::string_view bytes) {
  static const char* abc = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  out.reserve((bytes.size() + 2) / 3 * 4);
  for (std::size_t i = 0; i < bytes.size(); i += 3) {
    const std::size_t n = std::min<std::size_t>(3, bytes.size() - i);
    std::uint32_t v = 0;
    for (std::size_t k = 0; k < 3; ++k) v = (v << 8) | (k < n ? static_cast<unsigned char>(bytes[i + k]) : 0u);
    for (std::size_t k = 0; k < 4; ++k) out += k <= n ? abc[(v >> (18 - 6 * k)) & 63] : '=';
  }
  return out;
}

/// The style with its icon font as a data: URL instead of files beside the page.
std::string self_contained_style() {
  std::string css(detail::kTimelineJsStyle);
  const std::size_t at = css.find("@font-face");
  const std::size_t end = at == std::string::npos ? at : css.find('}', at);
  if (end != std::string::npos && css.substr(at, end - at).find("tl-icons") != std::string::npos)
    css.replace(at, end + 1 - at, "@font-face {\n  font-family: 'tl-icons';\n  src: url(data:font/woff2;base64," +
                                      base64(detail::kTimelineJsIconFont) + ") format('woff2');\n  font-weight: normal;\n  font-style: normal;\n}");
  return css;
}

/// Text inside <script> or <style> ends at "</": written "<\/" (the same string to JS, JSON and CSS
/// escapes alike), so no data can close the element.
std::string inert_in_element(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '<' && i + 1 < text.size() && (text[i + 1] == '/' || text[i + 1] == '!')) out += "<\\";
    else out += text[i];
  }
  return out;
}

/// JSON as the content of a <script type="application/json">: every '<' written \u003c.
std::string json_in_script(std::string_view json) {
  std::string out;
  out.reserve(json.size());
  for (char c : json) out += c == '<' ? std::string("\\u003c") : std::string(1, c);
  return out;
}

}  // namespace

std::string timelinejs_page(std::string_view title, std::string_view json) {
  if (!detail::kTimelineJsEmbedded)
    throw Error("timelinejs-html: this build of Uchronia has no TimelineJS3 (npm was not found when it was built)");
  std::string page;
  page.reserve(detail::kTimelineJsScript.size() + detail::kTimelineJsStyle.size() + json.size() + 40000);
  page += "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n";
  page += "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; script-src 'unsafe-inline'; "
          "style-src 'unsafe-inline'; font-src data:; img-src data:\">\n";
  page += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>";
  page += xml_escape(title.empty() ? std::string_view("Timeline") : title);
  page += "</title>\n<style>\n";
  page += inert_in_element(self_contained_style());
  page += "\n</style>\n<style>html, body { margin: 0; padding: 0; height: 100%; } #timeline-embed { width: 100%; height: 100%; }</style>\n";
  page += "<script>\n";
  page += inert_in_element(detail::kTimelineJsScript);
  page += "\n</script>\n</head>\n<body>\n<div id=\"timeline-embed\"></div>\n<script type=\"application/json\" id=\"timeline-data\">";
  page += json_in_script(json);
  page += "</script>\n<script>\n"
          "// No font or theme file, the built-in English: TimelineJS then loads nothing.\n"
          "window.timeline = new TL.Timeline('timeline-embed', JSON.parse(document.getElementById('timeline-data').textContent),\n"
          "  { font: null, theme: null, language: 'en', script_path: 'about:blank' });\n"
          "</script>\n</body>\n</html>\n";
  return page;
}

}  // namespace uch
