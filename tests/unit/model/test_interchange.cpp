// Unit tests: interchange JSON reading (validation, error paths, hostile input) and deterministic writing.
#include <doctest/doctest.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "uchronia/interchange.hpp"

namespace fs = std::filesystem;

namespace {

const fs::path kFixtures = UCHRONIA_FIXTURES;

std::string slurp(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  REQUIRE_MESSAGE(in.good(), "cannot open " << path);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

/// The ImportError message of reading `text` ("" if it was accepted).
std::string import_error(std::string_view text) {
  try {
    (void)uch::read_interchange_json(text);
  } catch (const uch::ImportError& e) {
    return e.what();
  }
  return "";
}

bool starts_with(const std::string& s, std::string_view prefix) { return s.rfind(prefix, 0) == 0; }

/// Strictly well-formed UTF-8 (so a message can be shown anywhere).
bool valid_utf8(std::string_view s) {
  for (std::size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    std::size_t len = c < 0x80 ? 1 : (c >= 0xC2 && c <= 0xDF) ? 2 : (c >= 0xE0 && c <= 0xEF) ? 3 : (c >= 0xF0 && c <= 0xF4) ? 4 : 0;
    if (len == 0 || i + len > s.size()) return false;
    for (std::size_t k = 1; k < len; ++k) {
      if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return false;
    }
    i += len;
  }
  return true;
}

const std::string kHead = R"("format": "uchronia-timeline", "version": 1)";

/// A document {head, BODY}.
std::string doc_with(const std::string& body) { return "{" + kHead + (body.empty() ? "" : ", " + body) + "}"; }

std::vector<fs::path> fixtures_matching(std::string_view suffix) {
  std::vector<fs::path> out;
  for (const auto& item : fs::directory_iterator(kFixtures)) {
    const std::string name = item.path().filename().string();
    if (name.size() > suffix.size() && name.compare(name.size() - suffix.size(), suffix.size(), suffix) == 0) {
      out.push_back(item.path());
    }
  }
  std::sort(out.begin(), out.end());
  return out;
}

uch::Document sorted(uch::Document doc) {
  uch::sort_for_export(doc);
  return doc;
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// Reading

TEST_CASE("read: the full fixture, every field") {
  const uch::Document doc = uch::read_interchange_file(kFixtures / "interchange-full.valid.json");
  CHECK(doc.title == "Всесоюзная история — All-Soviets Union");
  CHECK(doc.description == "An *alternative* history. See [[Lenin]] and [[stalin-killed|the robbery]].\n\nSecond paragraph.");
  CHECK(doc.extra == R"({"generator":{"name":"hand-written fixture","options":{"alpha":"Ω","zeta":[1,2.5,true,null]}}})");
  REQUIRE(doc.entities.size() == 7);
  REQUIRE(doc.entries.size() == 13);
  REQUIRE(doc.relations.size() == 5);

  const uch::Entity& lenin = doc.entities[0];
  CHECK(lenin.id == "vladimir-lenin");
  CHECK(lenin.name == "Vladimir Lenin");
  CHECK(lenin.kind == uch::EntityKind::Person);
  CHECK(lenin.aliases == std::vector<std::string>{"Lenin", "Ленин", "Ilyich"});
  CHECK(lenin.start == "1870-04-10");
  CHECK(lenin.end == "1924-01-08");
  CHECK(lenin.calendar == uch::Calendar::Julian);
  CHECK(lenin.notes == "Dates in the Old Style.");
  CHECK(lenin.extra.empty());
  const uch::Entity& stalin = doc.entities[1];
  CHECK(stalin.acknowledged == std::vector<uch::Acknowledgement>{{"ref.outside-lifespan", "mentioned in OTL"}});
  CHECK(stalin.extra == R"({"portrait":{"file":"stalin.png","width":120}})");
  CHECK(stalin.calendar == uch::Calendar::Gregorian);
  CHECK(doc.entities[2].name == "Семён Будённый");
  CHECK(doc.entities[4].kind == uch::EntityKind::Organisation);
  CHECK(doc.entities[5].kind == uch::EntityKind::Place);
  CHECK(doc.entities[6].kind == uch::EntityKind::Other);

  const uch::Entry& undated = doc.entries[0];
  CHECK(undated.id == "undated-draft");
  CHECK(undated.date.empty());
  const uch::Entry& uprising = doc.entries[1];
  CHECK(uprising.date == "1917-10-25");
  CHECK(uprising.calendar == uch::Calendar::Julian);
  CHECK(uprising.tags == std::vector<std::string>{"divergence", "революция"});
  CHECK(uprising.otl == "In our timeline: the October Revolution.");
  CHECK(uprising.notes == "Old Style date.");
  CHECK(uprising.acknowledged ==
        std::vector<uch::Acknowledgement>{{"date.missing", "kept as an example"}, {"ref.dangling", ""}});
  CHECK(uprising.extra == R"({"mood":"tense"})");
  CHECK(doc.entries[2].date == "-0489-09");
  REQUIRE(doc.entries[5].series.has_value());
  CHECK(*doc.entries[5].series == uch::Series{"Party Congress", 10});
  CHECK(doc.entries[9].extra == R"({"extra-list":[{"a":1,"b":2}]})");

  CHECK(doc.relations[0].from == "warsaw-captured");
  CHECK(doc.relations[0].type == uch::RelationType::Ends);
  CHECK(doc.relations[0].to == "soviet-polish-war");
  CHECK(doc.relations[0].extra == R"({"confidence":0.8})");
  CHECK(doc.relations[4].type == uch::RelationType::During);
}

TEST_CASE("read: minimal document, optional fields absent") {
  const uch::Document doc = uch::read_interchange_json(R"({"format": "uchronia-timeline", "version": 1})");
  CHECK(doc == uch::Document{});
  // A BOM, surrounding whitespace and an integral float version are accepted.
  CHECK(uch::read_interchange_json("\xEF\xBB\xBF \n" + doc_with("") + "\n\n") == uch::Document{});
  CHECK(import_error(R"({"format": "uchronia-timeline", "version": 1.0})").empty());
  // Unknown fields of a series or an acknowledgement are ignored, not an error.
  const auto doc2 = uch::read_interchange_json(doc_with(
      R"("entries": [{"id": "a", "title": "A", "series": {"name": "S", "number": 3, "x": 1},
                      "acknowledged": [{"rule": "date.missing", "by": "me"}]}])"));
  CHECK(doc2.entries[0].series == uch::Series{"S", 3});
  CHECK(doc2.entries[0].acknowledged == std::vector<uch::Acknowledgement>{{"date.missing", ""}});
  CHECK(doc2.entries[0].extra.empty());
}

TEST_CASE("read: format and version are checked first, with clear messages") {
  CHECK(import_error(R"({"version": 1})") ==
        R"(format: missing: not an Uchronia interchange file (expected "format": "uchronia-timeline"))");
  CHECK(import_error(R"({"format": "aeon-timeline", "version": 1, "entries": 5})") ==
        R"(format: not an Uchronia timeline: format is "aeon-timeline", expected "uchronia-timeline")");
  CHECK(import_error(R"({"format": 3, "version": 1})") == "format: expected a string, got a number");
  CHECK(import_error(R"({"format": "uchronia-timeline"})") == "version: missing required field (expected 1)");
  CHECK(import_error(R"({"format": "uchronia-timeline", "version": 2})") ==
        "version: version 2 is newer than this program reads (1); update Uchronia");
  CHECK(starts_with(import_error(R"({"format": "uchronia-timeline", "version": 99999999999999999999})"), "version: "));
  CHECK(starts_with(import_error(R"({"format": "uchronia-timeline", "version": 18446744073709551615})"),
                    "version: version 18446744073709551615 is newer"));
  CHECK(import_error(R"({"format": "uchronia-timeline", "version": 0})") == "version: unsupported version 0 (expected 1)");
  CHECK(import_error(R"({"format": "uchronia-timeline", "version": "1"})") == "version: expected an integer, got a string");
  CHECK(import_error(R"({"format": "uchronia-timeline", "version": 1.5})") == "version: expected an integer, got 1.5");
  CHECK(import_error("[1, 2]") == "(root): expected an object, got an array");
  CHECK(import_error("\"text\"") == "(root): expected an object, got a string");
  CHECK(import_error("null") == "(root): expected an object, got null");
}

TEST_CASE("read: every error class names the JSON path") {
  struct Case {
    std::string body;
    std::string message;
  };
  const std::vector<Case> cases = {
      // types
      {R"("title": 5)", "title: expected a string, got a number"},
      {R"("description": ["x"])", "description: expected a string, got an array"},
      {R"("entries": {})", "entries: expected an array, got an object"},
      {R"("entities": "none")", "entities: expected an array, got a string"},
      {R"("relations": null)", "relations: expected an array, got null"},
      {R"("entries": [{"id": "a", "title": "A"}, "b"])", "entries[1]: expected an object, got a string"},
      {R"("entries": [{"id": "a", "title": "A"}, {"id": "b", "title": "B"}, {"id": "c", "title": "C"},
                      {"id": "d", "title": "D", "date": 1920}])",
       "entries[3].date: expected a string, got a number"},
      {R"("entries": [{"id": "a", "title": true}])", "entries[0].title: expected a string, got a boolean"},
      {R"("entries": [{"id": "a", "title": "A", "body": {}}])", "entries[0].body: expected a string, got an object"},
      {R"("entries": [{"id": "a", "title": "A", "otl": 1}])", "entries[0].otl: expected a string, got a number"},
      {R"("entries": [{"id": "a", "title": "A", "notes": null}])", "entries[0].notes: expected a string, got null"},
      {R"("entries": [{"id": "a", "title": "A", "tags": "divergence"}])", "entries[0].tags: expected an array, got a string"},
      {R"("entries": [{"id": "a", "title": "A", "tags": ["x", "y", 3]}])", "entries[0].tags[2]: expected a string, got a number"},
      {R"("entities": [{"id": "x", "name": "X", "kind": "person", "aliases": ["a", null]}])",
       "entities[0].aliases[1]: expected a string, got null"},
      {R"("entities": [{"id": "x", "name": "X", "kind": "person", "start": 1870}])",
       "entities[0].start: expected a string, got a number"},
      {R"("entities": [{"id": "x", "name": "X", "kind": "person", "end": false}])",
       "entities[0].end: expected a string, got a boolean"},
      {R"("entities": [{"id": "x", "name": 1, "kind": "person"}])", "entities[0].name: expected a string, got a number"},
      // required fields
      {R"("entries": [{"title": "A"}])", "entries[0].id: missing required field"},
      {R"("entries": [{"id": "a"}])", "entries[0].title: missing required field"},
      {R"("entities": [{"name": "X", "kind": "person"}])", "entities[0].id: missing required field"},
      {R"("entities": [{"id": "x", "kind": "person"}])", "entities[0].name: missing required field"},
      {R"("entities": [{"id": "x", "name": "X"}])", "entities[0].kind: missing required field"},
      {R"("relations": [{"type": "causes", "to": "b"}])", "relations[0].from: missing required field"},
      {R"("relations": [{"from": "a", "to": "b"}])", "relations[0].type: missing required field"},
      {R"("relations": [{"from": "a", "type": "causes"}])", "relations[0].to: missing required field"},
      // ids
      {R"("entries": [{"id": "has space", "title": "A"}])",
       R"(entries[0].id: invalid id "has space" (1 to 128 of A-Z a-z 0-9 . _ -))"},
      {R"("entries": [{"id": "", "title": "A"}])", R"(entries[0].id: invalid id "" (1 to 128 of A-Z a-z 0-9 . _ -))"},
      {R"("entities": [{"id": "ленин", "name": "X", "kind": "person"}])",
       R"(entities[0].id: invalid id "ленин" (1 to 128 of A-Z a-z 0-9 . _ -))"},
      {R"("entries": [{"id": 7, "title": "A"}])", "entries[0].id: expected a string, got a number"},
      {R"("relations": [{"from": "a/b", "type": "causes", "to": "b"}])",
       R"(relations[0].from: invalid id "a/b" (1 to 128 of A-Z a-z 0-9 . _ -))"},
      // duplicates
      {R"("entities": [{"id": "lenin", "name": "Lenin", "kind": "person"}],
          "entries": [{"id": "a", "title": "A"}, {"id": "lenin", "title": "L"}])",
       R"(entries[1].id: duplicate id "lenin" (already used by entities[0].id))"},
      {R"("entries": [{"id": "a", "title": "A"}, {"id": "a", "title": "B"}])",
       R"(entries[1].id: duplicate id "a" (already used by entries[0].id))"},
      {R"("entities": [{"id": "x", "name": "A", "kind": "place"}, {"id": "x", "name": "B", "kind": "place"}])",
       R"(entities[1].id: duplicate id "x" (already used by entities[0].id))"},
      {R"("relations": [{"from": "a", "type": "causes", "to": "b"}, {"from": "a", "type": "ends", "to": "b"},
                        {"from": "a", "type": "causes", "to": "b", "note": "again"}])",
       "relations[2]: duplicate relation (same from, type and to as relations[0])"},
      // enumerations
      {R"("relations": [{"from": "a", "type": "before", "to": "b"}, {"from": "a", "type": "precedes", "to": "b"}])",
       R"(relations[1].type: unknown relation type "precedes" (expected before, after, causes, ends or during))"},
      {R"("entities": [{"id": "x", "name": "X", "kind": "animal"}])",
       R"(entities[0].kind: unknown entity kind "animal" (expected person, organisation, place or other))"},
      {R"("entries": [{"id": "a", "title": "A", "calendar": "hebrew"}])",
       R"(entries[0].calendar: unknown calendar "hebrew" (expected "gregorian" or "julian"))"},
      {R"("entities": [{"id": "x", "name": "X", "kind": "person", "calendar": "Julian"}])",
       R"(entities[0].calendar: unknown calendar "Julian" (expected "gregorian" or "julian"))"},
      // series
      {R"("entries": [{"id": "a", "title": "A", "series": "Party Congress"}])",
       "entries[0].series: expected an object, got a string"},
      {R"("entries": [{"id": "a", "title": "A", "series": {"number": 10}}])", "entries[0].series.name: missing required field"},
      {R"("entries": [{"id": "a", "title": "A", "series": {"name": "S"}}])", "entries[0].series.number: missing required field"},
      {R"("entries": [{"id": "a", "title": "A", "series": {"name": "S", "number": "10"}}])",
       "entries[0].series.number: expected an integer, got a string"},
      {R"("entries": [{"id": "a", "title": "A", "series": {"name": "S", "number": 2.5}}])",
       "entries[0].series.number: expected an integer, got 2.5"},
      {R"("entries": [{"id": "a", "title": "A", "series": {"name": "S", "number": 9223372036854775808}}])",
       "entries[0].series.number: integer 9223372036854775808 is too large"},
      // acknowledged
      {R"("entries": [{"id": "a", "title": "A", "acknowledged": {"rule": "x"}}])",
       "entries[0].acknowledged: expected an array, got an object"},
      {R"("entries": [{"id": "a", "title": "A", "acknowledged": ["date.missing"]}])",
       "entries[0].acknowledged[0]: expected an object, got a string"},
      {R"("entries": [{"id": "a", "title": "A", "acknowledged": [{"rule": "x"}, {"reason": "why"}]}])",
       "entries[0].acknowledged[1].rule: missing required field"},
      {R"("entries": [{"id": "a", "title": "A", "acknowledged": [{"rule": ""}]}])",
       "entries[0].acknowledged[0].rule: must not be empty"},
      {R"("entities": [{"id": "x", "name": "X", "kind": "person", "acknowledged": [{"rule": "r", "reason": 1}]}])",
       "entities[0].acknowledged[0].reason: expected a string, got a number"},
      // text with an escaped NUL
      {R"("entries": [{"id": "a", "title": "A", "body": "x\u0000y"}])",
       "entries[0].body: contains a NUL character (\\u0000), not allowed in text"},
      // duplicate keys (JSON allows them, silently keeping one would lose data)
      {R"("title": "a", "title": "b")", "title: duplicate key"},
      {R"("entries": [{"id": "a", "title": "A"}, {"id": "b", "title": "B", "id": "c"}])", "entries[1].id: duplicate key"},
      {R"("x": {"deep": [0, {"k y": 1, "k y": 2}]})", R"(x.deep[1]["k y"]: duplicate key)"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.body);
    CHECK(import_error(doc_with(c.body)) == c.message);
  }
}

