// Acknowledgement changes as sentences: see ack_sentences.hpp.
#include "ack_sentences.hpp"

#include <algorithm>
#include <utility>

#include <nlohmann/json.hpp>

#include "uchronia/check.hpp"

namespace uch::app {
namespace {

using Ack = std::pair<std::string, std::string>;  // rule, reason

/// The acknowledgements of a stored value; nullopt when it is not the JSON array we write.
std::optional<std::vector<Ack>> parse(const std::optional<std::string>& value) {
  std::vector<Ack> out;
  if (!value || value->empty()) return out;
  const auto json = nlohmann::json::parse(*value, nullptr, /*allow_exceptions=*/false);
  if (!json.is_array()) return std::nullopt;
  for (const auto& item : json) {
    if (!item.is_object() || !item.contains("rule") || !item["rule"].is_string()) return std::nullopt;
    const auto reason = item.find("reason");
    out.emplace_back(item["rule"].get<std::string>(),
                     reason != item.end() && reason->is_string() ? reason->get<std::string>() : std::string());
  }
  return out;
}

std::string sentence(const char* verb, const Ack& ack) {
  std::string text = std::string(verb) + " " + ack.first;
  const auto& rules = all_rules();
  const auto rule = std::find_if(rules.begin(), rules.end(), [&](const RuleInfo& r) { return ack.first == r.id; });
  if (rule != rules.end()) text += std::string(" (") + rule->summary + ")";
  if (!ack.second.empty()) text += ": \xE2\x80\x9C" + ack.second + "\xE2\x80\x9D";  // “reason”
  return text;
}

}  // namespace

std::vector<std::string> acknowledgement_sentences(const std::optional<std::string>& old_value,
                                                   const std::optional<std::string>& new_value) {
  const auto before = parse(old_value), after = parse(new_value);
  if (!before || !after) return {old_value.value_or("") + " \xE2\x86\x92 " + new_value.value_or("")};
  std::vector<std::string> out;
  for (const Ack& ack : *after)
    if (std::find(before->begin(), before->end(), ack) == before->end()) out.push_back(sentence("Accepted", ack));
  for (const Ack& ack : *before)
    if (std::find(after->begin(), after->end(), ack) == after->end()) out.push_back(sentence("No longer accepted:", ack));
  return out;
}

}  // namespace uch::app
