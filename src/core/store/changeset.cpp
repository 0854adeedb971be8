// Reading, inverting and applying SQLite session changesets (the stuff of history and undo).
#include "store/store_impl.hpp"

namespace uch::detail {
namespace {

struct ChangesetIter {
  sqlite3_changeset_iter* it = nullptr;
  explicit ChangesetIter(const std::string& cs) {
    if (sqlite3changeset_start(&it, static_cast<int>(cs.size()), const_cast<char*>(cs.data())) != SQLITE_OK)
      throw Error("history is damaged: a revision's changeset cannot be read");
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
  if (rc != SQLITE_DONE) throw Error("history is damaged: a revision's changeset is truncated");
  return out;
}

std::string invert_changeset(const std::string& cs) {
  int size = 0;
  void* data = nullptr;
  if (sqlite3changeset_invert(static_cast<int>(cs.size()), cs.data(), &size, &data) != SQLITE_OK)
    throw Error("history is damaged: a revision's changeset cannot be inverted");
  std::string out(static_cast<const char*>(data), static_cast<std::size_t>(size));
  sqlite3_free(data);
  return out;
}

void apply_changeset(sqlite3* db, const std::string& cs, const std::string& what) {
  struct Ctx {
    int conflicts = 0;
  } ctx;
  auto on_conflict = [](void* p, int, sqlite3_changeset_iter*) -> int {
    static_cast<Ctx*>(p)->conflicts++;
    return SQLITE_CHANGESET_ABORT;
  };
  const int rc = sqlite3changeset_apply(db, static_cast<int>(cs.size()), const_cast<char*>(cs.data()), nullptr,
                                        on_conflict, &ctx);
  if (rc == SQLITE_ABORT || ctx.conflicts > 0)
    throw ConflictError("cannot " + what + ": the items it touched were changed since by a later revision");
  if (rc != SQLITE_OK) throw_sqlite(db, "cannot " + what);
}

}  // namespace uch::detail
