// The Checker: maintains the index, knows what a change can affect, and keeps the merged findings.
//
// Findings are produced per "unit": one item (Scope::Item), one series, one title+date group,
// or the document. A change marks the units it can affect; findings() re-runs the rules of
// those units only, and splices their findings into the sorted merged list. Every finding
// about an item comes from a unit that any change of that item marks (its own item unit,
// its series, its group), so the acknowledged flag and the sort position stay right.
#include <algorithm>
#include <cassert>
#include <exception>
#include <iterator>
#include <thread>
#include <unordered_set>

#include "check/rule.hpp"

namespace uch {

using checks::Index;
using checks::ItemRec;
using checks::RelKey;
using checks::Scope;

namespace {

/// Sort position of a finding: document-level first, then by the subject's date.
struct Meta {
  int unit = -1;
  int group = 0;  // 0: about the document, 1: about an item
  DateSortKey order;
};

DateSortKey order_of(const ItemRec* item) {
  if (!item) return {};
  const DateInfo& date = item->is_entry() ? item->date : item->start;
  return date.valid ? sort_key(date) : DateSortKey{};
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

struct Scored {
  Meta meta;
  Finding finding;
};

// [SECTION] Two-way parallelism for big full checks

/// Below this many items a full check runs on one thread (a thread costs more than it saves).
constexpr std::size_t kParallelItems = 20000;

bool go_parallel(std::size_t items) { return items >= kParallelItems && std::thread::hardware_concurrency() > 1; }

/// Runs `worker` on a second thread (when `parallel`) while `main` runs here; rethrows.
template <class Main, class Worker>
void run_both(bool parallel, Main&& main, Worker&& worker) {
  if (!parallel) {
    main();
    worker();
    return;
  }
  std::exception_ptr failure;
  std::thread thread([&] {
    try {
      worker();
    } catch (...) {
      failure = std::current_exception();
    }
  });
  try {
    main();
  } catch (...) {
    thread.join();
    throw;
  }
  thread.join();
  if (failure) std::rethrow_exception(failure);
}

/// Sets LinkRec::key (the hash of the folded target) of every link; `memo` (optional)
/// remembers folds of targets as written, which repeat a lot in a document.
void set_link_keys(checks::LinkList& list, checks::StringMap<std::size_t>* memo) {
  for (checks::LinkRec& link : list.links) {
    const std::string_view target = list.target(link);
    if (!memo) {
      link.key = std::hash<std::string>{}(fold_name(target));
      continue;
    }
    auto it = memo->find(target);
    if (it == memo->end()) it = memo->emplace(target, std::hash<std::string>{}(fold_name(target))).first;
    link.key = it->second;
  }
}

}  // namespace

// [SECTION] State

struct Checker::State {
  Index index;
  // Hash of a folded link target -> the items whose links use it (nullptr = the document
  // description). A hash collision only marks one item too many.
  std::unordered_map<std::size_t, std::vector<const ItemRec*>> linkers;

  bool full = true;      // everything must be (re)computed
  bool tracking = true;  // keep what incremental updates need (false: one-shot check_document)
  std::unordered_set<std::string> dirty_items, dirty_series, dirty_groups;
  bool dirty_document = false;

  std::vector<Finding> merged;
  std::vector<Meta> meta;                         // parallel to merged
  std::unordered_map<std::string, int> unit_ids;  // scope letter + key
  std::vector<char> unit_dirty;

  bool dirty() const {
    return full || dirty_document || !dirty_items.empty() || !dirty_series.empty() || !dirty_groups.empty();
  }

  // -- index maintenance --

  void add_linkers(const ItemRec* owner, const checks::LinkList& list) {
    const auto& links = list.links;
    for (std::size_t i = 0; i < links.size(); ++i) {
      bool repeated = false;
      for (std::size_t j = 0; j < i && !repeated; ++j) repeated = links[j].key == links[i].key;
      if (!repeated) linkers[links[i].key].push_back(owner);
    }
  }

  void remove_linkers(const ItemRec* owner, const checks::LinkList& list) {
    for (const auto& link : list.links) {
      auto it = linkers.find(link.key);
      if (it == linkers.end()) continue;
      auto& owners = it->second;
      auto pos = std::find(owners.begin(), owners.end(), owner);
      if (pos == owners.end()) continue;  // a repeated target, already removed
      *pos = std::move(owners.back());
      owners.pop_back();
      if (owners.empty()) linkers.erase(it);
    }
  }