TEST_CASE("read: every fixture: *.valid.json accepted, *.invalid*.json refused with a path") {
  const auto valid = fixtures_matching(".valid.json");
  CHECK(valid.size() >= 3);
  for (const auto& path : valid) {
    CAPTURE(path);
    CHECK_NOTHROW((void)uch::read_interchange_file(path));
  }
  const std::map<std::string, std::string> expected = {
      {"interchange-ack-missing-rule.invalid-schema.json", "entries[0].acknowledged[0].rule: missing required field"},
      {"interchange-bad-calendar.invalid-schema.json", "entities[0].calendar: unknown calendar"},
      {"interchange-bad-entry-id.invalid-schema.json", "entries[1].id: invalid id"},
      {"interchange-date-not-string.invalid-schema.json", "entries[3].date: expected a string, got a number"},
      {"interchange-duplicate-id.invalid.json", "entries[1].id: duplicate id \"lenin\""},
      {"interchange-entity-missing-kind.invalid-schema.json", "entities[0].kind: missing required field"},
      {"interchange-entries-not-array.invalid-schema.json", "entries: expected an array, got an object"},
      {"interchange-entry-missing-title.invalid-schema.json", "entries[2].title: missing required field"},
      {"interchange-missing-format.invalid-schema.json", "format: missing"},
      {"interchange-newer-version.invalid-schema.json", "version: version 2 is newer"},
      {"interchange-relation-missing-to.invalid-schema.json", "relations[0].to: missing required field"},
      {"interchange-series-number-float.invalid-schema.json", "entries[0].series.number: expected an integer"},
      {"interchange-tags-not-strings.invalid-schema.json", "entries[0].tags[1]: expected a string, got a number"},
      {"interchange-unknown-entity-kind.invalid-schema.json", "entities[0].kind: unknown entity kind \"animal\""},
      {"interchange-unknown-relation-type.invalid-schema.json", "relations[1].type: unknown relation type \"precedes\""},
      {"interchange-wrong-format.invalid-schema.json", "format: not an Uchronia timeline"},
  };
  auto invalid = fixtures_matching(".invalid-schema.json");
  for (const auto& p : fixtures_matching(".invalid.json")) invalid.push_back(p);
  CHECK(invalid.size() >= expected.size());
  for (const auto& path : invalid) {
    CAPTURE(path);
    const std::string message = import_error(slurp(path));
    CHECK_FALSE(message.empty());
    const auto found = expected.find(path.filename().string());
    if (found != expected.end()) CHECK(starts_with(message, found->second));
  }
}

