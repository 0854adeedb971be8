// Markdown export: structure (parsed back with cmark-gfm), dates, links and index, grouping, determinism.
#include <doctest/doctest.h>

#include <algorithm>
#include <map>
#include <set>

#include "publish_test_support.hpp"
#include "uchronia/date.hpp"

using namespace publish_test;

namespace {

/// The year heading an entry belongs under, computed from the date API (not from publish code).
std::string expected_label(const uch::Entry& e, uch::GroupBy by) {
  if (e.date.empty()) return "Undated";
  const uch::DateInfo info = uch::parse_edtf(e.date, e.calendar);
  if (!info.valid || (info.lower_unbounded && info.upper_unbounded)) return "Undated";
  if (by == uch::GroupBy::None) return "";
  const auto label = [&](std::int64_t y) -> std::string {
    if (by == uch::GroupBy::Decade) {
      if (y >= 1000) return std::to_string(y / 10 * 10) + "s";
      if (y >= 1) return "AD " + std::to_string(y / 10 * 10) + "s";
      return std::to_string((1 - y) / 10 * 10) + "s BC";
    }
    if (y >= 1000) return std::to_string(y);
    if (y >= 1) return "AD " + std::to_string(y);
    return std::to_string(1 - y) + " BC";
  };
  if (info.lower_unbounded) return "Until " + std::to_string(uch::civil_from_days(info.upper).year);
  return label(uch::civil_from_days(info.lower).year);
}

struct Outline {
  std::string title;
  std::vector<std::string> sections;           // level-2 headings
  std::vector<std::string> entry_lines;        // source lines of level-3 entry headings
  std::vector<std::string> entry_sections;     // the section each entry heading is under
};

Outline outline(const std::string& md) {
  std::vector<std::string> lines;
  std::stringstream ss(md);
  for (std::string l; std::getline(ss, l);) lines.push_back(l);
  Outline o;
  Tree tree(md);
  std::string section;
  bool in_index = false;
  for (cmark_node* n : tree.top()) {
    if (is_heading(n, 1)) o.title = text_of(n);
    if (is_heading(n, 2)) {
      section = text_of(n);
      in_index = section == "Index";
      o.sections.push_back(section);
    }
    if (is_heading(n, 3) && !in_index) {
      o.entry_lines.push_back(lines.at(cmark_node_get_start_line(n) - 1));
      o.entry_sections.push_back(section);
    }
  }
  return o;
}

std::string id_of_heading_line(const std::string& line) {
  const std::size_t open = line.rfind("{#");
  REQUIRE(open != std::string::npos);
  REQUIRE(line.back() == '}');
  return line.substr(open + 2, line.size() - open - 3);
}

}  // namespace

TEST_CASE("markdown: a heading per year, an entry heading per entry, in export order, on every document") {
  for (const auto& [name, doc] : all_documents()) {
    for (uch::GroupBy by : {uch::GroupBy::Year, uch::GroupBy::Decade, uch::GroupBy::None}) {
      CAPTURE(name);
      CAPTURE(static_cast<int>(by));
      uch::ExportOptions options;
      options.group_by = by;
      const std::string md = uch::export_markdown(doc, options);
      CHECK(md == uch::export_markdown(doc, options));  // deterministic
      CHECK(raw_html_nodes(md).empty());

      uch::Document sorted = doc;
      uch::sort_for_export(sorted);
      const Outline o = outline(md);
      CHECK(o.title == doc.title);
      REQUIRE(o.entry_lines.size() == sorted.entries.size());
      std::vector<std::string> expected_sections;
      for (std::size_t i = 0; i < sorted.entries.size(); ++i) {
        const uch::Entry& e = sorted.entries[i];
        CHECK(id_of_heading_line(o.entry_lines[i]) == e.id);
        const std::string label = expected_label(e, by);
        if (!label.empty() && (expected_sections.empty() || expected_sections.back() != label)) {
          expected_sections.push_back(label);
        }
        if (!label.empty()) CHECK(o.entry_sections[i] == label);
      }
      std::vector<std::string> sections = o.sections;
      if (!sections.empty() && sections.back() == "Index") sections.pop_back();
      CHECK(sections == expected_sections);
      // Every year heading is distinct (no year is split in two).
      CHECK(std::set<std::string>(sections.begin(), sections.end()).size() == sections.size());
    }
  }
}

TEST_CASE("markdown: BC, uncertain, seasonal, Old Style and undated dates keep their human form and EDTF") {
  const std::string md = uch::export_markdown(load("publish-dates.json"), {});
  const Outline o = outline(md);
  const std::vector<std::string> expected = {"Until 1900", "550 BC", "481 BC", "480 BC", "1 BC",      "AD 5",
                                             "1700",       "1709",   "1914",   "1920",   "1969",      "1985",
                                             "170000002",  "Undated", "Index"};
  CHECK(o.sections == expected);
  for (const char* line : {
           "### Thermopylae holds {#thermopylae}\n\n*August 480 BC* · `-0479-08`\n",
           "*c. 550 BC* · `-0549~`",
           "*1 BC* · `0000`",
           "*27 June \\[8 July\\] 1709* · `1709-06-27` · Old Style",
           "*February 1700 (Old Style)* · `1700-02` · Old Style",
           "*c. 1920* · `1920~`",
           "*1920?* · `1920?`",
           "*spring 1920* · `1920-21`",
           "*winter 1920–21* · `1920-24`",
           "*the 1920s* · `192X`",
           "*until 1900* · `../1900`",
           "*from 12 April 1985* · `1985-04-12/..`",
           "*1985-02-30* · `1985-02-30`",  // an invalid date is kept as written, under Undated
           "**Tags:** `front:Greece`, `divergence`\n\n> **In our timeline:** The Persians won at Thermopylae in "
           "480 BC and burned [Athens](#athens).\n",
           "### An undated idea {#draft-idea}\n\nNot placed yet.\n",
       }) {
    CAPTURE(line);
    CHECK(md.find(line) != std::string::npos);
  }
  // The undated section comes after every dated entry, and its entries have no date line.
  const std::size_t undated = md.find("\n## Undated\n");
  REQUIRE(undated != std::string::npos);
  CHECK(md.find("### Far future", undated) == std::string::npos);
}

