// Writing a user-named file: never over a document or its companions, never half a file.
#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstring>
#include <random>

#include "uchronia/files.hpp"

namespace uch {
namespace {

constexpr std::array<const char*, 3> kCompanions = {"-wal", "-shm", "-journal"};

[[noreturn]] void refuse(const std::filesystem::path& path, const std::string& why) {
  throw Error(path.string() + ": " + why);
}

std::filesystem::path directory_of(const std::filesystem::path& path) {
  return path.parent_path().empty() ? std::filesystem::path(".") : path.parent_path();
}

/// The path with ../ and every symlink resolved that exists; the rest as written.
std::filesystem::path resolved(const std::filesystem::path& path) {
  std::error_code ec;
  auto out = std::filesystem::weakly_canonical(std::filesystem::absolute(path, ec), ec);
  return ec ? path.lexically_normal() : out;
}

bool same_file(const struct stat& a, const std::filesystem::path& other) {
  struct stat b {};
  return ::stat(other.c_str(), &b) == 0 && a.st_dev == b.st_dev && a.st_ino == b.st_ino;
}

std::uint32_t big_endian32(const unsigned char* p) {
  return (std::uint32_t{p[0]} << 24) | (std::uint32_t{p[1]} << 16) | (std::uint32_t{p[2]} << 8) | p[3];
}

/// What SQLite file this is, from its first bytes (formats documented at sqlite.org/fileformat.html),
/// or empty when it is none. A file that cannot be read is taken for none: the write decides.
std::string sqlite_kind(const std::filesystem::path& path) {
  unsigned char head[100] = {};
  std::size_t got = 0;
  try {
    InputFile in(path);
    got = in.read(reinterpret_cast<char*>(head), sizeof head);
  } catch (const Error&) {
    return {};
  }
  if (got >= 16 && std::memcmp(head, "SQLite format 3\0", 16) == 0) {
    if (got >= 72 && big_endian32(head + 68) == kDocumentApplicationId) return "a Uchronia document";
    return "a SQLite database";
  }
  if (got >= 4 && (big_endian32(head) & 0xFFFFFFFEu) == 0x377F0682u) return "a SQLite write-ahead log";
  static const unsigned char journal[8] = {0xd9, 0xd5, 0x05, 0xf9, 0x20, 0xa1, 0x63, 0xd7};
  if (got >= 8 && std::memcmp(head, journal, 8) == 0) return "a SQLite rollback journal";
  return {};
}

std::string errno_text(int err) { return std::strerror(err); }

/// Removes PREFIX<pid>-<n> files in `dir` whose process is gone: a write killed before its rename.
void remove_stale_temporaries(const std::filesystem::path& dir, const std::string& prefix) {
  std::error_code ec;
  for (const auto& f : std::filesystem::directory_iterator(dir, ec)) {
    const std::string name = f.path().filename().string();
    if (!name.starts_with(prefix) || !f.is_regular_file(ec)) continue;
    const std::string pid = name.substr(prefix.size(), name.find('-', prefix.size()) - prefix.size());
    if (pid.empty() || pid.size() > 9 || pid.find_first_not_of("0123456789") != std::string::npos) continue;
    if (::kill(static_cast<pid_t>(std::stol(pid)), 0) != 0 && errno == ESRCH) std::filesystem::remove(f.path(), ec);
  }
}

}  // namespace

void check_output_path(const std::filesystem::path& target, const std::vector<std::filesystem::path>& protected_inputs) {
  if (target.empty()) refuse(target, "an empty output path");
  const std::filesystem::path dir = directory_of(target);
  struct stat dir_st {};
  if (::stat(dir.c_str(), &dir_st) != 0)
    refuse(target, errno == ENOENT ? "the directory " + dir.string() + " does not exist"
                                   : "the directory " + dir.string() + " cannot be reached (" + errno_text(errno) + ")");
  if (!S_ISDIR(dir_st.st_mode)) refuse(target, dir.string() + " is not a directory");

  struct stat st {};
  const bool exists = ::stat(target.c_str(), &st) == 0;  // follows symlinks
  const std::filesystem::path where = resolved(target);
  // The files being read, by name and by identity: a symlink, a hard link or ../ reach them too.
  for (const auto& input : protected_inputs) {
    for (const char* suffix : {"", "-wal", "-shm", "-journal"}) {
      const std::filesystem::path file = input.string() + suffix;
      if ((exists && same_file(st, file)) || resolved(file) == where)
        refuse(target, *suffix ? "is the " + std::string(suffix + 1) + " file of " + input.string() +
                                     ", part of that document; refusing to overwrite it"
                               : "is the file being read (" + input.string() + "); refusing to overwrite it");
    }
  }
  // The -wal, -shm or -journal name of an existing document: its changes, or their index, live there.
  for (const std::filesystem::path& name : {target, where}) {
    const std::string text = name.string();
    for (const std::string suffix : kCompanions) {
      if (text.size() <= suffix.size() || !text.ends_with(suffix)) continue;
      const std::filesystem::path base = text.substr(0, text.size() - suffix.size());
      struct stat base_st {};
      if (::stat(base.c_str(), &base_st) == 0 && S_ISREG(base_st.st_mode) && !sqlite_kind(base).empty())
        refuse(target, "is the " + suffix.substr(1) + " file of the document " + base.string() +
                           ", part of that document; refusing to overwrite it");
    }
  }
  if (exists) {
    if (S_ISDIR(st.st_mode)) refuse(target, "is a directory");
    if (!S_ISREG(st.st_mode))
      refuse(target, "is not a regular file (a pipe, device or socket); refusing to replace it");
    if (const std::string kind = sqlite_kind(target); !kind.empty())
      refuse(target, "is " + kind + "; refusing to overwrite it");
    if ((st.st_mode & (S_IWUSR | S_IWGRP | S_IWOTH)) == 0 || ::access(target.c_str(), W_OK) != 0)
      refuse(target, "is read-only; refusing to replace it");
  }
  if (::access(dir.c_str(), W_OK) != 0)
    refuse(target, "the directory " + dir.string() + " is not writable (" + errno_text(errno) + ")");
}

void write_file_atomically(const std::filesystem::path& target, std::string_view bytes,
                           const std::vector<std::filesystem::path>& protected_inputs) {
  check_output_path(target, protected_inputs);
  const std::filesystem::path dir = directory_of(target);
  // A hidden temporary beside the target (rename() within one directory is atomic), named after
  // this process: one left by a killed write to the same name is removed here.
  std::string prefix = target.filename().string();
  prefix.insert(0, 1, '.');
  prefix += ".tmp-";
  remove_stale_temporaries(dir, prefix);
  prefix += std::to_string(::getpid()) + "-";
  std::random_device random;
  std::filesystem::path temp;
  int fd = -1;
  for (int attempt = 0; attempt < 16 && fd < 0; ++attempt) {
    temp = dir / (prefix + std::to_string(random()));
    fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0666);
    if (fd < 0 && errno != EEXIST) break;
  }
  if (fd < 0) refuse(target, "cannot be written (" + errno_text(errno) + "); nothing was changed");
  struct stat old {};
  if (::stat(target.c_str(), &old) == 0 && S_ISREG(old.st_mode)) ::fchmod(fd, old.st_mode & 07777);  // keep its mode
  int err = 0;
  for (std::size_t done = 0; done < bytes.size() && err == 0;) {
    const ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
    if (n > 0) done += static_cast<std::size_t>(n);
    else if (n < 0 && errno != EINTR) err = errno;
    else if (n == 0) err = EIO;
  }
  if (err == 0 && ::fsync(fd) != 0) err = errno;
  if (::close(fd) != 0 && err == 0) err = errno;
  if (err == 0 && ::rename(temp.c_str(), target.c_str()) != 0) err = errno;
  if (err != 0) {
    ::unlink(temp.c_str());
    refuse(target, "cannot be written (" + errno_text(err) + "); nothing was changed");
  }
  const int dir_fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dir_fd >= 0) {
    ::fsync(dir_fd);  // the new name survives a power cut too
    ::close(dir_fd);
  }
}

}  // namespace uch
