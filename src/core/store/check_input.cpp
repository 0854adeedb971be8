// Store::check_input: what a full check needs of a document, without reading a text field. The
// items' names, dates, series and acknowledgements come from the covering indexes of migration 005
// (apart from the texts); their links from the link table (each link's target as written and its
// place among the item's links, migration 004).
#include <algorithm>
#include <optional>
#include <string_view>
#include <thread>

#include "store/link_rows.hpp"
#include "model/branch_json.hpp"
#include "store/store_impl.hpp"
#include "uchronia/check_input.hpp"
#include "uchronia/side_by_side.hpp"
#include "uchronia/store.hpp"
#include "uchronia/string_interner.hpp"

namespace uch {

using namespace detail;

namespace {

std::string_view column_view(sqlite3_stmt* st, int column) {
  const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(st, column));
  if (!p && sqlite3_column_type(st, column) != SQLITE_NULL) throw_out_of_memory();
  return p ? std::string_view(p, static_cast<std::size_t>(sqlite3_column_bytes(st, column))) : std::string_view();
}

Calendar calendar_of(std::string_view text) { return text == "julian" ? Calendar::Julian : Calendar::Gregorian; }

LinkField field_of(std::string_view text) {
  if (text == "otl") return LinkField::Otl;
  if (text == "notes") return LinkField::Notes;
  if (text == "description") return LinkField::Description;
  return LinkField::Body;
}

/// The schema version whose covering indexes hold the columns read here (db/migrations/005).
constexpr std::int64_t kCheckColumnsVersion = 5;

constexpr std::uint32_t kNoItem = StringInterner::kNone;
constexpr std::uint32_t kNoRun = 0xFFFFFFFF;

/// The link rows as read: ordered by src, then ord, so each item's rows come as one run.
struct LinkRows {
  struct Run {
    std::uint32_t src_at, src_size;  // the item's id: bytes of `srcs`
    std::uint32_t first, count;      // its links: of `links`
  };
  std::string srcs;
  std::vector<Run> runs;
  std::string targets;                     // every target, back to back (DocumentLinks::targets)
  std::vector<DocumentLinks::Link> links;  // in the order read
  std::string_view src(const Run& run) const { return {srcs.data() + run.src_at, run.src_size}; }
};

/// Every link row (migration 004: the link_src index holds every column read, and lists the rows
/// by item and order).
LinkRows read_link_rows(sqlite3* db, std::size_t expected_items) {
  LinkRows rows;
  rows.runs.reserve(expected_items);
  rows.links.reserve(5 * expected_items);  // about as many as a generated document has
  for (Statement st(db, "SELECT src, field, target FROM link INDEXED BY link_src ORDER BY src, ord"); st.step();) {
    sqlite3_stmt* s = st.get();
    const std::string_view src = column_view(s, 0);
    if (rows.runs.empty() || src != rows.src(rows.runs.back())) {
      rows.runs.push_back({static_cast<std::uint32_t>(rows.srcs.size()), static_cast<std::uint32_t>(src.size()),
                           static_cast<std::uint32_t>(rows.links.size()), 0});
      rows.srcs += src;
    }
    const std::string_view target = column_view(s, 2);
    rows.links.push_back({static_cast<std::uint32_t>(rows.targets.size()), static_cast<std::uint32_t>(target.size()),
                          field_of(column_view(s, 1))});
    rows.targets += target;
    ++rows.runs.back().count;
  }
  return rows;
}

/// Below this many entries the links are read after the items, on the one connection.
constexpr std::size_t kLinksAside = 20000;

}  // namespace

