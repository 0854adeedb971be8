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
/// `padded`: kJsonPadding readable bytes follow `text` in memory, so the parser need not copy it.
std::optional<Document> read_interchange_json_fast(std::string_view text, bool padded = false);

/// What simdjson may read past the end of its input.
inline constexpr std::size_t kJsonPadding = 64;

/// The full reader alone (nlohmann), with its exact messages: what read_interchange_json falls back to.
Document read_interchange_json_full(std::string_view text);

}  // namespace uch::detail
