// Revision history: the log, one item's revisions with field diffs, undo/redo by
// inverted changesets (kept in the file, so they survive a restart), restore.
#include <algorithm>

#include "store/store_impl.hpp"

namespace uch {
using namespace detail;

namespace {

Revision revision_from(Statement& st) {
  Revision r;
  r.seq = st.int64(0);
  r.time = st.text(1);
  r.author = st.text(2);
  r.summary = st.text(3);
  r.kind = st.text(4);
  if (!st.is_null(5)) r.target = st.int64(5);
  return r;
}

constexpr const char* kRevisionColumns = "seq, time, author, summary, kind, target";

/// "DOC: " for messages ("" in memory).
std::string doc_prefix(const Store::Impl& s) { return s.path.empty() ? std::string() : s.path.string() + ": "; }

/// Damaged history is reported, naming the document and the revision, never followed.
[[noreturn]] void damaged(const Store::Impl& s, std::int64_t seq, const std::string& what) {
  throw Error(doc_prefix(s) + "history is damaged: revision " + std::to_string(seq) + " " + what);
}

std::optional<Revision> revision_at(Store::Impl& s, std::int64_t seq) {
  Statement& st = s.stmt(std::string("SELECT ") + kRevisionColumns + " FROM revision WHERE seq = ?");
  st.bind(1, seq);
  if (!st.step()) return std::nullopt;
  Revision r = revision_from(st);
  st.reset();  // a cached statement left on a row pins a stale read snapshot (see sql_util.cpp)
  return r;
}

/// The revision `seq`, which `named_by` (the undo stack, an item's history) refers to.
Revision named_revision(Store::Impl& s, std::int64_t seq, const std::string& named_by) {
  if (seq <= 0) damaged(s, seq, "is not a revision number, yet " + named_by + " names it");
  auto r = revision_at(s, seq);
  if (!r) damaged(s, seq, "does not exist, yet " + named_by + " names it");
  return std::move(*r);
}

bool is_baseline(Store::Impl& s, std::int64_t seq) {
  // length() first: comparing a 100 MB changeset would read all of it.
  Statement& st =
      s.stmt("SELECT CASE WHEN length(changeset) = length(CAST(?1 AS BLOB)) THEN changeset = CAST(?1 AS BLOB) ELSE 0 END "
             "FROM revision WHERE seq = ?2");
  st.bind(1, std::string(kBaselineChangeset)).bind(2, seq);
  const bool baseline = st.step() && st.int64(0) == 1;
  st.reset();
  return baseline;
}

/// A revision's changeset, unpacked and checked: missing, empty or undecodable is damage.
std::string changeset_of(Store::Impl& s, std::int64_t seq, const std::string& named_by) {
  named_revision(s, seq, named_by);
  Statement& st = s.stmt("SELECT changeset, summary FROM revision WHERE seq = ?");
  st.bind(1, seq);
  if (!st.step()) damaged(s, seq, "does not exist, yet " + named_by + " names it");
  std::string cs = st.blob(0);
  const std::string summary = st.text(1);
  st.reset();
  if (cs == kBaselineChangeset) damaged(s, seq, "has no changeset");
  if (cs.empty()) damaged(s, seq, "has an empty changeset");
  try {
    cs = unpack_changeset(std::move(cs), summary);
  } catch (const HistoryDamage& e) {
    damaged(s, seq, e.detail);
  }
  if (cs.empty()) damaged(s, seq, "has an empty changeset");
  if (!well_formed_changeset(cs)) damaged(s, seq, "has a changeset that cannot be read");
  return cs;
}

/// The rows a revision's changeset touches, each of a source table with its columns.
std::vector<TouchedRow> rows_of(Store::Impl& s, std::int64_t seq, const std::string& named_by) {
  const std::string cs = changeset_of(s, seq, named_by);
  try {
    auto rows = read_changeset(cs);
    require_source_rows(rows);
    return rows;
  } catch (const HistoryDamage& e) {
    damaged(s, seq, e.detail);
  }
}

/// An item's table as revision_item names it: entry or entity, anything else is damage.
const std::string& item_table(Store::Impl& s, std::int64_t seq, const std::string& table) {
  static const std::string entry = "entry", entity = "entity";
  if (table == entry) return entry;
  if (table == entity) return entity;
  damaged(s, seq, "names an item of the table '" + shorten(table) + "'");
}

/// Applies a changeset as an undo or redo of `seq`; a changeset that changes nothing is damage
/// (e.g. rows of a table the document has not), never reported as a done undo.
void apply_history(Store::Impl& s, std::int64_t seq, const std::string& cs, const std::string& what) {
  const auto before = sqlite3_total_changes64(s.db);
  try {
    apply_changeset(s.db, cs, what);
  } catch (const HistoryDamage& e) {
    damaged(s, seq, e.detail);
  }
  if (sqlite3_total_changes64(s.db) == before) damaged(s, seq, "has a changeset that changes nothing");
}

/// Undoing an import that kept no changeset (kBaselineChangeset). With it on top of the undo
/// stack every later revision is undone, so the document is exactly what the import made: the
/// undo deletes every row, recorded as any change is. Refused, changing nothing, if the document
/// holds items the import did not make.
std::string undo_baseline(Store::Impl& s, std::int64_t seq, const std::string& summary) {
  Statement& made = s.stmt("SELECT count(*) FROM revision_item WHERE seq = ?");
  made.bind(1, seq);
  const std::int64_t items = made.step() ? made.int64(0) : -1;
  made.reset();
  Statement& now = s.stmt("SELECT (SELECT count(*) FROM entry) + (SELECT count(*) FROM entity)");
  const std::int64_t present = now.step() ? now.int64(0) : -2;
  now.reset();
  if (items != present)
    throw ConflictError("cannot undo '" + summary + "': the document holds items that it did not create");
  ChangeRecorder recorder(s.db);
  exec(s.db, "DELETE FROM entry; DELETE FROM entity; DELETE FROM relation; DELETE FROM doc_meta;");
  return recorder.changeset();
}

/// Redoing such an import: the inverse of its latest undo, which recorded every row it deleted.
std::string redo_baseline(Store::Impl& s, std::int64_t seq) {
  Statement& st = s.stmt("SELECT seq FROM revision WHERE kind = 'undo' AND target = ? ORDER BY seq DESC LIMIT 1");
  st.bind(1, seq);
  if (!st.step()) damaged(s, seq, "was never undone");
  const std::int64_t undo = st.int64(0);
  st.reset();
  try {
    return invert_changeset(changeset_of(s, undo, "the redo of revision " + std::to_string(seq)));
  } catch (const HistoryDamage& e) {
    damaged(s, undo, e.detail);
  }
}

std::optional<std::int64_t> stack_top(Store::Impl& s, const char* table) {
  Statement& st = s.stmt(std::string("SELECT seq FROM ") + table + " ORDER BY pos DESC LIMIT 1");
  if (!st.step()) return std::nullopt;
  const std::int64_t seq = st.int64(0);
  st.reset();
  return seq;
}

std::vector<std::string> items_of(Store::Impl& s, std::int64_t seq) {
  std::vector<std::string> out;
  Statement& st = s.stmt("SELECT item FROM revision_item WHERE seq = ? ORDER BY item");
  st.bind(1, seq);
  while (st.step()) out.push_back(st.text(0));
  return out;
}

std::string field_name(const std::string& table, int column) {
  std::string name = table == "entity" ? entity_column_name(column) : entry_column_name(column);
  return name;
}

}  // namespace

std::vector<Revision> Store::revisions(int limit) const {
  std::vector<Revision> out;
  Statement st(impl_->db, std::string("SELECT ") + kRevisionColumns + " FROM revision ORDER BY seq DESC LIMIT ?");
  st.bind(1, static_cast<std::int64_t>(limit));
  while (st.step()) out.push_back(revision_from(st));
  for (auto& r : out) r.items = items_of(*impl_, r.seq);
  return out;
}

std::vector<ItemRevision> Store::item_history(const std::string& id) const {
  // Walk back from the item's present row: each later revision's small changeset gives the
  // old values; a "created" revision is described by the state reconstructed just after it,
  // so an import's large changeset is never decoded for one item's history.
  struct Ref {
    std::int64_t seq;
    std::string op, table;
    std::int64_t rowkey;
  };
  std::vector<Ref> refs;
  {
    Statement st(impl_->db, "SELECT seq, op, tbl, rowkey FROM revision_item WHERE item = ? ORDER BY seq DESC");
    st.bind(1, id);
    while (st.step()) refs.push_back({st.int64(0), st.text(1), st.text(2), st.int64(3)});
  }
  if (refs.empty()) return {};
  const std::string table = item_table(*impl_, refs.front().seq, refs.front().table);
  const std::string named_by = "the history of '" + shorten(id) + "'";
  const bool entity_table = table == "entity";
  std::optional<Row> state;
  {
    Statement st(impl_->db, "SELECT * FROM " + table + " WHERE id = ?");
    st.bind(1, id);
    if (st.step()) state = read_row(st);
  }
  std::vector<ItemRevision> out;
  for (const auto& ref : refs) {
    ItemRevision ir;
    if (item_table(*impl_, ref.seq, ref.table) != table) damaged(*impl_, ref.seq, "names '" + shorten(id) + "' in two tables");
    ir.revision = named_revision(*impl_, ref.seq, named_by);
    ir.op = ref.op;
    auto add = [&](std::size_t c, std::optional<std::string> old_value, std::optional<std::string> new_value) {
      if (is_internal_column(static_cast<int>(c), entity_table)) return;
      if (!old_value && !new_value) return;
      ir.fields.push_back({field_name(table, static_cast<int>(c)), std::move(old_value), std::move(new_value)});
    };
    if (ref.op == "created") {
      // The state just after it, reconstructed: never the (possibly large, or absent) changeset.
      if (state)
        for (std::size_t c = 1; c < state->size(); ++c) add(c, std::nullopt, value_text((*state)[c]));
      state.reset();
    } else {
      for (const auto& row : rows_of(*impl_, ref.seq, named_by)) {
        if (row.table != ref.table || row.rowkey != ref.rowkey) continue;
        if (row.op == SQLITE_INSERT) {
          for (std::size_t c = 1; c < row.new_values.size(); ++c) add(c, std::nullopt, value_text(row.new_values[c]));
          state.reset();
        } else if (row.op == SQLITE_DELETE) {
          for (std::size_t c = 1; c < row.old_values.size(); ++c) add(c, value_text(row.old_values[c]), std::nullopt);
          state = row.old_values;
        } else {
          for (std::size_t c = 1; c < row.changed.size(); ++c) {
            if (!row.changed[c]) continue;
            if (!is_internal_column(static_cast<int>(c), entity_table))
              ir.fields.push_back(
                  {field_name(table, static_cast<int>(c)), value_text(row.old_values[c]), value_text(row.new_values[c])});
            if (state) (*state)[c] = row.old_values[c];
          }
        }
      }
    }
    out.push_back(std::move(ir));
  }
  std::reverse(out.begin(), out.end());  // oldest first
  return out;
}

std::int64_t Store::latest_seq() const {
  Statement& st = impl_->stmt("SELECT coalesce(max(seq), 0) FROM revision");
  st.step();
  const std::int64_t seq = st.int64(0);
  st.reset();
  return seq;
}

bool Store::can_undo() const { return stack_top(*impl_, "undo_stack").has_value(); }
bool Store::can_redo() const { return stack_top(*impl_, "redo_stack").has_value(); }

std::optional<Revision> Store::next_undo() const {
  auto seq = stack_top(*impl_, "undo_stack");
  return seq ? revision_at(*impl_, *seq) : std::nullopt;
}
std::optional<Revision> Store::next_redo() const {
  auto seq = stack_top(*impl_, "redo_stack");
  return seq ? revision_at(*impl_, *seq) : std::nullopt;
}

CommitResult Store::undo(const std::string& author) {
  impl_->require_writable();
  WriteTransaction tx(*impl_->conn);
  const auto target = stack_top(*impl_, "undo_stack");
  if (!target) throw Error("nothing to undo");
  const Revision rev = named_revision(*impl_, *target, "the undo stack");
  std::string inverse;
  CommitResult result;
  try {
    if (is_baseline(*impl_, *target)) {
      inverse = undo_baseline(*impl_, *target, rev.summary);
      if (inverse.empty()) damaged(*impl_, *target, "made nothing to undo");
    } else {
      inverse = invert_changeset(changeset_of(*impl_, *target, "the undo stack"));
      apply_history(*impl_, *target, inverse, "undo '" + rev.summary + "'");
    }
    result = impl_->finish_revision(inverse, "Undo: " + rev.summary, author, "undo", *target);
  } catch (const HistoryDamage& e) {
    damaged(*impl_, *target, e.detail);
  }
  impl_->stmt("DELETE FROM undo_stack WHERE pos = (SELECT max(pos) FROM undo_stack)").run();
  impl_->stmt("INSERT INTO redo_stack(seq) VALUES(?)").bind(1, *target).run();
  tx.commit();
  return result;
}

CommitResult Store::redo(const std::string& author) {
  impl_->require_writable();
  WriteTransaction tx(*impl_->conn);
  const auto target = stack_top(*impl_, "redo_stack");
  if (!target) throw Error("nothing to redo");
  const Revision rev = named_revision(*impl_, *target, "the redo stack");
  const std::string forward =
      is_baseline(*impl_, *target) ? redo_baseline(*impl_, *target) : changeset_of(*impl_, *target, "the redo stack");
  apply_history(*impl_, *target, forward, "redo '" + rev.summary + "'");
  CommitResult result;
  try {
    result = impl_->finish_revision(forward, "Redo: " + rev.summary, author, "redo", *target);
  } catch (const HistoryDamage& e) {
    damaged(*impl_, *target, e.detail);
  }
  impl_->stmt("DELETE FROM redo_stack WHERE pos = (SELECT max(pos) FROM redo_stack)").run();
  impl_->stmt("INSERT INTO undo_stack(seq) VALUES(?)").bind(1, *target).run();
  tx.commit();
  return result;
}

CommitResult Store::restore(const std::string& id, std::int64_t seq, const std::string& author) {
  impl_->require_writable();
  if (seq <= 0 || !revision_at(*impl_, seq)) throw Error(doc_prefix(*impl_) + "there is no revision " + std::to_string(seq));
  // Walk back from the present state to just after `seq`, undoing each later change to the item.
  struct Ref {
    std::int64_t seq;
    std::string table;
    std::int64_t rowkey;
  };
  std::vector<Ref> later;
  std::string table;
  {
    Statement st(impl_->db, "SELECT seq, tbl, rowkey FROM revision_item WHERE item = ? ORDER BY seq DESC");
    st.bind(1, id);
    while (st.step()) {
      Ref r{st.int64(0), item_table(*impl_, st.int64(0), st.text(1)), st.int64(2)};
      if (!table.empty() && table != r.table) damaged(*impl_, r.seq, "names '" + shorten(id) + "' in two tables");
      table = r.table;
      if (r.seq > seq) later.push_back(r);
    }
  }
  if (table.empty()) throw Error("no entry or entity with the id '" + id + "' appears in the history");
  std::optional<Row> state;
  {
    Statement st(impl_->db, "SELECT * FROM " + table + " WHERE id = ?");
    st.bind(1, id);
    if (st.step()) state = read_row(st);
  }
  const std::string named_by = "the history of '" + shorten(id) + "'";
  for (const auto& ref : later) {
    for (const auto& row : rows_of(*impl_, ref.seq, named_by)) {
      if (row.table != ref.table || row.rowkey != ref.rowkey) continue;
      if (row.op == SQLITE_INSERT) state.reset();
      else if (row.op == SQLITE_DELETE) state = row.old_values;
      else if (state) {
        for (std::size_t c = 0; c < row.changed.size(); ++c)
          if (row.changed[c]) (*state)[c] = row.old_values[c];
      }
    }
  }
  Edit edit;
  const auto rev_label = " to revision " + std::to_string(seq);
  if (!state) {
    edit.remove_item(id).summary("Restored '" + id + "'" + rev_label + " (it did not exist then)");
  } else if (table == "entity") {
    Entity e = entity_from_row(*state);
    edit.put_entity(e).summary("Restored entity '" + e.name + "'" + rev_label);
  } else {
    Entry e = entry_from_row(*state);
    edit.put_entry(e).summary("Restored entry '" + e.title + "'" + rev_label);
  }
  return impl_->commit(edit, author, "restore", seq);
}

std::vector<std::pair<std::string, std::int64_t>> Store::deleted_items() const {
  std::vector<std::pair<std::string, std::int64_t>> out;
  Statement st(impl_->db,
               "SELECT item, max(seq) FROM revision_item WHERE op = 'deleted' "
               "AND item NOT IN (SELECT id FROM entry) AND item NOT IN (SELECT id FROM entity) "
               "GROUP BY item ORDER BY max(seq) DESC");
  while (st.step()) out.emplace_back(st.text(0), st.int64(1));
  return out;
}

}  // namespace uch
