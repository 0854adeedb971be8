// Draft import: plain text and Markdown without required structure (uchronia/draft.hpp), and the
// rule choosing between it and Uchronia's own Markdown (import_text).
#include <algorithm>
#include <doctest/doctest.h>

#include "publish_test_support.hpp"
#include "uchronia/draft.hpp"
#include "uchronia/draft_order.hpp"
#include "uchronia/interchange.hpp"
#include "uchronia/link_suggestions.hpp"

using namespace publish_test;

namespace {

std::string draft_error(std::string_view text) {
  try {
    uch::import_draft(text, "fallback");
  } catch (const uch::ImportError& e) {
    return e.what();
  }
  return "(no error)";
}

const uch::Entry& titled(const uch::Document& doc, std::string_view start) {
  const auto it = std::find_if(doc.entries.begin(), doc.entries.end(), [&](const uch::Entry& e) { return e.title.starts_with(start); });
  REQUIRE(it != doc.entries.end());
  return *it;
}

}  // namespace

TEST_CASE("draft import: the seed text becomes 20 entries, its note and its two date hints") {
  const uch::TextImport in = uch::import_text(read_text(fixture("drafts/seed-alternative-history.txt")), "seed");
  const uch::Document& doc = in.doc;
  REQUIRE(in.draft);
  CHECK(doc.title == "Alternative History");
  REQUIRE(doc.entries.size() == 20);
  CHECK(uch::draft_summary_line(in.summary) == "20 entries (20 undated), 1 note on our timeline, 2 date hints");
  CHECK(doc.entries[0].title == "Communist militant Joseph Stalin is killed during a bank…");
  CHECK(doc.entries[0].id == "communist-militant-joseph-stalin-is-killed");
  CHECK(doc.entries[3].title == "Beginning of the Soviet-Polish War with an attempted…");
  CHECK(doc.entries[4].title == "Russia recognizes the Persian Socialist Soviet Republic");
  CHECK(doc.entries[19].title == "Founding of the Allied Nations Organisation");
  // The Note: paragraph is the otl note of the entry before it, not an entry.
  const uch::Entry& warsaw = titled(doc, "Thanks to the timely arrival");
  CHECK(warsaw.otl == "*here* Stalin refused to obey orders before the crucial engagements of the Battle of Warsaw.");
  CHECK(warsaw.body.find("Note:") == std::string::npos);
  // One blank line continues an entry (the seed separates entries by two or more).
  const uch::Entry& pyatakov = titled(doc, "Pyatakov is named general secretary");
  CHECK(pyatakov.body.find("\n\nThis policy would later be invoked") != std::string::npos);
  CHECK(pyatakov.notes == "Date hint: Early Months");
  const uch::Entry& asu = titled(doc, "Creation of the All-Soviets Union");
  CHECK(asu.notes == "Date hint: later Months");
  CHECK(titled(doc, "Trotsky delivers a speech").notes.empty());  // a hint does not outlive its group
  CHECK(titled(doc, "Death of Lenin").body.find("\n\nAs part of these reforms") != std::string::npos);
  // Draft order is every entry's position.
  for (std::size_t i = 0; i < doc.entries.size(); ++i) {
    CHECK(doc.entries[i].date.empty());
    CHECK(uch::draft_order_of(doc.entries[i]) == static_cast<std::int64_t>(i) + 1);
  }
  // A draft's document is like any other: it survives the interchange round trip, draft order included.
  const uch::Document back = uch::read_interchange_json(uch::write_interchange_json(doc));
  for (const uch::Entry& e : back.entries) {
    CHECK(uch::draft_order_of(e) == uch::draft_order_of(*std::find_if(doc.entries.begin(), doc.entries.end(),
                                                                      [&](const uch::Entry& x) { return x.id == e.id; })));
  }
}

TEST_CASE("draft import: year lines, dates under a year, approximate dates and hints") {
  const uch::TextImport in = uch::import_text(read_text(fixture("drafts/year-lines.txt")), "x");
  const uch::Document& doc = in.doc;
  REQUIRE(in.draft);
  CHECK(doc.title == "The Long Armistice");
  REQUIRE(doc.entries.size() == 6);
  CHECK(doc.entries[0].title == "Archduke Franz Ferdinand’s driver takes the right turn…");  // not "…in"
  CHECK(doc.entries[0].date == "1914-06-28");  // "June 28" under "1914"
  CHECK(doc.entries[1].date == "1914-06-28");
  CHECK(doc.entries[2].date == "1916-21");  // "Spring" under "1916"
  CHECK(doc.entries[2].otl == "the Battle of Verdun began in February 1916 and lasted ten months.");
  CHECK(doc.entries[3].date == "1925~");
  CHECK(doc.entries[3].title == "The Armistice Commission meets for the tenth time in Geneva…");
  CHECK(doc.entries[4].date == "1925~");
  CHECK(doc.entries[5].date == "1925~");
  CHECK(doc.entries[5].notes == "Date hint: Later that decade");
  CHECK(uch::draft_summary_line(in.summary) == "6 entries (0 undated), 1 note on our timeline, 1 date hint");
}

