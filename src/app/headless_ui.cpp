// Headless frames of the editor: see headless_ui.hpp.
#include "headless_ui.hpp"
#include "text_field_focus.hpp"

#include <spdlog/spdlog.h>

#include "uchronia/store.hpp"

namespace uch::app {

HeadlessUi::HeadlessUi(ImVec2 display) {
  IMGUI_CHECKVERSION();
  ctx_ = ImGui::CreateContext();
  forget_text_field_focus();
  ImGuiIO& io = ImGui::GetIO();
  io.IniFilename = nullptr;
  io.LogFilename = nullptr;
  io.DisplaySize = display;
  io.DeltaTime = 1.0f / 60.0f;
  io.BackendFlags |= ImGuiBackendFlags_RendererHasVtxOffset;  // as the OpenGL 3 backend does
  const int map[][2] = {{ImGuiKey_Tab, kKeyTab},         {ImGuiKey_LeftArrow, kKeyLeft},  {ImGuiKey_RightArrow, kKeyRight},
                        {ImGuiKey_UpArrow, kKeyUp},      {ImGuiKey_DownArrow, kKeyDown},  {ImGuiKey_PageUp, kKeyPageUp},
                        {ImGuiKey_PageDown, kKeyPageDown}, {ImGuiKey_Home, kKeyHome},     {ImGuiKey_End, kKeyEnd},
                        {ImGuiKey_Insert, kKeyInsert},   {ImGuiKey_Delete, kKeyDelete},   {ImGuiKey_Backspace, kKeyBackspace},
                        {ImGuiKey_Space, kKeySpace},     {ImGuiKey_Enter, kKeyEnter},     {ImGuiKey_Escape, kKeyEscape},
                        {ImGuiKey_KeyPadEnter, kKeyKeypadEnter}, {ImGuiKey_A, 'A'},       {ImGuiKey_C, 'C'},
                        {ImGuiKey_V, 'V'},               {ImGuiKey_X, 'X'},               {ImGuiKey_Y, 'Y'},
                        {ImGuiKey_Z, 'Z'}};
  for (auto& m : map) io.KeyMap[m[0]] = m[1];
  io.Fonts->AddFontDefault();
  io.Fonts->Build();
  unsigned char* pixels = nullptr;
  int w = 0, h = 0;
  io.Fonts->GetTexDataAsRGBA32(&pixels, &w, &h);
  probe_enable(true);
  spdlog::set_level(spdlog::level::off);  // modal messages are asserted on, not logged
  shell.state.set_author("tester");
}

HeadlessUi::~HeadlessUi() {
  probe_enable(false);
  probe_clear();
  ImGui::DestroyContext(ctx_);
}

void HeadlessUi::open(const Document& doc) {
  Store store = Store::in_memory();
  store.import_document(doc, "tester");
  shell.state.adopt(std::move(store));
  frames(3);
}

void HeadlessUi::frame() {
  probe_clear();
  ImGui::NewFrame();
  draw_frame(shell);
  ImGui::Render();
}

void HeadlessUi::frames(int n) {
  for (int i = 0; i < n; ++i) frame();
}

void HeadlessUi::move_to(float x, float y) {
  ImGui::GetIO().MousePos = ImVec2(x, y);
  frame();
}

void HeadlessUi::click_at(float x, float y) {
  ImGuiIO& io = ImGui::GetIO();
  move_to(x, y);
  io.MouseDown[0] = true;
  frame();
  io.MouseDown[0] = false;
  frame();
  frame();
}

void HeadlessUi::wheel(float x, float y, float amount) {
  ImGuiIO& io = ImGui::GetIO();
  move_to(x, y);
  io.MouseWheel = amount;
  frame();
  io.MouseWheel = 0;
  frame();
}

void HeadlessUi::type(const std::string& text) {
  ImGui::GetIO().AddInputCharactersUTF8(text.c_str());
  frame();
}

void HeadlessUi::key(int code, bool ctrl, bool shift) {
  ImGuiIO& io = ImGui::GetIO();
  io.KeyCtrl = ctrl;
  io.KeyShift = shift;
  io.KeysDown[code] = true;
  frame();
  io.KeysDown[code] = false;
  frame();
  io.KeyCtrl = io.KeyShift = false;
  frame();
}

}  // namespace uch::app
