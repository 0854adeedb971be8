// The timeline's lane and label layout (uchronia/timeline_layout.hpp): what a reader of the chart or
// the editor's timeline sees: every label readable, none over another label, a mark or a bar.
#include <doctest/doctest.h>

#include <map>
#include <random>
#include <string>
#include <vector>

#include "publish_test_support.hpp"
#include "uchronia/chart.hpp"
#include "uchronia/timeline_layout.hpp"

using namespace uch;

namespace {

// 7 px a code point: a stand-in font, so the tests do not depend on the fonts installed
float measure7(std::string_view t) {
  float n = 0;
  for (unsigned char c : t) n += (c & 0xC0) != 0x80 ? 7.0f : 0.0f;
  return n;
}

struct Box {
  float x0, x1;
  std::string what;
};

/// Fails the test when, in any row of any lane, two labels, two marks, or a label and another entry's
/// mark overlap; or when a label's text is wider than its box.
void require_no_overlap(const Timeline& tl, const TimelineLayout& layout, const MeasureText& measure) {
  for (const auto& lane : layout.lanes) {
    std::map<int, std::vector<Box>> rows;
    for (std::size_t n = 0; n < lane.entries.size(); ++n) {
      const auto& e = lane.entries[n];
      rows[e.row].push_back({e.mark_x0, e.mark_x1, "mark " + std::to_string(n)});
      if (e.label_w > 0) {
        rows[e.row].push_back({e.label_x, e.label_x + e.label_w, "label " + std::to_string(n)});
        CHECK(measure(e.label()) <= e.label_w + 0.01f);
      }
    }
    // the lane's name keeps row 0's start
    rows[0].push_back({0, measure(tl.lanes()[lane.lane].name), "lane name"});
    for (auto& [row, boxes] : rows) {
      for (std::size_t i = 0; i < boxes.size(); ++i)
        for (std::size_t j = i + 1; j < boxes.size(); ++j) {
          const Box &a = boxes[i], &b = boxes[j];
          const auto owner = [](const std::string& s) { return s.substr(s.find(' ') + 1); };
          if (owner(a.what) == owner(b.what)) continue;   // an entry's label over its own bar
          const bool overlap = a.x0 < b.x1 && b.x0 < a.x1;
          if (overlap) FAIL("lane " << lane.lane << " row " << row << ": " << a.what << " [" << a.x0 << ", " << a.x1 << ") overlaps "
                                    << b.what << " [" << b.x0 << ", " << b.x1 << ")");
        }
    }
  }
}

TimelineItem day_item(double day, std::uint32_t source, std::uint8_t flags = 0) {
  TimelineItem it;
  it.lo = day, it.hi = day + 1, it.source = source, it.flags = flags;
  return it;
}

}  // namespace

TEST_CASE("timeline layout: no two labels overlap on the sample, by tag, entity and series, at every zoom") {
  const Document doc = publish_test::sample();
  for (LaneBy by : {LaneBy::Tag, LaneBy::Entity, LaneBy::Series, LaneBy::None}) {
    const DocumentTimeline dt = timeline_of_document(doc, by, 12);
    REQUIRE_FALSE(dt.timeline.empty());
    const TitleOf title = [&](std::uint32_t s) { return std::string_view(dt.entries[s]->title); };
    const double lo = dt.timeline.extent_lo(), hi = dt.timeline.extent_hi();
    std::size_t labelled = 0;
    for (double zoom : {1.0, 0.3, 0.1, 0.02}) {
      for (double at : {0.0, 0.25, 0.5, 0.9}) {
        TimelineView v;
        v.lo = lo + (hi - lo) * at * (1 - zoom);
        v.hi = v.lo + (hi - lo) * zoom;
        v.width_px = 1200;
        const TimelineLayout layout = layout_timeline(dt.timeline, v, title, measure7);
        require_no_overlap(dt.timeline, layout, measure7);
        for (const auto& l : layout.lanes)
          for (const auto& e : l.entries) labelled += e.label_w > 0;
      }
    }
    CHECK(labelled > 0);
  }
}

TEST_CASE("timeline layout: a generated dense timeline gets rows, shortened labels and no overlap") {
  std::mt19937 rng(16);
  std::vector<TimelineItem> items;
  std::vector<std::string> titles;
  const char* words[] = {"treaty", "of", "Brest", "congress", "strike", "Kronstadt", "decree", "on", "land", "peace"};
  for (std::uint32_t i = 0; i < 3000; ++i) {
    std::string t;
    for (int n = 1 + static_cast<int>(rng() % 9); n > 0; --n) t += std::string(t.empty() ? "" : " ") + words[rng() % 10];
    titles.push_back(t);
    const double day = static_cast<double>(rng() % 3650);
    std::uint8_t flags = static_cast<std::uint8_t>(rng() % 4 == 0 ? kTimelineInterval : 0);
    if (rng() % 5 == 0) flags |= kTimelineApproximate;
    TimelineItem it = day_item(day, i, flags);
    if (flags & kTimelineInterval) it.hi = day + 1 + static_cast<double>(rng() % 400);
    if (i % 500 == 7) it.flags |= kTimelineOpenHigh | kTimelineInterval;
    items.push_back(it);
  }
  std::vector<TimelineLaneGroup> groups(3);
  for (std::uint32_t i = 0; i < items.size(); ++i) groups[i % 3].members.push_back(i), groups[i % 3].key = groups[i % 3].name = "g" + std::to_string(i % 3);
  const Timeline tl(items, groups, 12);
  const TitleOf title = [&](std::uint32_t s) { return std::string_view(titles[s]); };
  bool saw_rows = false, saw_short = false, saw_density = false;
  for (double span : {3650.0, 700.0, 200.0, 60.0, 14.0}) {
    for (double start = 0; start + span <= 3650; start += span * 0.7) {
      TimelineView v;
      v.lo = start, v.hi = start + span, v.width_px = 900, v.preferred_rows = 3;
      const TimelineLayout layout = layout_timeline(tl, v, title, measure7);
      require_no_overlap(tl, layout, measure7);
      for (const auto& l : layout.lanes) {
        saw_density |= l.density;
        saw_rows |= l.rows > 3;
        for (const auto& e : l.entries) saw_short |= e.shortened;
      }
    }
  }
  CHECK(saw_density);   // zoomed out: too many to label
  CHECK(saw_rows);      // as many rows as needed
  CHECK(saw_short);     // and labels shortened to share a row
}

