// Kill harness: a child commits as fast as it can and is SIGKILLed at random; the parent verifies the file.
// Shared by tests/unit/reliability/kill_test.cpp (50+ kills) and bench/kill_soak.cpp (1,000 kills).
#pragma once

#include <poll.h>
#include <signal.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstring>
#include <map>
#include <random>
#include <string>
#include <vector>

#include "reliability_util.hpp"
#include "uchronia/store.hpp"

namespace uch::reliability {

/// What the child reports on the pipe after each commit/undo/redo returned.
struct AckRecord {
  enum Kind : std::int32_t { Ready = 1, Edit = 2, Undo = 3, Redo = 4, Failed = 5 };
  std::int32_t kind = 0;
  std::int32_t entry = -1;   // index of the entry it changed
  std::int64_t seq = 0;      // the acknowledged revision
  char body[96] = {};        // the entry's body after the change (or, for Failed, the error)
};
static_assert(sizeof(AckRecord) < PIPE_BUF, "a record is written atomically");

/// Totals over all rounds.
struct KillStats {
  int kills = 0;
  int acknowledged = 0;      // commits the child reported before dying
  int unacknowledged = 0;    // rounds where one more revision was durable than acknowledged
  int undo_checks = 0;
  std::vector<std::string> failures;
};

class KillHarness {
 public:
  static constexpr int kEntries = 8;

  KillHarness(std::filesystem::path doc, unsigned seed) : doc_(std::move(doc)), rng_(seed) {
    create_entries_document(doc_, kEntries);
    snapshot();
  }

  const KillStats& stats() const { return stats_; }

  /// One round: fork a committing child, SIGKILL it 0..max_delay_us after it opened the document
  /// (or after the fork, when `during_open`), verify the document.
  /// Returns false (and records why) when a guarantee was broken.
  bool round(int max_delay_us, bool during_open = false) {
    int fds[2];
    if (::pipe(fds) != 0) return fail("pipe() failed");
    const unsigned child_seed = static_cast<unsigned>(rng_());
    const pid_t pid = ::fork();
    if (pid < 0) return fail("fork() failed");
    if (pid == 0) {
      ::close(fds[0]);
      child_main(fds[1], child_seed);
    }
    ::close(fds[1]);
    const int delay_us = std::uniform_int_distribution<int>(0, max_delay_us)(rng_);
    std::vector<AckRecord> acks;
    std::string pending;
    if (!during_open) {
      // Wait for "ready" (the store is open) and then for the first acknowledged change, at most
      // 5 s each: the kill then lands while the child is committing, however slow the build
      // (ASan) or the machine, instead of mostly while it is still opening the document.
      pollfd p{fds[0], POLLIN, 0};
      bool ready = false, committing = false;
      while (!committing && ::poll(&p, 1, 5000) > 0) {
        AckRecord r;
        if (::read(fds[0], &r, sizeof r) != sizeof r) break;
        if (r.kind == AckRecord::Ready) ready = true;
        else acks.push_back(r);
        committing = ready && r.kind != AckRecord::Ready;
      }
    }
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::microseconds(delay_us);
    // Drain the pipe while waiting, so the child never blocks on a full pipe.
    for (;;) {
      const auto left = std::chrono::duration_cast<std::chrono::microseconds>(deadline - std::chrono::steady_clock::now());
      if (left.count() <= 0) break;
      pollfd p{fds[0], POLLIN, 0};
      if (::poll(&p, 1, static_cast<int>((left.count() + 999) / 1000)) > 0 && !read_some(fds[0], pending, acks))
        break;  // the child ended by itself
    }
    ::kill(pid, SIGKILL);
    const std::string how = wait_child(pid);
    while (read_some(fds[0], pending, acks)) {
    }
    ::close(fds[0]);
    ++stats_.kills;
    if (how != "signal 9") {
      std::string why;
      for (const auto& a : acks)
        if (a.kind == AckRecord::Failed) why = a.body;
      return fail("round " + std::to_string(stats_.kills) + ": the child ended by itself (" + how + ")" +
                  (why.empty() ? "" : ": " + why));
    }
    for (const auto& a : acks)
      if (a.kind == AckRecord::Failed) return fail("round " + std::to_string(stats_.kills) + ": child error: " + a.body);
    return verify(acks);
  }

