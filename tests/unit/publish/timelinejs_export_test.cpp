// TimelineJS3 export: the JSON parsed with nlohmann and checked (dates, display_date, text, group, unique_id, skipped entries).
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "publish_test_support.hpp"
#include "uchronia/date.hpp"

using namespace publish_test;
using nlohmann::json;

namespace {

json events_by_id(const json& tl) {
  json out = json::object();
  for (const json& ev : tl["events"]) out[ev["unique_id"].get<std::string>()] = ev;
  return out;
}

std::string twice_escaped(const std::string& s) {
  std::string once;
  for (char c : s) {
    switch (c) {
      case '&': once += "&amp;"; break;
      case '<': once += "&lt;"; break;
      case '>': once += "&gt;"; break;
      case '"': once += "&quot;"; break;
      case '\'': once += "&#39;"; break;
      default: once += c;
    }
  }
  std::string twice;
  for (char c : once) twice += c == '&' ? std::string("&amp;") : std::string(1, c);
  return twice;
}

}  // namespace

TEST_CASE("timelinejs: every dated entry is an event, in export order, with its id, human date and safe HTML") {
  for (const auto& [name, doc] : all_documents()) {
    CAPTURE(name);
    const uch::TimelineJsResult result = uch::export_timelinejs(doc, {});
    CHECK(result.json == uch::export_timelinejs(doc, {}).json);
    const json tl = json::parse(result.json);
    uch::Document sorted = doc;
    uch::sort_for_export(sorted);
    std::vector<const uch::Entry*> dated;
    int undated = 0, invalid = 0;
    for (const uch::Entry& e : sorted.entries) {
      if (e.date.empty()) {
        ++undated;
      } else if (!uch::parse_edtf(e.date, e.calendar).valid) {
        ++invalid;
      } else {
        dated.push_back(&e);
      }
    }
    CHECK(result.skipped_undated == undated);
    CHECK(result.skipped_invalid == invalid);
    CHECK(tl["title"]["text"]["headline"].is_string());
    REQUIRE(tl["events"].size() == dated.size());
    for (std::size_t i = 0; i < dated.size(); ++i) {
      const json& ev = tl["events"][i];
      CAPTURE(dated[i]->id);
      CHECK(ev["unique_id"] == dated[i]->id);
      CHECK(ev["start_date"]["year"].is_number_integer());
      CHECK(ev["display_date"] == twice_escaped(uch::format_human(dated[i]->date, dated[i]->calendar)));
      CHECK(ev["text"]["headline"].get<std::string>().find('<') == std::string::npos);
      if (ev.contains("end_date")) CHECK(ev["end_date"] != ev["start_date"]);
      for (const char* part : {"month", "day"}) {
        if (ev["start_date"].contains(part)) CHECK(ev["start_date"][part].is_number_integer());
      }
    }
  }
}

