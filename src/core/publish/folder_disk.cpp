// The folder format on disk: export into a directory (only what changed, stale items removed,
// never into a directory that is not ours) and import from one (all files read, then joined).
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <map>
#include <set>

#include "publish/folder_internal.hpp"
#include "uchronia/files.hpp"
#include "uchronia/interchange.hpp"

namespace uch {
namespace {

namespace fs = std::filesystem;

constexpr std::string_view kTempSuffix = ".uchronia-tmp";
constexpr std::string_view kSqliteMagic{"SQLite format 3\0", 16};

[[noreturn]] void refuse(const fs::path& path, const std::string& why) { throw Error(path.string() + ": " + why); }

std::string marker_text() { return std::string(kFolderMarkerName) + " " + std::to_string(kFolderVersion) + "\n"; }

/// The marker's version, 0 when `dir` has no marker file; refuses a marker this program cannot read.
int marker_version(const fs::path& dir) {
  const fs::path marker = dir / kFolderMarkerName;
  struct stat st {};
  if (::lstat(marker.c_str(), &st) != 0) return 0;
  if (!S_ISREG(st.st_mode)) refuse(marker, "is not a regular file");
  const std::string text = read_input_file(marker, 4096);
  const std::string head = std::string(kFolderMarkerName) + " ";
  const std::string line = text.substr(0, text.find('\n'));
  if (!line.starts_with(head) || line.size() == head.size() || line.size() > head.size() + 6 ||
      line.find_first_not_of("0123456789", head.size()) != std::string::npos)
    refuse(marker, "is not an Uchronia folder marker (expected \"" + marker_text().substr(0, marker_text().size() - 1) + "\")");
  const int version = std::stoi(line.substr(head.size()));
  if (version > kFolderVersion)
    refuse(marker, "the folder is of format version " + std::to_string(version) + ", newer than this program reads (" +
                       std::to_string(kFolderVersion) + "); update Uchronia");
  return version;
}

/// Names in `dir` that do not start with '.' (a fresh git clone holds only .git).
bool has_visible_entries(const fs::path& dir) {
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(dir, ec))
    if (!e.path().filename().string().starts_with(".")) return true;
  if (ec) refuse(dir, "cannot be listed (" + ec.message() + ")");
  return false;
}

struct Identity {
  dev_t dev;
  ino_t ino;
};

/// One file the export would replace or remove: it must be a plain file, not a database, not one
/// of the files being read. Returns its bytes (to skip a write that changes nothing).
std::string vet_existing(const fs::path& path, const struct stat& st, const std::vector<Identity>& inputs) {
  if (!S_ISREG(st.st_mode)) refuse(path, "is not a regular file; refusing to replace or remove it");
  for (const Identity& in : inputs)
    if (in.dev == st.st_dev && in.ino == st.st_ino) refuse(path, "is the file being read; refusing to overwrite it");
  std::string bytes = read_input_file(path);
  if (bytes.starts_with(kSqliteMagic)) refuse(path, "is a SQLite database; refusing to overwrite it");
  return bytes;
}

void write_file(const fs::path& target, const std::string& bytes) {
  const fs::path temp = target.parent_path() / ("." + target.filename().string() + std::string(kTempSuffix));
  const int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, 0666);
  if (fd < 0) refuse(target, std::string("cannot be written (") + std::strerror(errno) + ")");
  int err = 0;
  for (std::size_t done = 0; done < bytes.size() && err == 0;) {
    const ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
    if (n > 0) done += static_cast<std::size_t>(n);
    else if (n < 0 && errno != EINTR) err = errno;
    else if (n == 0) err = EIO;
  }
  if (::close(fd) != 0 && err == 0) err = errno;
  if (err == 0 && ::rename(temp.c_str(), target.c_str()) != 0) err = errno;
  if (err != 0) {
    ::unlink(temp.c_str());
    refuse(target, std::string("cannot be written (") + std::strerror(err) + ")");
  }
}

