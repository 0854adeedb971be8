// Reading, inverting and applying SQLite session changesets (the stuff of history and undo).
#include <zlib.h>

#include <cstring>

#include "store/store_impl.hpp"

namespace uch::detail {

/// True when a changeset's framing is sound: complete table headers and records, lengths in
/// bounds. SQLite 3.40's changeset reader loops forever on some truncated headers, so a
/// revision from a damaged or hostile file is checked before SQLite reads it.
bool well_formed_changeset(const std::string& cs) {
  const auto* p = reinterpret_cast<const unsigned char*>(cs.data());
  const std::size_t n = cs.size();
  std::size_t i = 0;
  auto varint = [&](std::uint64_t& v) {
    v = 0;
    for (int k = 0; k < 9; ++k) {
      if (i >= n) return false;
      const unsigned char b = p[i++];
      if (k == 8) {
        v = (v << 8) | b;
        return true;
      }
      v = (v << 7) | (b & 0x7f);
      if (!(b & 0x80)) return true;
    }
    return true;
  };
  auto record = [&](std::uint64_t ncol, bool allow_undefined) {
    for (std::uint64_t c = 0; c < ncol; ++c) {
      if (i >= n) return false;
      const unsigned char type = p[i++];
      if (type == 1 || type == 2) {
        if (n - i < 8) return false;
        i += 8;
      } else if (type == 3 || type == 4) {
        std::uint64_t len = 0;
        if (!varint(len) || len > n - i) return false;
        i += static_cast<std::size_t>(len);
      } else if (type == 5 || (type == 0 && allow_undefined)) {
      } else {
        return false;
      }
    }
    return true;
  };
  std::uint64_t ncol = 0;
  while (i < n) {
    if (p[i] == 'T') {
      ++i;
      if (!varint(ncol) || ncol == 0 || ncol > 32767 || ncol > n - i) return false;
      i += static_cast<std::size_t>(ncol);
      while (i < n && p[i] != 0) ++i;
      if (i >= n) return false;
      ++i;
      continue;
    }
    if (ncol == 0) return false;  // a record before any table header
    const unsigned char op = p[i++];
    if (i >= n) return false;
    ++i;  // indirect flag
    if (op == 18 /*INSERT*/ || op == 9 /*DELETE*/) {
      if (!record(ncol, false)) return false;
    } else if (op == 23 /*UPDATE*/) {
      if (!record(ncol, true) || !record(ncol, true)) return false;
    } else {
      return false;
    }
  }
  return true;
}

namespace {

void require_well_formed(const std::string& cs) {
  if (!well_formed_changeset(cs)) throw HistoryDamage("its changeset is malformed");
}

struct ChangesetIter {
  sqlite3_changeset_iter* it = nullptr;
  explicit ChangesetIter(const std::string& cs) {
    require_well_formed(cs);
    const int rc = sqlite3changeset_start(&it, static_cast<int>(cs.size()), const_cast<char*>(cs.data()));
    if (rc == SQLITE_NOMEM) throw Error("cannot read history: out of memory");
    if (rc != SQLITE_OK) throw HistoryDamage("its changeset cannot be read");
  }
  ~ChangesetIter() { sqlite3changeset_finalize(it); }
};

}  // namespace

std::vector<TouchedRow> read_changeset(const std::string& cs) {
  std::vector<TouchedRow> out;
  if (cs.empty()) return out;
  ChangesetIter iter(cs);
  int rc;
  while ((rc = sqlite3changeset_next(iter.it)) == SQLITE_ROW) {
    const char* table = nullptr;
    int ncol = 0, op = 0, indirect = 0;
    sqlite3changeset_op(iter.it, &table, &ncol, &op, &indirect);
    TouchedRow row;
    row.table = table;
    row.op = op;
    row.old_values.resize(static_cast<std::size_t>(ncol));
    row.new_values.resize(static_cast<std::size_t>(ncol));
    row.changed.assign(static_cast<std::size_t>(ncol), false);
    for (int i = 0; i < ncol; ++i) {
      sqlite3_value* v = nullptr;
      if (op != SQLITE_INSERT && sqlite3changeset_old(iter.it, i, &v) == SQLITE_OK && v)
        row.old_values[static_cast<std::size_t>(i)] = value_from(v);
      v = nullptr;
      if (op != SQLITE_DELETE && sqlite3changeset_new(iter.it, i, &v) == SQLITE_OK && v) {
        row.new_values[static_cast<std::size_t>(i)] = value_from(v);
        row.changed[static_cast<std::size_t>(i)] = true;
      }
    }
    // The primary key (column 0) is always present in the old (or, for inserts, new) values.
    const Value& pk = op == SQLITE_INSERT ? row.new_values[0] : row.old_values[0];
    if (auto* k = std::get_if<std::int64_t>(&pk)) row.rowkey = *k;
    if (op == SQLITE_UPDATE) row.changed[0] = false;
    out.push_back(std::move(row));
  }
  if (rc == SQLITE_NOMEM) throw Error("cannot read history: out of memory");
  if (rc != SQLITE_DONE) throw HistoryDamage("its changeset is truncated");
  return out;
}

void require_source_rows(const std::vector<TouchedRow>& rows) {
  for (const auto& row : rows) {
    const std::size_t columns = row.table == "entry"      ? std::size_t(entry_col::count)
                                : row.table == "entity"   ? std::size_t(entity_col::count)
                                : row.table == "relation" ? 5
                                : row.table == "doc_meta" ? 2
                                                          : 0;
    if (columns == 0) throw HistoryDamage("its changeset names a table '" + shorten(row.table) + "' the document has not");
    if (row.old_values.size() != columns) throw HistoryDamage("its changeset has the wrong columns for " + row.table);
  }
}

std::string invert_changeset(const std::string& cs) {
  int size = 0;
  void* data = nullptr;
  require_well_formed(cs);
  const int rc = sqlite3changeset_invert(static_cast<int>(cs.size()), cs.data(), &size, &data);
  if (rc == SQLITE_NOMEM) throw Error("cannot read history: out of memory");
  if (rc != SQLITE_OK) throw HistoryDamage("its changeset cannot be inverted");
  std::string out(static_cast<const char*>(data), static_cast<std::size_t>(size));
  sqlite3_free(data);
  return out;
}

void apply_changeset(sqlite3* db, const std::string& cs, const std::string& what) {
  struct Ctx {
    int conflicts = 0;
  } ctx;
  require_well_formed(cs);
  auto on_conflict = [](void* p, int, sqlite3_changeset_iter*) -> int {
    static_cast<Ctx*>(p)->conflicts++;
    return SQLITE_CHANGESET_ABORT;
  };
  const int rc = sqlite3changeset_apply(db, static_cast<int>(cs.size()), const_cast<char*>(cs.data()), nullptr,
                                        on_conflict, &ctx);
  if (rc == SQLITE_ABORT || ctx.conflicts > 0)
    throw ConflictError("cannot " + what + ": the items it touched were changed since by a later revision");
  if (rc == SQLITE_NOMEM) throw Error("cannot " + what + ": out of memory");
  if (rc != SQLITE_OK) throw_sqlite(db, "cannot " + what);
}

namespace {
constexpr char kDeflatedMark = 'Z';   // zlib stream (files written before 'D'; still read)
constexpr char kDictionaryMark = 'D';  // raw deflate with the preset dictionary below
constexpr std::size_t kPackMin = 16, kPackMax = std::size_t(4) << 20;

/// What a changeset of one edit repeats from others, and from its revision's summary: the
/// tables' headers (SQLite's changeset format: 'T', column count, primary-key flags, name) and
/// an update's opening bytes. As a preset dictionary, deflate codes them as back-references:
/// ~20 bytes saved a revision, and ~20 more from the summary, which names the old and new value
/// of most one-field edits. Fixed forever: documents are decoded with these exact bytes.
std::string changeset_dictionary(std::string_view summary) {
  static const std::string tables = [] {
    std::string out;
    const auto header = [&](std::string_view name, int columns) {
      out += 'T';
      out += static_cast<char>(columns);
      out += '\x01';
      out.append(static_cast<std::size_t>(columns - 1), '\0');
      out += name;
      out += '\0';
    };
    header("relation", 5);
    header("doc_meta", 2);
    header("entity", 12);
    header("entry", 16);
    out += '\x17';  // SQLITE_UPDATE, not indirect, then the key: an integer, 8 bytes big-endian
    out += '\0';
    out += '\x01';
    out.append(7, '\0');
    return out;
  }();
  return tables + std::string(summary);
}

void put_size(std::string& out, std::uint64_t v) {  // little-endian base 128
  for (;; v >>= 7) {
    out += static_cast<char>((v & 0x7f) | (v > 0x7f ? 0x80 : 0));
    if (v <= 0x7f) break;
  }
}

std::string deflate_with_dictionary(const std::string& cs, const std::string& dictionary) {
  z_stream z{};
  if (deflateInit2(&z, Z_DEFAULT_COMPRESSION, Z_DEFLATED, -15, 9, Z_DEFAULT_STRATEGY) != Z_OK) return {};
  std::string out(deflateBound(&z, static_cast<uLong>(cs.size())) + 16, '\0');
  const bool ok =
      deflateSetDictionary(&z, reinterpret_cast<const Bytef*>(dictionary.data()), static_cast<uInt>(dictionary.size())) ==
          Z_OK &&
      [&] {
        z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(cs.data()));
        z.avail_in = static_cast<uInt>(cs.size());
        z.next_out = reinterpret_cast<Bytef*>(out.data());
        z.avail_out = static_cast<uInt>(out.size());
        return deflate(&z, Z_FINISH) == Z_STREAM_END;
      }();
  out.resize(ok ? z.total_out : 0);
  deflateEnd(&z);
  return out;
}

}  // namespace