 private:
  // --- the child ------------------------------------------------------------------------------
  [[noreturn]] void child_main(int fd, unsigned seed) {
    AckRecord rec;
    try {
      Store store = Store::open(doc_);
      rec.kind = AckRecord::Ready;
      write_all(fd, &rec, sizeof rec);
      std::mt19937 rng(seed);
      for (long i = 0;; ++i) {
        rec = AckRecord{};
        const int r = static_cast<int>(rng() % 10);
        CommitResult result;
        if (r < 2 && store.can_undo() && store.next_undo()->kind != "import") {
          result = store.undo("kill-test");
          rec.kind = AckRecord::Undo;
        } else if (r == 2 && store.can_redo()) {
          result = store.redo("kill-test");
          rec.kind = AckRecord::Redo;
        } else {
          const int idx = static_cast<int>(rng() % kEntries);
          Entry e = store.entry(entry_id(idx))->value;
          e.body = "s" + std::to_string(seed) + "-" + std::to_string(i);
          result = store.commit(uch::Edit().put_entry(e), "kill-test");
          rec.kind = AckRecord::Edit;
        }
        // The commit returned: the revision is durable. Acknowledge it with what it wrote.
        rec.seq = result.seq;
        if (result.changed_items.size() != 1) throw Error("a revision touched " + std::to_string(result.changed_items.size()) + " items");
        const std::string& id = result.changed_items.front();
        rec.entry = std::stoi(id.substr(1));
        const std::string body = store.entry(id)->value.body;
        std::strncpy(rec.body, body.c_str(), sizeof rec.body - 1);
        write_all(fd, &rec, sizeof rec);
      }
    } catch (const std::exception& e) {
      rec = AckRecord{};
      rec.kind = AckRecord::Failed;
      std::strncpy(rec.body, e.what(), sizeof rec.body - 1);
      write_all(fd, &rec, sizeof rec);
      ::_exit(3);
    }
  }

  static bool read_some(int fd, std::string& pending, std::vector<AckRecord>& out) {
    char buf[4096];
    const ssize_t n = ::read(fd, buf, sizeof buf);
    if (n <= 0) return false;
    pending.append(buf, static_cast<std::size_t>(n));
    while (pending.size() >= sizeof(AckRecord)) {
      AckRecord r;
      std::memcpy(&r, pending.data(), sizeof r);
      pending.erase(0, sizeof r);
      if (r.kind != AckRecord::Ready) out.push_back(r);  // (Ready is read first, whole, by round())
    }
    return true;
  }

  // --- the parent -----------------------------------------------------------------------------
  bool fail(std::string why) {
    stats_.failures.push_back(std::move(why));
    return false;
  }

  /// The state the next round starts from: max revision and every entry's body.
  void snapshot() {
    RawDb raw(doc_);
    max_seq_ = raw.scalar("SELECT max(seq) FROM revision");
    bodies_.clear();
    for (int i = 0; i < kEntries; ++i)
      bodies_[i] = raw.column("SELECT body FROM entry WHERE id = '" + entry_id(i) + "'").at(0);
  }

