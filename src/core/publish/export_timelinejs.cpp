// TimelineJS3 export: a title slide and one event per dated entry, dates as precise as written, text as safe HTML.
//
// TimelineJS counts years historically: its year -480 is shown as "480 BCE" (it prints the
// absolute value with a BCE suffix and has no year 0), so an EDTF (astronomical) year y <= 0
// is written as y - 1: "-0479" (480 BC) -> -480, "0000" (1 BC) -> -1.
//
// TimelineJS 3.9 reduces `display_date` and `group` to their text content (an HTML parse, so
// entities are decoded once) and then inserts that text with innerHTML: a group written
// "&lt;img src=x&gt;" becomes a real <img> (the harness saw its request). Those two fields are
// therefore escaped twice; headline and text are HTML (escaped once, sanitized by TimelineJS too).
#include <nlohmann/json.hpp>

#include <cstdlib>

#include "publish/publish_internal.hpp"
#include "uchronia/date.hpp"

namespace uch {

using namespace publish_detail;
using Json = nlohmann::ordered_json;

namespace {

// Years a JavaScript Date can hold; beyond them TimelineJS needs its "cosmological" scale.
constexpr std::int64_t kJsMinYear = -271820;
constexpr std::int64_t kJsMaxYear = 275759;

std::int64_t timelinejs_year(std::int64_t astronomical) { return astronomical <= 0 ? astronomical - 1 : astronomical; }

struct TlDate {
  std::int64_t year = 0;
  int month = 0, day = 0, hour = -1, minute = -1, second = -1;
  bool operator==(const TlDate&) const = default;
  Json json() const {
    Json j;
    j["year"] = year;
    if (month) j["month"] = month;
    if (day) j["day"] = day;
    if (hour >= 0) j["hour"] = hour;
    if (minute >= 0) j["minute"] = minute;
    if (second >= 0) j["second"] = second;
    return j;
  }
};

/// "…THH:MM[:SS]…" -> hour/minute/second, when the part carries a time of day.
void read_time(std::string_view part, TlDate& d) {
  const std::size_t t = part.find('T');
  if (t == std::string_view::npos) return;
  const auto two = [&](std::size_t at, int max) -> int {
    if (at + 2 > part.size() || part[at] < '0' || part[at] > '9' || part[at + 1] < '0' || part[at + 1] > '9') return -1;
    const int v = (part[at] - '0') * 10 + (part[at + 1] - '0');
    return v <= max ? v : -1;
  };
  const int h = two(t + 1, 23);
  if (h < 0) return;
  d.hour = h;
  if (t + 3 < part.size() && part[t + 3] == ':') {
    const int m = two(t + 4, 59);
    if (m >= 0) {
      d.minute = m;
      if (t + 6 < part.size() && part[t + 6] == ':') {
        const int s = two(t + 7, 60);
        if (s >= 0) d.second = s > 59 ? 59 : s;
      }
    }
  }
}

/// One end of a date as TimelineJS reads it: the first (or last) day of `part`, truncated to its
/// precision. Coarse Julian dates keep their written year/month; Julian days are converted.
std::optional<TlDate> tl_date(std::string_view part, Calendar calendar, bool last_day) {
  const DateInfo info = parse_edtf(part, calendar);
  if (!info.valid || (last_day ? info.upper_unbounded : info.lower_unbounded)) return std::nullopt;
  const DayNumber day = last_day ? info.upper : info.lower;
  const bool precise_day = info.precision == Precision::Day;
  const CivilDate c = (calendar == Calendar::Julian && !precise_day) ? julian_from_days(day) : civil_from_days(day);
  TlDate d;
  d.year = timelinejs_year(c.year);
  switch (info.precision) {
    case Precision::Day:
      d.month = c.month;
      d.day = c.day;
      if (!last_day) read_time(part, d);
      break;
    case Precision::Month:
    case Precision::Season:
      d.month = c.month;
      break;
    default:
      break;
  }
  return d;
}

struct Span {
  TlDate start;
  std::optional<TlDate> end;
};

std::optional<Span> tl_span(const std::string& date, Calendar calendar) {
  const DateInfo whole = parse_edtf(date, calendar);
  if (!whole.valid || (whole.lower_unbounded && whole.upper_unbounded)) return std::nullopt;
  const std::size_t slash = date.find('/');
  std::string_view first = date, second = date;
  if (slash != std::string::npos) {
    first = std::string_view(date).substr(0, slash);
    second = std::string_view(date).substr(slash + 1);
  }
  Span span;
  if (slash != std::string::npos && (first.empty() || first == "..")) {
    // "../1985", "/1985": placed at the known end, shown as "until 1985".
    const auto s = tl_date(second, calendar, false);
    if (!s) return std::nullopt;
    span.start = *s;
    span.end = tl_date(second, calendar, true);
  } else {
    const auto s = tl_date(first, calendar, false);
    if (!s) return std::nullopt;
    span.start = *s;
    if (slash == std::string::npos || !(second.empty() || second == "..")) span.end = tl_date(second, calendar, true);
  }
  if (span.end) {
    // The end keeps no time of day; an end on the start's own day (or month, year) is left out:
    // TimelineJS drops it anyway.
    span.end->hour = span.end->minute = span.end->second = -1;
    TlDate start_day = span.start;
    start_day.hour = start_day.minute = start_day.second = -1;
    if (*span.end == start_day) span.end.reset();
  }
  return span;
}

std::string fragment_html(FragmentRenderer& fragments, const std::string& markdown, const std::string& entry_id) {
  if (trim(markdown).empty()) return {};
  NodePtr tree = fragments.transform(markdown, entry_id);
  images_to_links(tree.get());
  return render_html_safe(tree.get());
}

std::string otl_html(FragmentRenderer& fragments, const std::string& otl, const std::string& entry_id) {
  const std::string block = otl_block(fragments.render(otl, entry_id));
  if (block.empty()) return {};
  NodePtr tree = parse_markdown(block);
  images_to_links(tree.get());
  return render_html_safe(tree.get());
}

/// Plain text for a field TimelineJS decodes once before inserting it as HTML.
std::string text_field(std::string_view text) { return html_escape(html_escape(text)); }

std::string strip_newlines_at_end(std::string s) {
  while (!s.empty() && s.back() == '\n') s.pop_back();
  return s;
}

}  // namespace

TimelineJsResult export_timelinejs(const Document& source, const ExportOptions& options) {
  const Document doc = filter_for_export(source, options);
  FragmentRenderer fragments(doc, LinkStyle::Plain, false);
  TimelineJsResult result;
  std::optional<EntityKind> group_kind;
  if (!options.group_entity_kind.empty()) group_kind = entity_kind_from_string(options.group_entity_kind);

  Json root = Json::object();
  const std::string title = trim(doc.title);
  const std::string description = strip_newlines_at_end(fragment_html(fragments, doc.description, ""));
  if (!title.empty() || !description.empty()) {
    Json text;
    text["headline"] = html_escape(title);
    if (!description.empty()) text["text"] = description;
    root["title"]["text"] = text;
  }

  bool cosmological = false;
  Json events = Json::array();
  for (const Entry& entry : doc.entries) {
    if (trim(entry.date).empty()) {
      ++result.skipped_undated;
      continue;
    }
    const std::optional<Span> span = tl_span(entry.date, entry.calendar);
    if (!span) {
      ++result.skipped_invalid;
      continue;
    }
    for (const TlDate* d : {&span->start, span->end ? &*span->end : nullptr}) {
      if (d && (d->year < kJsMinYear || d->year > kJsMaxYear)) cosmological = true;
    }
    Json ev;
    ev["start_date"] = span->start.json();
    if (span->end) ev["end_date"] = span->end->json();
    ev["display_date"] = text_field(trim(format_human(entry.date, entry.calendar)));
    Json text;
    text["headline"] = html_escape(trim(entry.title));
    const std::string html = fragment_html(fragments, entry.body, entry.id) + otl_html(fragments, entry.otl, entry.id);
    text["text"] = strip_newlines_at_end(html);
    ev["text"] = text;
    std::string group;
    if (!options.group_tag_prefix.empty()) {
      for (const std::string& tag : entry.tags) {
        if (!tag.starts_with(options.group_tag_prefix)) continue;
        group = trim(tag.substr(options.group_tag_prefix.size()));
        if (group.empty()) group = tag;
        break;
      }
    }
    if (group.empty() && group_kind) {
      const Entity* e = fragments.first_linked_entity(entry.body, *group_kind);
      if (e) group = trim(e->name);
    }
    if (!group.empty()) ev["group"] = text_field(group);
    ev["unique_id"] = entry.id;
    events.push_back(std::move(ev));
  }
  root["events"] = std::move(events);
  if (cosmological) root["scale"] = "cosmological";
  result.json = root.dump(2, ' ', false, Json::error_handler_t::replace) + "\n";
  return result;
}

}  // namespace uch
