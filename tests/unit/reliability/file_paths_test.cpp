// The core's rules for user-named files (uchronia/files.hpp): no output path reaches a document
// or its companions, an output is written whole or not at all, and an input that is no regular
// file or is too large is refused before it is read. Cases that could block (a FIFO) run in a
// child under alarm(), so a regression fails instead of hanging the suite.
#include <doctest/doctest.h>
#include <fcntl.h>
#include <grp.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstring>
#include <functional>

#include "reliability_util.hpp"
#include "uchronia/files.hpp"
#include "uchronia/interchange.hpp"

using namespace uch;
using namespace uch::reliability;

namespace {

static_assert(static_cast<int>(kDocumentApplicationId) == detail::kApplicationId);

/// Runs `body` in a child killed after 10 s; "exit 0" when it returned true.
std::string in_child(const std::function<bool()>& body, bool unprivileged = false) {
  const pid_t pid = ::fork();
  if (pid == 0) {
    ::alarm(10);
    if (unprivileged && ::geteuid() == 0) {
      const gid_t nobody = 65534;
      if (::setgroups(1, &nobody) != 0 || ::setgid(65534) != 0 || ::setuid(65534) != 0) ::_exit(7);
    }
    try {
      ::_exit(body() ? 0 : 1);
    } catch (const std::exception& e) {
      std::fprintf(stderr, "child: %s\n", e.what());
      ::_exit(4);
    }
  }
  return wait_child(pid);
}

/// The message of the Error `f` throws, or "" when it throws none.
std::string refusal(const std::function<void()>& f) {
  try {
    f();
  } catch (const Error& e) {
    return e.what();
  }
  return "";
}

bool starts_with(const std::string& text, const std::string& prefix) { return text.rfind(prefix, 0) == 0; }

/// Names in `dir` other than `keep`: a temporary file left behind shows up here.
std::vector<std::string> others(const std::filesystem::path& dir, const std::vector<std::string>& keep) {
  std::vector<std::string> out;
  for (const auto& f : std::filesystem::directory_iterator(dir)) {
    const std::string name = f.path().filename().string();
    if (std::find(keep.begin(), keep.end(), name) == keep.end()) out.push_back(name);
  }
  return out;
}

void make_socket(const std::filesystem::path& path) {
  const int fd = ::socket(AF_UNIX, SOCK_STREAM, 0);
  sockaddr_un addr{};
  addr.sun_family = AF_UNIX;
  std::strncpy(addr.sun_path, path.c_str(), sizeof addr.sun_path - 1);
  REQUIRE(::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0);
  ::close(fd);
}

}  // namespace

TEST_CASE("check_output_path: the document being read, by any name, and its companions") {
  TempDir dir;
  const auto doc = dir / "doc.uchronia";
  create_entries_document(doc, 3);
  std::filesystem::create_directory(dir / "sub");
  std::filesystem::create_symlink(doc, dir / "link.html");
  std::filesystem::create_hard_link(doc, dir / "hard.html");
  const std::vector<std::filesystem::path> reading = {doc};
  for (const auto& target : {doc, dir / "link.html", dir / "hard.html", dir / "sub/../doc.uchronia"}) {
    CAPTURE(target);
    const std::string why = refusal([&] { check_output_path(target, reading); });
    CHECK(starts_with(why, target.string() + ": is the file being read"));
  }
  for (const char* suffix : {"-wal", "-shm", "-journal"}) {  // none of them exists now: refused by name
    const std::filesystem::path target = doc.string() + suffix;
    CHECK(starts_with(refusal([&] { check_output_path(target, reading); }),
                      target.string() + ": is the " + std::string(suffix + 1) + " file of " + doc.string()));
    // Without saying which file is read: still the companion of an existing document.
    CHECK(starts_with(refusal([&] { check_output_path(target); }), target.string() + ": is the " +
                                                                        std::string(suffix + 1) + " file of the document"));
  }
  // An interchange file being exported to itself.
  write_bytes(dir / "in.json", "{}");
  CHECK(starts_with(refusal([&] { check_output_path(dir / "in.json", {dir / "in.json"}); }),
                    (dir / "in.json").string() + ": is the file being read"));
  CHECK(refusal([&] { check_output_path(dir / "out.html", reading); }).empty());
}