  bool verify(const std::vector<AckRecord>& acks) {
    const std::string where = "after kill " + std::to_string(stats_.kills) + ": ";
    // 1. The file as the kill left it (WAL and all) is a sound SQLite database.
    if (auto r = integrity(doc_); r != "ok") return fail(where + "integrity_check: " + r);
    // 2. Every acknowledged revision is there, in order, with the value it wrote;
    //    at most one more (committed, killed before the acknowledgement).
    RawDb raw(doc_);
    const int body_col = entry_column_index(raw, "body");
    std::map<int, std::string> expected = bodies_;
    std::int64_t seq = max_seq_;
    for (const auto& a : acks) {
      if (a.seq != seq + 1)
        return fail(where + "acknowledged revision " + std::to_string(a.seq) + " follows " + std::to_string(seq));
      seq = a.seq;
      expected[a.entry] = a.body;
      sqlite3_stmt* st = nullptr;
      sqlite3_prepare_v2(raw.db, "SELECT kind, changeset, summary FROM revision WHERE seq = ?", -1, &st, nullptr);
      sqlite3_bind_int64(st, 1, a.seq);
      if (sqlite3_step(st) != SQLITE_ROW) {
        sqlite3_finalize(st);
        return fail(where + "acknowledged revision " + std::to_string(a.seq) + " is LOST");
      }
      const std::string kind = reinterpret_cast<const char*>(sqlite3_column_text(st, 0));
      const std::string cs(static_cast<const char*>(sqlite3_column_blob(st, 1)),
                           static_cast<std::size_t>(sqlite3_column_bytes(st, 1)));
      const std::string summary(reinterpret_cast<const char*>(sqlite3_column_text(st, 2)));
      sqlite3_finalize(st);
      const char* want_kind = a.kind == AckRecord::Edit ? "edit" : a.kind == AckRecord::Undo ? "undo" : "redo";
      if (kind != want_kind) return fail(where + "revision " + std::to_string(a.seq) + " is a " + kind);
      std::vector<ChangedBody> rows;
      std::string err;
      if (!decode_changeset(cs, summary, body_col, rows, err)) return fail(where + "revision " + std::to_string(a.seq) + ": " + err);
      bool found = false;
      for (const auto& row : rows) found = found || (row.has_body && row.new_body == a.body);
      if (!found) return fail(where + "revision " + std::to_string(a.seq) + " does not hold the acknowledged value");
    }
    stats_.acknowledged += static_cast<int>(acks.size());
    const auto db_max = raw.scalar("SELECT max(seq) FROM revision");
    if (db_max != seq && db_max != seq + 1)
      return fail(where + "the document ends at revision " + std::to_string(db_max) + ", last acknowledged " +
                  std::to_string(seq));
    int unacked_entry = -1;
    if (db_max == seq + 1) {
      ++stats_.unacknowledged;
      const auto items = raw.column("SELECT item FROM revision_item WHERE seq = " + std::to_string(db_max));
      if (items.size() == 1) unacked_entry = std::stoi(items[0].substr(1));
    }
    // 3. The current rows are what the acknowledged history says.
    for (int i = 0; i < kEntries; ++i) {
      if (i == unacked_entry) continue;
      const auto body = raw.column("SELECT body FROM entry WHERE id = '" + entry_id(i) + "'");
      if (body.size() != 1 || body[0] != expected[i])
        return fail(where + entry_id(i) + " holds '" + (body.empty() ? "(missing)" : body[0]) + "', expected '" +
                    expected[i] + "'");
    }
    // 4. Every revision's changeset parses and applies (and inverts); replaying all gives the tables.
    if (auto r = replay_history(doc_); !r.empty()) return fail(where + r);
    // 5. The store opens it, and undo then redo still work.
    try {
      Store store = Store::open(doc_);
      if (store.can_undo() && store.next_undo()->kind != "import") {
        const auto before = store.load();
        const auto u = store.undo("checker");
        if (u.seq == 0 || u.changed_items.size() != 1) return fail(where + "undo changed nothing");
        if (store.load() == before) return fail(where + "undo left the document as it was");
        const auto r = store.redo("checker");
        if (r.seq != u.seq + 1) return fail(where + "redo did not follow the undo");
        if (!(store.load() == before)) return fail(where + "undo then redo did not restore the document");
        ++stats_.undo_checks;
      }
    } catch (const std::exception& e) {
      return fail(where + "reopening/undo failed: " + e.what());
    }
    snapshot();
    return true;
  }

  std::filesystem::path doc_;
  std::mt19937 rng_;
  KillStats stats_;
  std::int64_t max_seq_ = 0;
  std::map<int, std::string> bodies_;
};

}  // namespace uch::reliability
