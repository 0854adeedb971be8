// Internal to the checker: the rule interface, the shared index the rules read, and wording helpers.
//
// The index is flat: every id, folded name and link target is interned once to a dense
// integer ("sid"), items live in one vector and refer to each other by slot, and the lists
// hanging off a sid (the items a name finds, the items linking to it, its relations) are
// intrusive lists in pools. No per-item hash maps keyed by strings: a full check is mostly
// sequential walks over vectors.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <memory_resource>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "uchronia/check.hpp"
#include "uchronia/check_input.hpp"
#include "uchronia/date.hpp"
#include "uchronia/links.hpp"
#include "uchronia/model.hpp"
#include "uchronia/string_interner.hpp"

namespace uch::checks {

inline constexpr std::uint32_t kNone = 0xFFFFFFFF;

// ---------------------------------------------------------------------------------------------
// [SECTION] Building blocks: interned strings, pooled lists
// ---------------------------------------------------------------------------------------------

/// Ids, names and link targets interned once (shared with the model's LinkResolver).
using Interner = StringInterner;

/// Many singly linked lists of 32-bit values (item slots, relation indexes) in one pool;
/// each list is known by its head, which its owner stores (kNone: empty).
class ListPool {
 public:
  void push(std::uint32_t& head, std::uint32_t value);
  /// Removes one occurrence of `value`; false when there is none.
  bool remove(std::uint32_t& head, std::uint32_t value);
  template <class F>
  void for_each(std::uint32_t head, F&& f) const {
    for (std::uint32_t n = head; n != kNone; n = nodes_[n].next) f(nodes_[n].value);
  }
  void reserve(std::size_t nodes) { nodes_.reserve(nodes); }

 private:
  struct Node {
    std::uint32_t value, next;
  };
  std::vector<Node> nodes_;
  std::uint32_t free_ = kNone;
};

// ---------------------------------------------------------------------------------------------
// [SECTION] The index: what the rules know about the document
// ---------------------------------------------------------------------------------------------

enum class ItemKind : std::uint8_t { Entry, Entity };

/// A run of bytes of an item's own text buffer.
struct Span {
  std::uint32_t at = 0, size = 0;
};

/// What the rules need of a parsed date: DateInfo without its error text (date.invalid
/// parses again to word the rare error).
struct DateRec {
  DayNumber lower = 0, upper = 0, cmp_lower = 0, cmp_upper = 0;
  bool valid = false, range_reversed = false, interval = false;
  Precision precision = Precision::Day;

  DateRec() = default;
  explicit DateRec(const DateInfo& info);
  DateInfo info() const;  // for the date library's comparisons and wording
};

/// One [[link]] of an item: its target as written (in the item's text) and the sid of the
/// folded target (kNone: the folded target was never interned, so it names nothing).
struct LinkRec {
  Span target;
  std::uint32_t key = kNone;
  LinkField field = LinkField::Body;
};

/// What the rules need of one entry or entity (text fields are reduced to their links).
/// Its text and links come from an allocator: a one-shot check gives per-thread arenas,
/// released at once (no per-record frees).
struct ItemRec {
  using allocator_type = std::pmr::polymorphic_allocator<std::byte>;
  ItemRec() = default;
  explicit ItemRec(const allocator_type& alloc) : text(alloc), links(alloc) {}

  std::pmr::string text;  // this item's texts back to back: id, title, dates, series name, link targets
  Span id_at, title_at, date_at, end_at, series_at;  // date: an entry's date or an entity's start
  std::pmr::vector<LinkRec> links;                   // body, otl, notes (in that order)
  // Sids of the folded names links find it by (id, title, aliases), sorted, unique; kept only
  // by the incremental checker (to know what an edit changes).
  std::vector<std::uint32_t> keys;
  DateRec date, end;  // entry date or entity start; entity end
  std::int64_t series_number = 0;
  std::int64_t draft_order = 0;  // position in the draft it was imported from (0: none)
  std::uint64_t group_hash = 0;  // hash of group_key_of(): same title and date string (entries)
  std::uint32_t sid = kNone;     // the interned id
  std::uint32_t series = kNone;  // sid of the folded series name in Index::series_names (entries in a series)
  std::uint32_t next_in_series = kNone, next_in_group = kNone;  // intrusive lists of slots
  std::uint16_t acknowledged = 0;                               // bit i: registered_rules()[i]
  ItemKind kind = ItemKind::Entry;
  Calendar calendar = Calendar::Gregorian;
  EntityKind entity_kind = EntityKind::Other;
  bool alive = false;  // false: a free slot