TEST_CASE("check_output_path: other documents, SQLite files and targets that cannot take a file") {
  TempDir dir;
  create_entries_document(dir / "other.uchronia", 2);
  std::filesystem::create_hard_link(dir / "other.uchronia", dir / "other.json");
  {
    RawDb foreign(dir / "foreign.db", /*read_only=*/false);
    sqlite3_exec(foreign.db, "CREATE TABLE t(x)", nullptr, nullptr, nullptr);
  }
  write_bytes(dir / "wal-copy", std::string("\x37\x7f\x06\x82", 4) + std::string(28, '\0'));
  write_bytes(dir / "locked.html", "keep");
  std::filesystem::permissions(dir / "locked.html", std::filesystem::perms::owner_read);
  std::filesystem::create_directory(dir / "sub");
  REQUIRE(::mkfifo((dir / "out.fifo").c_str(), 0644) == 0);
  const std::pair<std::filesystem::path, std::string> cases[] = {
      {dir / "other.uchronia", "is a Uchronia document"},
      {dir / "other.json", "is a Uchronia document"},  // a hard link under another name
      {dir / "foreign.db", "is a SQLite database"},
      {dir / "wal-copy", "is a SQLite write-ahead log"},
      {dir / "locked.html", "is read-only"},
      {dir / "sub", "is a directory"},
      {dir / "out.fifo", "is not a regular file"},
      {dir / "missing/out.html", "the directory " + (dir / "missing").string() + " does not exist"},
  };
  for (const auto& [target, why] : cases) {
    CAPTURE(target);
    CHECK(starts_with(refusal([&] { check_output_path(target); }), target.string() + ": " + why));
  }
}

TEST_CASE("write_file_atomically: whole or nothing, no temporary file left") {
  TempDir dir;
  const auto target = dir / "page.html";
  write_file_atomically(target, "first");
  CHECK(file_bytes(target) == "first");
  std::filesystem::permissions(target, std::filesystem::perms::owner_read | std::filesystem::perms::owner_write |
                                           std::filesystem::perms::group_read);
  write_file_atomically(target, "second");
  CHECK(file_bytes(target) == "second");
  CHECK((std::filesystem::status(target).permissions() & std::filesystem::perms::all) ==
        (std::filesystem::perms::owner_read | std::filesystem::perms::owner_write | std::filesystem::perms::group_read));
  CHECK(others(dir.path, {"page.html"}).empty());

  SUBCASE("a read-only target is refused, not replaced") {
    std::filesystem::permissions(target, std::filesystem::perms::owner_read);
    CHECK(starts_with(refusal([&] { write_file_atomically(target, "third"); }), target.string() + ": is read-only"));
    CHECK(file_bytes(target) == "second");
  }
  SUBCASE("a full disk (the file size limit): the old file stays whole") {
    const std::string big(256 * 1024, 'x');
    const std::string child = in_child([&] {
      ::signal(SIGXFSZ, SIG_IGN);  // write() then fails with EFBIG, as with ENOSPC on a full disk
      rlimit limit{64 * 1024, 64 * 1024};
      ::setrlimit(RLIMIT_FSIZE, &limit);
      const std::string why = refusal([&] { write_file_atomically(target, big); });
      if (!starts_with(why, target.string() + ": cannot be written")) std::fprintf(stderr, "child: '%s'\n", why.c_str());
      return starts_with(why, target.string() + ": cannot be written");
    });
    CHECK(child == "exit 0");
    CHECK(file_bytes(target) == "second");
  }
  SUBCASE("a directory this user cannot write") {
    std::filesystem::create_directory(dir / "shelf");
    std::filesystem::permissions(dir / "shelf", std::filesystem::perms::owner_read | std::filesystem::perms::owner_exec |
                                                    std::filesystem::perms::group_read | std::filesystem::perms::group_exec |
                                                    std::filesystem::perms::others_read | std::filesystem::perms::others_exec);
    std::filesystem::permissions(dir.path, std::filesystem::perms::others_exec, std::filesystem::perm_options::add);
    const auto out = dir / "shelf/out.html";
    CHECK(in_child([&] {
      return starts_with(refusal([&] { write_file_atomically(out, "x"); }),
                         out.string() + ": the directory " + (dir / "shelf").string() + " is not writable");
    }, /*unprivileged=*/true) == "exit 0");
    CHECK(std::filesystem::is_empty(dir / "shelf"));
  }
  CHECK(others(dir.path, {"page.html", "shelf"}).empty());
}

