// The wrapped field's UI-free core: line breaking at a width, moves by displayed line, selection,
// word moves, undo inside the field, and UTF-8 that is never split.
#include <doctest/doctest.h>

#include <string>

#include "reading_text.hpp"
#include "wrapped_text_core.hpp"

using namespace uch::app;

namespace {

const AdvanceFn kOneEach = [](char32_t) { return 1.0f; };   // every code point one unit wide

std::string line_text(const WrappedTextCore& core, std::size_t i) {
  const WrappedLine& l = core.lines()[i];
  return core.text().substr(l.begin, l.end - l.begin);
}

bool on_boundary(const std::string& s, std::size_t at) {
  return at == s.size() || (static_cast<unsigned char>(s[at]) & 0xC0) != 0x80;
}

}  // namespace

TEST_CASE("a paragraph breaks after spaces at the width, and the lines give back the text") {
  const std::string text = "The bank robbery in Tiflis went wrong and Koba was shot dead in the square.";
  const auto lines = wrap_text(text, 20, kOneEach);
  REQUIRE(lines.size() >= 4);
  std::string joined;
  for (const WrappedLine& l : lines) {
    std::string shown = text.substr(l.begin, l.end - l.begin);
    while (!shown.empty() && shown.back() == ' ') shown.pop_back();   // spaces at a break hang
    CHECK(shown.size() <= 20);
    CHECK(shown.find(' ') != 0);
    joined += text.substr(l.begin, l.end - l.begin);
  }
  CHECK(joined == text);
  CHECK(lines.front().soft);
  CHECK_FALSE(lines.back().soft);
  // no word is cut when it fits on a line
  for (std::size_t i = 0; i + 1 < lines.size(); ++i) CHECK(text[lines[i].end - 1] == ' ');
}

TEST_CASE("hard line breaks end lines; an empty text or a trailing newline still has its line") {
  CHECK(wrap_text("", 10, kOneEach).size() == 1);
  const auto lines = wrap_text("one\ntwo\n", 10, kOneEach);
  REQUIRE(lines.size() == 3);
  CHECK_FALSE(lines[0].soft);
  CHECK(lines[1].begin == 4);
  CHECK(lines[2].begin == 8);
  CHECK(lines[2].end == 8);
}

TEST_CASE("a word longer than the line, or text without spaces, breaks between code points") {
  const std::string cyr = "ЖЖЖЖЖЖЖЖЖЖЖЖЖ";        // 2 bytes each
  const std::string cjk = "日本語の文章は空白なしで書かれる";   // 3 bytes each
  const std::string emoji = "𐍈𐍈𐍈𐍈𐍈𐍈𐍈";          // 4 bytes each
  for (const std::string& s : {cyr, cjk, emoji}) {
    const auto lines = wrap_text(s, 5, kOneEach);
    CHECK(lines.size() > 1);
    for (const WrappedLine& l : lines) {
      CHECK(on_boundary(s, l.begin));
      CHECK(on_boundary(s, l.end));
    }
  }
  // malformed bytes are single code points, never a reason to read past the end
  const std::string bad = std::string("ab\xE2\x82") + "cd\xFF";
  const auto lines = wrap_text(bad, 2, kOneEach);
  CHECK(lines.back().end == bad.size());
}

TEST_CASE("up and down move by displayed line, keeping the column; Home and End stay on the displayed line") {
  WrappedTextCore core;
  core.set_text("aaaa bbbb cccc dddd");   // width 10: "aaaa bbbb " / "cccc dddd"
  core.layout(10, kOneEach);
  REQUIRE(core.lines().size() == 2);
  core.set_cursor(2);   // "aa|aa"
  core.move_down(false);
  CHECK(core.cursor() == 12);   // "cc|cc": same column, on the displayed line below
  CHECK(core.line_of(core.cursor()) == 1);
  core.move_up(false);
  CHECK(core.cursor() == 2);
  core.move_end(false);
  CHECK(core.line_of(core.cursor()) == 0);   // before the hanging space, not on the next line
  CHECK(core.cursor() == 9);
  core.move_home(false);
  CHECK(core.cursor() == 0);
  core.set_cursor(14);
  core.move_home(false);
  CHECK(core.cursor() == 10);
  core.move_down(false);   // past the last line: the end of the text
  CHECK(core.cursor() == core.text().size());
}

TEST_CASE("the column is remembered across a short line") {
  WrappedTextCore core;
  core.set_text("abcdefgh\nab\nabcdefgh");
  core.layout(100, kOneEach);
  core.set_cursor(6);
  core.move_down(false);
  CHECK(core.cursor() == 11);   // end of "ab"
  core.move_down(false);
  CHECK(core.cursor() == 18);   // column 6 again
}