TEST_CASE("markdown: [[links]] become their label, linked to the index of people, organisations and places") {
  const uch::Document doc = load("publish-dates.json");
  const std::string md = uch::export_markdown(doc, {});
  CHECK(md.find("[[") == std::string::npos);
  CHECK(md.find("[The Great King](#xerxes) bridges the Hellespont.") != std::string::npos);
  CHECK(md.find("See [Xerxes I](#xerxes) and [Hellespont bridge](#hellespont-bridge).") != std::string::npos);
  const std::size_t index = md.find("\n## Index\n");
  REQUIRE(index != std::string::npos);
  const std::string tail = md.substr(index);
  CHECK(tail.find("### People\n\n#### Peter the Great {#peter-the-great}\n\n"
                  "*30 May \\[9 June\\] 1672 – 28 January \\[8 February\\] 1725* · `1672-05-30` – `1725-01-28` · "
                  "Old Style\n\nMentioned in: [Poltava](#poltava).") != std::string::npos);
  CHECK(tail.find("#### Xerxes I {#xerxes}\n\n*518 BC – 465 BC* · `-0517` – `-0464`\n\n"
                  "Mentioned in: [Hellespont bridge](#hellespont-bridge), [Thermopylae holds](#thermopylae).") !=
        std::string::npos);
  CHECK(tail.find("### Organisations\n\n#### Peloponnesian League {#sparta-league}\n\n*from c. 550 BC*") !=
        std::string::npos);
  CHECK(tail.find("### Places\n\n#### Athens {#athens}\n\nMentioned in: [Thermopylae holds](#thermopylae).") !=
        std::string::npos);
  CHECK(tail.find("### Other\n\n#### The weather {#weather}") != std::string::npos);

  // Every in-document link points at a heading that carries that id.
  std::set<std::string> ids;
  std::stringstream ss(md);
  for (std::string l; std::getline(ss, l);) {
    if (l.starts_with("#") && l.ends_with("}") && l.rfind("{#") != std::string::npos) ids.insert(id_of_heading_line(l));
  }
  for (const std::string& url : urls(md)) {
    if (url.starts_with("#")) CHECK(ids.count(url.substr(1)));
  }
}

TEST_CASE("markdown: the sample has its entities indexed with lifespans and mentions") {
  const std::string md = uch::export_markdown(sample(), {});
  CHECK(md.find("# Alternative History\n") == 0);
  CHECK(md.find("[Joseph Stalin](#joseph-stalin)") != std::string::npos);
  CHECK(md.find("#### Joseph Stalin {#joseph-stalin}\n\n*18 December 1878 – 26 June 1907*") != std::string::npos);
  CHECK(md.find("*25 October \\[7 November\\] 1917* · `1917-10-25` · Old Style") != std::string::npos);
  CHECK(md.find("> **In our timeline:**") != std::string::npos);
}

TEST_CASE("markdown: --no-otl leaves the In our timeline notes out; --tags and --from/--to filter entries") {
  const uch::Document doc = load("publish-dates.json");
  uch::ExportOptions options;
  options.include_otl = false;
  CHECK(uch::export_markdown(doc, options).find("In our timeline") == std::string::npos);

  options = {};
  options.tags = {"WAR"};
  const Outline war = outline(uch::export_markdown(doc, options));
  REQUIRE(war.entry_lines.size() == 2);
  CHECK(id_of_heading_line(war.entry_lines[0]) == "poltava");
  CHECK(id_of_heading_line(war.entry_lines[1]) == "spring-1920");

  options = {};
  options.from = "1920";
  options.to = "1921";
  std::vector<std::string> ids;
  for (const std::string& l : outline(uch::export_markdown(doc, options)).entry_lines) ids.push_back(id_of_heading_line(l));
  // 1920-24 (winter 1920-21) overlaps; 1914/1918 is certainly before; undated entries cannot be placed.
  CHECK(ids == std::vector<std::string>{"approximate-year", "uncertain-year", "roaring-decade", "spring-1920",
                                        "winter-1920"});
}

TEST_CASE("markdown: filter_for_export keeps entities, drops relations to dropped entries, refuses a bad bound") {
  uch::Document doc = load("publish-dates.json");
  doc.relations.push_back({"thermopylae", uch::RelationType::After, "hellespont-bridge", ""});
  doc.relations.push_back({"poltava", uch::RelationType::After, "thermopylae", ""});
  uch::ExportOptions options;
  options.tags = {"front:Greece", "front:Persia"};
  const uch::Document kept = uch::filter_for_export(doc, options);
  CHECK(kept.entries.size() == 3);
  CHECK(kept.entities.size() == doc.entities.size());
  REQUIRE(kept.relations.size() == 1);
  CHECK(kept.relations[0].from == "thermopylae");
  options = {};
  options.from = "1920-13";
  CHECK_THROWS_AS(uch::filter_for_export(doc, options), uch::Error);
}
