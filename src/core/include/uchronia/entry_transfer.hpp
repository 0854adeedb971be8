// Entries moved between documents or within one (the editor's copy, paste and duplicate): their
// interchange JSON form, the rule that gives a copy an id of its own, and tag edits on an entry.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "uchronia/model.hpp"

namespace uch {

/// An id for a copy of the item `wanted`: `wanted` itself when `taken` says it is free, else
/// "wanted-copy", then "wanted-copy-2", "wanted-copy-3"...; cut so it stays a valid id (at most 128
/// characters). A `wanted` that is not a valid id stands for "entry".
std::string unique_item_id(std::string_view wanted, const std::function<bool(const std::string&)>& taken);

/// The entries as one interchange-v1 document (format, version, these entries, no entities or
/// relations): the text `uchronia import` reads, written as write_interchange_json writes.
std::string entries_to_interchange_json(const std::vector<Entry>& entries);

/// The entries of interchange JSON: a whole document, or one entry object as the document's
/// `entries` hold them ({"id": ..., "title": ...}). Validated as an import is; throws ImportError
/// saying what is wrong and where when the text is neither, or holds no entry.
std::vector<Entry> entries_from_interchange_json(std::string_view text);

/// Adds `tag` (trimmed) to the entry's tags unless it has it; false when nothing changed.
bool add_tag(Entry& entry, std::string_view tag);
/// Removes `tag` (trimmed) from the entry's tags; false when it had none.
bool remove_tag(Entry& entry, std::string_view tag);

}  // namespace uch