TEST_CASE("read: syntax errors give line and column") {
  // The bad literal starts at line 3, column 14; the parser stops on the character after "tru".
  const std::string text = "{\n  \"format\": \"uchronia-timeline\",\n  \"version\": tru\n}";
  const std::string message = import_error(text);
  CHECK(starts_with(message, "line 3, column 17: syntax error: invalid literal (while parsing value); last read: '"));

  CHECK(starts_with(import_error(""), "line 1, column 1: syntax error: unexpected end of input"));
  CHECK(starts_with(import_error("{\n\n     ,"), "line 3, column 6: syntax error: "));
  CHECK(starts_with(import_error(doc_with("") + " x"), "line 1, column 47: syntax error: invalid literal (while parsing value); last read: '1} x'; expected end of input"));
  CHECK(starts_with(import_error("{\"format\": \"uchronia-timeline\",}"), "line 1, column 32: syntax error: "));
  // Columns count characters, not bytes.
  CHECK(starts_with(import_error("{\"title\": \"Ленин\" x}"), "line 1, column 19: syntax error: "));
  CHECK(import_error("{\n\n     ,") ==
        "line 3, column 6: syntax error: unexpected ','; expected string literal (while parsing object key)");
  // Comments are not JSON.
  CHECK(starts_with(import_error("// comment\n" + doc_with("")), "line 1, column 1: syntax error: "));
}

