// The checker's index: interned names, pooled lists, item records built from entries/entities,
// link resolution and graph neighbours.
#include <algorithm>
#include <functional>

#include "check/rule.hpp"
#include "uchronia/draft_order.hpp"

namespace uch::checks {

// [SECTION] Building blocks

void ListPool::push(std::uint32_t& head, std::uint32_t value) {
  std::uint32_t node = free_;
  if (node != kNone) {
    free_ = nodes_[node].next;
  } else {
    node = static_cast<std::uint32_t>(nodes_.size());
    nodes_.push_back({});
  }
  nodes_[node] = {value, head};
  head = node;
}

bool ListPool::remove(std::uint32_t& head, std::uint32_t value) {
  for (std::uint32_t* link = &head; *link != kNone; link = &nodes_[*link].next) {
    const std::uint32_t node = *link;
    if (nodes_[node].value != value) continue;
    *link = nodes_[node].next;
    nodes_[node].next = free_;
    free_ = node;
    return true;
  }
  return false;
}

// [SECTION] Item records

DateRec::DateRec(const DateInfo& info)
    : lower(info.lower),
      upper(info.upper),
      cmp_lower(info.cmp_lower),
      cmp_upper(info.cmp_upper),
      valid(info.valid),
      range_reversed(info.range_reversed),
      interval(info.interval),
      precision(info.precision) {}

DateInfo DateRec::info() const {
  DateInfo out;
  out.valid = valid;
  out.range_reversed = range_reversed;
  out.lower = lower;
  out.upper = upper;
  out.cmp_lower = cmp_lower;
  out.cmp_upper = cmp_upper;
  out.interval = interval;
  out.precision = precision;
  return out;
}

namespace {

Span append(std::pmr::string& text, std::string_view part) {
  Span span{static_cast<std::uint32_t>(text.size()), static_cast<std::uint32_t>(part.size())};
  text += part;
  return span;
}

DateRec parse_date(std::string_view text, Calendar calendar) {
  return text.empty() ? DateRec{} : DateRec(parse_edtf(text, calendar));
}

std::uint16_t ack_bits(const std::vector<Acknowledgement>& acks) {
  std::uint16_t bits = 0;
  for (const Acknowledgement& ack : acks) bits |= rule_bit(ack.rule);
  return bits;
}

void group_key_into(std::string_view title, std::string_view date, Calendar calendar, std::string& key) {
  fold_name(title, key);
  key += '\x1f';
  key += date;
  key += calendar == Calendar::Julian ? "\x1fJ" : "\x1fG";
}

}  // namespace

std::uint16_t rule_bit(std::string_view rule) {
  const auto& rules = registered_rules();
  for (std::size_t i = 0; i < rules.size(); ++i)
    if (rule == rules[i]->info().id) return static_cast<std::uint16_t>(1u << i);
  return 0;
}

std::string group_key_of(std::string_view title, std::string_view date, Calendar calendar) {
  std::string key;
  group_key_into(title, date, calendar, key);
  return key;
}

std::string group_key_of(const ItemRec& entry) {
  return group_key_of(entry.title(), entry.date_text(), entry.calendar);
}

void add_links(std::pmr::vector<LinkRec>& links, std::pmr::string& text,
               std::initializer_list<std::pair<std::string_view, LinkField>> fields) {
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
    LinkRec rec;
    rec.field = field_of[i];
    rec.target = append(text, views[i].target);
    links.push_back(rec);
  }
}

void add_links(std::pmr::vector<LinkRec>& links, std::pmr::string& text, const DocumentLinks& given, std::size_t item) {
  const auto found = given.of(item);
  if (found.empty()) return;
  std::size_t bytes = text.size();
  for (const DocumentLinks::Link& link : found) bytes += link.size;
  text.reserve(bytes);
  links.reserve(links.size() + found.size());
  for (const DocumentLinks::Link& link : found) {
    LinkRec rec;
    rec.field = link.field;
    rec.target = append(text, given.target(link));
    links.push_back(rec);
  }
}

void fill_item(ItemRec& rec, const Entry& entry, const DocumentLinks* links, std::size_t item) {
  rec.kind = ItemKind::Entry;
  rec.calendar = entry.calendar;
  rec.acknowledged = ack_bits(entry.acknowledged);
  const std::string_view series_name = entry.series ? std::string_view(entry.series->name) : std::string_view();
  rec.text.reserve(entry.id.size() + entry.title.size() + entry.date.size() + series_name.size());
  rec.id_at = append(rec.text, entry.id);
  rec.title_at = append(rec.text, entry.title);
  rec.date_at = append(rec.text, entry.date);
  rec.series_at = append(rec.text, series_name);
  rec.date = parse_date(entry.date, entry.calendar);
  if (entry.series) rec.series_number = entry.series->number;
  rec.draft_order = draft_order_of(entry).value_or(0);
  if (links)
    add_links(rec.links, rec.text, *links, item);
  else
    add_links(rec.links, rec.text,
              {{entry.body, LinkField::Body}, {entry.otl, LinkField::Otl}, {entry.notes, LinkField::Notes}});
  thread_local std::string key;  // reused: no allocation per entry
  group_key_into(entry.title, entry.date, entry.calendar, key);
  rec.group_hash = hash_text(key);
}

