// The ages of the people an entry mentions, at its date.
#include <doctest/doctest.h>

#include "uchronia/ages.hpp"

using namespace uch;

TEST_CASE("an entry tells the age of each person it links to, once, in order of mention") {
  Entity trotsky{.id = "trotsky", .name = "Leon Trotsky", .kind = EntityKind::Person, .aliases = {"Trotsky"}, .start = "1879-11-07"};
  Entity lenin{.id = "lenin", .name = "Vladimir Lenin", .kind = EntityKind::Person, .start = "1870-04-22"};
  Entity party{.id = "party", .name = "The Party", .kind = EntityKind::Organisation, .start = "1898"};
  Entity unborn{.id = "kim", .name = "Kim", .kind = EntityKind::Person, .start = "1930"};
  const People people({trotsky, lenin, party, unborn});
  Entry e;
  e.date = "1924-01-21";
  e.body = "[[Trotsky]] mourns [[Vladimir Lenin|Lenin]]; [[The Party]] and [[Leon Trotsky]] and [[Kim]] and [[Nobody]].";
  const auto ages = people.ages_at(e);
  REQUIRE(ages.size() == 2);
  CHECK(ages[0].name == "Leon Trotsky");
  CHECK(format_age(ages[0].age) == "44");
  CHECK(ages[1].name == "Vladimir Lenin");
  CHECK(format_age(ages[1].age) == "53");
  e.date = "1924";
  CHECK(format_age(people.ages_at(e)[0].age) == "44\xE2\x80\x93" "45");
  e.date = "";
  CHECK(people.ages_at(e).empty());
}

TEST_CASE("ages are worded one way for the editor and the exports: name, age, separated by a middle dot") {
  Entity trotsky{.id = "trotsky", .name = "Leon Trotsky", .kind = EntityKind::Person, .start = "1879-11-07"};
  Entity lenin{.id = "lenin", .name = "Vladimir Lenin", .kind = EntityKind::Person, .start = "1870-04-22"};
  const People people({trotsky, lenin});
  Entry e;
  e.date = "1924";
  e.body = "[[Vladimir Lenin]] and [[Leon Trotsky]]";
  CHECK(ages_text(people.ages_at(e)) == "Vladimir Lenin, 53\xE2\x80\x93" "54 \xC2\xB7 Leon Trotsky, 44\xE2\x80\x93" "45");
  CHECK(ages_text({}).empty());
}