TEST_CASE("read: hostile input gives an ImportError, never a crash") {
  SUBCASE("deep nesting: 10 000 and 1 000 000 levels") {
    for (std::size_t depth : {std::size_t{10000}, std::size_t{1000000}}) {
      const std::string arrays = std::string(depth, '[') + std::string(depth, ']');
      CHECK(import_error(arrays) == "line 1, column 65: nesting deeper than 64 levels of arrays and objects");
      std::string objects;
      for (std::size_t i = 0; i < depth; ++i) objects += "{\"a\":";
      objects += "1" + std::string(depth, '}');
      CHECK(starts_with(import_error(objects), "line 1, column 321: nesting deeper than 64 levels"));
      // Unterminated: the parser stops at the limit before reaching the end.
      CHECK(starts_with(import_error(std::string(depth, '[')), "line 1, column 65: nesting deeper"));
    }
    // Inside a real document, on line 2.
    const std::string deep = "{" + kHead + ",\n\"x\": " + std::string(100, '[') + std::string(100, ']') + "}";
    CHECK(import_error(deep) == "line 2, column 69: nesting deeper than 64 levels of arrays and objects");
  }
  SUBCASE("nesting up to the limit is accepted and kept") {
    const std::string ok = doc_with("\"x\": " + std::string(63, '[') + std::string(63, ']'));
    const uch::Document doc = uch::read_interchange_json(ok);
    CHECK(doc.extra == "{\"x\":" + std::string(63, '[') + std::string(63, ']') + "}");
    CHECK(uch::read_interchange_json(uch::write_interchange_json(doc)) == doc);
    CHECK_FALSE(import_error(doc_with("\"x\": " + std::string(64, '[') + std::string(64, ']'))).empty());
  }
  SUBCASE("invalid UTF-8") {
    for (const std::string& bad : {std::string("\xff"), std::string("\xc0\xaf"), std::string("\xed\xa0\x80"),
                                  std::string("\xe2\x82"), std::string("\xf8\x88\x80\x80\x80")}) {
      const std::string message = import_error(doc_with("\"title\": \"abc" + bad + "\""));
      CAPTURE(message);
      CHECK(starts_with(message, "line 1, column "));
      CHECK(message.find("syntax error: invalid string: ill-formed UTF-8 byte") != std::string::npos);
      CHECK(valid_utf8(message));
    }
    CHECK(valid_utf8(import_error("\xff\xfe{}")));
    CHECK(starts_with(import_error("\xff\xfe{}"), "line 1, column 1: syntax error: "));
  }
  SUBCASE("lone surrogate escapes") {
    CHECK(import_error(doc_with(R"("title": "\ud800")")).find("surrogate") != std::string::npos);
    CHECK(import_error(doc_with(R"("title": "\udc00x")")).find("surrogate") != std::string::npos);
  }
  SUBCASE("NUL bytes") {
    std::string in_string = doc_with("\"title\": \"a");
    in_string.pop_back();
    in_string += std::string("\0b\"}", 4);
    const std::string message = import_error(in_string);
    CHECK(starts_with(message, "line 1, column "));
    CHECK(message.find("U+0000") != std::string::npos);
    CHECK(starts_with(import_error(std::string("\0", 1)), "line 1, column 1: syntax error: "));
    // After a complete document too (nlohmann alone would stop reading there).
    CHECK(import_error(doc_with("") + std::string("\0", 1) + "garbage") ==
          "line 1, column 46: syntax error: NUL byte (U+0000) in the file; JSON text may not contain one");
  }
  SUBCASE("a 50 MB body is read and written back") {
    std::string body(50u << 20, 'x');
    body[1000] = '\n';
    const std::string text = doc_with(R"("entries": [{"id": "big", "title": "Big", "body": ")" + std::string(body).replace(1000, 1, "\\n") + "\"}]");
    const uch::Document doc = uch::read_interchange_json(text);
    REQUIRE(doc.entries.size() == 1);
    CHECK(doc.entries[0].body.size() == body.size());
    CHECK(doc.entries[0].body == body);
    const std::string out = uch::write_interchange_json(doc);
    CHECK(out.size() > body.size());
    CHECK(out.find(std::string(1000, 'x') + "\\n" + std::string(1000, 'x')) != std::string::npos);
  }
  SUBCASE("an unterminated 10 MB string gives a short message") {
    const std::string text = doc_with("\"title\": \"" + std::string(10u << 20, 'y'));
    const std::string message = import_error(text.substr(0, text.size() - 1));
    CHECK(starts_with(message, "line 1, column "));
    CHECK(message.size() < 300);
  }
  SUBCASE("random bytes and truncations never crash") {
    const std::string full = slurp(kFixtures / "interchange-full.valid.json");
    for (std::size_t cut = 0; cut < full.size(); cut += 7) {
      const std::string message = import_error(full.substr(0, cut));
      CHECK_FALSE(message.empty());
      CHECK(valid_utf8(message));
    }
    std::mt19937 rng(7);
    for (int round = 0; round < 300; ++round) {
      std::string mutated = full;
      for (int k = 0; k < 3; ++k) mutated[rng() % mutated.size()] = static_cast<char>(rng() % 256);
      try {
        (void)uch::read_interchange_json(mutated);
      } catch (const uch::ImportError& e) {
        CHECK(valid_utf8(e.what()));
      }
    }
  }
}

