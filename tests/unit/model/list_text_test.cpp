// Tags and aliases typed as one comma-separated line: the one reading every front end uses.
#include <doctest/doctest.h>

#include "uchronia/model.hpp"

using namespace uch;

TEST_CASE("a typed list is split at commas, trimmed, without empty or repeated items") {
  using V = std::vector<std::string>;
  CHECK(split_list("russia, war ,\tfamine") == V{"russia", "war", "famine"});
  CHECK(split_list(" , ,, ") == V{});
  CHECK(split_list("") == V{});
  CHECK(split_list("war, war, War") == V{"war", "War"});   // case is the writer's
  CHECK(split_list("Koba,Soso") == V{"Koba", "Soso"});
}

TEST_CASE("a list shown for editing reads back as the same list") {
  const std::vector<std::string> tags{"russia", "civil war", "1917"};
  CHECK(join_list(tags) == "russia, civil war, 1917");
  CHECK(split_list(join_list(tags)) == tags);
  CHECK(join_list({}) == "");
}
