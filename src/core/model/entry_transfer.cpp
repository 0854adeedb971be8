// Entries moved between documents or within one: see entry_transfer.hpp.
#include "uchronia/entry_transfer.hpp"

#include <algorithm>

#include <nlohmann/json.hpp>

#include "uchronia/interchange.hpp"

namespace uch {
namespace {

constexpr std::size_t kMaxIdLength = 128;

std::string_view trimmed(std::string_view s) {
  const auto first = s.find_first_not_of(" \t");
  if (first == std::string_view::npos) return {};
  return s.substr(first, s.find_last_not_of(" \t") - first + 1);
}

/// `base` + `suffix`, the base cut so the whole fits in an id.
std::string with_suffix(std::string_view base, const std::string& suffix) {
  return std::string(base.substr(0, std::min(base.size(), kMaxIdLength - suffix.size()))) + suffix;
}

}  // namespace

std::string unique_item_id(std::string_view wanted, const std::function<bool(const std::string&)>& taken) {
  const std::string_view base = is_valid_id(wanted) ? wanted : std::string_view("entry");
  if (!taken(std::string(base))) return std::string(base);
  for (std::size_t n = 1;; ++n) {
    std::string id = with_suffix(base, n == 1 ? "-copy" : "-copy-" + std::to_string(n));
    if (!taken(id)) return id;
  }
}

std::string entries_to_interchange_json(const std::vector<Entry>& entries) {
  Document doc;
  doc.entries = entries;
  return write_interchange_json(doc);
}

std::vector<Entry> entries_from_interchange_json(std::string_view text) {
  // One entry object (no "format"): read as the only entry of a document, so it is validated alike.
  const nlohmann::json parsed = nlohmann::json::parse(text.begin(), text.end(), nullptr, /*allow_exceptions=*/false);
  Document doc;
  if (parsed.is_object() && !parsed.contains("format") && parsed.contains("title")) {
    nlohmann::json wrapped = {{"format", kInterchangeFormat}, {"version", kInterchangeVersion}};
    wrapped["entries"] = nlohmann::json::array({parsed});
    doc = read_interchange_json(wrapped.dump());
  } else {
    doc = read_interchange_json(text);   // says what is wrong and where, a syntax error included
  }
  if (doc.entries.empty()) throw ImportError("entries: the JSON holds no entry");
  return std::move(doc.entries);
}

bool add_tag(Entry& entry, std::string_view tag) {
  tag = trimmed(tag);
  if (tag.empty() || std::find(entry.tags.begin(), entry.tags.end(), tag) != entry.tags.end()) return false;
  entry.tags.emplace_back(tag);
  return true;
}

bool remove_tag(Entry& entry, std::string_view tag) {
  tag = trimmed(tag);
  const auto it = std::find(entry.tags.begin(), entry.tags.end(), tag);
  if (tag.empty() || it == entry.tags.end()) return false;
  entry.tags.erase(it);
  return true;
}

}  // namespace uch
