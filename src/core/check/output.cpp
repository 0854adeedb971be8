// Findings out: severity names, counts, spec section 6 JSON and compiler-style text.
#include <nlohmann/json.hpp>
#include <unordered_map>

#include "uchronia/check.hpp"

namespace uch {

const char* to_string(Severity severity) {
  switch (severity) {
    case Severity::Error:
      return "error";
    case Severity::Warning:
      return "warning";
    case Severity::Info:
      return "info";
  }
  return "info";
}

const std::string& subject_of(const Finding& finding) { return finding.entry.empty() ? finding.entity : finding.entry; }

CheckCounts count_findings(const std::vector<Finding>& findings) {
  CheckCounts counts;
  for (const Finding& finding : findings) {
    if (finding.acknowledged) continue;
    switch (finding.severity) {
      case Severity::Error:
        ++counts.error;
        break;
      case Severity::Warning:
        ++counts.warning;
        break;
      case Severity::Info:
        ++counts.info;
        break;
    }
  }
  return counts;
}

std::string findings_to_json(const std::vector<Finding>& findings, bool include_acknowledged) {
  using nlohmann::ordered_json;
  ordered_json list = ordered_json::array();
  for (const Finding& finding : findings) {
    if (finding.acknowledged && !include_acknowledged) continue;
    ordered_json item = ordered_json::object();
    item["rule"] = finding.rule;
    item["severity"] = to_string(finding.severity);
    item["entry"] = finding.entry.empty() ? ordered_json(nullptr) : ordered_json(finding.entry);
    item["entity"] = finding.entity.empty() ? ordered_json(nullptr) : ordered_json(finding.entity);
    item["message"] = finding.message;
    item["related"] = finding.related;
    item["acknowledged"] = finding.acknowledged;
    if (!finding.branches.empty()) item["branches"] = finding.branches;
    list.push_back(std::move(item));
  }
  const CheckCounts counts = count_findings(findings);
  ordered_json out = ordered_json::object();
  out["findings"] = std::move(list);
  out["counts"] = ordered_json{{"error", counts.error}, {"warning", counts.warning}, {"info", counts.info}};
  // UTF-8 is written as is; invalid bytes (never expected) are replaced rather than thrown on.
  return out.dump(2, ' ', false, ordered_json::error_handler_t::replace);
}

std::string findings_to_text(const std::vector<Finding>& findings, const Document& doc, const std::string& source,
                             bool include_acknowledged) {
  std::unordered_map<std::string_view, std::string_view> titles;  // only when there is a finding to title
  if (!findings.empty()) {
    for (const Entity& entity : doc.entities) titles.emplace(entity.id, entity.name);
    for (const Entry& entry : doc.entries) titles.emplace(entry.id, entry.title);
  }
  std::string out;
  int acknowledged = 0;
  for (const Finding& finding : findings) {
    if (finding.acknowledged) {
      ++acknowledged;
      if (!include_acknowledged) continue;
    }
    out += source;
    out += ": ";
    out += to_string(finding.severity);
    out += '[' + finding.rule + "] ";
    const std::string& subject = subject_of(finding);
    if (subject.empty()) {
      out += "(document)";
    } else {
      out += subject;
      auto it = titles.find(subject);
      if (it != titles.end() && !it->second.empty()) {
        out += " \"";
        out += it->second;
        out += '"';
      }
    }
    if (finding.acknowledged) out += " (acknowledged)";
    out += ": " + finding.message;
    if (!finding.branches.empty()) {
      out += " [in ";
      for (std::size_t i = 0; i < finding.branches.size(); ++i) out += (i ? ", " : "") + finding.branches[i];
      out += ']';
    }
    out += '\n';
  }
  const CheckCounts counts = count_findings(findings);
  out += std::to_string(counts.error) + (counts.error == 1 ? " error, " : " errors, ");
  out += std::to_string(counts.warning) + (counts.warning == 1 ? " warning, " : " warnings, ");
  out += std::to_string(counts.info) + " info";
  if (acknowledged > 0)
    out += " (" + std::to_string(acknowledged) + " acknowledged" + (include_acknowledged ? ")" : " not shown)");
  out += '\n';
  return out;
}

}  // namespace uch
