// Renaming an entity without breaking the [[links]] that name it: the one rule the editor and the
// command line follow.
#pragma once

#include <string>
#include <string_view>

#include "uchronia/model.hpp"

namespace uch {

/// `entity` renamed to `new_name`, its old name kept as an alias so that every [[Old Name]] still
/// finds it. The alias is not added twice, nor when it folds to the new name.
Entity renamed_entity(const Entity& entity, const std::string& new_name);

/// `text` with every [[link]] whose target names `old_name` (case and surrounding spaces aside)
/// pointed at `new_name` instead; a label is kept ([[Old|the man]] -> [[New|the man]]).
/// The text is returned unchanged when no link names it.
std::string rewrite_links(std::string_view text, std::string_view old_name, std::string_view new_name);

/// The same for every text field of an entry, or of an entity (its notes); true when one changed.
bool rewrite_links(Entry& entry, std::string_view old_name, std::string_view new_name);
bool rewrite_links(Entity& entity, std::string_view old_name, std::string_view new_name);

}  // namespace uch
