// The Checker: maintains the index, knows what a change can affect, and keeps the merged findings.
//
// Findings are produced per "unit": one item (Scope::Item), one series, one title+date group,
// or the document. A change marks the units it can affect; findings() re-runs the rules of
// those units only, and splices their findings into the sorted merged list. Every finding
// about an item comes from a unit that any change of that item marks (its own item unit,
// its series, its group), so the acknowledged flag and the sort position stay right.
#include <algorithm>
#include <array>
#include <atomic>
#include <cassert>
#include <exception>
#include <iterator>
#include <memory>
#include <memory_resource>
#include <optional>
#include <span>
#include <thread>
#include <unordered_set>

#include "uchronia/side_by_side.hpp"
#include "check/rule.hpp"

namespace uch {

using checks::Index;
using checks::ItemRec;
using checks::kNone;
using checks::LinkRec;
using checks::RelRec;
using checks::Scope;

namespace {

/// Sort position of a finding: document-level first, then by the subject's date.
struct Meta {
  int unit = -1;
  int group = 0;  // 0: about the document, 1: about an item
  DateSortKey order;
};

DateSortKey order_of(const ItemRec* item) {
  if (!item || !item->date.valid) return {};
  DateSortKey key;
  key.lower = item->date.lower;
  key.upper = item->date.upper;
  key.dated = true;
  return key;
}

bool finding_less(const Meta& ma, const Finding& a, const Meta& mb, const Finding& b) {
  if (ma.group != mb.group) return ma.group < mb.group;
  if (ma.order != mb.order) return ma.order < mb.order;
  if (int c = subject_of(a).compare(subject_of(b))) return c < 0;
  if (int c = a.rule.compare(b.rule)) return c < 0;
  if (a.related != b.related) return a.related < b.related;
  if (int c = a.message.compare(b.message)) return c < 0;
  if (int c = a.entity.compare(b.entity)) return c < 0;
  return a.entry < b.entry;
}

/// A fresh finding, its sort position and the unit it came from.
struct Scored {
  Meta meta;
  Scope scope = Scope::Item;
  std::uint64_t key = 0;
  Finding finding;
};

// [SECTION] Two-way parallelism for big full checks

/// Below this many items a full check runs on one thread (a thread costs more than it saves).
constexpr std::size_t kParallelItems = 20000;

bool go_parallel(std::size_t items) { return items >= kParallelItems && std::thread::hardware_concurrency() > 1; }

/// Hands out consecutive chunks of [0, total) to the threads that ask, so that two threads
/// share a loop evenly whatever else each of them has to do.
class Chunks {
 public:
  explicit Chunks(std::size_t total, std::size_t size = 1024) : total_(total), size_(size) {}
  template <class F>
  void run(F&& f) {
    for (std::size_t from; (from = next_.fetch_add(size_)) < total_;) f(from, std::min(from + size_, total_));
  }

 private:
  std::atomic<std::size_t> next_{0};
  std::size_t total_, size_;
};

/// Owner of the description's links in the lists of linkers (no item has this slot).
constexpr std::uint32_t kDescription = kNone - 1;

}  // namespace

// [SECTION] State

struct Checker::State {
  // Arenas of a one-shot check's records (declared first: they outlive the index).
  std::array<std::pmr::monotonic_buffer_resource, 2> arenas;
  Index index;
  // Per sid of a folded name: the slots of the items whose links use it (kDescription: the
  // document description). Kept only when tracking.
  std::vector<std::uint32_t> linkers;
  checks::ListPool linker_pool;

  bool full = true;                               // everything must be (re)computed
  bool tracking = true;                           // keep what incremental updates need (false: one-shot check_document)
  std::unordered_set<std::uint32_t> dirty_items;  // sids of ids
  std::unordered_set<std::uint32_t> dirty_series;  // series sids
  std::unordered_set<std::uint64_t> dirty_groups;  // group hashes
  bool dirty_document = false;

