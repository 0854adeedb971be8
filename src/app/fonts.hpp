// The editor's font: DejaVu Sans with Latin, Latin Extended, Greek and Cyrillic glyphs.
#pragma once

struct ImGuiIO;

namespace uch::app {

/// Loads the UI font at 16 px times `scale`; falls back to ImGui's built-in font (logged).
/// Returns false when the fallback was used.
bool load_fonts(ImGuiIO& io, float scale);

}  // namespace uch::app
