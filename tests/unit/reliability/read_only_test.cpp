// Read-only: OpenOptions{.read_only}, a 0444 file and a file in a 0555 directory open read-only,
// read fine, refuse writes with a clear Error and stay byte-for-byte unchanged.
// Tests run as root in CI, where chmod does not stop writes: the file-permission cases then run
// in a child that has dropped to the unprivileged user "nobody" (uid/gid 65534).
#include <doctest/doctest.h>
#include <grp.h>
#include <sys/wait.h>
#include <unistd.h>

#include <functional>

#include "reliability_util.hpp"

using namespace uch;
using namespace uch::reliability;

namespace {

/// Runs `body` in a child, unprivileged when the tests run as root; returns "exit N".
/// Exit codes: 0 all good, 1 a check failed (message on stderr), 4 an exception escaped.
std::string as_unprivileged(const std::function<bool()>& body) {
  const pid_t pid = ::fork();
  if (pid == 0) {
    if (::geteuid() == 0) {
      const gid_t nobody_gid = 65534;
      if (::setgroups(1, &nobody_gid) != 0 || ::setgid(65534) != 0 || ::setuid(65534) != 0) ::_exit(7);
    }
    try {
      ::_exit(body() ? 0 : 1);
    } catch (const std::exception& e) {
      std::fprintf(stderr, "read-only child: %s\n", e.what());
      ::_exit(4);
    }
  }
  return wait_child(pid);
}

bool expect(bool ok, const char* what) {
  if (!ok) std::fprintf(stderr, "read-only child: %s\n", what);
  return ok;
}

/// The checks every read-only case shares: opens, reads, refuses writes (with "read-only").
bool read_but_refuse_writes(const std::filesystem::path& doc, OpenOptions options) {
  Store store = Store::open(doc, options);
  bool ok = expect(store.read_only(), "not opened read-only");
  ok &= expect(store.load().entries.size() == 3, "cannot read the entries");
  ok &= expect(!store.revisions().empty(), "cannot read the history");
  Entry e = store.entry("e0")->value;
  e.body = "must not be written";
  for (const auto& attempt : std::vector<std::function<void()>>{
           [&] { store.commit(uch::Edit().put_entry(e), "t"); }, [&] { store.undo("t"); },
           [&] { store.restore("e0", 1, "t"); }}) {
    try {
      attempt();
      ok &= expect(false, "a write went through");
    } catch (const Error& err) {
      ok &= expect(std::string(err.what()).find("read-only") != std::string::npos, err.what());
    }
  }
  return ok;
}

void make_world_readable(const TempDir& dir) {
  std::filesystem::permissions(dir.path, std::filesystem::perms::owner_all | std::filesystem::perms::group_read |
                                             std::filesystem::perms::group_exec | std::filesystem::perms::others_read |
                                             std::filesystem::perms::others_exec);
}

}  // namespace

TEST_CASE("OpenOptions{.read_only = true} reads and refuses every write") {
  TempDir dir;
  const auto doc = dir / "ro.uchronia";
  create_entries_document(doc, 3);
  const std::string before = file_bytes(doc);
  {
    Store store = Store::open(doc, OpenOptions{.read_only = true});
    CHECK(store.read_only());
    CHECK(read_but_refuse_writes(doc, OpenOptions{.read_only = true}));
  }
  CHECK(file_bytes(doc) == before);
}

TEST_CASE("a 0444 file opens read-only (as an unprivileged user)") {
  TempDir dir;
  make_world_readable(dir);
  const auto doc = dir / "locked.uchronia";
  create_entries_document(doc, 3);
  std::filesystem::permissions(doc, std::filesystem::perms::owner_read | std::filesystem::perms::group_read |
                                        std::filesystem::perms::others_read);
  const std::string before = file_bytes(doc);
  CHECK(as_unprivileged([&] { return read_but_refuse_writes(doc, {}); }) == "exit 0");
  CHECK(file_bytes(doc) == before);
}

TEST_CASE("a document in a read-only directory opens read-only, even without its -shm") {
  TempDir dir;
  make_world_readable(dir);
  const auto sub = dir.path / "shelf";
  std::filesystem::create_directory(sub);
  const auto doc = sub / "archived?#100%.uchronia";  // URI-special characters in the name, too
  create_entries_document(doc, 3);  // closed: WAL checkpointed, -wal and -shm removed
  // The file itself is writable by anyone: only the directory makes it read-only.
  std::filesystem::permissions(doc, std::filesystem::perms::all & ~(std::filesystem::perms::owner_exec | std::filesystem::perms::group_exec | std::filesystem::perms::others_exec));
  REQUIRE_FALSE(std::filesystem::exists(sub / "archived?#100%.uchronia-shm"));
  std::filesystem::permissions(sub, std::filesystem::perms::owner_read | std::filesystem::perms::owner_exec |
                                        std::filesystem::perms::group_read | std::filesystem::perms::group_exec |
                                        std::filesystem::perms::others_read | std::filesystem::perms::others_exec);
  const std::string before = file_bytes(doc);
  CHECK(as_unprivileged([&] { return read_but_refuse_writes(doc, {}); }) == "exit 0");
  CHECK(file_bytes(doc) == before);
  std::filesystem::permissions(sub, std::filesystem::perms::owner_all);
}

TEST_CASE("a document in a read-only directory whose latest commits are in its -wal: read with them, or refused") {
  TempDir dir;
  make_world_readable(dir);
  const auto sub = dir.path / "shelf";
  std::filesystem::create_directory(sub);
  std::filesystem::permissions(sub, std::filesystem::perms::owner_all | std::filesystem::perms::group_read |
                                        std::filesystem::perms::group_exec | std::filesystem::perms::others_read |
                                        std::filesystem::perms::others_exec);
  const auto doc = sub / "archived.uchronia";
  create_entries_document(doc, 3);
  // A writer killed after its commit: the commit is in the -wal only.
  const pid_t pid = ::fork();
  REQUIRE(pid >= 0);
  if (pid == 0) {
    Store store = Store::open(doc);
    Entry e = store.entry("e0")->value;
    e.body = "the latest commit";
    store.commit(uch::Edit().put_entry(e), "t");
    ::_exit(0);
  }
  REQUIRE(wait_child(pid) == "exit 0");
  REQUIRE(std::filesystem::file_size(doc.string() + "-wal") > 0);
  for (bool with_shm : {true, false}) {
    CAPTURE(with_shm);
    if (!with_shm) std::filesystem::remove(doc.string() + "-shm");
    std::filesystem::permissions(sub, std::filesystem::perms::owner_read | std::filesystem::perms::owner_exec |
                                          std::filesystem::perms::group_read | std::filesystem::perms::group_exec |
                                          std::filesystem::perms::others_read | std::filesystem::perms::others_exec);
    const std::string before = file_bytes(doc), wal_before = file_bytes(doc.string() + "-wal");
    CHECK(as_unprivileged([&] {
            try {
              Store store = Store::open(doc);
              return expect(store.entry("e0")->value.body == "the latest commit", "read without its latest commit") &&
                     expect(store.revisions().size() == 2, "history without its latest revision");
            } catch (const Error& e) {
              return expect(std::string(e.what()).find("latest changes") != std::string::npos, e.what());
            }
          }) == "exit 0");
    CHECK(file_bytes(doc) == before);
    CHECK(file_bytes(doc.string() + "-wal") == wal_before);
    std::filesystem::permissions(sub, std::filesystem::perms::owner_all | std::filesystem::perms::group_read |
                                          std::filesystem::perms::group_exec | std::filesystem::perms::others_read |
                                          std::filesystem::perms::others_exec);
  }
}