  /// Adds an item unless its id is taken (the document's ids are unique).
  void add_item(ItemRec rec) {
    if (tracking) set_link_keys(rec.links, nullptr);
    const ItemRec* item = index.insert(std::move(rec));
    if (item) register_item(item);
  }

  /// Files an item of the slots in the secondary indexes.
  void register_item(const ItemRec* item) {
    if (tracking) add_linkers(item, item->links);
    if (item->is_entry()) {
      if (!item->series_key.empty()) index.series[item->series_key].members.push_back({item->series->number, item->id});
      index.groups[item->group_hash].push_back(item);
    }
  }

  void remove_item(const std::string& id) {
    const ItemRec* found = index.item(id);
    if (!found) return;
    const ItemRec& rec = *found;
    if (tracking) remove_linkers(&rec, rec.links);
    if (rec.is_entry()) {
      if (!rec.series_key.empty()) {
        auto s = index.series.find(rec.series_key);
        auto& members = s->second.members;
        members.erase(std::find(members.begin(), members.end(), std::pair{rec.series->number, rec.id}));
        if (members.empty()) index.series.erase(s);
      }
      auto g = index.groups.find(rec.group_hash);
      auto& members = g->second;
      members.erase(std::find(members.begin(), members.end(), &rec));
      if (members.empty()) index.groups.erase(g);
    }
    index.resolver.remove_item(id);
    index.erase(id);
  }

  /// Returns true when the relation was not there before.
  bool add_relation_key(const RelKey& key) {
    auto [it, inserted] = index.relations.try_emplace(key, 0);
    if (it->second++ > 0) return false;
    const RelKey* stored = &it->first;
    index.relations_of[key.from].push_back(stored);
    if (key.to != key.from) index.relations_of[key.to].push_back(stored);
    index.backward_edges += checks::backward_edge(index, key);
    return true;
  }

  /// Returns true when the last copy of the relation went away.
  bool remove_relation_key(const RelKey& key) {
    auto it = index.relations.find(key);
    if (it == index.relations.end()) return false;
    if (--it->second > 0) return false;
    index.backward_edges -= checks::backward_edge(index, key);
    const RelKey* stored = &it->first;
    for (const std::string* end : {&key.from, &key.to}) {
      auto r = index.relations_of.find(*end);
      if (r == index.relations_of.end()) continue;
      auto& list = r->second;
      auto pos = std::find(list.begin(), list.end(), stored);
      if (pos != list.end()) list.erase(pos);
      if (list.empty()) index.relations_of.erase(r);
    }
    index.relations.erase(it);
    return true;
  }

  void load(const Document& doc) {
    index = Index{};
    linkers.clear();
    const std::size_t n_entities = doc.entities.size(), total = n_entities + doc.entries.size();
    const bool parallel = go_parallel(total);
    // Phase 1, on two threads when big: the records (parsing dates and links, folding) in
    // place in their slots, and the link resolver.
    index.slots.resize(total);
    auto fill = [&](std::size_t from, std::size_t to) {
      checks::StringMap<std::size_t> memo;
      for (std::size_t i = from; i < to; ++i) {
        ItemRec& rec = index.slots[i];
        if (i < n_entities)
          checks::fill_item(rec, doc.entities[i]);
        else
          checks::fill_item(rec, doc.entries[i - n_entities]);
        if (tracking) set_link_keys(rec.links, &memo);
      }
    };
    const std::size_t split = parallel ? total * 3 / 5 : total;  // the worker also builds the resolver
    run_both(
        parallel, [&] { fill(0, split); },
        [&] {
          index.resolver = LinkResolver(doc);
          fill(split, total);
        });
    // Phase 2: the id map and the secondary indexes. A repeated id keeps its first item.
    index.slot_of.reserve(total);
    index.groups.reserve(doc.entries.size());
    index.relations.reserve(doc.relations.size());
    index.relations_of.reserve(std::min(total, 2 * doc.relations.size()));
    for (std::size_t i = 0; i < total; ++i) {
      ItemRec& rec = index.slots[i];
      if (index.slot_of.try_emplace(rec.id, static_cast<std::uint32_t>(i)).second) {
        register_item(&rec);
      } else {
        rec = ItemRec{};
        rec.alive = false;
        index.free_slots.push_back(static_cast<std::uint32_t>(i));
      }
    }
    set_description(doc.description);
    for (const Relation& relation : doc.relations) add_relation_key({relation.from, relation.type, relation.to});
    checks::find_all_cycles(index, dirty_items);
    full = true;
    dirty_items.clear();
    dirty_series.clear();
    dirty_groups.clear();
    dirty_document = false;
  }

