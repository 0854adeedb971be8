// Unit tests: [[link]] parsing edge cases, Unicode-aware name folding, and the link resolver.
#include <doctest/doctest.h>

#include <string>

#include "uchronia/links.hpp"

using uch::fold_name;
using uch::parse_links;

TEST_CASE("parse_links: plain link, offsets, label defaults to the target") {
  const auto links = parse_links("See [[Joseph Stalin]].");
  REQUIRE(links.size() == 1);
  CHECK(links[0].target == "Joseph Stalin");
  CHECK(links[0].label == "Joseph Stalin");
  CHECK(links[0].begin == 4);
  CHECK(links[0].end == 21);
}

TEST_CASE("parse_links: label, trimming, several links in order") {
  const std::string text = "[[ joseph-stalin | Koba ]] and [[Ленин|Ilyich]] and [[a|b|c]] and [[x|]]";
  const auto links = parse_links(text);
  REQUIRE(links.size() == 4);
  CHECK(links[0].target == "joseph-stalin");
  CHECK(links[0].label == "Koba");
  CHECK(text.substr(links[0].begin, links[0].end - links[0].begin) == "[[ joseph-stalin | Koba ]]");
  CHECK(links[1].target == "Ленин");
  CHECK(links[1].label == "Ilyich");
  CHECK(links[2].target == "a");
  CHECK(links[2].label == "b|c");  // the first bar separates target and label
  CHECK(links[3].target == "x");
  CHECK(links[3].label == "x");    // empty label: the target
  CHECK(links[3].end == text.size());
}

TEST_CASE("parse_links: malformed brackets are plain text") {
  CHECK(parse_links("").empty());
  CHECK(parse_links("[[]]").empty());
  CHECK(parse_links("[[   ]]").empty());
  CHECK(parse_links("[[|label]]").empty());
  CHECK(parse_links("[[unterminated").empty());
  CHECK(parse_links("[[unterminated]").empty());
  CHECK(parse_links("not opened]]").empty());
  CHECK(parse_links("[single]").empty());
  CHECK(parse_links("[ [spaced] ]").empty());
  CHECK(parse_links("[[across\nlines]]").empty());
  CHECK(parse_links("[[across\r\nlines]]").empty());
  CHECK(parse_links("]]backwards[[").empty());
}

TEST_CASE("parse_links: nesting and extra brackets") {
  auto links = parse_links("[[[a]]]");
  REQUIRE(links.size() == 1);
  CHECK(links[0].target == "a");
  CHECK(links[0].begin == 1);
  CHECK(links[0].end == 6);

  links = parse_links("[[outer [[inner]] tail]]");
  REQUIRE(links.size() == 1);  // the innermost "[[" wins; the trailing "]]" is plain text
  CHECK(links[0].target == "inner");

  links = parse_links("[[a\nb]] then [[c]]");
  REQUIRE(links.size() == 1);
  CHECK(links[0].target == "c");

  links = parse_links("[[a]][[b]]");
  REQUIRE(links.size() == 2);
  CHECK(links[1].target == "b");
  CHECK(links[1].begin == 5);

  links = parse_links("[[a]b]]");
  REQUIRE(links.size() == 1);
  CHECK(links[0].target == "a]b");
}

TEST_CASE("parse_links: hostile input (long bracket runs, broken links, bytes) never throws") {
  const std::string opens(200000, '[');
  const std::string closes(200000, ']');
  CHECK(parse_links(opens).empty());
  CHECK(parse_links(closes).empty());
  const auto links = parse_links(opens + "x" + closes);
  REQUIRE(links.size() == 1);
  CHECK(links[0].target == "x");
  std::string mixed;
  for (int i = 0; i < 50000; ++i) mixed += "[[a|\n]]";
  CHECK(parse_links(mixed).empty());
  CHECK(parse_links(std::string("[[\xff\xfe]]")).size() == 1);  // bytes, not UTF-8: still no crash
}

TEST_CASE("fold_name: ASCII, trimming, interior spaces kept") {
  CHECK(fold_name("Joseph STALIN") == "joseph stalin");
  CHECK(fold_name("  \tLenin \n") == "lenin");
  CHECK(fold_name("a  b") == "a  b");
  CHECK(fold_name("") == "");
  CHECK(fold_name("   ") == "");
  // Unicode spaces: no-break space, em space, ideographic space, byte-order mark.
  CHECK(fold_name("\u00A0Lenin\u2003\u3000") == "lenin");
  CHECK(fold_name("\uFEFFLenin") == "lenin");
}

TEST_CASE("fold_name: Latin-1 and Latin Extended-A") {
  CHECK(fold_name("Ä") == fold_name("ä"));
  CHECK(fold_name("ÄÖÜ ÀÉÎÕØ Þ") == "äöü àéîõø þ");
  CHECK(fold_name("×") == "×");   // multiplication sign is not a letter
  CHECK(fold_name("ß") == "ß");   // simple folding keeps sharp s
  CHECK(fold_name("ŁÓDŹ") == "łódź");
  CHECK(fold_name("ČEŠKÁ ŘEKA") == "češká řeka");
  CHECK(fold_name("Œuvre") == "œuvre");
  CHECK(fold_name("Ÿ") == "ÿ");
  CHECK(fold_name("İstanbul") == "istanbul");
  CHECK(fold_name("ŐŰ") == "őű");
  CHECK(fold_name("ĹĽŃŇ") == "ĺľńň");
}

