// Reading a document: whole, as interchange JSON, as a light entry list, item by item, by
// full-text search.
#include <algorithm>
#include <exception>
#include <memory>
#include <thread>
#include <cmath>
#include <cstring>

#include "uchronia/interchange.hpp"
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

/// Several statements that must see one state of the document (another process may commit
/// between them): one read transaction around them, unless the caller already has one open.
class ReadSnapshot {
 public:
  explicit ReadSnapshot(sqlite3* db) : db_(db), began_(sqlite3_get_autocommit(db) != 0) {
    if (began_) exec(db_, "BEGIN");
  }
  ~ReadSnapshot() {
    // Nothing was written; should COMMIT fail, ROLLBACK still ends the transaction.
    if (began_ && sqlite3_exec(db_, "COMMIT", nullptr, nullptr, nullptr) != SQLITE_OK)
      sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
  }
  ReadSnapshot(const ReadSnapshot&) = delete;
  ReadSnapshot& operator=(const ReadSnapshot&) = delete;
  /// False inside the caller's own transaction, whose changes no other connection sees.
  bool own() const { return began_; }

 private:
  sqlite3* db_;
  bool began_;
};

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
  Statement st(impl_->db, std::string("SELECT ") + kEntityReadColumns + " FROM entity ORDER BY id");
  while (st.step()) read_entity_columns(st.get(), out.emplace_back());
  return out;
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
  sqlite3* other = impl.open_reader();
  if (!other) return false;
  struct Closer {
    sqlite3* db;
    ~Closer() {
      sqlite3_exec(db, "ROLLBACK", nullptr, nullptr, nullptr);
      sqlite3_close_v2(db);
    }
  } closer{other};
  const char* state = "SELECT (SELECT coalesce(max(seq), 0) FROM revision), (SELECT count(*) FROM entry)";
  try {
    exec(other, "BEGIN");
    Statement ours(impl.db, state), theirs(other, state);
    if (!ours.step() || !theirs.step() || ours.int64(0) != theirs.int64(0) || ours.int64(1) != theirs.int64(1) ||
        static_cast<std::size_t>(ours.int64(1)) != count)
      return false;
  } catch (const Error&) {
    return false;  // e.g. busy: the plain way will do
  }
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
  const ReadSnapshot snapshot(impl_->db);
  Document doc;
  doc.title = title();
  doc.description = description();
  doc.extra = meta_value(impl_->db, "extra");
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
bool stream_document(sqlite3* db, InterchangeWriter& writer) {
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
    while (st.step()) {
      read_entry_columns(st.get(), entry);
      current.set(entry);
      if (!first && current < previous) return false;
      writer.entry(entry);
      std::swap(previous, current);
      first = false;
    }
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
  const ReadSnapshot snapshot(impl_->db);
  std::string out;
  out.reserve(export_size_guess(impl_->db));
  InterchangeWriter writer(out, title(), description());
  if (!stream_document(impl_->db, writer)) return write_interchange_json(load());
  writer.finish(meta_value(impl_->db, "extra"));
  return out;
}

