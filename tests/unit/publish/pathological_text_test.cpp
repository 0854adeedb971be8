// Pathological text: huge headings, many entries of one title, deeply nested bodies. Each is imported
// or exported in time and memory growing with its size (or refused clearly), never crashing. These
// are functional tests of the result; their sizes took minutes (or a crash) before the fixes.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>
#include <set>

#include "publish_test_support.hpp"

using namespace publish_test;

namespace {

std::string repeat(std::string_view unit, std::size_t times) {
  std::string out;
  out.reserve(unit.size() * times);
  for (std::size_t i = 0; i < times; ++i) out += unit;
  return out;
}

/// The ImportError message, or "(imported)".
std::string import_outcome(const std::string& text) {
  try {
    uch::import_markdown(text);
  } catch (const uch::ImportError& e) {
    return e.what();
  }
  return "(imported)";
}

std::size_t occurrences(std::string_view text, std::string_view what) {
  std::size_t n = 0;
  for (std::size_t at = text.find(what); at != std::string_view::npos; at = text.find(what, at + what.size())) ++n;
  return n;
}

uch::Document with_entries(std::vector<uch::Entry> entries) {
  uch::Document doc;
  doc.title = "T";
  doc.entries = std::move(entries);
  return doc;
}

}  // namespace

TEST_CASE("pathological text: a year heading of 50,000 repeated words is refused, briefly quoted") {
  // "Until Until ... 1917" was read one word at a time by recursion, copying the rest each time:
  // 8,000 words took 388 MB, 20,000 overflowed the stack.
  for (const std::size_t words : {std::size_t{20'000}, std::size_t{50'000}}) {
    const std::string message = import_outcome("# T\n\n## " + repeat("Until ", words) + "1917\n\n### A\n\nText.\n");
    CAPTURE(words);
    CHECK(message.starts_with("line 3: '## Until Until "));
    CHECK(message.find("is not a year heading") != std::string::npos);
    CHECK(message.size() < 300);  // the heading is quoted in part
  }
  // One "Until" still reads as before.
  const uch::Document doc = uch::import_markdown("# T\n\n## Until 1985\n\nOpen.\n");
  REQUIRE(doc.entries.size() == 1);
  CHECK(doc.entries[0].date == "../1985");
}

TEST_CASE("pathological text: a 1 MB heading line is imported or refused, never a crash") {
  const std::size_t mb = 1 << 20;
  // An entry title of 1 MB is kept whole.
  const std::string title = repeat("word ", mb / 5);
  const uch::Document doc = uch::import_markdown("# T\n\n## 1917\n\n### " + title + "\n\nText.\n");
  REQUIRE(doc.entries.size() == 1);
  CHECK(doc.entries[0].title == title.substr(0, title.size() - 1));  // trimmed
  // Year headings that long are not years: refused, whatever their words.
  for (const std::string unit : {"Until ", "word ", "1-", "c. ", "early ", "[", ">"}) {
    CAPTURE(unit);
    const std::string message = import_outcome("# T\n\n## " + repeat(unit, mb / unit.size()) + "\n\nText.\n");
    CHECK(message.starts_with("line 3: "));
    CHECK(message.size() < 300);
  }
  // A 1 MB document title, and a second one (refused, quoted in part).
  const std::string message = import_outcome("# " + title + "\n\n# " + title + "\n");
  CHECK(message.starts_with("line 3: a second title heading"));
  CHECK(message.size() < 300);
}