TEST_CASE("draft import: Markdown with bullet lists, CRLF, smart quotes and a BOM") {
  const uch::TextImport in = uch::import_text(read_text(fixture("drafts/bullets-crlf-bom.md")), "x");
  const uch::Document& doc = in.doc;
  REQUIRE(in.draft);  // "## 1848" then a list: not Uchronia's Markdown
  CHECK(doc.title == "The Danube Republic");
  REQUIRE(doc.entries.size() == 5);
  CHECK(doc.entries[0].title == "In March, Vienna rises and the “Danube Committee” takes…");
  CHECK(doc.entries[0].date == "1848");
  CHECK(doc.entries[1].otl == "the revolution was crushed by October 1848, and Ferdinand abdicated in December.");
  CHECK(doc.entries[2].date == "1849-22");
  CHECK(doc.entries[3].date == "1849-22");
  CHECK(doc.entries[3].notes == "Date hint: Later years");
  CHECK(doc.entries[4].title == "Lajos Kossuth is elected president of the Danube Republic…");  // its first clause
  for (const uch::Entry& e : doc.entries) {
    CHECK(e.body.find('\r') == std::string::npos);
    CHECK(e.body.find("\xEF\xBB\xBF") == std::string::npos);
  }
  CHECK(uch::draft_summary_line(in.summary) == "5 entries (0 undated), 1 note on our timeline, 1 date hint");
}

TEST_CASE("import_text: Uchronia's Markdown and year-heading drafts read exactly as before") {
  for (const auto& [name, doc] : all_documents()) {
    CAPTURE(name);
    const std::string md = uch::export_markdown(doc, {});
    const uch::TextImport in = uch::import_text(md, "x");
    CHECK(!in.draft);
    CHECK(in.doc == uch::import_markdown(md));
  }
  const std::string draft = read_text(fixture("publish-draft.md"));
  const uch::TextImport in = uch::import_text(draft, "x");
  CHECK(!in.draft);
  CHECK(in.doc == uch::import_markdown(draft));
  // Uchronia's Markdown (an entry heading "### ") with an error is reported, never read as a draft.
  CHECK_THROWS_AS(uch::import_text("# T\n\n## Not a year\n\n### A\n\nText.\n", "x"), uch::ImportError);
  CHECK_THROWS_AS(uch::import_text("# T\n\n## 1917\n\n### A {#a}\n\n### B {#a}\n", "x"), uch::ImportError);
  // "# Title" and paragraphs only: import_markdown would make no entry; it is a draft.
  const uch::TextImport titled_draft = uch::import_text("# My draft\n\nOne thing happens.\n\nAnother.\n", "x");
  CHECK(titled_draft.draft);
  CHECK(titled_draft.doc.title == "My draft");
  CHECK(titled_draft.doc.entries.size() == 2);
}

TEST_CASE("draft import: titles, joining, labels and notes in small drafts") {
  // No title line standing alone: the fallback title; lower case continues the paragraph before.
  auto in = uch::import_draft("First event. More.\nSame paragraph.\n\nand this continues it.\n\nA second event.", "file stem");
  CHECK(in.doc.title == "file stem");
  REQUIRE(in.doc.entries.size() == 2);
  CHECK(in.doc.entries[0].title == "First event");
  CHECK(in.doc.entries[0].body == "First event. More.\nSame paragraph.\n\nand this continues it.");
  // Abbreviations do not end a sentence; a long sentence is cut at a clause or a word, not on "the".
  in = uch::import_draft("T\n\nc. 300 men died at St. Petersburg. Then more.\n\n"
                         "After a long and dreadful winter of waiting in the trenches around the city of the tsars, the army moves.",
                         "");
  CHECK(in.doc.entries[0].title == "c. 300 men died at St. Petersburg");
  CHECK(in.doc.entries[1].title == "After a long and dreadful winter of waiting in the trenches…");
  // NB: / OTL: / In our timeline: notes; a note before any entry goes to the description.
  in = uch::import_draft("T\n\nNB: about the whole draft.\n\nAn event.\n\nOTL: no.\n\n**In our timeline:** never.", "");
  CHECK(in.doc.description == "about the whole draft.");
  REQUIRE(in.doc.entries.size() == 1);
  CHECK(in.doc.entries[0].otl == "no.\n\nnever.");
  CHECK(in.summary.otl_notes == 1);
  // A date line heading its paragraph; a last short line is an entry, not a label.
  in = uch::import_draft("T\n\n1920\nThe war begins.\n\nThe end", "");
  REQUIRE(in.doc.entries.size() == 2);
  CHECK(in.doc.entries[0].date == "1920");
  CHECK(in.doc.entries[0].body == "The war begins.");
  CHECK(in.doc.entries[1].title == "The end");
  CHECK(in.doc.entries[1].date == "1920");
  // Many entries of one title get distinct ids in linear time.
  std::string same = "T\n\n";
  for (int i = 0; i < 2000; ++i) same += "Same.\n\n";
  in = uch::import_draft(same, "");
  REQUIRE(in.doc.entries.size() == 2000);
  CHECK(in.doc.entries[0].id == "same");
  CHECK(in.doc.entries[1999].id == "same-2000");
}

