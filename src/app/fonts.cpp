// The editor's fonts: see fonts.hpp.
#include "fonts.hpp"

#include <chrono>
#include <cstdint>
#include <cstring>

#include <spdlog/fmt/fmt.h>
#include <spdlog/spdlog.h>

#include "editor_state.hpp"

#ifndef UCHRONIA_FONT_PATH
#define UCHRONIA_FONT_PATH "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
#endif

namespace uch::app {
namespace {

const ImWchar kBaseRanges[] = {
    0x0020, 0x00FF,  // Basic Latin + Latin-1
    0x0100, 0x024F,  // Latin Extended-A and B
    0x0370, 0x03FF,  // Greek
    0x0400, 0x052F,  // Cyrillic + supplement
    0x1E00, 0x1EFF,  // Latin Extended Additional
    0x2000, 0x206F,  // punctuation: dashes, quotes, ellipsis
    0x2190, 0x21FF,  // arrows
    0x25A0, 0x25FF,  // geometric shapes (badges)
    0,
};

/// The script a code point belongs to, for the log line that says which one has no font.
std::string script_of(char32_t cp) {
  static const struct { char32_t first, last; const char* name; } kScripts[] = {
      {0x0530, 0x058F, "Armenian"},   {0x0590, 0x05FF, "Hebrew"},      {0x0600, 0x06FF, "Arabic"},
      {0x0700, 0x074F, "Syriac"},     {0x0780, 0x07BF, "Thaana"},      {0x0900, 0x097F, "Devanagari"},
      {0x0980, 0x09FF, "Bengali"},    {0x0A00, 0x0A7F, "Gurmukhi"},    {0x0B80, 0x0BFF, "Tamil"},
      {0x0E00, 0x0E7F, "Thai"},       {0x0F00, 0x0FFF, "Tibetan"},     {0x10A0, 0x10FF, "Georgian"},
      {0x1100, 0x11FF, "Hangul"},     {0x1200, 0x139F, "Ethiopic"},    {0x1780, 0x17FF, "Khmer"},
      {0x20A0, 0x20CF, "currency symbols"}, {0x2100, 0x214F, "letterlike symbols"},
      {0x3040, 0x309F, "Hiragana"},   {0x30A0, 0x30FF, "Katakana"},    {0x3400, 0x4DBF, "CJK"},
      {0x4E00, 0x9FFF, "CJK"},        {0xAC00, 0xD7AF, "Hangul"},      {0xF900, 0xFAFF, "CJK"},
      {0xFB1D, 0xFB4F, "Hebrew"},     {0xFB50, 0xFDFF, "Arabic"},      {0xFE70, 0xFEFF, "Arabic"},
  };
  for (const auto& s : kScripts)
    if (cp >= s.first && cp <= s.last) return s.name;
  return fmt::format("the block of U+{:04X}", static_cast<unsigned>(cp & ~0x7Fu));
}

}  // namespace

bool in_base_ranges(char32_t cp) {
  for (const ImWchar* r = kBaseRanges; r[0]; r += 2)
    if (cp >= r[0] && cp <= r[1]) return true;
  return false;
}

std::string UiFonts::default_font_path() { return UCHRONIA_FONT_PATH; }

UiFonts::UiFonts(float pixel_size, std::string primary_path)
    : pixel_size_(pixel_size), sources_(std::move(primary_path)), seen_(0x10000, false) {}

void UiFonts::add_code_point(char32_t cp) {
  if (cp > 0xFFFF) {   // Debian's Dear ImGui is built with 16-bit ImWchar: it cannot draw these
    if (!warned_astral_) spdlog::info("characters beyond U+FFFF (e.g. U+{:X}) show as '?': ImGui's 16-bit characters", static_cast<unsigned>(cp));
    warned_astral_ = true;
    return;
  }
  if (cp < 0x20 || (cp >= 0xD800 && cp <= 0xDFFF) || seen_[cp]) return;
  seen_[cp] = true;
  if (in_base_ranges(cp)) return;
  ++extra_count_;
  pending_.push_back(cp);
}

void UiFonts::add_text(std::string_view utf8) {
  const auto* p = reinterpret_cast<const unsigned char*>(utf8.data());
  const auto* end = p + utf8.size();
  while (p < end) {
    // ASCII (most of any document) is always in the atlas: skip it eight bytes at a time.
    std::uint64_t word = 0;
    while (end - p >= 8 && (std::memcpy(&word, p, 8), (word & 0x8080808080808080ull) == 0)) p += 8;
    if (p == end) break;
    const unsigned c = *p;
    if (c < 0x80) {
      ++p;
      continue;
    }
    int tail = 0;
    char32_t cp = 0;
    if ((c & 0xE0) == 0xC0) tail = 1, cp = c & 0x1F;
    else if ((c & 0xF0) == 0xE0) tail = 2, cp = c & 0x0F;
    else if ((c & 0xF8) == 0xF0) tail = 3, cp = c & 0x07;
    if (tail == 0 || end - p <= tail) {   // a stray or truncated byte: skipped
      ++p;
      continue;
    }
    bool valid = true;
    for (int i = 1; i <= tail && valid; ++i) {
      valid = (p[i] & 0xC0) == 0x80;
      cp = (cp << 6) | (p[i] & 0x3F);
    }
    if (!valid) {
      ++p;
      continue;
    }
    p += tail + 1;
    add_code_point(cp);
  }
}

void UiFonts::add_entry(const Entry& e) {
  add_text(e.title);
  add_text(e.body);
  add_text(e.otl);
  add_text(e.notes);
  for (const std::string& t : e.tags) add_text(t);
}

void UiFonts::add_entity(const Entity& e) {
  add_text(e.name);
  add_text(e.notes);
  for (const std::string& a : e.aliases) add_text(a);
}

void UiFonts::add_document(const Document& doc) {
  add_text(doc.title);
  add_text(doc.description);
  for (const Entry& e : doc.entries) add_entry(e);
  for (const Entity& e : doc.entities) add_entity(e);
}

void UiFonts::add_typed(const ImGuiIO& io) {
  for (ImWchar c : io.InputQueueCharacters) add_code_point(c);
}

void UiFonts::follow(EditorState& state) {
  EditorState::TextChanges changes = state.take_text_changes();
  // The entries' bodies are not in the editor's snapshot: their characters come as code points,
  // gathered where the entries are read (at an open, on the thread that builds the checker).
  for (char32_t cp : changes.code_points) add_code_point(cp);
  if (changes.everything) {
    const auto t0 = std::chrono::steady_clock::now();
    add_document(state.document());
    for (const EntryRow& r : state.rows()) {
      add_text(r.title);
      for (const std::string& t : r.tags) add_text(t);
    }
    const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
    spdlog::info("fonts: scanned {} entries and {} entities in {:.1f} ms: {} characters beyond the base ranges so far",
                 state.rows().size(), state.document().entities.size(), ms, extra_count_);
    return;
  }
  for (const std::string& id : changes.items) {
    if (const Entry* e = state.entry(id)) add_entry(*e);
    else if (const Entity* n = state.entity(id)) add_entity(*n);
  }
  if (changes.meta) {
    add_text(state.document().title);
    add_text(state.document().description);
  }
}

bool UiFonts::resolve(char32_t cp) {
  const auto c = static_cast<ImWchar>(cp);
  if (sources_.primary() && sources_.primary()->has(cp)) {
    primary_extra_.push_back(c);
    return true;
  }
  const int face = sources_.fallback_for(cp);
  if (face >= 0) {
    if (fallback_cps_.size() <= static_cast<std::size_t>(face)) fallback_cps_.resize(static_cast<std::size_t>(face) + 1);
    fallback_cps_[static_cast<std::size_t>(face)].push_back(c);
    return true;
  }
  const std::string script = script_of(cp);
  if (missing_logged_.insert(script).second)
    spdlog::warn("no installed font has U+{:04X} ({}): such characters show as '?' (Debian: install fonts-noto-core, fonts-noto-cjk)",
                 static_cast<unsigned>(cp), script);
  return false;
}

void UiFonts::resolve_pending() {
  for (char32_t cp : pending_) dirty_ = resolve(cp) || dirty_;
  pending_.clear();
}

bool UiFonts::build(ImFontAtlas& atlas) {
  resolve_pending();
  dirty_ = false;
  atlas.Clear();
  ranges_.clear();
  ranges_.reserve(1 + fallback_cps_.size());   // ImGui keeps pointers into these: no reallocation
  auto ranges_of = [&](const ImWchar* base, const std::vector<ImWchar>& chars) {
    ImFontGlyphRangesBuilder builder;
    if (base) builder.AddRanges(base);
    for (ImWchar c : chars) builder.AddChar(c);
    ranges_.emplace_back();
    builder.BuildRanges(&ranges_.back());
    return ranges_.back().Data;
  };
  const FontFace* primary = sources_.primary();
  if (primary) {
    ImFontConfig config;
    config.FontDataOwnedByAtlas = false;   // the bytes stay in FontSources across rebuilds
    config.OversampleH = 2;
    atlas.AddFontFromMemoryTTF(const_cast<unsigned char*>(primary->data->data()), static_cast<int>(primary->data->size()),
                               pixel_size_, &config, ranges_of(kBaseRanges, primary_extra_));
  } else {
    spdlog::warn("font {} not found or unreadable: using the built-in font (only basic Latin renders)", default_font_path());
    ImFontConfig config;
    config.SizePixels = 13.0f * pixel_size_ / 16.0f;
    atlas.AddFontDefault(&config);
  }
  for (std::size_t i = 0; i < fallback_cps_.size(); ++i) {
    if (fallback_cps_[i].empty()) continue;
    const FontFace& face = sources_.face(static_cast<int>(i));
    ImFontConfig config;
    config.MergeMode = true;
    config.FontDataOwnedByAtlas = false;
    config.FontNo = face.index;
    config.OversampleH = 1;   // CJK can bring thousands of glyphs: keep the texture small
    atlas.AddFontFromMemoryTTF(const_cast<unsigned char*>(face.data->data()), static_cast<int>(face.data->size()),
                               pixel_size_, &config, ranges_of(nullptr, fallback_cps_[i]));
  }
  built_ = true;
  if (atlas.Build()) return primary != nullptr;
  spdlog::error("the font atlas could not be built: using the built-in font");
  atlas.Clear();
  ranges_.clear();
  atlas.AddFontDefault();
  atlas.Build();
  return false;
}

bool UiFonts::update(EditorState& state, ImGuiIO& io) {
  follow(state);
  add_typed(io);
  resolve_pending();   // characters no font has need no rebuild
  if (!needs_build()) return false;
  build(*io.Fonts);
  return true;
}

}  // namespace uch::app
