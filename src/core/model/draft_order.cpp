// Draft order as an extension field of the entry (Entry::extra, compact JSON object text).
#include "uchronia/draft_order.hpp"

#include <nlohmann/json.hpp>

namespace uch {

namespace {
constexpr const char* kField = "draft_order";
}

std::optional<std::int64_t> draft_order_of(const Entry& entry) { return draft_order_in(entry.extra); }

std::optional<std::int64_t> draft_order_in(std::string_view text) {
  // Most entries carry no extension field: no JSON is parsed for them.
  if (text.find("\"draft_order\"") == std::string_view::npos) return std::nullopt;
  const nlohmann::json extra = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (!extra.is_object()) return std::nullopt;
  const auto it = extra.find(kField);
  if (it == extra.end() || !it->is_number_integer()) return std::nullopt;
  const std::int64_t position = it->get<std::int64_t>();
  if (position < 1) return std::nullopt;
  return position;
}

void set_draft_order(Entry& entry, std::int64_t position) {
  nlohmann::json extra = entry.extra.empty() ? nlohmann::json::object()
                                             : nlohmann::json::parse(entry.extra, nullptr, false);
  if (!extra.is_object()) extra = nlohmann::json::object();
  extra[kField] = position;
  entry.extra = extra.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace uch
