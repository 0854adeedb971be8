// The folder format (docs/folder-format.md): a timeline as a directory of small JSON files, one
// per item, made for git. It only splits and joins the interchange JSON: every item's text is the
// interchange writer's, so there is one rule for how an item is written.
#pragma once

#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "uchronia/model.hpp"

namespace uch {

/// The file that marks a directory as an Uchronia folder, and the layout version it names.
inline constexpr std::string_view kFolderMarkerName = "uchronia-folder";
inline constexpr int kFolderVersion = 1;
/// The key under which a merged file records its conflicts (folder-format.md, "Conflicts").
inline constexpr std::string_view kFolderConflictsKey = "uchronia:conflicts";

// --- file names ---------------------------------------------------------------

/// The file name of an item with this id ("joseph-stalin.json"); the id must be valid
/// (is_valid_id). Names are lowercase, never hidden, never a Windows device name, at most 173
/// bytes, and one-to-one with ids.
std::string folder_file_name(std::string_view id);
/// The id a file name stands for; nullopt unless `name` is exactly folder_file_name(id).
std::optional<std::string> folder_id_from_file_name(std::string_view name);

// --- splitting and joining ----------------------------------------------------

/// One file of a folder: its path relative to the folder ("entries/x.json") and its bytes.
struct FolderFile {
  std::string path;
  std::string text;
  bool operator==(const FolderFile&) const = default;
};

/// The files of the folder form of an interchange document (write_interchange_json's text or the
/// store's export), marker included, sorted by path. Throws Error when an item carries the field
/// reserved for conflicts.
std::vector<FolderFile> split_into_folder(std::string_view interchange_json);

/// What a folder read from disk holds, before it is joined.
struct FolderContent {
  std::string timeline;                 // timeline.json
  std::string relations;                // relations.json
  std::vector<FolderFile> items;        // entities/, entries/, branches/ (path, text)
};
/// The document the folder's files make up, validated by the interchange reader. All or nothing:
/// throws ImportError whose message starts with the path of the file at fault ("entries/x.json:
/// title: missing required field"), relative to the folder.
Document join_folder(const FolderContent& content);

// --- on disk ------------------------------------------------------------------

struct FolderExportResult {
  std::size_t written = 0;    // files created or replaced (their bytes changed)
  std::size_t removed = 0;    // files of items no longer in the document
  std::size_t unchanged = 0;
};
/// Writes the folder form of `interchange_json` into `dir`: created when missing, else it must be
/// an Uchronia folder (its marker) or empty apart from names starting with '.' (a fresh git
/// clone). Only files whose bytes change are written (each through a temporary file renamed into
/// place), files of deleted items are removed, and nothing else in `dir` is touched. Every refusal
/// (Error "PATH: why") comes before anything is written; `protected_inputs` (the files being read)
/// are never replaced.
FolderExportResult export_folder(std::string_view interchange_json, const std::filesystem::path& dir,
                                 const std::vector<std::filesystem::path>& protected_inputs = {});

/// True when `dir` is a directory holding the folder marker.
bool is_folder_export(const std::filesystem::path& dir);

/// Reads and joins the folder at `dir` (join_folder): ImportError "DIR/FILE: why" on the first
/// problem, a directory that is no Uchronia folder included.
Document import_folder(const std::filesystem::path& dir);

// --- merging --------------------------------------------------------------------

enum class FolderFileKind { Timeline, Relations, Entity, Entry, Branch };
/// The kind of a file from its path in the folder ("entries/x.json" -> Entry); nullopt for a
/// path that is no file of the format.
std::optional<FolderFileKind> folder_file_kind(std::string_view path);
/// The kind of a file from its content, for a merge told no path: an array is the relations, an
/// object with "format" the timeline, with "title" an entry, with "kind" an entity, else a branch.
FolderFileKind folder_file_kind_of_text(std::string_view text);

struct FolderMergeResult {
  std::string text;           // the merged file ("" when the item is deleted)
  std::size_t conflicts = 0;  // conflicts recorded in `text`
};
/// Three-way merge of one file, field by field (folder-format.md, "Merging"). nullopt stands for
/// a side where the file does not exist (an item added, or deleted). The result is written as
/// export writes it; a field both sides changed differently keeps ours and is recorded under
/// kFolderConflictsKey, and so is an item deleted on one side and changed on the other, or added
/// on both with different content. Throws ImportError ("ours: line 3, column 1: ...") when a
/// side is not a file of this kind.
FolderMergeResult merge_folder_file(FolderFileKind kind, const std::optional<std::string>& base,
                                    const std::optional<std::string>& ours, const std::optional<std::string>& theirs);

}  // namespace uch
