// Kill test: a child commits as fast as it can and is SIGKILLed at random moments, 60 times;
// after each kill the file is sound, every acknowledged edit is there, history replays, undo works.
#include <doctest/doctest.h>

#include <chrono>

#include "kill_harness.hpp"

using namespace uch;
using namespace uch::reliability;

TEST_CASE("SIGKILL at random moments loses no acknowledged edit and never corrupts the document") {
  TempDir dir;
  KillHarness harness(dir / "kill.uchronia", 20240901u);
  const auto start = std::chrono::steady_clock::now();
  constexpr int kKills = 60;
  for (int i = 0; i < kKills; ++i) {
    // Most kills land while commits run (0-20 ms after the child opened the document);
    // one in ten lands 0-3 ms after the fork, while the store opens and recovers the WAL.
    const bool ok = i % 10 == 9 ? harness.round(3000, true) : harness.round(20000);
    if (!ok) break;
  }
  const auto& s = harness.stats();
  const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  MESSAGE(s.kills << " kills, " << s.acknowledged << " acknowledged commits, " << s.unacknowledged
                  << " kills between a commit and its acknowledgement, " << s.undo_checks << " undo checks, "
                  << secs << " s");
  for (const auto& f : s.failures) FAIL_CHECK(f);
  CHECK(s.kills == kKills);
  // The child really was committing when killed (a commit takes ~7 ms: fsync).
  CHECK(s.acknowledged + s.unacknowledged > kKills);
  CHECK(s.undo_checks > kKills / 2);  // undo was exercised after most kills
}

TEST_CASE("the kill checker itself notices a lost revision and a broken changeset") {
  // A test that can fail: tamper with a document the way a broken store would, and the
  // verification helpers must object.
  TempDir dir;
  const auto doc = dir / "tampered.uchronia";
  create_entries_document(doc, 3);
  {
    Store store = Store::open(doc);
    for (int i = 0; i < 3; ++i) {
      Entry e = store.entry(entry_id(i))->value;
      e.body = "edited " + std::to_string(i);
      store.commit(uch::Edit().put_entry(e), "t");
    }
  }
  CHECK(integrity(doc) == "ok");
  CHECK(replay_history(doc) == "");
  SUBCASE("a revision removed from the middle") {
    {
      RawDb raw(doc, false);
      sqlite3_exec(raw.db, "DELETE FROM revision WHERE seq = 2", nullptr, nullptr, nullptr);
    }
    CHECK(replay_history(doc).find("revision 2 is missing") != std::string::npos);
  }
  SUBCASE("a changeset that no longer matches the rows") {
    {
      RawDb raw(doc, false);
      sqlite3_exec(raw.db, "UPDATE entry SET body = 'tampered' WHERE id = 'e1'", nullptr, nullptr, nullptr);
    }
    CHECK(replay_history(doc).find("rows differ") != std::string::npos);
  }
  SUBCASE("a truncated changeset") {
    {
      RawDb raw(doc, false);
      sqlite3_exec(raw.db, "UPDATE revision SET changeset = substr(changeset, 1, 10) WHERE seq = 3", nullptr, nullptr,
                   nullptr);
    }
    CHECK(!replay_history(doc).empty());
  }
}
