// A picture in a panel (the Export panel's chart preview): PNG bytes decoded once and shown
// scaled to the room given. With no OpenGL context (the headless tests) the picture is not
// uploaded and a framed box of the same proportions stands in for it.
#pragma once

#include <string>

namespace uch::app {

class ChartPreview {
 public:
  ChartPreview() = default;
  ~ChartPreview();
  ChartPreview(const ChartPreview&) = delete;
  ChartPreview& operator=(const ChartPreview&) = delete;

  /// Replaces the picture; false (and no picture) when `png` does not decode.
  bool set_png(const std::string& png);
  void clear();
  /// Draws the picture at most `max_width` wide and `max_height` high, keeping its proportions.
  void draw(float max_width, float max_height) const;

  int width() const { return width_; }
  int height() const { return height_; }

 private:
  int width_ = 0, height_ = 0;
  unsigned texture_ = 0;   // 0: not uploaded
};

}  // namespace uch::app