TEST_CASE("read_interchange_file: unreadable paths") {
  try {
    (void)uch::read_interchange_file(kFixtures / "no-such-file.json");
    FAIL("no error");
  } catch (const uch::ImportError& e) {
    CHECK(starts_with(e.what(), "cannot read "));
    CHECK(std::string(e.what()).find("no-such-file.json") != std::string::npos);
  }
  CHECK_THROWS_AS((void)uch::read_interchange_file(kFixtures), uch::ImportError);
}

// ---------------------------------------------------------------------------------------------
// Writing and the round trip

TEST_CASE("write: the full fixture gives exactly the exported fixture") {
  const uch::Document doc = uch::read_interchange_file(kFixtures / "interchange-full.valid.json");
  const std::string out = uch::write_interchange_json(doc);
  CHECK(out == slurp(kFixtures / "interchange-full.exported.valid.json"));
}

TEST_CASE("write: layout, field order, omissions, extras after known fields") {
  const uch::Document doc = uch::read_interchange_file(kFixtures / "interchange-full.valid.json");
  const std::string out = uch::write_interchange_json(doc);
  CHECK(starts_with(out, "{\n  \"format\": \"uchronia-timeline\",\n  \"version\": 1,\n  \"title\": "));
  CHECK(out.back() == '\n');
  CHECK(out[out.size() - 2] == '}');
  CHECK(out.find("\r") == std::string::npos);
  CHECK(out.find("\\u04") == std::string::npos);  // Cyrillic written as UTF-8, not escaped
  CHECK(out.find("Ленин") != std::string::npos);
  // top-level order, unknown fields last
  const auto at = [&](const std::string& s) { return out.find(s); };
  CHECK(at("\"description\"") < at("\"entities\""));
  CHECK(at("\"entities\"") < at("\"entries\""));
  CHECK(at("\"entries\"") < at("\"relations\""));
  CHECK(at("\"relations\"") < at("\"generator\""));
  // entry field order (uprising has all of them), then its unknown field
  const std::size_t up = at("\"id\": \"uprising\"");
  std::size_t last = up;
  for (const char* key : {"\"date\"", "\"title\"", "\"body\"", "\"tags\"", "\"otl\"", "\"notes\"", "\"calendar\"",
                          "\"acknowledged\"", "\"mood\""}) {
    const std::size_t pos = out.find(key, up);
    CAPTURE(key);
    CHECK(pos > last);
    last = pos;
  }
  // entity field order
  const std::size_t le = at("\"id\": \"vladimir-lenin\"");
  last = le;
  for (const char* key : {"\"name\"", "\"kind\"", "\"aliases\"", "\"start\"", "\"end\"", "\"calendar\"", "\"notes\""}) {
    const std::size_t pos = out.find(key, le);
    CAPTURE(key);
    CHECK(pos > last);
    last = pos;
  }
  // the undated draft has no "date"; gregorian calendars are not written
  const std::size_t draft = at("\"id\": \"undated-draft\"");
  CHECK(out.substr(draft, out.find('}', draft) - draft).find("\"date\"") == std::string::npos);
  CHECK(out.find("gregorian") == std::string::npos);
  // the acknowledgement without a reason is written without one
  CHECK(out.find("\"rule\": \"ref.dangling\"\n") != std::string::npos);
}

