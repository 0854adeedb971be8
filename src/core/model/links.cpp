// [[links]]: parsing them out of text, folding names for matching, resolving targets (spec section 3).
#include "uchronia/links.hpp"

#include <algorithm>

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

std::vector<Link> parse_links(std::string_view text) {
  std::vector<Link> links;
  constexpr std::size_t npos = std::string_view::npos;
  std::size_t open = npos;  // offset of the innermost pending "[["
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (is_newline(c)) {
      open = npos;  // a link never spans lines
    } else if (c == '[' && i + 1 < text.size() && text[i + 1] == '[') {
      open = i;     // "[[[x]]" links "x": the last "[[" wins
    } else if (c == ']' && i + 1 < text.size() && text[i + 1] == ']' && open != npos) {
      const std::string_view inner = text.substr(open + 2, i - open - 2);
      const std::size_t bar = inner.find('|');
      const std::string_view target = utf8::trim(inner.substr(0, bar));
      if (!target.empty()) {
        Link link;
        link.target = std::string(target);
        const std::string_view label =
            bar == npos ? std::string_view() : utf8::trim(inner.substr(bar + 1));
        link.label = label.empty() ? link.target : std::string(label);
        link.begin = open;
        link.end = i + 2;
        links.push_back(std::move(link));
      }
      open = npos;
      ++i;  // skip the second ']'
    }
  }
  return links;
}

std::string fold_name(std::string_view text) {
  const std::string_view trimmed = utf8::trim(text);
  std::string out;
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

LinkResolver::LinkResolver(const Document& doc) {
  for (const Entity& entity : doc.entities) add_entity(entity);
  for (const Entry& entry : doc.entries) add_entry(entry);
}

namespace {

void add_key(std::unordered_map<std::string, std::vector<std::string>>& by_key,
             std::vector<std::string>& keys, const std::string& id, std::string_view raw) {
  std::string key = fold_name(raw);
  if (key.empty() || std::find(keys.begin(), keys.end(), key) != keys.end()) return;
  std::vector<std::string>& ids = by_key[key];
  if (std::find(ids.begin(), ids.end(), id) == ids.end()) ids.push_back(id);
  keys.push_back(std::move(key));
}

}  // namespace

void LinkResolver::add_entry(const Entry& entry) {
  remove_item(entry.id);  // adding again replaces the item's keys
  std::vector<std::string>& keys = keys_of_[entry.id];
  add_key(by_key_, keys, entry.id, entry.id);
  add_key(by_key_, keys, entry.id, entry.title);
}

void LinkResolver::add_entity(const Entity& entity) {
  remove_item(entity.id);
  std::vector<std::string>& keys = keys_of_[entity.id];
  add_key(by_key_, keys, entity.id, entity.id);
  add_key(by_key_, keys, entity.id, entity.name);
  for (const std::string& alias : entity.aliases) add_key(by_key_, keys, entity.id, alias);
}

void LinkResolver::remove_item(std::string_view id) {
  const auto found = keys_of_.find(std::string(id));
  if (found == keys_of_.end()) return;
  for (const std::string& key : found->second) {
    const auto ids = by_key_.find(key);
    if (ids == by_key_.end()) continue;
    std::erase(ids->second, found->first);
    if (ids->second.empty()) by_key_.erase(ids);
  }
  keys_of_.erase(found);
}

std::vector<std::string> LinkResolver::resolve(std::string_view target) const {
  const auto found = by_key_.find(fold_name(target));
  if (found == by_key_.end()) return {};
  std::vector<std::string> ids = found->second;
  std::sort(ids.begin(), ids.end());
  ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
  return ids;
}

}  // namespace uch
