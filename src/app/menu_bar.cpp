// The main menu bar (File, Edit, View, Help), the global keyboard shortcuts, and what the
// file chooser was opened for.
#include <GLFW/glfw3.h>
#include <imgui.h>

#include "panels/panels.hpp"
#include "text_field_focus.hpp"
#include "shell.hpp"
#include "ui_common.hpp"

namespace uch::app {
namespace {

void start_open(Shell& shell) {
  flush_edits(shell);
  shell.pending = Shell::Pending::Open;
  shell.dialog.open("Open a timeline", FileDialog::Mode::Open, {".uchronia"},
                    shell.state.path().empty() ? std::filesystem::path() : shell.state.path().parent_path());
}

void start_new(Shell& shell) {
  flush_edits(shell);
  shell.pending = Shell::Pending::New;
  shell.dialog.open("New timeline", FileDialog::Mode::Save, {".uchronia"}, {}, "timeline.uchronia");
}

void start_import(Shell& shell) {
  flush_edits(shell);
  shell.pending = Shell::Pending::ImportSource;
  shell.dialog.open("Import a timeline or a draft", FileDialog::Mode::Open, {".json", ".md", ".markdown", ".txt"});
}

void show_panel(Shell& shell, const char* title) {
  if (Panel* p = find_panel(shell.panels, title)) p->open = true;
}

void new_entry(Shell& shell) {
  flush_edits(shell);
  show_panel(shell, kEntryEditorTitle);
  shell.state.new_entry_after(shell.state.selected());
}

/// Ctrl+S: every change is already committed as it is made; this commits the field being edited and
/// makes everything power-cut safe at once, and says so.
void save_now(Shell& shell) {
  flush_edits(shell);
  EditorState& s = shell.state;
  if (!s.has_document()) return;
  if (s.read_only()) {
    s.set_status("Read-only: nothing to save");
    return;
  }
  try {
    if (s.store()) s.store()->sync();
    s.set_status("Saved (every change is kept as you make it)");
  } catch (const std::exception& e) {
    s.report_error(e.what());
  }
}

void find(Shell& shell) {
  show_panel(shell, kEntriesTitle);
  shell.state.requests.focus_find = true;
}

}  // namespace

void handle_shortcuts(Shell& shell) {
  if (!ctrl_down()) return;
  // Quitting and saving work from anywhere, a text field included: both commit what the field holds.
  if (letter_pressed('Q')) {
    shell.quit_requested = true;
    return;
  }
  if (letter_pressed('S')) {
    save_now(shell);
    return;
  }
  // Text size: larger, smaller, back to normal; from anywhere, in steps of a tenth.
  const auto zoom = [&](float factor) {
    const float next = factor == 0 ? 1.0f : std::clamp(shell.text_zoom * factor, 0.6f, 3.0f);
    if (next != shell.text_zoom) shell.text_zoom = next, shell.text_zoom_changed = true;
  };
  if (ImGui::IsKeyPressed(GLFW_KEY_EQUAL, true) || ImGui::IsKeyPressed(GLFW_KEY_KP_ADD, true)) return zoom(1.1f);
  if (ImGui::IsKeyPressed(GLFW_KEY_MINUS, true) || ImGui::IsKeyPressed(GLFW_KEY_KP_SUBTRACT, true)) return zoom(1 / 1.1f);
  if (ImGui::IsKeyPressed(GLFW_KEY_0, false) || ImGui::IsKeyPressed(GLFW_KEY_KP_0, false)) return zoom(0);
  if (ImGui::IsAnyItemActive() || text_field_editing() || ImGui::IsPopupOpen("", ImGuiPopupFlags_AnyPopupId) || shell.dialog.visible()) return;
  EditorState& s = shell.state;
  if (key_pressed(ImGuiKey_Z, false)) shift_down() ? s.redo() : s.undo();
  else if (key_pressed(ImGuiKey_Y, false)) s.redo();
  else if (letter_pressed('F')) find(shell);
  else if (letter_pressed('N') && s.has_document()) new_entry(shell);
  else if (letter_pressed('O')) start_open(shell);
}

void draw_menu_bar(Shell& shell) {
  EditorState& s = shell.state;
  if (!ImGui::BeginMainMenuBar()) return;
  if (ImGui::BeginMenu("File")) {
    if (ImGui::MenuItem("New\xE2\x80\xA6")) start_new(shell);
    if (ImGui::MenuItem("Open\xE2\x80\xA6", "Ctrl+O")) start_open(shell);
    if (ImGui::BeginMenu("Open Recent", !shell.recent.items().empty())) {
      std::filesystem::path chosen;
      for (const auto& p : shell.recent.items())
        if (ImGui::MenuItem(p.filename().string().c_str(), p.parent_path().string().c_str())) chosen = p;
      ImGui::EndMenu();
      if (!chosen.empty()) shell.open(chosen);
    }
    ImGui::Separator();
    if (ImGui::MenuItem("Import\xE2\x80\xA6")) start_import(shell);
    if (ImGui::MenuItem("Export\xE2\x80\xA6", nullptr, false, s.has_document())) {
      show_panel(shell, kExportTitle);
      s.requests.open_export = true;
    }
    ImGui::Separator();
    if (ImGui::MenuItem("Quit", "Ctrl+Q")) shell.quit_requested = true;
    ImGui::EndMenu();
  }
  if (ImGui::BeginMenu("Edit")) {
    std::string undo = s.can_undo() ? "Undo " + s.undo_label() : std::string("Undo");
    std::string redo = s.can_redo() ? "Redo " + s.redo_label() : std::string("Redo");
    if (ImGui::MenuItem((undo + "###undo").c_str(), "Ctrl+Z", false, s.can_undo())) s.undo();
    if (ImGui::MenuItem((redo + "###redo").c_str(), "Ctrl+Shift+Z / Ctrl+Y", false, s.can_redo())) s.redo();
    ImGui::Separator();
    if (ImGui::MenuItem("Find", "Ctrl+F")) find(shell);
    ImGui::Separator();
    bool writable = s.has_document() && !s.read_only();
    if (ImGui::MenuItem("New entry", "Ctrl+N", false, writable)) new_entry(shell);
    if (ImGui::MenuItem("Delete", "Delete", false, writable && !s.selected().empty())) s.request_delete(s.selected());
    ImGui::Separator();
    if (ImGui::MenuItem("Suggest links\xE2\x80\xA6", nullptr, false, s.has_document())) show_panel(shell, kLinkSuggestionsTitle);
    ImGui::EndMenu();
  }
  if (ImGui::BeginMenu("View")) {
    for (auto& p : shell.panels) ImGui::MenuItem(p->title(), nullptr, &p->open);
    ImGui::Separator();
    if (ImGui::BeginMenu("Theme")) {
      const std::pair<const char*, ThemeChoice> choices[] = {
          {"As the system", ThemeChoice::System}, {"Dark", ThemeChoice::Dark}, {"Light", ThemeChoice::Light}};
      for (const auto& [label, choice] : choices)
        if (ImGui::MenuItem(label, nullptr, shell.theme_choice == choice) && shell.theme_choice != choice) {
          shell.theme_choice = choice;
          shell.theme_changed = true;
        }
      ImGui::EndMenu();
    }
    if (ImGui::MenuItem("Reset layout")) shell.reset_layout();
    ImGui::EndMenu();
  }
  if (ImGui::BeginMenu("Help")) {
    if (ImGui::MenuItem("Keyboard shortcuts")) s.requests.show_shortcuts = true;
    if (ImGui::MenuItem("About Uchronia")) s.requests.show_about = true;
    ImGui::EndMenu();
  }
  ImGui::EndMainMenuBar();
}

void handle_dialog_result(Shell& shell) {
  auto chosen = shell.dialog.draw();
  if (!chosen) {
    if (!shell.dialog.visible()) shell.pending = Shell::Pending::None;
    return;
  }
  EditorState& s = shell.state;
  switch (shell.pending) {
    case Shell::Pending::Open:
      shell.open(*chosen);
      break;
    case Shell::Pending::New:
      if (s.new_document(*chosen)) shell.recent.add(*chosen);
      break;
    case Shell::Pending::ImportSource: {
      shell.import_source = *chosen;
      shell.pending = Shell::Pending::ImportDest;
      std::filesystem::path dest_name = chosen->stem();
      dest_name += ".uchronia";
      shell.dialog.open("Save the imported timeline as", FileDialog::Mode::Save, {".uchronia"}, chosen->parent_path(),
                        dest_name.string());
      return;
    }
    case Shell::Pending::ImportDest:
      shell.import(shell.import_source, *chosen);
      break;
    case Shell::Pending::None:
      break;
  }
  shell.pending = Shell::Pending::None;
}

}  // namespace uch::app
