// Reading a document: whole, as interchange JSON, as a light entry list, item by item, by
// full-text search.
#include <algorithm>
#include <exception>
#include <memory>
#include <thread>
#include <cmath>
#include <cstring>

#include "uchronia/draft_order.hpp"
#include "uchronia/interchange.hpp"
#include "uchronia/links.hpp"
#include "model/branch_json.hpp"
#include "store/store_impl.hpp"

namespace uch {
using namespace detail;

namespace {

std::string meta_value(sqlite3* db, const char* key) {
  Statement st(db, "SELECT value FROM doc_meta WHERE key = ?");
  st.bind(1, key);
  return st.step() ? st.text(0) : std::string();
}

constexpr const char* kRelationSelect = "SELECT from_id, type, to_id, extra FROM relation ORDER BY from_id, type, to_id";

void read_relation_columns(const Statement& st, Relation& r) {
  r.from = st.text(0);
  r.type = relation_type_from_string(st.text(1)).value_or(RelationType::Before);
  r.to = st.text(2);
  r.extra = st.text(3);
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
  std::vector<EntryRow> read;
  Statement count(impl_->db, "SELECT count(*) FROM entry");
  if (count.step()) read.reserve(static_cast<std::size_t>(count.int64(0)));
  // Read in the table's order and sorted here: reading in the order of the entry_order index
  // fetches the table's pages (bodies and all) at random, each many times over (a 100k document:
  // ~0.3 s of CPU against ~0.2 s, most of it the page reads).
  Statement st(impl_->db, "SELECT id, date, title, tags, calendar, lower, upper, extra FROM entry NOT INDEXED");
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
    row.draft_order = draft_order_in(st.text(7)).value_or(0);
    read.push_back(std::move(row));
  }
  // ORDER BY lower, upper, id (ids compare bytewise, as SQLite's BINARY collation does); a
  // permutation is sorted, not the rows themselves.
  std::vector<std::uint32_t> order(read.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = static_cast<std::uint32_t>(i);
  std::sort(order.begin(), order.end(), [&](std::uint32_t a, std::uint32_t b) {
    const EntryRow &x = read[a], &y = read[b];
    if (x.lower != y.lower) return x.lower < y.lower;
    if (x.upper != y.upper) return x.upper < y.upper;
    return x.id < y.id;
  });
  std::vector<EntryRow> out;
  out.reserve(read.size());
  for (std::uint32_t i : order) out.push_back(std::move(read[i]));
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
  Statement st(impl_->db, std::string("SELECT ") + kEntityReadColumns + " FROM entity ORDER BY id");
  while (st.step()) read_entity_columns(st.get(), out.emplace_back());
  return out;
}

std::optional<Store::Impl::SecondReader> Store::Impl::second_reader(std::size_t entries) const {
  SecondReader reader;
  reader.connection = open_reader();
  if (!reader.connection) return std::nullopt;
  // Every commit that changes the document adds a revision, so the same newest revision and entry
  // count on both connections means the same document.
  const char* state = "SELECT (SELECT coalesce(max(seq), 0) FROM revision), (SELECT count(*) FROM entry)";
  try {
    reader.snapshot = std::make_unique<SQLite::Transaction>(*reader.connection, SQLite::TransactionBehavior::DEFERRED);
    Statement ours(db, state), theirs(reader.db(), state);
    if (!ours.step() || !theirs.step() || ours.int64(0) != theirs.int64(0) || ours.int64(1) != theirs.int64(1) ||
        static_cast<std::size_t>(ours.int64(1)) != entries)
      return std::nullopt;
  } catch (const Error&) {
    return std::nullopt;  // e.g. busy: the plain way will do
  } catch (const SQLite::Exception&) {
    return std::nullopt;
  }
  return reader;
}

std::vector<Relation> Store::relations() const {
  std::vector<Relation> out;
  Statement st(impl_->db, kRelationSelect);
  while (st.step()) read_relation_columns(st, out.emplace_back());
  return out;
}

namespace {

/// Reads the entries, in (lower, upper, id) order, as two halves at once: the second on a second
/// connection to the file, since a connection runs one statement at a time and SQLite's own work
/// is most of a load (100,000 entries: 110 ms -> 82). Returns false, having read nothing, unless
/// the second connection surely sees what this one does: every commit that changes entries adds a
/// revision, so the same newest revision and entry count on both means the same entries.
bool read_entries_in_halves(const Store::Impl& impl, std::size_t count, std::vector<Entry>& out) {
  constexpr std::size_t kWorthIt = 20000;
  if (count < kWorthIt || std::thread::hardware_concurrency() < 2) return false;
  std::optional<Store::Impl::SecondReader> second_reader = impl.second_reader(count);
  if (!second_reader) return false;
  sqlite3* other = second_reader->db();
  Statement middle(impl.db, "SELECT lower, upper, id FROM entry ORDER BY lower, upper, id LIMIT 1 OFFSET ?");
  middle.bind(1, static_cast<std::int64_t>(count / 2));
  if (!middle.step()) return false;
  const std::int64_t lower = middle.int64(0), upper = middle.int64(1);
  const std::string id = middle.text(2);
  middle.reset();
  const auto select = [&](sqlite3* db, const char* op) {
    auto st = std::make_unique<Statement>(db, std::string("SELECT ") + kEntryReadColumns +
                                                  " FROM entry WHERE (lower, upper, id) " + op +
                                                  " (?, ?, ?) ORDER BY lower, upper, id");
    st->bind(1, lower).bind(2, upper).bind(3, id);
    return st;
  };
  auto first = select(impl.db, "<");
  auto second = select(other, ">=");
  std::vector<Entry> later;
  later.reserve(count - count / 2 + 1);
  std::exception_ptr failure;
  std::thread reader([&] {
    try {
      while (second->step()) read_entry_columns(second->get(), later.emplace_back());
    } catch (...) {
      failure = std::current_exception();
    }
  });
  try {
    while (first->step()) read_entry_columns(first->get(), out.emplace_back());
  } catch (...) {
    reader.join();
    throw;
  }
  reader.join();
  if (failure) std::rethrow_exception(failure);
  // Both connections read one snapshot each, checked above to be the same revision and count: the
  // halves can only disagree with the count when the file is damaged (an index that lost or
  // repeats rows), never because another program wrote meanwhile.
  if (out.size() + later.size() != count)
    throw Error(impl.path.string() + ": the document is damaged (its entry index holds " +
                std::to_string(out.size() + later.size()) + " of its " + std::to_string(count) +
                " entries); `uchronia verify` checks every page");
  out.insert(out.end(), std::make_move_iterator(later.begin()), std::make_move_iterator(later.end()));
  return true;
}

}  // namespace

Document Store::load() const {
  const ReadSnapshot snapshot(*impl_->conn);
  Document doc;
  doc.title = title();
  doc.description = description();
  doc.extra = meta_value(impl_->db, "extra");
  take_branch_fields(doc);
  doc.entities = entities();
  {
    Statement count(impl_->db, "SELECT count(*) FROM entry");
    const std::size_t entries = count.step() ? static_cast<std::size_t>(count.int64(0)) : 0;
    doc.entries.reserve(entries);
    if (!snapshot.own() || !read_entries_in_halves(*impl_, entries, doc.entries)) {
      Statement st(impl_->db, std::string("SELECT ") + kEntryReadColumns + " FROM entry ORDER BY lower, upper, id");
      while (st.step()) read_entry_columns(st.get(), doc.entries.emplace_back());
    }
  }
  doc.relations = relations();
  return doc;
}

namespace {

/// Streams the document into `writer`, one row at a time in the SQL order of the stored sort keys.
/// Returns false, having written part of it, when that order is not sort_for_export's: only when a
/// stored key is stale or damaged; the caller then sorts the loaded document instead.
bool stream_document(sqlite3* db, const std::filesystem::path& path, InterchangeWriter& writer) {
  {
    // Entities: ORDER BY id is sort_for_export's order (byte-wise, as std::string compares).
    Statement st(db, std::string("SELECT ") + kEntityReadColumns + " FROM entity ORDER BY id");
    Entity entity;
    while (st.step()) {
      read_entity_columns(st.get(), entity);
      writer.entity(entity);
    }
  }
  {
    Statement st(db, std::string("SELECT ") + kEntryReadColumns + " FROM entry ORDER BY lower, upper, id");
    Entry entry;
    EntryExportKey previous, current;
    bool first = true;
    std::int64_t streamed = 0;
    while (st.step()) {
      read_entry_columns(st.get(), entry);
      current.set(entry);
      if (!first && current < previous) return false;
      writer.entry(entry);
      std::swap(previous, current);
      first = false;
      ++streamed;
    }
    // The entries come through the order index; count(*) reads another b-tree. They disagree only
    // when the file is damaged: an export must never leave entries out without saying so.
    Statement count(db, "SELECT count(*) FROM entry");
    const std::int64_t stored = count.step() ? count.int64(0) : -1;
    if (stored != streamed)
      throw Error(path.string() + ": the document is damaged (its entry index holds " + std::to_string(streamed) +
                  " of its " + std::to_string(stored) + " entries); `uchronia verify` checks every page");
  }
  {
    Statement st(db, kRelationSelect);
    Relation relation, previous;
    bool first = true;
    while (st.step()) {
      read_relation_columns(st, relation);
      // The type is ordered by its name; one the file names wrongly reads as "before" and may
      // then be out of place. Equal keys keep the SQL order, as sort_for_export's stable sort does.
      if (!first && relation_export_less(relation, previous)) return false;
      writer.relation(relation);
      std::swap(previous, relation);
      first = false;
    }
  }
  return true;
}

/// A generous guess at the size of the export, reserved at once: growing a 100 MB string copies
/// it again and again, into fresh pages each time (60 ms of 440 at 100,000 entries). The entries'
/// text is scaled up from a sample of them; a guess too small only costs that growth again.
std::size_t export_size_guess(sqlite3* db) {
  Statement st(db,
               "SELECT (SELECT count(*) FROM entry), (SELECT count(*) FROM entity) + (SELECT count(*) FROM relation), "
               "count(*), total(length(CAST(title AS BLOB)) + length(CAST(body AS BLOB)) + length(CAST(otl AS BLOB)) + "
               "length(CAST(notes AS BLOB)) + length(CAST(tags AS BLOB)) + length(CAST(extra AS BLOB))) "
               "FROM (SELECT title, body, otl, notes, tags, extra FROM entry LIMIT 512)");
  if (!st.step()) return 0;
  const double entries = static_cast<double>(st.int64(0));
  const double other_items = static_cast<double>(st.int64(1));
  const double sampled = static_cast<double>(st.int64(2));
  const double sample_text = sqlite3_column_double(st.get(), 3);
  const double text_per_entry = sampled > 0 ? sample_text / sampled : 0;
  // Field names, indentation and escapes come on top of the text: ~250 bytes an item, plus a margin.
  return static_cast<std::size_t>(entries * (text_per_entry * 1.25 + 256) + other_items * 256 + 4096);
}

}  // namespace

std::string Store::export_interchange_json() const {
  const ReadSnapshot snapshot(*impl_->conn);
  std::string out;
  out.reserve(export_size_guess(impl_->db));
  InterchangeWriter writer(out, title(), description());
  if (!stream_document(impl_->db, impl_->path, writer)) return write_interchange_json(load());
  writer.finish(meta_value(impl_->db, "extra"));
  return out;
}

std::vector<std::string> Store::search(const std::string& query, int limit) const {
  std::vector<std::string> out;
  const std::string expr = fts_query(query);
  if (expr.empty()) return out;
  // FTS5's own ranking (bm25, best first; FTS5 leaves ties in rowid order). The join skips an index row whose
  // entry is gone, so a damaged index never yields an id that does not exist.
  Statement& st = impl_->stmt(
      "SELECT e.id FROM entry_fts JOIN entry e ON e.key = entry_fts.rowid "
      "WHERE entry_fts MATCH ?1 ORDER BY entry_fts.rank LIMIT ?2");
  st.bind(1, expr).bind(2, static_cast<std::int64_t>(limit));
  while (st.step()) out.push_back(st.text(0));
  st.reset();
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
