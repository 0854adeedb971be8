// `uchronia merge-driver BASE OURS THEIRS [PATH]`: git's merge driver protocol for the files of a
// folder export (docs/folder-format.md, "Merging"). git runs it as
//   [merge "uchronia"] driver = uchronia merge-driver %O %A %B %P
// The result replaces OURS; exit 0 when clean, 1 when conflicts are recorded in it, 2 (OURS
// untouched) when a side cannot be read as a file of the format.
#include <iostream>

#include "cli.hpp"
#include "uchronia/files.hpp"
#include "uchronia/folder.hpp"
#include "uchronia/interchange.hpp"

namespace uch::cli {

VerbRun add_merge_driver(CLI::App& app, const Globals&) {
  auto* sub = app.add_subcommand("merge-driver", "Merge three versions of a folder export's file, field by field (git's merge driver)");
  struct Args {
    std::string base, ours, theirs, path;
  };
  auto a = std::make_shared<Args>();
  sub->add_option("BASE", a->base, "The common ancestor's version (git's %O; empty: the file did not exist)")->required();
  sub->add_option("OURS", a->ours, "Our version (git's %A), replaced by the result")->required();
  sub->add_option("THEIRS", a->theirs, "Their version (git's %B)")->required();
  sub->add_option("PATH", a->path, "The file's path in the folder (git's %P), which tells its kind");
  return [a]() {
    const auto side = [](const std::string& file) -> std::optional<std::string> {
      std::string text = read_input_file(file);
      if (text.empty()) return std::nullopt;  // git gives an empty file for a side that has none
      return text;
    };
    const auto base = side(a->base), ours = side(a->ours), theirs = side(a->theirs);
    const std::string name = a->path.empty() ? a->ours : a->path;
    FolderFileKind kind;
    if (!a->path.empty()) {
      const auto by_path = folder_file_kind(a->path);
      if (!by_path) throw Error(a->path + ": not a file of the folder format; cannot merge it field by field");
      kind = *by_path;
    } else {
      kind = folder_file_kind_of_text(ours ? *ours : theirs ? *theirs : base ? *base : std::string());
    }
    FolderMergeResult result;
    try {
      result = merge_folder_file(kind, base, ours, theirs);
    } catch (const ImportError& e) {
      throw Error(name + ": " + e.what() + "; left as ours");
    }
    write_file_atomically(a->ours, result.text);
    if (result.conflicts == 0) return 0;
    std::cerr << name << ": " << result.conflicts << " conflict" << (result.conflicts == 1 ? "" : "s")
              << " recorded under \"" << kFolderConflictsKey << "\"\n";
    return 1;
  };
}

}  // namespace uch::cli
