// The one rule choosing how a text file is imported: Uchronia's Markdown or a draft (uchronia/draft.hpp).
#include "publish/publish_internal.hpp"
#include "uchronia/draft.hpp"
#include "uchronia/interchange.hpp"
#include "uchronia/publish.hpp"

namespace uch {

using namespace publish_detail;

namespace {

/// True when a line is a heading of level 3 or deeper ("### Title", as the export writes each
/// entry) or a heading carrying an id ("## Title {#id}"): Uchronia's own Markdown.
bool has_entry_heading(std::string_view text) {
  std::size_t pos = 0;
  while (pos < text.size()) {
    std::size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(pos, end - pos);
    pos = end + 1;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    for (int i = 0; i < 3 && line.starts_with(' '); ++i) line.remove_prefix(1);
    if (line.starts_with("###") && line.find_first_not_of('#') != std::string_view::npos &&
        (line[line.find_first_not_of('#')] == ' ' || line[line.find_first_not_of('#')] == '\t')) {
      return true;
    }
    if (!line.starts_with("##") || !line.ends_with("}")) continue;
    std::string without, id;
    if (split_heading_attribute(line, &without, &id) && !id.empty()) return true;
  }
  return false;
}

}  // namespace

namespace {

/// An entry needs a title: a paragraph whose first sentence has no words (only code, markup or a
/// link with an empty label) is titled "Untitled", for the writer to rename, never refused later.
TextImport titled(TextImport imported) {
  for (Entry& entry : imported.doc.entries)
    if (entry.title.find_first_not_of(" \t\r\n") == std::string::npos) entry.title = "Untitled";
  return imported;
}

}  // namespace

TextImport import_text(std::string_view text, std::string_view fallback_title) {
  TextImport out;
  if (has_entry_heading(text)) {
    out.doc = import_markdown(text);
    return titled(std::move(out));
  }
  try {
    out.doc = import_markdown(text);
    if (!out.doc.entries.empty()) return titled(std::move(out));
  } catch (const ImportError&) {
    // Not Uchronia's Markdown: a draft.
  }
  return titled(import_draft(text, fallback_title));
}

}  // namespace uch