  std::vector<Finding> merged;
  std::vector<Meta> meta;                                          // parallel to merged
  std::array<std::unordered_map<std::uint64_t, int>, 4> unit_ids;  // per scope: key -> unit
  std::vector<char> unit_dirty;

  bool dirty() const {
    return full || dirty_document || !dirty_items.empty() || !dirty_series.empty() || !dirty_groups.empty();
  }

  // -- index maintenance --

  std::uint32_t& linkers_of(std::uint32_t key) {
    if (key >= linkers.size()) linkers.resize(index.names.size(), kNone);
    return linkers[key];
  }

  void add_linkers(std::uint32_t owner, const std::pmr::vector<LinkRec>& links) {
    for (std::size_t i = 0; i < links.size(); ++i) {
      bool repeated = false;
      for (std::size_t j = 0; j < i && !repeated; ++j) repeated = links[j].key == links[i].key;
      if (!repeated) linker_pool.push(linkers_of(links[i].key), owner);
    }
  }

  void remove_linkers(std::uint32_t owner, const std::pmr::vector<LinkRec>& links) {
    for (const LinkRec& link : links) linker_pool.remove(linkers_of(link.key), owner);  // a repeated key: no-op
  }

  /// Appends the sids of an item's folded names (sorted, unique) to `out`, interning them;
  /// `id_sid` is the sid of its id, itself when folding leaves it unchanged (the usual case).
  template <class Item>
  void keys_of(const Item& item, std::uint32_t id_sid, std::vector<std::uint32_t>& out) {
    thread_local std::vector<std::string_view> raw;
    thread_local std::string folded;
    names_of(item, raw);  // the one rule of link resolution
    const std::size_t first = out.size();
    for (std::size_t i = 0; i < raw.size(); ++i) {
      if (i == 0 && is_folded(raw[0])) {
        out.push_back(id_sid);
        continue;
      }
      fold_name(raw[i], folded);
      if (!folded.empty()) out.push_back(index.intern(folded));
    }
    std::sort(out.begin() + static_cast<std::ptrdiff_t>(first), out.end());
    out.erase(std::unique(out.begin() + static_cast<std::ptrdiff_t>(first), out.end()), out.end());
  }
  template <class Item>
  std::vector<std::uint32_t> keys_of(const Item& item, std::uint32_t id_sid) {
    std::vector<std::uint32_t> keys;
    keys_of(item, id_sid, keys);
    return keys;
  }

  /// True when fold_name would return the text unchanged: non-empty ASCII without capitals
  /// or spaces at its ends (cheaper to see than to fold).
  static bool is_folded(std::string_view text) {
    if (text.empty()) return false;
    const auto space = [](unsigned char c) { return (c >= 0x09 && c <= 0x0D) || c == 0x20; };
    if (space(static_cast<unsigned char>(text.front())) || space(static_cast<unsigned char>(text.back()))) return false;
    for (const char c : text)
      if (static_cast<unsigned char>(c) >= 0x80 || (c >= 'A' && c <= 'Z')) return false;
    return true;
  }

  /// Files the item in `slot` under its names: removes it from `old_keys`, adds it to `keys`.
  void file_names(std::uint32_t slot, std::span<const std::uint32_t> old_keys, std::span<const std::uint32_t> keys) {
    for (std::uint32_t key : old_keys) index.named_pool.remove(index.named[key], slot);
    for (std::uint32_t key : keys) index.named_pool.push(index.named[key], slot);
  }

  /// Sets an entry's series sid (an empty folded name is no series).
  void set_series(ItemRec& rec) {
    if (!rec.is_entry() || rec.series_at.size == 0) return;
    thread_local std::string folded;
    fold_name(rec.series_name(), folded);
    if (folded.empty()) return;
    rec.series = index.series_names.intern(folded);
    if (rec.series >= index.series_head.size()) index.series_head.resize(index.series_names.size(), kNone);
  }

