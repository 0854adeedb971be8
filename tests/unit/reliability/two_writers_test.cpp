// Two writers: concurrent processes (forked children, and the real CLI) editing one document:
// no lost update, no "database is locked" failure, stale writes refused with ConflictError.
#include <doctest/doctest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cstdio>
#include <cstring>
#include <map>
#include <set>

#include "reliability_util.hpp"

using namespace uch;
using namespace uch::reliability;

namespace {

constexpr int kShared = 3;  // entries both writers edit

/// One acknowledged write as a child reports it.
struct WriteRecord {
  std::int64_t seq = 0;
  std::int32_t entry = 0;
  std::int32_t failed = 0;  // 1: the record carries an error message
  char body[96] = {};
};

/// A writer: `commits` read-modify-write cycles on the shared entries, each based on the version
/// it read; a ConflictError (the other writer got there first) means re-read and try again.
[[noreturn]] void writer_main(const std::filesystem::path& doc, int writer, int commits, int fd) {
  WriteRecord rec;
  try {
    Store store = Store::open(doc);
    int conflicts = 0;
    for (int i = 0; i < commits; ++i) {
      const int idx = (i + writer) % kShared;
      for (int attempt = 0;; ++attempt) {
        const auto current = store.entry(entry_id(idx));
        Entry e = current->value;
        e.body = "w" + std::to_string(writer) + "-" + std::to_string(i);
        try {
          const auto r = store.commit(uch::Edit().put_entry(e, current->version), "writer" + std::to_string(writer));
          rec = WriteRecord{r.seq, idx, 0, {}};
          std::strncpy(rec.body, e.body.c_str(), sizeof rec.body - 1);
          write_all(fd, &rec, sizeof rec);
          break;
        } catch (const ConflictError&) {
          if (++conflicts > 100000 || attempt > 1000) throw Error("starved by conflicts");
        }
      }
    }
    ::_exit(0);
  } catch (const std::exception& e) {
    rec = WriteRecord{};
    rec.failed = 1;
    std::strncpy(rec.body, e.what(), sizeof rec.body - 1);
    write_all(fd, &rec, sizeof rec);
    ::_exit(3);
  }
}

std::vector<WriteRecord> read_records(int fd) {
  std::vector<WriteRecord> out;
  WriteRecord r;
  std::string pending;
  char buf[4096];
  ssize_t n;
  while ((n = ::read(fd, buf, sizeof buf)) > 0) {
    pending.append(buf, static_cast<std::size_t>(n));
    while (pending.size() >= sizeof r) {
      std::memcpy(&r, pending.data(), sizeof r);
      pending.erase(0, sizeof r);
      out.push_back(r);
    }
  }
  return out;
}

/// Runs a shell command, returns its exit status and puts its stderr in `err`.
int run_cli(const std::string& args, std::string& out, std::string& err, const std::filesystem::path& scratch) {
  const auto err_file = scratch / "cli.stderr";
  const std::string cmd = std::string("'") + UCHRONIA_BINARY + "' " + args + " 2>'" + err_file.string() + "'";
  out.clear();
  FILE* p = ::popen(cmd.c_str(), "r");
  if (!p) return -1;
  char buf[512];
  std::size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, p)) > 0) out.append(buf, n);
  const int status = ::pclose(p);
  err = file_bytes(err_file);
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

std::string q(const std::filesystem::path& p) { return "'" + p.string() + "'"; }

}  // namespace

