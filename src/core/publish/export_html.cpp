// HTML export: one self-contained page (inline CSS, no script, no outside request) rendered from the Markdown export by cmark-gfm in safe mode.
#include <string_view>
#include <vector>

#include "publish/publish_internal.hpp"

namespace uch {

using namespace publish_detail;

namespace {

constexpr std::string_view kStyle = R"css(
:root { color-scheme: light; }
* { box-sizing: border-box; }
body { margin: 0; background: #fbfaf6; color: #222; font: 17px/1.6 Georgia, "DejaVu Serif", "Times New Roman", serif; }
main { max-width: 44rem; margin: 0 auto; padding: 2rem 1.25rem 4rem; overflow-wrap: break-word; }
h1 { font-size: 2.1rem; line-height: 1.2; margin: 0 0 1rem; }
h2 { font-size: 1.55rem; margin: 2.6rem 0 0.6rem; padding-bottom: 0.2rem; border-bottom: 2px solid #d8d2c2; }
h3 { font-size: 1.2rem; line-height: 1.3; margin: 0 0 0.2rem; }
h4, h5, h6 { font-size: 1rem; margin: 1.2rem 0 0.3rem; }
article { margin: 1.6rem 0; }
article.entity h4 { margin-top: 0; }
p { margin: 0.5rem 0; }
.date { margin: 0 0 0.6rem; color: #5a5346; font-style: italic; }
.date em { font-style: italic; }
.tags, .mentioned { font-size: 0.9rem; color: #5a5346; }
code, pre { font-family: "DejaVu Sans Mono", Menlo, Consolas, monospace; font-size: 0.88em; background: #efece2; border-radius: 3px; }
code { padding: 0 0.25em; }
pre { padding: 0.7rem; overflow-x: auto; }
pre code { padding: 0; background: none; }
blockquote { margin: 0.8rem 0; padding: 0.3rem 1rem; border-left: 4px solid #cbbf9c; background: #f4f0e4; }
blockquote.otl { border-left-color: #6d8fb0; background: #edf2f7; }
img { max-width: 100%; height: auto; }
a { color: #1d4f86; }
table { border-collapse: collapse; display: block; overflow-x: auto; }
td, th { border: 1px solid #d8d2c2; padding: 0.2rem 0.5rem; }
hr { border: 0; border-top: 1px solid #d8d2c2; }
@media (max-width: 34rem) {
  body { font-size: 16px; }
  main { padding: 1rem 0.9rem 2.5rem; }
  h1 { font-size: 1.65rem; }
  h2 { font-size: 1.35rem; }
  blockquote { padding: 0.2rem 0.7rem; margin-left: 0; margin-right: 0; }
}
@media print {
  body { background: none; color: #000; font-size: 11pt; }
  main { max-width: none; padding: 0; }
  a { color: inherit; text-decoration: none; }
  h1, h2, h3, h4 { break-after: avoid; page-break-after: avoid; }
  article, blockquote, pre { break-inside: avoid; page-break-inside: avoid; }
  blockquote, blockquote.otl, code, pre { background: none; }
}
)css";

std::vector<std::string_view> split_lines(std::string_view text) {
  std::vector<std::string_view> lines;
  std::size_t start = 0;
  while (start <= text.size()) {
    const std::size_t nl = text.find('\n', start);
    lines.push_back(text.substr(start, nl == std::string_view::npos ? std::string_view::npos : nl - start));
    if (nl == std::string_view::npos) break;
    start = nl + 1;
  }
  return lines;
}

/// The inline HTML of an ATX heading line written without its {#id} attribute.
std::string heading_inline_html(const std::string& line_without_attribute) {
  NodePtr tree = parse_markdown(line_without_attribute);
  cmark_node* heading = cmark_node_first_child(tree.get());
  if (!heading || cmark_node_get_type(heading) != CMARK_NODE_HEADING) return html_escape(line_without_attribute);
  images_to_links(tree.get());
  std::string html = render_children_html_safe(heading);
  return html;
}

/// The otl note: a blockquote opening with **In our timeline:** that ends its entry.
bool is_otl_quote(cmark_node* node) {
  if (cmark_node_get_type(node) != CMARK_NODE_BLOCK_QUOTE) return false;
  cmark_node* next = cmark_node_next(node);
  if (next && cmark_node_get_type(next) != CMARK_NODE_HEADING) return false;
  cmark_node* para = cmark_node_first_child(node);
  if (!para || cmark_node_get_type(para) != CMARK_NODE_PARAGRAPH) return false;
  cmark_node* strong = cmark_node_first_child(para);
  return strong && cmark_node_get_type(strong) == CMARK_NODE_STRONG && plain_text(strong) == kOtlLabel;
}

}  // namespace

std::string export_html(const Document& doc, const ExportOptions& options) {
  ExportOptions md_options = options;
  md_options.allow_html = false;  // the page is always safe
  const std::string markdown = export_markdown(doc, md_options);
  const std::vector<std::string_view> lines = split_lines(markdown);
  NodePtr root = parse_markdown(markdown);
  images_to_links(root.get());
  std::vector<cmark_node*> separators;
  cmark_iter* it = cmark_iter_new(root.get());
  for (cmark_event_type ev; (ev = cmark_iter_next(it)) != CMARK_EVENT_DONE;) {
    if (ev == CMARK_EVENT_ENTER && is_end_list_comment(cmark_iter_get_node(it))) separators.push_back(cmark_iter_get_node(it));
  }
  cmark_iter_free(it);
  for (cmark_node* n : separators) remove_node(n);  // "<!-- end list -->": nothing to show

  std::string body;
  bool in_article = false;
  bool in_index = false;
  bool after_heading = false;  // the next paragraph may be a date or lifespan line
  const auto close_article = [&] {
    if (in_article) body += "</article>\n";
    in_article = false;
  };

  for (cmark_node* node = cmark_node_first_child(root.get()); node; node = cmark_node_next(node)) {
    const cmark_node_type type = cmark_node_get_type(node);
    const bool was_after_heading = after_heading;
    after_heading = false;
    if (type == CMARK_NODE_HEADING) {
      const int level = cmark_node_get_heading_level(node);
      const int line_no = cmark_node_get_start_line(node);
      std::string without, id;
      const bool has_id = line_no >= 1 && static_cast<std::size_t>(line_no) <= lines.size() &&
                          split_heading_attribute(lines[line_no - 1], &without, &id);
      if (level <= 3) close_article();
      if (level == 2) in_index = plain_text(node) == kIndex;
      if (has_id && ((level == 3 && !in_index) || (level == 4 && in_index))) {
        close_article();
        body += in_index ? "<article class=\"entity\">\n" : "<article class=\"entry\">\n";
        in_article = true;
        const std::string tag = "h" + std::to_string(level);
        body += "<" + tag + " id=\"" + html_escape(id) + "\">" + heading_inline_html(without) + "</" + tag + ">\n";
        after_heading = true;
        continue;
      }
      if (level == 1) {
        body += "<header>\n" + render_html_safe(node) + "</header>\n";
        continue;
      }
      body += render_html_safe(node);
      continue;
    }
    if (was_after_heading && type == CMARK_NODE_PARAGRAPH) {
      if (!in_index && read_date_line(node)) {
        // Readers get the human date; the EDTF (for import) stays in the Markdown.
        body += "<p class=\"date\">" + render_children_html_safe(cmark_node_first_child(node)) + "</p>\n";
        continue;
      }
      if (in_index && read_lifespan_line(node)) {
        body += "<p class=\"date\">" + render_children_html_safe(cmark_node_first_child(node)) + "</p>\n";
        continue;
      }
    }
    cmark_node* next = cmark_node_next(node);
    const bool last_of_entry = !next || cmark_node_get_type(next) == CMARK_NODE_HEADING || is_otl_quote(next);
    if (in_article && last_of_entry && type == CMARK_NODE_PARAGRAPH && read_tags_line(node)) {
      body += "<p class=\"tags\">" + render_children_html_safe(node) + "</p>\n";
      continue;
    }
    if (in_article && is_mentioned_in_line(node)) {
      body += "<p class=\"mentioned\">" + render_children_html_safe(node) + "</p>\n";
      continue;
    }
    if (in_article && is_otl_quote(node)) {
      body += "<blockquote class=\"otl\">\n" + render_children_html_safe(node) + "</blockquote>\n";
      continue;
    }
    body += render_html_safe(node);
  }
  close_article();

  const std::string title = trim(doc.title).empty() ? std::string("Timeline") : trim(doc.title);
  std::string page;
  page += "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n";
  // Belt and braces: even if some markup slipped through, the page may load nothing and run nothing.
  page +=
      "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; "
      "img-src data:; base-uri 'none'; form-action 'none'\">\n";
  page += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n";
  page += "<meta name=\"referrer\" content=\"no-referrer\">\n";
  page += "<meta name=\"generator\" content=\"Uchronia\">\n";
  page += "<title>" + html_escape(title) + "</title>\n";
  page += "<style>" + std::string(kStyle) + "</style>\n</head>\n<body>\n<main>\n";
  page += body;
  page += "</main>\n</body>\n</html>\n";
  return page;
}

}  // namespace uch