  /// Files an item (its id and keys already set) in the series and group lists.
  void link_entry(std::uint32_t slot) {
    ItemRec& rec = index.items[slot];
    if (!rec.is_entry()) return;
    if (rec.series != kNone) {
      rec.next_in_series = index.series_head[rec.series];
      index.series_head[rec.series] = slot;
    }
    std::uint32_t& head = index.groups.try_emplace(rec.group_hash, kNone).first->second;
    rec.next_in_group = head;
    head = slot;
  }

  void unlink_entry(std::uint32_t slot) {
    ItemRec& rec = index.items[slot];
    if (!rec.is_entry()) return;
    auto unlink = [&](std::uint32_t& head, std::uint32_t ItemRec::*next) {
      std::uint32_t* link = &head;
      while (*link != slot) link = &(index.items[*link].*next);
      *link = rec.*next;
    };
    if (rec.series != kNone) unlink(index.series_head[rec.series], &ItemRec::next_in_series);
    std::uint32_t& head = index.groups.at(rec.group_hash);
    unlink(head, &ItemRec::next_in_group);
    if (head == kNone) index.groups.erase(rec.group_hash);
  }

  /// Adds a record whose id is free (the incremental path).
  void add_item(ItemRec rec, std::vector<std::uint32_t> keys) {
    thread_local std::string scratch;
    index.find_link_keys(rec.links, rec.text);
    if (tracking) index.intern_link_keys(rec.links, rec.text, scratch);
    std::uint32_t slot;
    if (index.free_slots.empty()) {
      slot = static_cast<std::uint32_t>(index.items.size());
      index.items.push_back(std::move(rec));
    } else {
      slot = index.free_slots.back();
      index.free_slots.pop_back();
      index.items[slot] = std::move(rec);
    }
    ItemRec& stored = index.items[slot];
    stored.alive = true;
    index.slot_of[stored.sid] = slot;
    file_names(slot, {}, keys);
    stored.keys = std::move(keys);
    link_entry(slot);
    if (tracking) add_linkers(slot, stored.links);
  }

  void remove_item(std::uint32_t slot) {
    ItemRec& rec = index.items[slot];
    if (tracking) remove_linkers(slot, rec.links);
    file_names(slot, rec.keys, {});
    unlink_entry(slot);
    index.slot_of[rec.sid] = kNone;
    rec = ItemRec{};  // frees its memory; alive = false
    index.free_slots.push_back(slot);
  }

  /// Returns true when the relation was not there before.
  bool add_relation_key(std::uint32_t from, RelationType type, std::uint32_t to) {
    auto [it, inserted] = index.rel_of.try_emplace(checks::RelIds{from, to, type}, 0);
    if (!inserted) {
      ++index.rels[it->second].copies;
      return false;
    }
    std::uint32_t r;
    if (index.free_rels.empty()) {
      r = static_cast<std::uint32_t>(index.rels.size());
      index.rels.emplace_back();
    } else {
      r = index.free_rels.back();
      index.free_rels.pop_back();
    }
    it->second = r;
    RelRec& rel = index.rels[r];
    rel = RelRec{from, to, type, 1, index.rel_head[from], kNone};
    index.rel_head[from] = r;
    if (to != from) {
      rel.next_to = index.rel_head[to];
      index.rel_head[to] = r;
    }
    index.backward_edges += checks::backward_edge(index, rel);
    return true;
  }

  /// Returns true when the last copy of the relation went away.
  bool remove_relation_key(std::uint32_t from, RelationType type, std::uint32_t to) {
    auto it = index.rel_of.find(checks::RelIds{from, to, type});
    if (it == index.rel_of.end()) return false;
    const std::uint32_t r = it->second;
    RelRec& rel = index.rels[r];
    if (--rel.copies > 0) return false;
    index.backward_edges -= checks::backward_edge(index, rel);
    for (std::uint32_t end : {from, to}) {
      std::uint32_t* link = &index.rel_head[end];
      while (*link != r) {
        RelRec& other = index.rels[*link];
        link = other.from == end ? &other.next_from : &other.next_to;
      }
      *link = rel.from == end ? rel.next_from : rel.next_to;
      if (from == to) break;
    }
    rel = RelRec{};
    index.free_rels.push_back(r);
    index.rel_of.erase(it);
    return true;
  }

