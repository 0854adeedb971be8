// History tells acknowledgement changes as sentences, never as raw JSON.
#include <doctest/doctest.h>

#include "ack_sentences.hpp"

using uch::app::acknowledgement_sentences;

TEST_CASE("an accepted finding reads as a sentence with the rule's meaning and the writer's reason") {
  const auto s = acknowledgement_sentences("[]", R"([{"rule":"ref.outside-lifespan","reason":"OTL note"}])");
  REQUIRE(s.size() == 1);
  CHECK(s[0].starts_with("Accepted ref.outside-lifespan ("));
  CHECK(s[0].find("lifespan") != std::string::npos);
  CHECK(s[0].ends_with("\xE2\x80\x9C" "OTL note\xE2\x80\x9D"));
  CHECK(s[0].find('{') == std::string::npos);
}

TEST_CASE("a withdrawn acknowledgement says so; unchanged ones are not repeated") {
  const auto s = acknowledgement_sentences(R"([{"rule":"entry.duplicate","reason":"two sources"},{"rule":"date.missing","reason":""}])",
                                           R"([{"rule":"date.missing","reason":""}])");
  REQUIRE(s.size() == 1);
  CHECK(s[0].starts_with("No longer accepted: entry.duplicate"));
}

TEST_CASE("a created item's acknowledgements, and a value that is not ours, are still shown") {
  CHECK(acknowledgement_sentences(std::nullopt, R"([{"rule":"date.missing"}])").size() == 1);
  CHECK(acknowledgement_sentences("[]", "not json") == std::vector<std::string>{"[] \xE2\x86\x92 not json"});
}