  void set_description(const std::string& text) {
    if (tracking) remove_linkers(nullptr, index.description_links);
    index.description_links = {};
    index.description_links.add(text, LinkField::Description);
    if (tracking) {
      set_link_keys(index.description_links, nullptr);
      add_linkers(nullptr, index.description_links);
    }
    dirty_document = true;
  }

  void mark_linkers_of(std::size_t key) {
    auto it = linkers.find(key);
    if (it == linkers.end()) return;
    for (const ItemRec* owner : it->second) {
      if (!owner)
        dirty_document = true;
      else
        dirty_items.insert(owner->id);
    }
  }

  /// An item with this id was added, changed or removed (`now` null) — the one path for all.
  void replace(const std::string& id, const Entry* entry, const Entity* entity) {
    std::optional<ItemRec> now;
    if (entry) now = checks::make_item(*entry);
    if (entity) now = checks::make_item(*entity);
    const ItemRec* old = index.item(id);
    if (!old && !now) return;

    dirty_items.insert(id);
    for (const ItemRec* rec : std::initializer_list<const ItemRec*>{old, now ? &*now : nullptr}) {
      if (!rec || !rec->is_entry()) continue;
      if (!rec->series_key.empty()) dirty_series.insert(rec->series_key);
      dirty_groups.insert(checks::group_key_of(*rec));
    }
    const bool existence_changed = !old || !now || old->kind != now->kind;
    for (const RelKey* relation : index.relations_touching(id)) {
      const RelKey& rel = *relation;
      dirty_items.insert(rel.from);
      dirty_items.insert(rel.to);
      const std::string& other = rel.from == id ? rel.to : rel.from;
      if (existence_changed && (other == id || !index.exists(other))) dirty_document = true;
    }
    // Links elsewhere that resolve (or may now resolve) through this item's keys. An entry
    // matters to them only through resolution; an entity also through its dates and name.
    const std::vector<std::size_t> old_keys = old ? checks::link_keys_of(*old) : std::vector<std::size_t>{};
    const std::vector<std::size_t> new_keys = now ? checks::link_keys_of(*now) : std::vector<std::size_t>{};
    const bool entity_involved = (old && old->is_entity()) || (now && now->is_entity());
    std::vector<std::size_t> keys;
    if (entity_involved) {
      std::set_union(old_keys.begin(), old_keys.end(), new_keys.begin(), new_keys.end(), std::back_inserter(keys));
    } else {
      std::set_symmetric_difference(old_keys.begin(), old_keys.end(), new_keys.begin(), new_keys.end(),
                                    std::back_inserter(keys));
    }
    for (std::size_t key : keys) mark_linkers_of(key);
    if (auto c = index.cycle_of.find(id); c != index.cycle_of.end())
      dirty_items.insert(index.cycles.at(c->second).front());

    const bool was_entry = old && old->is_entry();
    const bool is_entry = now && now->is_entry();
    for (const RelKey* rel : index.relations_touching(id)) index.backward_edges -= checks::backward_edge(index, *rel);
    if (old) remove_item(id);
    if (now) {
      add_item(std::move(*now));
      if (entry)
        index.resolver.add_entry(*entry);
      else
        index.resolver.add_entity(*entity);
    }
    for (const RelKey* rel : index.relations_touching(id)) index.backward_edges += checks::backward_edge(index, *rel);
    if (was_entry != is_entry) checks::update_cycles(index, {id}, is_entry, dirty_items);
  }

  void relation_changed(const RelKey& key, bool added) {
    dirty_items.insert(key.from);
    dirty_items.insert(key.to);
    if (!index.exists(key.from) && !index.exists(key.to)) dirty_document = true;
    if (checks::is_ordering(key.type)) checks::update_cycles(index, {key.from, key.to}, added, dirty_items);
  }

  // -- evaluation --

  /// Runs the rules of one unit and appends its findings with their sort position (not
  /// their unit id). Reads the index only: items can be evaluated on two threads at once.
  void evaluate(Scope scope, const std::string& key, checks::ResolveCache& cache, std::vector<Scored>& out,
                const ItemRec* item = nullptr) const {
    checks::Target target{scope, key, item};
    target.cache = &cache;
    if (scope == Scope::Item) {
      if (!target.item) target.item = index.item(key);
      if (!target.item) return;
      target.relations = &index.relations_touching(key);
    }
    std::vector<Finding> found;
    for (const checks::Rule* rule : checks::registered_rules())
      if (rule->scopes() & checks::scope_bit(scope)) rule->check(index, target, found);
    for (Finding& finding : found) {
      Scored scored;
      const std::string& subject = subject_of(finding);
      const ItemRec* item = subject.empty()                               ? nullptr
                            : (target.item && target.item->id == subject) ? target.item
                                                                          : index.item(subject);
      finding.acknowledged = item && item->acknowledges(finding.rule);
      scored.meta = {-1, item ? 1 : 0, order_of(item)};
      scored.finding = std::move(finding);
      out.push_back(std::move(scored));
    }
  }