  /// The names of the document's items, found while their records are being filled.
  struct Naming {
    std::vector<std::uint32_t> sid;       // per slot: its id
    std::vector<std::uint32_t> key_pool;  // names, per slot a range (the kept record's, by its slot)
    std::vector<std::pair<std::uint32_t, std::uint32_t>> key_range;  // per slot: (at, count) in key_pool
    std::vector<std::uint32_t> repeated;                             // slots of records whose id an earlier one has
    std::span<const std::uint32_t> keys(std::uint32_t slot) const {
      return {key_pool.data() + key_range[slot].first, key_range[slot].second};
    }
  };

  /// Interns the ids of the document and the names that find its items, and files the items
  /// under them. A repeated id keeps its first record and the names of its last one (as an
  /// edit would leave them). Reads the document only, not the records.
  void name_items(const Document& doc, Naming& naming) {
    const std::size_t n_entities = doc.entities.size(), total = n_entities + doc.entries.size();
    std::size_t strings = 16, bytes = 0;
    for (const Entity& entity : doc.entities) {
      strings += 2 + entity.aliases.size();
      bytes += 2 * entity.id.size() + entity.name.size();
      for (const std::string& alias : entity.aliases) bytes += alias.size();
    }
    for (const Entry& entry : doc.entries) {
      strings += 3;  // id, title, and about one distinct link target
      bytes += 2 * entry.id.size() + 2 * entry.title.size();
    }
    index.names.reserve(strings, bytes);
    for (auto* column : {&index.slot_of, &index.named, &index.rel_head}) column->reserve(strings);
    index.cycle_of.reserve(strings);
    index.named_pool.reserve(2 * total + bytes / 64);
    naming.sid.resize(total);
    naming.key_range.resize(total);
    naming.key_pool.reserve(2 * total + 16);
    for (std::size_t i = 0; i < total; ++i) {
      const bool is_entity = i < n_entities;
      const std::uint32_t sid = index.intern(is_entity ? doc.entities[i].id : doc.entries[i - n_entities].id);
      naming.sid[i] = sid;
      std::uint32_t& slot = index.slot_of[sid];
      if (slot == kNone)
        slot = static_cast<std::uint32_t>(i);
      else
        naming.repeated.push_back(static_cast<std::uint32_t>(i));
      const auto at = static_cast<std::uint32_t>(naming.key_pool.size());
      if (is_entity)
        keys_of(doc.entities[i], sid, naming.key_pool);
      else
        keys_of(doc.entries[i - n_entities], sid, naming.key_pool);
      const std::span<const std::uint32_t> keys(naming.key_pool.data() + at, naming.key_pool.size() - at);
      file_names(slot, naming.keys(slot), keys);
      naming.key_range[slot] = {at, static_cast<std::uint32_t>(keys.size())};
    }
  }