TEST_CASE("timelinejs: dates as precise as written; BC years counted as TimelineJS counts them") {
  uch::ExportOptions options;
  options.group_tag_prefix = "front:";
  const uch::TimelineJsResult result = uch::export_timelinejs(load("publish-dates.json"), options);
  CHECK(result.skipped_undated == 2);
  CHECK(result.skipped_invalid == 1);
  const json tl = json::parse(result.json);
  CHECK(tl["scale"] == "cosmological");  // Y170000002 does not fit a JavaScript Date
  const json ev = events_by_id(tl);
  CHECK(ev["thermopylae"]["start_date"] == json({{"year", -480}, {"month", 8}}));  // -0479 = 480 BC = TimelineJS -480
  CHECK(ev["thermopylae"]["display_date"] == "August 480 BC");
  CHECK(ev["thermopylae"]["group"] == "Greece");
  CHECK(ev["hellespont-bridge"]["start_date"] == json({{"year", -481}}));
  CHECK(ev["hellespont-bridge"]["group"] == "Persia");
  CHECK(!ev["hellespont-bridge"].contains("end_date"));
  CHECK(ev["one-bc"]["start_date"] == json({{"year", -1}}));
  CHECK(ev["year-five"]["start_date"] == json({{"year", 5}, {"month", 3}, {"day", 1}}));
  CHECK(ev["year-five"]["display_date"] == "1 March AD 5");
  // Old Style: the day is placed on its Gregorian date, the display keeps both.
  CHECK(ev["poltava"]["start_date"] == json({{"year", 1709}, {"month", 7}, {"day", 8}}));
  CHECK(ev["poltava"]["display_date"] == "27 June [8 July] 1709");
  CHECK(ev["old-style-month"]["start_date"] == json({{"year", 1700}, {"month", 2}}));
  CHECK(!ev["old-style-month"].contains("end_date"));
  // Uncertain and approximate: year precision, the display says so.
  CHECK(ev["approximate-year"]["start_date"] == json({{"year", 1920}}));
  CHECK(ev["approximate-year"]["display_date"] == "c. 1920");
  CHECK(ev["uncertain-year"]["display_date"] == "1920?");
  // Seasons and decades span their months and years.
  CHECK(ev["spring-1920"]["start_date"] == json({{"year", 1920}, {"month", 3}}));
  CHECK(ev["spring-1920"]["end_date"] == json({{"year", 1920}, {"month", 5}}));
  CHECK(ev["spring-1920"]["display_date"] == "spring 1920");
  CHECK(ev["winter-1920"]["end_date"] == json({{"year", 1921}, {"month", 2}}));
  CHECK(ev["roaring-decade"]["start_date"] == json({{"year", 1920}}));
  CHECK(ev["roaring-decade"]["end_date"] == json({{"year", 1929}}));
  // Intervals, open ends, times of day.
  CHECK(ev["great-war"]["start_date"] == json({{"year", 1914}, {"month", 7}, {"day", 28}}));
  CHECK(ev["great-war"]["end_date"] == json({{"year", 1918}, {"month", 11}, {"day", 11}}));
  CHECK(!ev["open-end"].contains("end_date"));
  CHECK(ev["open-end"]["display_date"] == "from 12 April 1985");
  CHECK(ev["open-start"]["start_date"] == json({{"year", 1900}}));
  CHECK(ev["open-start"]["display_date"] == "until 1900");
  CHECK(ev["with-time"]["start_date"] ==
        json({{"year", 1969}, {"month", 7}, {"day", 20}, {"hour", 20}, {"minute", 17}, {"second", 0}}));
  CHECK(!ev["with-time"].contains("end_date"));
  CHECK(ev["far-future"]["start_date"] == json({{"year", 170000002}}));
  // Undated and invalid entries are left out.
  CHECK(!ev.contains("draft-idea"));
  CHECK(!ev.contains("broken-date"));
  // Text: [[links]] as their label; the otl note as its own block.
  CHECK(ev["hellespont-bridge"]["text"]["text"] == "<p>The Great King bridges the Hellespont.</p>");
  CHECK(ev["thermopylae"]["text"]["text"].get<std::string>().find(
            "<blockquote>\n<p><strong>In our timeline:</strong> The Persians won at Thermopylae in 480 BC and burned "
            "Athens.</p>\n</blockquote>") != std::string::npos);
  CHECK(tl["title"]["text"]["headline"] == "Date shapes for publication");
  CHECK(tl["title"]["text"]["text"].get<std::string>().starts_with("<p>Every kind of date"));

  // Without the far-future entry the scale stays human; grouping by linked entity.
  uch::Document doc = load("publish-dates.json");
  std::erase_if(doc.entries, [](const uch::Entry& e) { return e.id == "far-future"; });
  options = {};
  options.group_entity_kind = "person";
  const json human = json::parse(uch::export_timelinejs(doc, options).json);
  CHECK(!human.contains("scale"));
  const json ev2 = events_by_id(human);
  CHECK(ev2["hellespont-bridge"]["group"] == "Xerxes I");
  CHECK(ev2["poltava"]["group"] == "Peter the Great");
  CHECK(!ev2["spring-1920"].contains("group"));
}

TEST_CASE("timelinejs: the sample") {
  const uch::TimelineJsResult result = uch::export_timelinejs(sample(), {});
  const json tl = json::parse(result.json);
  CHECK(tl["title"]["text"]["headline"] == "Alternative History");
  const json ev = events_by_id(tl);
  CHECK(ev["stalin-killed"]["start_date"] == json({{"year", 1907}, {"month", 6}, {"day", 26}}));
  CHECK(ev["bolshevik-uprising"]["start_date"] == json({{"year", 1917}, {"month", 11}, {"day", 7}}));
  CHECK(ev["bolshevik-uprising"]["display_date"] == "25 October [7 November] 1917");
  CHECK(ev["stalin-killed"]["text"]["text"].get<std::string>().starts_with("<p>Communist militant Joseph Stalin is killed"));
}