  std::string_view view(Span span) const { return {text.data() + span.at, span.size}; }
  std::string_view id() const { return view(id_at); }
  std::string_view title() const { return view(title_at); }     // entry title or entity name
  std::string_view date_text() const { return view(date_at); }  // entry date or entity start
  std::string_view end_text() const { return view(end_at); }
  std::string_view series_name() const { return view(series_at); }
  std::string_view target(const LinkRec& link) const { return view(link.target); }
  bool is_entry() const { return kind == ItemKind::Entry; }
  bool is_entity() const { return kind == ItemKind::Entity; }
};

/// Fills a default-constructed record (texts, dates, links; no sids yet). The links are parsed
/// from the item's text fields, or, given `links`, are those of item `item` there (the text
/// fields are then not read).
void fill_item(ItemRec& rec, const Entry& entry, const DocumentLinks* links = nullptr, std::size_t item = 0);
void fill_item(ItemRec& rec, const Entity& entity, const DocumentLinks* links = nullptr, std::size_t item = 0);
/// Bit of a rule in ItemRec::acknowledged (0 for a rule id no rule has).
std::uint16_t rule_bit(std::string_view rule);
/// entry.duplicate groups entries by folded title, date string and calendar.
std::string group_key_of(std::string_view title, std::string_view date, Calendar calendar);
std::string group_key_of(const ItemRec& entry);

/// A relation, its ends interned; copies counts duplicates in the document (checked once).
struct RelRec {
  std::uint32_t from = kNone, to = kNone;
  RelationType type = RelationType::Before;
  int copies = 0;                                    // 0: a free record
  std::uint32_t next_from = kNone, next_to = kNone;  // lists of the relations touching `from` / `to`
};
/// A relation as a key.
struct RelIds {
  std::uint32_t from, to;
  RelationType type;
  bool operator==(const RelIds&) const = default;
};
struct RelIdsHash {
  std::size_t operator()(const RelIds& ids) const;
};
/// Types whose relations take part in relation.cycle.
inline bool is_ordering(RelationType type) {
  return type == RelationType::Before || type == RelationType::After || type == RelationType::Causes;
}

/// What a link target resolves to: how many distinct items it names, and the one when single.
struct Resolution {
  std::size_t count = 0;
  const ItemRec* single = nullptr;
};

/// The shared index. Rules only read it; the Checker maintains it.
struct Index {
  Interner names;                      // ids, folded names and link targets
  std::vector<std::uint32_t> slot_of;  // per sid: the item with this id, or kNone
  std::vector<std::uint32_t> named;    // per sid: list of the slots of the items this folded name finds
  ListPool named_pool;

  // Entries and entities by slot; a removed item leaves a free slot for the next one.
  std::vector<ItemRec> items;
  std::vector<std::uint32_t> free_slots;

  std::pmr::vector<LinkRec> description_links;  // links of the document description
  std::pmr::string description;                 // its targets

  std::vector<RelRec> rels;
  std::vector<std::uint32_t> free_rels;
  std::unordered_map<RelIds, std::uint32_t, RelIdsHash> rel_of;  // -> index in `rels`
  std::vector<std::uint32_t> rel_head;  // per sid: the relations touching it (RelRec::next_from / next_to)

  Interner series_names;                   // folded series names
  std::vector<std::uint32_t> series_head;  // per series sid: slots of its entries (ItemRec::next_in_series)
  std::unordered_map<std::uint64_t, std::uint32_t> groups;  // group hash -> slots of its entries (ItemRec::next_in_group)

  /// Cyclic strongly connected components of the ordering graph (before/causes/after between
  /// existing entries): components of two entries or more, or one entry related to itself.
  std::vector<int> cycle_of;                                   // per sid: cycle id, or -1
  std::unordered_map<int, std::vector<std::uint32_t>> cycles;  // cycle id -> member sids, sorted by id
  int next_cycle_id = 0;
  // Ordering edges going from a later entry to an earlier one (by comparison lower bound,
  // undated last). With none, ranks never decrease along a path, so every cycle stays among
  // entries of one rank: the search for cycles is limited to the changed entries' rank.
  std::size_t backward_edges = 0;

  /// Interns a string as a name, growing the per-sid arrays.
  std::uint32_t intern(std::string_view text);
  std::string_view name(std::uint32_t sid) const { return names.str(sid); }
  const ItemRec* item_by_sid(std::uint32_t sid) const {
    return sid < slot_of.size() && slot_of[sid] != kNone ? &items[slot_of[sid]] : nullptr;
  }
  const ItemRec* entry_by_sid(std::uint32_t sid) const {
    const ItemRec* rec = item_by_sid(sid);
    return rec && rec->is_entry() ? rec : nullptr;
  }
  const ItemRec* item(std::string_view id) const { return item_by_sid(names.find(id)); }
  bool exists(std::uint32_t sid) const { return item_by_sid(sid) != nullptr; }

  /// Relations touching an id, as indexes into `rels`.
  template <class F>
  void for_each_relation(std::uint32_t sid, F&& f) const {
    if (sid >= rel_head.size()) return;
    for (std::uint32_t r = rel_head[sid]; r != kNone;) {
      const RelRec& rel = rels[r];
      const std::uint32_t next = rel.from == sid ? rel.next_from : rel.next_to;
      f(rel);
      r = next;
    }
  }
  /// "from type to" ordering of relations by their ids' text.
  bool relation_less(const RelRec& a, const RelRec& b) const;

