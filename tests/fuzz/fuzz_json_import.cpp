// libFuzzer target: interchange JSON import refuses bad input with ImportError only, and what it
// accepts round-trips: write(read(X)) reads back equal, and writing that again is byte-identical.
// Its simdjson fast path may only accept what the full reader reads to the same Document.
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "model/interchange_fast_read.hpp"
#include "uchronia/interchange.hpp"

namespace {
void require(bool ok) {
  if (!ok) std::abort();
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  if (const auto fast = uch::detail::read_interchange_json_fast(text)) {
    try {
      require(*fast == uch::detail::read_interchange_json_full(text));
    } catch (const uch::ImportError&) {
      std::abort();  // the fast path accepted what the full reader refuses
    }
  }
  uch::Document doc;
  try {
    doc = uch::read_interchange_json(text);
  } catch (const uch::ImportError& e) {
    require(std::string_view(e.what()).find('\n') == std::string_view::npos);  // one line
    return 0;
  }
  const std::string written = uch::write_interchange_json(doc);
  uch::Document again;
  try {
    again = uch::read_interchange_json(written);
  } catch (const uch::ImportError&) {
    std::abort();  // our own export must import
  }
  uch::Document sorted = doc;
  uch::sort_for_export(sorted);
  require(again == sorted);                                 // no field lost or changed
  require(uch::write_interchange_json(again) == written);  // deterministic
  return 0;
}