void fill_item(ItemRec& rec, const Entity& entity, const DocumentLinks* links, std::size_t item) {
  rec.kind = ItemKind::Entity;
  rec.calendar = entity.calendar;
  rec.entity_kind = entity.kind;
  rec.acknowledged = ack_bits(entity.acknowledged);
  rec.text.reserve(entity.id.size() + entity.name.size() + entity.start.size() + entity.end.size());
  rec.id_at = append(rec.text, entity.id);
  rec.title_at = append(rec.text, entity.name);
  rec.date_at = append(rec.text, entity.start);
  rec.end_at = append(rec.text, entity.end);
  rec.date = parse_date(entity.start, entity.calendar);
  rec.end = parse_date(entity.end, entity.calendar);
  if (links)
    add_links(rec.links, rec.text, *links, item);
  else
    add_links(rec.links, rec.text, {{entity.notes, LinkField::Notes}});
}

// [SECTION] The index

std::size_t RelIdsHash::operator()(const RelIds& ids) const {
  std::uint64_t h = (static_cast<std::uint64_t>(ids.from) << 32 | ids.to) * 0x9e3779b97f4a7c15ULL;
  h ^= (h >> 29) + static_cast<std::uint64_t>(ids.type) * 0x85ebca6bULL;
  return static_cast<std::size_t>(h * 0xbf58476d1ce4e5b9ULL ^ (h >> 32));
}

std::uint32_t Index::intern(std::string_view text) {
  const std::uint32_t sid = names.intern(text);
  if (sid >= slot_of.size()) {  // a new name: the per-sid columns grow with it
    const std::size_t size = names.size();
    for (auto* column : {&slot_of, &named, &rel_head}) column->resize(size, kNone);
    cycle_of.resize(size, -1);
  }
  return sid;
}

bool Index::relation_less(const RelRec& a, const RelRec& b) const {
  if (a.from != b.from) return name(a.from) < name(b.from);
  if (a.type != b.type) return a.type < b.type;
  if (a.to != b.to) return name(a.to) < name(b.to);
  return false;
}

Resolution Index::resolve(const LinkRec& link) const {
  Resolution out;
  if (link.key == kNone) return out;
  named_pool.for_each(named[link.key], [&](std::uint32_t slot) {
    ++out.count;
    out.single = &items[slot];
  });
  if (out.count != 1) out.single = nullptr;
  return out;
}

std::vector<std::string> Index::named_ids(const LinkRec& link) const {
  std::vector<std::string> ids;
  if (link.key == kNone) return ids;
  named_pool.for_each(named[link.key], [&](std::uint32_t slot) { ids.emplace_back(items[slot].id()); });
  std::sort(ids.begin(), ids.end());
  return ids;
}

bool Index::repeats_earlier(const std::pmr::vector<LinkRec>& links, std::size_t i, const ItemRec* owner) const {
  // Equal folded targets have the same sid; targets never interned (kNone) are folded here
  // (only links about to raise a finding ask).
  std::string folded;
  for (std::size_t j = 0; j < i; ++j) {
    if (links[j].key != links[i].key) continue;
    if (links[i].key != kNone) return true;
    if (folded.empty()) folded = fold_name(target(links[i], owner));
    if (fold_name(target(links[j], owner)) == folded) return true;
  }
  return false;
}

namespace {

/// fold_name of a link target, which parse_links has trimmed already: an ASCII target (the
/// usual case) only needs its capitals lowered.
void fold_target(std::string_view target, std::string& out) {
  for (const char c : target) {
    if (static_cast<unsigned char>(c) >= 0x80) return fold_name(target, out);
  }
  out.assign(target);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 0x20);
}

}  // namespace

void Index::find_link_keys(std::pmr::vector<LinkRec>& links, std::string_view text) const {
  // Two passes: fold and hash every target and prefetch its table slot, then look them up,
  // so that the (cache-missing) probes of one item overlap.
  thread_local std::vector<std::string> folded;
  thread_local std::vector<std::size_t> hashes;
  if (folded.size() < links.size()) folded.resize(links.size());
  hashes.resize(links.size());
  for (std::size_t i = 0; i < links.size(); ++i) {
    fold_target(text.substr(links[i].target.at, links[i].target.size), folded[i]);
    hashes[i] = hash_text(folded[i]);
    names.prefetch(hashes[i]);
  }
  for (std::size_t i = 0; i < links.size(); ++i) links[i].key = names.find(folded[i], hashes[i]);
}

void Index::intern_link_keys(std::pmr::vector<LinkRec>& links, std::string_view text, std::string& scratch) {
  for (LinkRec& link : links) {
    if (link.key != kNone) continue;
    fold_target(text.substr(link.target.at, link.target.size), scratch);
    link.key = intern(scratch);
  }
}

void Index::ordering_neighbours(std::uint32_t sid, bool outgoing, std::vector<std::uint32_t>& out) const {
  out.clear();
  if (!entry_by_sid(sid)) return;
  for_each_relation(sid, [&](const RelRec& rel) {
    if (!is_ordering(rel.type)) return;
    // Edge direction: before/causes from -> to; after to -> from.
    const bool forward = rel.type != RelationType::After;
    const std::uint32_t tail = forward ? rel.from : rel.to;
    const std::uint32_t head = forward ? rel.to : rel.from;
    if (outgoing && tail == sid && entry_by_sid(head)) out.push_back(head);
    if (!outgoing && head == sid && entry_by_sid(tail)) out.push_back(tail);
  });
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
}

Finding make_finding(const RuleInfo& rule, const ItemRec* subject, std::string message,
                     std::vector<std::string> related) {
  Finding finding;
  finding.rule = rule.id;
  finding.severity = rule.severity;
  if (subject) (subject->is_entry() ? finding.entry : finding.entity) = subject->id();
  finding.message = std::move(message);
  finding.related = std::move(related);
  return finding;
}

}  // namespace uch::checks
