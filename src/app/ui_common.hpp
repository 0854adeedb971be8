// Small UI helpers shared by the panels: layout area, severity colours, key checks.
#pragma once

#include <string>

#include <imgui.h>

#include "uchronia/check.hpp"
#include "uchronia/store.hpp"

namespace uch::app {

class EditorState;

/// The part of the window the panels share: below the menu bar and read-only banner,
/// above the status bar.
void layout_area(const EditorState& state, ImVec2& pos, ImVec2& size);
float banner_height(const EditorState& state);
float menu_bar_height();
float status_bar_height();

ImVec4 severity_color(Severity severity);
const char* severity_title(Severity severity);   // "Errors", "Warnings", "Notes"

/// Key checks over the 1.86 IO: named keys through io.KeyMap, letters by their
/// GLFW code (== ASCII upper case), as the GLFW backend fills io.KeysDown[].
bool key_pressed(ImGuiKey key, bool repeat = true);
bool letter_pressed(char upper_case_letter);
bool ctrl_down();
bool shift_down();

/// Human date of a row ("26 June 1907"), "undated" when it has none.
std::string human_date(const EntryRow& row);

/// Text that is a clickable link (used for ids/titles in lists). Returns true on click.
bool link_text(const char* label);

/// Help marker "(?)" with a tooltip.
void help_marker(const char* text);

}  // namespace uch::app