TEST_CASE("write: empty document, and minimal items") {
  CHECK(uch::write_interchange_json(uch::Document{}) ==
        "{\n  \"format\": \"uchronia-timeline\",\n  \"version\": 1,\n  \"entities\": [],\n  \"entries\": [],\n"
        "  \"relations\": []\n}\n");
  uch::Document doc;
  uch::Entry e;
  e.id = "a";
  doc.entries.push_back(e);  // an empty title is still written: it is a required field
  uch::Entity n;
  n.id = "n";
  doc.entities.push_back(n);
  CHECK(uch::write_interchange_json(doc) ==
        "{\n  \"format\": \"uchronia-timeline\",\n  \"version\": 1,\n  \"entities\": [\n    {\n      \"id\": \"n\",\n"
        "      \"name\": \"\",\n      \"kind\": \"other\"\n    }\n  ],\n  \"entries\": [\n    {\n      \"id\": \"a\",\n"
        "      \"title\": \"\"\n    }\n  ],\n  \"relations\": []\n}\n");
}

TEST_CASE("write: extras that collide with known fields are skipped; broken extras are an error") {
  uch::Document doc;
  uch::Entry e;
  e.id = "a";
  e.title = "A";
  e.extra = R"({"id":"evil","title":"evil","zz":1})";
  doc.entries.push_back(e);
  doc.extra = R"({"format":"other","version":9,"b":[],"a":{}})";
  const std::string out = uch::write_interchange_json(doc);
  const uch::Document back = uch::read_interchange_json(out);
  CHECK(back.entries[0].id == "a");
  CHECK(back.entries[0].title == "A");
  CHECK(back.entries[0].extra == R"({"zz":1})");
  CHECK(back.extra == R"({"a":{},"b":[]})");

  doc.extra = "[1]";
  CHECK_THROWS_AS((void)uch::write_interchange_json(doc), uch::Error);
  doc.extra = "{not json";
  CHECK_THROWS_AS((void)uch::write_interchange_json(doc), uch::Error);
}

