// The branch fields of the interchange JSON (docs/branches.md) as nlohmann values, internal to the
// core: the interchange reader and writer and the store's extra-column codec share them.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "uchronia/model.hpp"

namespace uch::detail {

/// `branches`, validated; throws ImportError naming the path (`path` is "branches").
std::vector<Branch> branches_from_json(const nlohmann::json& value, const std::string& path);
/// An entity's `in_branches`, validated (an override of `id` is refused); throws ImportError.
std::vector<EntityOverride> overrides_from_json(const nlohmann::json& value, const std::string& path);

nlohmann::json branches_to_json(const std::vector<Branch>& branches);
nlohmann::json overrides_to_json(const std::vector<EntityOverride>& overrides);

/// The document's unknown fields with `branches` (sorted by id) and `main_branch` added: what
/// the writer writes after the relations, and what the store keeps in doc_meta's "extra".
ExtraFields document_extra_with_branches(const Document& doc);

}  // namespace uch::detail

namespace uch::detail {

// The store keeps the branch fields in its `extra` columns, as the interchange JSON has them
// (an older Uchronia kept them there as unknown fields, so its documents need no upgrade).
// *_stored: the extra column's text for an item; take_*: move the fields from `extra` into the
// item. A field that is not of its contract type (a damaged file) stays in `extra`.
ExtraFields entry_extra_stored(const Entry& e);
void take_branch_fields(Entry& e);
ExtraFields entity_extra_stored(const Entity& e);
void take_branch_fields(Entity& e);
/// Document: `branches` and `main_branch` (stored as document_extra_with_branches writes them).
void take_branch_fields(Document& doc);

}  // namespace uch::detail
