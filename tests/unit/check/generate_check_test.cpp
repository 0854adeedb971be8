// Unit test: `check` reports nothing on generated timelines (they are consistent by construction).
#include <doctest/doctest.h>

#include "uchronia/check.hpp"
#include "uchronia/generate.hpp"

TEST_CASE("generate: check_document reports nothing on 2,000 entries, for several seeds") {
  for (std::uint64_t seed : {1u, 2u, 42u}) {
    uch::GenerateOptions options;
    options.entries = 2000;
    options.entities = 200;
    options.seed = seed;
    const auto doc = uch::generate_timeline(options);
    const auto findings = uch::check_document(doc);
    for (std::size_t i = 0; i < findings.size() && i < 10; ++i)
      MESSAGE("seed " << seed << ": " << findings[i].rule << " " << findings[i].entry << findings[i].entity << ": "
                      << findings[i].message);
    CHECK_MESSAGE(findings.empty(), "seed " << seed << ": " << findings.size() << " findings");
  }
}

TEST_CASE("generate: the incremental checker agrees after an edit that keeps the document consistent") {
  uch::GenerateOptions options;
  options.entries = 500;
  options.entities = 50;
  const auto doc = uch::generate_timeline(options);
  uch::Checker checker(doc);
  CHECK(checker.findings().empty());
  auto edited = doc.entries[10];
  edited.notes += " Checked again.";
  checker.update_entry(edited.id, &edited);
  CHECK(checker.findings().empty());
}
