// The timeline chart as SVG: the document's entries in lanes, laid out by layout_timeline (the same
// layout the editor draws), with an axis and a legend. Every text is real <text>, XML-escaped.
#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <map>
#include <unordered_map>

#include "uchronia/chart.hpp"
#include "uchronia/links.hpp"
#include "uchronia/timeline_axis.hpp"

namespace uch {
namespace {

constexpr const char* kDivergenceTag = "divergence";
constexpr float kMargin = 16, kFontPx = 12, kRowH = 18, kAxisH = 26, kHeaderH = 40, kDensityH = 44;
constexpr const char* kFont = "DejaVu Sans, Noto Sans, Noto Sans CJK SC, sans-serif";
constexpr std::size_t kMaxLanes = 12;

bool is_divergence(const std::string& tag) {
  if (tag.size() != 10) return false;
  for (std::size_t i = 0; i < tag.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(tag[i])) != kDivergenceTag[i]) return false;
  return true;
}

/// Lane colours for print (white paper): twelve hues, darker than the editor's.
std::string lane_color(std::size_t i) {
  static const float hues[] = {0.58f, 0.08f, 0.33f, 0.78f, 0.14f, 0.48f, 0.92f, 0.25f, 0.66f, 0.02f, 0.40f, 0.85f};
  const float h = hues[i % 12] * 6.0f, s = 0.65f, v = 0.72f;
  const int sector = static_cast<int>(h) % 6;
  const float f = h - std::floor(h), p = v * (1 - s), q = v * (1 - s * f), t = v * (1 - s * (1 - f));
  float r = v, g = t, b = p;
  switch (sector) {
    case 1: r = q, g = v, b = p; break;
    case 2: r = p, g = v, b = t; break;
    case 3: r = p, g = q, b = v; break;
    case 4: r = t, g = p, b = v; break;
    case 5: r = v, g = p, b = q; break;
    default: break;
  }
  char buf[16];
  std::snprintf(buf, sizeof buf, "#%02x%02x%02x", static_cast<int>(r * 255), static_cast<int>(g * 255), static_cast<int>(b * 255));
  return buf;
}
constexpr const char* kDivergenceColor = "#d23c32";

class SvgOut {
 public:
  std::string s;
  SvgOut& operator<<(std::string_view t) { s.append(t); return *this; }
  SvgOut& operator<<(float v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.1f", static_cast<double>(v));
    s.append(buf);
    return *this;
  }
  SvgOut& operator<<(int v) { s.append(std::to_string(v)); return *this; }
  SvgOut& operator<<(std::size_t v) { s.append(std::to_string(v)); return *this; }
};

/// One mark, as in the editor: a dot (hollow when approximate, dashed when uncertain, a white core
/// for Old Style, a diamond for the point of divergence) or a bar (faded ends when fuzzy or open).
void write_mark(SvgOut& o, std::uint8_t flags, float x, float x1, float cy, std::size_t lane) {
  const std::string c = (flags & kTimelineDivergence) ? kDivergenceColor : lane_color(lane);
  const bool fuzzy = flags & (kTimelineUncertain | kTimelineApproximate);
  const char* dash = (flags & kTimelineUncertain) ? " stroke-dasharray=\"3 2\"" : "";
  if (flags & kTimelineInterval) {
    const float bh = 5, w = std::max(x1 - x, 2.0f);
    const float fade = fuzzy ? std::min(14.0f, w * 0.3f) : 0.0f;
    const float fl = (flags & kTimelineOpenLow) ? std::min(40.0f, w * 0.5f) : fade;
    const float fr = (flags & kTimelineOpenHigh) ? std::min(40.0f, w * 0.5f) : fade;
    if (fl > 0) o << "<rect x=\"" << x << "\" y=\"" << cy - bh << "\" width=\"" << fl << "\" height=\"" << bh * 2 << "\" fill=\"url(#in" << lane % 12 << ")\"/>";
    o << "<rect x=\"" << x + fl << "\" y=\"" << cy - bh << "\" width=\"" << std::max(w - fl - fr, 0.0f) << "\" height=\"" << bh * 2
      << "\" fill=\"" << c << "\" fill-opacity=\"0.45\"/>";
    if (fr > 0) o << "<rect x=\"" << x + w - fr << "\" y=\"" << cy - bh << "\" width=\"" << fr << "\" height=\"" << bh * 2 << "\" fill=\"url(#out" << lane % 12 << ")\"/>";
    if (fl == 0) o << "<line x1=\"" << x << "\" y1=\"" << cy - bh << "\" x2=\"" << x << "\" y2=\"" << cy + bh << "\" stroke=\"" << c << "\" stroke-width=\"2\"/>";
    if (fr == 0) o << "<line x1=\"" << x + w << "\" y1=\"" << cy - bh << "\" x2=\"" << x + w << "\" y2=\"" << cy + bh << "\" stroke=\"" << c << "\" stroke-width=\"2\"/>";
    if (flags & kTimelineUncertain)
      o << "<rect x=\"" << x << "\" y=\"" << cy - bh << "\" width=\"" << w << "\" height=\"" << bh * 2 << "\" fill=\"none\" stroke=\"" << c << "\"" << dash << "/>";
    if (flags & kTimelineOldStyle)
      o << "<line x1=\"" << x << "\" y1=\"" << cy - bh - 2 << "\" x2=\"" << x + w << "\" y2=\"" << cy - bh - 2 << "\" stroke=\"" << c << "\" stroke-dasharray=\"1 2\"/>";
    return;
  }
  const float r = 5;
  if (flags & kTimelineDivergence) {
    o << "<path d=\"M" << x << " " << cy - r - 2 << "L" << x + r + 2 << " " << cy << "L" << x << " " << cy + r + 2 << "L" << x - r - 2 << " " << cy
      << "Z\" fill=\"" << c << "\"/>";
  } else if (fuzzy) {
    o << "<circle cx=\"" << x << "\" cy=\"" << cy << "\" r=\"" << r + 3 << "\" fill=\"" << c << "\" fill-opacity=\"0.2\"/>";
    o << "<circle cx=\"" << x << "\" cy=\"" << cy << "\" r=\"" << r - 0.5f << "\" fill=\"#ffffff\" stroke=\"" << c << "\" stroke-width=\"1.5\"" << dash << "/>";
  } else {
    o << "<circle cx=\"" << x << "\" cy=\"" << cy << "\" r=\"" << r << "\" fill=\"" << c << "\"/>";
  }
  if (flags & kTimelineOldStyle) o << "<circle cx=\"" << x << "\" cy=\"" << cy << "\" r=\"1.8\" fill=\"#ffffff\" stroke=\"" << c << "\" stroke-width=\"0.8\"/>";
}

void write_text(SvgOut& o, float x, float y, std::string_view text, const char* extra = "") {
  o << "<text x=\"" << x << "\" y=\"" << y << "\"" << extra << ">" << xml_escape(text) << "</text>";
}

}  // namespace

