// The editor's font atlas holds every script the document and the writer use: DejaVu Sans with
// fallback fonts merged for the characters it lacks, and only those characters.
#include <doctest/doctest.h>
#include <imgui.h>

#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <string>
#include <thread>
#include <vector>

#include "fonts.hpp"
#include "wrapped_text_core.hpp"   // decode_code_point: the editor's own UTF-8 decoder
#include "ui_harness.hpp"
#include "uchronia/store.hpp"

namespace {

using uch::Document;

// One code point per UTF-8 character of `text` (all in the 16-bit range ImGui draws).
std::vector<ImWchar> code_points(const std::string& text) {
  std::vector<ImWchar> out;
  for (std::size_t at = 0; at < text.size();) {
    const auto [c, length] = uch::app::decode_code_point(text, at);
    at += length;
    if (c != U' ') out.push_back(static_cast<ImWchar>(c));
  }
  return out;
}

const std::string kGeorgian = "საქართველო", kCjk = "東京", kHebrew = "ירושלים", kArabic = "القاهرة", kSigns = "№ €";

Document scripts_document() {
  Document doc = uch::test::small_document();
  doc.title = "Cities " + kSigns;
  doc.entries[0].title = "Capital moved to " + kGeorgian;
  doc.entries[1].body = "The treaty is signed in " + kCjk + ".";
  doc.entries[2].notes = "Pilgrims reach " + kHebrew;
  doc.entities[0].aliases.push_back(kArabic);
  return doc;
}

bool has_glyph(ImFontAtlas& atlas, ImWchar c) {
  REQUIRE(atlas.Fonts.Size == 1);   // the fallbacks are merged into the one UI font
  return atlas.Fonts[0]->FindGlyphNoFallback(c) != nullptr;
}

}  // namespace

TEST_CASE("fonts: the atlas has a real glyph for every script of the document, and no unused CJK") {
  uch::app::UiFonts fonts(16.0f);
  REQUIRE(fonts.primary_found());
  fonts.add_document(scripts_document());
  ImFontAtlas atlas;
  CHECK(fonts.build(atlas));
  for (const std::string& text : {kGeorgian, kCjk, kHebrew, kArabic, kSigns})
    for (ImWchar c : code_points(text)) {
      INFO(text, " U+", std::hex, static_cast<unsigned>(c));
      CHECK(has_glyph(atlas, c));
    }
  // The base ranges still render, and CJK the document does not use is not in the atlas.
  CHECK(has_glyph(atlas, 0x041B));                // Л
  CHECK_FALSE(has_glyph(atlas, 0x5927));          // 大
  CHECK(atlas.Fonts[0]->Glyphs.Size < 2500);      // base ranges (~1,500) + the few characters used
}

TEST_CASE("fonts: an open document's changes and what the writer types join the atlas after a rebuild") {
  uch::test::UiHarness ui;   // a real ImGui context: typed characters arrive in io.InputQueueCharacters
  ui.open(uch::test::small_document());
  ImGuiIO& io = ImGui::GetIO();
  uch::app::UiFonts fonts(16.0f);
  ImFontAtlas atlas;
  fonts.follow(ui.state());
  fonts.build(atlas);
  CHECK(has_glyph(atlas, 0x0448));                // ш: Cyrillic, always there
  CHECK_FALSE(has_glyph(atlas, 0x3042));          // あ: nobody used it yet

  io.AddInputCharactersUTF8("шあ");
  fonts.add_typed(io);
  CHECK(fonts.needs_build());
  fonts.build(atlas);
  CHECK(has_glyph(atlas, 0x0448));
  CHECK(has_glyph(atlas, 0x3042));

  // A title committed in Hebrew (here through the editor's own commit path) joins it too.
  uch::Entry e = *ui.state().entry("war");
  e.title = kHebrew;
  REQUIRE(ui.state().commit(uch::Edit().put_entry(e, ui.state().version_of("war"))));
  CHECK_FALSE(has_glyph(atlas, 0x05D9));
  fonts.follow(ui.state());
  fonts.build(atlas);
  for (ImWchar c : code_points(kHebrew)) CHECK(has_glyph(atlas, c));
}

TEST_CASE("fonts: a missing primary font falls back to the built-in one without crashing") {
  uch::app::UiFonts fonts(16.0f, "/nonexistent/DejaVuSans.ttf");
  CHECK_FALSE(fonts.primary_found());
  fonts.add_text(kCjk + " abc");
  ImFontAtlas atlas;
  CHECK_FALSE(fonts.build(atlas));
  CHECK(has_glyph(atlas, 'a'));
}

TEST_CASE("fonts: a document opened from its file renders every script of its bodies, otl and notes") {
  // The editor holds no body: their characters come from the store, streamed on the checker's thread.
  Document doc = scripts_document();
  doc.entries[3].otl = "Counterfactual: " + kArabic;
  const auto path = std::filesystem::temp_directory_path() /
                    ("uchronia-fonts-test-" + std::to_string(::getpid()) + ".uchronia");
  const auto remove = [&] {
    for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path.string() + suffix);
  };
  remove();
  uch::Store::create_from(path, doc, "tester");
  {
    uch::test::UiHarness ui;
    REQUIRE(ui.state().open_document(path));
    for (int i = 0; i < 60000 && ui.state().checking(); ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
      ui.frame();
    }
    REQUIRE_FALSE(ui.state().checking());
    uch::app::UiFonts fonts(16.0f);
    fonts.follow(ui.state());
    ImFontAtlas atlas;
    CHECK(fonts.build(atlas));
    for (const std::string& text : {kGeorgian, kCjk, kHebrew, kArabic, kSigns})
      for (ImWchar c : code_points(text)) {
        INFO(text, " U+", std::hex, static_cast<unsigned>(c));
        CHECK(has_glyph(atlas, c));
      }
    CHECK_FALSE(has_glyph(atlas, 0x5927));   // 大: nobody used it
  }
  remove();
}