TEST_CASE("write: escaping agrees with the parser") {
  const std::vector<std::string> tricky = {
      "quote \" backslash \\ slash /", "tab\tnewline\ncr\r", std::string("\x01\x1f\x7f", 3), "\u2028\u2029",
      "emoji 😀 and 𝄞", "Ἀθῆναι", "<script>alert(1)</script>", "[[link|label]]", "", " leading and trailing ",
  };
  uch::Document doc;
  for (std::size_t i = 0; i < tricky.size(); ++i) {
    uch::Entry e;
    e.id = "e" + std::to_string(i);
    e.title = tricky[i];
    e.body = tricky[i];
    e.tags = {tricky[i]};
    doc.entries.push_back(e);
  }
  doc.title = tricky[0];
  const std::string out = uch::write_interchange_json(doc);
  const uch::Document back = uch::read_interchange_json(out);
  CHECK(back == sorted(doc));
  // Bytes that are not UTF-8 (possible only in memory) are replaced, never a crash.
  doc.title = "bad \xff byte";
  const uch::Document replaced = uch::read_interchange_json(uch::write_interchange_json(doc));
  CHECK(replaced.title == "bad \uFFFD byte");
}

TEST_CASE("round trip: every valid fixture is stable and loses nothing") {
  for (const auto& path : fixtures_matching(".valid.json")) {
    CAPTURE(path);
    const uch::Document first = uch::read_interchange_file(path);
    const std::string once = uch::write_interchange_json(first);
    const uch::Document second = uch::read_interchange_json(once);
    CHECK(second == sorted(first));  // every field, unknown ones too
    const std::string twice = uch::write_interchange_json(second);
    CHECK(twice == once);            // export(import(export(import(X)))) == export(import(X))
  }
}

