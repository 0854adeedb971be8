// The editor's font: DejaVu Sans with Latin, Latin Extended, Greek and Cyrillic glyphs.
#include "fonts.hpp"

#include <filesystem>

#include <imgui.h>
#include <spdlog/spdlog.h>

#ifndef UCHRONIA_FONT_PATH
#define UCHRONIA_FONT_PATH "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
#endif

namespace uch::app {

bool load_fonts(ImGuiIO& io, float scale) {
  static const ImWchar ranges[] = {
      0x0020, 0x00FF,  // Basic Latin + Latin-1
      0x0100, 0x024F,  // Latin Extended-A and B
      0x0370, 0x03FF,  // Greek
      0x0400, 0x052F,  // Cyrillic + supplement
      0x1E00, 0x1EFF,  // Latin Extended Additional
      0x2000, 0x206F,  // punctuation: dashes, quotes, ellipsis
      0x2190, 0x21FF,  // arrows
      0x25A0, 0x25FF,  // geometric shapes (badges)
      0,
  };
  io.Fonts->Clear();
  std::error_code ec;
  if (std::filesystem::is_regular_file(UCHRONIA_FONT_PATH, ec)) {
    ImFontConfig config;
    config.OversampleH = 2;
    if (io.Fonts->AddFontFromFileTTF(UCHRONIA_FONT_PATH, 16.0f * scale, &config, ranges)) return true;
  }
  spdlog::warn("font {} not found or unreadable: using the built-in font (only basic Latin renders)", UCHRONIA_FONT_PATH);
  ImFontConfig config;
  config.SizePixels = 13.0f * scale;
  io.Fonts->AddFontDefault(&config);
  return false;
}

}  // namespace uch::app