TEST_CASE("timeline layout: a title longer than the longest label ends in an ellipsis, the whole title kept") {
  const std::string longer(80, 'x');
  const std::vector<std::string> titles = {"Short", longer, "Ж\xE2\x80\x94 Кронштадт восстание и всё прочее что было потом"};
  std::vector<TimelineItem> items;
  for (std::uint32_t i = 0; i < titles.size(); ++i) items.push_back(day_item(1000.0 * i, i));
  const Timeline tl(items, {}, 1);
  TimelineView v;
  v.lo = -100, v.hi = 2200, v.width_px = 2000, v.max_label_px = 140;
  const TimelineLayout layout = layout_timeline(tl, v, [&](std::uint32_t s) { return std::string_view(titles[s]); }, measure7);
  REQUIRE(layout.lanes.size() == 1);
  const auto& es = layout.lanes[0].entries;
  REQUIRE(es.size() == 3);
  CHECK(es[0].label() == "Short");
  CHECK_FALSE(es[0].shortened);
  CHECK(es[1].shortened);
  CHECK(es[1].title == longer);
  CHECK(es[1].label() == std::string(19, 'x') + "\xE2\x80\xA6");   // 19 * 7 + 7 = 140 px
  CHECK(es[2].shortened);
  const std::string cyr = es[2].label();
  CHECK(cyr.rfind("\xE2\x80\xA6") == cyr.size() - 3);
  CHECK(measure7(cyr) <= 140);
  CHECK(fit_with_ellipsis("abc", 3, measure7) == 0);
}

TEST_CASE("timeline layout: an open-ended entry never hides the later entries of its lane") {
  // "1922/.." then a year of daily entries: zoomed to two weeks, each of them is drawn and labelled
  std::vector<TimelineItem> items;
  std::vector<std::string> titles = {"Soviet Union (1922/..)"};
  const double d1922 = static_cast<double>(days_from_civil(1922, 12, 30)), d1930 = static_cast<double>(days_from_civil(1930, 1, 1));
  items.push_back(*timeline_item(static_cast<DayNumber>(d1922), kUnboundedHigh, kTimelineInterval, 0));
  for (std::uint32_t i = 1; i <= 2000; ++i) {
    items.push_back(day_item(d1930 + i / 4, i));
    titles.push_back("day " + std::to_string(i));
  }
  const Timeline tl(items, {}, 1);
  TimelineView v;
  v.lo = d1930 + 200, v.hi = d1930 + 214, v.width_px = 1000;
  const TimelineLayout layout = layout_timeline(tl, v, [&](std::uint32_t s) { return std::string_view(titles[s]); }, measure7);
  const auto& lane = layout.lanes.at(0);
  CHECK_FALSE(lane.density);
  std::size_t open = 0, days = 0;
  for (const auto& e : lane.entries) (tl.lanes()[0].items[e.item].flags & kTimelineOpenHigh) ? ++open : ++days;
  CHECK(open == 1);
  CHECK(days == 14 * 4);
  require_no_overlap(tl, layout, measure7);

  // open at the start ("../1922") reaches every view after... nothing: before its end only
  std::vector<TimelineItem> two = {*timeline_item(kUnboundedLow, static_cast<DayNumber>(d1922), kTimelineInterval, 0)};
  const Timeline tl2(two, {}, 1);
  std::vector<std::uint32_t> seen;
  tl2.visible(0, d1922 - 10000, d1922 - 9990, seen);
  CHECK(seen.size() == 1);
  tl2.visible(0, d1922 + 10, d1922 + 20, seen);
  CHECK(seen.empty());
}

TEST_CASE("timeline layout: labels are shortened before a lane takes more rows than it has room for") {
  // ten entries a label's width apart: four rows of room, so labels shrink instead of a fifth row
  std::vector<TimelineItem> items;
  std::vector<std::string> titles;
  for (std::uint32_t i = 0; i < 10; ++i) {
    items.push_back(day_item(10.0 * i, i));
    titles.push_back("an entry with a long enough title " + std::to_string(i));
  }
  const Timeline tl(items, {}, 1);
  TimelineView v;
  v.lo = -20, v.hi = 120, v.width_px = 1400, v.preferred_rows = 2, v.min_label_px = 40, v.max_label_px = 400;
  const auto title = [&](std::uint32_t s) { return std::string_view(titles[s]); };
  const TimelineLayout tight = layout_timeline(tl, v, title, measure7);
  v.preferred_rows = 20;
  const TimelineLayout roomy = layout_timeline(tl, v, title, measure7);
  CHECK(tight.lanes[0].rows < roomy.lanes[0].rows);
  bool shortened = false;
  for (const auto& e : tight.lanes[0].entries) shortened |= e.shortened;
  CHECK(shortened);
  for (const auto& e : roomy.lanes[0].entries) CHECK_FALSE(e.shortened);
  require_no_overlap(tl, tight, measure7);
  require_no_overlap(tl, roomy, measure7);
}