TEST_CASE("fold_name: Greek and Cyrillic") {
  CHECK(fold_name("ЛЕНИН") == "ленин");
  CHECK(fold_name("Ленин") == fold_name("лЕНИН"));
  CHECK(fold_name("СЕМЁН БУДЁННЫЙ") == "семён будённый");
  CHECK(fold_name("ЀЏЉЊЋ") == "ѐџљњћ");
  CHECK(fold_name("ЁЖИК") != fold_name("ежик"));  // case only: ё and е stay distinct
  CHECK(fold_name("ҐӘӨҮ") == "ґәөү");
  CHECK(fold_name("ΣΩΚΡΆΤΗΣ") == fold_name("σωκράτης"));  // final sigma folds to sigma
  CHECK(fold_name("ΜΆΧΗ ΤΟΥ ΜΑΡΑΘΏΝΑ") == "μάχη του μαραθώνα");
  CHECK(fold_name("ΈΉΊΌΎ") == "έήίόύ");
}

TEST_CASE("fold_name: other scripts and bytes that are not UTF-8 pass through") {
  CHECK(fold_name("東京") == "東京");
  CHECK(fold_name("😀A") == "😀a");
  CHECK(fold_name(std::string("A\xff" "B")) == std::string("a\xff" "b"));
  CHECK(fold_name(std::string("\xd0")) == std::string("\xd0"));  // truncated sequence
}

namespace {

uch::Document resolver_doc() {
  uch::Document doc;
  uch::Entity lenin;
  lenin.id = "vladimir-lenin";
  lenin.name = "Vladimir Lenin";
  lenin.kind = uch::EntityKind::Person;
  lenin.aliases = {"Lenin", "Ленин", " Ilyich "};
  doc.entities.push_back(lenin);
  uch::Entity stalin;
  stalin.id = "joseph-stalin";
  stalin.name = "Joseph Stalin";
  stalin.aliases = {"Koba"};
  doc.entities.push_back(stalin);
  uch::Entry article;
  article.id = "lenin-article";
  article.title = "LENIN";  // same folded key as the alias of vladimir-lenin: ambiguous
  doc.entries.push_back(article);
  uch::Entry robbery;
  robbery.id = "stalin-killed";
  robbery.title = "Stalin killed in a bank robbery";
  doc.entries.push_back(robbery);
  return doc;
}

}  // namespace

TEST_CASE("LinkResolver: ids, names, aliases, titles, all folded") {
  const uch::LinkResolver resolver(resolver_doc());
  using V = std::vector<std::string>;
  CHECK(resolver.resolve("vladimir-lenin") == V{"vladimir-lenin"});
  CHECK(resolver.resolve("VLADIMIR-LENIN") == V{"vladimir-lenin"});
  CHECK(resolver.resolve("  vladimir lenin ") == V{"vladimir-lenin"});
  CHECK(resolver.resolve("ЛЕНИН") == V{"vladimir-lenin"});
  CHECK(resolver.resolve("ilyich") == V{"vladimir-lenin"});
  CHECK(resolver.resolve("koba") == V{"joseph-stalin"});
  CHECK(resolver.resolve("Stalin Killed In A Bank Robbery") == V{"stalin-killed"});
  CHECK(resolver.resolve("stalin-killed") == V{"stalin-killed"});
}

TEST_CASE("LinkResolver: ambiguous targets give every id sorted, dangling none") {
  uch::LinkResolver resolver(resolver_doc());
  using V = std::vector<std::string>;
  CHECK(resolver.resolve("Lenin") == V{"lenin-article", "vladimir-lenin"});
  CHECK(resolver.resolve("Trotsky").empty());
  CHECK(resolver.resolve("").empty());
  CHECK(resolver.resolve("   ").empty());

  // An item whose id equals its own name counts once.
  uch::Entity self;
  self.id = "warsaw";
  self.name = "Warsaw";
  self.aliases = {"WARSAW", "warsaw"};
  resolver.add_entity(self);
  CHECK(resolver.resolve("warsaw") == V{"warsaw"});
}

TEST_CASE("LinkResolver: remove_item and re-adding replace an item's keys") {
  uch::LinkResolver resolver(resolver_doc());
  using V = std::vector<std::string>;
  resolver.remove_item("lenin-article");
  CHECK(resolver.resolve("lenin") == V{"vladimir-lenin"});
  CHECK(resolver.resolve("lenin-article").empty());
  resolver.remove_item("no-such-item");  // harmless

  uch::Entry robbery;
  robbery.id = "stalin-killed";
  robbery.title = "Tiflis robbery";  // renamed
  resolver.add_entry(robbery);
  CHECK(resolver.resolve("Stalin killed in a bank robbery").empty());
  CHECK(resolver.resolve("tiflis robbery") == V{"stalin-killed"});

  resolver.remove_item("vladimir-lenin");
  CHECK(resolver.resolve("lenin").empty());
  CHECK(resolver.resolve("Ленин").empty());
}

TEST_CASE("LinkField names") {
  CHECK(std::string(uch::to_string(uch::LinkField::Body)) == "body");
  CHECK(std::string(uch::to_string(uch::LinkField::Otl)) == "otl");
  CHECK(std::string(uch::to_string(uch::LinkField::Notes)) == "notes");
  CHECK(std::string(uch::to_string(uch::LinkField::Description)) == "description");
}
