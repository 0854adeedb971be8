// Drawing made faint: every vertex a scope adds to a draw list has its alpha scaled down, so a view can
// dim what it draws (the timeline's entries the entries filter leaves out) without a second colour
// for every mark.
#pragma once

#include <imgui.h>

namespace uch::app {

class DimmedDrawing {
 public:
  DimmedDrawing(ImDrawList* dl, bool on, float alpha = 0.22f) : dl_(on ? dl : nullptr), first_(dl->VtxBuffer.Size), alpha_(alpha) {}
  ~DimmedDrawing() {
    if (!dl_) return;
    for (int i = first_; i < dl_->VtxBuffer.Size; ++i) {
      ImU32& c = dl_->VtxBuffer[i].col;
      const ImU32 a = static_cast<ImU32>(static_cast<float>((c >> IM_COL32_A_SHIFT) & 0xFF) * alpha_);
      c = (c & ~IM_COL32_A_MASK) | (a << IM_COL32_A_SHIFT);
    }
  }
  DimmedDrawing(const DimmedDrawing&) = delete;
  DimmedDrawing& operator=(const DimmedDrawing&) = delete;

 private:
  ImDrawList* dl_;
  int first_;
  float alpha_;
};

}  // namespace uch::app
