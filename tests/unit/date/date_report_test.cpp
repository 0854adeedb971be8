// Tests of the `uchronia date` report: JSON (spec section 7) parsed with nlohmann::json field by field, and text.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "date_test_helpers.hpp"

using namespace uch;
using ojson = nlohmann::ordered_json;

namespace {
ojson report(std::string_view input, Calendar cal = Calendar::Gregorian) {
  const std::string line = date_report_json(input, cal);
  CAPTURE(line);
  REQUIRE(line.find('\n') == std::string::npos);  // one object per line
  return ojson::parse(line);                      // throws (and fails the test) on invalid JSON
}
}  // namespace

TEST_CASE("spec section 7 example, field by field and in order") {
  const std::string line = date_report_json("1985-04");
  CHECK(line.rfind("{\"input\": \"1985-04\", \"valid\": true, \"lower\": \"1985-04-01\", \"upper\": \"1985-04-30\", "
                   "\"uncertain\": false, \"approximate\": false, \"interval\": false, \"error\": null",
                   0) == 0);
  const ojson j = ojson::parse(line);
  std::vector<std::string> keys;
  for (auto it = j.begin(); it != j.end(); ++it) keys.push_back(it.key());
  REQUIRE(keys.size() >= 8);
  const std::vector<std::string> first(keys.begin(), keys.begin() + 8);
  CHECK(first == std::vector<std::string>{"input", "valid", "lower", "upper", "uncertain", "approximate", "interval",
                                          "error"});
  CHECK(j["input"] == "1985-04");
  CHECK(j["valid"] == true);
  CHECK(j["lower"] == "1985-04-01");
  CHECK(j["upper"] == "1985-04-30");
  CHECK(j["uncertain"] == false);
  CHECK(j["approximate"] == false);
  CHECK(j["interval"] == false);
  CHECK(j["error"].is_null());
  CHECK(j["edtf"] == "1985-04");
  CHECK(j["human"] == "April 1985");
}

TEST_CASE("flags, intervals, negative years and unbounded sides") {
  ojson j = report("1984?/2004-06~");
  CHECK(j["valid"] == true);
  CHECK(j["uncertain"] == true);
  CHECK(j["approximate"] == true);
  CHECK(j["interval"] == true);
  CHECK(j["lower"] == "1984-01-01");
  CHECK(j["upper"] == "2004-06-30");
  j = report("-0479");
  CHECK(j["lower"] == "-0479-01-01");
  CHECK(j["upper"] == "-0479-12-31");
  CHECK(j["human"] == "480 BC");
  j = report("1985/..");
  CHECK(j["lower"] == "1985-01-01");
  CHECK(j["upper"].is_null());
  CHECK(j["valid"] == true);
  j = report("/1985");
  CHECK(j["lower"].is_null());
  CHECK(j["upper"] == "1985-12-31");
  j = report("Y170000002");
  CHECK(j["lower"] == "170000002-01-01");
}

TEST_CASE("invalid input: valid false, null bounds, an error that says why") {
  ojson j = report("1985-02-30");
  CHECK(j["valid"] == false);
  CHECK(j["lower"].is_null());
  CHECK(j["upper"].is_null());
  CHECK(j["error"] == "1985-02-30: February 1985 has 28 days");
  CHECK(j["edtf"].is_null());
  CHECK(j["range_reversed"] == false);
  j = report("2008/1964");
  CHECK(j["valid"] == false);
  CHECK(j["range_reversed"] == true);
  CHECK(j["error"] == "2008/1964: the end (1964) is before the start (2008)");
  j = report("04/05/1920");
  CHECK(j["valid"] == false);
  CHECK(j["error"] == "04/05/1920 is ambiguous: type 1920-05-04 (4 May) or 1920-04-05 (5 April)");
}

TEST_CASE("human forms and Old Style are accepted and reported on their EDTF") {
  ojson j = report("26 June 1907");
  CHECK(j["valid"] == true);
  CHECK(j["input"] == "26 June 1907");
  CHECK(j["edtf"] == "1907-06-26");
  CHECK(j["lower"] == "1907-06-26");
  CHECK(j["upper"] == "1907-06-26");
  CHECK(j["julian"] == false);
  j = report("c. 1920");
  CHECK(j["approximate"] == true);
  CHECK(j["edtf"] == "1920~");
  CHECK(j["lower"] == "1920-01-01");
  j = report("25 October 1917 OS");
  CHECK(j["valid"] == true);
  CHECK(j["julian"] == true);
  CHECK(j["lower"] == "1917-11-07");
  CHECK(j["human"] == "25 October [7 November] 1917");
  j = report("1700-02-29", Calendar::Julian);
  CHECK(j["valid"] == true);
  CHECK(j["lower"] == "1700-03-11");
  CHECK(j["julian"] == true);
  j = report("before 1920");
  CHECK(j["interval"] == true);
  CHECK(j["lower"].is_null());
  CHECK(j["upper"] == "1919-12-31");
}

TEST_CASE("JSON string escaping: quotes, backslashes, control characters, UTF-8") {
  const std::string nasty = std::string("a\"b\\c\nd\te\x01" "f\x7f", 11);
  ojson j = report(nasty);
  CHECK(j["input"] == nasty);
  CHECK(j["valid"] == false);
  CHECK(j["error"].get<std::string>().rfind(nasty, 0) == 0);
  j = report("\xC3\xA9t\xC3\xA9 1920");  // "été 1920": non-ASCII passed through
  CHECK(j["input"] == "\xC3\xA9t\xC3\xA9 1920");
  CHECK(date_report_json("\xC3\xA9t\xC3\xA9").find("\xC3\xA9t\xC3\xA9") != std::string::npos);
  // Invalid UTF-8 still gives valid JSON: each bad byte becomes U+FFFD.
  j = report("19\xFF" "85");
  CHECK(j["input"] == "19\xEF\xBF\xBD" "85");
  j = report("\xC3");  // truncated sequence
  CHECK(j["input"] == "\xEF\xBF\xBD");
  j = report("\xED\xA0\x80");  // an encoded surrogate is not UTF-8
  CHECK(j["input"] == "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");
  j = report("\xF0\x9F\x93\x85 1985");  // a 4-byte character survives
  CHECK(j["input"] == "\xF0\x9F\x93\x85 1985");
  CHECK(date_report_json(std::string_view("19\0" "85", 5)).find("\\u0000") != std::string::npos);
}

TEST_CASE("text report: human form, bounds and EDTF") {
  CHECK(date_report_text("1985-04") == "April 1985  (EDTF 1985-04)\n  days 1985-04-01 to 1985-04-30");
  CHECK(date_report_text("c. 1920") ==
        "c. 1920  (EDTF 1920~)\n  days 1920-01-01 to 1920-12-31, approximate (compared as 1919-01-01 to 1921-12-31)");
  CHECK(date_report_text("1985/..") == "from 1985  (EDTF 1985/..)\n  days 1985-01-01 to ..");
  CHECK(date_report_text("25 October 1917 OS") ==
        "25 October [7 November] 1917  (EDTF 1917-10-25, Julian calendar)\n  days 1917-11-07 to 1917-11-07 (Gregorian)");
  CHECK(date_report_text("1985-13") == "invalid date: 1985-13: there is no month 13");
}