namespace {

// ---------------------------------------------------------------------------
// Full-text search, ranked exactly as FTS5's bm25() ranks (https://sqlite.org/fts5.html, "The
// bm25() function"), without most of its cost. bm25() needs each hit's length in tokens, which
// FTS5 reads with one statement per hit (reset, bind, step): for the 24,000 hits of a common word
// in 100,000 entries that was 13 of the query's 17 ms of CPU. Here the hits are joined to FTS5's
// length table, entry_fts_docsize (per indexed row: its rowid and each column's token count as
// SQLite varints), inside the one query, and an auxiliary function collects, per hit, what
// bm25() computes the score from: the length, each phrase's count in the hit, and (once, from
// the whole index, as bm25() takes them) idf and mean length. That table's layout is FTS5's, not
// a documented interface, so each length read is checked for its shape and, on a sample of hits,
// against FTS5's own xColumnSize; should any check fail, the hits are collected again with every
// length read through FTS5's API, as bm25() reads it.

constexpr const char* kRankInputsFunction = "uchronia_rank_inputs";
constexpr const char* kRankInputsPointerType = "uchronia_rank_inputs";  // for sqlite3_bind_pointer
constexpr const char* kCollectHits =
    "SELECT uchronia_rank_inputs(entry_fts, ?2, d.sz) FROM entry_fts "
    "LEFT JOIN entry_fts_docsize d ON d.id = entry_fts.rowid WHERE entry_fts MATCH ?1";

/// What bm25() computes each hit's score from.
struct RankInputs {
  bool lengths_from_fts5 = false;  // in: read every length through FTS5's API (the fallback)
  bool length_table_doubtful = false;  // out: a length read from the table failed a check
  bool started = false;
  sqlite3_int64 rows = 0;         // in the index
  double mean_tokens = 0;         // per row, in the index
  std::vector<double> idf;        // per phrase
  std::vector<std::int64_t> rowids;  // per hit
  std::vector<double> counts;        // per hit and phrase: hits x phrases
  std::vector<std::int64_t> tokens;  // per hit: its length
};

int count_row(const Fts5ExtensionApi*, Fts5Context*, void* rows) {
  ++*static_cast<sqlite3_int64*>(rows);
  return SQLITE_OK;
}

/// The whole-index figures, as bm25() computes them on its first call.
int start_ranking(const Fts5ExtensionApi* api, Fts5Context* fts, RankInputs& in) {
  in.started = true;
  int rc = api->xRowCount(fts, &in.rows);
  sqlite3_int64 total = 0;
  if (rc == SQLITE_OK) rc = api->xColumnTotalSize(fts, -1, &total);
  in.mean_tokens = static_cast<double>(total) / static_cast<double>(in.rows);
  for (int phrase = 0; rc == SQLITE_OK && phrase < api->xPhraseCount(fts); ++phrase) {
    sqlite3_int64 hits = 0;
    rc = api->xQueryPhrase(fts, phrase, &hits, count_row);
    double idf = std::log((in.rows - hits + 0.5) / (hits + 0.5));
    if (idf <= 0.0) idf = 1e-6;  // as bm25(): a phrase in more than half the rows still counts a little
    in.idf.push_back(idf);
  }
  return rc;
}

/// One SQLite varint (1 to 9 bytes, 7 bits a byte, most significant first), as FTS5 writes sizes.
bool read_varint(const unsigned char*& p, const unsigned char* end, std::uint64_t& value) {
  value = 0;
  for (int i = 0; i < 9 && p != end; ++i) {
    const unsigned char byte = *p++;
    if (i == 8) {
      value = (value << 8) | byte;
      return true;
    }
    value = (value << 7) | (byte & 0x7Fu);
    if ((byte & 0x80u) == 0) return true;
  }
  return false;
}

/// The hit's length from its entry_fts_docsize blob (one varint per column, nothing else), or -1.
std::int64_t length_from_table(sqlite3_value* sizes, int columns) {
  if (sqlite3_value_type(sizes) != SQLITE_BLOB) return -1;
  const auto* p = static_cast<const unsigned char*>(sqlite3_value_blob(sizes));
  const auto* end = p + sqlite3_value_bytes(sizes);
  std::int64_t length = 0;
  for (int c = 0; c < columns; ++c) {
    std::uint64_t tokens = 0;
    if (!read_varint(p, end, tokens) || tokens > INT32_MAX) return -1;
    length += static_cast<std::int64_t>(tokens);
  }
  return p == end ? length : -1;
}

/// The auxiliary function kCollectHits calls on every hit: records what bm25() would use.
void collect_rank_inputs(const Fts5ExtensionApi* api, Fts5Context* fts, sqlite3_context* ctx, int argc,
                         sqlite3_value** argv) {
  auto* in = argc == 2 ? static_cast<RankInputs*>(sqlite3_value_pointer(argv[0], kRankInputsPointerType)) : nullptr;
  if (in == nullptr) {
    sqlite3_result_error(ctx, "uchronia_rank_inputs: called without its collector", -1);
    return;
  }
  int rc = in->started ? SQLITE_OK : start_ranking(api, fts, *in);
  const std::size_t first = in->counts.size();
  in->counts.resize(first + in->idf.size(), 0.0);
  int instances = 0;
  if (rc == SQLITE_OK) rc = api->xInstCount(fts, &instances);
  for (int i = 0; rc == SQLITE_OK && i < instances; ++i) {
    int phrase = 0, column = 0, offset = 0;
    rc = api->xInst(fts, i, &phrase, &column, &offset);
    // bm25() without column weights adds 1.0 per instance.
    if (rc == SQLITE_OK && phrase >= 0 && static_cast<std::size_t>(phrase) < in->idf.size())
      in->counts[first + static_cast<std::size_t>(phrase)] += 1.0;
  }
  std::int64_t length = -1;
  const std::size_t hit = in->rowids.size();
  // The length table is checked against FTS5 on the first hits and then on one in 1024.
  const bool check_table = hit < 16 || hit % 1024 == 0;
  if (rc == SQLITE_OK && !in->lengths_from_fts5) {
    length = length_from_table(argv[1], api->xColumnCount(fts));
    if (length < 0) in->length_table_doubtful = true;
  }
  if (rc == SQLITE_OK && (in->lengths_from_fts5 || check_table)) {
    int tokens = 0;
    rc = api->xColumnSize(fts, -1, &tokens);
    if (in->lengths_from_fts5) length = tokens;
    else if (length != tokens) in->length_table_doubtful = true;
  }
  in->tokens.push_back(length);
  in->rowids.push_back(api->xRowid(fts));
  if (rc == SQLITE_OK) sqlite3_result_null(ctx);
  else sqlite3_result_error_code(ctx, rc);
}

void register_rank_inputs(sqlite3* db) {
  fts5_api* api = nullptr;
  Statement st(db, "SELECT fts5(?1)");
  sqlite3_bind_pointer(st.get(), 1, static_cast<void*>(&api), "fts5_api_ptr", nullptr);
  st.step();
  if (api == nullptr || api->iVersion < 2 ||
      api->xCreateFunction(api, kRankInputsFunction, nullptr, collect_rank_inputs, nullptr) != SQLITE_OK)
    throw Error("full-text search is not available (this SQLite has no FTS5 API)");
}

void collect_hits(Store::Impl& impl, const std::string& fts_expression, RankInputs& in) {
  if (!impl.statements.contains(kCollectHits)) register_rank_inputs(impl.db);  // once per connection
  Statement& st = impl.stmt(kCollectHits);
  st.bind(1, fts_expression);
  sqlite3_bind_pointer(st.get(), 2, static_cast<void*>(&in), kRankInputsPointerType, nullptr);
  while (st.step()) {
  }
  st.reset();  // drops the pointer to `in`
}

/// bm25() of one hit: the same arithmetic in the same order as FTS5's, so the same doubles.
double bm25(const RankInputs& in, const double* counts, std::int64_t tokens) {
  constexpr double k1 = 1.2, b = 0.75;
  const double length = static_cast<double>(tokens);
  double score = 0.0;
  for (std::size_t i = 0; i < in.idf.size(); ++i)
    score += in.idf[i] * ((counts[i] * (k1 + 1.0)) / (counts[i] + k1 * (1 - b + b * length / in.mean_tokens)));
  return -1.0 * score;
}

}  // namespace

