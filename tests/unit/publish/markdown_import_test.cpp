// Markdown import: own export read back (byte-identical round trip), plain drafts, errors with line numbers.
#include <doctest/doctest.h>

#include <cstdlib>
#include <fstream>
#include <random>
#include <set>

#include "publish_test_support.hpp"
#include "uchronia/links.hpp"

using namespace publish_test;

namespace {

std::vector<uch::ExportOptions> option_sets() {
  std::vector<uch::ExportOptions> sets(1);
  sets.emplace_back().group_by = uch::GroupBy::Decade;
  sets.emplace_back().group_by = uch::GroupBy::None;
  sets.emplace_back().include_otl = false;
  sets.emplace_back().allow_html = true;
  sets.emplace_back().tags = {"war", "divergence"};
  return sets;
}

std::string import_error(std::string_view text) {
  try {
    uch::import_markdown(text);
  } catch (const uch::ImportError& e) {
    return e.what();
  }
  return "(no error)";
}

}  // namespace

TEST_CASE("markdown import: export -> import -> export is byte-identical (sample and fixtures, every grouping)") {
  for (const auto& [name, doc] : all_documents()) {
    for (const uch::ExportOptions& options : option_sets()) {
      CAPTURE(name);
      CAPTURE(static_cast<int>(options.group_by));
      CAPTURE(options.allow_html);
      const std::string first = uch::export_markdown(doc, options);
      const uch::Document back = uch::import_markdown(first);
      uch::ExportOptions again = options;
      again.tags.clear();  // already applied
      const std::string second = uch::export_markdown(back, again);
      CHECK(second == first);
    }
  }
}

TEST_CASE("markdown import: ids, titles, dates, calendars, tags and otl come back as they were") {
  for (const auto& [name, doc] : all_documents()) {
    CAPTURE(name);
    const uch::Document back = uch::import_markdown(uch::export_markdown(doc, {}));
    uch::Document sorted = doc;
    uch::sort_for_export(sorted);
    CHECK(back.title == doc.title);
    REQUIRE(back.entries.size() == sorted.entries.size());
    for (std::size_t i = 0; i < sorted.entries.size(); ++i) {
      const uch::Entry& a = sorted.entries[i];
      const uch::Entry& b = back.entries[i];
      CAPTURE(a.id);
      CHECK(b.id == a.id);
      CHECK(b.title == a.title);
      CHECK(b.date == a.date);
      CHECK(b.calendar == a.calendar);
      CHECK(b.tags == a.tags);
      CHECK(b.otl.empty() == a.otl.empty());
      CHECK(b.body.empty() == a.body.empty());
    }
    // Entities linked from the export come back from the index, with their dates.
    for (const uch::Entity& e : back.entities) {
      const auto it = std::find_if(doc.entities.begin(), doc.entities.end(), [&](const uch::Entity& x) { return x.id == e.id; });
      REQUIRE(it != doc.entities.end());
      CHECK(e.name == it->name);
      CHECK(e.kind == it->kind);
      CHECK(e.start == it->start);
      CHECK(e.end == it->end);
      CHECK(e.calendar == it->calendar);
    }
  }
}

TEST_CASE("markdown import: links come back as [[links]] and keep resolving to the same item") {
  const uch::Document back = uch::import_markdown(uch::export_markdown(load("publish-dates.json"), {}));
  const auto entry = [&](const std::string& id) {
    return *std::find_if(back.entries.begin(), back.entries.end(), [&](const uch::Entry& e) { return e.id == id; });
  };
  CHECK(entry("hellespont-bridge").body == "[[xerxes|The Great King]] bridges the Hellespont.");
  CHECK(entry("thermopylae").body == "The Greeks under Leonidas hold the pass against [[Xerxes]]; [[Athens]] is spared.");
  CHECK(entry("poltava").body == "[[Peter the Great]] wins at Poltava.");
  CHECK(back.description.find("[[Hellespont bridge]]") != std::string::npos);
  const uch::LinkResolver resolver(back);
  for (const uch::Entry& e : back.entries) {
    for (const uch::Link& link : uch::parse_links(e.body)) CHECK(resolver.resolve(link.target).size() == 1);
  }
}