TEST_CASE("InputFile: only a regular file, refused at once, never waited on") {
  TempDir dir;
  REQUIRE(::mkfifo((dir / "in.fifo").c_str(), 0644) == 0);
  make_socket(dir / "in.sock");
  std::filesystem::create_directory(dir / "sub");
  std::filesystem::create_symlink(dir / "in.fifo", dir / "fifo.json");
  const std::pair<std::filesystem::path, std::string> cases[] = {
      {dir / "in.fifo", "is a named pipe"}, {dir / "fifo.json", "is a named pipe"}, {"/dev/zero", "is a device"},
      {dir / "in.sock", "is a socket"},     {dir / "sub", "is a directory"},        {dir / "missing", "no such file"},
  };
  for (const auto& [path, why] : cases) {
    CAPTURE(path);
    const std::string expected = path.string() + ": " + why;
    // In a child: a FIFO opened for reading with no writer would block it until the alarm.
    CHECK(in_child([&] {
      const bool input = starts_with(refusal([&] { InputFile f(path); }), expected);
      const bool text = starts_with(refusal([&] { (void)read_input_file(path); }), expected);
      const bool sqlite = starts_with(refusal([&] { (void)is_sqlite_file(path); }), expected);
      const bool json = starts_with(refusal([&] { (void)read_interchange_file(path); }), "cannot read " + expected);
      const bool store = refusal([&] { (void)Store::open(path); }).find(why) != std::string::npos;
      return input && text && sqlite && json && store;
    }) == "exit 0");
  }
}

TEST_CASE("InputFile: a file larger than the limit is refused before it is read") {
  TempDir dir;
  write_bytes(dir / "in.json", std::string(1000, ' '));
  // A limit given by the caller (the test's stand-in for the machine's memory).
  CHECK(starts_with(refusal([&] { (void)read_input_file(dir / "in.json", 999); }),
                    (dir / "in.json").string() + ": too large to read"));
  CHECK(read_input_file(dir / "in.json", 1000).size() == 1000);
  // The machine's own limit: a sparse file just past it takes no disk space, and would take
  // minutes and all the memory to read: refused from its size alone.
  const std::uint64_t limit = input_size_limit();
  CHECK(limit > 0);
  {
    const int fd = ::open((dir / "huge.json").c_str(), O_WRONLY | O_CREAT, 0644);
    REQUIRE(fd >= 0);
    REQUIRE(::ftruncate(fd, static_cast<off_t>(limit + 1)) == 0);
    ::close(fd);
  }
  CHECK(starts_with(refusal([&] { (void)read_input_file(dir / "huge.json"); }),
                    (dir / "huge.json").string() + ": too large to read"));
  CHECK(starts_with(refusal([&] { (void)read_interchange_file(dir / "huge.json"); }), "cannot read "));
}

TEST_CASE("write_file_atomically: the temporary file of a killed write is cleared by the next one") {
  TempDir dir;
  const pid_t gone = ::fork();
  if (gone == 0) ::_exit(0);
  CHECK(wait_child(gone) == "exit 0");  // reaped: its pid names no process now
  const std::string stale = ".page.html.tmp-" + std::to_string(gone) + "-42";
  const std::string live = ".page.html.tmp-" + std::to_string(::getpid()) + "-42";  // a write under way
  write_bytes(dir / stale, "half a pa");
  write_bytes(dir / live, "being written");
  write_file_atomically(dir / "page.html", "whole page");
  CHECK(file_bytes(dir / "page.html") == "whole page");
  CHECK_FALSE(std::filesystem::exists(dir / stale));
  CHECK(std::filesystem::exists(dir / live));
}
