// Files a user names: what may be read from, what may be written to, and writing it whole.
// The one place these rules are decided; the CLI verbs and the editor call these functions.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "uchronia/model.hpp"

namespace uch {

/// 'UCHR': the PRAGMA application_id that marks a SQLite file as a Uchronia document.
inline constexpr std::uint32_t kDocumentApplicationId = 0x55434852;

// --- reading ------------------------------------------------------------------

/// The largest input file read into memory: half the machine's physical memory (what is built
/// from a file takes at least as much again as the file itself).
std::uint64_t input_size_limit();

/// A user-given file opened for reading: a regular file, checked on the open descriptor.
class InputFile {
 public:
  /// Refuses (Error "PATH: why", nothing read) a missing path, a directory, a FIFO, a device, a
  /// socket, and a file larger than `max_size` (when given). The type is checked with stat()
  /// first, so a FIFO is never opened; the open uses O_NONBLOCK and is checked again with fstat.
  explicit InputFile(const std::filesystem::path& path, std::optional<std::uint64_t> max_size = {});
  ~InputFile();
  InputFile(const InputFile&) = delete;
  InputFile& operator=(const InputFile&) = delete;

  int fd() const { return fd_; }
  std::uint64_t size() const { return size_; }  // at open time
  /// Reads up to n bytes from the current position (fewer only at the end); throws on error, and
  /// when the file grew beyond the size limit since it was opened.
  std::size_t read(char* out, std::size_t n);
  /// The whole rest of the file; refuses (Error) when it grew beyond the size limit meanwhile.
  std::string read_all();

 private:
  std::filesystem::path path_;
  int fd_ = -1;
  std::uint64_t size_ = 0;
  std::uint64_t consumed_ = 0;
  std::optional<std::uint64_t> max_size_;
};

/// The whole of a user-given text file (Markdown, JSON), after the InputFile checks, refused
/// when larger than `max_size` (default input_size_limit()).
std::string read_input_file(const std::filesystem::path& path, std::optional<std::uint64_t> max_size = {});

/// True when the file starts like a SQLite database; a path that is no regular file is refused
/// (Error) without being opened.
bool is_sqlite_file(const std::filesystem::path& path);

// --- writing ------------------------------------------------------------------

/// Refuses (Error "PATH: why") an output path that writing would destroy or cannot take:
///  - any of `protected_inputs` (the files being read: the document, an interchange file) or
///    one of their companions (-wal, -shm, -journal), by name or by device and inode, so
///    through symlinks, hard links and ../ alike;
///  - an existing SQLite database (any Uchronia document, another application's), a SQLite
///    write-ahead log or rollback journal, or the -wal/-shm/-journal name of an existing
///    document;
///  - a directory, a FIFO, a device or a socket ("-" writes to standard output instead);
///  - a read-only file (no write permission at all, or not writable by this user);
///  - a directory that does not exist or cannot be written.
void check_output_path(const std::filesystem::path& target,
                       const std::vector<std::filesystem::path>& protected_inputs = {});

/// Writes `bytes` to `target` whole or not at all: check_output_path, then a temporary file
/// beside it, fsynced, renamed into place, and the directory fsynced. On any failure the
/// temporary file is removed, the old target is left as it was, and Error says why.
void write_file_atomically(const std::filesystem::path& target, std::string_view bytes,
                           const std::vector<std::filesystem::path>& protected_inputs = {});

}  // namespace uch
