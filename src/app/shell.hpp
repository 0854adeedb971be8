// Everything one editor window holds: the state, its panels, the file chooser, recent files;
// and draw_frame(), the whole UI of one frame (used by the app and the headless tests alike).
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>

#include "app_paths.hpp"
#include "editor_state.hpp"
#include "file_dialog.hpp"
#include "panel.hpp"
#include "panel_layout.hpp"
#include "theme.hpp"

namespace uch::app {

struct Shell {
  Shell();
  EditorState state;
  PanelList panels;
  FileDialog dialog;
  RecentFiles recent;

  /// What the file chooser was opened for.
  enum class Pending { None, Open, New, ImportSource, ImportDest } pending = Pending::None;
  std::filesystem::path import_source;
  bool quit_requested = false;
  ThemeChoice theme_choice = ThemeChoice::System;  // View > Theme; the app applies it between frames
  bool theme_changed = false;
  /// Text and UI size, a factor of the display's scale (Ctrl+= / Ctrl+- / Ctrl+0); applied between frames.
  float text_zoom = 1.0f;
  bool text_zoom_changed = false;
  bool font_fallback = false;
  bool focused_once = false;
  std::uint64_t counted_for = ~0ull;   // status bar: findings counts, recounted when they change
  CheckCounts counts;

  /// Where the docked panels go: splitter weights and which panels are shown (View menu, close
  /// buttons), remembered in `layout_file` ("" = not remembered: screenshots, tests).
  LayoutSettings layout;
  std::filesystem::path layout_file;
  LayoutSettings layout_saved;
  ComputedLayout computed_layout;          // this frame's rects, after any splitter drag
  struct SplitterDrag {
    int index = -1;                        // the splitter being dragged, -1 when none
    float start_mouse = 0;
    LayoutSettings start;
    ComputedLayout start_layout;
  } splitter_drag;

  /// Opens a document and records it in the recent files (modal on failure).
  bool open(const std::filesystem::path& path);
  /// File > Import: `source` (JSON, Markdown or a draft) into the new document `dest`, recorded in
  /// the recent files; a draft's undated entries are then shown in the Undated tray.
  bool import(const std::filesystem::path& source, const std::filesystem::path& dest);
  /// Reads the writer's layout from `file` (defaults when missing) and keeps it there from now on.
  void load_layout(const std::filesystem::path& file);
  /// View > Reset layout: default weights and panels.
  void reset_layout();
};

/// The whole UI of one frame, between ImGui::NewFrame() and ImGui::Render().
void draw_frame(Shell& shell);
/// Commits whatever a field still holds (before quitting or switching documents).
void flush_edits(Shell& shell);
/// "alternative-history.uchronia — saved — Uchronia".
std::string window_title(const Shell& shell);

// layout_view.cpp: computes this frame's layout, draws and drags the splitters, docks the panels;
// after the panels, remember_layout() writes a changed layout once no splitter is held.
void arrange_panels(Shell& shell);
void remember_layout(Shell& shell);

// menu_bar.cpp
void draw_menu_bar(Shell& shell);
void handle_shortcuts(Shell& shell);
void handle_dialog_result(Shell& shell);

}  // namespace uch::app
