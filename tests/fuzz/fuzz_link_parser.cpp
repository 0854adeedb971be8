// libFuzzer target: [[link]] parsing and name folding never crash, and report sound offsets.
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "uchronia/links.hpp"

namespace {
void require(bool ok) {
  if (!ok) std::abort();
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  std::size_t previous_end = 0;
  for (const uch::Link& link : uch::parse_links(text)) {
    // Each link lies inside the text, after the previous one, from "[[" to "]]".
    require(link.begin >= previous_end && link.begin + 4 <= link.end && link.end <= text.size());
    require(text.substr(link.begin, 2) == "[[" && text.substr(link.end - 2, 2) == "]]");
    previous_end = link.end;
    (void)uch::fold_name(link.target);
  }
  const std::string folded = uch::fold_name(text);
  require(uch::fold_name(folded) == folded);  // folding is idempotent: folded keys match themselves
  return 0;
}
