// Where the editor's glyphs come from: the primary font file, and for each code point it lacks,
// an installed font that has it (found through fontconfig, checked with stb_truetype).
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <memory>
#include <string>
#include <vector>

namespace uch::app {

/// One face of a font file, loaded in memory, as Dear ImGui's stb_truetype reads it.
struct FontFace {
  std::string path;
  int index = 0;                                        // face within a collection (.ttc)
  std::shared_ptr<const std::vector<unsigned char>> data;
  std::shared_ptr<const void> info;                     // stbtt_fontinfo of this face
  bool has(char32_t cp) const;
};

class FontSources {
 public:
  /// `primary_path` may be missing or unreadable: primary() is then null.
  explicit FontSources(std::string primary_path);
  ~FontSources();
  FontSources(const FontSources&) = delete;
  FontSources& operator=(const FontSources&) = delete;

  const FontFace* primary() const { return primary_ ? &*primary_ : nullptr; }
  /// The fallback face (an index for face()) that supplies `cp`, or -1 when no installed font has it.
  int fallback_for(char32_t cp);
  const FontFace& face(int i) const { return faces_[static_cast<std::size_t>(i)]; }

 private:
  struct Candidate;
  void list_candidates();
  std::optional<FontFace> load(const std::string& path, int index);

  std::optional<FontFace> primary_;
  std::vector<FontFace> faces_;                 // fallbacks in use
  std::vector<Candidate> candidates_;           // installed fonts in fontconfig's order
  bool listed_ = false;
  void* font_set_ = nullptr;                    // FcFontSet owning the candidates' charsets
  std::map<std::string, std::shared_ptr<const std::vector<unsigned char>>> files_;
};

}  // namespace uch::app
