// libFuzzer target: text import (import_text: Uchronia's Markdown or a draft) never crashes; it
// accepts (ids valid and unique, drafts numbered 1..n in draft order, a document the interchange
// reads back) or throws a one-line ImportError. Link suggestions on what it made, applied, keep
// ids valid and unique too.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <set>
#include <string>
#include <string_view>

#include "uchronia/draft.hpp"
#include "uchronia/draft_order.hpp"
#include "uchronia/interchange.hpp"
#include "uchronia/link_suggestions.hpp"

namespace {
// Says which invariant broke (the line), then aborts for libFuzzer.
void require_at(bool ok, int line) {
  if (ok) return;
  std::fprintf(stderr, "fuzz_draft_import: invariant at line %d broken\n", line);
  std::abort();
}
#define require(ok) require_at((ok), __LINE__)
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  uch::TextImport in;
  try {
    in = uch::import_text(text, "fuzz");
  } catch (const uch::ImportError& e) {
    require(std::string_view(e.what()).find('\n') == std::string_view::npos);
    return 0;
  }
  std::set<std::string> ids;
  for (const auto& e : in.doc.entries) require(uch::is_valid_id(e.id) && ids.insert(e.id).second && !e.title.empty());
  for (const auto& e : in.doc.entities) require(uch::is_valid_id(e.id) && ids.insert(e.id).second);
  if (in.draft) {
    require(in.summary.entries == in.doc.entries.size());
    for (std::size_t i = 0; i < in.doc.entries.size(); ++i) {
      require(uch::draft_order_of(in.doc.entries[i]) == static_cast<std::int64_t>(i) + 1);
    }
  }
  try {
    (void)uch::read_interchange_json(uch::write_interchange_json(in.doc));
  } catch (const uch::ImportError&) {
    std::abort();
  }
  const uch::LinkChanges changes = uch::apply_link_suggestions(in.doc, uch::suggest_links(in.doc));
  for (const auto& e : changes.entities) require(uch::is_valid_id(e.id) && ids.insert(e.id).second);
  return 0;
}
