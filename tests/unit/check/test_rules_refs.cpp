// Tests of the link rules: ref.dangling, ref.ambiguous, ref.outside-lifespan.
#include <doctest/doctest.h>

#include "check_fixtures.hpp"

using namespace checktest;
using uch::Calendar;
using uch::EntityKind;
using uch::RelationType;

TEST_CASE("ref.dangling: a link in body, otl or notes that names nothing") {
  for (int field = 0; field < 3; ++field) {
    CAPTURE(field);
    DocBuilder b;
    auto& e = b.entry("e", "1920");
    (field == 0 ? e.body : field == 1 ? e.otl : e.notes) = "Met [[Nobody Known]] twice: [[nobody known|him]].";
    auto all = b.check();
    auto found = about(all, "ref.dangling", "e");
    REQUIRE(found.size() == 1);  // one finding per target
    CHECK(found[0].severity == uch::Severity::Error);
    CHECK(found[0].entry == "e");
    CHECK(found[0].related.empty());
    CHECK(found[0].message.find("[[Nobody Known]]") != std::string::npos);
  }
}

TEST_CASE("ref.dangling near misses: ids, names, aliases, titles, case and spaces") {
  DocBuilder b;
  b.person("joseph-stalin", "Joseph Stalin", "1878-12-18", "1953-03-05").aliases = {"Koba", "Сталин"};
  b.entry("target", "1920", "Battle of Warsaw");
  b.entry("e", "1920").body =
      "[[joseph-stalin]] [[  JOSEPH stalin ]] [[koba|K]] [[СТАЛИН]] [[battle of warsaw]] [[TARGET]]";
  CHECK(b.check().empty());
}

TEST_CASE("ref.dangling on an entity's notes and in the document description") {
  DocBuilder b;
  b.person("p", "P").notes = "See [[Ghost]].";
  b.doc.description = "A timeline about [[Nothing here]].";
  auto all = b.check();
  auto entity = about(all, "ref.dangling", "p");
  REQUIRE(entity.size() == 1);
  CHECK(entity[0].entity == "p");
  CHECK(entity[0].entry.empty());
  auto doc = about(all, "ref.dangling", "");
  REQUIRE(doc.size() == 1);
  CHECK(doc[0].entry.empty());
  CHECK(doc[0].entity.empty());
  CHECK(doc[0].message.find("description") != std::string::npos);
  CHECK(all.front().rule == "ref.dangling");  // document findings come first
  CHECK(uch::subject_of(all.front()).empty());
}

TEST_CASE("ref.dangling: relation ends naming nothing") {
  DocBuilder b;
  b.entry("a", "1920");
  b.person("p", "P");
  b.rel("a", RelationType::Before, "missing");
  b.rel("gone", RelationType::Causes, "a");
  b.rel("a", RelationType::During, "p");  // names an entity: not dangling
  b.rel("x", RelationType::Before, "y");  // names nothing at all: about the document
  auto all = b.check();
  auto about_a = about(all, "ref.dangling", "a");
  REQUIRE(about_a.size() == 2);
  bool to_missing = false, from_gone = false;
  for (const auto& f : about_a) {
    to_missing |= f.message.find("\"missing\"") != std::string::npos;
    from_gone |= f.message.find("\"gone\"") != std::string::npos;
  }
  CHECK(to_missing);
  CHECK(from_gone);
  auto doc = about(all, "ref.dangling", "");
  REQUIRE(doc.size() == 1);
  CHECK(doc[0].message.find("\"x\"") != std::string::npos);
  CHECK(of_rule(all, "relation.violated").empty());
}

TEST_CASE("ref.dangling acknowledged") {
  DocBuilder b;
  auto& e = b.entry("e", "1920");
  e.body = "[[Ghost]]";
  e.acknowledged.push_back(ack("ref.dangling"));
  auto all = b.check();
  REQUIRE(all.size() == 1);
  CHECK(all[0].acknowledged);
  CHECK(uch::count_findings(all).error == 0);
}

