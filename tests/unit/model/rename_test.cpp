// Renaming an entity keeps its links: the old name becomes an alias; links can follow the new name.
#include <doctest/doctest.h>

#include "uchronia/links.hpp"
#include "uchronia/rename.hpp"

using namespace uch;

namespace {
Entity bukharin() {
  Entity e;
  e.id = "bukharin";
  e.name = "Nikolai Bukharin";
  e.aliases = {"Bukharin"};
  return e;
}
}  // namespace

TEST_CASE("a renamed entity keeps its old name as an alias, so old links still resolve") {
  const Entity renamed = renamed_entity(bukharin(), "Nikolay Bukharin");
  CHECK(renamed.name == "Nikolay Bukharin");
  CHECK(renamed.aliases == std::vector<std::string>{"Bukharin", "Nikolai Bukharin"});
  Document doc;
  doc.entities = {renamed};
  CHECK(LinkResolver(doc).resolve("Nikolai Bukharin") == std::vector<std::string>{"bukharin"});
  CHECK(LinkResolver(doc).resolve("nikolay bukharin") == std::vector<std::string>{"bukharin"});
}

TEST_CASE("renaming to an alias, or changing only the case, adds no alias twice") {
  CHECK(renamed_entity(bukharin(), "Bukharin").aliases == std::vector<std::string>{"Nikolai Bukharin"});
  CHECK(renamed_entity(bukharin(), "NIKOLAI BUKHARIN").aliases == std::vector<std::string>{"Bukharin"});
  Entity twice = renamed_entity(renamed_entity(bukharin(), "N. Bukharin"), "Nikolai Bukharin");
  CHECK(twice.aliases == std::vector<std::string>{"Bukharin", "N. Bukharin"});
}

TEST_CASE("links to the old name are pointed at the new one; labels and other links stay") {
  const std::string text =
      "[[Nikolai Bukharin]] met [[ nikolai bukharin |the editor]] and [[Bukharin]]; [[Lenin]] watched.";
  CHECK(rewrite_links(text, "Nikolai Bukharin", "Nikolay Bukharin") ==
        "[[Nikolay Bukharin]] met [[Nikolay Bukharin|the editor]] and [[Bukharin]]; [[Lenin]] watched.");
  CHECK(rewrite_links("no link here", "Nikolai Bukharin", "X") == "no link here");
  CHECK(rewrite_links("[[Nikolai Bukharin", "Nikolai Bukharin", "X") == "[[Nikolai Bukharin");   // not a link
}

TEST_CASE("an entry's body, otl and notes are all rewritten; an entity's notes too") {
  Entry e;
  e.body = "[[Nikolai Bukharin]]";
  e.otl = "In our timeline [[Nikolai Bukharin]] was shot.";
  e.notes = "see [[Lenin]]";
  CHECK(rewrite_links(e, "Nikolai Bukharin", "Nikolay Bukharin"));
  CHECK(e.body == "[[Nikolay Bukharin]]");
  CHECK(e.otl == "In our timeline [[Nikolay Bukharin]] was shot.");
  CHECK(e.notes == "see [[Lenin]]");
  CHECK_FALSE(rewrite_links(e, "Nikolai Bukharin", "Nikolay Bukharin"));
  Entity other;
  other.notes = "rival of [[Nikolai Bukharin]]";
  CHECK(rewrite_links(other, "Nikolai Bukharin", "Nikolay Bukharin"));
  CHECK(other.notes == "rival of [[Nikolay Bukharin]]");
}