TEST_CASE("markdown import: a plain draft with year headings, one paragraph per entry") {
  const uch::Document doc = uch::import_markdown(read_text(fixture("publish-draft.md")));
  CHECK(doc.title == "Alternative History");
  CHECK(doc.description.starts_with("A plain draft in the shape of the seed text"));
  REQUIRE(doc.entries.size() == 25);
  std::set<std::string> ids;
  for (const uch::Entry& e : doc.entries) {
    CAPTURE(e.title);
    CHECK(uch::is_valid_id(e.id));
    CHECK(ids.insert(e.id).second);
    CHECK(!e.title.empty());
    CHECK(e.title.size() <= 64 + 3);
    CHECK(!e.body.empty());
  }
  const uch::Entry& bc = doc.entries[0];
  CHECK(bc.date == "-0479");
  CHECK(bc.title == "The Persians are held at Thermopylae");
  CHECK(bc.body == "The Persians are held at Thermopylae. Xerxes turns back.");
  const uch::Entry& stalin = doc.entries[1];
  CHECK(stalin.date == "1907");
  CHECK(stalin.id == "communist-militant-joseph-stalin-is-killed");
  CHECK(stalin.title == "Communist militant Joseph Stalin is killed during a bank…");
  // "Note:" paragraphs are the previous entry's otl.
  const uch::Entry& warsaw = doc.entries[6];
  CHECK(warsaw.title.starts_with("Thanks to the timely arrival"));
  CHECK(warsaw.otl == "*here* Stalin refused to obey orders before the crucial engagements of the Battle of Warsaw.");
  // "### Early Months": a titled entry whose body is the paragraphs under it.
  const uch::Entry& early = doc.entries[8];
  CHECK(early.title == "Early Months");
  CHECK(early.date == "1922");
  CHECK(early.body.find("\n\nThis policy would later be invoked") != std::string::npos);
  // Decade, approximate and undated headings; [[links]] in a draft are kept.
  const auto by_title = [&](std::string_view start) {
    return *std::find_if(doc.entries.begin(), doc.entries.end(), [&](const uch::Entry& e) { return e.title.starts_with(start); });
  };
  CHECK(by_title("Second famine").date == "193X");
  CHECK(by_title("The Comintern openly").date == "1936~");
  CHECK(by_title("An idea for").date.empty());
  CHECK(by_title("An idea for").title == "An idea for Joseph Stalin's brother");
  CHECK(by_title("An idea for").body == "An idea for [[Joseph Stalin]]'s brother. Not placed yet.");

  // The draft then goes through the normal round trip.
  const std::string md = uch::export_markdown(doc, {});
  CHECK(uch::export_markdown(uch::import_markdown(md), {}) == md);
}

TEST_CASE("markdown import: titles and ids of draft entries") {
  const uch::Document doc = uch::import_markdown(
      "# T\n\n## 1920\n\nSame start. One.\n\nSame start. Two.\n\nc. 300 men died at St. Petersburg. Then more.\n\n"
      "Мир без войны.\n\n## AD 14\n\nAugustus dies!\n\n## 480s BC\n\nA decade BC.\n\n## Until 1985\n\nOpen.\n");
  REQUIRE(doc.entries.size() == 7);
  CHECK(doc.entries[0].id == "same-start");
  CHECK(doc.entries[1].id == "same-start-2");
  CHECK(doc.entries[2].title == "c. 300 men died at St. Petersburg");
  CHECK(doc.entries[3].title == "Мир без войны");
  CHECK(doc.entries[3].id == "entry");
  CHECK(doc.entries[4].date == "0014");
  CHECK(doc.entries[4].title == "Augustus dies!");
  CHECK(doc.entries[5].date == "-0488/-0479");
  CHECK(doc.entries[6].date == "../1985");
}

