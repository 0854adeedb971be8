// Tests of parse_natural: every typed form, Old Style, ambiguous and impossible forms refused, round trips.
#include <doctest/doctest.h>

#include <string>

#include "date_test_helpers.hpp"

using namespace uch;

namespace {
void reads(const char* text, const char* edtf, bool julian = false) {
  const std::string input(text);
  CAPTURE(input);
  const NaturalDate n = parse_natural(text);
  REQUIRE_MESSAGE(n.ok, n.error);
  CHECK(n.error.empty());
  CHECK(n.edtf == edtf);
  CHECK(n.julian == julian);
  CHECK(parse_edtf(n.edtf, julian ? Calendar::Julian : Calendar::Gregorian).valid);
}

void refused(const char* text, const std::string& error) {
  const std::string input(text);
  CAPTURE(input);
  const NaturalDate n = parse_natural(text);
  CHECK_FALSE(n.ok);
  CHECK(n.edtf.empty());
  CHECK(n.error == error);
}
}  // namespace

TEST_CASE("plain EDTF passes through") {
  reads("1985-04-12", "1985-04-12");
  reads("1984?/2004-06~", "1984?/2004-06~");
  reads("201x", "201X");  // case-insensitive
  reads("y170000002", "Y170000002");
}

TEST_CASE("days, months and years in words") {
  reads("26 June 1907", "1907-06-26");
  reads("June 26, 1907", "1907-06-26");
  reads("June 26 1907", "1907-06-26");
  reads("26 Jun 1907", "1907-06-26");
  reads("26 Jun. 1907", "1907-06-26");
  reads("26th June 1907", "1907-06-26");
  reads("the 26th of June, 1907", "1907-06-26");
  reads("June 1907", "1907-06");
  reads("Sept. 1907", "1907-09");
  reads("1907", "1907");
  reads("  26   JUNE  1907.  ", "1907-06-26");  // case, extra spaces, trailing period
  reads("26 june 1907.", "1907-06-26");
}

TEST_CASE("approximate and uncertain") {
  reads("c. 1920", "1920~");
  reads("c.1920", "1920~");
  reads("c1920", "1920~");
  reads("circa 1920", "1920~");
  reads("ca. 1920", "1920~");
  reads("ca 1920", "1920~");
  reads("about 1920", "1920~");
  reads("around June 1920", "1920-06~");
  reads("1920?", "1920?");
  reads("c. 1920?", "1920%");
  reads("probably 26 June 1907", "1907-06-26?");
  reads("c. 1985-04", "1985-04~");
}

TEST_CASE("decades, centuries, parts of a year, seasons") {
  reads("1920s", "192X");
  reads("the 1920s", "192X");
  reads("1920's", "192X");
  reads("the AD 140s", "014X");
  reads("the 20th century", "19XX");
  reads("21st century", "20XX");
  reads("the 5th century BC", "-04XX");
  reads("early 1922", "1922-01/1922-04");
  reads("mid 1922", "1922-05/1922-08");
  reads("mid-1922", "1922-05/1922-08");
  reads("late 1922", "1922-09/1922-12");
  reads("early 1920s", "1920/1923");
  reads("late 1920s", "1927/1929");
  reads("early June 1920", "1920-06-01/1920-06-10");
  reads("late February 1920", "1920-02-21/1920-02-29");
  reads("spring 1920", "1920-21");
  reads("summer 1920", "1920-22");
  reads("autumn 1920", "1920-23");
  reads("fall 1920", "1920-23");
  reads("winter 1920", "1920-24");
  reads("Winter 1920\xE2\x80\x93" "21", "1920-24");
}

TEST_CASE("eras") {
  reads("480 BC", "-0479");
  reads("480 BCE", "-0479");
  reads("480 B.C.", "-0479");
  reads("44 BCE", "-0043");
  reads("15 March 44 BC", "-0043-03-15");
  reads("1 BC", "0000");
  reads("AD 14", "0014");
  reads("A.D. 14", "0014");
  reads("14 AD", "0014");
  reads("14 CE", "0014");
  reads("19 August AD 14", "0014-08-19");
  reads("12000 BC", "Y-11999");
  reads("170,000,002", "Y170000002");
}

