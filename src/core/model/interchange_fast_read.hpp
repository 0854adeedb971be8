// The fast path of read_interchange_json (interchange_fast_read.cpp), internal to the core.
#pragma once

#include <optional>
#include <string_view>

#include "uchronia/interchange.hpp"
#include "uchronia/model.hpp"

namespace uch::detail {

/// The Document the full reader would return for `text`, read with simdjson; nullopt when the
/// text holds anything the full reader treats specially (unknown fields, duplicates, errors of
/// any kind), so that the caller falls back to it for the exact result or message.
std::optional<Document> read_interchange_json_fast(std::string_view text);

/// The full reader alone (nlohmann), with its exact messages: what read_interchange_json falls back to.
Document read_interchange_json_full(std::string_view text);

}  // namespace uch::detail