  /// Builds the index of `doc`; its links are parsed from its texts, or are `given` (the texts unread).
  void load(const Document& doc, const DocumentLinks* given = nullptr) {
    index = Index{};
    for (auto& arena : arenas) arena.release();
    linkers.clear();
    linker_pool = {};
    const std::size_t n_entities = doc.entities.size(), total = n_entities + doc.entries.size();
    const bool parallel = go_parallel(total);
    index.items.reserve(total + total / 8 + 16);  // room for additions without moving every record
    index.items.resize(total);

    // Phase 1, on two threads when big: the records (texts, dates, parsed links) in place;
    // meanwhile the names (they need the document only), then the worker helps filling.
    Chunks fill_chunks(total);
    auto fill = [&](std::pmr::memory_resource* arena) {
      const ItemRec::allocator_type alloc(tracking ? std::pmr::get_default_resource() : arena);
      fill_chunks.run([&](std::size_t from, std::size_t to) {
        for (std::size_t i = from; i < to; ++i) {
          ItemRec& rec = index.items[i];
          std::destroy_at(&rec);
          std::construct_at(&rec, alloc);
          if (i < n_entities)
            checks::fill_item(rec, doc.entities[i], given, i);
          else
            checks::fill_item(rec, doc.entries[i - n_entities], given, i);
        }
      });
    };
    Naming naming;
    run_side_by_side(
        parallel, [&] { fill(&arenas[0]); },
        [&] {
          name_items(doc, naming);
          if (given)
            set_description(*given, total);
          else
            set_description(doc.description);
          fill(&arenas[1]);
        });

    // Phase 2, on two threads when big: link targets to sids (reading the names only); the
    // ids, relations, series, groups and cycles meanwhile (other fields of the records).
    Chunks key_chunks(total);
    std::vector<const Relation*> unnamed_relations;
    auto key_links = [&] {
      key_chunks.run([&](std::size_t from, std::size_t to) {
        for (std::size_t i = from; i < to; ++i) index.find_link_keys(index.items[i].links, index.items[i].text);
      });
    };
    run_side_by_side(parallel, key_links, [&] {
      for (std::size_t i = 0; i < total; ++i) {
        ItemRec& rec = index.items[i];
        rec.sid = naming.sid[i];
        rec.alive = index.slot_of[rec.sid] == i;
        if (tracking && rec.alive) {
          const auto keys = naming.keys(static_cast<std::uint32_t>(i));
          rec.keys.assign(keys.begin(), keys.end());
        }
      }
      // Relations between known ids now (finding names only); the others, which can be
      // in no cycle, once the names may grow again.
      index.rels.reserve(doc.relations.size());
      index.rel_of.reserve(doc.relations.size());
      for (const Relation& relation : doc.relations) {
        const std::uint32_t from = index.names.find(relation.from), to = index.names.find(relation.to);
        if (from != kNone && to != kNone)
          add_relation_key(from, relation.type, to);
        else
          unnamed_relations.push_back(&relation);
      }
      index.groups.reserve(doc.entries.size());
      for (std::size_t i = 0; i < total; ++i) {
        if (!index.items[i].alive) continue;
        set_series(index.items[i]);
        link_entry(static_cast<std::uint32_t>(i));
      }
      checks::find_all_cycles(index, dirty_items);
      key_links();
    });
    for (const Relation* relation : unnamed_relations)
      add_relation_key(index.intern(relation->from), relation->type, index.intern(relation->to));
    for (std::uint32_t slot : naming.repeated) {
      index.items[slot] = ItemRec{};
      index.free_slots.push_back(slot);
    }
    // Phase 3: who links to what, for incremental updates.
    if (tracking) {
      std::string scratch;
      linker_pool.reserve(total * 4);
      for (std::size_t i = 0; i < total; ++i) {
        ItemRec& rec = index.items[i];
        if (!rec.alive) continue;
        index.intern_link_keys(rec.links, rec.text, scratch);
        add_linkers(static_cast<std::uint32_t>(i), rec.links);
      }
    }
    full = true;
    dirty_items.clear();
    dirty_series.clear();
    dirty_groups.clear();
    dirty_document = false;
  }

  void set_description(const std::string& text) {
    if (tracking) remove_linkers(kDescription, index.description_links);
    index.description_links.clear();
    index.description.clear();
    checks::add_links(index.description_links, index.description, {{text, LinkField::Description}});
    key_description();
  }
  /// The description's links as `given` lists them (item `item`).
  void set_description(const DocumentLinks& given, std::size_t item) {
    if (tracking) remove_linkers(kDescription, index.description_links);
    index.description_links.clear();
    index.description.clear();
    checks::add_links(index.description_links, index.description, given, item);
    key_description();
  }
  void key_description() {
    std::string scratch;
    index.find_link_keys(index.description_links, index.description);
    if (tracking) {
      index.intern_link_keys(index.description_links, index.description, scratch);
      add_linkers(kDescription, index.description_links);
    }
    dirty_document = true;
  }

  void mark_linkers_of(std::uint32_t key) {
    linker_pool.for_each(linkers_of(key), [&](std::uint32_t owner) {
      if (owner == kDescription)
        dirty_document = true;
      else
        dirty_items.insert(index.items[owner].sid);
    });
  }

