// The timeline's marks explained (the Legend window), and the small marks drawn over the entries on
// screen that the legend names: an error badge (unacknowledged findings) and "OS" (an Old Style date).
#pragma once

#include <imgui.h>

#include "timeline_marks.hpp"

namespace uch::app {

class EditorState;

/// Over each entry drawn this frame: its findings' badge (the worst severity's colour) and "OS" when
/// its dates are Old Style (Julian).
void draw_entry_badges(EditorState& state, const TimelineMarks& marks, ImDrawList* dl);

}  // namespace uch::app
