// The panels' arrangement: see panel_layout.hpp.
#include "panel_layout.hpp"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <sstream>
#include <system_error>

#include "panels/panels.hpp"

namespace uch::app {
namespace {

constexpr const char* kSlotNames[kSlotCount] = {kTimelineTitle,  kEntriesTitle, kEntryEditorTitle, kProblemsTitle,
                                                kEntitiesTitle, kHistoryTitle, kUndatedTitle};
constexpr float kMinWeight = 0.01f;

/// Lengths of the shown children of a cut, whole pixels, summing to `total` minus the bars:
/// shares by weight, a child below `min` raised to it (from the others' shares) while room allows.
std::vector<float> split_lengths(float total, const std::vector<float>& weights, float gap, float min) {
  const std::size_t n = weights.size();
  std::vector<float> out(n, 0.0f);
  if (n == 0) return out;
  const float avail = std::max(0.0f, total - gap * static_cast<float>(n - 1));
  std::vector<bool> fixed(n, false);
  std::vector<float> exact(n, 0.0f);
  const bool room = avail >= min * static_cast<float>(n);
  for (bool again = true; again;) {
    again = false;
    float free_weight = 0, rest = avail;
    for (std::size_t i = 0; i < n; ++i) fixed[i] ? rest -= min : free_weight += weights[i];
    for (std::size_t i = 0; i < n; ++i) {
      if (fixed[i]) continue;
      exact[i] = free_weight > 0 ? rest * weights[i] / free_weight : 0;
      if (room && exact[i] < min) fixed[i] = again = true, exact[i] = min;
    }
  }
  // whole pixels: cut at rounded cumulative positions, so the lengths add up exactly
  float sum = 0, prev = 0;
  for (std::size_t i = 0; i < n; ++i) {
    sum += exact[i];
    const float at = i + 1 == n ? avail : std::round(sum);
    out[i] = at - prev;
    prev = at;
  }
  return out;
}

/// Lays out one cut: the shown children of `rect` along x (vertical bars) or y.
template <std::size_t N>
std::array<LayoutRect, N> lay_cut(Cut cut, const LayoutRect& rect, const std::array<float, N>& weights,
                                  const std::array<bool, N>& shown, bool along_x, const LayoutMetrics& m,
                                  std::vector<Splitter>& splitters) {
  std::array<LayoutRect, N> out{};
  std::vector<float> w;
  std::vector<std::size_t> idx;
  for (std::size_t i = 0; i < N; ++i)
    if (shown[i]) w.push_back(weights[i]), idx.push_back(i);
  const auto len = split_lengths(along_x ? rect.w : rect.h, w, m.gap, along_x ? m.min_width : m.min_height);
  float at = along_x ? rect.x : rect.y;
  for (std::size_t k = 0; k < idx.size(); ++k) {
    if (k > 0) {
      Splitter s;
      s.cut = cut;
      s.before = static_cast<int>(idx[k - 1]);
      s.after = static_cast<int>(idx[k]);
      s.vertical = along_x;
      s.rect = along_x ? LayoutRect{at, rect.y, m.gap, rect.h} : LayoutRect{rect.x, at, rect.w, m.gap};
      s.before_size = len[k - 1];
      s.after_size = len[k];
      splitters.push_back(s);
      at += m.gap;
    }
    out[idx[k]] = along_x ? LayoutRect{at, rect.y, len[k], rect.h} : LayoutRect{rect.x, at, rect.w, len[k]};
    at += len[k];
  }
  return out;
}

template <std::size_t N>
void read_weights(std::istringstream& line, std::array<float, N>& weights) {
  std::array<float, N> read{};
  for (float& v : read)
    if (!(line >> v) || !std::isfinite(v) || v < kMinWeight || v > 100.0f) return;   // keep the defaults
  float sum = 0;
  for (float v : read) sum += v;
  for (std::size_t i = 0; i < N; ++i) weights[i] = read[i] / sum;
}

}  // namespace

const char* slot_title(Slot slot) { return kSlotNames[static_cast<int>(slot)]; }

std::string LayoutSettings::to_text() const {
  std::ostringstream out;
  out << "rows " << rows[0] << ' ' << rows[1] << '\n';
  out << "columns " << columns[0] << ' ' << columns[1] << ' ' << columns[2] << '\n';
  out << "side " << side[0] << ' ' << side[1] << ' ' << side[2] << '\n';
  out << "top " << top[0] << ' ' << top[1] << '\n';
  out << "shown";
  for (int i = 0; i < kSlotCount; ++i)
    if (shown[i]) out << ' ' << kSlotNames[i];
  out << '\n';
  return out.str();
}

LayoutSettings LayoutSettings::from_text(std::string_view text) {
  LayoutSettings s;
  std::istringstream in{std::string(text)};
  std::string raw;
  while (std::getline(in, raw)) {
    std::istringstream line(raw);
    std::string key;
    line >> key;
    if (key == "rows") read_weights(line, s.rows);
    else if (key == "columns") read_weights(line, s.columns);
    else if (key == "side") read_weights(line, s.side);
    else if (key == "top") read_weights(line, s.top);
    else if (key == "shown") {
      s.shown.fill(false);
      std::string name;
      while (line >> name)
        for (int i = 0; i < kSlotCount; ++i)
          if (name == kSlotNames[i]) s.shown[i] = true;
    }
  }
  return s;
}

LayoutSettings LayoutSettings::load(const std::filesystem::path& file) {
  std::ifstream in(file);
  if (!in) return {};
  std::ostringstream text;
  text << in.rdbuf();
  return from_text(text.str());
}

bool LayoutSettings::save(const std::filesystem::path& file) const {
  std::filesystem::path tmp = file;
  tmp += ".tmp";
  {
    std::ofstream out(tmp, std::ios::trunc);
    if (!(out << to_text()) || !out.flush()) return false;
  }
  std::error_code ec;
  std::filesystem::rename(tmp, file, ec);
  return !ec;
}

ComputedLayout compute_layout(const LayoutSettings& s, const LayoutRect& area_in, const LayoutMetrics& m) {
  ComputedLayout out;
  const LayoutRect area{std::round(area_in.x), std::round(area_in.y), std::max(0.0f, std::round(area_in.w)),
                        std::max(0.0f, std::round(area_in.h))};
  const auto shown = [&](Slot slot) { return s.shown[static_cast<int>(slot)]; };
  const std::array<bool, 3> side_shown{shown(Slot::Problems), shown(Slot::Entities), shown(Slot::History)};
  const bool any_side = side_shown[0] || side_shown[1] || side_shown[2];
  const std::array<bool, 3> columns_shown{shown(Slot::Entries), shown(Slot::Entry), any_side};
  const bool lower = columns_shown[0] || columns_shown[1] || any_side;
  const std::array<bool, 2> top_shown{shown(Slot::Timeline), shown(Slot::Undated)};
  const auto rows = lay_cut(Cut::Rows, area, s.rows, std::array<bool, 2>{top_shown[0] || top_shown[1], lower}, false, m,
                            out.splitters);
  const auto top = lay_cut(Cut::Top, rows[0], s.top, top_shown, true, m, out.splitters);
  const auto columns = lay_cut(Cut::Columns, rows[1], s.columns, columns_shown, true, m, out.splitters);
  const auto side = lay_cut(Cut::Side, columns[2], s.side, side_shown, false, m, out.splitters);
  out.panels[static_cast<int>(Slot::Timeline)] = top[0];
  out.panels[static_cast<int>(Slot::Undated)] = top[1];
  out.panels[static_cast<int>(Slot::Entries)] = columns[0];
  out.panels[static_cast<int>(Slot::Entry)] = columns[1];
  out.panels[static_cast<int>(Slot::Problems)] = side[0];
  out.panels[static_cast<int>(Slot::Entities)] = side[1];
  out.panels[static_cast<int>(Slot::History)] = side[2];
  return out;
}

void drag_splitter(LayoutSettings& s, const ComputedLayout& computed, int index, float delta, const LayoutMetrics& m) {
  if (index < 0 || static_cast<std::size_t>(index) >= computed.splitters.size()) return;
  const Splitter& bar = computed.splitters[static_cast<std::size_t>(index)];
  float* weights = bar.cut == Cut::Rows      ? s.rows.data()
                   : bar.cut == Cut::Columns ? s.columns.data()
                   : bar.cut == Cut::Top     ? s.top.data()
                                             : s.side.data();
  const float both = bar.before_size + bar.after_size;
  if (both <= 0) return;
  const float min = bar.vertical ? m.min_width : m.min_height;
  const float lo = std::min(min, both / 2), hi = both - lo;
  const float before = std::clamp(bar.before_size + delta, lo, hi);
  float& wa = weights[bar.before];
  float& wb = weights[bar.after];
  const float total = wa + wb;
  wa = std::max(kMinWeight, total * before / both);
  wb = std::max(kMinWeight, total - wa);
}

}  // namespace uch::app
