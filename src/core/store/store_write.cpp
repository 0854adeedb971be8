// Writing: an Edit is applied in one transaction that also appends one revision;
// derived tables (item keys, links, full-text index) are kept in step.
#include <algorithm>
#include <ctime>
#include <set>

#include "uchronia/links.hpp"
#include "store/link_rows.hpp"
#include "model/branch_json.hpp"
#include "store/store_impl.hpp"

namespace uch {
using namespace detail;

// ---------------------------------------------------------------------------
// [SECTION] Edit

struct Edit::Op {
  enum Kind { PutEntry, PutEntity, Remove, AddRelation, RemoveRelation, SetTitle, SetDescription, SetExtra } kind;
  Entry entry;
  Entity entity;
  Relation relation;
  std::string text;  // id to remove, or the new title/description
  std::optional<std::int64_t> expected;
};

Edit::Edit() = default;
Edit::~Edit() = default;
Edit::Edit(const Edit&) = default;
Edit& Edit::operator=(const Edit&) = default;

Edit& Edit::put_entry(Entry entry, std::optional<std::int64_t> expected_version) {
  Op op{Op::PutEntry, std::move(entry), {}, {}, {}, expected_version};
  ops_.push_back(std::move(op));
  return *this;
}
Edit& Edit::put_entity(Entity entity, std::optional<std::int64_t> expected_version) {
  ops_.push_back(Op{Op::PutEntity, {}, std::move(entity), {}, {}, expected_version});
  return *this;
}
Edit& Edit::remove_item(std::string id, std::optional<std::int64_t> expected_version) {
  ops_.push_back(Op{Op::Remove, {}, {}, {}, std::move(id), expected_version});
  return *this;
}
Edit& Edit::add_relation(Relation relation) {
  ops_.push_back(Op{Op::AddRelation, {}, {}, std::move(relation), {}, {}});
  return *this;
}
Edit& Edit::remove_relation(Relation relation) {
  ops_.push_back(Op{Op::RemoveRelation, {}, {}, std::move(relation), {}, {}});
  return *this;
}
Edit& Edit::set_title(std::string title) {
  ops_.push_back(Op{Op::SetTitle, {}, {}, {}, std::move(title), {}});
  return *this;
}
Edit& Edit::set_description(std::string description) {
  ops_.push_back(Op{Op::SetDescription, {}, {}, {}, std::move(description), {}});
  return *this;
}
Edit& Edit::set_document_extra(std::string extra) {
  ops_.push_back(Op{Op::SetExtra, {}, {}, {}, std::move(extra), {}});
  return *this;
}
Edit& Edit::summary(std::string text) {
  summary_ = std::move(text);
  return *this;
}
bool Edit::empty() const { return ops_.empty(); }

// ---------------------------------------------------------------------------
// [SECTION] Applying operations

namespace detail {
std::string utc_now() {
  std::time_t t = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

std::string shorten(const std::string& text, std::size_t max) {
  if (text.size() <= max) return text;
  std::size_t cut = max;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;  // UTF-8 boundary
  return text.substr(0, cut) + "…";
}

void check_id(const std::string& id) {
  if (!is_valid_id(id))
    throw Error("'" + shorten(id) + "' is not a valid id (letters, digits, '.', '_', '-'; 1 to 128 of them)");
}

}  // namespace detail

namespace {

const char* field_label(const std::string& column) {
  if (column == "date") return "Date";
  if (column == "title") return "Title";
  if (column == "body") return "Text";
  if (column == "tags") return "Tags";
  if (column == "otl") return "Our-timeline note";
  if (column == "notes") return "Notes";
  if (column == "calendar") return "Calendar";
  if (column == "series_name" || column == "series_number") return "Series";
  if (column == "acknowledged") return "Acknowledgements";
  if (column == "name") return "Name";
  if (column == "kind") return "Kind";
  if (column == "aliases") return "Aliases";
  if (column == "start") return "Start";
  if (column == "end") return "End";
  return "Extra fields";
}

bool is_long_text(const std::string& column) {
  return column == "body" || column == "otl" || column == "notes" || column == "extra" || column == "acknowledged";
}

std::string display(const Value& v, const std::string& column) {
  auto text = value_text(v).value_or("");
  if (column == "tags" || column == "aliases") {
    std::string joined;
    for (const auto& s : strings_from_json(text)) joined += (joined.empty() ? "" : ", ") + s;
    text = joined;
  }
  return text.empty() ? "(none)" : shorten(text, 40);
}

/// "Date of 'Warsaw captured': 1920-08 → 1920-08-16", or "Edited 'X': date, title".
std::string update_summary(const std::string& title, const std::vector<std::string>& columns,
                           const Row& before, const Row& after, const std::vector<int>& indexes) {
  std::vector<std::string> labels;
  for (const auto& c : columns) {
    std::string l = field_label(c);
    if (std::find(labels.begin(), labels.end(), l) == labels.end()) labels.push_back(l);
  }
  if (labels.size() == 1) {
    const std::string& c = columns.front();
    if (is_long_text(c) || columns.size() > 1) return labels[0] + " of '" + shorten(title) + "' edited";
    const int i = indexes.front();
    const std::string change =
        display(before[static_cast<std::size_t>(i)], c) + " → " + display(after[static_cast<std::size_t>(i)], c);
    // A new title or name says which item it is: "Title: Warsaw taken → Warsaw captured".
    if (c == "title" || c == "name") return labels[0] + ": " + change;
    return labels[0] + " of '" + shorten(title) + "': " + change;
  }
  std::string list;
  for (const auto& l : labels) list += (list.empty() ? "" : ", ") + l;
  return "Edited '" + shorten(title) + "': " + list;
}

}  // namespace

Statement& Store::Impl::stmt(const std::string& sql) {
  auto it = statements.find(sql);
  if (it == statements.end()) it = statements.emplace(sql, std::make_unique<Statement>(db, sql)).first;
  it->second->reset();
  return *it->second;
}

namespace {

/// Inserts or updates one entry/entity row; returns a summary line ("" when nothing changed).
std::string put_row(Store::Impl& s, bool entity_table, const Row& wanted, const std::string& id,
                     const std::string& label, std::optional<std::int64_t> expected) {
  const std::string table = entity_table ? "entity" : "entry";
  const std::string other = entity_table ? "entry" : "entity";
  const int ncol = entity_table ? int(entity_col::count) : int(entry_col::count);
  const int version_col = entity_table ? int(entity_col::version) : int(entry_col::version);
  auto name_of = [&](int c) { return std::string(entity_table ? entity_column_name(c) : entry_column_name(c)); };

  check_id(id);
  {
    Statement& clash = s.stmt("SELECT 1 FROM " + other + " WHERE id = ?");
    clash.bind(1, id);
    if (clash.step())
      throw Error("id '" + id + "' is already used by an " + other + "; ids are unique across entries and entities");
  }
  Statement& sel = s.stmt("SELECT * FROM " + table + " WHERE id = ?");
  sel.bind(1, id);
  if (!sel.step()) {
    if (expected)
      throw ConflictError("'" + shorten(label) + "' was deleted by another writer since you opened it");
    std::string cols, marks;
    for (int c = 1; c < ncol; ++c) {
      cols += (c > 1 ? ", " : "") + std::string("\"") + name_of(c) + "\"";
      marks += (c > 1 ? ", ?" : "?");
    }
    Statement& ins = s.stmt("INSERT INTO " + table + "(" + cols + ") VALUES(" + marks + ")");
    for (int c = 1; c < ncol; ++c) {
      const Value& v = c == version_col ? Value(s.pending_seq) : wanted[static_cast<std::size_t>(c)];
      if (auto* i = std::get_if<std::int64_t>(&v)) ins.bind(c, *i);
      else if (auto* t = std::get_if<std::string>(&v)) ins.bind(c, *t);
      else ins.bind_null(c);
    }
    ins.run();
    return std::string("Added ") + (entity_table ? "entity" : "entry") + " '" + shorten(label) + "'";
  }
  const Row current = read_row(sel);
  const auto version = version_of(current[static_cast<std::size_t>(version_col)]);
  if (expected && *expected != version)
    throw ConflictError("'" + shorten(label) + "' was changed by another writer since you opened it (version " +
                        std::to_string(*expected) + ", now " + std::to_string(version) +
                        "); reload it and make your change again");
  std::vector<int> changed;
  std::vector<std::string> changed_names;
  for (int c = 2; c < ncol; ++c) {
    if (c == version_col) continue;
    if (current[static_cast<std::size_t>(c)] != wanted[static_cast<std::size_t>(c)]) {
      changed.push_back(c);
      if (!is_internal_column(c, entity_table)) changed_names.push_back(name_of(c));
    }
  }
  if (changed.empty()) return {};
  std::string sql = "UPDATE " + table + " SET ";
  for (int c : changed) sql += "\"" + name_of(c) + "\" = ?, ";
  sql += "version = ? WHERE key = ?";
  Statement& upd = s.stmt(sql);
  int i = 1;
  for (int c : changed) {
    const Value& v = wanted[static_cast<std::size_t>(c)];
    if (auto* n = std::get_if<std::int64_t>(&v)) upd.bind(i, *n);
    else if (auto* t = std::get_if<std::string>(&v)) upd.bind(i, *t);
    else upd.bind_null(i);
    ++i;
  }
  upd.bind(i++, s.pending_seq);
  upd.bind(i, integer_of(current[0], "an item's row key"));
  upd.run();
  if (changed_names.empty()) return {};
  std::vector<int> shown;
  for (int c : changed)
    if (!is_internal_column(c, entity_table)) shown.push_back(c);
  return update_summary(label, changed_names, current, wanted, shown);
}

std::string remove_row(Store::Impl& s, const std::string& id, std::optional<std::int64_t> expected) {
  for (const char* table : {"entry", "entity"}) {
    const bool entity_table = std::string(table) == "entity";
    Statement& sel = s.stmt(std::string("SELECT version, ") + (entity_table ? "name" : "title") + " FROM " + table +
                            " WHERE id = ?");
    sel.bind(1, id);
    if (!sel.step()) continue;
    const auto version = sel.int64(0);
    const std::string label = sel.text(1);
    if (expected && *expected != version)
      throw ConflictError("'" + shorten(label) + "' was changed by another writer since you opened it; not deleted");
    Statement& del = s.stmt(std::string("DELETE FROM ") + table + " WHERE id = ?");
    del.bind(1, id);
    del.run();
    return std::string("Deleted ") + (entity_table ? "entity" : "entry") + " '" + shorten(label) + "'";
  }
  if (expected) throw ConflictError("'" + id + "' was already deleted by another writer");
  throw Error("no entry or entity has the id '" + id + "'");
}

std::string set_meta(Store::Impl& s, const char* key, const std::string& value) {
  Statement& sel = s.stmt("SELECT value FROM doc_meta WHERE key = ?");
  sel.bind(1, key);
  if (sel.step()) {
    const std::string old = sel.text(0);
    if (old == value) return {};
    Statement& upd = s.stmt("UPDATE doc_meta SET value = ? WHERE key = ?");
    upd.bind(1, value).bind(2, key);
    upd.run();
    if (std::string(key) == "title") return "Document title: " + shorten(old, 40) + " → " + shorten(value, 40);
  } else {
    if (value.empty()) return {};
    Statement& ins = s.stmt("INSERT INTO doc_meta(key, value) VALUES(?, ?)");
    ins.bind(1, key).bind(2, value);
    ins.run();
    if (std::string(key) == "title") return "Document title: " + shorten(value, 40);
  }
  return std::string("Document ") + key + " edited";
}

std::string relation_text(const Relation& r) { return r.from + " " + to_string(r.type) + " " + r.to; }

std::string apply_op(Store::Impl& s, const Edit::Op& op) {
  switch (op.kind) {
    case Edit::Op::PutEntry:
      if (op.entry.title.empty()) throw Error("entry '" + op.entry.id + "' needs a title");
      return put_row(s, false, entry_to_row(op.entry), op.entry.id, op.entry.title, op.expected);
    case Edit::Op::PutEntity:
      if (op.entity.name.empty()) throw Error("entity '" + op.entity.id + "' needs a name");
      return put_row(s, true, entity_to_row(op.entity), op.entity.id, op.entity.name, op.expected);
    case Edit::Op::Remove: return remove_row(s, op.text, op.expected);
    case Edit::Op::AddRelation: {
      Statement& ins = s.stmt("INSERT OR IGNORE INTO relation(from_id, type, to_id, extra) VALUES(?, ?, ?, ?)");
      ins.bind(1, op.relation.from).bind(2, to_string(op.relation.type)).bind(3, op.relation.to).bind(4, op.relation.extra);
      ins.run();
      return sqlite3_changes(s.db) ? "Added relation " + relation_text(op.relation) : std::string();
    }
    case Edit::Op::RemoveRelation: {
      Statement& del = s.stmt("DELETE FROM relation WHERE from_id = ? AND type = ? AND to_id = ?");
      del.bind(1, op.relation.from).bind(2, to_string(op.relation.type)).bind(3, op.relation.to);
      del.run();
      return sqlite3_changes(s.db) ? "Removed relation " + relation_text(op.relation) : std::string();
    }
    case Edit::Op::SetTitle: return set_meta(s, "title", op.text);
    case Edit::Op::SetDescription: return set_meta(s, "description", op.text);
    case Edit::Op::SetExtra: return set_meta(s, "extra", op.text);
  }
  return {};
}

std::string compose_summary(const std::vector<std::string>& lines) {
  if (lines.empty()) return "No change";
  if (lines.size() == 1) return lines.front();
  return lines.front() + " (and " + std::to_string(lines.size() - 1) + " more change" +
         (lines.size() > 2 ? "s" : "") + ")";
}

}  // namespace

// ---------------------------------------------------------------------------
// [SECTION] Derived tables

void Store::Impl::forget_derived(const std::string& id) {
  stmt("DELETE FROM item_key WHERE item = ?").bind(1, id).run();
  stmt("DELETE FROM link WHERE src = ?").bind(1, id).run();
}

namespace {

/// The derived rows one item should have: its folded names, and its links in order.
struct DerivedRows {
  std::vector<std::string> keys;
  std::vector<LinkRowValues> links;