TEST_CASE("ranges and open intervals") {
  reads("1917-1922", "1917/1922");
  reads("1917\xE2\x80\x93" "1922", "1917/1922");
  reads("1917 \xE2\x80\x94 1922", "1917/1922");
  reads("1917 - 1922", "1917/1922");
  reads("1917 to 1922", "1917/1922");
  reads("from 1917 to 1922", "1917/1922");
  reads("between 1917 and 1922", "1917/1922");
  reads("June 1907 to 3 May 1910", "1907-06/1910-05-03");
  reads("26\xE2\x80\x93" "28 June 1907", "1907-06-26/1907-06-28");
  reads("June\xE2\x80\x93" "August 1920", "1920-06/1920-08");
  reads("480\xE2\x80\x93" "400 BC", "-0479/-0399");
  reads("c. 1917 to 1922", "1917~/1922");
  reads("before 1920", "../1919");
  reads("after 1920", "1921/..");
  reads("before June 1920", "../1920-05");
  reads("after 26 June 1907", "1907-06-27/..");
  reads("before 1 January 1920", "../1919-12-31");
  reads("before spring 1920", "../1920-02");
  reads("after the 1920s", "1930/..");
  reads("before 480 BC", "../-0480");
  reads("from 1985", "1985/..");
  reads("since 1985", "1985/..");
  reads("until 1985", "../1985");
  reads("1985 \xE2\x80\x93 unknown", "1985/");
  reads("unknown \xE2\x80\x93 1985", "/1985");
}

TEST_CASE("Old Style") {
  reads("25 October 1917 OS", "1917-10-25", true);
  reads("25 October 1917 O.S.", "1917-10-25", true);
  reads("25 October 1917 (Old Style)", "1917-10-25", true);
  reads("25 October 1917 old style", "1917-10-25", true);
  reads("29 February 1700 OS", "1700-02-29", true);  // valid in the Julian calendar only
  reads("1917-10-25 OS", "1917-10-25", true);
  reads("October 1917 (Old Style)", "1917-10", true);
  reads("25 October [7 November] 1917", "1917-10-25", true);
  reads("1 [14] March 1918", "1918-03-01", true);
  reads("25 December 1917 [7 January 1918]", "1917-12-25", true);
  const NaturalDate j = parse_natural("29 February 1700", Calendar::Julian);
  CHECK(j.ok);
  CHECK(j.julian);
  CHECK(j.edtf == "1700-02-29");
  refused("29 February 1700", "29 February 1700: February 1700 has 28 days");
  refused("25 October [8 November] 1917",
          "25 October [8 November] 1917: the Julian date 25 October is 7 November 1917 in the Gregorian calendar");
}

TEST_CASE("ambiguous forms are refused with the EDTF to type") {
  refused("04/05/1920", "04/05/1920 is ambiguous: type 1920-05-04 (4 May) or 1920-04-05 (5 April)");
  refused("4.5.1920", "4.5.1920 is ambiguous: type 1920-05-04 (4 May) or 1920-04-05 (5 April)");
  refused("04-05-1920", "04-05-1920 is ambiguous: type 1920-05-04 (4 May) or 1920-04-05 (5 April)");
  refused("1900s", "1900s is ambiguous: type 190X (1900\xE2\x80\x93" "1909) or 19XX (1900\xE2\x80\x93" "1999)");
  refused("480", "480: a year has four digits: type 0480 (AD 480) or write 480 BC");
  refused("4/5/20", "4/5/20: the year must have four digits, e.g. 1920-05-04");
  // Only one reading is a real date: no ambiguity.
  reads("26/06/1907", "1907-06-26");
  reads("06/26/1907", "1907-06-26");
  reads("05/05/1920", "1920-05-05");
}

