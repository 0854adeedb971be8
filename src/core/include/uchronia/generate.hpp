// Synthetic timelines: a realistic document, consistent by construction, for trying workflows and benchmarks.
#pragma once

#include <cstdint>

#include "uchronia/model.hpp"

namespace uch {

struct GenerateOptions {
  int entries = 1000;        // dated entries (never undated: `check` must report nothing)
  int entities = 100;        // people, organisations, places, other
  std::uint64_t seed = 1;    // same options -> identical document, on every platform
};

/// A synthetic timeline: mixed date precisions (years, months, days, intervals, seasons,
/// `192X`, uncertain `?`, approximate `~`, BC years, Julian entries), Markdown bodies of
/// 100 to 2,000 characters in several scripts with several [[links]], tags, relations,
/// series and entity lifespans. Consistent by construction: every link resolves to exactly
/// one item, linked entities' lifespans certainly contain the entry, relations and series
/// order certainly hold, so `check_document` reports nothing. Deterministic for a seed
/// (own PRNG, no std distributions). Throws Error on negative counts.
Document generate_timeline(const GenerateOptions& options);

}  // namespace uch