std::vector<std::string> Store::search(const std::string& query, int limit) const {
  std::vector<std::string> out;
  const std::string expr = fts_query(query);
  if (expr.empty()) return out;
  const ReadSnapshot snapshot(impl_->db);  // the hits and their entries' ids from one state
  RankInputs in;
  collect_hits(*impl_, expr, in);
  if (in.length_table_doubtful) {
    in = RankInputs{};
    in.lengths_from_fts5 = true;
    collect_hits(*impl_, expr, in);
  }

  // Best first: bm25 ascending; ties by rowid, the order FTS5's ORDER BY rank leaves them in.
  struct Ranked {
    double score;
    std::int64_t rowid;
  };
  std::vector<Ranked> ranked(in.rowids.size());
  for (std::size_t i = 0; i < ranked.size(); ++i)
    ranked[i] = {bm25(in, in.counts.data() + i * in.idf.size(), in.tokens[i]), in.rowids[i]};
  const auto better = [](const Ranked& a, const Ranked& b) {
    return a.score != b.score ? a.score < b.score : a.rowid < b.rowid;
  };
  const std::size_t wanted = limit < 0 ? ranked.size() : static_cast<std::size_t>(limit);
  Statement& id_of = impl_->stmt("SELECT id FROM entry WHERE key = ?");
  std::size_t done = 0;
  while (out.size() < wanted && done < ranked.size()) {
    // Only as many as are still wanted are ranked; an index row without its entry (the old join
    // skipped one) makes room for the next.
    const std::size_t upto = std::min(ranked.size(), done + (wanted - out.size()));
    std::partial_sort(ranked.begin() + static_cast<std::ptrdiff_t>(done),
                      ranked.begin() + static_cast<std::ptrdiff_t>(upto), ranked.end(), better);
    for (; done < upto; ++done) {
      id_of.reset();
      id_of.bind(1, ranked[done].rowid);
      if (id_of.step()) out.push_back(id_of.text(0));
    }
  }
  id_of.reset();
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