std::string pack_changeset(std::string cs, std::string_view summary) {
  if (cs.size() < kPackMin || cs.size() > kPackMax) return cs;
  const std::string packed = deflate_with_dictionary(cs, changeset_dictionary(summary));
  if (packed.empty()) return cs;
  std::string out(1, kDictionaryMark);
  put_size(out, cs.size());
  // Raw deflate has no checksum of its own: the CRC-32 of the changeset tells a damaged blob
  // (or the wrong summary) from a sound one.
  const auto crc = crc32(0, reinterpret_cast<const Bytef*>(cs.data()), static_cast<uInt>(cs.size()));
  for (int b = 0; b < 4; ++b) out += static_cast<char>((crc >> (8 * b)) & 0xff);
  out += packed;
  return out.size() < cs.size() ? out : cs;
}

std::string unpack_changeset(std::string stored, std::string_view summary) {
  if (stored.empty() || (stored[0] != kDeflatedMark && stored[0] != kDictionaryMark)) return stored;
  const auto damaged = [] { return HistoryDamage("its packed changeset cannot be read"); };
  std::uint64_t size = 0;
  std::size_t i = 1;
  for (int shift = 0;; shift += 7) {
    if (i >= stored.size() || shift > 28) throw damaged();
    const auto b = static_cast<unsigned char>(stored[i++]);
    size |= std::uint64_t(b & 0x7f) << shift;
    if (!(b & 0x80)) break;
  }
  if (size > kPackMax) throw damaged();
  std::string out(size, '\0');
  if (stored[0] == kDeflatedMark) {
    uLongf got = static_cast<uLongf>(size);
    const int rc = uncompress(reinterpret_cast<Bytef*>(out.data()), &got,
                              reinterpret_cast<const Bytef*>(stored.data() + i), static_cast<uLong>(stored.size() - i));
    if (rc == Z_MEM_ERROR) throw Error("cannot read history: out of memory");
    if (rc != Z_OK || got != size) throw damaged();
    return out;
  }
  if (stored.size() - i < 4) throw damaged();
  std::uint32_t crc = 0;
  for (int b = 0; b < 4; ++b) crc |= std::uint32_t(static_cast<unsigned char>(stored[i++])) << (8 * b);
  z_stream z{};
  if (inflateInit2(&z, -15) != Z_OK) throw Error("cannot read history: out of memory");
  const std::string dictionary = changeset_dictionary(summary);
  z.next_in = reinterpret_cast<Bytef*>(stored.data() + i);
  z.avail_in = static_cast<uInt>(stored.size() - i);
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  int rc = inflateSetDictionary(&z, reinterpret_cast<const Bytef*>(dictionary.data()), static_cast<uInt>(dictionary.size()));
  if (rc == Z_OK) rc = inflate(&z, Z_FINISH);
  const bool ok = rc == Z_STREAM_END && z.total_out == size && z.avail_in == 0;
  inflateEnd(&z);
  if (rc == Z_MEM_ERROR) throw Error("cannot read history: out of memory");
  if (!ok || crc32(0, reinterpret_cast<const Bytef*>(out.data()), static_cast<uInt>(out.size())) != crc) throw damaged();
  return out;
}