  /// evaluate() then the unit id of its findings.
  void evaluate_unit(Scope scope, const std::string& key, checks::ResolveCache& cache, std::vector<Scored>& out) {
    const std::size_t first = out.size();
    evaluate(scope, key, cache, out);
    if (out.size() == first) return;
    const int unit = unit_id(scope, key, true);
    for (std::size_t i = first; i < out.size(); ++i) out[i].meta.unit = unit;
  }

  int unit_id(Scope scope, const std::string& key, bool create) {
    std::string name(1, "ISGD"[static_cast<int>(scope)]);
    name += key;
    auto it = unit_ids.find(name);
    if (it != unit_ids.end()) return it->second;
    if (!create) return -1;
    const int id = static_cast<int>(unit_dirty.size());
    unit_dirty.push_back(0);
    unit_ids.emplace(std::move(name), id);
    return id;
  }

  void refresh() {
    // Debug builds check the running count of backward edges against a recount.
    assert(index.backward_edges == checks::count_backward_edges(index));
    if (!dirty()) return;
    index.begin_pass();
    checks::ResolveCache cache;
    std::vector<Scored> fresh;
    std::vector<int> touched;
    if (full) {
      unit_ids.clear();
      unit_dirty.clear();
      // Item units, on two threads when big (each with its own resolution cache); an item
      // unit's findings are all about that item, which names the unit.
      const std::size_t total = index.slots.size(), half = total / 2;
      const bool parallel = go_parallel(total);
      std::vector<Scored> second;
      checks::ResolveCache second_cache;
      // Distinct link targets: about one per item (a guess: it only saves rehashing).
      cache.by_hash.reserve(parallel ? half : total);
      if (parallel) second_cache.by_hash.reserve(total - half);
      auto items = [&](std::size_t from, std::size_t to, checks::ResolveCache& c, std::vector<Scored>& out) {
        for (std::size_t i = from; i < to; ++i) {
          const ItemRec& item = index.slots[i];
          if (item.alive) evaluate(Scope::Item, item.id, c, out, &item);
        }
      };
      run_both(
          parallel, [&] { items(0, half, cache, fresh); }, [&] { items(half, total, second_cache, second); });
      fresh.insert(fresh.end(), std::make_move_iterator(second.begin()), std::make_move_iterator(second.end()));
      for (Scored& scored : fresh) scored.meta.unit = unit_id(Scope::Item, subject_of(scored.finding), true);
      for (const auto& [key, series] : index.series) evaluate_unit(Scope::Series, key, cache, fresh);
      for (const auto& [hash, members] : index.groups) {
        if (members.size() < 2) continue;
        std::vector<std::string> keys;  // usually one: members share a hash
        for (const ItemRec* member : members) keys.push_back(checks::group_key_of(*member));
        std::sort(keys.begin(), keys.end());
        keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
        for (const std::string& key : keys) evaluate_unit(Scope::Group, key, cache, fresh);
      }
      evaluate_unit(Scope::Document, "", cache, fresh);
      merged.clear();
      meta.clear();
    } else {
      auto visit = [&](Scope scope, const std::string& key) {
        const int unit = unit_id(scope, key, false);
        if (unit >= 0 && !unit_dirty[unit]) {
          unit_dirty[unit] = 1;
          touched.push_back(unit);
        }
        evaluate_unit(scope, key, cache, fresh);
      };
      for (const std::string& id : dirty_items) visit(Scope::Item, id);
      for (const std::string& key : dirty_series) visit(Scope::Series, key);
      for (const std::string& key : dirty_groups) visit(Scope::Group, key);
      if (dirty_document) visit(Scope::Document, "");
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
  RelKey key{relation.from, relation.type, relation.to};
  if (state_->add_relation_key(key)) state_->relation_changed(key, true);
}

void Checker::remove_relation(const Relation& relation) {
  RelKey key{relation.from, relation.type, relation.to};
  if (state_->remove_relation_key(key)) state_->relation_changed(key, false);
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

}  // namespace uch
