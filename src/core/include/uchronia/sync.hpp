// `uchronia sync` (issue 19, first steps): a document shared through a git remote as a folder
// export (docs/folder-format.md), merged with the folder's merge driver.
#pragma once

#include <filesystem>
#include <string>

#include "uchronia/model.hpp"
#include "uchronia/store.hpp"

namespace uch {

/// The one revision that makes `current` equal to `target`: entries and entities put where they
/// differ or are new, removed where `target` has none, relations added and removed, the title,
/// description and unknown fields set when they differ. Empty when the two are equal.
Edit edit_to_match(const Document& current, const Document& target);

/// The working copy of a synced document: a git clone beside it, "DOC-sync".
std::filesystem::path sync_working_copy(const std::filesystem::path& doc);

struct SyncOptions {
  std::string remote;                 // the first time: the URL to share through
  std::string author;                 // the writer, author of the commits and of the revision
  std::string merge_driver_command;   // "'/path/uchronia' merge-driver", given %O %A %B %P
};

struct SyncResult {
  bool created_document = false;  // DOC was made from the remote's folder
  bool pushed = false;            // local changes went to the remote
  std::int64_t revision = 0;      // the revision applying the others' changes (0: none)
  std::string summary;            // one line for the writer
};

/// One sync: the document's changes exported into the working copy and committed as the writer,
/// the remote fetched and merged field by field, what others changed applied to the document as
/// ONE revision ("Sync with origin: ..."), then pushed (fetched and merged again when the remote
/// moved meanwhile). The first time, `remote` is cloned: an empty remote gets the document, a
/// non-empty one becomes the document when DOC does not exist yet. Throws Error (the document
/// unchanged, the local commit kept) when git fails or the merge leaves conflicts.
SyncResult sync_document(const std::filesystem::path& doc, const SyncOptions& options);

}  // namespace uch
