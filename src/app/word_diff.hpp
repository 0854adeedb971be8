// Word-level difference of two texts, and drawing it with removed/added words coloured.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace uch::app {

struct DiffPiece {
  enum Kind { Same, Removed, Added } kind = Same;
  std::string text;
};

/// Words (with the spaces after them) of `before` and `after` aligned by longest common
/// subsequence; texts too long for that come back as one removal and one addition.
std::vector<DiffPiece> word_diff(std::string_view before, std::string_view after);

/// Draws the pieces as wrapped text: removed words red and struck through, added ones green.
void draw_word_diff(const std::vector<DiffPiece>& pieces);

}  // namespace uch::app