TEST_CASE("draft import: what is not a draft is refused with its line") {
  CHECK(draft_error("").starts_with("line 1: empty draft"));
  CHECK(draft_error(" \n\r\n\t\n").starts_with("line 1: empty draft"));
  CHECK(draft_error("\xEF\xBB\xBF\n").starts_with("line 1: empty draft"));
  CHECK(draft_error(std::string("Title\n\nabc\0def", 13)).starts_with("line 3: binary data (byte 0x00)"));
  CHECK(draft_error("Title\n\nok\n\xC3\x28 bad\n").starts_with("line 4: invalid UTF-8"));
  CHECK(draft_error(std::string("SQLite format 3\0\x10\0", 18)).starts_with("line 1: binary data (byte 0x00)"));
}

TEST_CASE("draft import: a large draft is read whole") {
  std::string big = "A large draft\n\n";
  for (int i = 0; i < 50000; ++i) {
    if (i % 10 == 0) big += std::to_string(1000 + i / 10) + "\n\n";
    big += "Event number " + std::to_string(i) + " happens in the city of Omsk. It matters.\n\n";
  }
  const uch::TextImport in = uch::import_draft(big, "");
  REQUIRE(in.doc.entries.size() == 50000);
  CHECK(in.doc.entries[49999].date == "5999");
  CHECK(uch::draft_order_of(in.doc.entries[49999]) == 50000);
}

TEST_CASE("link suggestions: unlinked entity names and recurring capitalised names") {
  uch::Document doc;
  doc.title = "T";
  uch::Entity stalin;
  stalin.id = "joseph-stalin";
  stalin.name = "Joseph Stalin";
  stalin.kind = uch::EntityKind::Person;
  stalin.aliases = {"Koba"};
  doc.entities.push_back(stalin);
  const auto add = [&](std::string id, std::string body) {
    uch::Entry e;
    e.id = std::move(id);
    e.title = e.id;
    e.body = std::move(body);
    doc.entries.push_back(std::move(e));
  };
  add("a", "Koba robs a bank. The Communist Party is pleased, and Lenin too.");
  add("b", "Later, [[Joseph Stalin]] leaves. The Communist Party and Lenin disagree; Joseph Stalin is already gone.");
  add("c", "The party meets. Although it rains, Lenin speaks of `Koba` in code.");
  add("d", "Although nobody asks, Trotsky speaks.");
  const auto suggestions = uch::suggest_links(doc);
  std::vector<std::string> lines;
  for (const auto& s : suggestions) lines.push_back(uch::describe(s));
  CAPTURE(lines);
  // Not "Joseph Stalin" in b, which links to him already.
  REQUIRE(suggestions.size() == 3);
  CHECK(lines[0] == "link \"Koba\" (joseph-stalin) in 1 entry (1 time): a");
  // "Communist Party" after "The"; "Lenin" in three entries; not "Although" (sentence starts
  // only), not "Party" alone, not "Trotsky" (one entry), not `Koba` in code.
  CHECK(lines[1] == "link \"Communist Party\" (new organisation communist-party) in 2 entries (2 times): a, b");
  CHECK(lines[2] == "link \"Lenin\" (new other lenin) in 3 entries (3 times): a, b, c");

  const uch::LinkChanges changes = uch::apply_link_suggestions(doc, suggestions);
  REQUIRE(changes.entities.size() == 2);
  CHECK(changes.entities[0].id == "communist-party");
  CHECK(changes.entities[0].kind == uch::EntityKind::Organisation);
  REQUIRE(changes.entries.size() == 3);
  CHECK(changes.entries[0].body == "[[Koba]] robs a bank. The [[Communist Party]] is pleased, and [[Lenin]] too.");
  CHECK(changes.entries[1].body ==
        "Later, [[Joseph Stalin]] leaves. The [[Communist Party]] and [[Lenin]] disagree; Joseph Stalin is already gone.");
  CHECK(changes.entries[2].body == "The party meets. Although it rains, [[Lenin]] speaks of `Koba` in code.");
  CHECK(changes.links == 6);
  // Applied, nothing is left to suggest.
  uch::Document after = doc;
  after.entities.insert(after.entities.end(), changes.entities.begin(), changes.entities.end());
  for (const uch::Entry& e : changes.entries)
    *std::find_if(after.entries.begin(), after.entries.end(), [&](const uch::Entry& x) { return x.id == e.id; }) = e;
  CHECK(uch::suggest_links(after).empty());
}

TEST_CASE("draft import: a paragraph with no words for a title is titled Untitled, never left without one") {
  // found by fuzz_draft_import: an entry with an empty title was made, and refused only by the store
  const uch::TextImport in = uch::import_text("Draft\n\nOne.\n\n**\n\nTwo.\n", "fallback");
  REQUIRE(in.doc.entries.size() == 3);
  std::vector<std::string> titles;
  for (const auto& e : in.doc.entries) titles.push_back(e.title);
  CHECK(std::count(titles.begin(), titles.end(), "Untitled") == 1);
  for (const auto& t : titles) CHECK_FALSE(t.empty());
}