  /// What a link resolves to.
  Resolution resolve(const LinkRec& link) const;
  /// Ids of every item a link names, sorted.
  std::vector<std::string> named_ids(const LinkRec& link) const;
  /// True when an earlier link of `links` has the same folded target as links[i] (one
  /// finding per target). `owner` holds their targets.
  bool repeats_earlier(const std::pmr::vector<LinkRec>& links, std::size_t i, const ItemRec* owner) const;
  std::string_view target(const LinkRec& link, const ItemRec* owner) const {
    return owner ? owner->target(link) : std::string_view(description).substr(link.target.at, link.target.size);
  }

  /// Out-/in-neighbours (sids) in the ordering graph ("a after b" is the edge b -> a), sorted.
  void ordering_neighbours(std::uint32_t sid, bool outgoing, std::vector<std::uint32_t>& out) const;
  /// Sets every link's key to the sid of its folded target (kNone when never interned).
  /// Reads the index only: safe on several threads at once.
  void find_link_keys(std::pmr::vector<LinkRec>& links, std::string_view text) const;
  /// Interns the folded targets of links without a key (the incremental checker needs every
  /// target to have a sid, to know who links to a name that may come to exist).
  void intern_link_keys(std::pmr::vector<LinkRec>& links, std::string_view text, std::string& scratch);
};

/// Parses the links of some Markdown fields, in order, into `links`, their targets appended to `text`.
void add_links(std::pmr::vector<LinkRec>& links, std::pmr::string& text,
               std::initializer_list<std::pair<std::string_view, LinkField>> fields);
/// The links of item `item` of `given` into `links`, their targets appended to `text`.
void add_links(std::pmr::vector<LinkRec>& links, std::pmr::string& text, const DocumentLinks& given, std::size_t item);

// ---------------------------------------------------------------------------------------------
// [SECTION] Cycles of the ordering graph (cycles.cpp)
// ---------------------------------------------------------------------------------------------

/// Strongly connected components of a graph given as adjacency lists (iterative Tarjan).
std::vector<std::vector<int>> strongly_connected(const std::vector<std::vector<int>>& adj);
/// 1 when the relation is an ordering edge from a later to an earlier entry, else 0.
std::size_t backward_edge(const Index& index, const RelRec& relation);
std::size_t count_backward_edges(const Index& index);
/// Recomputes every cycle; `dirty` receives the sids the cycles are reported on.
void find_all_cycles(Index& index, std::unordered_set<std::uint32_t>& dirty);
/// After ordering edges at `ends` changed: `added` (cycles may form: the new components of
/// `ends` are searched) or removed (cycles may only split: the old cycles through `ends` are
/// enough). Tarjan restricted to those entries finds the new cycles; `dirty` receives the sids
/// of old and new cycles' reports.
void update_cycles(Index& index, const std::vector<std::uint32_t>& ends, bool added,
                   std::unordered_set<std::uint32_t>& dirty);

// ---------------------------------------------------------------------------------------------
// [SECTION] Rules
// ---------------------------------------------------------------------------------------------

/// What a rule examines at once. Item: one entry or entity (key = its sid); Series: one
/// series (key = series sid); Group: entries sharing a group hash (key = the hash);
/// Document: the document itself (description, relations naming nothing at both ends; key = 0).
enum class Scope { Item, Series, Group, Document };
inline constexpr unsigned scope_bit(Scope scope) { return 1u << static_cast<unsigned>(scope); }

/// What one check() call examines: for Scope::Item, `item` is the existing item `key`.
struct Target {
  Scope scope;
  std::uint64_t key = 0;
  const ItemRec* item = nullptr;
};

/// A consistency rule of spec section 5. check() appends the findings of one target;
/// `acknowledged` is set later by the checker. It must depend only on the index.
class Rule {
 public:
  virtual ~Rule() = default;
  virtual const RuleInfo& info() const = 0;
  virtual unsigned scopes() const = 0;  // scope_bit()s
  virtual void check(const Index& index, const Target& target, std::vector<Finding>& out) const = 0;
};

/// Every rule, in the order of the spec table (rule_registry.cpp).
const std::vector<const Rule*>& registered_rules();

/// A finding of `rule` about an item (entry or entity by its kind), with related ids.
Finding make_finding(const RuleInfo& rule, const ItemRec* subject, std::string message,
                     std::vector<std::string> related = {});

// ---------------------------------------------------------------------------------------------
// [SECTION] Wording (the writer's language, dates in human form)
// ---------------------------------------------------------------------------------------------

/// format_human of a date text, or the text itself when it does not parse.
std::string human_date(std::string_view text, Calendar calendar);
/// "on 26 June 1907", "in 1907", "in the 1910s", "c. 1920": a date after a verb.
std::string date_phrase(std::string_view text, const DateRec& info, Calendar calendar);
/// Entity verbs per kind: person died/was born, organisation was dissolved/was founded,
/// place and other ended/began.
const char* end_verb(EntityKind kind);
const char* start_verb(EntityKind kind);
/// "\"Title\"" or the id when the title is empty.
std::string quoted(const ItemRec& item);
/// The reason of an invalid date without a leading echo of the input.
std::string date_error(const DateInfo& info, std::string_view text);
const char* field_name(LinkField field);

}  // namespace uch::checks