TEST_CASE("shift extends the selection, words move with Ctrl, and edits replace the selection") {
  WrappedTextCore core;
  core.set_text("Lenin dies in Gorki");
  core.layout(100, kOneEach);
  core.set_cursor(core.text().size());
  core.move_left(true, true);
  CHECK(core.selected_text() == "Gorki");
  core.move_left(true, true);
  CHECK(core.selected_text() == "in Gorki");
  core.insert("at home");
  CHECK(core.text() == "Lenin dies at home");
  core.move_text_start(false);
  core.move_right(true, false);
  CHECK(core.cursor() == 6);   // start of the next word
  core.select_word_at(8);
  CHECK(core.selected_text() == "dies");
  core.select_all();
  CHECK(core.selected_text() == core.text());
}

TEST_CASE("Backspace and Delete take whole code points; moves never land inside one") {
  WrappedTextCore core;
  core.set_text("Ленин №1 €");
  core.layout(100, kOneEach);
  core.move_text_end(false);
  core.backspace(false);
  CHECK(core.text() == "Ленин №1 ");
  core.move_text_start(false);
  core.erase_forward(false);
  CHECK(core.text() == "енин №1 ");
  for (int i = 0; i < 8; ++i) {
    core.move_right(false, false);
    CHECK(on_boundary(core.text(), core.cursor()));
  }
}

TEST_CASE("undo inside the field takes back a word at a time, redo puts it back") {
  WrappedTextCore core;
  core.set_text("");
  core.layout(100, kOneEach);
  for (char c : std::string("Koba lives")) core.insert(std::string(1, c));
  CHECK(core.text() == "Koba lives");
  REQUIRE(core.undo());
  CHECK(core.text() == "Koba");
  REQUIRE(core.undo());
  CHECK(core.text().empty());
  CHECK_FALSE(core.undo());
  REQUIRE(core.redo());
  REQUIRE(core.redo());
  CHECK(core.text() == "Koba lives");
  core.set_text("changed elsewhere");   // a load forgets the field's history
  CHECK_FALSE(core.can_undo());
}

TEST_CASE("the reading text: paragraphs, emphasis, strong, and [[links]] by their label") {
  const ReadingText r = reading_text("Without [[Joseph Stalin|Koba]], the *succession* is **open**.\n\n"
                                     "A second [[Leon Trotsky]] paragraph.");
  CHECK(r.text == "Without Koba, the succession is open.\n\nA second Leon Trotsky paragraph.");
  REQUIRE(r.links.size() == 2);
  CHECK(r.links[0].target == "Joseph Stalin");
  CHECK(r.links[0].label == "Koba");
  CHECK(r.links[1].label == "Leon Trotsky");
  bool emphasis = false, strong = false;
  std::size_t covered = 0;
  for (const ReadingSpan& s : r.spans) {
    CHECK(s.begin == covered);
    covered = s.end;
    const std::string piece = r.text.substr(s.begin, s.end - s.begin);
    if (piece == "succession") emphasis = (s.style & kReadEmphasis) != 0;
    if (piece == "open") strong = (s.style & kReadStrong) != 0;
    if (s.link >= 0) CHECK(piece == r.links[static_cast<std::size_t>(s.link)].label);
  }
  CHECK(covered == r.text.size());
  CHECK(emphasis);
  CHECK(strong);
  // a link whose target Markdown would otherwise read as emphasis stays a link
  const ReadingText u = reading_text("See [[a_b_c]] and [[*x*]].");
  REQUIRE(u.links.size() == 2);
  CHECK(u.links[1].target == "*x*");
}

TEST_CASE("a place in the reading text maps back to the same place in the Markdown") {
  const std::string md = "Without [[Joseph Stalin|Koba]], the *succession* is **open**.\n\n"
                         "A second\nline, with \\*stars\\* and `code` here.\n\n- one item\n- two items";
  const ReadingText r = reading_text(md);
  const auto at_word = [&](const std::string& word, std::size_t nth = 0) {
    std::size_t p = r.text.find(word);
    while (nth-- > 0) p = r.text.find(word, p + 1);
    REQUIRE(p != std::string::npos);
    return source_offset(r, p);
  };
  CHECK(at_word("Without") == 0);
  CHECK(at_word("succession") == md.find("succession"));
  CHECK(at_word("open") == md.find("open"));
  CHECK(at_word("the") == md.find("the"));
  CHECK(at_word("Koba") == md.find("[["));              // a link's name: at its brackets
  CHECK(at_word(", the") == md.find(", the"));          // just after the link
  CHECK(at_word("line") == md.find("line"));            // after a soft break
  CHECK(at_word("code") == md.find("code"));
  CHECK(at_word("here") == md.find("here"));            // after an escape the text is found again
  CHECK(at_word("two") == md.find("two"));              // in a list
  CHECK(at_word("items") == md.find("items"));
  // inside a word: the same letter
  CHECK(source_offset(r, r.text.find("succession") + 3) == md.find("succession") + 3);
  // text that cmark rewrites keeps the offsets in the Markdown and in order
  std::size_t last = 0;
  for (std::size_t i = 0; i <= r.text.size(); ++i) {
    const std::size_t s = source_offset(r, i);
    CHECK(s <= md.size());
    CHECK(s >= last);
    last = s;
  }
}