/// Temporary files a killed export left behind.
void remove_temporaries(const fs::path& dir) {
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(dir, ec)) {
    const std::string name = e.path().filename().string();
    if (name.starts_with(".") && name.ends_with(kTempSuffix)) fs::remove(e.path(), ec);
  }
}

}  // namespace

std::optional<FolderFileKind> folder_file_kind(std::string_view path) {
  const fs::path p{std::string(path)};
  const std::string name = p.filename().string();
  const std::string parent = p.parent_path().filename().string();
  for (FolderFileKind kind : {FolderFileKind::Entity, FolderFileKind::Entry, FolderFileKind::Branch})
    if (parent == folder::section_of(kind) && folder_id_from_file_name(name)) return kind;
  if (name == folder::kTimelineFile) return FolderFileKind::Timeline;
  if (name == folder::kRelationsFile) return FolderFileKind::Relations;
  return std::nullopt;
}

bool is_folder_export(const fs::path& dir) {
  std::error_code ec;
  return fs::is_directory(dir, ec) && fs::is_regular_file(dir / kFolderMarkerName, ec);
}

FolderExportResult export_folder(std::string_view interchange_json, const fs::path& dir,
                                 const std::vector<fs::path>& protected_inputs) {
  if (dir.empty()) refuse(dir, "an empty output path");
  // Where the folder goes: a new directory, an empty one, or an Uchronia folder; nothing else.
  struct stat st {};
  if (::stat(dir.c_str(), &st) == 0) {
    if (!S_ISDIR(st.st_mode)) {
      std::string head(16, '\0');
      try {
        InputFile in(dir);
        head.resize(in.read(head.data(), head.size()));
      } catch (const Error&) {
        head.clear();
      }
      refuse(dir, head == kSqliteMagic ? "is a SQLite database, not a directory; refusing to overwrite it"
                                       : "is not a directory; --format folder writes a directory");
    }
    if (marker_version(dir) == 0 && has_visible_entries(dir))
      refuse(dir, "is neither empty nor an Uchronia folder (it has no " + std::string(kFolderMarkerName) +
                      " file); refusing to write into it");
  } else if (errno != ENOENT) {
    refuse(dir, std::string("cannot be reached (") + std::strerror(errno) + ")");
  } else {
    const fs::path parent = dir.parent_path().empty() ? fs::path(".") : dir.parent_path();
    std::error_code ec;
    if (!fs::is_directory(parent, ec)) refuse(dir, "the directory " + parent.string() + " does not exist");
  }
  if (::access(dir.c_str(), F_OK) == 0 && ::access(dir.c_str(), W_OK) != 0)
    refuse(dir, std::string("is not writable (") + std::strerror(errno) + ")");

  const std::vector<FolderFile> files = split_into_folder(interchange_json);
  std::vector<Identity> inputs;
  for (const fs::path& in : protected_inputs) {
    struct stat s {};
    if (::stat(in.c_str(), &s) == 0) inputs.push_back({s.st_dev, s.st_ino});
  }

  // The plan, decided before anything is written: which files change, which go.
  FolderExportResult result;
  std::vector<const FolderFile*> to_write;
  std::vector<fs::path> to_remove;
  std::set<std::string> wanted;
  for (const FolderFile& f : files) wanted.insert(f.path);
  for (const char* section : {"branches", "entities", "entries"}) {
    const fs::path sub = dir / section;
    if (::lstat(sub.c_str(), &st) != 0) continue;
    if (!S_ISDIR(st.st_mode)) refuse(sub, "is not a directory; refusing to replace it");
    std::error_code ec;
    for (const auto& e : fs::directory_iterator(sub, ec)) {
      const std::string name = e.path().filename().string();
      if (name.starts_with(".") || !name.ends_with(".json")) continue;  // not ours: left alone
      if (wanted.contains(std::string(section) + "/" + name)) continue;
      struct stat fst {};
      if (::lstat(e.path().c_str(), &fst) != 0) continue;
      vet_existing(e.path(), fst, inputs);
      to_remove.push_back(e.path());
    }
    if (ec) refuse(sub, "cannot be listed (" + ec.message() + ")");
  }
  for (const FolderFile& f : files) {
    const fs::path target = dir / f.path;
    struct stat fst {};
    if (::lstat(target.c_str(), &fst) == 0 && vet_existing(target, fst, inputs) == f.text) {
      ++result.unchanged;
      continue;
    }
    to_write.push_back(&f);
  }

  // The marker first: a folder whose export was killed is still recognised, and finished, next time.
  std::error_code ec;
  fs::create_directory(dir, ec);
  if (ec) refuse(dir, "cannot be created (" + ec.message() + ")");
  std::stable_partition(to_write.begin(), to_write.end(),
                        [](const FolderFile* f) { return f->path == kFolderMarkerName; });
  std::set<fs::path> made;
  for (const char* section : {"branches", "entities", "entries"}) remove_temporaries(dir / section);
  for (const FolderFile* f : to_write) {
    const fs::path target = dir / f->path;
    const fs::path parent = target.parent_path();
    if (parent != dir && made.insert(parent).second) {
      fs::create_directory(parent, ec);
      if (ec) refuse(parent, "cannot be created (" + ec.message() + ")");
    }
    write_file(target, f->text);
    ++result.written;
  }
  for (const fs::path& stale : to_remove) {
    if (::unlink(stale.c_str()) != 0 && errno != ENOENT)
      refuse(stale, std::string("cannot be removed (") + std::strerror(errno) + ")");
    ++result.removed;
  }
  for (const char* section : {"branches", "entities", "entries"}) ::rmdir((dir / section).c_str());  // only when empty
  // One flush for the whole folder, not one per file (a first export writes one file per item).
  const int dir_fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dir_fd >= 0) {
    ::syncfs(dir_fd);
    ::close(dir_fd);
  }
  return result;
}

