// The one place the editor's windows are registered, in View-menu order.
#include "panels/panels.hpp"

namespace uch::app {

PanelList make_panels() {
  PanelList panels;
  panels.push_back(make_entries_panel());
  panels.push_back(make_timeline_panel());
  panels.push_back(make_entry_editor_panel());
  panels.push_back(make_entities_panel());
  panels.push_back(make_history_panel());
  panels.push_back(make_problems_panel());
  panels.push_back(make_export_panel());
  panels.push_back(make_document_panel());
  panels.push_back(make_link_suggestions_panel());
  panels.push_back(make_undated_panel());
  panels.push_back(make_legend_panel());
  for (auto& p : panels) p->open = p->open_by_default();
  return panels;
}

}  // namespace uch::app
