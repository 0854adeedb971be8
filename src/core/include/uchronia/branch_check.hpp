// Checks per world (docs/branches.md, "Checks"): every rule runs in the world of each branch, the
// findings carry the branches they hold in, and five rules check the branches themselves.
#pragma once

#include <string>
#include <vector>

#include "uchronia/branch_visibility.hpp"
#include "uchronia/check.hpp"
#include "uchronia/check_input.hpp"

namespace uch {

/// The five rules added by branches, in the order of the spec's table.
const std::vector<RuleInfo>& branch_rules();

/// A branch's world: the entries it sees, every entity with its overrides for that branch, the
/// relations whose two entries it sees (an end that is no entry stays, for the relation rules).
Document world_of(const Document& doc, const BranchVisibility& visibility, std::size_t branch);
/// The same for a check input, its links renumbered with the items kept.
CheckInput world_of(const CheckInput& input, const BranchVisibility& visibility, std::size_t branch);

/// The five branch rules alone.
std::vector<Finding> check_branch_rules(const Document& doc, const BranchVisibility& visibility);

/// The whole check: every rule in every world (or only in `only_branch`'s when not empty), findings
/// that hold alike in several worlds reported once with all their branches, then the branch rules.
/// A document without branches gets exactly check_document's findings (plus branch.unknown for an
/// entry that names a branch). Throws Error when `only_branch` names no branch.
std::vector<Finding> check_worlds(const CheckInput& input, const std::string& only_branch = "");
std::vector<Finding> check_worlds(const Document& doc, const std::string& only_branch = "");

}  // namespace uch
