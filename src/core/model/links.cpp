// [[links]]: parsing them out of text, folding names for matching, resolving targets (spec section 3).
#include "uchronia/links.hpp"

#include <algorithm>
#include <span>

#include "model/utf8.hpp"

namespace uch {

namespace {

bool is_newline(char c) { return c == '\n' || c == '\r'; }

/// Simple lower-case mapping (as in Unicode simple case folding) for ASCII, Latin-1,
/// Latin Extended-A, Greek and Cyrillic; every other code point is returned unchanged.
char32_t fold_code_point(char32_t c) {
  if (c < 0x80) return (c >= 'A' && c <= 'Z') ? c + 0x20 : c;
  // Latin-1 Supplement: À..Þ except × (U+00D7). ß stays ß; µ folds to Greek μ.
  if (c >= 0xC0 && c <= 0xDE && c != 0xD7) return c + 0x20;
  if (c == 0xB5) return 0x3BC;
  // Latin Extended-A.
  if (c >= 0x100 && c <= 0x17F) {
    if (c == 0x130) return 'i';                          // İ -> i
    if (c == 0x131 || c == 0x138 || c == 0x149) return c;  // ı, ĸ, ŉ have no simple folding
    if (c == 0x178) return 0xFF;                          // Ÿ -> ÿ
    if (c == 0x17F) return 's';                           // ſ (long s) -> s
    if ((c >= 0x100 && c <= 0x137) || (c >= 0x14A && c <= 0x177)) return (c % 2 == 0) ? c + 1 : c;
    if ((c >= 0x139 && c <= 0x148) || (c >= 0x179 && c <= 0x17E)) return (c % 2 == 1) ? c + 1 : c;
    return c;
  }
  // Greek and Coptic.
  if (c >= 0x370 && c <= 0x3FF) {
    if (c >= 0x391 && c <= 0x3AB && c != 0x3A2) return c + 0x20;  // Α..Ϋ
    if (c == 0x386) return 0x3AC;                                  // Ά
    if (c >= 0x388 && c <= 0x38A) return c + 0x25;                 // Έ Ή Ί
    if (c == 0x38C) return 0x3CC;                                  // Ό
    if (c == 0x38E || c == 0x38F) return c + 0x3F;                 // Ύ Ώ
    if (c == 0x3C2) return 0x3C3;                                  // final ς -> σ
    if (c == 0x37F) return 0x3F3;                                  // Ϳ
    if (c == 0x3CF) return 0x3D7;                                  // Ϗ
    // Symbol variants that simple case folding maps onto the plain letters.
    if (c == 0x3D0) return 0x3B2;                                  // ϐ -> β
    if (c == 0x3D1 || c == 0x3F4) return 0x3B8;                    // ϑ, ϴ -> θ
    if (c == 0x3D5) return 0x3C6;                                  // ϕ -> φ
    if (c == 0x3D6) return 0x3C0;                                  // ϖ -> π
    if (c == 0x3F0) return 0x3BA;                                  // ϰ -> κ
    if (c == 0x3F1) return 0x3C1;                                  // ϱ -> ρ
    if (c == 0x3F5) return 0x3B5;                                  // ϵ -> ε
    if (c == 0x3F7 || c == 0x3FA) return c + 1;                    // Ϸ, Ϻ
    if (c == 0x3F9) return 0x3F2;                                  // Ϲ -> ϲ
    if (c >= 0x3FD) return c - 0x82;                               // Ͻ Ͼ Ͽ -> ͻ ͼ ͽ
    if (c >= 0x3D8 && c <= 0x3EF) return (c % 2 == 0) ? c + 1 : c;  // archaic letters, Coptic
    return c;
  }
  // Cyrillic and Cyrillic Supplement.
  if (c >= 0x400 && c <= 0x52F) {
    if (c <= 0x40F) return c + 0x50;                      // Ѐ..Џ
    if (c <= 0x42F) return c + 0x20;                      // А..Я
    if (c <= 0x45F) return c;                             // а..џ
    if (c <= 0x481) return (c % 2 == 0) ? c + 1 : c;       // Ѡ..ҁ
    if (c < 0x48A) return c;                              // signs and combining marks
    if (c <= 0x4BF) return (c % 2 == 0) ? c + 1 : c;       // Ҋ..ҿ
    if (c == 0x4C0) return 0x4CF;                         // Ӏ
    if (c <= 0x4CE) return (c % 2 == 1) ? c + 1 : c;       // Ӂ..ӎ
    if (c == 0x4CF) return c;
    return (c % 2 == 0) ? c + 1 : c;                      // Ӑ..ԯ
  }
  return c;
}

}  // namespace

namespace {

/// Bytes that matter to the link scanner: '[', ']', '\n', '\r'.
constexpr bool is_link_byte(char c) { return c == '[' || c == ']' || c == '\n' || c == '\r'; }

}  // namespace

void parse_links(std::string_view text, std::vector<LinkView>& out) {
  constexpr std::size_t npos = std::string_view::npos;
  // Before the first "[[" nothing can open a link: start there (none: no link at all).
  const std::size_t first = text.find("[[");
  if (first == npos) return;
  std::size_t open = npos;  // offset of the innermost pending "[["
  const std::size_t n = text.size();
  for (std::size_t i = first; i < n; ++i) {
    const char c = text[i];
    if (!is_link_byte(c)) continue;
    if (is_newline(c)) {
      open = npos;  // a link never spans lines
    } else if (c == '[' && i + 1 < n && text[i + 1] == '[') {
      open = i;     // "[[[x]]" links "x": the last "[[" wins
    } else if (c == ']' && i + 1 < n && text[i + 1] == ']' && open != npos) {
      const std::string_view inner = text.substr(open + 2, i - open - 2);
      const std::size_t bar = inner.find('|');
      const std::string_view target = utf8::trim(inner.substr(0, bar));
      if (!target.empty()) {
        LinkView link;
        link.target = target;
        const std::string_view label =
            bar == npos ? std::string_view() : utf8::trim(inner.substr(bar + 1));
        link.label = label.empty() ? target : label;
        link.begin = open;
        link.end = i + 2;
        out.push_back(link);
      }
      open = npos;
      ++i;  // skip the second ']'
    }
  }
}

std::vector<Link> parse_links(std::string_view text) {
  std::vector<LinkView> views;
  parse_links(text, views);
  std::vector<Link> links;
  links.reserve(views.size());
  for (const LinkView& view : views) {
    Link link;
    link.target = std::string(view.target);
    link.label = std::string(view.label);
    link.begin = view.begin;
    link.end = view.end;
    links.push_back(std::move(link));
  }
  return links;
}

void fold_name(std::string_view text, std::string& out) {
  const std::string_view trimmed = utf8::trim(text);
  out.clear();
  unsigned char high = 0;
  for (const char c : trimmed) high |= static_cast<unsigned char>(c);
  if (high < 0x80) {  // ASCII only: no decoding
    out.resize(trimmed.size());
    for (std::size_t i = 0; i < trimmed.size(); ++i) {
      const char c = trimmed[i];
      out[i] = (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 0x20) : c;
    }
    return;
  }
  out.reserve(trimmed.size());
  for (std::size_t i = 0; i < trimmed.size();) {
    const utf8::Decoded d = utf8::decode(trimmed, i);
    if (d.cp == utf8::kInvalid) {
      out += trimmed[i];  // not UTF-8: kept byte for byte, so distinct inputs stay distinct
    } else {
      utf8::encode(fold_code_point(d.cp), out);
    }
    i += d.len;
  }
}

std::string fold_name(std::string_view text) {
  std::string out;
  fold_name(text, out);
  return out;
}

const char* to_string(LinkField field) {
  switch (field) {
    case LinkField::Body: return "body";
    case LinkField::Otl: return "otl";
    case LinkField::Notes: return "notes";
    case LinkField::Description: return "description";
  }
  return "body";
}

// -- LinkResolver: interned strings in an open-addressing table, items and keys as indexes --

std::uint32_t LinkResolver::intern(std::string_view text) {
  const std::uint32_t id = strings_.intern(text);
  if (id >= meta_.size()) meta_.resize(id + 1);
  return id;
}

template <class Keys>
void LinkResolver::add_item(std::string_view id, const Keys& raw_keys) {
  remove_item(id);  // adding again replaces the item's keys
  const std::uint32_t item = intern(id);
  const auto keys_at = static_cast<std::uint32_t>(keys_pool_.size());
  for (const std::string_view raw : raw_keys) {
    fold_name(raw, scratch_);
    if (scratch_.empty()) continue;
    const std::uint32_t key = intern(scratch_);
    // remove_item left the item under no key, and a key is listed by putting the item first in its
    // list: the item is already under this key (a repeated key) exactly when it heads the list. A
    // walk of the list instead was quadratic for many items of one title.
    const std::uint32_t head = meta_[key].head;
    if (head != kNone && nodes_[head].item == item) continue;
    std::uint32_t node = free_node_;
    if (node != kNone) {
      free_node_ = nodes_[node].next;
    } else {
      node = static_cast<std::uint32_t>(nodes_.size());
      nodes_.push_back({});
    }
    nodes_[node] = {item, head};
    meta_[key].head = node;
    keys_pool_.push_back(key);
  }
  Meta& s = meta_[item];
  s.is_item = true;
  s.keys_at = keys_at;
  s.keys_count = static_cast<std::uint32_t>(keys_pool_.size() - keys_at);
  live_keys_ += s.keys_count;
}

void LinkResolver::compact_keys() {
  std::vector<std::uint32_t> pool;
  pool.reserve(live_keys_);
  for (Meta& s : meta_) {
    if (!s.is_item) continue;
    const auto at = static_cast<std::uint32_t>(pool.size());
    pool.insert(pool.end(), keys_pool_.begin() + s.keys_at, keys_pool_.begin() + s.keys_at + s.keys_count);
    s.keys_at = at;
  }
  keys_pool_ = std::move(pool);
}

LinkResolver::LinkResolver(const Document& doc) {
  std::size_t strings = 0, bytes = 0;
  for (const Entity& entity : doc.entities) {
    strings += 2 + entity.aliases.size();
    bytes += 2 * entity.id.size() + entity.name.size();
    for (const std::string& alias : entity.aliases) bytes += alias.size();
  }
  for (const Entry& entry : doc.entries) {
    strings += 2;
    bytes += 2 * entry.id.size() + entry.title.size();
  }
  strings_.reserve(strings, bytes);
  meta_.reserve(strings);
  keys_pool_.reserve(strings);
  nodes_.reserve(strings);
  for (const Entity& entity : doc.entities) add_entity(entity);
  for (const Entry& entry : doc.entries) add_entry(entry);
}

void names_of(std::string_view id, std::string_view title_or_name, const std::vector<std::string>& aliases,
              std::vector<std::string_view>& out) {
  out.clear();
  out.push_back(id);
  out.push_back(title_or_name);
  for (const std::string& alias : aliases) out.push_back(alias);
}

void names_of(const Entry& entry, std::vector<std::string_view>& out) {
  out.clear();
  out.push_back(entry.id);
  out.push_back(entry.title);
}

void names_of(const Entity& entity, std::vector<std::string_view>& out) {
  names_of(entity.id, entity.name, entity.aliases, out);
}

void LinkResolver::add_entry(const Entry& entry) {
  thread_local std::vector<std::string_view> names;  // reused: no allocation per item
  names_of(entry, names);
  add_item(entry.id, names);
}

void LinkResolver::add_entity(const Entity& entity) {
  thread_local std::vector<std::string_view> names;
  names_of(entity, names);
  add_item(entity.id, names);
}

void LinkResolver::remove_item(std::string_view id) {
  const std::uint32_t item = strings_.find(id);
  if (item == kNone || !meta_[item].is_item) return;
  Meta& s = meta_[item];
  for (std::uint32_t k = s.keys_at; k < s.keys_at + s.keys_count; ++k) {
    std::uint32_t* link = &meta_[keys_pool_[k]].head;
    while (*link != kNone) {
      const std::uint32_t node = *link;
      if (nodes_[node].item == item) {
        *link = nodes_[node].next;
        nodes_[node].next = free_node_;
        free_node_ = node;
      } else {
        link = &nodes_[node].next;
      }
    }
  }
  // The keys' range of the pool is garbage now; it is reclaimed when the pool is half garbage.
  live_keys_ -= s.keys_count;
  s.is_item = false;
  s.keys_count = 0;
  if (keys_pool_.size() > 64 && live_keys_ * 2 < keys_pool_.size()) compact_keys();
}

std::string LinkResolver::resolve_one(std::string_view target) const {
  thread_local std::string key;
  fold_name(target, key);
  const std::uint32_t found = strings_.find(key);
  if (found == kNone) return {};
  const std::uint32_t head = meta_[found].head;
  // An item is listed once under a key (add_item), so a second node is a second item.
  if (head == kNone || nodes_[head].next != kNone) return {};
  return std::string(strings_.str(nodes_[head].item));
}

std::vector<std::string> LinkResolver::resolve(std::string_view target) const {
  thread_local std::string key;  // reused: resolve() runs on several threads at once
  fold_name(target, key);
  const std::uint32_t found = strings_.find(key);
  if (found == kNone) return {};
  std::vector<std::string> ids;
  for (std::uint32_t n = meta_[found].head; n != kNone; n = nodes_[n].next) ids.emplace_back(strings_.str(nodes_[n].item));
  std::sort(ids.begin(), ids.end());
  ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
  return ids;
}

}  // namespace uch
