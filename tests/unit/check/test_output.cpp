// Tests of the check output: spec section 6 JSON (parsed back field by field) and compiler-style text.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>
#include <sstream>

#include "check_fixtures.hpp"
#include "uchronia/interchange.hpp"

using namespace checktest;
using nlohmann::ordered_json;

namespace {

DocBuilder output_doc() {
  DocBuilder b;
  b.doc.description = "About [[Ghost]].";
  b.person("joseph-stalin", "Joseph Stalin", "1878-12-18", "1907-06-26");
  b.entity("yozh", "Ёжик \"the\" \\ hedgehog", uch::EntityKind::Other).notes = "Near [[Ёлка]].";
  b.entry("warsaw-captured", "1920-08-16", "Warsaw captured").body = "[[Joseph Stalin]] rides in.";
  b.entry("draft", "", "Draft").acknowledged.push_back(ack("date.missing"));
  return b;
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

}  // namespace

TEST_CASE("findings_to_json: spec section 6, field by field") {
  auto findings = output_doc().check();
  REQUIRE(findings.size() == 4);
  const std::string text = uch::findings_to_json(findings, false);
  CHECK(text.find("Ёлка") != std::string::npos);  // UTF-8 written as is
  const ordered_json doc = ordered_json::parse(text);
  REQUIRE(doc.is_object());
  std::vector<std::string> top;
  for (auto it = doc.begin(); it != doc.end(); ++it) top.push_back(it.key());
  CHECK(top == std::vector<std::string>{"findings", "counts"});
  const auto& list = doc["findings"];
  REQUIRE(list.size() == 3);  // the acknowledged one is not shown
  for (const auto& f : list) {
    std::vector<std::string> keys;
    for (auto it = f.begin(); it != f.end(); ++it) keys.push_back(it.key());
    CHECK(keys ==
          std::vector<std::string>{"rule", "severity", "entry", "entity", "message", "related", "acknowledged"});
    CHECK(f["acknowledged"] == false);
  }
  // Document first, then by date: the entity has no date, so it sorts after the dated entry.
  CHECK(list[0]["rule"] == "ref.dangling");
  CHECK(list[0]["entry"].is_null());
  CHECK(list[0]["entity"].is_null());
  CHECK(list[0]["related"] == ordered_json::array());
  CHECK(list[1]["rule"] == "ref.outside-lifespan");
  CHECK(list[1]["severity"] == "warning");
  CHECK(list[1]["entry"] == "warsaw-captured");
  CHECK(list[1]["entity"] == "joseph-stalin");
  CHECK(list[1]["message"] == "Joseph Stalin died on 26 June 1907; this entry is dated 16 August 1920.");
  CHECK(list[1]["related"] == ordered_json::array({"joseph-stalin"}));
  CHECK(list[2]["rule"] == "ref.dangling");
  CHECK(list[2]["severity"] == "error");
  CHECK(list[2]["entry"].is_null());
  CHECK(list[2]["entity"] == "yozh");
  CHECK(list[2]["message"].get<std::string>().find("[[Ёлка]]") != std::string::npos);
  const auto& counts = doc["counts"];
  std::vector<std::string> keys;
  for (auto it = counts.begin(); it != counts.end(); ++it) keys.push_back(it.key());
  CHECK(keys == std::vector<std::string>{"error", "warning", "info"});
  CHECK(counts["error"] == 2);
  CHECK(counts["warning"] == 1);
  CHECK(counts["info"] == 0);
}

TEST_CASE("findings_to_json: acknowledged findings included on request, never counted") {
  auto findings = output_doc().check();
  const ordered_json doc = ordered_json::parse(uch::findings_to_json(findings, true));
  REQUIRE(doc["findings"].size() == 4);
  const auto& last = doc["findings"][2];  // undated: after the dated entry, "draft" < "yozh"
  CHECK(last["rule"] == "date.missing");
  CHECK(last["severity"] == "info");
  CHECK(last["entry"] == "draft");
  CHECK(last["acknowledged"] == true);
  CHECK(doc["counts"]["info"] == 0);
}

TEST_CASE("findings_to_json: escaping and the empty case") {
  uch::Finding f;
  f.rule = "ref.dangling";
  f.severity = uch::Severity::Error;
  f.entry = "e";
  f.message = "quote \" backslash \\ newline \n tab \t control \x01 and Ω";
  const std::string text = uch::findings_to_json({f}, false);
  const ordered_json doc = ordered_json::parse(text);
  CHECK(doc["findings"][0]["message"] == f.message);
  CHECK(text.find("Ω") != std::string::npos);
  CHECK(text.find("\\u0001") != std::string::npos);

  const ordered_json empty = ordered_json::parse(uch::findings_to_json({}, true));
  CHECK(empty["findings"] == ordered_json::array());
  CHECK(empty["counts"] == ordered_json{{"error", 0}, {"warning", 0}, {"info", 0}});
}

TEST_CASE("findings_to_text: compiler-style lines and a summary") {
  auto b = output_doc();
  auto findings = b.check();
  auto lines = lines_of(uch::findings_to_text(findings, b.doc, "history.uchronia", false));
  REQUIRE(lines.size() == 4);
  CHECK(lines[0] ==
        "history.uchronia: error[ref.dangling] (document): The link [[Ghost]] in the description names no entry or "
        "entity.");
  CHECK(lines[1] ==
        "history.uchronia: warning[ref.outside-lifespan] warsaw-captured \"Warsaw captured\": "
        "Joseph Stalin died on 26 June 1907; this entry is dated 16 August 1920.");
  CHECK(lines[2] ==
        "history.uchronia: error[ref.dangling] yozh \"Ёжик \"the\" \\ hedgehog\": "
        "The link [[Ёлка]] in the notes names no entry or entity.");
  CHECK(lines[3] == "2 errors, 1 warning, 0 info (1 acknowledged not shown)");

  auto all = lines_of(uch::findings_to_text(findings, b.doc, "history.uchronia", true));
  REQUIRE(all.size() == 5);
  CHECK(all[2] == "history.uchronia: info[date.missing] draft \"Draft\" (acknowledged): This entry has no date yet.");
  CHECK(all[4] == "2 errors, 1 warning, 0 info (1 acknowledged)");
}

TEST_CASE("findings_to_text: clean document") {
  DocBuilder b;
  b.entry("a", "1920");
  CHECK(uch::findings_to_text(b.check(), b.doc, "x.json", false) == "0 errors, 0 warnings, 0 info\n");
}

TEST_CASE("count_findings and subject_of") {
  uch::Finding a{"r", uch::Severity::Error, "", "ent", "", {}, false};
  uch::Finding b{"r", uch::Severity::Warning, "e", "ent", "", {}, true};
  uch::Finding c{"r", uch::Severity::Info, "e", "", "", {}, false};
  auto counts = uch::count_findings({a, b, c});
  CHECK(counts.error == 1);
  CHECK(counts.warning == 0);
  CHECK(counts.info == 1);
  CHECK(uch::subject_of(a) == "ent");
  CHECK(uch::subject_of(b) == "e");
  CHECK(std::string(uch::to_string(uch::Severity::Warning)) == "warning");
}

TEST_CASE("the bundled sample checks clean") {
  const uch::Document doc = uch::read_interchange_file(UCHRONIA_SAMPLE_JSON);
  const auto findings = uch::check_document(doc);
  const auto counts = uch::count_findings(findings);
  for (const auto& f : findings)
    if (!f.acknowledged) MESSAGE(f.rule << " " << uch::subject_of(f) << ": " << f.message);
  CHECK(counts.error == 0);
  CHECK(counts.warning == 0);
  CHECK(counts.info == 0);
}

TEST_CASE("findings are sorted by the subject's chronological position") {
  DocBuilder b;
  b.entry("z-late", "1950").body = "[[Ghost]]";
  b.entry("a-undated", "").body = "[[Ghost]]";
  b.entry("m-early", "-0100").body = "[[Ghost]]";
  b.entry("b-mid", "1900-05").body = "[[Ghost]]";
  b.entry("c-mid", "1900").body = "[[Ghost]]";  // starts before May 1900
  auto all = b.check();
  std::vector<std::string> order;
  for (const auto& f : all) order.push_back(f.entry + ":" + f.rule);
  CHECK(order == std::vector<std::string>{"m-early:ref.dangling", "c-mid:ref.dangling", "b-mid:ref.dangling",
                                          "z-late:ref.dangling", "a-undated:date.missing", "a-undated:ref.dangling"});
}