DocumentTimeline timeline_of_document(const Document& doc, LaneBy by, std::size_t max_lanes) {
  DocumentTimeline out;
  std::vector<TimelineItem> items;
  for (const Entry& e : doc.entries) {
    if (e.date.empty()) continue;
    const DateInfo info = parse_edtf(e.date, e.calendar);
    if (!info.valid) continue;
    std::uint8_t flags = timeline_date_flags(e.date, e.calendar);
    if (std::any_of(e.tags.begin(), e.tags.end(), is_divergence)) flags |= kTimelineDivergence;
    auto it = timeline_item(info.lower, info.upper, flags, static_cast<std::uint32_t>(out.entries.size()));
    if (!it) continue;
    out.entries.push_back(&e);
    items.push_back(*it);
  }
  std::vector<TimelineLaneGroup> groups;
  std::unordered_map<std::string, std::size_t> group_of;
  auto add = [&](const std::string& key, const std::string& name, std::uint32_t k) {
    auto [pos, fresh] = group_of.emplace(key, groups.size());
    if (fresh) groups.push_back({key, name, {}});
    auto& m = groups[pos->second].members;
    if (m.empty() || m.back() != k) m.push_back(k);
  };
  std::string rest = "all entries";
  if (by == LaneBy::Tag) {
    rest = "other tags / untagged";
    for (std::uint32_t k = 0; k < items.size(); ++k)
      for (const auto& t : out.entries[k]->tags)
        if (!is_divergence(t)) add(t, t, k);   // the point of divergence is a line across every lane
  } else if (by == LaneBy::Series) {
    rest = "no series";
    for (std::uint32_t k = 0; k < items.size(); ++k)
      if (const auto& s = out.entries[k]->series) add(s->name, s->name, k);
  } else if (by == LaneBy::Entity) {
    rest = "no entity";
    const LinkResolver resolver(doc);
    std::unordered_map<std::string, const Entity*> entity;
    for (const Entity& e : doc.entities) entity.emplace(e.id, &e);
    std::vector<LinkView> links;
    for (std::uint32_t k = 0; k < items.size(); ++k) {
      links.clear();
      parse_links(out.entries[k]->body, links);
      for (const LinkView& l : links) {
        auto f = entity.find(resolver.resolve_one(l.target));
        if (f != entity.end()) add(f->first, f->second->name, k);
      }
    }
    for (auto& g : groups) {   // one membership per entry, however often its body names the entity
      std::sort(g.members.begin(), g.members.end());
      g.members.erase(std::unique(g.members.begin(), g.members.end()), g.members.end());
    }
  }
  // LaneBy::Branch: branches come with issue 18; until then one lane, as LaneBy::None
  out.timeline = Timeline(std::move(items), std::move(groups), max_lanes, rest);
  return out;
}

