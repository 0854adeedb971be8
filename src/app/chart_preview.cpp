// A picture in a panel: see chart_preview.hpp.
#include "chart_preview.hpp"

#include <algorithm>
#include <cstdint>

#include <GLFW/glfw3.h>   // its OpenGL header: texture calls of OpenGL 1.1, in every context
#include <imgui.h>
#include <stb/stb_image.h>

namespace uch::app {

ChartPreview::~ChartPreview() { clear(); }

void ChartPreview::clear() {
  if (texture_ != 0 && glfwGetCurrentContext() != nullptr) {
    const GLuint t = texture_;
    glDeleteTextures(1, &t);
  }
  texture_ = 0;
  width_ = height_ = 0;
}

bool ChartPreview::set_png(const std::string& png) {
  clear();
  int w = 0, h = 0, channels = 0;
  unsigned char* pixels = stbi_load_from_memory(reinterpret_cast<const stbi_uc*>(png.data()),
                                                static_cast<int>(png.size()), &w, &h, &channels, 4);
  if (pixels == nullptr) return false;
  width_ = w;
  height_ = h;
  GLint max_side = 0;
  if (glfwGetCurrentContext() != nullptr) glGetIntegerv(GL_MAX_TEXTURE_SIZE, &max_side);
  // Headless tests have no context, and a chart taller than the driver's largest texture cannot be
  // uploaded: only the size is kept and the framed box stands in.
  if (w <= max_side && h <= max_side) {
    GLuint t = 0;
    glGenTextures(1, &t);
    glBindTexture(GL_TEXTURE_2D, t);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_LINEAR);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_LINEAR);
    glPixelStorei(GL_UNPACK_ALIGNMENT, 1);
    glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA, w, h, 0, GL_RGBA, GL_UNSIGNED_BYTE, pixels);
    texture_ = t;
  }
  stbi_image_free(pixels);
  return true;
}

void ChartPreview::draw(float max_width, float max_height) const {
  if (width_ <= 0 || height_ <= 0) return;
  const float scale = std::min({1.0f, max_width / static_cast<float>(width_), max_height / static_cast<float>(height_)});
  const ImVec2 size(static_cast<float>(width_) * scale, static_cast<float>(height_) * scale);
  if (texture_ != 0) {
    ImGui::Image(reinterpret_cast<ImTextureID>(static_cast<std::uintptr_t>(texture_)), size);
    return;
  }
  const ImVec2 at = ImGui::GetCursorScreenPos();
  ImGui::GetWindowDrawList()->AddRect(at, ImVec2(at.x + size.x, at.y + size.y), ImGui::GetColorU32(ImGuiCol_Border));
  ImGui::Dummy(size);
}

}  // namespace uch::app
