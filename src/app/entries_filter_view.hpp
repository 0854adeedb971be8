// What the entries table's filter (its tags, date range and words) shows, published by the Entries
// panel each time it recomputes its rows, so that other views follow the same result (the timeline
// dims or hides what the table leaves out): one rule, decided where the table decides it.
#pragma once

#include <cstdint>
#include <vector>

namespace uch::app {

struct EntriesFilterView {
  bool active = false;                 // a filter is typed: some rows may be left out
  std::uint64_t generation = 0;        // the document generation `shown` is about
  std::vector<std::uint8_t> shown;     // per row of EditorState::rows(): 1 when the table lists it
  std::size_t shown_count = 0;

  /// The table's rows (`visible` indexes rows()) as of `generation`.
  void publish(bool filtering, const std::vector<std::size_t>& visible, std::size_t rows, std::uint64_t gen) {
    active = filtering;
    generation = gen;
    shown_count = visible.size();
    if (!filtering) {
      shown.clear();
      return;
    }
    shown.assign(rows, 0);
    for (std::size_t i : visible)
      if (i < rows) shown[i] = 1;
  }
  /// True when the filter, current for `gen`, leaves row `row` out.
  bool excludes(std::size_t row, std::uint64_t gen) const {
    return active && generation == gen && row < shown.size() && !shown[row];
  }
  bool filtering(std::uint64_t gen) const { return active && generation == gen; }
};

}  // namespace uch::app
