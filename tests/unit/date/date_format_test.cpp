// Tests of format_human: every display form, Julian dual dates, and invalid input returned unchanged.
#include <doctest/doctest.h>

#include <string>

#include "date_test_helpers.hpp"

using namespace uch;

namespace {
std::string h(const char* edtf) { return format_human(edtf); }
std::string hj(const char* edtf) { return format_human(edtf, Calendar::Julian); }
}  // namespace

TEST_CASE("day, month and year") {
  CHECK(h("1907-06-26") == "26 June 1907");
  CHECK(h("1907-06") == "June 1907");
  CHECK(h("1907") == "1907");
  CHECK(h("1985-04-12T23:20:30Z") == "12 April 1985");  // a date-time is shown as its day
  CHECK(h("1985-01-01") == "1 January 1985");
}

TEST_CASE("qualifiers") {
  CHECK(h("1920~") == "c. 1920");
  CHECK(h("1920?") == "1920?");
  CHECK(h("1920%") == "c. 1920?");
  CHECK(h("2004-06~") == "c. June 2004");
  CHECK(h("2004-06-11%") == "c. 11 June 2004?");
  CHECK(h("191X~") == "about the 1910s");
}

TEST_CASE("seasons") {
  CHECK(h("1920-21") == "spring 1920");
  CHECK(h("1920-22") == "summer 1920");
  CHECK(h("1920-23") == "autumn 1920");
  CHECK(h("1920-24") == "winter 1920\xE2\x80\x93" "21");
  CHECK(h("1999-24") == "winter 1999\xE2\x80\x93" "2000");
  CHECK(h("-0480-24") == "winter 481\xE2\x80\x93" "480 BC");
}

TEST_CASE("unspecified digits") {
  CHECK(h("191X") == "the 1910s");
  CHECK(h("201X") == "the 2010s");
  CHECK(h("19XX") == "the 20th century");
  CHECK(h("20XX") == "the 21st century");
  CHECK(h("10XX") == "the 11th century");
  CHECK(h("00XX") == "the 1st century");
  CHECK(h("-04XX") == "the 5th century BC");
  CHECK(h("-00XX") == "the 1st century BC");
  CHECK(h("014X") == "the AD 140s");
  CHECK(h("-047X") == "480\xE2\x80\x93" "471 BC");
  CHECK(h("1985-XX") == "1985 (month unknown)");
  CHECK(h("1985-04-XX") == "April 1985 (day unknown)");
  CHECK(h("1985-XX-XX") == "1985 (month and day unknown)");
}

TEST_CASE("eras: BC, year zero and AD for years below 1000") {
  CHECK(h("-0479") == "480 BC");
  CHECK(h("0000") == "1 BC");
  CHECK(h("-0043-03-15") == "15 March 44 BC");
  CHECK(h("0014") == "AD 14");
  CHECK(h("0014-08-19") == "19 August AD 14");
  CHECK(h("0999") == "AD 999");
  CHECK(h("1000") == "1000");
  CHECK(h("Y170000002") == "170,000,002");
  CHECK(h("Y-170000002") == "170,000,003 BC");
}

TEST_CASE("intervals") {
  CHECK(h("1917/1922") == "1917\xE2\x80\x93" "1922");
  CHECK(h("2004-06/2006-08") == "June 2004 \xE2\x80\x93 August 2006");
  CHECK(h("1985/..") == "from 1985");
  CHECK(h("../1985") == "until 1985");
  CHECK(h("1985/") == "1985 \xE2\x80\x93 unknown");
  CHECK(h("/1985") == "unknown \xE2\x80\x93 1985");
  CHECK(h("-0479/-0399") == "480\xE2\x80\x93" "400 BC");
  CHECK(h("0014/0030") == "AD 14\xE2\x80\x93" "30");
  CHECK(h("1917~/1922") == "c. 1917 \xE2\x80\x93 1922");
  CHECK(h("1985-04-12/..") == "from 12 April 1985");
}

TEST_CASE("Julian items: dual dates for days, Old Style otherwise") {
  CHECK(hj("1917-10-25") == "25 October [7 November] 1917");
  CHECK(hj("1918-03-01") == "1 [14] March 1918");
  CHECK(hj("1917-12-25") == "25 December 1917 [7 January 1918]");
  CHECK(hj("1700-02-29") == "29 February [11 March] 1700");
  CHECK(hj("1582-10-04") == "4 [14] October 1582");
  CHECK(hj("1917-10") == "October 1917 (Old Style)");
  CHECK(hj("1917") == "1917 (Old Style)");
  CHECK(hj("1917-21") == "spring 1917 (Old Style)");
  CHECK(hj("1917-10-25/1918-01-31") == "25 October [7 November] 1917 \xE2\x80\x93 31 January [13 February] 1918");
  CHECK(hj("1917-10-25/..") == "from 25 October [7 November] 1917");
  CHECK(hj("1917/1918-01-31") == "1917 \xE2\x80\x93 31 January [13 February] 1918 (Old Style)");
  CHECK(hj("1917-10-25~") == "c. 25 October [7 November] 1917");
}

TEST_CASE("invalid input is returned unchanged") {
  CHECK(h("1985-02-30") == "1985-02-30");
  CHECK(h("2008/1964") == "2008/1964");
  CHECK(h("26 June 1907") == "26 June 1907");
  CHECK(h("") == "");
}
