// Store::check_input: what a full check needs of a document, without reading a text field. The
// items' names, dates, series and acknowledgements come from their rows; their links from the
// link table (each link's target as written and its place among the item's links, migration 004).
#include <algorithm>
#include <string_view>

#include "store/link_rows.hpp"
#include "model/branch_json.hpp"
#include "store/store_impl.hpp"
#include "uchronia/check_input.hpp"
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

constexpr std::uint32_t kNoItem = StringInterner::kNone;

/// A link row as read, before the rows are put in item order.
struct ReadLink {
  std::uint32_t item;
  DocumentLinks::Link link;
};

}  // namespace

CheckInput Store::check_input() const {
  sqlite3* db = impl_->db;
  const ReadSnapshot snapshot(*impl_->conn);
  CheckInput input;
  Document& doc = input.doc;
  {
    Statement version(db, "PRAGMA user_version");
    if (!version.step() || version.int64(0) < kLinkTargetsVersion) {
      // An older document opened read-only (not migrated): its link rows lack their targets.
      doc = load();
      input.links = links_of(doc);
      return input;
    }
  }
  doc.title = title();
  {
    Statement st(db, "SELECT value FROM doc_meta WHERE key = 'extra'");
    if (st.step()) doc.extra = st.text(0);
  }
  take_branch_fields(doc);  // the branches, for the checks per world (the rest of extra: branch edits keep it)
  for (Statement st(db, "SELECT id, name, kind, aliases, start, \"end\", calendar, acknowledged, extra FROM entity");
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
  // The entries are read in the table's order; their sort index is counted against them, so that
  // a damaged index is reported here as by every other read of the document.
  std::int64_t indexed = 0;
  {
    Statement count(db, "SELECT count(lower) FROM entry INDEXED BY entry_order");  // count(*) would read another index
    if (count.step()) indexed = count.int64(0);
    doc.entries.reserve(static_cast<std::size_t>(std::max<std::int64_t>(indexed, 0)));
  }
  for (Statement st(db, "SELECT id, date, calendar, title, series_name, series_number, acknowledged, extra FROM entry");
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

  DocumentLinks& links = input.links;
  // The link_src index holds every column read (migration 004) and lists the rows by item and
  // order: an item's id is looked up once, not once for each of its links.
  std::vector<ReadLink> read;
  read.reserve(5 * n_items);  // about as many as a generated document has
  std::string previous;
  std::uint32_t item = kNoItem;
  for (Statement st(db, "SELECT src, field, target FROM link INDEXED BY link_src ORDER BY src, ord"); st.step();) {
    sqlite3_stmt* s = st.get();
    const std::string_view src = column_view(s, 0);
    if (read.empty() || src != previous) {
      previous.assign(src);
      item = item_of.find(src);  // kNoItem for rows of an item no longer there (none expected)
    }
    if (item == kNoItem) continue;
    const std::string_view target = column_view(s, 2);
    read.push_back({item,
                    {static_cast<std::uint32_t>(links.targets.size()), static_cast<std::uint32_t>(target.size()),
                     field_of(column_view(s, 1))}});
    links.targets += target;
  }
  // Item by item (the rows come by id, the items in the order read): a stable counting sort.
  links.first.assign(n_items + 2, 0);
  for (const ReadLink& r : read) ++links.first[r.item + 1];
  for (std::size_t i = 1; i < links.first.size(); ++i) links.first[i] += links.first[i - 1];
  std::vector<std::uint32_t> next(links.first.begin(), links.first.end() - 1);
  std::vector<const ReadLink*> placed(read.size());
  for (const ReadLink& r : read) placed[next[r.item]++] = &r;
  links.links.reserve(placed.size());
  for (const ReadLink* r : placed) links.links.push_back(r->link);
  return input;
}

}  // namespace uch
