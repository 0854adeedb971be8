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

bool keeps_every_entry(const ExportOptions& options) {
  if (!options.include_otl || !publish_detail::trim(options.from).empty() || !publish_detail::trim(options.to).empty())
    return false;
  return std::none_of(options.tags.begin(), options.tags.end(), [](const std::string& tag) { return !fold_name(tag).empty(); });
}

namespace publish_detail {

ExportView::ExportView(const Document& source, const ExportOptions& options) {
  if (keeps_every_entry(options)) {
    // Every entry is kept: sort a skeleton (id, date, calendar) the way filter_for_export does and
    // map it back by id, instead of copying every text.
    Document skeleton;
    skeleton.entries.reserve(source.entries.size());
    std::unordered_map<std::string_view, const Entry*> by_id;
    by_id.reserve(source.entries.size());
    for (const Entry& e : source.entries) {
      Entry& key = skeleton.entries.emplace_back();
      key.id = e.id;
      key.date = e.date;
      key.calendar = e.calendar;
      by_id.emplace(e.id, &e);
    }
    if (by_id.size() == source.entries.size()) {  // ids are unique in a valid document
      sort_for_export(skeleton);
      entries_.reserve(skeleton.entries.size());
      for (const Entry& e : skeleton.entries) entries_.push_back(by_id.at(e.id));
      doc_ = &source;
      return;
    }
  }
  filtered_ = filter_for_export(source, options);
  doc_ = &*filtered_;
  entries_.reserve(filtered_->entries.size());
  for (const Entry& e : filtered_->entries) entries_.push_back(&e);
}

}  // namespace publish_detail

}  // namespace uch
