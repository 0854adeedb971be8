// An entry's position in the draft it was imported from ("draft order"), kept as the interchange
// extension field `draft_order` (docs/interchange-v1.md, section 1): an integer from 1, in the
// entry's object, stored with the entry's other extension fields (Entry::extra).
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

#include "uchronia/model.hpp"

namespace uch {

/// The entry's draft position, or nothing when it has none (not imported from a draft, or the
/// field is not a positive integer).
std::optional<std::int64_t> draft_order_of(const Entry& entry);
/// The same, read from an entry's extension fields as stored (Entry::extra's text): what the
/// entries list reads without loading whole entries.
std::optional<std::int64_t> draft_order_in(std::string_view extra);
/// Sets it (position >= 1), keeping the entry's other extension fields.
void set_draft_order(Entry& entry, std::int64_t position);

}  // namespace uch