  /// An item with this id was added, changed or removed (both null) — the one path for all.
  void replace(const std::string& id, const Entry* entry, const Entity* entity) {
    const std::uint32_t sid = index.intern(id);
    std::optional<ItemRec> now;
    std::vector<std::uint32_t> new_keys;
    if (entry || entity) {
      now.emplace();
      if (entry) {
        checks::fill_item(*now, *entry);
        new_keys = keys_of(*entry, sid);
      } else {
        checks::fill_item(*now, *entity);
        new_keys = keys_of(*entity, sid);
      }
      now->sid = sid;
      set_series(*now);
    }
    const std::uint32_t old_slot = index.slot_of[sid];
    const ItemRec* old = old_slot == kNone ? nullptr : &index.items[old_slot];
    if (!old && !now) return;

    dirty_items.insert(sid);
    for (const ItemRec* rec : std::initializer_list<const ItemRec*>{old, now ? &*now : nullptr}) {
      if (!rec || !rec->is_entry()) continue;
      if (rec->series != kNone) dirty_series.insert(rec->series);
      dirty_groups.insert(rec->group_hash);
    }
    // draft.out-of-order compares every entry with a draft position with its neighbours there.
    if ((old && old->draft_order) || (now && now->draft_order)) dirty_document = true;
    const bool existence_changed = !old || !now || old->kind != now->kind;
    index.for_each_relation(sid, [&](const RelRec& rel) {
      dirty_items.insert(rel.from);
      dirty_items.insert(rel.to);
      const std::uint32_t other = rel.from == sid ? rel.to : rel.from;
      if (existence_changed && (other == sid || !index.exists(other))) dirty_document = true;
    });
    // Links elsewhere that resolve (or may now resolve) through this item's names. An entry
    // matters to them only through resolution; an entity also through its dates and name.
    static const std::vector<std::uint32_t> kNoKeys;
    const std::vector<std::uint32_t>& old_keys = old ? old->keys : kNoKeys;
    const bool entity_involved = (old && old->is_entity()) || (now && now->is_entity());
    std::vector<std::uint32_t> keys;
    if (entity_involved) {
      std::set_union(old_keys.begin(), old_keys.end(), new_keys.begin(), new_keys.end(), std::back_inserter(keys));
    } else {
      std::set_symmetric_difference(old_keys.begin(), old_keys.end(), new_keys.begin(), new_keys.end(),
                                    std::back_inserter(keys));
    }
    for (std::uint32_t key : keys) mark_linkers_of(key);
    if (const int cycle = index.cycle_of[sid]; cycle >= 0) dirty_items.insert(index.cycles.at(cycle).front());

    const bool was_entry = old && old->is_entry();
    const bool is_entry = now && now->is_entry();
    index.for_each_relation(sid, [&](const RelRec& rel) { index.backward_edges -= checks::backward_edge(index, rel); });
    if (old) remove_item(old_slot);
    if (now) add_item(std::move(*now), std::move(new_keys));
    index.for_each_relation(sid, [&](const RelRec& rel) { index.backward_edges += checks::backward_edge(index, rel); });
    if (was_entry != is_entry) checks::update_cycles(index, {sid}, is_entry, dirty_items);
  }

  void relation_changed(std::uint32_t from, std::uint32_t to, RelationType type, bool added) {
    dirty_items.insert(from);
    dirty_items.insert(to);
    if (!index.exists(from) && !index.exists(to)) dirty_document = true;
    if (checks::is_ordering(type)) checks::update_cycles(index, {from, to}, added, dirty_items);
  }

  // -- evaluation --

