// The branch fields in and out of the store's `extra` columns (see branch_json.hpp).
#include <nlohmann/json.hpp>

#include "model/branch_json.hpp"
#include "uchronia/interchange.hpp"

namespace uch::detail {

namespace {

using json = nlohmann::json;

json parse_object(const ExtraFields& extra) {
  if (extra.empty()) return json::object();
  json parsed = json::parse(extra, nullptr, false);
  return parsed.is_object() ? parsed : json();
}

ExtraFields dump(const json& object) {
  if (object.empty()) return {};
  return object.dump(-1, ' ', false, json::error_handler_t::replace);
}

/// Quick test before any parse: nearly every item has no branch field.
bool mentions(const ExtraFields& extra, std::string_view key) {
  return extra.find(std::string("\"") + std::string(key) + "\"") != std::string::npos;
}

}  // namespace

ExtraFields entry_extra_stored(const Entry& e) {
  if (e.branch.empty()) return e.extra;
  json extra = parse_object(e.extra);
  if (!extra.is_object()) return e.extra;  // not from import (it never makes one): keep as is
  extra["branch"] = e.branch;
  return dump(extra);
}

void take_branch_fields(Entry& e) {
  if (!mentions(e.extra, "branch")) return;
  json extra = parse_object(e.extra);
  if (!extra.is_object()) return;
  const auto it = extra.find("branch");
  if (it == extra.end() || !it->is_string() || !is_valid_id(it->get_ref<const std::string&>())) return;
  e.branch = it->get<std::string>();
  extra.erase(it);
  e.extra = dump(extra);
}

ExtraFields entity_extra_stored(const Entity& e) {
  if (e.in_branches.empty()) return e.extra;
  json extra = parse_object(e.extra);
  if (!extra.is_object()) return e.extra;
  extra["in_branches"] = overrides_to_json(e.in_branches);
  return dump(extra);
}

void take_branch_fields(Entity& e) {
  if (!mentions(e.extra, "in_branches")) return;
  json extra = parse_object(e.extra);
  if (!extra.is_object()) return;
  const auto it = extra.find("in_branches");
  if (it == extra.end()) return;
  try {
    e.in_branches = overrides_from_json(*it, "in_branches");
  } catch (const ImportError&) {
    return;
  }
  extra.erase(it);
  e.extra = dump(extra);
}

void take_branch_fields(Document& doc) {
  if (!mentions(doc.extra, "branches") && !mentions(doc.extra, "main_branch")) return;
  json extra = parse_object(doc.extra);
  if (!extra.is_object()) return;
  if (const auto it = extra.find("branches"); it != extra.end()) {
    try {
      doc.branches = branches_from_json(*it, "branches");
      extra.erase(it);
    } catch (const ImportError&) {
    }
  }
  if (const auto it = extra.find("main_branch"); it != extra.end() && it->is_string() &&
                                                 is_valid_id(it->get_ref<const std::string&>())) {
    doc.main_branch = it->get<std::string>();
    extra.erase(it);
  }
  doc.extra = dump(extra);
}

}  // namespace uch::detail
