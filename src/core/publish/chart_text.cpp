// Text in the chart: XML escaping for SVG and the width of a label in the chart's font.
#include <fontconfig/fontconfig.h>
#include <ft2build.h>
#include FT_FREETYPE_H

#include <mutex>
#include <unordered_map>

#include "model/utf8.hpp"
#include "uchronia/chart.hpp"

namespace uch {
namespace {

bool forbidden_in_xml(char32_t cp) {
  if (cp < 0x20) return cp != 0x09 && cp != 0x0A && cp != 0x0D;
  if (cp >= 0x7F && cp <= 0x9F) return true;                  // C1 controls: allowed by XML, never wanted
  if (cp == 0xFFFE || cp == 0xFFFF) return true;
  return (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069);   // bidi embeddings, overrides, isolates
}

/// Advances of DejaVu Sans (per pixel of font size), loaded once through fontconfig and FreeType.
class ChartFont {
 public:
  static ChartFont& instance() {
    static ChartFont font;
    return font;
  }
  float advance(char32_t cp) {
    std::lock_guard lock(mutex_);
    if (cp < 128 && ascii_[cp] >= 0) return ascii_[cp];
    auto f = cache_.find(cp);
    if (f != cache_.end()) return f->second;
    const float a = load(cp);
    if (cp < 128) ascii_[cp] = a;
    else cache_.emplace(cp, a);
    return a;
  }

 private:
  ChartFont() {
    for (float& a : ascii_) a = -1;
    if (FT_Init_FreeType(&library_) != 0) return;
    FcConfig* config = FcInitLoadConfigAndFonts();
    if (!config) return;
    FcPattern* pattern = FcNameParse(reinterpret_cast<const FcChar8*>("DejaVu Sans"));
    FcConfigSubstitute(config, pattern, FcMatchPattern);
    FcDefaultSubstitute(pattern);
    FcResult result = FcResultNoMatch;
    FcPattern* match = FcFontMatch(config, pattern, &result);
    FcChar8* file = nullptr;
    if (match && FcPatternGetString(match, FC_FILE, 0, &file) == FcResultMatch && file)
      if (FT_New_Face(library_, reinterpret_cast<const char*>(file), 0, &face_) != 0) face_ = nullptr;
    if (match) FcPatternDestroy(match);
    FcPatternDestroy(pattern);
    FcConfigDestroy(config);
  }
  float load(char32_t cp) const {
    const bool wide = (cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0xA4CF) || (cp >= 0xAC00 && cp <= 0xD7A3) ||
                      (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0xFF00 && cp <= 0xFF60) || cp >= 0x20000;
    const float estimate = wide ? 1.0f : 0.62f;   // CJK is square; else about DejaVu's mean advance
    if (!face_) return estimate;
    const FT_UInt glyph = FT_Get_Char_Index(face_, cp);
    if (glyph == 0 || FT_Load_Glyph(face_, glyph, FT_LOAD_NO_SCALE | FT_LOAD_NO_HINTING) != 0) return estimate;
    return static_cast<float>(face_->glyph->metrics.horiAdvance) / static_cast<float>(face_->units_per_EM);
  }
  std::mutex mutex_;
  FT_Library library_ = nullptr;
  FT_Face face_ = nullptr;
  float ascii_[128];
  std::unordered_map<char32_t, float> cache_;
};

}  // namespace

std::string xml_escape(std::string_view text) {
  std::string out;
  out.reserve(text.size() + 8);
  for (std::size_t i = 0; i < text.size();) {
    const utf8::Decoded d = utf8::decode(text, i);
    if (d.cp == utf8::kInvalid || forbidden_in_xml(d.cp)) out += "\xEF\xBF\xBD";
    else if (d.cp == '&') out += "&amp;";
    else if (d.cp == '<') out += "&lt;";
    else if (d.cp == '>') out += "&gt;";
    else if (d.cp == '"') out += "&quot;";
    else if (d.cp == '\'') out += "&#39;";
    else out.append(text.substr(i, d.len));
    i += d.len;
  }
  return out;
}

float chart_text_width(std::string_view text, float size_px) {
  ChartFont& font = ChartFont::instance();
  float w = 0;
  for (std::size_t i = 0; i < text.size();) {
    const utf8::Decoded d = utf8::decode(text, i);
    w += font.advance(d.cp == utf8::kInvalid ? 0xFFFD : d.cp);
    i += d.len;
  }
  return w * size_px;
}

}  // namespace uch
