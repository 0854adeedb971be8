// Reading a document: whole, as a light entry list, item by item, by full-text search.
#include "uchronia/links.hpp"
#include "store/store_impl.hpp"

namespace uch {
using namespace detail;

namespace {

std::string meta_value(sqlite3* db, const char* key) {
  Statement st(db, "SELECT value FROM doc_meta WHERE key = ?");
  st.bind(1, key);
  return st.step() ? st.text(0) : std::string();
}

/// A free-text query turned into an FTS5 expression that cannot be a syntax error:
/// every word quoted, all required, the last one as a prefix.
std::string fts_query(const std::string& text) {
  std::string out, word;
  auto flush = [&](bool last) {
    if (word.empty()) return;
    if (!out.empty()) out += ' ';
    out += '"';
    for (char c : word) out += (c == '"') ? std::string("\"\"") : std::string(1, c);
    out += '"';
    if (last) out += '*';
    word.clear();
  };
  for (char c : text) {
    if (c == ' ' || c == '\t' || c == '\n') flush(false);
    else word += c;
  }
  flush(true);
  return out;
}

}  // namespace

std::string Store::title() const { return meta_value(impl_->db, "title"); }
std::string Store::description() const { return meta_value(impl_->db, "description"); }

std::vector<EntryRow> Store::list_entries() const {
  std::vector<EntryRow> out;
  Statement count(impl_->db, "SELECT count(*) FROM entry");
  if (count.step()) out.reserve(static_cast<std::size_t>(count.int64(0)));
  Statement st(impl_->db, "SELECT id, date, title, tags, calendar, lower, upper FROM entry ORDER BY lower, upper, id");
  while (st.step()) {
    EntryRow row;
    row.id = st.text(0);
    row.date = st.text(1);
    row.title = st.text(2);
    row.tags = strings_from_json(st.text(3));
    row.calendar = st.text(4) == "julian" ? Calendar::Julian : Calendar::Gregorian;
    row.lower = st.int64(5);
    row.upper = st.int64(6);
    row.dated = !(row.lower == kUnboundedHigh && row.upper == kUnboundedHigh);
    out.push_back(std::move(row));
  }
  return out;
}

std::optional<Versioned<Entry>> Store::entry(const std::string& id) const {
  Statement st(impl_->db, "SELECT * FROM entry WHERE id = ?");
  st.bind(1, id);
  if (!st.step()) return std::nullopt;
  const Row row = read_row(st);
  return Versioned<Entry>{entry_from_row(row), version_of(row[entry_col::version])};
}

std::optional<Versioned<Entity>> Store::entity(const std::string& id) const {
  Statement st(impl_->db, "SELECT * FROM entity WHERE id = ?");
  st.bind(1, id);
  if (!st.step()) return std::nullopt;
  const Row row = read_row(st);
  return Versioned<Entity>{entity_from_row(row), version_of(row[entity_col::version])};
}

std::vector<Entity> Store::entities() const {
  std::vector<Entity> out;
  Statement st(impl_->db, "SELECT * FROM entity ORDER BY id");
  while (st.step()) out.push_back(entity_from_row(read_row(st)));
  return out;
}

std::vector<Relation> Store::relations() const {
  std::vector<Relation> out;
  Statement st(impl_->db, "SELECT from_id, type, to_id, extra FROM relation ORDER BY from_id, type, to_id");
  while (st.step()) {
    Relation r;
    r.from = st.text(0);
    r.type = relation_type_from_string(st.text(1)).value_or(RelationType::Before);
    r.to = st.text(2);
    r.extra = st.text(3);
    out.push_back(std::move(r));
  }
  return out;
}

Document Store::load() const {
  Document doc;
  doc.title = title();
  doc.description = description();
  doc.extra = meta_value(impl_->db, "extra");
  doc.entities = entities();
  {
    Statement count(impl_->db, "SELECT count(*) FROM entry");
    if (count.step()) doc.entries.reserve(static_cast<std::size_t>(count.int64(0)));
    Statement st(impl_->db, "SELECT * FROM entry ORDER BY lower, upper, id");
    while (st.step()) doc.entries.push_back(entry_from_row(read_row(st)));
  }
  doc.relations = relations();
  return doc;
}

std::vector<std::string> Store::search(const std::string& query, int limit) const {
  std::vector<std::string> out;
  const std::string expr = fts_query(query);
  if (expr.empty()) return out;
  Statement st(impl_->db,
               "SELECT e.id FROM entry_fts f JOIN entry e ON e.key = f.rowid WHERE entry_fts MATCH ? "
               "ORDER BY f.rank LIMIT ?");
  st.bind(1, expr).bind(2, static_cast<std::int64_t>(limit));
  while (st.step()) out.push_back(st.text(0));
  return out;
}

std::vector<std::string> Store::linked_from(const std::string& id) const {
  std::vector<std::string> out;
  Statement st(impl_->db,
               "SELECT DISTINCT l.src FROM item_key k JOIN link l ON l.target_key = k.key "
               "WHERE k.item = ? ORDER BY l.src");
  st.bind(1, id);
  while (st.step()) out.push_back(st.text(0));
  return out;
}

}  // namespace uch