std::string export_svg(const Document& source, const ExportOptions& options) {
  Document filtered;
  const bool whole = keeps_every_entry(options);
  if (!whole) filtered = filter_for_export(source, options);
  const Document& doc = whole ? source : filtered;
  const DocumentTimeline dt = timeline_of_document(doc, options.lanes, kMaxLanes);
  const Timeline& tl = dt.timeline;

  const float width = static_cast<float>(std::clamp(options.width, 320, 20000));
  TimelineView view;
  view.width_px = width - 2 * kMargin;
  view.preferred_rows = 6;
  view.max_label_px = 240;
  double lo = tl.empty() ? static_cast<double>(days_from_civil(1900, 1, 1)) : tl.extent_lo();
  double hi = tl.empty() ? static_cast<double>(days_from_civil(2000, 1, 1)) : tl.extent_hi();
  const double pad = std::max((hi - lo) * 0.03, 30.0);
  lo -= pad, hi += pad;
  if (!options.from.empty()) if (DateInfo f = parse_edtf(options.from); f.valid && !f.lower_unbounded) lo = static_cast<double>(f.lower);
  if (!options.to.empty()) if (DateInfo t = parse_edtf(options.to); t.valid && !t.upper_unbounded) hi = static_cast<double>(t.upper) + 1;
  if (!(hi > lo)) hi = lo + 30;
  view.lo = lo, view.hi = hi;
  const MeasureText measure = [](std::string_view t) { return chart_text_width(t, kFontPx); };
  const TitleOf title_of = [&](std::uint32_t s) { return std::string_view(dt.entries[s]->title); };
  const TimelineLayout layout = layout_timeline(tl, view, title_of, measure);
  const auto px = [&](double day) { return kMargin + static_cast<float>((day - lo) / (hi - lo) * view.width_px); };

  // heights first: lanes as tall as their rows
  std::vector<float> lane_h;
  float lanes_total = 0;
  for (const auto& l : layout.lanes) {
    lane_h.push_back(l.density ? kDensityH : 8 + kRowH * static_cast<float>(std::max(l.rows, 2)));
    lanes_total += lane_h.back();
  }
  const auto& legend = timeline_legend();
  float legend_rows = 1, lx = kMargin;
  for (const auto& item : legend) {
    const float w = 40 + chart_text_width(item.text, kFontPx) + 24;
    if (lx + w > width - kMargin && lx > kMargin) legend_rows += 1, lx = kMargin;
    lx += w;
  }
  const float lanes_top = kHeaderH + kAxisH, legend_top = lanes_top + lanes_total + 14;
  const float height = legend_top + 22 + legend_rows * kRowH + 8;

  SvgOut o;
  o.s.reserve(1 << 16);
  o << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" << width << "\" height=\"" << height
    << "\" viewBox=\"0 0 " << width << " " << height << "\" font-family=\"" << kFont << "\" font-size=\"" << kFontPx << "\">\n";
  o << "<title>" << xml_escape(doc.title.empty() ? "Timeline" : doc.title) << "</title>\n<defs>";
  for (std::size_t i = 0; i < 12; ++i) {
    const std::string c = lane_color(i);
    o << "<linearGradient id=\"in" << i << "\"><stop offset=\"0\" stop-color=\"" << c << "\" stop-opacity=\"0\"/><stop offset=\"1\" stop-color=\"" << c
      << "\" stop-opacity=\"0.45\"/></linearGradient>";
    o << "<linearGradient id=\"out" << i << "\"><stop offset=\"0\" stop-color=\"" << c << "\" stop-opacity=\"0.45\"/><stop offset=\"1\" stop-color=\"" << c
      << "\" stop-opacity=\"0\"/></linearGradient>";
  }
  o << "</defs>\n<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n";
  write_text(o, kMargin, 24, doc.title.empty() ? "Timeline" : doc.title, " font-size=\"16\" font-weight=\"bold\" fill=\"#202020\"");
  const double span = hi - lo;
  write_text(o, width - kMargin, 24, axis_label_for_day(lo, span) + " \xE2\x80\x93 " + axis_label_for_day(hi, span),
             " text-anchor=\"end\" fill=\"#606060\"");
  o << "\n";

  // axis
  const float axis_y = kHeaderH + kAxisH - 4, bottom = lanes_top + lanes_total;
  o << "<g class=\"axis\" fill=\"#404040\">";
  for (const AxisTick& t : axis_ticks(lo, hi, view.width_px, kFontPx * 6)) {
    const float x = px(t.day);
    o << "<line x1=\"" << x << "\" y1=\"" << axis_y - (t.major ? 8.0f : 4.0f) << "\" x2=\"" << x << "\" y2=\"" << bottom << "\" stroke=\"#000000\" stroke-opacity=\""
      << (t.major ? "0.16" : "0.06") << "\"/>";
    if (t.major) write_text(o, x + 3, axis_y - 9, t.label);
  }
  o << "<line x1=\"" << kMargin << "\" y1=\"" << axis_y << "\" x2=\"" << width - kMargin << "\" y2=\"" << axis_y << "\" stroke=\"#808080\"/></g>\n";

  // lanes
  float y0 = lanes_top;
  for (std::size_t n = 0; n < layout.lanes.size(); ++n) {
    const TimelineLaneLayout& l = layout.lanes[n];
    const TimelineLane& lane = tl.lanes()[l.lane];
    const float h = lane_h[n];
    o << "<g class=\"lane\">";
    if (n % 2) o << "<rect x=\"0\" y=\"" << y0 << "\" width=\"" << width << "\" height=\"" << h << "\" fill=\"#000000\" fill-opacity=\"0.035\"/>";
    const std::string color = lane_color(n);
    if (l.density) {
      const int max_count = std::max(1, *std::max_element(l.bins.begin(), l.bins.end()));
      const float top = y0 + kRowH, low = y0 + h - 3, scale = 1.0f / std::log1p(static_cast<float>(max_count));
      for (std::size_t b = 0; b < l.bins.size(); ++b) {
        if (!l.bins[b]) continue;
        const float v = std::log1p(static_cast<float>(l.bins[b])) * scale;
        o << "<rect x=\"" << kMargin + view.bin_px * static_cast<float>(b) << "\" y=\"" << low - (low - top) * v << "\" width=\""
          << view.bin_px - 0.5f << "\" height=\"" << (low - top) * v << "\" fill=\"" << color << "\" fill-opacity=\"" << 0.35f + 0.65f * v << "\"/>";
      }
    }
    for (const TimelineEntryLayout& e : l.entries) {
      const TimelineItem& it = lane.items[e.item];
      const float cy = y0 + 4 + kRowH * (static_cast<float>(e.row) + 0.5f);
      o << "<g>";
      if (!(it.flags & kTimelineInterval) && e.mark_x1 - e.mark_x0 > 12)   // the span a month or a year covers
        o << "<rect x=\"" << kMargin + e.mark_x0 << "\" y=\"" << cy - 2 << "\" width=\"" << e.mark_x1 - e.mark_x0 << "\" height=\"4\" fill=\""
          << color << "\" fill-opacity=\"0.25\"/>";
      write_mark(o, it.flags, kMargin + e.x, kMargin + e.bar_x1, cy, n);
      if (e.label_w > 0) {
        if (e.shortened) o << "<title>" << xml_escape(e.title) << "</title>";
        write_text(o, kMargin + e.label_x, cy + 4, e.label(), " fill=\"#202020\"");
      }
      o << "</g>";
    }
    write_text(o, 4, y0 + 13, lane.name, (" font-weight=\"bold\" fill=\"" + color + "\"").c_str());
    o << "</g>\n";
    y0 += h;
  }
  if (const auto& d = tl.point_of_divergence(); d && d->lo >= lo && d->lo <= hi) {
    const float x = px(d->lo);
    o << "<line x1=\"" << x << "\" y1=\"" << lanes_top << "\" x2=\"" << x << "\" y2=\"" << bottom << "\" stroke=\"" << kDivergenceColor
      << "\" stroke-opacity=\"0.6\" stroke-width=\"2\"/>\n";
  }
  if (tl.empty()) write_text(o, kMargin, lanes_top + 20, "No dated entries.", " fill=\"#606060\"");

  // legend: every mark, drawn by the same code as the chart's
  o << "<g class=\"legend\">";
  write_text(o, kMargin, legend_top + 12, "Legend", " font-weight=\"bold\" fill=\"#202020\"");
  lx = kMargin;
  float ly = legend_top + 22 + kRowH * 0.5f;
  for (const auto& item : legend) {
    const float w = 40 + chart_text_width(item.text, kFontPx) + 24;
    if (lx + w > width - kMargin && lx > kMargin) ly += kRowH, lx = kMargin;
    const bool bar = item.flags & kTimelineInterval;
    write_mark(o, item.flags, bar ? lx : lx + 14, bar ? lx + 32 : lx + 14, ly, 0);
    write_text(o, lx + 40, ly + 4, item.text, " fill=\"#202020\"");
    lx += w;
  }
  o << "</g>\n</svg>\n";
  return std::move(o.s);
}

}  // namespace uch