  /// Runs the rules of one unit and appends its findings with their sort position (not
  /// their unit id). Reads the index only: items can be evaluated on two threads at once.
  void evaluate(Scope scope, std::uint64_t key, std::vector<Scored>& out, const ItemRec* item = nullptr) const {
    checks::Target target{scope, key, item};
    if (scope == Scope::Item) {
      if (!target.item) target.item = index.item_by_sid(static_cast<std::uint32_t>(key));
      if (!target.item) return;
    }
    thread_local std::vector<Finding> found;  // reused: most units find nothing
    found.clear();
    for (const checks::Rule* rule : checks::registered_rules())
      if (rule->scopes() & checks::scope_bit(scope)) rule->check(index, target, found);
    for (Finding& finding : found) {
      Scored scored;
      const std::string& subject = subject_of(finding);
      const ItemRec* about = subject.empty()                                 ? nullptr
                             : (target.item && target.item->id() == subject) ? target.item
                                                                             : index.item(subject);
      finding.acknowledged = about && (about->acknowledged & checks::rule_bit(finding.rule));
      scored.meta = {-1, about ? 1 : 0, order_of(about)};
      scored.scope = scope;
      scored.key = key;
      scored.finding = std::move(finding);
      out.push_back(std::move(scored));
    }
  }

  int unit_id(Scope scope, std::uint64_t key, bool create) {
    auto& ids = unit_ids[static_cast<int>(scope)];
    auto it = ids.find(key);
    if (it != ids.end()) return it->second;
    if (!create) return -1;
    const int id = static_cast<int>(unit_dirty.size());
    unit_dirty.push_back(0);
    ids.emplace(key, id);
    return id;
  }