TEST_CASE("markdown import: errors name the line") {
  CHECK(import_error("").starts_with("line 1: "));
  CHECK(import_error("Just text\n").starts_with("line 1: expected the title heading"));
  CHECK(import_error("# T\n\n## Not a year\n").starts_with("line 3: '## Not a year' is not a year heading"));
  CHECK(import_error("# T\n# U\n").starts_with("line 2: a second title heading"));
  CHECK(import_error("# T\n\n## 1917\n\n### A {#a}\n\n### B {#a}\n").starts_with("line 7: duplicate id 'a'"));
  CHECK(import_error("# T\n\n## Index\n\n### Villains\n").starts_with("line 5: "));
  CHECK(import_error("# T\n\n## Index\n\n### People\n\n#### Nobody\n").starts_with("line 7: "));
  CHECK(import_error("# T\n\nok\n\xC3\x28 bad\n").starts_with("line 4: invalid UTF-8"));
  CHECK(import_error(std::string("# T\nab\0c\n", 9)).starts_with("line 2: NUL byte"));
  CHECK(import_error("# T\n\n## 1917\n\n- a list before any entry\n").starts_with("line 5: "));
  // an empty entry heading made an entry with no title, refused only later by the store (fuzzer)
  CHECK(import_error("# T\n\n## 1917\n\n###\n\nbody\n").starts_with("line 5: an entry heading with no title"));
  CHECK(import_error("# T\n\n### \n").starts_with("line 3: an entry heading with no title"));
}

TEST_CASE("markdown import: arbitrary input is either refused with ImportError or round-trips") {
  // A cheap in-test fuzzer: Markdown-ish soup. Anything accepted must export stably.
  const std::vector<std::string> pieces = {
      "# T\n", "## 1917\n", "## 480 BC\n", "## Undated\n", "## Index\n", "### People\n", "### E {#e}\n",
      "#### X {#x}\n", "*1917* · `1917`\n", "**Tags:** `a`, `b`\n", "> **In our timeline:** q\n", "> \n",
      "- item\n", "* item\n", "1. one\n", "2) two\n", "    code\n", "```\nfence\n", "```\n", "<div>\n",
      "<script>x</script>", "[[E]]", "[[x|<b>]]", "[l](#e)", "[j](javascript:x)", "![i](http://x/i.png)",
      "text ", "Note: n\n", "\n", "\n\n", "&amp;", "\\", "`", "*", "_", "[", "]", "{#", "}", "|", "---\n",
      "===\n", "  ", "\t", "Mentioned in: [E](#e).\n", "*born 1900* · `1900` –\n"};
  std::mt19937 rng(std::getenv("UCHRONIA_FUZZ_SEED") ? std::atoi(std::getenv("UCHRONIA_FUZZ_SEED")) : 20240601);
  int accepted = 0;
  const int rounds = std::getenv("UCHRONIA_FUZZ_ROUNDS") ? std::atoi(std::getenv("UCHRONIA_FUZZ_ROUNDS")) : 1500;
  for (int round = 0; round < rounds; ++round) {
    std::string text = "# Soup\n\n";
    const int n = 1 + static_cast<int>(rng() % 40);
    for (int i = 0; i < n; ++i) text += pieces[rng() % pieces.size()];
    uch::Document doc;
    try {
      doc = uch::import_markdown(text);
    } catch (const uch::ImportError&) {
      continue;
    }
    ++accepted;
    const std::string first = uch::export_markdown(doc, {});
    CAPTURE(text);
    CAPTURE(first);
    CHECK(raw_html_nodes(first).empty());
    const std::string second = uch::export_markdown(uch::import_markdown(first), {});
    CHECK(second == first);
    if (second != first && std::getenv("UCHRONIA_FUZZ_DUMP")) {
      std::ofstream(std::string(std::getenv("UCHRONIA_FUZZ_DUMP")) + "/fail" + std::to_string(round) + ".md") << text;
    }
  }
  CHECK(accepted > 100);
}