TEST_CASE("ref.ambiguous: a link matching several items") {
  DocBuilder b;
  b.person("joseph-stalin", "Joseph Stalin").aliases = {"Koba"};
  b.person("koba-bear", "Koba").aliases = {};
  b.entry("stalin-film", "1990", "Joseph Stalin");
  b.entry("e", "1920").body = "[[Koba]] and [[joseph stalin]] and [[joseph-stalin]]";
  auto all = b.check();
  auto found = about(all, "ref.ambiguous", "e");
  REQUIRE(found.size() == 2);
  for (const auto& f : found) {
    CHECK(f.severity == uch::Severity::Warning);
    CHECK(f.related.size() == 2);
  }
  // Sorted by related: joseph-stalin/koba-bear before joseph-stalin/stalin-film.
  CHECK(found[0].related == std::vector<std::string>{"joseph-stalin", "koba-bear"});
  CHECK(found[1].related == std::vector<std::string>{"joseph-stalin", "stalin-film"});
  CHECK(of_rule(all, "ref.dangling").empty());
}

TEST_CASE("ref.ambiguous near miss, in the description, and acknowledged") {
  DocBuilder b;
  b.person("a", "Same");
  b.person("b", "Same");
  b.entry("e", "1920").body = "[[a]] [[b]]";
  CHECK(b.check().empty());
  b.doc.description = "[[Same]]";
  CHECK(about(b.check(), "ref.ambiguous", "").size() == 1);
  b.doc.description.clear();
  b.doc.entries[0].body = "[[same]]";
  b.doc.entries[0].acknowledged.push_back(ack("ref.ambiguous"));
  auto all = b.check();
  REQUIRE(all.size() == 1);
  CHECK(all[0].acknowledged);
  CHECK(uch::count_findings(all).warning == 0);
}

namespace {

DocBuilder lifespan_doc(const std::string& entry_date, const std::string& field = "body") {
  DocBuilder b;
  b.person("joseph-stalin", "Joseph Stalin", "1878-12-18", "1907-06-26");
  auto& e = b.entry("e", entry_date, "Something");
  (field == "body" ? e.body : field == "otl" ? e.otl : e.notes) = "With [[Joseph Stalin|Stalin]].";
  return b;
}

bool outside(const DocBuilder& b) { return !about(b.check(), "ref.outside-lifespan", "e").empty(); }

}  // namespace

TEST_CASE("ref.outside-lifespan: after the entity's end, with the message of the spec") {
  auto b = lifespan_doc("1920");
  auto all = b.check();
  REQUIRE(all.size() == 1);
  const auto& f = all[0];
  CHECK(f.rule == "ref.outside-lifespan");
  CHECK(f.severity == uch::Severity::Warning);
  CHECK(f.entry == "e");
  CHECK(f.entity == "joseph-stalin");
  CHECK(f.related == std::vector<std::string>{"joseph-stalin"});
  CHECK(f.message == "Joseph Stalin died on 26 June 1907; this entry is dated 1920.");
  CHECK_FALSE(f.acknowledged);
}

