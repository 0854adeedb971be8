// Disk full: with writes failing (RLIMIT_FSIZE in a child), a commit reports a clear Error and
// nothing already committed is lost; the document reopens sound.
#include <doctest/doctest.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstring>

#include "reliability_util.hpp"

using namespace uch;
using namespace uch::reliability;

namespace {

struct Report {
  std::int32_t acknowledged = 0;   // commits that returned
  std::int32_t failed = 0;         // 1 once a commit threw
  std::int32_t readable = 0;       // the store still read after the failure
  std::int32_t other_error = 0;    // something else went wrong (message in `message`)
  char message[200] = {};
  char last_body_head[32] = {};
};

/// In a child: open, lower the file size limit to `limit` bytes, commit ever bigger bodies until
/// one fails; report what happened.
[[noreturn]] void fill_disk(const std::filesystem::path& doc, rlim_t limit, int fd) {
  Report r;
  try {
    Store store = Store::open(doc);
    ::signal(SIGXFSZ, SIG_IGN);  // a write past the limit fails with EFBIG instead of killing us
    rlimit lim{limit, limit};
    if (::setrlimit(RLIMIT_FSIZE, &lim) != 0) throw std::runtime_error("setrlimit failed");
    for (int i = 0; i < 1000; ++i) {
      Entry e = store.entry(entry_id(i % 4))->value;
      e.body = "fill-" + std::to_string(i) + "-" + std::string(static_cast<std::size_t>(8000 * (i + 1)), 'x');
      try {
        store.commit(uch::Edit().put_entry(e), "filler");
        ++r.acknowledged;
        std::strncpy(r.last_body_head, e.body.substr(0, 20).c_str(), sizeof r.last_body_head - 1);
      } catch (const Error& err) {
        r.failed = 1;
        std::strncpy(r.message, err.what(), sizeof r.message - 1);
        break;
      }
    }
    // Still usable for reading after the failed write.
    r.readable = store.entry(entry_id(0)).has_value() && !store.revisions().empty();
  } catch (const std::exception& e) {
    r.other_error = 1;
    std::strncpy(r.message, e.what(), sizeof r.message - 1);
  }
  write_all(fd, &r, sizeof r);
  ::_exit(0);
}

}  // namespace

TEST_CASE("a write failing for lack of space is reported and loses nothing committed") {
  TempDir dir;
  const auto doc = dir / "full.uchronia";
  create_entries_document(doc, 4);
  {
    Store store = Store::open(doc);
    for (int i = 0; i < 4; ++i) {
      Entry e = store.entry(entry_id(i))->value;
      e.body = "committed before the disk filled " + std::to_string(i);
      store.commit(uch::Edit().put_entry(e), "t");
    }
  }
  const std::int64_t before_revisions = RawDb(doc).scalar("SELECT count(*) FROM revision");
  const rlim_t limit = static_cast<rlim_t>(std::filesystem::file_size(doc)) + 64 * 1024;

  int fds[2];
  REQUIRE(::pipe(fds) == 0);
  const pid_t pid = ::fork();
  REQUIRE(pid >= 0);
  if (pid == 0) {
    ::close(fds[0]);
    fill_disk(doc, limit, fds[1]);
  }
  ::close(fds[1]);
  Report r;
  const bool got = ::read(fds[0], &r, sizeof r) == static_cast<ssize_t>(sizeof r);
  ::close(fds[0]);
  CHECK(wait_child(pid) == "exit 0");
  REQUIRE(got);
  INFO("child: " << r.message);
  CHECK(r.other_error == 0);
  REQUIRE(r.failed == 1);  // the limit really made a write fail
  const std::string message = r.message;
  // The true cause (RLIMIT_FSIZE), never "disk I/O error".
  CHECK(message.find("the file size limit (ulimit -f) is reached") != std::string::npos);
  CHECK(message.find('\n') == std::string::npos);
  CHECK(r.readable == 1);

  // Reopened without the limit: sound, every committed revision there, the failed one absent.
  CHECK(integrity(doc) == "ok");
  CHECK(replay_history(doc) == "");
  RawDb raw(doc);
  CHECK(raw.scalar("SELECT count(*) FROM revision") == before_revisions + r.acknowledged);
  for (int i = 0; i < 4; ++i) {
    const auto body = raw.column("SELECT body FROM entry WHERE id = '" + entry_id(i) + "'").at(0);
    CHECK(body.rfind("fill-" + std::to_string(r.acknowledged) + "-", 0) != 0);  // the failed write is not there
  }
  Store store = Store::open(doc);
  CHECK(store.revisions().size() == static_cast<std::size_t>(before_revisions + r.acknowledged));
  // And writing works again once there is room.
  Entry e = store.entry(entry_id(0))->value;
  e.body = "after";
  CHECK(store.commit(uch::Edit().put_entry(e), "t").seq > 0);
  CHECK(store.undo("t").seq > 0);
}

TEST_CASE("creating a document on a full disk fails cleanly and leaves no file behind") {
  TempDir dir;
  const auto doc = dir / "new.uchronia";
  const pid_t pid = ::fork();
  REQUIRE(pid >= 0);
  if (pid == 0) {
    ::signal(SIGXFSZ, SIG_IGN);
    rlimit lim{2048, 2048};  // not even the first pages fit
    ::setrlimit(RLIMIT_FSIZE, &lim);
    try {
      Store::create(doc);
      ::_exit(5);
    } catch (const Error& e) {
      ::_exit(std::string(e.what()).find('\n') == std::string::npos ? 1 : 6);
    } catch (...) {
      ::_exit(4);
    }
  }
  CHECK(wait_child(pid) == "exit 1");
  CHECK_FALSE(std::filesystem::exists(doc));
  CHECK_FALSE(std::filesystem::exists(dir / "new.uchronia-wal"));
}
