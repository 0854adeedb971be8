// Unit tests: the streaming interchange JSON writer (structure, escaping, U+FFFD, extra fields).
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>
#include <string>

#include "uchronia/generate.hpp"
#include "uchronia/interchange.hpp"

namespace {

using json = nlohmann::json;

/// The document as the JSON value the spec says the export is (sorted, empty fields omitted).
json expected_value(const uch::Document& input) {
  uch::Document doc = input;
  uch::sort_for_export(doc);
  json out = {{"format", "uchronia-timeline"}, {"version", 1}};
  if (!doc.title.empty()) out["title"] = doc.title;
  if (!doc.description.empty()) out["description"] = doc.description;
  const auto acks = [](json& o, const std::vector<uch::Acknowledgement>& list) {
    if (list.empty()) return;
    json a = json::array();
    for (const auto& ack : list) {
      json item = {{"rule", ack.rule}};
      if (!ack.reason.empty()) item["reason"] = ack.reason;
      a.push_back(item);
    }
    o["acknowledged"] = a;
  };
  out["entities"] = json::array();
  for (const auto& e : doc.entities) {
    json o = {{"id", e.id}, {"name", e.name}, {"kind", uch::to_string(e.kind)}};
    if (!e.aliases.empty()) o["aliases"] = e.aliases;
    if (!e.start.empty()) o["start"] = e.start;
    if (!e.end.empty()) o["end"] = e.end;
    if (e.calendar == uch::Calendar::Julian) o["calendar"] = "julian";
    if (!e.notes.empty()) o["notes"] = e.notes;
    acks(o, e.acknowledged);
    out["entities"].push_back(o);
  }
  out["entries"] = json::array();
  for (const auto& e : doc.entries) {
    json o = {{"id", e.id}, {"title", e.title}};
    if (!e.date.empty()) o["date"] = e.date;
    if (!e.body.empty()) o["body"] = e.body;
    if (!e.tags.empty()) o["tags"] = e.tags;
    if (!e.otl.empty()) o["otl"] = e.otl;
    if (!e.notes.empty()) o["notes"] = e.notes;
    if (e.calendar == uch::Calendar::Julian) o["calendar"] = "julian";
    if (e.series) o["series"] = {{"name", e.series->name}, {"number", e.series->number}};
    acks(o, e.acknowledged);
    out["entries"].push_back(o);
  }
  out["relations"] = json::array();
  for (const auto& r : doc.relations) {
    out["relations"].push_back({{"from", r.from}, {"type", uch::to_string(r.type)}, {"to", r.to}});
  }
  return out;
}

std::string title_of(const std::string& text) {
  uch::Document doc;
  uch::Entry e;
  e.id = "e1";
  e.title = text;
  doc.entries.push_back(e);
  const std::string out = uch::write_interchange_json(doc);
  const std::string marker = "\"title\": ";
  const auto from = out.find(marker) + marker.size();
  return out.substr(from, out.find('\n', from) - from);
}

}  // namespace

TEST_CASE("streaming writer: a generated document re-parses to the same value") {
  uch::GenerateOptions options;
  options.entries = 300;
  options.entities = 40;
  options.seed = 7;
  const uch::Document doc = uch::generate_timeline(options);
  const std::string out = uch::write_interchange_json(doc);
  REQUIRE(!out.empty());
  CHECK(out.back() == '\n');
  CHECK(json::parse(out) == expected_value(doc));
  CHECK(uch::read_interchange_json(out) == [&] {
    uch::Document sorted = doc;
    uch::sort_for_export(sorted);
    return sorted;
  }());
  CHECK(uch::write_interchange_json(doc) == out);
}

