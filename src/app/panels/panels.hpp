// Factories of the editor's windows; panel_registry.cpp is the one place that lists them.
#pragma once

#include <memory>

#include "panel.hpp"

namespace uch::app {

// Window titles, used as ImGui ids, imgui.ini keys and View menu labels.
inline constexpr const char* kEntriesTitle = "Entries";
inline constexpr const char* kTimelineTitle = "Timeline";
inline constexpr const char* kEntryEditorTitle = "Entry";
inline constexpr const char* kEntitiesTitle = "Entities";
inline constexpr const char* kHistoryTitle = "History";
inline constexpr const char* kProblemsTitle = "Problems";
inline constexpr const char* kExportTitle = "Export";
inline constexpr const char* kDocumentTitle = "Document";
inline constexpr const char* kLinkSuggestionsTitle = "Link suggestions";
inline constexpr const char* kUndatedTitle = "Undated";
inline constexpr const char* kLegendTitle = "Legend";
/// Drag-and-drop payload type of an undated entry (its id) from the Undated window to the timeline.
inline constexpr const char* kUndatedDragPayload = "uchronia/undated-entry";

std::unique_ptr<Panel> make_entries_panel();
std::unique_ptr<Panel> make_timeline_panel();
std::unique_ptr<Panel> make_entry_editor_panel();
std::unique_ptr<Panel> make_entities_panel();
std::unique_ptr<Panel> make_history_panel();
std::unique_ptr<Panel> make_problems_panel();
std::unique_ptr<Panel> make_export_panel();
std::unique_ptr<Panel> make_document_panel();
std::unique_ptr<Panel> make_link_suggestions_panel();
std::unique_ptr<Panel> make_undated_panel();
std::unique_ptr<Panel> make_legend_panel();   // timeline_legend.cpp

}  // namespace uch::app
