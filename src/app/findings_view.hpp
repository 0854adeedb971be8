// Inline list of one item's findings with "Acknowledge..." (asks a reason) and "Withdraw".
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "uchronia/check.hpp"

namespace uch::app {

class EditorState;

class FindingsView {
 public:
  /// Draws the findings about entry/entity `id` (cached until the findings change).
  void draw(EditorState& state, const std::string& id);

 private:
  void acknowledge(EditorState& state, const std::string& rule, const std::string* reason);

  std::string id_;
  std::uint64_t generation_ = ~0ull;
  std::vector<Finding> findings_;
  std::string ack_rule_, reason_;
  bool open_popup_ = false;
};

}  // namespace uch::app