  void refresh() {
    // Debug builds check the running count of backward edges against a recount.
    assert(index.backward_edges == checks::count_backward_edges(index));
    if (!dirty()) return;
    std::vector<Scored> fresh;
    std::vector<int> touched;
    if (full) {
      for (auto& ids : unit_ids) ids.clear();
      unit_dirty.clear();
      // Item units, on two threads when big (findings are sorted below: order does not matter).
      const std::size_t total = index.items.size();
      std::vector<Scored> second;
      Chunks chunks(total);
      auto items = [&](std::vector<Scored>& out) {
        chunks.run([&](std::size_t from, std::size_t to) {
          for (std::size_t i = from; i < to; ++i) {
            const ItemRec& item = index.items[i];
            if (item.alive) evaluate(Scope::Item, item.sid, out, &item);
          }
        });
      };
      run_side_by_side(
          go_parallel(total), [&] { items(fresh); }, [&] { items(second); });
      fresh.insert(fresh.end(), std::make_move_iterator(second.begin()), std::make_move_iterator(second.end()));
      for (std::uint32_t series = 0; series < index.series_head.size(); ++series)
        if (index.series_head[series] != kNone) evaluate(Scope::Series, series, fresh);
      for (const auto& [hash, head] : index.groups)
        if (index.items[head].next_in_group != kNone) evaluate(Scope::Group, hash, fresh);  // two entries or more
      evaluate(Scope::Document, 0, fresh);
      for (Scored& scored : fresh) scored.meta.unit = unit_id(scored.scope, scored.key, true);
      merged.clear();
      meta.clear();
    } else {
      auto visit = [&](Scope scope, std::uint64_t key) {
        const int unit = unit_id(scope, key, false);
        if (unit >= 0 && !unit_dirty[unit]) {
          unit_dirty[unit] = 1;
          touched.push_back(unit);
        }
        const std::size_t first = fresh.size();
        evaluate(scope, key, fresh);
        if (fresh.size() == first) return;
        const int id = unit_id(scope, key, true);
        for (std::size_t i = first; i < fresh.size(); ++i) fresh[i].meta.unit = id;
      };
      for (std::uint32_t sid : dirty_items) visit(Scope::Item, sid);
      for (std::uint32_t series : dirty_series) visit(Scope::Series, series);
      for (std::uint64_t hash : dirty_groups) visit(Scope::Group, hash);
      if (dirty_document) visit(Scope::Document, 0);
    }
    std::sort(fresh.begin(), fresh.end(),
              [](const Scored& a, const Scored& b) { return finding_less(a.meta, a.finding, b.meta, b.finding); });
    // Splice: the old findings of units not re-examined, merged with the fresh ones.
    std::vector<Finding> out;
    std::vector<Meta> out_meta;
    out.reserve(merged.size() + fresh.size());
    out_meta.reserve(merged.size() + fresh.size());
    std::size_t i = 0, j = 0;
    while (i < merged.size() || j < fresh.size()) {
      if (i < merged.size() && unit_dirty[meta[i].unit]) {
        ++i;
        continue;
      }
      const bool take_old = j == fresh.size() ||
                            (i < merged.size() && !finding_less(fresh[j].meta, fresh[j].finding, meta[i], merged[i]));
      if (take_old) {
        out.push_back(std::move(merged[i]));
        out_meta.push_back(meta[i]);
        ++i;
      } else {
        out.push_back(std::move(fresh[j].finding));
        out_meta.push_back(fresh[j].meta);
        ++j;
      }
    }
    merged = std::move(out);
    meta = std::move(out_meta);
    for (int unit : touched) unit_dirty[unit] = 0;
    full = false;
    dirty_items.clear();
    dirty_series.clear();
    dirty_groups.clear();
    dirty_document = false;
  }
};

// [SECTION] Checker

namespace {

void require_links_of(const CheckInput& input) {
  if (input.links.items() != input.doc.entities.size() + input.doc.entries.size() + 1)
    throw Error("check: the links given are not the document's (" + std::to_string(input.links.items()) +
                " items for " + std::to_string(input.doc.entities.size() + input.doc.entries.size() + 1) + ")");
}

}  // namespace

Checker::Checker() : state_(std::make_unique<State>()) {}
Checker::Checker(const Document& doc) : Checker() { load(doc); }
Checker::~Checker() = default;
Checker::Checker(Checker&&) noexcept = default;
Checker& Checker::operator=(Checker&&) noexcept = default;

void Checker::load(const Document& doc) {
  state_->load(doc);
  state_->merged.clear();
  state_->meta.clear();
}

void Checker::load(const CheckInput& input) {
  require_links_of(input);
  state_->load(input.doc, &input.links);
  state_->merged.clear();
  state_->meta.clear();
}

void Checker::update_entry(const std::string& id, const Entry* now) {
  if (now && now->id != id) {
    state_->replace(id, nullptr, nullptr);
    state_->replace(now->id, now, nullptr);
    return;
  }
  state_->replace(id, now, nullptr);
}

void Checker::update_entity(const std::string& id, const Entity* now) {
  if (now && now->id != id) {
    state_->replace(id, nullptr, nullptr);
    state_->replace(now->id, nullptr, now);
    return;
  }
  state_->replace(id, nullptr, now);
}

void Checker::update_description(const std::string& description) { state_->set_description(description); }

void Checker::add_relation(const Relation& relation) {
  const std::uint32_t from = state_->index.intern(relation.from), to = state_->index.intern(relation.to);
  if (state_->add_relation_key(from, relation.type, to)) state_->relation_changed(from, to, relation.type, true);
}

void Checker::remove_relation(const Relation& relation) {
  const Index& index = state_->index;
  const std::uint32_t from = index.names.find(relation.from), to = index.names.find(relation.to);
  if (from == kNone || to == kNone) return;
  if (state_->remove_relation_key(from, relation.type, to)) state_->relation_changed(from, to, relation.type, false);
}

const std::vector<Finding>& Checker::findings() {
  state_->refresh();
  return state_->merged;
}

std::vector<Finding> Checker::findings_for(const std::string& id) {
  std::vector<Finding> out;
  for (const Finding& finding : findings())
    if (subject_of(finding) == id) out.push_back(finding);
  return out;
}

std::vector<Finding> check_document(const Document& doc) {
  // One shot: nothing kept for incremental updates, and the findings are moved out.
  Checker::State state;
  state.tracking = false;
  state.load(doc);
  state.refresh();
  return std::move(state.merged);
}

std::vector<Finding> check_document(const CheckInput& input) {
  require_links_of(input);
  Checker::State state;
  state.tracking = false;
  state.load(input.doc, &input.links);
  state.refresh();
  return std::move(state.merged);
}

}  // namespace uch
