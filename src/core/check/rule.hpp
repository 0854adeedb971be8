// Internal to the checker: the rule interface, the shared index the rules read, and wording helpers.
#pragma once

#include <cstdint>
#include <deque>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "uchronia/check.hpp"
#include "uchronia/date.hpp"
#include "uchronia/links.hpp"
#include "uchronia/model.hpp"

namespace uch::checks {

// ---------------------------------------------------------------------------------------------
// [SECTION] The index: what the rules know about the document
// ---------------------------------------------------------------------------------------------

enum class ItemKind { Entry, Entity };

struct ItemRec;

/// What a link target resolves to: every matching id (0: dangling, >1: ambiguous), sorted,
/// and the matching item when there is exactly one.
struct Resolution {
  std::vector<std::string> ids;
  const ItemRec* single = nullptr;
  std::string_view target;  // the target as written (for the resolution cache)
};

/// One [[link]] of an item; its target text lives in the LinkList's buffer.
struct LinkRec {
  LinkField field = LinkField::Body;
  std::uint32_t target_at = 0, target_size = 0;  // as written (trimmed)
  std::size_t hash = 0;                          // std::hash of the target as written
  std::size_t key = 0;                           // std::hash of fold_name(target): set only by the incremental checker
  // Memo of Index::resolve for the current pass (the rules of one item share it).
  mutable const Resolution* resolved = nullptr;
  mutable unsigned pass = 0;
};

/// The links of one item (or of the description), their targets in one buffer.
struct LinkList {
  std::string text;
  std::vector<LinkRec> links;

  void add(std::string_view markdown, LinkField field);  // parse_links
  /// Several fields at once, in order (one allocation for all their links).
  void add(std::initializer_list<std::pair<std::string_view, LinkField>> fields);
  std::string_view target(const LinkRec& link) const { return {text.data() + link.target_at, link.target_size}; }
  /// True when an earlier link has the same folded target as links[i] (one finding per
  /// target). Folds on demand: only called for links about to raise a finding, after
  /// links[0..i] were resolved in the current pass.
  bool repeats_earlier(std::size_t i) const;
};

/// Heterogeneous string hashing: look up with a string_view, no temporary string.
struct StringHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view text) const { return std::hash<std::string_view>{}(text); }
};
template <class T>
using StringMap = std::unordered_map<std::string, T, StringHash, std::equal_to<>>;

/// What the rules need of one entry or entity (text fields are reduced to their links).
struct ItemRec {
  ItemKind kind = ItemKind::Entry;
  std::string id;
  std::string title;  // entry title, or entity name
  Calendar calendar = Calendar::Gregorian;
  std::vector<std::string> acknowledged;  // rule ids
  LinkList links;                         // body, otl, notes (in that order)
  // Entry only.
  std::string date_text;
  DateInfo date;
  std::optional<Series> series;
  std::string series_key;      // "" when not in a series
  std::size_t group_hash = 0;  // hash of group_key_of(): same title and date string
  // Entity only.
  EntityKind entity_kind = EntityKind::Other;
  std::vector<std::string> aliases;
  std::string start_text, end_text;
  DateInfo start, end;

  bool alive = true;  // false: a free slot
  bool is_entry() const { return kind == ItemKind::Entry; }
  bool is_entity() const { return kind == ItemKind::Entity; }
  bool acknowledges(std::string_view rule) const;
};

/// Fill a default-constructed record.
void fill_item(ItemRec& rec, const Entry& entry);
void fill_item(ItemRec& rec, const Entity& entity);
ItemRec make_item(const Entry& entry);
ItemRec make_item(const Entity& entity);
/// Hashes of the folded keys links can match an item by (id, title / name, aliases), sorted,
/// unique. Only the incremental checker needs them, and only for a changed item.
std::vector<std::size_t> link_keys_of(const ItemRec& item);
std::string series_key_of(const Series& series);
/// entry.duplicate groups entries by folded title, date string and calendar.
std::string group_key_of(std::string_view title, std::string_view date, Calendar calendar);
std::string group_key_of(const ItemRec& entry);

/// A relation as a key (duplicates in the document are counted, checked once).
struct RelKey {
  std::string from;
  RelationType type = RelationType::Before;
  std::string to;
  bool operator==(const RelKey&) const = default;
};
struct RelKeyHash {
  std::size_t operator()(const RelKey& key) const;
};
bool operator<(const RelKey& a, const RelKey& b);
/// Types whose relations take part in relation.cycle.
inline bool is_ordering(RelationType type) {
  return type == RelationType::Before || type == RelationType::After || type == RelationType::Causes;
}

struct SeriesRec {
  std::vector<std::pair<std::int64_t, std::string>> members;  // (number, entry id), unordered
};

/// Resolutions of one pass, for one thread: hash of a target as written -> its resolution
/// (Resolution::target views a link buffer, valid during the pass); targets whose hash
/// collides with another one go to the second map.
struct ResolveCache {
  std::unordered_map<std::size_t, Resolution> by_hash;
  std::unordered_map<std::string_view, Resolution> collisions;
};

