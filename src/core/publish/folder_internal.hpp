// Shared by the folder format's files (split/join, disk, merge); internal to the core.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "uchronia/folder.hpp"

namespace uch::folder {

using ojson = nlohmann::ordered_json;

inline constexpr std::string_view kTimelineFile = "timeline.json";
inline constexpr std::string_view kRelationsFile = "relations.json";

/// The array of the interchange document that holds items of this kind ("entries"), which is
/// also the folder's directory for them; "" for the timeline and the relations file.
std::string_view section_of(FolderFileKind kind);

/// Strict parse of one file: a syntax error, a duplicate key, nesting deeper than the interchange
/// allows or a git conflict marker gives ImportError "NAME: line L, column C: why".
ojson parse_file(std::string_view text, const std::string& name);

/// A file's bytes as export writes them: nlohmann's 2-space dump, UTF-8, LF, a final newline.
std::string file_text(const ojson& value);

/// The value as the interchange writer writes it (known fields in the contract's order, unknown
/// ones after, sorted): read and written again through the interchange code, so that a merged
/// file is byte-identical to what export would write. An item (Entity, Entry, Branch) is an
/// object, the Relations an array, the Timeline the document's own fields. ImportError when the
/// interchange reader refuses it; the message starts with the field's path.
ojson canonical(FolderFileKind kind, const ojson& value);

/// The first field of `value` (an object) reserved for conflicts, or "" when there is none.
bool has_conflicts(const ojson& object);

}  // namespace uch::folder