TEST_CASE("ref.outside-lifespan: before the start, worded per kind") {
  DocBuilder b;
  b.person("napoleon", "Napoleon Bonaparte", "1769-08-15", "1815-06-18");
  b.entity("party", "The Party", EntityKind::Organisation, "1903", "1912-01");
  b.entity("town", "Town", EntityKind::Place, "1850", "1900");
  b.entry("early", "1750").body = "[[Napoleon Bonaparte]] [[The Party]] [[Town]]";
  b.entry("late", "1815-10-15").body = "[[Napoleon Bonaparte]]";
  b.entry("later", "1913").body = "[[The Party]] [[Town]]";
  auto all = b.check();
  auto early = about(all, "ref.outside-lifespan", "early");
  REQUIRE(early.size() == 3);
  std::vector<std::string> messages;
  for (const auto& f : early) messages.push_back(f.message);
  CHECK(std::count(messages.begin(), messages.end(),
                   "Napoleon Bonaparte was born on 15 August 1769; this entry is dated 1750.") == 1);
  CHECK(std::count(messages.begin(), messages.end(), "The Party was founded in 1903; this entry is dated 1750.") == 1);
  CHECK(std::count(messages.begin(), messages.end(), "Town began in 1850; this entry is dated 1750.") == 1);
  auto late = about(all, "ref.outside-lifespan", "late");
  REQUIRE(late.size() == 1);
  CHECK(late[0].message == "Napoleon Bonaparte died on 18 June 1815; this entry is dated 15 October 1815.");
  auto later = about(all, "ref.outside-lifespan", "later");
  REQUIRE(later.size() == 2);
  messages.clear();
  for (const auto& f : later) messages.push_back(f.message);
  CHECK(std::count(messages.begin(), messages.end(),
                   "The Party was dissolved in January 1912; this entry is dated 1913.") == 1);
  CHECK(std::count(messages.begin(), messages.end(), "Town ended in 1900; this entry is dated 1913.") == 1);
}

TEST_CASE("ref.outside-lifespan near misses") {
  CHECK(outside(lifespan_doc("1907-06-27")));
  CHECK_FALSE(outside(lifespan_doc("1907-06-26")));  // the same day
  CHECK_FALSE(outside(lifespan_doc("1907")));        // the year contains the death
  CHECK_FALSE(outside(lifespan_doc("1907-06")));
  CHECK_FALSE(outside(lifespan_doc("1908~")));     // widened to 1907..1909
  CHECK_FALSE(outside(lifespan_doc("1907-07~")));  // widened to June..August 1907
  CHECK_FALSE(outside(lifespan_doc("1908%")));
  CHECK(outside(lifespan_doc("1908?")));            // uncertain is not widened (spec section 2)
  CHECK_FALSE(outside(lifespan_doc("1905/1910")));  // an interval spanning the death
  CHECK_FALSE(outside(lifespan_doc("190X")));       // unspecified digits: 1900..1909
  CHECK(outside(lifespan_doc("191X")));
  CHECK_FALSE(outside(lifespan_doc("1907-22")));  // summer 1907
  CHECK(outside(lifespan_doc("1907-24")));        // winter 1907
  CHECK_FALSE(outside(lifespan_doc("1900")));     // within the lifespan
  CHECK(outside(lifespan_doc("1877")));           // before birth
  CHECK_FALSE(outside(lifespan_doc("1878~")));
  CHECK_FALSE(outside(lifespan_doc("")));             // undated: date.missing only
  CHECK_FALSE(outside(lifespan_doc("1920-02-30")));   // invalid: date.invalid only
  CHECK_FALSE(outside(lifespan_doc("1920", "otl")));  // a link about our timeline
  CHECK(outside(lifespan_doc("1920", "notes")));
}

TEST_CASE("ref.outside-lifespan: an entity whose end is open or unknown") {
  DocBuilder b;
  b.person("p", "Still Alive", "1950");
  b.person("q", "Open End", "1950", "1960/..");
  b.entry("e", "2020").body = "[[Still Alive]] [[Open End]]";
  CHECK(b.check().empty());
}