TEST_CASE("two processes committing to the same entries lose no update and never see 'locked'") {
  TempDir dir;
  const auto doc = dir / "two.uchronia";
  create_entries_document(doc, kShared);
  constexpr int kCommits = 60;
  std::array<int, 2> fds{};
  std::array<pid_t, 2> pids{};
  int pipe_fds[2];
  REQUIRE(::pipe(pipe_fds) == 0);
  for (int w = 0; w < 2; ++w) {
    pids[w] = ::fork();
    REQUIRE(pids[w] >= 0);
    if (pids[w] == 0) {
      ::close(pipe_fds[0]);
      writer_main(doc, w, kCommits, pipe_fds[1]);
    }
  }
  ::close(pipe_fds[1]);
  (void)fds;
  const auto records = read_records(pipe_fds[0]);
  ::close(pipe_fds[0]);
  for (int w = 0; w < 2; ++w) CHECK(wait_child(pids[w]) == "exit 0");
  std::set<std::int64_t> seqs;
  for (const auto& r : records) {
    if (r.failed) FAIL_CHECK("a writer failed: " << r.body);
    else seqs.insert(r.seq);
  }
  CHECK(seqs.size() == 2 * kCommits);  // every acknowledged commit got its own revision

  // Every acknowledged commit is in the history, holding the value it wrote.
  RawDb raw(doc);
  const int body_col = entry_column_index(raw, "body");
  for (const auto& r : records) {
    if (r.failed) continue;
    sqlite3_stmt* st = nullptr;
    sqlite3_prepare_v2(raw.db, "SELECT changeset, summary FROM revision WHERE seq = ?", -1, &st, nullptr);
    sqlite3_bind_int64(st, 1, r.seq);
    REQUIRE(sqlite3_step(st) == SQLITE_ROW);
    const std::string cs(static_cast<const char*>(sqlite3_column_blob(st, 0)),
                         static_cast<std::size_t>(sqlite3_column_bytes(st, 0)));
    const std::string summary(reinterpret_cast<const char*>(sqlite3_column_text(st, 1)));
    sqlite3_finalize(st);
    std::vector<ChangedBody> rows;
    std::string err;
    REQUIRE(decode_changeset(cs, summary, body_col, rows, err));
    REQUIRE(rows.size() == 1);
    CHECK(rows[0].new_body == std::string(r.body));
  }
  CHECK(raw.scalar("SELECT count(*) FROM revision") == 1 + 2 * kCommits);
  // No update lost: each entry holds the last acknowledged value written to it.
  std::map<int, std::pair<std::int64_t, std::string>> last;
  for (const auto& r : records)
    if (!r.failed && r.seq > last[r.entry].first) last[r.entry] = {r.seq, r.body};
  for (const auto& [idx, v] : last) {
    CHECK(raw.column("SELECT body FROM entry WHERE id = '" + entry_id(idx) + "'").at(0) == v.second);
    // The row's version is the revision that last wrote it.
    CHECK(raw.scalar("SELECT version FROM entry WHERE id = '" + entry_id(idx) + "'") == v.first);
  }
  CHECK(integrity(doc) == "ok");
  CHECK(replay_history(doc) == "");
}

TEST_CASE("a write based on a version read before another process's commit is refused, not applied") {
  TempDir dir;
  const auto doc = dir / "stale.uchronia";
  create_entries_document(doc, 2);
  Store mine = Store::open(doc);
  const auto before = mine.entry("e0");
  REQUIRE(before);
  CHECK_FALSE(mine.changed_externally());

  // Another process commits a change to e0 while this one holds the document open.
  const pid_t pid = ::fork();
  REQUIRE(pid >= 0);
  if (pid == 0) {
    try {
      Store other = Store::open(doc);
      Entry e = other.entry("e0")->value;
      e.body = "theirs";
      other.commit(uch::Edit().put_entry(e), "other");
      ::_exit(0);
    } catch (...) {
      ::_exit(3);
    }
  }
  REQUIRE(wait_child(pid) == "exit 0");
  CHECK(mine.changed_externally());

  Entry stale = before->value;
  stale.body = "mine";
  CHECK_THROWS_WITH_AS(mine.commit(uch::Edit().put_entry(stale, before->version), "me"),
                       doctest::Contains("changed by another writer"), ConflictError);
  CHECK(mine.entry("e0")->value.body == "theirs");  // the newer value stands
  CHECK(mine.revisions().size() == 2);               // and nothing was recorded for the refused write
  // Deleting on a stale version is refused too.
  CHECK_THROWS_AS(mine.commit(uch::Edit().remove_item("e0", before->version), "me"), ConflictError);
  CHECK(mine.entry("e0"));
  // Re-reading gives the new version, and the write then goes through.
  const auto fresh = mine.entry("e0");
  stale.body = "mine, after reloading";
  CHECK(mine.commit(uch::Edit().put_entry(stale, fresh->version), "me").seq == 3);
}

