// The link table's rows of an item: one per [[link]] of its text fields (db/migrations/004).
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace uch::detail {

/// The schema version whose link rows hold their target as written and their order.
inline constexpr std::int64_t kLinkTargetsVersion = 4;

/// One row of the link table (without its src).
struct LinkRowValues {
  std::string field;       // body, otl, notes, description
  std::string target_key;  // fold_name of the target
  std::string target;      // as written (trimmed)
  std::int64_t ord = 0;    // place among the item's links
  bool operator==(const LinkRowValues&) const = default;
};

/// Appends the links of one text field of an item, numbered on from rows.size().
void append_link_rows(std::vector<LinkRowValues>& rows, const char* field, std::string_view text);

/// After migration 004: every item's link rows derived anew from its text fields.
void derive_all_link_rows(sqlite3* db);

}  // namespace uch::detail
