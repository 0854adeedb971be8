// One frame of the editor: menus, banner, panels, status bar, modal messages.
#include <algorithm>

#include <imgui.h>

#include "panels/panels.hpp"
#include "shell.hpp"
#include "ui_common.hpp"

namespace uch::app {
namespace {

constexpr ImGuiWindowFlags kBarFlags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                                       ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoFocusOnAppearing |
                                       ImGuiWindowFlags_NoBringToFrontOnFocus | ImGuiWindowFlags_NoNav |
                                       ImGuiWindowFlags_NoScrollbar;

void draw_banner(Shell& shell) {
  if (!shell.state.read_only()) return;
  const ImGuiViewport* vp = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos(ImVec2(vp->Pos.x, vp->Pos.y + menu_bar_height()));
  ImGui::SetNextWindowSize(ImVec2(vp->Size.x, banner_height(shell.state)));
  ImGui::PushStyleColor(ImGuiCol_WindowBg, ImVec4(0.55f, 0.35f, 0.05f, 1.0f));
  if (ImGui::Begin("##read-only-banner", nullptr, kBarFlags)) {
    ImGui::Text("Read-only: %s cannot be written. You can read, search, check and export, but not change it.",
                shell.state.path().filename().string().c_str());
  }
  ImGui::End();
  ImGui::PopStyleColor();
}

void draw_status_bar(Shell& shell) {
  EditorState& s = shell.state;
  if (shell.counted_for != s.findings_generation()) {
    shell.counted_for = s.findings_generation();
    shell.counts = count_findings(s.findings());
  }
  const CheckCounts& counts = shell.counts;
  const ImGuiViewport* vp = ImGui::GetMainViewport();
  const float h = status_bar_height();
  ImGui::SetNextWindowPos(ImVec2(vp->Pos.x, vp->Pos.y + vp->Size.y - h));
  ImGui::SetNextWindowSize(ImVec2(vp->Size.x, h));
  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(8, 3));
  if (ImGui::Begin("##status", nullptr, kBarFlags)) {
    if (!s.has_document()) {
      ImGui::TextDisabled("No document open: File > New or File > Open.");
    } else {
      ImGui::Text("%zu entries, %zu entities", s.rows().size(), s.entities().size());
      ImGui::SameLine();
      ImGui::TextColored(severity_color(Severity::Error), "%d errors", counts.error);
      ImGui::SameLine();
      ImGui::TextColored(severity_color(Severity::Warning), "%d warnings", counts.warning);
      ImGui::SameLine();
      ImGui::TextDisabled("| %s", s.status().empty() ? (s.read_only() ? "read-only" : "all changes saved") : s.status().c_str());
    }
  }
  ImGui::End();
  ImGui::PopStyleVar();
}

void draw_error_modal(Shell& shell) {
  auto& errors = shell.state.errors();
  if (!errors.empty() && !ImGui::IsPopupOpen("Uchronia###error")) ImGui::OpenPopup("Uchronia###error");
  ImGui::SetNextWindowPos(ImGui::GetMainViewport()->GetCenter(), ImGuiCond_Appearing, ImVec2(0.5f, 0.5f));
  if (ImGui::BeginPopupModal("Uchronia###error", nullptr, ImGuiWindowFlags_AlwaysAutoResize)) {
    ImGui::PushTextWrapPos(ImGui::GetFontSize() * 36);
    ImGui::TextUnformatted(errors.empty() ? "" : errors.front().c_str());
    ImGui::PopTextWrapPos();
    // the Enter that caused the message (committing a field) must not dismiss it at once
    const bool keys = !ImGui::IsWindowAppearing();
    if (ImGui::Button("OK", ImVec2(ImGui::GetFontSize() * 6, 0)) ||
        (keys && (key_pressed(ImGuiKey_Enter, false) || key_pressed(ImGuiKey_Escape, false)))) {
      if (!errors.empty()) errors.pop_front();
      ImGui::CloseCurrentPopup();
    }
    probe_item("error/ok");
    ImGui::EndPopup();
  }
}

/// Delete of an item that relations name: say so, and offer to delete the relations with it.
void draw_delete_question(Shell& shell) {
  EditorState& state = shell.state;
  std::string& id = state.requests.confirm_delete;
  if (!id.empty() && !ImGui::IsPopupOpen("Delete###delete")) ImGui::OpenPopup("Delete###delete");
  ImGui::SetNextWindowPos(ImGui::GetMainViewport()->GetCenter(), ImGuiCond_Appearing, ImVec2(0.5f, 0.5f));
  if (!ImGui::BeginPopupModal("Delete###delete", nullptr, ImGuiWindowFlags_AlwaysAutoResize)) return;
  const auto relations = state.relations_naming(id);
  const std::string question = "\"" + state.label_of(id) + "\" is named by " + std::to_string(relations.size()) +
                               (relations.size() == 1 ? " relation:" : " relations:");
  ImGui::TextUnformatted(question.c_str());
  probe_text("delete/question", question);
  for (const Relation& r : relations)
    ImGui::BulletText("%s %s %s", state.label_of(r.from).c_str(), to_string(r.type), state.label_of(r.to).c_str());
  const auto close = [&] {
    id.clear();
    ImGui::CloseCurrentPopup();
  };
  const std::string both = relations.size() == 1 ? "Delete it and its relation" : "Delete it and its relations";
  if (ImGui::Button(both.c_str())) {
    state.delete_item(id, /*with_relations=*/true);
    close();
  }
  probe_item("delete/with-relations");
  ImGui::SameLine();
  if (ImGui::Button("Delete it only")) {
    state.delete_item(id);
    close();
  }
  probe_item("delete/only");
  ImGui::SameLine();
  if (ImGui::Button("Cancel") || (!ImGui::IsWindowAppearing() && key_pressed(ImGuiKey_Escape, false))) close();
  probe_item("delete/cancel");
  ImGui::EndPopup();
}

/// After a rename: offer to point the links that name the old name at the new one.
void draw_link_rewrite_question(Shell& shell) {
  EditorState& state = shell.state;
  UiRequests::LinkRewrite& offer = state.requests.link_rewrite;
  if (!offer.items.empty() && !ImGui::IsPopupOpen("Links###rewrite")) ImGui::OpenPopup("Links###rewrite");
  ImGui::SetNextWindowPos(ImGui::GetMainViewport()->GetCenter(), ImGuiCond_Appearing, ImVec2(0.5f, 0.5f));
  if (!ImGui::BeginPopupModal("Links###rewrite", nullptr, ImGuiWindowFlags_AlwaysAutoResize)) return;
  const std::size_t n = offer.items.size();
  const std::string question = std::to_string(n) + (n == 1 ? " item links" : " items link") + " to \"" + offer.old_name +
                               "\". They still find \"" + offer.new_name + "\" (the old name is kept as an alias).";
  ImGui::TextUnformatted(question.c_str());
  probe_text("rewrite/question", question);
  const auto close = [&] {
    offer = {};
    ImGui::CloseCurrentPopup();
  };
  if (ImGui::Button(("Point the links at \"" + offer.new_name + "\"").c_str())) {
    state.rewrite_links(offer.entity, offer.old_name, offer.new_name);
    close();
  }
  probe_item("rewrite/yes");
  ImGui::SameLine();
  if (ImGui::Button("Keep them as they are") || (!ImGui::IsWindowAppearing() && key_pressed(ImGuiKey_Escape, false)))
    close();
  probe_item("rewrite/no");
  ImGui::EndPopup();
}

void draw_help(Shell& shell) {
  UiRequests& r = shell.state.requests;
  if (r.show_shortcuts) ImGui::OpenPopup("Keyboard shortcuts"), r.show_shortcuts = false;
  if (r.show_about) ImGui::OpenPopup("About Uchronia"), r.show_about = false;
  if (ImGui::BeginPopupModal("Keyboard shortcuts", nullptr, ImGuiWindowFlags_AlwaysAutoResize)) {
    static const char* rows[][2] = {
        {"Ctrl+Z", "undo the last change (outside a text field)"}, {"Ctrl+Shift+Z, Ctrl+Y", "redo"},
        {"Ctrl+F", "find: focus the entries filter"}, {"Ctrl+N", "new entry after the selected one"},
        {"Ctrl+O", "open a document"}, {"Ctrl+S", "save now (changes are kept as you make them)"}, {"Ctrl+Q", "quit"}, {"Ctrl+= / Ctrl+- / Ctrl+0", "larger, smaller, normal text"},
        {"Up / Down, PgUp / PgDn", "move the selection in the entries table"}, {"Enter", "edit the selected entry"},
        {"Delete", "delete the selected entries (undoable)"},
        {"Ctrl+click, Shift+click, Ctrl+A", "select several entries in the table (then tag or delete them at once)"},
        {"Ctrl+C / Ctrl+V / Ctrl+D", "copy the selected entries as JSON / paste entries / duplicate"}, {"Enter / Tab in a field", "save that field as one revision"},
        {"Tab after [[", "complete a link to an entity or entry"}, {"wheel / drag on the timeline", "zoom / pan"},
    };
    if (ImGui::BeginTable("keys", 2, ImGuiTableFlags_RowBg)) {
      for (auto& row : rows) {
        ImGui::TableNextRow();
        ImGui::TableSetColumnIndex(0);
        ImGui::TextUnformatted(row[0]);
        ImGui::TableSetColumnIndex(1);
        ImGui::TextDisabled("%s", row[1]);
      }
      ImGui::EndTable();
    }
    if (ImGui::Button("Close") || key_pressed(ImGuiKey_Escape, false)) ImGui::CloseCurrentPopup();
    ImGui::EndPopup();
  }
  if (ImGui::BeginPopupModal("About Uchronia", nullptr, ImGuiWindowFlags_AlwaysAutoResize)) {
    ImGui::Text("Uchronia %s: a timeline editor for alternative histories.", UCHRONIA_VERSION);
    ImGui::TextDisabled("Every change is saved as it is made, with its full history, in the document file.");
    ImGui::TextDisabled("Dear ImGui %s. Font: %s", IMGUI_VERSION, shell.font_fallback ? "built-in (DejaVu Sans missing)" : "DejaVu Sans");
    if (ImGui::Button("Close") || key_pressed(ImGuiKey_Escape, false)) ImGui::CloseCurrentPopup();
    ImGui::EndPopup();
  }
}

}  // namespace