CheckInput Store::check_input() const {
  sqlite3* db = impl_->db;
  const ReadSnapshot snapshot(*impl_->conn);
  CheckInput input;
  Document& doc = input.doc;
  std::int64_t version = 0;
  {
    Statement st(db, "PRAGMA user_version");
    if (st.step()) version = st.int64(0);
    if (version < kLinkTargetsVersion) {
      // An older document opened read-only (not migrated): its link rows lack their targets.
      doc = load();
      input.links = links_of(doc);
      return input;
    }
  }
  // The entries' sort index is counted against the entries read, so that a damaged index is
  // reported here as by every other read of the document.
  std::int64_t indexed = 0;
  {
    Statement count(db, "SELECT count(lower) FROM entry INDEXED BY entry_order");  // count(*) would read another index
    if (count.step()) indexed = count.int64(0);
  }
  const auto entries = static_cast<std::size_t>(std::max<std::int64_t>(indexed, 0));
  // A big document's links are read on a second connection meanwhile (as Store::load reads its
  // entries in halves): SQLite runs one statement of a connection at a time.
  std::optional<Impl::SecondReader> aside;
  if (entries >= kLinksAside && snapshot.own() && std::thread::hardware_concurrency() > 1)
    aside = impl_->second_reader(entries);
  LinkRows rows;
  const auto read_items = [&] {
    doc.title = title();
    {
      Statement st(db, "SELECT value FROM doc_meta WHERE key = 'extra'");
      if (st.step()) doc.extra = st.text(0);
    }
    take_branch_fields(doc);  // the branches, for the checks per world (the rest of extra: branch edits keep it)
    // From migration 005 the columns read come from covering indexes, in the tables' order: no page
    // of a text field is read. A version-4 document opened read-only has no such index yet.
    const bool check_indexes = version >= kCheckColumnsVersion;
    // (an entity's extra, for its overrides per branch, is read from the table: the index lacks it)
    for (Statement st(db, std::string("SELECT id, name, kind, aliases, start, \"end\", calendar, acknowledged, extra FROM entity") +
                              (check_indexes ? " INDEXED BY entity_check ORDER BY key" : ""));
         st.step();) {
      sqlite3_stmt* s = st.get();
      Entity& e = doc.entities.emplace_back();
      e.id = column_view(s, 0);
      e.name = column_view(s, 1);
      e.kind = entity_kind_from_string(column_view(s, 2)).value_or(EntityKind::Other);
      if (sqlite3_column_bytes(s, 3) > 2) e.aliases = strings_from_json(std::string(column_view(s, 3)));
      e.start = column_view(s, 4);
      e.end = column_view(s, 5);
      e.calendar = calendar_of(column_view(s, 6));
      if (sqlite3_column_bytes(s, 7) > 2) e.acknowledged = acks_from_json(std::string(column_view(s, 7)));
      if (sqlite3_column_bytes(s, 8) > 0) {  // only the overrides per branch are kept
        e.extra = column_view(s, 8);
        take_branch_fields(e);
        e.extra.clear();
      }
    }
    doc.entries.reserve(entries);
    for (Statement st(db, std::string("SELECT id, date, calendar, title, series_name, series_number, acknowledged, extra "
                                      "FROM entry") + (check_indexes ? " INDEXED BY entry_check ORDER BY key" : ""));
         st.step();) {
      sqlite3_stmt* s = st.get();
      Entry& e = doc.entries.emplace_back();
      e.id = column_view(s, 0);
      e.date = column_view(s, 1);
      e.calendar = calendar_of(column_view(s, 2));
      e.title = column_view(s, 3);
      if (sqlite3_column_type(s, 4) != SQLITE_NULL) {
        Series series;
        series.name = column_view(s, 4);
        if (sqlite3_column_type(s, 5) == SQLITE_INTEGER) series.number = sqlite3_column_int64(s, 5);
        e.series = std::move(series);
      }
      if (sqlite3_column_bytes(s, 6) > 2) e.acknowledged = acks_from_json(std::string(column_view(s, 6)));
      e.extra = column_view(s, 7);   // extension fields: the draft order is one (draft.out-of-order)
      take_branch_fields(e);
    }
    if (static_cast<std::int64_t>(doc.entries.size()) != indexed)
      throw Error(impl_->path.string() + ": the document is damaged (its entry index holds " + std::to_string(indexed) +
                  " of its " + std::to_string(doc.entries.size()) + " entries); `uchronia verify` checks every page");
    doc.relations = relations();
  };
  run_side_by_side(aside.has_value(), read_items, [&] { rows = read_link_rows(aside ? aside->db() : db, entries + entries / 8); });

  // Items are numbered as check_input.hpp says: entities, entries, then the description. Their
  // ids are interned in that order, so that an id's number is its item's (when no id repeats).
  const std::size_t n_items = doc.entities.size() + doc.entries.size();
  StringInterner item_of;
  item_of.reserve(n_items + 1, 16 * (n_items + 1));
  bool unique = true;
  for (const Entity& entity : doc.entities) unique &= item_of.intern(entity.id) + 1 == item_of.size();
  for (const Entry& entry : doc.entries) unique &= item_of.intern(entry.id) + 1 == item_of.size();
  unique &= item_of.intern("#document") == n_items;
  if (!unique) {
    // An entry and an entity of one id (never written by Uchronia) share their link rows.
    doc = load();
    input.links = links_of(doc);
    return input;
  }

  // Each item's run of rows, placed in item order (rows of an id no item has are left out).
  std::vector<std::uint32_t> run_of(n_items + 1, kNoRun);
  for (std::uint32_t r = 0; r < rows.runs.size(); ++r) {
    const std::uint32_t item = item_of.find(rows.src(rows.runs[r]));
    if (item != kNoItem) run_of[item] = r;
  }
  DocumentLinks& links = input.links;
  links.targets = std::move(rows.targets);
  links.links.reserve(rows.links.size());
  links.first.reserve(n_items + 2);
  for (const std::uint32_t r : run_of) {
    links.start_item();
    if (r == kNoRun) continue;
    const LinkRows::Run& run = rows.runs[r];
    links.links.insert(links.links.end(), rows.links.begin() + run.first, rows.links.begin() + run.first + run.count);
  }
  links.start_item();
  return input;
}

}  // namespace uch