TEST_CASE("the CLI and a process holding the document open: stale --expect-version refused, no lock errors") {
  REQUIRE_MESSAGE(std::filesystem::exists(UCHRONIA_BINARY), "build the uchronia binary first");
  TempDir dir;
  const auto doc = dir / "cli.uchronia";
  create_entries_document(doc, 2);
  Store editor = Store::open(doc);  // stands in for the editor: open for the whole test
  std::string out, err;

  SUBCASE("--expect-version of an older version is a conflict, exit 2, value kept") {
    const auto v = editor.entry("e0")->version;
    Entry e = editor.entry("e0")->value;
    e.body = "editor";
    editor.commit(uch::Edit().put_entry(e, v), "editor");  // now version v + 1
    const int rc = run_cli("set " + q(doc) + " e0 body cli --expect-version " + std::to_string(v), out, err, dir.path);
    CHECK(rc == 2);
    CHECK(err.find("conflict") != std::string::npos);
    CHECK(std::count(err.begin(), err.end(), '\n') == 1);
    CHECK(editor.entry("e0")->value.body == "editor");
    CHECK(editor.revisions().size() == 2);
  }
  SUBCASE("--expect-version of the current version goes through; the editor notices and its stale write fails") {
    const auto v = editor.entry("e0");
    const int rc =
        run_cli("set " + q(doc) + " e0 body cli --expect-version " + std::to_string(v->version), out, err, dir.path);
    CHECK_MESSAGE(rc == 0, err);
    CHECK(editor.changed_externally());
    CHECK(editor.entry("e0")->value.body == "cli");
    Entry mine = v->value;
    mine.body = "editor, stale";
    CHECK_THROWS_AS(editor.commit(uch::Edit().put_entry(mine, v->version), "editor"), ConflictError);
    CHECK(editor.entry("e0")->value.body == "cli");
  }
  SUBCASE("CLI writes while the test process writes: every CLI call succeeds, every write kept") {
    constexpr int kRounds = 15;
    const pid_t pid = ::fork();
    REQUIRE(pid >= 0);
    if (pid == 0) {
      // The CLI side: one `set` per round on e1 (its own entry; on the same entry a read-then-write
      // may rightly be refused as a conflict, tested above).
      int bad = 0;
      for (int i = 0; i < kRounds; ++i) {
        std::string o, e;
        if (run_cli("set " + q(doc) + " e1 body cli-" + std::to_string(i), o, e, dir.path) != 0) {
          std::fprintf(stderr, "CLI failed: %s", e.c_str());
          ++bad;
        }
      }
      ::_exit(bad ? 3 : 0);
    }
    int mine = 0;
    for (int i = 0; i < 40; ++i) {
      Entry e = editor.entry("e0")->value;
      e.body = "editor-" + std::to_string(i);
      CHECK_NOTHROW(editor.commit(uch::Edit().put_entry(e, editor.entry("e0")->version), "editor"));
      ++mine;
    }
    CHECK(wait_child(pid) == "exit 0");
    CHECK(editor.entry("e1")->value.body == "cli-" + std::to_string(kRounds - 1));
    CHECK(editor.entry("e0")->value.body == "editor-39");
    CHECK(editor.revisions().size() == static_cast<std::size_t>(1 + mine + kRounds));
  }
}

TEST_CASE("three processes setting the same field at once, without an expected version: none conflicts") {
  TempDir dir;
  const auto doc = dir / "three.uchronia";
  create_entries_document(doc, 1);
  constexpr int kWriters = 3, kSets = 30;
  std::array<pid_t, kWriters> pids{};
  for (int w = 0; w < kWriters; ++w) {
    pids[w] = ::fork();
    REQUIRE(pids[w] >= 0);
    if (pids[w] == 0) {
      try {
        Store store = Store::open(doc);  // open for all its sets: its reads go stale between them
        for (int i = 0; i < kSets; ++i)
          store.set_field(entry_id(0), "body", "w" + std::to_string(w) + "-" + std::to_string(i), std::nullopt, "w");
        ::_exit(0);
      } catch (const std::exception& e) {
        std::fprintf(stderr, "writer %d: %s\n", w, e.what());
        ::_exit(3);
      }
    }
  }
  for (int w = 0; w < kWriters; ++w) CHECK(wait_child(pids[w]) == "exit 0");
  RawDb raw(doc);
  CHECK(raw.scalar("SELECT count(*) FROM revision") == 1 + kWriters * kSets);
  CHECK(integrity(doc) == "ok");
}
