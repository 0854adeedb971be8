// Relations drawn as arrows between the entries on screen (causes, before, after, ends, during); one
// the checker finds violated (relation.violated) in the error colour. Only relations whose two
// entries are drawn this frame are looked at: the cost follows what is on screen, not the document.
#pragma once

#include <cstdint>
#include <vector>

#include <imgui.h>

#include "timeline_marks.hpp"
#include "uchronia/model.hpp"

namespace uch::app {

class EditorState;

/// The colour of a relation's arrow (legend and canvas).
ImU32 relation_color(RelationType type, bool violated);

class TimelineArrows {
 public:
  /// Draws the arrows between the marks drawn this frame; records probes "timeline/arrow/FROM/TYPE/TO"
  /// (text "violated" or "ok") for tests.
  void draw(EditorState& state, const TimelineMarks& marks, ImDrawList* dl);
  /// The arrow under the pointer (found while drawing) explained: "A causes B", and for a violated
  /// one the checker's message. Probe "timeline/arrow-tip" (tests).
  void tooltip(EditorState& state) const;

 private:
  void rebuild(EditorState& state);
  struct Out;
  void consider_hover(const Out& o, ImVec2 p0, ImVec2 p1, ImVec2 p2, ImVec2 p3, ImVec2 mouse);

  struct Out {
    std::uint32_t to = 0;        // row of the target entry
    RelationType type = RelationType::Before;
    bool violated = false;
    std::uint32_t relation = 0;  // index into state.relations()
  };
  std::uint64_t generation_ = 0, findings_generation_ = ~0ull;
  std::vector<std::uint32_t> first_;   // CSR: the relations from row r are out_[first_[r] .. first_[r+1])
  std::vector<Out> out_;
  struct Hover {
    bool on = false;
    std::uint32_t relation = 0;
    bool violated = false;
    float distance = 0;
  } hover_;
};

}  // namespace uch::app
