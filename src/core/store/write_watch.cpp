// Long writes and waits for another writer: progress, who is writing, and cancelling (Ctrl+C).
//
// SQLite lets one connection write at a time; the others wait in the busy handler. A fixed busy
// timeout gives up on a long write (undoing a 40,000-entry import) that is doing fine. So a write
// that lasts over a second records who it is in "DOC-writer" (pid and label), rewritten every
// second from SQLite's progress handler, and a waiting writer keeps waiting as long as that file
// is fresh and its process alive; a writer that has not said who it is (another program) is
// waited for busy_timeout_ms, as before. cancel_writes() sets a flag both handlers look at: the
// wait gives up, the write's statement is interrupted (sqlite3_interrupt's error), and the
// transaction rolls back.
#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstdlib>
#include <fstream>

#include "store/store_impl.hpp"

namespace uch {
namespace {

std::atomic<bool> g_cancelled{false};
static_assert(std::atomic<bool>::is_always_lock_free, "cancel_writes() is called from signal handlers");
std::function<void(const WriteProgress&)> g_reporter;
std::string g_label = "uchronia";  // front ends label it "uchronia <verb>": is_writer_file knows it by that

constexpr auto kReportAfter = std::chrono::seconds(1);
constexpr auto kBeatEvery = std::chrono::seconds(1);
/// A who-is-writing file older than this is a writer that stopped (killed, or stuck).
constexpr auto kBeatStale = std::chrono::seconds(5);
/// However alive the other writer, a wait ends after this long.
constexpr auto kLongestWait = std::chrono::hours(2);
constexpr int kProgressOps = 4096;  // VM steps between progress-handler calls

void report(WriteProgress::Kind kind, const std::filesystem::path& doc, std::chrono::steady_clock::duration d,
            std::string holder = {}) {
  if (!g_reporter) return;
  WriteProgress p;
  p.kind = kind;
  p.document = doc;
  p.seconds = std::chrono::duration<double>(d).count();
  p.holder = std::move(holder);
  g_reporter(p);
}

/// True when `path` holds what a writer records there ("<pid> uchronia…"): safe to write over.
bool is_writer_file(const std::filesystem::path& path) {
  std::ifstream in(path);
  long long pid = 0;
  std::string label;
  return static_cast<bool>(in >> pid >> label) && pid > 0 && label.rfind("uchronia", 0) == 0;
}

}  // namespace

void set_write_progress_reporter(std::function<void(const WriteProgress&)> reporter) { g_reporter = std::move(reporter); }
void set_writer_label(std::string label) { g_label = std::move(label); }
void cancel_writes() noexcept { g_cancelled.store(true); }

namespace detail {

void throw_if_cancelled(sqlite3* db) {
  if (!g_cancelled.load()) return;
  const char* file = db ? sqlite3_db_filename(db, "main") : nullptr;
  throw WriteCancelled(std::string(file && *file ? std::string(file) + ": " : std::string()) +
                       "cancelled; nothing of this change was written");
}

WriteWatch::WriteWatch(sqlite3* db, std::filesystem::path document, int busy_timeout_ms)
    : db_(db), document_(std::move(document)), busy_timeout_ms_(busy_timeout_ms) {
  if (!document_.empty()) info_ = document_.string() + "-writer";
  sqlite3_busy_handler(db_, [](void* self, int count) { return static_cast<WriteWatch*>(self)->on_busy(count); }, this);
  sqlite3_progress_handler(db_, kProgressOps, [](void* self) { return static_cast<WriteWatch*>(self)->tick() ? 1 : 0; },
                           this);
  // The write is over when it commits or rolls back: its who-is-writing file goes with it.
  sqlite3_commit_hook(db_, [](void* self) { static_cast<WriteWatch*>(self)->end_write(); return 0; }, this);
  sqlite3_rollback_hook(db_, [](void* self) { static_cast<WriteWatch*>(self)->end_write(); }, this);
}

WriteWatch::~WriteWatch() {
  // No hook may call back into this watch once it is gone.
  sqlite3_commit_hook(db_, nullptr, nullptr);
  sqlite3_rollback_hook(db_, nullptr, nullptr);
  sqlite3_progress_handler(db_, 0, nullptr, nullptr);
  sqlite3_busy_handler(db_, nullptr, nullptr);
  end_write();
}

void WriteWatch::end_write() {
  writing_ = false;
  if (!wrote_info_) return;
  wrote_info_ = false;
  ::unlink(info_.c_str());
}

bool WriteWatch::tick() {
  if (g_cancelled.load()) return true;
  if (sqlite3_txn_state(db_, nullptr) != SQLITE_TXN_WRITE) {
    if (writing_) end_write();
    return false;
  }
  const auto now = Clock::now();
  if (!writing_) {
    writing_ = true;
    write_start_ = last_beat_ = now;
    return false;
  }
  if (now - write_start_ < kReportAfter || now - last_beat_ < kBeatEvery) return false;
  last_beat_ = now;
  if (!info_.empty()) {
    // Best effort: a directory we cannot write to only means other writers wait less long.
    const std::string text = std::to_string(::getpid()) + " " + g_label + "\n";
    // Rewritten in place, never truncated: a waiter reading it meanwhile never finds it empty
    // (anything after the first line is ignored).
    // A file of that name that is not one of ours (another writer's, maybe killed) is left alone.
    int fd = ::open(info_.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0644);
    if (fd < 0 && errno == EEXIST && (wrote_info_ || is_writer_file(info_)))
      fd = ::open(info_.c_str(), O_WRONLY | O_CLOEXEC | O_NOFOLLOW);
    if (fd >= 0) {
      wrote_info_ = ::pwrite(fd, text.data(), text.size(), 0) == static_cast<ssize_t>(text.size()) || wrote_info_;
      ::futimens(fd, nullptr);  // the heartbeat: its time is now, even when the bytes are the same
      ::close(fd);
    }
  }
  report(WriteProgress::Kind::Writing, document_, now - write_start_);
  return false;
}

/// "pid 4242, uchronia undo" when a live process says (in a fresh file) it is writing, else "".
std::string WriteWatch::holder() const {
  if (info_.empty()) return {};
  struct stat st {};
  if (::stat(info_.c_str(), &st) != 0) return {};
  const auto age = std::chrono::system_clock::now() - std::chrono::system_clock::from_time_t(st.st_mtime);
  if (age > kBeatStale) return {};
  std::ifstream in(info_);
  long long pid = 0;
  std::string label;
  if (!(in >> pid) || pid <= 0 || pid == ::getpid()) return {};
  std::getline(in >> std::ws, label);
  if (::kill(static_cast<pid_t>(pid), 0) != 0 && errno != EPERM) return {};  // gone
  return "pid " + std::to_string(pid) + (label.empty() ? "" : ", " + label);
}

int WriteWatch::on_busy(int count) {
  if (g_cancelled.load()) return 0;
  const auto now = Clock::now();
  if (count == 0) {
    wait_start_ = now;
    holder_seen_.reset();
    next_wait_report_ = now + kReportAfter;
  }
  const auto waited = now - wait_start_;
  // The holder is looked at only once a wait is long: most waits are a few milliseconds.
  const bool long_wait = now >= next_wait_report_ || waited >= std::chrono::milliseconds(busy_timeout_ms_);
  if (long_wait) {
    const std::string who = holder();
    if (!who.empty()) holder_seen_ = now;
    // A writer that said who it is is waited for until its heartbeat is stale, however long.
    const bool holder_alive = holder_seen_ && now - *holder_seen_ < kBeatStale;
    if (waited >= std::chrono::milliseconds(busy_timeout_ms_) && (!holder_alive || waited >= kLongestWait)) return 0;
    if (now >= next_wait_report_) {
      next_wait_report_ = now + kReportAfter;
      report(WriteProgress::Kind::Waiting, document_, waited, who);
    }
  }
  const int ms = count < 10 ? 1 : count < 40 ? 5 : 25;
  sqlite3_sleep(ms);
  return 1;
}

void WriteWatch::hold_for_test() {
  static const long hold_ms = [] {
    const char* v = std::getenv("UCHRONIA_TEST_HOLD_WRITE_MS");
    return v ? std::strtol(v, nullptr, 10) : 0L;
  }();
  if (hold_ms <= 0) return;
  const auto until = Clock::now() + std::chrono::milliseconds(hold_ms);
  while (Clock::now() < until) {
    if (tick()) throw_if_cancelled(db_);
    sqlite3_sleep(20);
  }
}

}  // namespace detail
}  // namespace uch