TEST_CASE("pathological text: 20,000 draft entries of one title get distinct ids, a title 't 2' too") {
  std::string md = "# T\n\n## 1917\n\nt 2.\n\n";
  for (int i = 0; i < 20'000; ++i) md += "t.\n\n";
  md += "t 2.\n";
  const uch::Document doc = uch::import_markdown(md);
  REQUIRE(doc.entries.size() == 20'002);
  std::set<std::string> ids;
  for (const uch::Entry& e : doc.entries) ids.insert(e.id);
  CHECK(ids.size() == doc.entries.size());
  CHECK(doc.entries[0].id == "t-2");
  CHECK(doc.entries[1].id == "t");
  CHECK(doc.entries[2].id == "t-3");  // "t-2" is taken by the title "t 2"
  CHECK(doc.entries.back().id == "t-2-2");
}

TEST_CASE("pathological text: 80,000 entries titled 't' export to Markdown, HTML and TimelineJS") {
  // Each new entry of a shared title was checked against every earlier one (quadratic), and every
  // [[t]] listed all 80,000 entries to find it ambiguous.
  constexpr int kEntries = 80'000;
  std::vector<uch::Entry> entries(kEntries);
  for (int i = 0; i < kEntries; ++i) {
    entries[i].id = "e" + std::to_string(i);
    entries[i].date = "1917";
    entries[i].title = "t";
    entries[i].body = i % 2 ? "See [[t]]." : "See [[t]] and `code`.";  // plain prose and cmark paths
  }
  const uch::Document doc = with_entries(std::move(entries));

  const std::string md = uch::export_markdown(doc, {});
  CHECK(occurrences(md, "\n### t {#e") == kEntries);
  CHECK(occurrences(md, "See t") == kEntries);  // ambiguous: the label, not a link
  CHECK(occurrences(md, "](#") == 0);

  const std::string html = uch::export_html(doc, {});
  CHECK(occurrences(html, "<article") == kEntries);

  const auto tl = nlohmann::json::parse(uch::export_timelinejs(doc, {}).json);
  CHECK(tl["events"].size() == kEntries);
}

TEST_CASE("pathological text: long runs and deep nesting in a body export, shown as text past 32 levels") {
  struct Case {
    const char* name;
    std::string body;
    const char* shown;  // what the HTML shows of it, escaped
  };
  const std::size_t n = 20'000;
  const std::vector<Case> cases = {
      {"200 KB of *", repeat("*", 200'000), "<hr />"},
      {"nested emphasis", repeat("*a ", n) + "x" + repeat("b*", n), "*a *a *a"},
      {"nested strong", repeat("*", n) + "a" + repeat("*", n), "*****"},
      {"block quotes", repeat(">", n) + " a", "&gt;&gt;&gt;&gt;"},
      {"lists", repeat("- ", n) + "a", "- - - -"},
      {"ordered lists", repeat("1) ", n) + "a", "1) 1) 1)"},
      {"quotes and lists", repeat("> - ", n) + "a", "&gt; - &gt; -"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.name);
    uch::Entry entry;
    entry.id = "e1";
    entry.date = "1917";
    entry.title = "Stars";
    entry.body = c.body;
    entry.otl = c.body;
    const uch::Document doc = with_entries({entry});
    const std::string md = uch::export_markdown(doc, {});
    CHECK(md.find("### Stars {#e1}") != std::string::npos);
    // The export reads back (the importer accepts its own output) and writes the same again.
    const uch::Document back = uch::import_markdown(md);
    REQUIRE(back.entries.size() == 1);
    CHECK(uch::export_markdown(back, {}) == md);
    const std::string html = uch::export_html(doc, {});
    CHECK(html.find(c.shown) != std::string::npos);
    const auto tl = nlohmann::json::parse(uch::export_timelinejs(doc, {}).json);
    CHECK(tl["events"].size() == 1);
  }
}

TEST_CASE("pathological text: a Markdown file nested deeper than 33 levels is refused with its line") {
  const std::string message = import_outcome("# T\n\n## 1917\n\n### A\n\n" + repeat("> ", 10'000) + "deep\n");
  CHECK(message.starts_with("line 7: text nested more than 33 levels deep"));
  // As deep as an export writes is fine.
  CHECK(import_outcome("# T\n\n## 1917\n\n### A\n\n" + repeat("> ", 30) + "deep\n") == "(imported)");
}
