// The link table's rows of an item, derived from its text fields; and all of them anew after
// migration 004 added the target as written and the order.
#include "store/link_rows.hpp"

#include "store/store_impl.hpp"
#include "uchronia/links.hpp"

namespace uch::detail {

void append_link_rows(std::vector<LinkRowValues>& rows, const char* field, std::string_view text) {
  if (text.find("[[") == std::string_view::npos) return;
  thread_local std::vector<LinkView> found;
  found.clear();
  parse_links(text, found);
  for (const LinkView& link : found)
    rows.push_back({field, fold_name(link.target), std::string(link.target), static_cast<std::int64_t>(rows.size())});
}

void derive_all_link_rows(sqlite3* db) {
  exec(db, "DELETE FROM link");
  Statement insert(db, "INSERT INTO link(src, field, target_key, target, ord) VALUES(?, ?, ?, ?, ?)");
  std::vector<LinkRowValues> rows;
  const auto store = [&](const std::string& src) {
    for (const LinkRowValues& row : rows) {
      insert.bind(1, src).bind(2, row.field).bind(3, row.target_key).bind(4, row.target).bind(5, row.ord);
      insert.run();
      insert.reset();
    }
    rows.clear();
  };
  for (Statement st(db, "SELECT id, body, otl, notes FROM entry"); st.step();) {
    append_link_rows(rows, "body", st.text(1));
    append_link_rows(rows, "otl", st.text(2));
    append_link_rows(rows, "notes", st.text(3));
    store(st.text(0));
  }
  for (Statement st(db, "SELECT id, notes FROM entity"); st.step();) {
    append_link_rows(rows, "notes", st.text(1));
    store(st.text(0));
  }
  for (Statement st(db, "SELECT value FROM doc_meta WHERE key = 'description'"); st.step();) {
    append_link_rows(rows, "description", st.text(0));
    store("#document");
  }
}

}  // namespace uch::detail
