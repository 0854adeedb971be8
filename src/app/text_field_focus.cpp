// See text_field_focus.hpp. One editing field per ImGui context; a new context (a test's) starts with none.
#include "text_field_focus.hpp"

namespace uch::app {
namespace {

struct Focus {
  ImGuiContext* context = nullptr;
  ImGuiID id = 0;
  int drawn_frame = -1;
};
Focus focus;

Focus& current() {
  if (focus.context != ImGui::GetCurrentContext() || focus.drawn_frame > ImGui::GetFrameCount())
    focus = Focus{ImGui::GetCurrentContext(), 0, -1};
  // a field no longer drawn (its panel closed, the body read again) holds nothing
  if (focus.id != 0 && focus.drawn_frame < ImGui::GetFrameCount() - 1) focus.id = 0;
  return focus;
}

}  // namespace

bool text_field_editing() { return text_field_editor() != 0; }

ImGuiID text_field_editor() { return current().id; }

void take_text_field(ImGuiID id) {
  Focus& f = current();
  f.id = id;
  f.drawn_frame = ImGui::GetFrameCount();
}

void keep_text_field(ImGuiID id) {
  Focus& f = current();
  if (f.id == id) f.drawn_frame = ImGui::GetFrameCount();
}

void forget_text_field_focus() { focus = Focus{ImGui::GetCurrentContext(), 0, -1}; }

void release_text_field(ImGuiID id) {
  Focus& f = current();
  if (f.id == id) f.id = 0;
}

}  // namespace uch::app