Document import_folder(const fs::path& dir) {
  struct stat st {};
  if (::stat(dir.c_str(), &st) != 0) throw ImportError(dir.string() + ": no such file or directory");
  if (!S_ISDIR(st.st_mode)) throw ImportError(dir.string() + ": is not a directory");
  try {
    if (marker_version(dir) == 0)
      throw ImportError(dir.string() + ": is a directory, not an Uchronia folder (it has no " +
                        std::string(kFolderMarkerName) + " file)");
  } catch (const ImportError&) {
    throw;
  } catch (const Error& e) {
    throw ImportError(e.what());
  }
  FolderContent content;
  const auto read = [&](const std::string& relative) {
    try {
      return read_input_file(dir / relative);
    } catch (const Error& e) {
      throw ImportError(e.what());
    }
  };
  content.timeline = read(std::string(folder::kTimelineFile));
  content.relations = read(std::string(folder::kRelationsFile));
  for (const char* section : {"branches", "entities", "entries"}) {
    const fs::path sub = dir / section;
    if (::lstat(sub.c_str(), &st) != 0) continue;
    if (!S_ISDIR(st.st_mode)) throw ImportError(sub.string() + ": is not a directory");
    std::vector<std::string> names;
    std::error_code ec;
    for (const auto& e : fs::directory_iterator(sub, ec)) {
      const std::string name = e.path().filename().string();
      if (name.starts_with(".")) continue;  // hidden: never a name this format writes (.DS_Store, a temporary)
      if (!folder_id_from_file_name(name))
        throw ImportError((sub / name).string() + ": not a file name this format writes (" +
                          (name.ends_with(".json") ? "see \"File names\" in docs/folder-format.md" : "not *.json") + ")");
      names.push_back(name);
    }
    if (ec) throw ImportError(sub.string() + ": cannot be listed (" + ec.message() + ")");
    std::sort(names.begin(), names.end());
    for (const std::string& name : names) {
      const std::string relative = std::string(section) + "/" + name;
      content.items.push_back({relative, read(relative)});
    }
  }
  try {
    return join_folder(content);
  } catch (const ImportError& e) {
    std::string prefix = dir.string();
    if (!prefix.ends_with('/')) prefix += '/';
    throw ImportError(prefix + e.what());
  }
}

}  // namespace uch
