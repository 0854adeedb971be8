// The checker's index: item records built from entries/entities, relation keys, graph neighbours.
#include <algorithm>
#include <functional>

#include "check/rule.hpp"

namespace uch::checks {

namespace {

void add_key(std::vector<std::size_t>& keys, std::string_view text) {
  std::string key = fold_name(text);
  if (!key.empty()) keys.push_back(std::hash<std::string>{}(key));
}

void finish_keys(std::vector<std::size_t>& keys) {
  std::sort(keys.begin(), keys.end());
  keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
}

std::vector<std::string> ack_rules(const std::vector<Acknowledgement>& acks) {
  std::vector<std::string> rules;
  rules.reserve(acks.size());
  for (const Acknowledgement& ack : acks) rules.push_back(ack.rule);
  return rules;
}

}  // namespace

void LinkList::add(std::initializer_list<std::pair<std::string_view, LinkField>> fields) {
  // Parsed as views first so that the buffer and the records are allocated once.
  thread_local std::vector<LinkView> views;  // reused: no allocation per call
  thread_local std::vector<LinkField> field_of;
  views.clear();
  field_of.clear();
  for (const auto& [markdown, field] : fields) {
    parse_links(markdown, views);
    field_of.resize(views.size(), field);
  }
  if (views.empty()) return;
  std::size_t bytes = text.size();
  for (const LinkView& link : views) bytes += link.target.size();
  text.reserve(bytes);
  links.reserve(links.size() + views.size());
  for (std::size_t i = 0; i < views.size(); ++i) {
    const std::string_view target = views[i].target;
    LinkRec rec;
    rec.field = field_of[i];
    rec.target_at = static_cast<std::uint32_t>(text.size());
    rec.target_size = static_cast<std::uint32_t>(target.size());
    text += target;
    rec.hash = std::hash<std::string_view>{}(target);
    links.push_back(rec);
  }
}

void LinkList::add(std::string_view markdown, LinkField field) { add({{markdown, field}}); }

bool LinkList::repeats_earlier(std::size_t i) const {
  std::string folded;
  for (std::size_t j = 0; j < i; ++j) {
    // Equal folded targets resolve alike: compare resolutions first (both links were
    // resolved in this pass by the caller), fold only then.
    if (links[j].resolved->ids != links[i].resolved->ids) continue;
    if (target(links[j]) == target(links[i])) return true;
    if (folded.empty()) folded = fold_name(target(links[i]));
    if (fold_name(target(links[j])) == folded) return true;
  }
  return false;
}

bool ItemRec::acknowledges(std::string_view rule) const {
  return std::find(acknowledged.begin(), acknowledged.end(), rule) != acknowledged.end();
}

std::string series_key_of(const Series& series) { return fold_name(series.name); }

namespace {

void group_key_into(std::string_view title, std::string_view date, Calendar calendar, std::string& key) {
  fold_name(title, key);
  key += '\x1f';
  key += date;
  key += calendar == Calendar::Julian ? "\x1fJ" : "\x1fG";
}

}  // namespace

std::string group_key_of(std::string_view title, std::string_view date, Calendar calendar) {
  std::string key;
  group_key_into(title, date, calendar, key);
  return key;
}

std::string group_key_of(const ItemRec& entry) { return group_key_of(entry.title, entry.date_text, entry.calendar); }

ItemRec make_item(const Entry& entry) {
  ItemRec rec;
  fill_item(rec, entry);
  return rec;
}

ItemRec make_item(const Entity& entity) {
  ItemRec rec;
  fill_item(rec, entity);
  return rec;
}

std::vector<std::size_t> link_keys_of(const ItemRec& item) {
  std::vector<std::size_t> keys;
  add_key(keys, item.id);
  add_key(keys, item.title);
  for (const std::string& alias : item.aliases) add_key(keys, alias);
  finish_keys(keys);
  return keys;
}

void fill_item(ItemRec& rec, const Entry& entry) {
  rec.kind = ItemKind::Entry;
  rec.id = entry.id;
  rec.title = entry.title;
  rec.calendar = entry.calendar;
  rec.acknowledged = ack_rules(entry.acknowledged);
  rec.links.add({{entry.body, LinkField::Body}, {entry.otl, LinkField::Otl}, {entry.notes, LinkField::Notes}});
  rec.date_text = entry.date;
  if (!entry.date.empty()) rec.date = parse_edtf(entry.date, entry.calendar);
  rec.series = entry.series;
  if (entry.series) rec.series_key = series_key_of(*entry.series);
  thread_local std::string key;  // reused: no allocation per entry
  group_key_into(entry.title, entry.date, entry.calendar, key);
  rec.group_hash = std::hash<std::string>{}(key);
}

void fill_item(ItemRec& rec, const Entity& entity) {
  rec.kind = ItemKind::Entity;
  rec.id = entity.id;
  rec.title = entity.name;
  rec.calendar = entity.calendar;
  rec.acknowledged = ack_rules(entity.acknowledged);
  rec.links.add(entity.notes, LinkField::Notes);
  rec.aliases = entity.aliases;
  rec.entity_kind = entity.kind;
  rec.start_text = entity.start;
  rec.end_text = entity.end;
  if (!entity.start.empty()) rec.start = parse_edtf(entity.start, entity.calendar);
  if (!entity.end.empty()) rec.end = parse_edtf(entity.end, entity.calendar);
}

std::size_t RelKeyHash::operator()(const RelKey& key) const {
  std::size_t h = std::hash<std::string>{}(key.from);
  h ^= std::hash<std::string>{}(key.to) + 0x9e3779b97f4a7c15ULL + (h << 6) + (h >> 2);
  return h ^ (static_cast<std::size_t>(key.type) * 0x85ebca6bU);
}

bool operator<(const RelKey& a, const RelKey& b) {
  if (a.from != b.from) return a.from < b.from;
  if (a.type != b.type) return a.type < b.type;
  return a.to < b.to;
}

const ItemRec* Index::item(std::string_view id) const {
  auto it = slot_of.find(id);
  return it == slot_of.end() ? nullptr : &slots[it->second];
}

ItemRec* Index::insert(ItemRec rec) {
  auto [it, inserted] = slot_of.try_emplace(rec.id, 0);
  if (!inserted) return nullptr;
  rec.alive = true;
  if (free_slots.empty()) {
    it->second = static_cast<std::uint32_t>(slots.size());
    slots.push_back(std::move(rec));
  } else {
    it->second = free_slots.back();
    free_slots.pop_back();
    slots[it->second] = std::move(rec);
  }
  return &slots[it->second];
}

void Index::erase(std::string_view id) {
  auto it = slot_of.find(id);
  if (it == slot_of.end()) return;
  slots[it->second] = ItemRec{};  // frees its memory
  slots[it->second].alive = false;
  free_slots.push_back(it->second);
  slot_of.erase(it);
}

const ItemRec* Index::entry(std::string_view id) const {
  const ItemRec* rec = item(id);
  return rec && rec->is_entry() ? rec : nullptr;
}

const ItemRec* Index::entity(std::string_view id) const {
  const ItemRec* rec = item(id);
  return rec && rec->is_entity() ? rec : nullptr;
}

const std::vector<const RelKey*>& Index::relations_touching(std::string_view id) const {
  static const std::vector<const RelKey*> none;
  auto it = relations_of.find(id);
  return it == relations_of.end() ? none : it->second;
}

const Resolution& Index::resolve(ResolveCache& cache, const LinkList& list, const LinkRec& link) const {
  if (link.pass == pass_) return *link.resolved;
  const std::string_view target = list.target(link);
  auto make = [&] {
    Resolution resolution;
    resolution.ids = resolver.resolve(target);
    if (resolution.ids.size() == 1) resolution.single = item(resolution.ids.front());
    resolution.target = target;
    return resolution;
  };
  auto [it, inserted] = cache.by_hash.try_emplace(link.hash);
  const Resolution* found = &it->second;
  if (inserted) {
    it->second = make();
  } else if (it->second.target != target) {  // another target with the same hash
    auto [other, added] = cache.collisions.try_emplace(target);
    if (added) other->second = make();
    found = &other->second;
  }
  link.resolved = found;
  link.pass = pass_;
  return *found;
}

void Index::ordering_neighbours(const std::string& id, bool outgoing, std::vector<std::string>& out) const {
  out.clear();
  if (!entry(id)) return;
  for (const RelKey* relation : relations_touching(id)) {
    const RelKey& rel = *relation;
    if (!is_ordering(rel.type)) continue;
    // Edge direction: before/causes from -> to; after to -> from.
    const bool forward = rel.type != RelationType::After;
    const std::string& tail = forward ? rel.from : rel.to;
    const std::string& head = forward ? rel.to : rel.from;
    if (outgoing && tail == id && entry(head)) out.push_back(head);
    if (!outgoing && head == id && entry(tail)) out.push_back(tail);
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
}

Finding make_finding(const RuleInfo& rule, const ItemRec* subject, std::string message,
                     std::vector<std::string> related) {
  Finding finding;
  finding.rule = rule.id;
  finding.severity = rule.severity;
  if (subject) (subject->is_entry() ? finding.entry : finding.entity) = subject->id;
  finding.message = std::move(message);
  finding.related = std::move(related);
  return finding;
}

}  // namespace uch::checks