Shell::Shell() : panels(make_panels()) {}

bool Shell::open(const std::filesystem::path& path) {
  flush_edits(*this);
  if (!state.open_document(path)) {
    recent.remove(path);
    recent.save();
    return false;
  }
  recent.add(path);
  return true;
}

bool Shell::import(const std::filesystem::path& source, const std::filesystem::path& dest) {
  flush_edits(*this);
  if (!state.import_to_new_document(source, dest)) return false;
  recent.add(dest);
  const auto& rows = state.rows();
  if (std::any_of(rows.begin(), rows.end(), [](const EntryRow& r) { return !r.dated; }))
    if (Panel* tray = find_panel(panels, kUndatedTitle)) tray->open = true;
  return true;
}

void flush_edits(Shell& shell) {
  for (auto& p : shell.panels) p->flush(shell.state);
}

std::string window_title(const Shell& shell) {
  const EditorState& s = shell.state;
  if (!s.has_document()) return "Uchronia";
  std::string name = s.path().empty() ? "untitled" : s.path().filename().string();
  const char* how = s.read_only() ? "read-only" : s.editing ? "editing\xE2\x80\xA6" : "saved";
  return name + " \xE2\x80\x94 " + how + " \xE2\x80\x94 Uchronia";
}

void draw_frame(Shell& shell) {
  shell.state.poll_external();
  handle_shortcuts(shell);
  draw_menu_bar(shell);
  draw_banner(shell);
  arrange_panels(shell);
  shell.state.editing = false;   // panels holding an uncommitted edit set it again
  shell.state.background_work = false;   // and those waiting for another thread
  for (auto& panel : shell.panels) {
    if (panel->title() == std::string_view(kLegendTitle) && shell.state.requests.show_legend) panel->open = true;  // the timeline's Legend button
    if (panel->open) panel->draw(shell.state);
  }
  if (!shell.focused_once) {   // start with the keyboard in the entries table
    ImGui::SetWindowFocus(kEntriesTitle);
    shell.focused_once = true;
  }
  draw_status_bar(shell);
  handle_dialog_result(shell);
  draw_help(shell);
  draw_delete_question(shell);
  draw_link_rewrite_question(shell);
  draw_error_modal(shell);
  remember_layout(shell);
  shell.state.requests.reset_layout = false;
}

}  // namespace uch::app
