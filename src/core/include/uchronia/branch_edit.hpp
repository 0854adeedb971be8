// Changing a document's branches (docs/branches.md), one revision each with a readable summary
// ("Entry 'Warsaw captured' moved to branch 'All-Soviets Union'"). The CLI verbs and the editor
// call these; each refuses (Error, nothing written) what would name nothing or break the tree.
#pragma once

#include <string>

#include "uchronia/store.hpp"

namespace uch {

/// The branches as a list for a pipeline: one line per branch, "ID<TAB>NAME<TAB>PARENT<TAB>DIVERGES",
/// the main branch first, then by id; "" for a document without branches.
std::string branches_text(const Document& doc);

CommitResult add_branch(Store& store, const Branch& branch, const std::string& author);
/// `field`: name, parent, diverges (a date as writers type it), point, keeps, drops (lists as
/// split_list reads them); "" clears an optional field.
CommitResult set_branch_field(Store& store, const std::string& id, const std::string& field, const std::string& value,
                              const std::string& author);
/// Refused while an entry belongs to the branch or a branch forks from it.
CommitResult delete_branch(Store& store, const std::string& id, const std::string& author);
/// `branch` "" or the main branch's id: the entry goes back to the main branch.
CommitResult move_entry_to_branch(Store& store, const std::string& entry, const std::string& branch,
                                  const std::string& author);
/// An entity's field in one branch and its descendants (set_item_field's forms); value "" removes
/// the override of that field.
CommitResult set_entity_override(Store& store, const std::string& entity, const std::string& branch,
                                 const std::string& field, const std::string& value, const std::string& author);

}  // namespace uch
