// Publishing safely: no entry text (body, title, tag, otl, link label, entity name) reaches any format as markup or script.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>
#include <regex>

#include "publish_test_support.hpp"

using namespace publish_test;

namespace {

/// Markup an attacker would want in a page: tags that load or run things, event handlers, script URLs.
void check_no_markup(const std::string& html, bool page) {
  const std::string l = lower(html);
  for (const char* tag : {"<script", "<img", "<iframe", "<div", "<b>", "<b ", "<a href=\"javascript", "<svg", "<object",
                          "<embed", "<link", "<form", "<input", "<?php", "<!--", "<![cdata"}) {
    CAPTURE(tag);
    CHECK(l.find(tag) == std::string::npos);
  }
  CHECK(count(l, "<style") == (page ? 1u : 0u));
  // No attribute of any tag is an event handler or carries a script URL.
  static const std::regex handler(R"(<[a-z][^>]*\son[a-z]+\s*=)", std::regex::icase);
  static const std::regex script_url(R"(<[a-z][^>]*(href|src)\s*=\s*"?\s*(javascript|vbscript|data):)", std::regex::icase);
  CHECK(!std::regex_search(html, handler));
  CHECK(!std::regex_search(html, script_url));
}

}  // namespace

TEST_CASE("hostile text: Markdown has no raw HTML node and no dangerous link, whatever the entry says") {
  const uch::Document doc = load("publish-hostile.json");
  for (uch::GroupBy by : {uch::GroupBy::Year, uch::GroupBy::None}) {
    uch::ExportOptions options;
    options.group_by = by;
    const std::string md = uch::export_markdown(doc, options);
    CHECK(raw_html_nodes(md).empty());
    for (const std::string& url : urls(md)) {
      CAPTURE(url);
      const std::string u = lower(url);
      CHECK((u.starts_with("#") || u.starts_with("http://") || u.starts_with("https://")));
    }
    // Entry headings stay headings at level 3, body headings never reach levels 1-3.
    Tree tree(md);
    int h1 = 0;
    tree.each([&](cmark_node* n) { h1 += is_heading(n, 1); });
    CHECK(h1 == 1);
    CHECK(md.find("\n## 1999") == std::string::npos);
    CHECK(md.find("\n#### 1999\n") != std::string::npos);
    // [[x|<b>]]: the label is text.
    CHECK(md.find("[\\<b\\>](#x)") != std::string::npos);
    // The title's fake attribute is escaped: the entry keeps its own id.
    CHECK(md.find("\\{\\#fake-id\\} \\# {#odd-markup}") != std::string::npos);
  }
  // Code keeps showing the code, as code.
  const std::string md = uch::export_markdown(doc, {});
  CHECK(md.find("Code: `<script>alert(16)</script>` stays code.") != std::string::npos);
}

TEST_CASE("hostile text: the HTML page shows the text and runs nothing") {
  const uch::Document doc = load("publish-hostile.json");
  for (bool allow : {false, true}) {
    uch::ExportOptions options;
    options.allow_html = allow;  // the page is safe even when the Markdown lets HTML through
    const std::string html = uch::export_html(doc, options);
    check_no_markup(html, true);
    CHECK(html.find("<title>Hostile &lt;/title&gt;&lt;script&gt;alert(&#39;title&#39;)&lt;/script&gt; &amp; co</title>") !=
          std::string::npos);
    CHECK(html.find("<h3 id=\"script-body\">&lt;script&gt;alert('title')&lt;/script&gt;</h3>") != std::string::npos);
    CHECK(html.find("<code>&lt;script&gt;alert('tag')&lt;/script&gt;</code>") != std::string::npos);
    CHECK(html.find("<a href=\"#x\">&lt;b&gt;</a>") != std::string::npos);
    CHECK(html.find("<h4 id=\"x\">Mr &lt;script&gt;alert('entity')&lt;/script&gt; X</h4>") != std::string::npos);
  }
  const std::string html = uch::export_html(doc, {});
  CHECK(html.find("&lt;script&gt;alert(1)&lt;/script&gt;") != std::string::npos);
  CHECK(html.find("Inline &lt;img src=x onerror=alert(2)&gt;") != std::string::npos);
}

TEST_CASE("hostile text: TimelineJS fields carry no markup (display_date and group escaped twice)") {
  uch::ExportOptions options;
  options.group_tag_prefix = "front:";
  const nlohmann::json tl = nlohmann::json::parse(uch::export_timelinejs(load("publish-hostile.json"), options).json);
  check_no_markup(tl["title"]["text"]["headline"].get<std::string>(), false);
  check_no_markup(tl["title"]["text"]["text"].get<std::string>(), false);
  REQUIRE(tl["events"].size() == 3);
  for (const auto& ev : tl["events"]) {
    check_no_markup(ev["text"]["headline"].get<std::string>(), false);
    check_no_markup(ev["text"]["text"].get<std::string>(), false);
    check_no_markup(ev["display_date"].get<std::string>(), false);
    CHECK(ev["text"]["headline"].get<std::string>().find('<') == std::string::npos);
  }
  const auto& first = tl["events"][0];
  CHECK(first["group"] == "&amp;lt;img src=x onerror=alert(&amp;#39;group&amp;#39;)&amp;gt;");
  CHECK(first["text"]["headline"] == "&lt;script&gt;alert(&#39;title&#39;)&lt;/script&gt;");
  const std::string text = tl["events"][1]["text"]["text"];
  CHECK(text.find("javascript:alert(6)") == std::string::npos);  // the link is gone, its text stays
  CHECK(text.find("<p>click javascript:alert(7) mixed entity vb") != std::string::npos);
  CHECK(text.find("<a href=\"http://example.com/track.png\">ext</a>") != std::string::npos);  // no image request
}

TEST_CASE("hostile text: a title, tag or link label with markup round-trips through Markdown as text") {
  const uch::Document doc = load("publish-hostile.json");
  const uch::Document back = uch::import_markdown(uch::export_markdown(doc, {}));
  REQUIRE(back.entries.size() == doc.entries.size());
  CHECK(back.entries[0].title == "<script>alert('title')</script>");
  CHECK(back.entries[0].tags == doc.entries[0].tags);
  CHECK(back.entries[1].body.find("[[x|<b>]]") != std::string::npos);
  CHECK(back.entries[2].title == "Markup & [brackets] *stars* `ticks` {#fake-id} #");
  CHECK(back.entries[2].id == "odd-markup");
}
