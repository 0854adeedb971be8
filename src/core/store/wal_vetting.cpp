// Before a document is opened: is its -wal its own? SQLite replays any well-formed write-ahead log
// of the same page size found next to a database, so a -wal copied, restored from a backup or left
// by another document would silently become this document's content (and a checkpoint would then
// write it into the file). We read the -wal ourselves, as the documented WAL format describes it
// (https://www.sqlite.org/fileformat2.html#walformat), find the transactions SQLite would replay,
// and require each of them to carry this document's mark (db/migrations/003_wal_mark.sql), with
// commit numbers that follow one another and reach at least the file's own.
//
// Chosen: refuse, leaving the document and the -wal byte-for-byte as they are; the user decides
// what the -wal is (moving it aside opens the document as last checkpointed).
// Cannot catch: a -wal of another copy of this same document (same mark) whose commits are not
// older than the file's; a -wal next to a document whose file holds no mark yet (version < 3, or
// created and never checkpointed); it reads only what SQLite would replay, so junk after the last
// valid frame is ignored like SQLite ignores it.
#include <sys/stat.h>

#include <algorithm>
#include <array>
#include <cstring>
#include <fstream>

#include "store/store_impl.hpp"

namespace uch::detail {

namespace {

std::uint32_t big_endian(const unsigned char* p) {
  return (std::uint32_t(p[0]) << 24) | (std::uint32_t(p[1]) << 16) | (std::uint32_t(p[2]) << 8) | p[3];
}

/// The WAL checksum (fileformat2 §4.3): over 32-bit words, big- or little-endian per the magic.
void wal_checksum(bool big, const unsigned char* data, std::size_t n, std::uint32_t& s0, std::uint32_t& s1) {
  for (std::size_t i = 0; i + 8 <= n; i += 8) {
    const unsigned char* a = data + i;
    const unsigned char* b = data + i + 4;
    const std::uint32_t x = big ? big_endian(a) : (std::uint32_t(a[3]) << 24 | std::uint32_t(a[2]) << 16 | std::uint32_t(a[1]) << 8 | a[0]);
    const std::uint32_t y = big ? big_endian(b) : (std::uint32_t(b[3]) << 24 | std::uint32_t(b[2]) << 16 | std::uint32_t(b[1]) << 8 | b[0]);
    s0 += x + s1;
    s1 += y + s0;
  }
}

/// The highest commit number next to `token` + ':' in `page`, or -1.
std::int64_t mark_in(const std::string& page, const std::string& token) {
  std::int64_t best = -1;
  const std::string needle = token + ":";
  for (std::size_t at = page.find(needle); at != std::string::npos; at = page.find(needle, at + 1)) {
    const std::size_t digits = at + needle.size();
    if (digits + 16 > page.size()) continue;
    std::int64_t n = 0;
    bool ok = true;
    for (std::size_t i = digits; i < digits + 16; ++i) {
      if (page[i] < '0' || page[i] > '9') ok = false;
      n = n * 10 + (page[i] - '0');
    }
    if (ok) best = std::max(best, n);
  }
  return best;
}

}  // namespace

WalReading read_wal(const std::filesystem::path& wal, const std::string& token) {
  WalReading out;
  std::ifstream in(wal, std::ios::binary);
  if (!in) return out;
  std::array<unsigned char, 32> header{};
  if (!in.read(reinterpret_cast<char*>(header.data()), header.size())) return out;
  const std::uint32_t magic = big_endian(&header[0]);
  const std::uint32_t page_size_field = big_endian(&header[8]);
  const std::uint32_t page_size = page_size_field == 1 ? 65536 : page_size_field;
  if ((magic & 0xFFFFFFFE) != 0x377F0682 || big_endian(&header[4]) != 3007000 || page_size < 512 ||
      page_size > 65536 || (page_size & (page_size - 1)) != 0)
    return out;  // SQLite ignores a WAL with a bad header: nothing to replay
  const bool big = (magic & 1) != 0;
  std::uint32_t s0 = 0, s1 = 0;
  wal_checksum(big, header.data(), 24, s0, s1);
  if (s0 != big_endian(&header[24]) || s1 != big_endian(&header[28])) return out;
  std::array<unsigned char, 24> frame{};
  std::string page(page_size, '\0');
  std::int64_t pending_mark = -1;  // the transaction being read: its highest mark so far
  while (in.read(reinterpret_cast<char*>(frame.data()), frame.size()) && in.read(page.data(), page_size)) {
    // A frame counts only with the header's salts and the running checksum; SQLite stops at the first that fails.
    if (std::memcmp(&frame[8], &header[16], 8) != 0) break;
    wal_checksum(big, frame.data(), 8, s0, s1);
    wal_checksum(big, reinterpret_cast<const unsigned char*>(page.data()), page_size, s0, s1);
    if (s0 != big_endian(&frame[16]) || s1 != big_endian(&frame[20])) break;
    if (!token.empty()) pending_mark = std::max(pending_mark, mark_in(page, token));
    if (big_endian(&frame[4]) != 0) {  // a commit frame: the transaction is complete
      out.commits.push_back(pending_mark);
      pending_mark = -1;
    }
  }
  // An unfinished transaction at the end is not replayed: not counted.
  return out;
}

}  // namespace uch::detail
