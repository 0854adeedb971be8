// Which wrapped text field is being edited. Kept here rather than in Dear ImGui's active item (which
// only ImGui's internal API can set): the fields take and give up the keyboard through this module, and
// the editor's own shortcuts (document undo, Delete, Enter/F2, arrows in the table) ask it too.
#pragma once

#include <imgui.h>

namespace uch::app {

/// True while a wrapped field holds the keyboard (it was drawn editing this frame or the last).
bool text_field_editing();

/// The field being edited (0: none). A field that is not drawn for a frame loses it.
ImGuiID text_field_editor();
/// `id` takes the keyboard (from any other field, which sees it gone when it next draws).
void take_text_field(ImGuiID id);
/// The editing field says it was drawn this frame.
void keep_text_field(ImGuiID id);
/// `id` gives the keyboard up (nothing if another field holds it).
void release_text_field(ImGuiID id);
/// A new ImGui context starts with no field edited (called as it is created: a freed context's
/// address may come back for the next one, in tests).
void forget_text_field_focus();

}  // namespace uch::app
