// Reading, checking, inverting, applying and storing SQLite session changesets (the stuff of history
// and undo). Every changeset is made by the session extension (ChangeRecorder, sql_util.cpp) or by
// sqlite3changeset_invert; none is written by hand here.
#include <SQLiteCpp/Database.h>
#include <zlib.h>

#include <climits>
#include <cstring>

#include "store/store_impl.hpp"

namespace uch::detail {

namespace {

/// SQLite 3.40's changeset iterator (the one Debian 12 ships) loops forever when a table header is
/// cut short at the end of the buffer: it waits for the header's closing NUL that never comes. A
/// changeset read from a file may be damaged or hostile, so it is never handed to SQLite as it is.
/// It is walked with sqlite3changeset_next followed by a guard: a one-row changeset of our own (made
/// by the session extension, on a table "uchronia-end" with a random value chosen once a process),
/// then more zeros than the longest table header SQLite accepts (65,536 columns). Any cut header
/// then finds its NUL, so the walk always ends; and the changeset is whole exactly when the walk
/// reaches the guard's row as written (its table, one column, its value): a record or header that
/// ran past the end would have swallowed the guard's header.
struct Guard {
  std::string bytes;
  std::int64_t value = 0;
};

const Guard& guard() {
  static const Guard made = [] {
    Guard g;
    sqlite3_randomness(sizeof g.value, &g.value);
    SQLite::Database mem(":memory:", SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE | SQLite::OPEN_MEMORY);
    mem.exec("CREATE TABLE \"uchronia-end\"(k INTEGER PRIMARY KEY)");
    ChangeRecorder recorder(mem.getHandle(), {"uchronia-end"});
    mem.exec("INSERT INTO \"uchronia-end\"(k) VALUES(" + std::to_string(g.value) + ")");
    g.bytes = recorder.changeset();
    g.bytes.append(std::size_t(70000), '\0');
    return g;
  }();
  return made;
}

/// Walks `cs` with SQLite's iterator, calling on_row(iter, table, ncol, op) for each row; throws
/// HistoryDamage unless it is whole (see Guard).
template <class OnRow>
void walk_changeset(const std::string& cs, OnRow&& on_row) {
  const Guard& g = guard();
  std::string guarded;
  guarded.reserve(cs.size() + g.bytes.size());
  guarded.append(cs).append(g.bytes);
  if (guarded.size() > static_cast<std::size_t>(INT_MAX)) throw HistoryDamage("its changeset is too large");
  sqlite3_changeset_iter* it = nullptr;
  const int start = sqlite3changeset_start(&it, static_cast<int>(guarded.size()), guarded.data());
  struct Finalize {
    sqlite3_changeset_iter* it;
    ~Finalize() { sqlite3changeset_finalize(it); }
  } finalize{it};
  if (start == SQLITE_NOMEM) throw Error("cannot read history: out of memory");
  if (start != SQLITE_OK) throw HistoryDamage("its changeset cannot be read");
  int rc;
  while ((rc = sqlite3changeset_next(it)) == SQLITE_ROW) {
    const char* table = nullptr;
    int ncol = 0, op = 0, indirect = 0;
    if (sqlite3changeset_op(it, &table, &ncol, &op, &indirect) != SQLITE_OK || !table) break;
    if (ncol == 1 && op == SQLITE_INSERT && std::strcmp(table, "uchronia-end") == 0) {
      sqlite3_value* v = nullptr;
      if (sqlite3changeset_new(it, 0, &v) == SQLITE_OK && v && sqlite3_value_type(v) == SQLITE_INTEGER &&
          sqlite3_value_int64(v) == g.value)
        return;  // the guard, where it was put: everything before it was read whole
    }
    on_row(it, table, ncol, op);
  }
  if (rc == SQLITE_NOMEM) throw Error("cannot read history: out of memory");
  throw HistoryDamage("its changeset is malformed");
}

void require_well_formed(const std::string& cs) {
  walk_changeset(cs, [](sqlite3_changeset_iter*, const char*, int, int) {});
}

}  // namespace

bool well_formed_changeset(const std::string& cs) {
  try {
    require_well_formed(cs);
    return true;
  } catch (const HistoryDamage&) {
    return false;
  }
}

std::vector<TouchedRow> read_changeset(const std::string& cs) {
  std::vector<TouchedRow> out;
  if (cs.empty()) return out;
  walk_changeset(cs, [&](sqlite3_changeset_iter* it, const char* table, int ncol, int op) {
    if (ncol <= 0) throw HistoryDamage("its changeset has a table without columns");
    TouchedRow row;
    row.table = table;
    row.op = op;
    row.old_values.resize(static_cast<std::size_t>(ncol));
    row.new_values.resize(static_cast<std::size_t>(ncol));
    row.changed.assign(static_cast<std::size_t>(ncol), false);
    for (int i = 0; i < ncol; ++i) {
      sqlite3_value* v = nullptr;
      if (op != SQLITE_INSERT && sqlite3changeset_old(it, i, &v) == SQLITE_OK && v)
        row.old_values[static_cast<std::size_t>(i)] = value_from(v);
      v = nullptr;
      if (op != SQLITE_DELETE && sqlite3changeset_new(it, i, &v) == SQLITE_OK && v) {
        row.new_values[static_cast<std::size_t>(i)] = value_from(v);
        row.changed[static_cast<std::size_t>(i)] = true;
      }
    }
    // The primary key (column 0) is always present in the old (or, for inserts, new) values.
    const Value& pk = op == SQLITE_INSERT ? row.new_values[0] : row.old_values[0];
    if (auto* k = std::get_if<std::int64_t>(&pk)) row.rowkey = *k;
    if (op == SQLITE_UPDATE) row.changed[0] = false;
    out.push_back(std::move(row));
  });
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
// The stored formats. Written: a zlib stream (its first byte is 0x78: deflate, 32 KiB window),
// with the preset dictionary below. Read besides, for older documents: the changeset as it is (it
// starts with 'T', a table header); 'Z', then the size (base 128, little-endian), then a zlib
// stream without dictionary; 'D', the size, the CRC-32 of the changeset, then raw deflate with the
// dictionary. Why zlib: a one-field edit keeps the field's old and new value, nearly the same text
// twice, and its summary names both; deflate with that dictionary stores ~40 % of the changeset,
// and zlib's own header and Adler-32 tell the format, the dictionary and a damaged blob apart,
// with no framing of ours.
constexpr unsigned char kZlibMethod = 0x78;
constexpr char kOldDeflatedMark = 'Z';
constexpr char kOldDictionaryMark = 'D';
/// Above this, deflate at its fastest (undoing a 100,000-entry import records 100 MB).
constexpr std::size_t kFastPackAbove = std::size_t(4) << 20;

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

[[noreturn]] void packed_damage() { throw HistoryDamage("its packed changeset cannot be read"); }

/// Inflates `in` (window_bits 15: a zlib stream; -15: raw deflate) with `dictionary`, at most
/// `limit` bytes; throws HistoryDamage unless it is one whole, sound stream.
std::string inflate_all(std::string_view in, int window_bits, const std::string& dictionary, std::size_t limit) {
  z_stream z{};
  if (inflateInit2(&z, window_bits) != Z_OK) throw Error("cannot read history: out of memory");
  struct End {
    z_stream& z;
    ~End() { inflateEnd(&z); }
  } end{z};
  const auto set_dictionary = [&] {
    return inflateSetDictionary(&z, reinterpret_cast<const Bytef*>(dictionary.data()), static_cast<uInt>(dictionary.size()));
  };
  if (window_bits < 0 && set_dictionary() != Z_OK) packed_damage();
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
  z.avail_in = static_cast<uInt>(in.size());
  std::string out(std::min(limit, std::max<std::size_t>(in.size() * 4, 256)), '\0');
  for (;;) {
    if (z.total_out == out.size()) {
      if (out.size() >= limit) packed_damage();
      out.resize(std::min(limit, out.size() * 2));
    }
    z.next_out = reinterpret_cast<Bytef*>(out.data() + z.total_out);
    z.avail_out = static_cast<uInt>(out.size() - z.total_out);
    int rc = inflate(&z, Z_NO_FLUSH);
    if (rc == Z_NEED_DICT) rc = set_dictionary() == Z_OK ? Z_OK : Z_DATA_ERROR;
    if (rc == Z_MEM_ERROR) throw Error("cannot read history: out of memory");
    if (rc == Z_STREAM_END) break;
    if (rc != Z_OK && rc != Z_BUF_ERROR) packed_damage();
    if (rc == Z_BUF_ERROR && z.avail_in == 0) packed_damage();  // cut short
  }
  if (z.avail_in != 0) packed_damage();  // bytes after the stream
  out.resize(z.total_out);
  return out;
}

}  // namespace

std::string pack_changeset(const std::string& cs, std::string_view summary) {
  const std::string dictionary = changeset_dictionary(summary);
  z_stream z{};
  const int level = cs.size() > kFastPackAbove ? Z_BEST_SPEED : Z_DEFAULT_COMPRESSION;
  if (deflateInit(&z, level) != Z_OK) throw Error("cannot record history: out of memory");
  struct End {
    z_stream& z;
    ~End() { deflateEnd(&z); }
  } end{z};
  if (deflateSetDictionary(&z, reinterpret_cast<const Bytef*>(dictionary.data()), static_cast<uInt>(dictionary.size())) != Z_OK)
    throw Error("cannot record history: out of memory");
  std::string out(deflateBound(&z, static_cast<uLong>(cs.size())), '\0');
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(cs.data()));
  z.avail_in = static_cast<uInt>(cs.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  if (deflate(&z, Z_FINISH) != Z_STREAM_END) throw Error("cannot record history: out of memory");
  out.resize(z.total_out);
  return out;
}

std::string unpack_changeset(std::string stored, std::string_view summary) {
  if (stored.empty()) return stored;
  const auto first = static_cast<unsigned char>(stored[0]);
  const std::size_t limit = INT_MAX;  // SQLite's changeset calls take an int size
  if (first == kZlibMethod) return inflate_all(stored, 15, changeset_dictionary(summary), limit);
  if (first != static_cast<unsigned char>(kOldDeflatedMark) && first != static_cast<unsigned char>(kOldDictionaryMark))
    return stored;  // an older document's changeset, kept as it was
  // The old formats' size: base 128, little-endian, after the mark.
  std::uint64_t size = 0;
  std::size_t i = 1;
  for (int shift = 0;; shift += 7) {
    if (i >= stored.size() || shift > 28) packed_damage();
    const auto b = static_cast<unsigned char>(stored[i++]);
    size |= std::uint64_t(b & 0x7f) << shift;
    if (!(b & 0x80)) break;
  }
  if (size > limit) packed_damage();
  std::string out;
  if (stored[0] == kOldDeflatedMark) {
    out = inflate_all(std::string_view(stored).substr(i), 15, {}, static_cast<std::size_t>(size) + 1);
  } else {
    if (stored.size() - i < 4) packed_damage();
    std::uint32_t crc = 0;
    for (int b = 0; b < 4; ++b) crc |= std::uint32_t(static_cast<unsigned char>(stored[i++])) << (8 * b);
    out = inflate_all(std::string_view(stored).substr(i), -15, changeset_dictionary(summary), static_cast<std::size_t>(size) + 1);
    if (crc32(0, reinterpret_cast<const Bytef*>(out.data()), static_cast<uInt>(out.size())) != crc) packed_damage();
  }
  if (out.size() != size) packed_damage();
  return out;
}

}  // namespace uch::detail