TEST_CASE("streaming writer: escaping of every control character, quotes, backslashes, U+2028") {
  static const char* const kShort[] = {"\\u0000", "\\u0001", "\\u0002", "\\u0003", "\\u0004", "\\u0005",
                                       "\\u0006", "\\u0007", "\\b",     "\\t",     "\\n",     "\\u000b",
                                       "\\f",     "\\r",     "\\u000e", "\\u000f", "\\u0010", "\\u0011",
                                       "\\u0012", "\\u0013", "\\u0014", "\\u0015", "\\u0016", "\\u0017",
                                       "\\u0018", "\\u0019", "\\u001a", "\\u001b", "\\u001c", "\\u001d",
                                       "\\u001e", "\\u001f"};
  for (int c = 0; c < 0x20; ++c) {
    CAPTURE(c);
    const std::string text = std::string("a") + static_cast<char>(c) + "b";
    CHECK(title_of(text) == std::string("\"a") + kShort[c] + "b\"");
    CHECK(json::parse(title_of(text)).get<std::string>() == text);
  }
  CHECK(title_of("say \"hi\"") == R"("say \"hi\"")");
  CHECK(title_of("C:\\path\\") == R"("C:\\path\\")");
  CHECK(title_of("\x7f") == "\"\x7f\"");                                    // DEL is not escaped
  CHECK(title_of("a\xE2\x80\xA8z\xE2\x80\xA9") == "\"a\xE2\x80\xA8z\xE2\x80\xA9\"");  // U+2028/9 as UTF-8
  CHECK(title_of("caf\xC3\xA9 \xF0\x9F\x98\x80 / <>&'") == "\"caf\xC3\xA9 \xF0\x9F\x98\x80 / <>&'\"");
}

TEST_CASE("streaming writer: bytes that are not UTF-8 become U+FFFD, one per maximal invalid prefix") {
  const std::string r = "\xEF\xBF\xBD";
  CHECK(title_of("a\xFF" "b") == "\"a" + r + "b\"");
  CHECK(title_of("\x80\x80") == "\"" + r + r + "\"");
  CHECK(title_of("\xC0\xAF") == "\"" + r + r + "\"");                  // overlong
  CHECK(title_of("\xE2\x82" "A") == "\"" + r + "A\"");                 // truncated, next byte kept
  CHECK(title_of("\xED\xA0\x80") == "\"" + r + r + r + "\"");          // surrogate
  CHECK(title_of("\xF4\x90\x80\x80") == "\"" + r + r + r + r + "\""); // above U+10FFFF
  CHECK(title_of("\xF0\x9F\x98") == "\"" + r + "\"");                  // truncated at the end
  CHECK(title_of("\xC3\"") == "\"" + r + "\\\"\"");                    // invalid, then an escape
  CHECK(title_of(std::string("\xC3\0", 2)) == "\"" + r + "\\u0000\"");
  const std::string hostile = "x\xE0\x80\xAF\xF8\xC3";
  CHECK(json::parse(title_of(hostile)).get<std::string>() == "x" + r + r + r + r + r);
}

TEST_CASE("streaming writer: odd extra fields are merged after the known ones, sorted, collisions skipped") {
  uch::Document doc;
  doc.extra = R"({"zz":[1,2.5,{"b":null,"a":[]}],"entries":5,"aa":{},"t":"x\u2028\u0001\"","n":-0.0,"big":1e300})";
  uch::Entry e;
  e.id = "e1";
  e.title = "T";
  e.extra = R"({"body":"kept: body is empty","title":"skipped","Z":{"k":[true,false,"\u00e9"]},"id":"skipped"})";
  doc.entries.push_back(e);
  uch::Relation rel{"e1", uch::RelationType::Before, "e1", R"({"to":"skipped","w":"\u001f\\"})"};
  doc.relations.push_back(rel);
  const std::string out = uch::write_interchange_json(doc);
  const json v = json::parse(out);
  CHECK(v["entries"][0]["title"] == "T");
  CHECK(v["entries"][0]["id"] == "e1");
  CHECK(v["entries"][0]["body"] == "kept: body is empty");
  CHECK(v["entries"][0]["Z"] == json::parse(R"({"k":[true,false,"\u00e9"]})"));
  CHECK(v["entries"].is_array());
  CHECK(v["relations"][0]["to"] == "e1");
  CHECK(v["relations"][0]["w"] == "\x1f\\");
  CHECK(v["t"] == "x\xE2\x80\xA8\x01\"");
  CHECK(v["zz"] == json::parse(R"([1,2.5,{"a":[],"b":null}])"));
  // Order: known fields first, then the extra ones by key; nested values indented in place.
  const auto pos = [&](const char* s) { return out.find(s); };
  CHECK(pos("\"relations\": [") < pos("\n  \"aa\": {}"));
  CHECK(pos("\n  \"aa\": {}") < pos("\n  \"big\": 1e+300"));
  CHECK(pos("\n  \"big\"") < pos("\n  \"n\": -0.0"));
  CHECK(pos("\n  \"n\"") < pos("\n  \"t\": \"x\xE2\x80\xA8\\u0001\\\"\""));
  CHECK(pos("\n  \"zz\": [\n    1,\n    2.5,\n    {\n      \"a\": [],\n      \"b\": null\n    }\n  ]\n}\n") !=
        std::string::npos);
  CHECK(pos("\"Z\": {\n        \"k\": [\n          true,") != std::string::npos);
  CHECK(pos("\"entries\": 5") == std::string::npos);

  uch::Document bad;
  bad.extra = "[1]";
  CHECK_THROWS_AS(uch::write_interchange_json(bad), uch::Error);
}

