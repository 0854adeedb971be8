// What the date field says as the writer types: "26 June 1907, exact", or in red why not.
#pragma once

#include <string>

namespace uch::app {

struct DateFeedback {
  bool ok = true;        // false: shown in red, the text says what is wrong
  std::string text;
};

/// Reads `typed` as read_typed_date does (the stored value); `julian`: the item is Old Style now.
DateFeedback describe_typed_date(const std::string& typed, bool julian);

}  // namespace uch::app
