// Where the editor's panels go: the window's work area cut into a fixed arrangement (Timeline on
// top with the Undated tray beside it; Entries, Entry and a side column of Problems, Entities and
// History below), each cut
// movable by a splitter, a hidden panel's space given to its neighbours. No ImGui here: the rects
// are computed from the area's size and the splitters' weights, and unit-tested as such.
#pragma once

#include <array>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace uch::app {

/// The panels the layout places, in View-menu order of the docked ones.
enum class Slot { Timeline, Entries, Entry, Problems, Entities, History, Undated };
inline constexpr int kSlotCount = 7;
/// The Panel title of each slot (panels.hpp's constants).
const char* slot_title(Slot slot);

struct LayoutRect {
  float x = 0, y = 0, w = 0, h = 0;
  float right() const { return x + w; }
  float bottom() const { return y + h; }
  bool empty() const { return w <= 0 || h <= 0; }
};

/// The four cuts: rows (the top row | the rest), top (Timeline | Undated), columns (Entries | Entry |
/// side column), side (Problems | Entities | History). Each child's share is its weight over the
/// shown children's.
enum class Cut { Rows, Columns, Side, Top };

/// What the writer arranged: the weights and which panels are shown. Remembered per user.
struct LayoutSettings {
  std::array<float, 2> rows{0.34f, 0.66f};
  std::array<float, 3> columns{0.36f, 0.34f, 0.30f};
  std::array<float, 3> side{0.34f, 0.33f, 0.33f};
  std::array<float, 2> top{0.74f, 0.26f};
  /// The Undated tray is shown when the writer (or a draft import) opens it.
  std::array<bool, kSlotCount> shown{true, true, true, true, true, true, false};
  bool operator==(const LayoutSettings&) const = default;

  /// "rows 0.34 0.66\ncolumns ...\nside ...\ntop ...\nshown Timeline Entries ...\n"
  std::string to_text() const;
  /// Reads to_text()'s form; anything unreadable (a missing line, a bad number) keeps the default.
  static LayoutSettings from_text(std::string_view text);
  /// The file form of the above; a missing or unreadable file gives the defaults.
  static LayoutSettings load(const std::filesystem::path& file);
  /// Written whole to a temporary file, then renamed over `file`; false on failure.
  bool save(const std::filesystem::path& file) const;
};

/// A bar between two shown neighbours of a cut; dragging it moves the space between them.
struct Splitter {
  Cut cut = Cut::Rows;
  int before = 0, after = 0;   // child indices within the cut
  bool vertical = false;       // a vertical bar, dragged sideways (the Columns cut's)
  LayoutRect rect;
  float before_size = 0, after_size = 0;   // the neighbours' lengths along the cut, in pixels
};

/// Sizes in pixels: the bar's thickness and the smallest a panel may become.
struct LayoutMetrics {
  float gap = 6.0f;
  float min_width = 160.0f;
  float min_height = 80.0f;
};

struct ComputedLayout {
  std::array<LayoutRect, kSlotCount> panels{};   // empty() for a hidden panel
  std::vector<Splitter> splitters;
  const LayoutRect& of(Slot s) const { return panels[static_cast<int>(s)]; }
};

/// The panels' rects in `area`: shown panels and splitter bars tile it exactly (whole pixels,
/// no overlap, nothing outside), each panel at least the metrics' minimum when the area allows.
ComputedLayout compute_layout(const LayoutSettings& settings, const LayoutRect& area, const LayoutMetrics& metrics);

/// Moves splitter `index` of `computed` by `delta` pixels (x for a vertical bar, y otherwise),
/// keeping both neighbours at least the minimum; only those two children's weights change.
void drag_splitter(LayoutSettings& settings, const ComputedLayout& computed, int index, float delta,
                   const LayoutMetrics& metrics);

}  // namespace uch::app