  /// The folded names links find the item by (names_of: the one rule).
  void add_keys(std::string_view id, std::string_view title_or_name, const std::vector<std::string>& aliases) {
    std::vector<std::string_view> names;
    names_of(id, title_or_name, aliases, names);
    for (std::string_view name : names) {
      std::string key = fold_name(name);
      if (!key.empty()) keys.push_back(std::move(key));
    }
  }
  void add_links(const char* field, const std::string& text) { append_link_rows(links, field, text); }
};

/// Gives `id` exactly the derived rows `wanted`, touching only what differs: a text edit that
/// keeps the item's links and names (most of them) leaves those rows and their index pages
/// alone, so the file does not grow by them at every keystroke saved.
void store_derived(Store::Impl& s, const std::string& id, DerivedRows wanted, bool fresh) {
  std::sort(wanted.keys.begin(), wanted.keys.end());
  wanted.keys.erase(std::unique(wanted.keys.begin(), wanted.keys.end()), wanted.keys.end());
  std::vector<std::string> keys;
  std::vector<LinkRowValues> links;
  if (!fresh) {
    Statement& k = s.stmt("SELECT key FROM item_key WHERE item = ? ORDER BY key");
    k.bind(1, id);
    while (k.step()) keys.push_back(k.text(0));
    k.reset();
    Statement& l = s.stmt("SELECT field, target_key, target, ord FROM link WHERE src = ? ORDER BY ord");
    l.bind(1, id);
    while (l.step()) links.push_back({l.text(0), l.text(1), l.text(2), l.int64(3)});
    l.reset();
  }
  if (keys != wanted.keys) {
    for (const auto& key : keys)
      if (!std::binary_search(wanted.keys.begin(), wanted.keys.end(), key))
        s.stmt("DELETE FROM item_key WHERE key = ? AND item = ?").bind(1, key).bind(2, id).run();
    for (const auto& key : wanted.keys)
      if (!std::binary_search(keys.begin(), keys.end(), key))
        s.stmt("INSERT OR IGNORE INTO item_key(key, item) VALUES(?, ?)").bind(1, key).bind(2, id).run();
  }
  if (links != wanted.links) {
    if (!links.empty()) s.stmt("DELETE FROM link WHERE src = ?").bind(1, id).run();
    for (const LinkRowValues& link : wanted.links)
      s.stmt("INSERT INTO link(src, field, target_key, target, ord) VALUES(?, ?, ?, ?, ?)")
          .bind(1, id).bind(2, link.field).bind(3, link.target_key).bind(4, link.target).bind(5, link.ord).run();
  }
}

}  // namespace

void Store::Impl::refresh_entry_derived(const std::string& id, bool fresh) {
  Statement& sel = stmt("SELECT key, title, body, otl, notes FROM entry WHERE id = ?");
  sel.bind(1, id);
  if (!sel.step()) {
    forget_derived(id);
    return;
  }
  const auto key = sel.int64(0);
  const std::string title = sel.text(1), body = sel.text(2), otl = sel.text(3), notes = sel.text(4);
  sel.reset();
  DerivedRows rows;
  rows.add_keys(id, title, {});
  rows.add_links("body", body);
  rows.add_links("otl", otl);
  rows.add_links("notes", notes);
  store_derived(*this, id, std::move(rows), fresh);
  // The caller deleted the item's old search row, if it had one.
  stmt("INSERT INTO entry_fts(rowid, title, body, otl) VALUES(?, ?, ?, ?)")
      .bind(1, key).bind(2, title).bind(3, body).bind(4, otl).run();
}

void Store::Impl::refresh_entity_derived(const std::string& id, bool fresh) {
  Statement& sel = stmt("SELECT name, aliases, notes FROM entity WHERE id = ?");
  sel.bind(1, id);
  if (!sel.step()) {
    forget_derived(id);
    return;
  }
  const std::string name = sel.text(0), aliases = sel.text(1), notes = sel.text(2);
  sel.reset();
  DerivedRows rows;
  rows.add_keys(id, name, strings_from_json(aliases));
  rows.add_links("notes", notes);
  store_derived(*this, id, std::move(rows), fresh);
}

void Store::Impl::refresh_meta_derived() {
  const std::string src = "#document";
  stmt("DELETE FROM link WHERE src = ?").bind(1, src).run();
  Statement& sel = stmt("SELECT value FROM doc_meta WHERE key = 'description'");
  if (!sel.step()) return;
  const std::string description = sel.text(0);
  sel.reset();
  std::vector<LinkRowValues> links;
  append_link_rows(links, "description", description);
  for (const LinkRowValues& link : links)
    stmt("INSERT INTO link(src, field, target_key, target, ord) VALUES(?, ?, ?, ?, ?)")
        .bind(1, src).bind(2, link.field).bind(3, link.target_key).bind(4, link.target).bind(5, link.ord).run();
}

void Store::rebuild_derived() {
  impl_->require_writable();
  WriteTransaction tx(*impl_->conn);
  exec(impl_->db, "DELETE FROM item_key; DELETE FROM link; INSERT INTO entry_fts(entry_fts) VALUES('delete-all');");
  std::vector<std::string> entries, entities;
  for (Statement st(impl_->db, "SELECT id FROM entry"); st.step();) entries.push_back(st.text(0));
  for (Statement st(impl_->db, "SELECT id FROM entity"); st.step();) entities.push_back(st.text(0));
  for (const auto& id : entries) impl_->refresh_entry_derived(id, true);  // emptied above: nothing to compare
  for (const auto& id : entities) impl_->refresh_entity_derived(id, true);
  impl_->refresh_meta_derived();
  tx.commit();
}

// ---------------------------------------------------------------------------
// [SECTION] Revisions

std::array<std::string, 3> Store::Impl::indexed_text_before(const TouchedRow& row) {
  static constexpr int kIndexed[3] = {entry_col::title, entry_col::body, entry_col::otl};
  std::array<std::string, 3> out;
  std::optional<std::array<std::string, 3>> now;  // an update's unchanged columns: as they are now
  for (int i = 0; i < 3; ++i) {
    const auto c = static_cast<std::size_t>(kIndexed[i]);
    if (row.op == SQLITE_DELETE || (c < row.changed.size() && row.changed[c])) {
      auto text = value_text(row.old_values[c]);
      if (!text) throw Error("history is inconsistent: an entry's old text is missing");
      out[static_cast<std::size_t>(i)] = std::move(*text);
      continue;
    }
    if (!now) {
      Statement& sel = stmt("SELECT title, body, otl FROM entry WHERE key = ?");
      sel.bind(1, row.rowkey);
      if (!sel.step()) throw Error("history is inconsistent: an updated row is missing");
      now = std::array<std::string, 3>{sel.text(0), sel.text(1), sel.text(2)};
      sel.reset();
    }
    out[static_cast<std::size_t>(i)] = (*now)[static_cast<std::size_t>(i)];
  }
  return out;
}

CommitResult Store::Impl::finish_revision(const std::string& changeset, const std::string& summary,
                                          const std::string& author, const std::string& kind,
                                          std::optional<std::int64_t> target) {
  CommitResult result;
  result.summary = summary;
  struct Item {
    std::string id, op, table;
    std::int64_t rowkey;
    bool derived;  // its id, title/name, aliases or linking text changed: derived rows to refresh
    std::array<std::string, 3> indexed_before{};  // an entry's title, body and otl before the change
  };
  std::vector<Item> items;
  std::set<std::string> refreshed;
  const std::vector<TouchedRow> rows = read_changeset(changeset);
  require_source_rows(rows);
  for (const auto& row : rows) {
    if (row.table == "relation") {
      result.relations_changed = true;
      continue;
    }
    if (row.table == "doc_meta") {
      result.meta_changed = true;
      continue;
    }
    std::string id;
    if (row.op == SQLITE_DELETE || row.op == SQLITE_INSERT) {
      const auto text = value_text(row.op == SQLITE_DELETE ? row.old_values[1] : row.new_values[1]);
      if (!text) throw HistoryDamage("its changeset has a row without an id");
      id = *text;
    } else {
      Statement& sel = stmt(std::string("SELECT id FROM ") + row.table + " WHERE key = ?");
      sel.bind(1, row.rowkey);
      if (!sel.step()) throw Error("history is inconsistent: an updated row is missing");
      id = sel.text(0);
    }
    const char* op = row.op == SQLITE_INSERT ? "created" : row.op == SQLITE_DELETE ? "deleted" : "changed";
    static const std::vector<int> kEntryInputs{entry_col::id, entry_col::title, entry_col::body, entry_col::otl,
                                               entry_col::notes};
    static const std::vector<int> kEntityInputs{entity_col::id, entity_col::name, entity_col::aliases,
                                                entity_col::notes};
    bool derived = row.op != SQLITE_UPDATE;
    for (int c : row.table == "entity" ? kEntityInputs : kEntryInputs)
      derived = derived || (static_cast<std::size_t>(c) < row.changed.size() && row.changed[static_cast<std::size_t>(c)]);
    Item item{id, op, row.table, row.rowkey, derived};
    if (row.table == "entry" && derived && row.op != SQLITE_INSERT) item.indexed_before = indexed_text_before(row);
    items.push_back(std::move(item));
  }
  // Row-key order: FTS5 flushes its pending index to a new segment whenever a rowid is not above
  // the previous one, and a changeset lists rows in hash order (10,000-entry import: FTS 0.8 s -> 0.2 s).
  std::stable_sort(items.begin(), items.end(), [](const Item& a, const Item& b) {
    return a.table != b.table ? a.table < b.table : a.rowkey < b.rowkey;
  });
  // An item is fresh when every row of it in the changeset is an insert: nothing derived to forget.
  std::set<std::string> not_fresh;
  for (const auto& item : items)
    if (item.op != std::string("created")) not_fresh.insert(item.id);
  for (const auto& item : items) {
    if (item.table == "entry" && item.derived && item.op != std::string("created")) {
      // The index reads its text from the entry table, which already holds the new text:
      // FTS5 is told the old text to remove (it must be exactly what was indexed).
      stmt("INSERT INTO entry_fts(entry_fts, rowid, title, body, otl) VALUES('delete', ?, ?, ?, ?)")
          .bind(1, item.rowkey).bind(2, item.indexed_before[0]).bind(3, item.indexed_before[1])
          .bind(4, item.indexed_before[2]).run();
    }
    if (!refreshed.insert(item.id).second) continue;
    result.changed_items.push_back(item.id);
    if (!item.derived) continue;  // e.g. a date or tags edit: links, keys and search index stay
    const bool fresh = !not_fresh.count(item.id);
    if (item.table == "entity") refresh_entity_derived(item.id, fresh);
    else refresh_entry_derived(item.id, fresh);
  }
  if (result.meta_changed) refresh_meta_derived();

  Statement& ins = stmt("INSERT INTO revision(time, author, summary, kind, target, changeset) VALUES(?, ?, ?, ?, ?, ?)");
  ins.bind(1, utc_now()).bind(2, author).bind(3, summary).bind(4, kind);
  if (target) ins.bind(5, *target);
  else ins.bind_null(5);
  ins.bind_blob(6, pack_changeset(changeset, summary));
  ins.run();
  result.seq = sqlite3_last_insert_rowid(db);
  note_commit();
  for (const auto& item : items)
    stmt("INSERT OR REPLACE INTO revision_item(item, seq, op, tbl, rowkey) VALUES(?, ?, ?, ?, ?)")
        .bind(1, item.id).bind(2, result.seq).bind(3, item.op).bind(4, item.table).bind(5, item.rowkey).run();
  if (kind != "undo" && kind != "redo") {
    stmt("INSERT INTO undo_stack(seq) VALUES(?)").bind(1, result.seq).run();
    stmt("DELETE FROM redo_stack").run();
  }
  return result;
}

CommitResult Store::Impl::commit(const Edit& edit, const std::string& author, const std::string& kind,
                                 std::optional<std::int64_t> target) {
  require_writable();
  WriteTransaction tx(*conn);
  {
    Statement& next = stmt("SELECT coalesce(max(seq), 0) + 1 FROM revision");
    next.step();
    pending_seq = next.int64(0);
  }
  std::string changeset;
  std::vector<std::string> lines;
  {
    ChangeRecorder recorder(db);
    for (const auto& op : edit.ops()) {
      std::string line = apply_op(*this, op);
      if (!line.empty()) lines.push_back(std::move(line));
    }
    changeset = recorder.changeset();
  }
  if (changeset.empty()) {
    tx.commit();
    return {};
  }
  const std::string summary = edit.summary_text().empty() ? compose_summary(lines) : edit.summary_text();
  CommitResult result = finish_revision(changeset, summary, author, kind, target);
  if (watch) watch->hold_for_test();
  tx.commit();
  return result;
}

CommitResult Store::commit(const Edit& edit, const std::string& author) {
  return impl_->commit(edit, author, "edit", std::nullopt);
}

CommitResult Store::import_document(const Document& doc, const std::string& author) {
  {
    Statement st(impl_->db, "SELECT (SELECT count(*) FROM entry) + (SELECT count(*) FROM entity)");
    if (st.step() && st.int64(0) > 0) throw Error("import needs an empty document; this one already has items");
  }
  impl_->require_writable();
  const std::string summary = "Imported '" + shorten(doc.title) + "': " + std::to_string(doc.entries.size()) +
                              " entries, " + std::to_string(doc.entities.size()) + " entities, " +
                              std::to_string(doc.relations.size()) + " relations";
  // One import writes the whole document in one transaction (~500 MB at 100,000 entries). With the
  // default 2 MB page cache, index pages are spilled to the WAL and read back again and again (at
  // 10,000 entries: 63,000 WAL page reads + 62,000 writes for a 12,000-page file). A large cache, used
  // only as far as needed and released afterwards, keeps them in memory.
  struct LargeCache {
    sqlite3* db;
    std::int64_t before;
    explicit LargeCache(sqlite3* d) : db(d) {
      Statement st(db, "PRAGMA cache_size");
      before = st.step() ? st.int64(0) : -2000;
      exec(db, "PRAGMA cache_size = -262144");  // KiB
    }
    ~LargeCache() {
      sqlite3_exec(db, ("PRAGMA cache_size = " + std::to_string(before)).c_str(), nullptr, nullptr, nullptr);
    }
  } cache(impl_->db);
  if (impl_->source_tables_empty()) return impl_->import_into_empty(doc, author, summary);
  // Left-over relations or document fields (everything else deleted): the general path, which
  // records what the import replaces.
  Edit edit;
  edit.set_title(doc.title).set_description(doc.description).set_document_extra(detail::document_extra_with_branches(doc));
  for (const auto& e : doc.entities) edit.put_entity(e);
  for (const auto& e : doc.entries) edit.put_entry(e);
  for (const auto& r : doc.relations) edit.add_relation(r);
  edit.summary(summary);
  return impl_->commit(edit, author, "import", std::nullopt);
}

}  // namespace uch
