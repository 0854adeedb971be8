// A wrapped multi-line Markdown field whose `[[` offers entity and entry names to complete.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <imgui.h>

#include "wrapped_text_field.hpp"

namespace uch::app {

class EditorState;

class LinkCompletion {
 public:
  /// The field. True when it lost focus after an edit (the caller commits); while the
  /// writer is clicking a suggestion the commit is held back so the two make one revision.
  bool input(EditorState& state, const char* id, std::string* text, WrappedFieldOptions options);
  /// The suggestion list under the field. True when the caller should commit now.
  bool draw_suggestions(EditorState& state, std::string* text);
  bool pending() const { return pending_commit_; }
  /// What the field did in the last input() (active, Tab, ...).
  const WrappedFieldResult& result() const { return result_; }

 private:
  void update_suggestions(EditorState& state);

  struct Candidate {
    std::string folded, display;
  };
  WrappedTextField field_;
  WrappedFieldResult result_;
  std::vector<Candidate> candidates_;
  std::uint64_t candidates_generation_ = 0;
  std::vector<std::string> suggestions_;
  std::string prefix_, suggested_for_ = "\x01";
  int start_ = -1, cursor_ = 0;     // bytes: first char after "[[", cursor
  bool active_ = false, pending_commit_ = false, list_shown_ = false;
  ImVec2 list_min_, list_max_;
};

}  // namespace uch::app