void append_sqlite_varint(std::uint64_t v, std::string& out) {
  // Big-endian groups of 7 bits, the high bit set on all but the last byte.
  char groups[8];
  int n = 0;
  do {
    groups[n++] = static_cast<char>(v & 0x7f);
    v >>= 7;
  } while (v && n < 8);
  while (n > 1) out += static_cast<char>(groups[--n] | 0x80);
  out += groups[0];
}

void InsertChangesetWriter::varint(std::uint64_t v) { append_sqlite_varint(v, out_); }

void InsertChangesetWriter::table(std::string_view name, const std::vector<bool>& primary_key) {
  columns_ = primary_key.size();
  out_ += 'T';
  varint(columns_);
  for (bool pk : primary_key) out_ += static_cast<char>(pk ? 1 : 0);
  out_ += name;
  out_ += '\0';
}

template <class Values>
void InsertChangesetWriter::insert_values(const Values& values) {
  if (values.size() != columns_) throw Error("internal error: a changeset row has the wrong number of columns");
  out_ += static_cast<char>(SQLITE_INSERT);
  out_ += '\0';  // not indirect
  auto big_endian = [&](std::uint64_t bits) {
    for (int shift = 56; shift >= 0; shift -= 8) out_ += static_cast<char>((bits >> shift) & 0xff);
  };
  for (const auto& v : values) {
    std::visit([&](const auto& x) {
      using T = std::decay_t<decltype(x)>;
      if constexpr (std::is_same_v<T, std::int64_t>) {
        out_ += '\x01';
        big_endian(static_cast<std::uint64_t>(x));
      } else if constexpr (std::is_same_v<T, double>) {
        out_ += '\x02';
        std::uint64_t bits;
        std::memcpy(&bits, &x, sizeof bits);
        big_endian(bits);
      } else if constexpr (std::is_same_v<T, std::monostate>) {
        out_ += '\x05';  // NULL
      } else {
        out_ += '\x03';
        varint(x.size());
        out_.append(x.data(), x.size());
      }
    }, v);
  }
}

void InsertChangesetWriter::insert(const Row& row) { insert_values(row); }
void InsertChangesetWriter::insert(const EntryRowView& row) { insert_values(row.values); }

}  // namespace uch::detail
