// Document window: the timeline's own title and description, edited like any field (one revision each).
#include <imgui.h>
#include <imgui_stdlib.h>

#include "editor_state.hpp"
#include "panels/panels.hpp"
#include "ui_common.hpp"
#include "wrapped_text_field.hpp"

namespace uch::app {
namespace {

class DocumentPanel final : public Panel {
 public:
  DocumentPanel() : Panel(kDocumentTitle) {}

  void default_rect(float& x, float& y, float& w, float& h) const override {
    x = 0.30f, y = 0.20f, w = 0.40f, h = 0.40f;
  }
  bool open_by_default() const override { return false; }
  void flush(EditorState& state) override { commit(state); }

  void draw(EditorState& state) override {
    if (!begin_window(state)) return;
    if (!state.has_document()) {
      ImGui::TextDisabled("No document is open.");
      ImGui::End();
      return;
    }
    // Another document, or a change made elsewhere (undo, another program): show it, unless typing.
    if ((loaded_generation_ != state.generation() || serial_ != state.document_serial()) && !active_) {
      loaded_generation_ = state.generation();
      serial_ = state.document_serial();
      title_ = state.document().title;
      description_ = state.document().description;
    }
    const ImGuiInputTextFlags ro = state.read_only() ? ImGuiInputTextFlags_ReadOnly : 0;
    active_ = false;
    ImGui::TextUnformatted("Title");
    ImGui::SetNextItemWidth(-FLT_MIN);
    ImGui::InputText("##title", &title_, ro);
    after_field(state, "document/title");
    ImGui::TextUnformatted("Description (Markdown, [[links]])");
    WrappedFieldOptions o;
    o.read_only = state.read_only();
    o.fill = true;
    after_field(state, "document/description", description_field_.draw("##description", &description_, o));
    ImGui::End();
  }

 private:
  void after_field(EditorState& state, const char* key) {
    probe_item(key);
    active_ |= ImGui::IsItemActive();
    if (ImGui::IsItemDeactivatedAfterEdit()) commit(state);
  }
  /// After a wrapped field, which says itself whether it is active or gave the keyboard up after an edit.
  void after_field(EditorState& state, const char* key, const WrappedFieldResult& field) {
    probe_item(key);
    active_ |= field.active;
    if (field.committed) commit(state);
  }

  void commit(EditorState& state) {
    if (!state.has_document() || state.read_only() || serial_ != state.document_serial()) return;
    Edit edit;
    if (title_ != state.document().title) edit.set_title(title_);
    if (description_ != state.document().description) edit.set_description(description_);
    if (edit.empty()) return;
    if (state.commit(edit)) loaded_generation_ = state.generation();
  }

  std::string title_, description_;
  std::uint64_t loaded_generation_ = ~0ull, serial_ = ~0ull;
  bool active_ = false;
  WrappedTextField description_field_;
};

}  // namespace

std::unique_ptr<Panel> make_document_panel() { return std::make_unique<DocumentPanel>(); }

}  // namespace uch::app
