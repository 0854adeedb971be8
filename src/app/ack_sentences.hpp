// A change of an item's acknowledged findings, told as sentences for the History window
// (the stored value is a JSON array of {rule, reason}).
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace uch::app {

/// One sentence per acknowledgement added or withdrawn between the two stored values, e.g.
/// "Accepted ref.outside-lifespan (...): “OTL note”". A value that is not such JSON is shown as it is.
std::vector<std::string> acknowledgement_sentences(const std::optional<std::string>& old_value,
                                                   const std::optional<std::string>& new_value);

}  // namespace uch::app
