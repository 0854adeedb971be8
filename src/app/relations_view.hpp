// The relations of one entry (before/after/causes/ends/during): list, change type, remove, add.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "uchronia/model.hpp"

namespace uch::app {

class EditorState;

class RelationsView {
 public:
  void draw(EditorState& state, const std::string& id);

 private:
  void refresh(EditorState& state, const std::string& id);
  void draw_add(EditorState& state);

  std::string id_;
  std::uint64_t generation_ = 0;
  std::vector<Relation> mine_;           // relations from or to this entry
  int new_type_ = 0;
  std::string target_text_, matched_for_ = "\x01", target_id_;
  std::vector<std::pair<std::string, std::string>> matches_;  // id, title
};

}  // namespace uch::app