/// The shared index. Rules only read it; the Checker maintains it.
struct Index {
  // Entries and entities, in slots that never move (pointers to them stay valid until the
  // item is removed); a small id -> slot map finds them.
  std::deque<ItemRec> slots;
  std::vector<std::uint32_t> free_slots;
  StringMap<std::uint32_t> slot_of;

  /// Adds an item; nullptr when its id is taken.
  ItemRec* insert(ItemRec rec);
  void erase(std::string_view id);
  template <class F>
  void for_each_item(F&& f) const {
    for (const ItemRec& rec : slots)
      if (rec.alive) f(rec);
  }

  LinkResolver resolver;
  LinkList description_links;  // links of the document description

  std::unordered_map<RelKey, int, RelKeyHash> relations;  // -> multiplicity
  StringMap<std::vector<const RelKey*>> relations_of;     // id -> distinct relations touching it (keys of `relations`)

  std::unordered_map<std::string, SeriesRec> series;                    // series key -> members
  std::unordered_map<std::size_t, std::vector<const ItemRec*>> groups;  // group_hash -> entries

  /// Cyclic strongly connected components of the ordering graph (before/causes/after between
  /// existing entries): components of two entries or more, or one entry related to itself.
  std::unordered_map<std::string, int> cycle_of;             // entry id -> cycle id
  std::unordered_map<int, std::vector<std::string>> cycles;  // cycle id -> sorted ids
  int next_cycle_id = 0;
  // Ordering edges going from a later entry to an earlier one (by comparison lower bound,
  // undated last). With none, ranks never decrease along a path, so every cycle stays among
  // entries of one rank: the search for cycles is limited to the changed entries' rank.
  std::size_t backward_edges = 0;

  const ItemRec* item(std::string_view id) const;
  const ItemRec* entry(std::string_view id) const;
  const ItemRec* entity(std::string_view id) const;
  bool exists(std::string_view id) const { return item(id) != nullptr; }
  const std::vector<const RelKey*>& relations_touching(std::string_view id) const;
  /// What a link resolves to, memoised on the link and in `cache` for one pass.
  const Resolution& resolve(ResolveCache& cache, const LinkList& list, const LinkRec& link) const;
  /// Rules run in passes during which the index does not change.
  void begin_pass() const { ++pass_; }
  /// Out-/in-neighbours in the ordering graph ("a after b" is the edge b -> a).
  void ordering_neighbours(const std::string& id, bool outgoing, std::vector<std::string>& out) const;

 private:
  mutable unsigned pass_ = 1;
};

// ---------------------------------------------------------------------------------------------
// [SECTION] Cycles of the ordering graph (cycles.cpp)
// ---------------------------------------------------------------------------------------------

/// Strongly connected components of a graph given as adjacency lists (iterative Tarjan).
std::vector<std::vector<int>> strongly_connected(const std::vector<std::vector<int>>& adj);
/// 1 when the relation is an ordering edge from a later to an earlier entry, else 0.
std::size_t backward_edge(const Index& index, const RelKey& relation);
std::size_t count_backward_edges(const Index& index);
/// Recomputes every cycle; `dirty` receives the ids the cycles are reported on.
void find_all_cycles(Index& index, std::unordered_set<std::string>& dirty);
/// After ordering edges at `ends` changed: `added` (cycles may form: the new components of
/// `ends` are searched) or removed (cycles may only split: the old cycles through `ends` are
/// enough). Tarjan restricted to those entries finds the new cycles; `dirty` receives the ids
/// of old and new cycles' reports.
void update_cycles(Index& index, const std::vector<std::string>& ends, bool added,
                   std::unordered_set<std::string>& dirty);

// ---------------------------------------------------------------------------------------------
// [SECTION] Rules
// ---------------------------------------------------------------------------------------------

/// What a rule examines at once. Item: one entry or entity (key = id); Series: one series
/// (key = series key); Group: entries sharing title and date (key = group key); Document:
/// the document itself (description, relations naming nothing at both ends; key = "").
enum class Scope { Item, Series, Group, Document };
inline constexpr unsigned scope_bit(Scope scope) { return 1u << static_cast<unsigned>(scope); }

/// What one check() call examines: for Scope::Item, `item` is the existing item `key`.
struct Target {
  Scope scope;
  const std::string& key;
  const ItemRec* item = nullptr;
  const std::vector<const RelKey*>* relations = nullptr;  // Scope::Item: the relations touching it
  ResolveCache* cache = nullptr;                          // for Index::resolve in this pass
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
std::string human_date(const std::string& text, Calendar calendar);
/// "on 26 June 1907", "in 1907", "in the 1910s", "c. 1920": a date after a verb.
std::string date_phrase(const std::string& text, const DateInfo& info, Calendar calendar);
/// Entity verbs per kind: person died/was born, organisation was dissolved/was founded,
/// place and other ended/began.
const char* end_verb(EntityKind kind);
const char* start_verb(EntityKind kind);
/// "\"Title\"" or the id when the title is empty.
std::string quoted(const ItemRec& item);
/// The reason of an invalid date without a leading echo of the input.
std::string date_error(const DateInfo& info, const std::string& text);
const char* field_name(LinkField field);

}  // namespace uch::checks
