// Strings interned to dense 32-bit ids: the link resolver and the checker both name items and
// folded keys by id, so that their tables are flat vectors instead of string-keyed maps.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace uch {

/// The hash StringInterner uses (std::hash of the bytes); computed once, a lookup can reuse it.
inline std::size_t hash_text(std::string_view text) { return std::hash<std::string_view>{}(text); }

/// Strings interned to ids 0, 1, 2..., their bytes back to back in one buffer, found through an
/// open-addressing table. Strings are never removed, so an id stays valid for good.
class StringInterner {
 public:
  static constexpr std::uint32_t kNone = 0xFFFFFFFF;

  std::uint32_t find(std::string_view text, std::size_t hash) const;  // kNone when absent
  std::uint32_t find(std::string_view text) const { return find(text, hash_text(text)); }
  std::uint32_t intern(std::string_view text, std::size_t hash);
  std::uint32_t intern(std::string_view text) { return intern(text, hash_text(text)); }
  std::string_view str(std::uint32_t id) const { return {text_.data() + strs_[id].at, strs_[id].size}; }
  std::uint32_t size() const { return static_cast<std::uint32_t>(strs_.size()); }
  void reserve(std::size_t strings, std::size_t bytes);
  /// Hints that a lookup with this hash comes soon (its table slot is fetched meanwhile).
  void prefetch(std::size_t hash) const {
#if defined(__GNUC__) || defined(__clang__)
    if (!table_.empty()) __builtin_prefetch(&table_[hash & (table_.size() - 1)]);
#else
    (void)hash;
#endif
  }

 private:
  struct Str {
    std::uint32_t at, size, hash;  // hash: low 32 bits (the table is never larger)
  };
  std::string text_;
  std::vector<Str> strs_;
  std::vector<std::uint32_t> table_;  // 0: empty, else id + 1; size a power of two
  void grow_table(std::size_t wanted);
};

}  // namespace uch