TEST_CASE("ref.outside-lifespan: Old Style date near the 13-day gap") {
  // Died Julian 1917-10-25 = Gregorian 1917-11-07.
  auto make = [](const std::string& entry_date) {
    DocBuilder b;
    auto& p = b.person("p", "Old Style Man", "1850-01-01", "1917-10-25");
    p.calendar = Calendar::Julian;
    b.entry("e", entry_date).body = "[[Old Style Man]]";
    return b;
  };
  CHECK_FALSE(outside(make("1917-11-05")));  // after 25 October, but not after 7 November
  CHECK_FALSE(outside(make("1917-11-07")));
  CHECK(outside(make("1917-11-08")));
  auto found = about(make("1917-11-08").check(), "ref.outside-lifespan", "e");
  REQUIRE(found.size() == 1);
  CHECK(found[0].message == "Old Style Man died on 25 October [7 November] 1917; this entry is dated 8 November 1917.");
  // An Old Style entry compared with a New Style death.
  DocBuilder c;
  c.person("p", "New Style Man", "1850", "1917-11-07");
  auto& e = c.entry("e", "1917-10-26");  // Julian: 8 November 1917
  e.calendar = Calendar::Julian;
  e.body = "[[New Style Man]]";
  CHECK(outside(c));
  c.doc.entries[0].date = "1917-10-25";  // Julian: 7 November, the same day
  CHECK_FALSE(outside(c));
}

TEST_CASE("ref.outside-lifespan: BC dates across year zero") {
  // Astronomical years: 0000 is 1 BC, -0001 is 2 BC, -0500 is 501 BC.
  auto make = [](const std::string& end, const std::string& entry_date) {
    DocBuilder b;
    b.person("p", "Ancient", "-0500", end);
    b.entry("e", entry_date).body = "[[Ancient]]";
    return b;
  };
  CHECK(outside(make("-0001", "0000")));          // died 2 BC, entry 1 BC
  CHECK_FALSE(outside(make("0000", "0000-12")));  // died in 1 BC, entry December 1 BC
  CHECK(outside(make("0000", "0001")));           // died 1 BC, entry AD 1
  CHECK_FALSE(outside(make("0001", "0000")));     // died AD 1, entry 1 BC
  CHECK_FALSE(outside(make("-0464", "-0464-05")));
  CHECK(outside(make("-0464", "-0463")));        // died 465 BC, entry 464 BC
  CHECK_FALSE(outside(make("-0464", "-0465")));  // entry 466 BC: before the death
  CHECK(outside(make("", "-0501")));             // born 501 BC, entry 502 BC
  CHECK_FALSE(outside(make("", "-0500")));
  auto msg = about(make("-0479", "-0300").check(), "ref.outside-lifespan", "e");
  REQUIRE(msg.size() == 1);
  CHECK(msg[0].message == "Ancient died in 480 BC; this entry is dated 301 BC.");
}

TEST_CASE("ref.outside-lifespan: ambiguous links and entries are not checked; once per entity") {
  DocBuilder b;
  b.person("p1", "Twin", "1800", "1850");
  b.person("p2", "Twin", "1800", "1850");
  b.person("p3", "Dead", "1800", "1850").aliases = {"Very Dead"};
  b.entry("target", "1800", "An entry");
  b.entry("e", "1900").body = "[[Twin]] [[An entry]] [[Dead]] [[Very Dead]] [[p3]]";
  auto all = b.check();
  auto found = about(all, "ref.outside-lifespan", "e");
  REQUIRE(found.size() == 1);
  CHECK(found[0].entity == "p3");
  CHECK(about(all, "ref.ambiguous", "e").size() == 1);
}

TEST_CASE("ref.outside-lifespan acknowledged: flagged, not counted") {
  auto b = lifespan_doc("1920");
  b.doc.entries[0].acknowledged.push_back(ack("ref.outside-lifespan"));
  auto all = b.check();
  REQUIRE(all.size() == 1);
  CHECK(all[0].acknowledged);
  auto counts = uch::count_findings(all);
  CHECK(counts.warning == 0);
  CHECK(counts.error == 0);
  // The acknowledgement belongs to the entry, not the entity.
  auto c = lifespan_doc("1920");
  c.doc.entities[0].acknowledged.push_back(ack("ref.outside-lifespan"));
  CHECK_FALSE(c.check().at(0).acknowledged);
}
