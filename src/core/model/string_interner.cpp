// StringInterner: linear probing at a load factor of at most 1/2.
#include "uchronia/string_interner.hpp"

#include <algorithm>

namespace uch {

void StringInterner::grow_table(std::size_t wanted) {
  std::size_t size = 16;
  while (size < wanted * 2) size *= 2;
  if (size <= table_.size()) return;
  table_.assign(size, 0);
  const std::size_t mask = size - 1;
  for (std::uint32_t i = 0; i < strs_.size(); ++i) {
    std::size_t pos = strs_[i].hash & mask;
    while (table_[pos] != 0) pos = (pos + 1) & mask;
    table_[pos] = i + 1;
  }
}

void StringInterner::reserve(std::size_t strings, std::size_t bytes) {
  strs_.reserve(strings);
  text_.reserve(bytes);
  grow_table(strings);
}

std::uint32_t StringInterner::find(std::string_view text, std::size_t hash) const {
  if (table_.empty()) return kNone;
  const std::size_t mask = table_.size() - 1;
  const auto low = static_cast<std::uint32_t>(hash);
  for (std::size_t pos = hash & mask; table_[pos] != 0; pos = (pos + 1) & mask) {
    const std::uint32_t i = table_[pos] - 1;
    if (strs_[i].hash == low && str(i) == text) return i;
  }
  return kNone;
}

std::uint32_t StringInterner::intern(std::string_view text, std::size_t hash) {
  const std::uint32_t found = find(text, hash);
  if (found != kNone) return found;
  if ((strs_.size() + 1) * 2 > table_.size()) grow_table(std::max<std::size_t>(strs_.size() + 1, strs_.size() * 2));
  const auto id = static_cast<std::uint32_t>(strs_.size());
  strs_.push_back({static_cast<std::uint32_t>(text_.size()), static_cast<std::uint32_t>(text.size()),
                   static_cast<std::uint32_t>(hash)});
  text_.append(text);
  const std::size_t mask = table_.size() - 1;
  std::size_t pos = hash & mask;
  while (table_[pos] != 0) pos = (pos + 1) & mask;
  table_[pos] = id + 1;
  return id;
}

}  // namespace uch
