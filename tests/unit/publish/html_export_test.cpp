// HTML export: one self-contained, script-free page with the Markdown's structure; only allowed tags and attributes.
#include <doctest/doctest.h>

#include <map>
#include <set>

#include "publish_test_support.hpp"

using namespace publish_test;

namespace {

struct Tag {
  std::string name;
  std::map<std::string, std::string> attributes;
};

/// Every start tag of the page (a small scanner: the page is our own output, well formed).
std::vector<Tag> start_tags(const std::string& html) {
  std::vector<Tag> tags;
  std::size_t i = 0;
  while ((i = html.find('<', i)) != std::string::npos) {
    ++i;
    if (i >= html.size() || html[i] == '/' || html[i] == '!') continue;
    Tag tag;
    while (i < html.size() && (std::isalnum(static_cast<unsigned char>(html[i])))) tag.name += html[i++];
    while (i < html.size() && html[i] != '>') {
      while (i < html.size() && html[i] == ' ') ++i;
      std::string name;
      while (i < html.size() && html[i] != '=' && html[i] != '>' && html[i] != ' ') name += html[i++];
      std::string value;
      if (i < html.size() && html[i] == '=') {
        ++i;
        REQUIRE(html[i] == '"');
        const std::size_t end = html.find('"', i + 1);
        REQUIRE(end != std::string::npos);
        value = html.substr(i + 1, end - i - 1);
        i = end + 1;
      }
      if (!name.empty()) tag.attributes[lower(name)] = value;
    }
    tags.push_back(tag);
  }
  return tags;
}

const std::set<std::string> kAllowedTags = {
    "html", "head", "meta", "title", "style", "body", "main", "header", "article", "h1", "h2", "h3", "h4", "h5",
    "h6", "p", "em", "strong", "code", "pre", "a", "ul", "ol", "li", "blockquote", "hr", "br"};
const std::set<std::string> kAllowedAttributes = {"lang", "charset", "http-equiv", "content", "name", "id",
                                                  "class", "href", "start", "title"};

}  // namespace

TEST_CASE("html: a self-contained page that loads and runs nothing, printable and readable on a phone") {
  for (const auto& [name, doc] : all_documents()) {
    CAPTURE(name);
    const std::string html = uch::export_html(doc, {});
    CHECK(html == uch::export_html(doc, {}));
    CHECK(html.starts_with("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"));
    CHECK(html.find("Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:;") !=
          std::string::npos);
    CHECK(html.find("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">") != std::string::npos);
    CHECK(html.find("@media print") != std::string::npos);
    CHECK(html.find("max-width:") != std::string::npos);
    CHECK(count(html, "<style>") == 1);
    for (const Tag& tag : start_tags(html)) {
      CAPTURE(tag.name);
      CHECK(kAllowedTags.count(tag.name));
      for (const auto& [attr, value] : tag.attributes) {
        CAPTURE(attr);
        CHECK(kAllowedAttributes.count(attr));
        if (attr == "href") {
          const std::string v = lower(value);
          CHECK((v.starts_with("#") || v.starts_with("http://") || v.starts_with("https://") ||
                 v.starts_with("mailto:") || v.empty()));
        }
      }
    }
    // Nothing is fetched: no src attribute (above), no stylesheet link, no @import, no url() in the CSS.
    const std::size_t style = html.find("<style>"), style_end = html.find("</style>");
    REQUIRE(style_end != std::string::npos);
    const std::string css = html.substr(style, style_end - style);
    CHECK(css.find("@import") == std::string::npos);
    CHECK(css.find("url(") == std::string::npos);
  }
}

TEST_CASE("html: the structure of the Markdown: title, a heading per year, an article per entry") {
  const uch::Document doc = load("publish-dates.json");
  const std::string html = uch::export_html(doc, {});
  CHECK(html.find("<title>Date shapes for publication</title>") != std::string::npos);
  CHECK(html.find("<header>\n<h1>Date shapes for publication</h1>\n</header>") != std::string::npos);
  CHECK(count(html, "<article class=\"entry\">") == doc.entries.size());
  for (const uch::Entry& e : doc.entries) CHECK(html.find("<h3 id=\"" + e.id + "\">") != std::string::npos);
  CHECK(count(html, "<h2>") == 15);  // 13 years, Undated, Index
  CHECK(html.find("<h2>480 BC</h2>") != std::string::npos);
  CHECK(html.find("<h3 id=\"thermopylae\">Thermopylae holds</h3>\n<p class=\"date\">August 480 BC</p>") != std::string::npos);
  CHECK(html.find("<p class=\"date\">27 June [8 July] 1709</p>") != std::string::npos);
  CHECK(html.find("<p class=\"date\">spring 1920</p>") != std::string::npos);
  CHECK(html.find("<blockquote class=\"otl\">\n<p><strong>In our timeline:</strong> The Persians won") != std::string::npos);
  CHECK(html.find("<a href=\"#xerxes\">The Great King</a>") != std::string::npos);
  CHECK(html.find("<article class=\"entity\">\n<h4 id=\"xerxes\">Xerxes I</h4>") != std::string::npos);
  CHECK(html.find("{#") == std::string::npos);  // heading attributes became ids
  CHECK(html.find("<p class=\"tags\"><strong>Tags:</strong> <code>war</code></p>") != std::string::npos);

  uch::ExportOptions none;
  none.group_by = uch::GroupBy::None;
  CHECK(count(uch::export_html(doc, none), "<h2>") == 2);  // Undated, Index
}

TEST_CASE("html: an image becomes a link (no request); the page is safe even with --allow-html") {
  uch::Document doc;
  doc.title = "Images";
  doc.entries.push_back({});
  doc.entries[0].id = "a";
  doc.entries[0].title = "A";
  doc.entries[0].date = "1900";
  doc.entries[0].body = "![map](https://example.com/map.png) ![dot](data:image/png;base64,iVBORw0KGgo=) <b>bold</b>";
  uch::ExportOptions options;
  options.allow_html = true;
  const std::string html = uch::export_html(doc, options);
  CHECK(html.find("<a href=\"https://example.com/map.png\">map</a>") != std::string::npos);
  CHECK(html.find("<img src=\"data:image/png;base64,iVBORw0KGgo=\" alt=\"dot\" />") != std::string::npos);
  CHECK(html.find("&lt;b&gt;bold&lt;/b&gt;") != std::string::npos);
  // The Markdown keeps the raw HTML the writer allowed.
  CHECK(uch::export_markdown(doc, options).find("<b>bold</b>") != std::string::npos);
}
