// The simdjson fast path of the interchange reader may only ever agree with the full reader:
// whatever it accepts must read to the very same Document, and anything special must be left
// to the full reader (which keeps unknown fields and words every refusal).
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>

#include "model/interchange_fast_read.hpp"  // white-box: the two readers side by side
#include "uchronia/generate.hpp"

using namespace uch;

namespace {

std::string slurp(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

/// The property: when the fast path says yes, the full reader reads the same Document.
/// Returns whether the fast path said yes.
bool agrees(const std::string& text) {
  const auto fast = detail::read_interchange_json_fast(text);
  if (!fast) return false;
  Document full;
  try {
    full = detail::read_interchange_json_full(text);
  } catch (const ImportError& e) {
    FAIL_CHECK("fast path accepted what the full reader refuses: " << e.what());
    return true;
  }
  CHECK(*fast == full);
  return true;
}

}  // namespace

TEST_CASE("the fast path reads the sample and generated timelines exactly as the full reader") {
  CHECK(agrees(slurp(UCHRONIA_SAMPLE_JSON)));
  CHECK(agrees(write_interchange_json(generate_timeline({.entries = 3000, .entities = 300, .seed = 5}))));
  CHECK(agrees(R"({"format":"uchronia-timeline","version":1})"));
}

TEST_CASE("the fast path leaves to the full reader what it treats specially") {
  const std::string head = R"({"format":"uchronia-timeline","version":1,)";
  for (const std::string& special : {
           head + R"("x-custom":{"a":1}})",                                                   // unknown field, kept
           head + R"("entries":[{"id":"a","title":"A","x-color":"red"}]})",                   // unknown entry field
           head + R"("title":"A","title":"B"})",                                              // duplicate key
           head + R"("entries":[{"id":"a","title":"A"},{"id":"a","title":"B"}]})",            // duplicate id
           head + R"("entries":[{"id":"bad id","title":"A"}]})",                              // invalid id
           head + R"("entries":[{"id":"a","title":"A","series":{"name":"S","number":2.0}}]})", // 2.0 is 2 there
           head + R"("title":"a\u0000b"})",                                                   // NUL
           head + "\"title\":\"\xC3\x28\"}",                                                  // invalid UTF-8
           std::string(R"({"format":"uchronia-timeline","version":2})"),                      // newer
           std::string("\xEF\xBB\xBF") + head + "\"title\":\"A\"}",                           // byte-order mark
           head + R"("title":"A"} trailing)"}) {
    CAPTURE(special);
    CHECK_FALSE(detail::read_interchange_json_fast(special));
  }
  // ...and the public reader still answers as before: extra fields kept, refusals worded.
  const Document doc = read_interchange_json(head + R"("x-custom":{"a":1}})");
  CHECK(doc.extra == R"({"x-custom":{"a":1}})");
  CHECK_THROWS_AS(read_interchange_json(head + R"("title":"A","title":"B"})"), ImportError);
}

TEST_CASE("the fast path agrees with the full reader on every fixture and on thousands of damaged files") {
  int accepted = 0;
  for (const auto& dir : {std::filesystem::path(UCHRONIA_FIXTURES), std::filesystem::path(UCHRONIA_FIXTURES) / ".." / "fuzz" / "corpus"}) {
    if (!std::filesystem::is_directory(dir)) continue;
    for (const auto& f : std::filesystem::recursive_directory_iterator(dir)) {
      if (!f.is_regular_file()) continue;
      CAPTURE(f.path().string());
      accepted += agrees(slurp(f.path()));
    }
  }
  CHECK(accepted > 0);
  // Damage the sample at random places with bytes that matter to JSON: the property must hold
  // for each, whether the result is still a valid file or not.
  const std::string sample = slurp(UCHRONIA_SAMPLE_JSON);
  const std::string bytes = "{}[],:\"\\ 0-9eE.tfn\x01\xC3\xA9\x80\xFF";
  std::mt19937 rng(42);
  int still_accepted = 0;
  for (int i = 0; i < 3000; ++i) {
    std::string text = sample;
    const int edits = 1 + static_cast<int>(rng() % 3);
    for (int k = 0; k < edits; ++k) {
      const std::size_t at = rng() % text.size();
      const char c = bytes[rng() % bytes.size()];
      switch (rng() % 3) {
        case 0: text[at] = c; break;
        case 1: text.erase(at, 1); break;
        default: text.insert(text.begin() + static_cast<std::ptrdiff_t>(at), c);
      }
    }
    CAPTURE(i);
    still_accepted += agrees(text);
  }
  CHECK(still_accepted > 100);  // damage inside a text often leaves a valid file: both paths were compared
}
