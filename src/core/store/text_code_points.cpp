// Store::text_code_points: the characters of the entries' texts beyond ASCII, for the editor's
// fonts. The rows are streamed (one at a time, nothing kept but the set of characters), so that
// a big document's bodies are never all in memory at once.
#include <algorithm>
#include <string_view>
#include <unordered_set>

#include "store/store_impl.hpp"
#include "uchronia/store.hpp"

namespace uch {

using namespace detail;

namespace {

/// Adds the code points beyond ASCII of UTF-8 `text` to `seen`; malformed bytes are skipped.
void collect_code_points(std::string_view text, std::unordered_set<char32_t>& seen) {
  const auto* s = reinterpret_cast<const unsigned char*>(text.data());
  const std::size_t n = text.size();
  for (std::size_t i = 0; i < n;) {
    const unsigned char c = s[i];
    if (c < 0x80) {
      ++i;
      continue;
    }
    const int len = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
    if (len == 1 || i + static_cast<std::size_t>(len) > n) {
      ++i;
      continue;
    }
    char32_t cp = c & (0xFF >> (len + 1));
    for (int k = 1; k < len; ++k) cp = (cp << 6) | (s[i + static_cast<std::size_t>(k)] & 0x3F);
    seen.insert(cp);
    i += static_cast<std::size_t>(len);
  }
}

}  // namespace

std::vector<char32_t> Store::text_code_points() const {
  const ReadSnapshot snapshot(*impl_->conn);
  std::unordered_set<char32_t> seen;
  for (Statement st(impl_->db, "SELECT title, body, otl, notes FROM entry"); st.step();) {
    sqlite3_stmt* s = st.get();
    for (int column = 0; column < 4; ++column) {
      const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(s, column));
      if (!p && sqlite3_column_type(s, column) != SQLITE_NULL) throw_out_of_memory();
      if (p) collect_code_points({p, static_cast<std::size_t>(sqlite3_column_bytes(s, column))}, seen);
    }
  }
  std::vector<char32_t> out(seen.begin(), seen.end());
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace uch
