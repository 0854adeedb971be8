// Which entries an export keeps (--tags, --from/--to, --no-otl), in export order.
#include <algorithm>
#include <unordered_set>

#include "publish/publish_internal.hpp"
#include "uchronia/date.hpp"
#include "uchronia/links.hpp"

namespace uch {

namespace {

DateInfo parse_bound(const std::string& text, const char* flag) {
  const DateInfo info = parse_edtf(publish_detail::trim(text));
  if (!info.valid) {
    throw Error(std::string(flag) + " " + text + ": not a valid EDTF date" +
                (info.error.empty() ? std::string() : " (" + info.error + ")"));
  }
  return info;
}

}  // namespace

Document filter_for_export(const Document& doc, const ExportOptions& options) {
  const bool has_from = !publish_detail::trim(options.from).empty();
  const bool has_to = !publish_detail::trim(options.to).empty();
  const DateInfo from = has_from ? parse_bound(options.from, "--from") : DateInfo{};
  const DateInfo to = has_to ? parse_bound(options.to, "--to") : DateInfo{};
  std::vector<std::string> wanted;
  for (const std::string& tag : options.tags) {
    const std::string folded = fold_name(tag);
    if (!folded.empty()) wanted.push_back(folded);
  }

  Document out;
  out.title = doc.title;
  out.description = doc.description;
  out.entities = doc.entities;
  out.extra = doc.extra;
  std::unordered_set<std::string> kept;
  for (const Entry& entry : doc.entries) {
    if (!wanted.empty()) {
      const bool any = std::any_of(entry.tags.begin(), entry.tags.end(), [&](const std::string& tag) {
        return std::find(wanted.begin(), wanted.end(), fold_name(tag)) != wanted.end();
      });
      if (!any) continue;
    }
    if (has_from || has_to) {
      // An entry without a valid date cannot be placed in the range: it is left out.
      if (entry.date.empty()) continue;
      const DateInfo info = parse_edtf(entry.date, entry.calendar);
      if (!info.valid) continue;
      if (has_from && certainly_before(info, from)) continue;
      if (has_to && certainly_after(info, to)) continue;
    }
    Entry copy = entry;
    if (!options.include_otl) copy.otl.clear();
    kept.insert(copy.id);
    out.entries.push_back(std::move(copy));
  }
  for (const Relation& r : doc.relations) {
    if (kept.count(r.from) && kept.count(r.to)) out.relations.push_back(r);
  }
  sort_for_export(out);
  return out;
}

}  // namespace uch
