// libFuzzer target: Markdown import never crashes; it accepts (ids valid and unique) or throws ImportError.
#include <cstdint>
#include <cstdlib>
#include <set>
#include <string>
#include <string_view>

#include "uchronia/interchange.hpp"
#include "uchronia/publish.hpp"

namespace {
void require(bool ok) {
  if (!ok) std::abort();
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  uch::Document doc;
  try {
    doc = uch::import_markdown(text);
  } catch (const uch::ImportError& e) {
    require(std::string_view(e.what()).find('\n') == std::string_view::npos);
    return 0;
  }
  std::set<std::string> ids;
  for (const auto& e : doc.entries) require(uch::is_valid_id(e.id) && ids.insert(e.id).second);
  for (const auto& e : doc.entities) require(uch::is_valid_id(e.id) && ids.insert(e.id).second);
  // What Markdown import accepts is a document the rest of the program can export and read back.
  try {
    (void)uch::read_interchange_json(uch::write_interchange_json(doc));
  } catch (const uch::ImportError&) {
    std::abort();
  }
  return 0;
}
