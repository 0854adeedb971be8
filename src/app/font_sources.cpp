// Fallback fonts: see font_sources.hpp.
//
// Why fontconfig rather than a fixed list of files: it knows every installed font and its
// coverage (Debian's Noto packages alone are hundreds of files, one or more per script), ranks
// them as the desktop does for "sans-serif" (so Noto Sans CJK's face follows the locale), and
// needs no path written here that a packaging change would break. Its answer is then checked
// with stb_truetype, the rasteriser Debian's Dear ImGui itself links, so a face is only used
// for the code points that ImGui will really find in it.
#include "font_sources.hpp"

#include <fstream>
#include <iterator>

#include <fontconfig/fontconfig.h>
#include <spdlog/spdlog.h>
#include <stb/stb_truetype.h>

namespace uch::app {

struct FontSources::Candidate {
  std::string path;
  int index = 0;
  FcCharSet* charset = nullptr;   // owned by font_set_
  int face = -1;                  // index in faces_ once loaded
  bool unusable = false;          // stb_truetype cannot read it
};

bool FontFace::has(char32_t cp) const {
  return stbtt_FindGlyphIndex(static_cast<const stbtt_fontinfo*>(info.get()), static_cast<int>(cp)) != 0;
}

FontSources::FontSources(std::string primary_path) { primary_ = load(primary_path, 0); }

FontSources::~FontSources() {
  if (font_set_) FcFontSetDestroy(static_cast<FcFontSet*>(font_set_));
}

std::optional<FontFace> FontSources::load(const std::string& path, int index) {
  auto& bytes = files_[path];
  if (!bytes) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return std::nullopt;
    auto data = std::make_shared<std::vector<unsigned char>>(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    if (!in.good() && !in.eof()) return std::nullopt;
    bytes = std::move(data);
  }
  const int offset = stbtt_GetFontOffsetForIndex(bytes->data(), index);
  if (offset < 0) return std::nullopt;
  auto info = std::make_shared<stbtt_fontinfo>();
  if (!stbtt_InitFont(info.get(), bytes->data(), offset)) return std::nullopt;
  return FontFace{path, index, bytes, std::move(info)};
}

void FontSources::list_candidates() {
  listed_ = true;
  if (!FcInit()) {
    spdlog::warn("fontconfig could not initialise: no fallback fonts (only the primary font's glyphs render)");
    return;
  }
  FcPattern* pattern = FcNameParse(reinterpret_cast<const FcChar8*>("sans-serif:weight=regular:slant=roman"));
  if (!pattern) return;
  FcConfigSubstitute(nullptr, pattern, FcMatchPattern);
  FcDefaultSubstitute(pattern);
  FcResult result = FcResultNoMatch;
  FcFontSet* set = FcFontSort(nullptr, pattern, FcFalse, nullptr, &result);
  FcPatternDestroy(pattern);
  if (!set) return;
  font_set_ = set;
  for (int i = 0; i < set->nfont; ++i) {
    FcPattern* font = set->fonts[i];
    FcChar8* file = nullptr;
    FcCharSet* charset = nullptr;
    FcChar8* format = nullptr;
    FcBool outline = FcFalse, color = FcFalse;
    int index = 0;
    if (FcPatternGetString(font, FC_FILE, 0, &file) != FcResultMatch ||
        FcPatternGetCharSet(font, FC_CHARSET, 0, &charset) != FcResultMatch)
      continue;
    FcPatternGetInteger(font, FC_INDEX, 0, &index);
    // stb_truetype draws TrueType and CFF outlines; not bitmaps, nor colour (emoji) tables.
    if (FcPatternGetBool(font, FC_OUTLINE, 0, &outline) == FcResultMatch && !outline) continue;
    if (FcPatternGetBool(font, FC_COLOR, 0, &color) == FcResultMatch && color) continue;
    if (FcPatternGetString(font, FC_FONTFORMAT, 0, &format) == FcResultMatch) {
      const std::string f = reinterpret_cast<const char*>(format);
      if (f != "TrueType" && f != "CFF") continue;
    }
    if (index < 0 || index > 0xFFFF) continue;   // variable-font instances: not for stb_truetype
    candidates_.push_back(Candidate{reinterpret_cast<const char*>(file), index, charset});
  }
}

int FontSources::fallback_for(char32_t cp) {
  if (!listed_) list_candidates();
  for (Candidate& c : candidates_) {
    if (c.unusable || !FcCharSetHasChar(c.charset, static_cast<FcChar32>(cp))) continue;
    if (c.face < 0) {
      std::optional<FontFace> face = load(c.path, c.index);
      if (!face) {
        c.unusable = true;
        spdlog::warn("font {} (face {}) cannot be read: skipped", c.path, c.index);
        continue;
      }
      c.face = static_cast<int>(faces_.size());
      faces_.push_back(std::move(*face));
    }
    if (faces_[static_cast<std::size_t>(c.face)].has(cp)) return c.face;
  }
  return -1;
}

}  // namespace uch::app