TEST_CASE("impossible dates typed in words are refused with the reason") {
  refused("30 February 1985", "30 February 1985: February 1985 has 28 days");
  refused("31 April 1985", "31 April 1985: April 1985 has 30 days");
  refused("0 June 1907", "0 June 1907: there is no day 0");
  refused("0 BC", "0 BC: there is no year 0 BC (1 BC is followed by AD 1)");
  refused("1922 to 1917", "1922 to 1917: the end (1917) is before the start (1922)");
  CHECK(parse_natural("1922 to 1917").range_reversed);
  CHECK(parse_natural("2008/1964").range_reversed);
  refused("early c. 1920", "early c. 1920: 'early', 'mid', 'late', halves and quarters take a date without c., ~ or ?");
}

TEST_CASE("EDTF errors come back for EDTF-shaped input") {
  refused("1985-13", "1985-13: there is no month 13");
  refused("1985-02-30", "1985-02-30: February 1985 has 28 days");
  refused("2008/1964", "2008/1964: the end (1964) is before the start (2008)");
  refused("1950S5", "1950S5: significant digits (S5) must be from 1 to the year's 4 digits");
  CHECK(parse_natural("hello").error.rfind("hello: not a date", 0) == 0);
  CHECK_FALSE(parse_natural("").ok);
  CHECK_FALSE(parse_natural("   ").ok);
}

TEST_CASE("round trip: canonical EDTF in, the same string out") {
  for (const char* s : {"1985", "1985-04", "1985-04-12", "1985-04-12T23:20:30Z", "1985-04-12T23:20:30+01:00",
                        "1964/2008", "2004-06/2006-08", "1985-04-12/..", "../1985", "1985/", "/1985", "1984?",
                        "2004-06~", "2004-06-11%", "201X", "20XX", "2004-XX", "1985-04-XX", "1985-XX-XX", "2001-21",
                        "2001-24", "-0479", "0000", "-0479-03-15", "Y170000002", "Y-170000002", "1984~/2004-06",
                        "-047X", "-00XX", "1920~/1919",
                        // Level 2 comes back as written.
                        "[1667,1668,1670..1672]", "{1960,1961-12}", "?2004-06-~11", "156X-12-25", "1950S2", "Y-17E7",
                        "2001-34", "2004-06-~01/2004-06-~20", "../.."}) {
    const std::string input(s);
    CAPTURE(input);
    const NaturalDate n = parse_natural(s);
    CHECK(n.ok);
    CHECK(n.edtf == s);
    CHECK_FALSE(n.julian);
  }
}

TEST_CASE("round trip: what format_human writes reads back as the same EDTF") {
  for (const char* s : {"1907-06-26", "1907-06", "1907", "1920~", "1920?", "1920%", "1920-21", "1920-24", "1999-24",
                        "191X", "19XX", "-04XX", "-00XX", "014X", "1985-XX", "1985-04-XX", "1985-XX-XX", "-0479",
                        "0000", "0014", "0014-08-19", "-0043-03-15", "Y170000002", "Y-170000002", "1917/1922",
                        "2004-06/2006-08", "1985/..", "../1985", "1985/", "/1985", "-0479/-0399", "0014/0030",
                        "1917~/1922", "2004-06-11%", "191X~"}) {
    const std::string input(s);
    CAPTURE(input);
    const std::string human = format_human(s);
    CAPTURE(human);
    const NaturalDate n = parse_natural(human);
    CHECK(n.ok);
    CHECK(n.edtf == s);
  }
  for (const char* s : {"1917-10-25", "1918-03-01", "1917-12-25", "1917-10", "1917", "1917-10-25/1918-01-31"}) {
    const std::string input(s);
    CAPTURE(input);
    const std::string human = format_human(s, Calendar::Julian);
    CAPTURE(human);
    const NaturalDate n = parse_natural(human);
    CHECK(n.ok);
    CHECK(n.edtf == s);
    CHECK(n.julian);
  }
}
