// Reading a user-given file: only a regular file, never more than the machine can hold.
// A FIFO opened for reading blocks until a writer comes, a device like /dev/zero never ends:
// both are refused from stat() before any open, and the open descriptor is checked again.
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "uchronia/files.hpp"

namespace uch {
namespace {

std::string mib(std::uint64_t bytes) {
  const std::uint64_t tenths = (bytes * 10 + (1u << 20) / 2) >> 20;
  return std::to_string(tenths / 10) + "." + std::to_string(tenths % 10) + " MiB";
}

/// Why a file of this type cannot be read as a file, or empty when it can.
std::string not_regular(mode_t mode) {
  if (S_ISREG(mode)) return {};
  if (S_ISDIR(mode)) return "is a directory, not a file";
  if (S_ISFIFO(mode)) return "is a named pipe (FIFO), not a regular file; refusing to wait on it";
  if (S_ISCHR(mode) || S_ISBLK(mode)) return "is a device, not a regular file";
  if (S_ISSOCK(mode)) return "is a socket, not a regular file";
  return "is not a regular file";
}

[[noreturn]] void refuse(const std::filesystem::path& path, const std::string& why) {
  throw Error(path.string() + ": " + why);
}

void check_size(const std::filesystem::path& path, std::uint64_t size, std::optional<std::uint64_t> max_size) {
  if (max_size && size > *max_size)
    refuse(path, "too large to read (" + mib(size) + "; at most " + mib(*max_size) + " here)");
}

}  // namespace

std::uint64_t input_size_limit() {
  const long pages = ::sysconf(_SC_PHYS_PAGES), page_size = ::sysconf(_SC_PAGESIZE);
  if (pages <= 0 || page_size <= 0) return std::uint64_t{1} << 30;  // unknown: 1 GiB
  return static_cast<std::uint64_t>(pages) * static_cast<std::uint64_t>(page_size) / 2;
}

InputFile::InputFile(const std::filesystem::path& path, std::optional<std::uint64_t> max_size)
    : path_(path), max_size_(max_size) {
  struct stat st {};
  if (path.empty() || ::stat(path.c_str(), &st) != 0) {
    if (path.empty() || errno == ENOENT || errno == ENOTDIR) refuse(path, "no such file");
    refuse(path, std::string("cannot be read (") + std::strerror(errno) + ")");
  }
  if (auto why = not_regular(st.st_mode); !why.empty()) refuse(path, why);
  check_size(path, static_cast<std::uint64_t>(st.st_size), max_size);
  // O_NONBLOCK: should the path have become a FIFO since the stat, the open does not wait.
  fd_ = ::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
  if (fd_ < 0) refuse(path, std::string("cannot be read (") + std::strerror(errno) + ")");
  if (::fstat(fd_, &st) != 0 || !S_ISREG(st.st_mode)) {
    const std::string why = not_regular(st.st_mode);
    ::close(fd_);
    fd_ = -1;
    refuse(path, why.empty() ? "cannot be read" : why);
  }
  size_ = static_cast<std::uint64_t>(st.st_size);
  try {
    check_size(path, size_, max_size);
  } catch (...) {
    ::close(fd_);
    fd_ = -1;
    throw;
  }
  ::fcntl(fd_, F_SETFL, ::fcntl(fd_, F_GETFL) & ~O_NONBLOCK);  // a regular file: plain reads
}

InputFile::~InputFile() {
  if (fd_ >= 0) ::close(fd_);
}

std::size_t InputFile::read(char* out, std::size_t n) {
  std::size_t got = 0;
  while (got < n) {
    const ssize_t r = ::read(fd_, out + got, n - got);
    if (r == 0) break;
    if (r < 0) {
      if (errno == EINTR) continue;
      refuse(path_, std::string("cannot be read (") + std::strerror(errno) + ")");
    }
    got += static_cast<std::size_t>(r);
  }
  consumed_ += got;
  check_size(path_, consumed_, max_size_);  // it grew beyond the limit since it was opened
  return got;
}

std::string InputFile::read_all() {
  std::string text(static_cast<std::size_t>(size_ > consumed_ ? size_ - consumed_ : 0), '\0');
  text.resize(read(text.data(), text.size()));
  char chunk[1 << 16];
  while (const std::size_t got = read(chunk, sizeof chunk)) text.append(chunk, got);  // it grew
  return text;
}

std::string read_input_file(const std::filesystem::path& path, std::optional<std::uint64_t> max_size) {
  InputFile in(path, max_size ? max_size : input_size_limit());
  return in.read_all();
}

bool is_sqlite_file(const std::filesystem::path& path) {
  InputFile in(path);
  char header[16] = {};
  return in.read(header, sizeof header) == sizeof header &&
         std::string_view(header, sizeof header) == std::string_view("SQLite format 3\0", 16);
}

}  // namespace uch