TEST_CASE("streaming writer: escaping is right wherever a special byte falls in a long string") {
  // The writer looks at plain ASCII eight bytes at a time: put each kind of byte that needs a
  // look at every offset of strings around that width, and compare with nlohmann's escaping.
  const std::string specials[] = {"\x01", "\x1f", "\"", "\\", "\n", "\x7f", "\xC3\xA9", "\xE2\x80\xA8",
                                  "\xF0\x9F\x98\x80", "\xFF", "\xC3", "~", " "};
  for (const std::string& special : specials) {
    for (std::size_t length = 0; length <= 24; ++length) {
      for (std::size_t at = 0; at <= length; ++at) {
        std::string text(length, 'a');
        text.insert(at, special);
        CAPTURE(text);
        CHECK(title_of(text) == json(text).dump(-1, ' ', false, json::error_handler_t::replace));
      }
    }
  }
}

TEST_CASE("InterchangeWriter: items in export order give write_interchange_json's text") {
  uch::GenerateOptions options;
  options.entries = 200;
  options.entities = 30;
  options.seed = 11;
  uch::Document doc = uch::generate_timeline(options);
  doc.title = "Streamed";
  doc.extra = R"({"z":1})";
  const std::string expected = uch::write_interchange_json(doc);
  uch::sort_for_export(doc);

  std::string out;
  uch::InterchangeWriter writer(out, doc.title, doc.description);
  for (const auto& e : doc.entities) writer.entity(e);
  for (const auto& e : doc.entries) writer.entry(e);
  for (const auto& r : doc.relations) writer.relation(r);
  writer.finish(doc.extra);
  CHECK(out == expected);
}

TEST_CASE("InterchangeWriter: empty sections are written as [] and sections may be skipped") {
  uch::Document doc;
  uch::Relation r{"a", uch::RelationType::Causes, "b", ""};
  doc.relations.push_back(r);
  std::string out;
  uch::InterchangeWriter writer(out, "", "");
  writer.relation(r);
  writer.finish("");
  CHECK(out == uch::write_interchange_json(doc));
  CHECK(out.find("\"entities\": [],\n  \"entries\": [],") != std::string::npos);

  std::string empty;
  uch::InterchangeWriter nothing(empty, "", "");
  nothing.finish("");
  CHECK(empty == uch::write_interchange_json(uch::Document{}));
}

TEST_CASE("InterchangeWriter: an entity after the entries is refused") {
  std::string out;
  uch::InterchangeWriter writer(out, "", "");
  uch::Entry e;
  e.id = "e1";
  e.title = "T";
  writer.entry(e);
  uch::Entity person;
  person.id = "p1";
  person.name = "P";
  CHECK_THROWS_AS(writer.entity(person), uch::Error);
}
