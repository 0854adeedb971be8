// Which reader a file to import goes to, decided once for the CLI and the editor: interchange
// JSON by its .json name, any other file as text (import_text: Uchronia's Markdown or a draft).
#include <filesystem>

#include "uchronia/draft.hpp"
#include "uchronia/files.hpp"
#include "uchronia/interchange.hpp"

namespace uch {

TextImport import_file(const std::filesystem::path& path) {
  InputFile readable(path);  // a missing file, a folder or an unreadable one is refused by name
  if (is_sqlite_file(path))
    throw Error(path.string() + ": is a SQLite database (a document?), not a file in an import format " +
                "(interchange JSON, Markdown or a draft); nothing was written");
  TextImport imported;
  if (path.extension() == ".json" || path.extension() == ".JSON") {
    imported.doc = read_interchange_file(path);
  } else {
    imported = import_text(read_input_file(path), path.stem().string());
  }
  return imported;
}

}  // namespace uch