TEST_CASE("determinism: input order and repeated calls do not change the output") {
  uch::Document doc = uch::read_interchange_file(kFixtures / "interchange-full.valid.json");
  const std::string reference = uch::write_interchange_json(doc);
  CHECK(uch::write_interchange_json(doc) == reference);
  std::mt19937 rng(2024);
  for (int round = 0; round < 10; ++round) {
    std::shuffle(doc.entries.begin(), doc.entries.end(), rng);
    std::shuffle(doc.entities.begin(), doc.entities.end(), rng);
    std::shuffle(doc.relations.begin(), doc.relations.end(), rng);
    CHECK(uch::write_interchange_json(doc) == reference);
  }
}

TEST_CASE("round trip: a generated 10,000-entry timeline") {
  std::mt19937_64 rng(12345);
  const auto pick = [&](int n) { return static_cast<int>(rng() % static_cast<std::uint64_t>(n)); };
  const std::vector<std::string> words = {"Ленин", "Сталин", "Warsaw", "Ἀθῆναι", "congress", "famine", "war", "😀"};
  uch::Document doc;
  doc.title = "Generated";
  doc.description = "A generated timeline with [[e00001]] links.";
  doc.extra = R"({"generator":"test"})";
  for (int i = 0; i < 200; ++i) {
    uch::Entity n;
    n.id = "n" + std::to_string(i);
    n.name = words[pick(8)] + " " + std::to_string(i);
    n.kind = static_cast<uch::EntityKind>(pick(4));
    if (pick(2)) n.aliases = {words[pick(8)], "alias " + std::to_string(i)};
    if (pick(2)) n.start = std::to_string(1800 + pick(100));
    if (pick(3) == 0) n.end = std::to_string(1900 + pick(100));
    if (pick(5) == 0) n.calendar = uch::Calendar::Julian;
    doc.entities.push_back(n);
  }
  for (int i = 0; i < 10000; ++i) {
    uch::Entry e;
    char id[16];
    std::snprintf(id, sizeof id, "e%05d", i);
    e.id = id;
    switch (pick(6)) {
      case 0: break;  // undated
      case 1: e.date = std::to_string(1900 + pick(100)); break;
      case 2: e.date = std::to_string(1900 + pick(100)) + "-0" + std::to_string(1 + pick(9)); break;
      case 3: e.date = std::to_string(1900 + pick(50)) + "/" + std::to_string(1950 + pick(50)); break;
      case 4: e.date = "-0" + std::to_string(100 + pick(800)); break;
      default: e.date = std::to_string(1900 + pick(100)) + "-0" + std::to_string(1 + pick(9)) + "-1" + std::to_string(pick(9)); break;
    }
    e.title = words[pick(8)] + " #" + std::to_string(i);
    e.body = "About [[n" + std::to_string(pick(200)) + "]] and \"quotes\".\nSecond line.";
    if (pick(2)) e.tags = {words[pick(8)], "tag" + std::to_string(pick(10))};
    if (pick(4) == 0) e.otl = "In our timeline, " + words[pick(8)];
    if (pick(4) == 0) e.notes = "note " + std::to_string(i);
    if (pick(8) == 0) e.calendar = uch::Calendar::Julian;
    if (pick(5) == 0) e.series = uch::Series{"Series " + std::to_string(pick(3)), pick(1000) - 10};
    if (pick(10) == 0) e.acknowledged = {{"date.missing", pick(2) ? "draft" : ""}};
    if (pick(20) == 0) e.extra = R"({"x":)" + std::to_string(i) + "}";
    doc.entries.push_back(e);
  }
  for (int i = 0; i < 3000; ++i) {
    uch::Relation r;
    r.from = doc.entries[static_cast<std::size_t>(i * 3)].id;
    r.type = static_cast<uch::RelationType>(pick(5));
    r.to = doc.entries[static_cast<std::size_t>(pick(10000))].id;
    doc.relations.push_back(r);
  }
  const auto start = std::chrono::steady_clock::now();
  const std::string once = uch::write_interchange_json(doc);
  const uch::Document back = uch::read_interchange_json(once);
  CHECK(back == sorted(doc));
  CHECK(uch::write_interchange_json(back) == once);
  MESSAGE("10,000-entry export/import/export: "
          << std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - start).count()
          << " ms, " << once.size() / 1024 << " KiB");
}
