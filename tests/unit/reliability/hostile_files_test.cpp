// Hostile and broken files: Store::open refuses each with one clear line and leaves its bytes unchanged;
// damaged history never hangs or crashes a reader.
#include <doctest/doctest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <functional>

#include "reliability_util.hpp"
#include "uchronia/interchange.hpp"

using namespace uch;
using namespace uch::reliability;

namespace {

/// A real document: the bundled sample imported, closed (so the WAL is checkpointed away).
std::filesystem::path real_document(const TempDir& dir, const std::string& name = "real.uchronia") {
  const auto path = dir / name;
  Store store = Store::create(path);
  store.import_document(read_interchange_file(UCHRONIA_SAMPLE_JSON), "test");
  Entry e = store.entry(store.list_entries().front().id)->value;
  e.body += " (edited)";
  store.commit(uch::Edit().put_entry(e), "test");
  return path;
}

/// Runs SQL on a file with a plain connection (the "other program" that altered it).
void alter(const std::filesystem::path& path, const std::string& sql) {
  RawDb raw(path, false);
  char* err = nullptr;
  const int rc = sqlite3_exec(raw.db, sql.c_str(), nullptr, nullptr, &err);
  INFO(sql << ": " << std::string(err ? err : ""));
  sqlite3_free(err);
  REQUIRE(rc == SQLITE_OK);
}

/// Overwrites page `page` (1-based) with pseudo-random bytes.
void garble_page(const std::filesystem::path& path, std::int64_t page, std::int64_t page_size) {
  std::string bytes = file_bytes(path);
  std::mt19937 rng(static_cast<unsigned>(page));
  for (std::int64_t i = 0; i < page_size; ++i) bytes[static_cast<std::size_t>((page - 1) * page_size + i)] = static_cast<char>(rng());
  write_bytes(path, bytes);
}

/// Removes the empty -wal/-shm a read-only probe of the test left (nothing else has the file open).
void remove_sidecars(const std::filesystem::path& p) {
  std::filesystem::remove(p.string() + "-wal");
  std::filesystem::remove(p.string() + "-shm");
}

/// Store::open must throw uch::Error (one line, containing `expect`) and leave the bytes as they were.
void expect_refused(const std::filesystem::path& path, const std::string& expect) {
  const std::string before = file_bytes(path);
  const bool had_wal = std::filesystem::exists(path.string() + "-wal");
  const bool had_shm = std::filesystem::exists(path.string() + "-shm");
  std::string message;
  try {
    Store store = Store::open(path);
    // Open did not refuse it: then reading it must (a damaged page may sit anywhere).
    (void)store.load();
    (void)store.revisions();
  } catch (const Error& e) {
    message = e.what();
  } catch (const std::exception& e) {
    FAIL_CHECK("not a uch::Error: " << e.what());
  }
  INFO("message: " << message);
  CHECK_MESSAGE(!message.empty(), "the file was accepted");
  CHECK(message.find(expect) != std::string::npos);
  CHECK(message.find('\n') == std::string::npos);
  CHECK(message.size() < 300);
  CHECK(file_bytes(path) == before);
  // No -wal/-shm left next to a refused file (beyond those the test's own probes made).
  CHECK(std::filesystem::exists(path.string() + "-wal") == had_wal);
  CHECK(std::filesystem::exists(path.string() + "-shm") == had_shm);
  // Read-only opening refuses it the same way.
  CHECK_THROWS_AS(Store::open(path, OpenOptions{.read_only = true}).load(), Error);
  CHECK(file_bytes(path) == before);
}

}  // namespace

TEST_CASE("hostile and broken files are refused with one clear line, bytes unchanged") {
  TempDir dir;
  SUBCASE("empty file") {
    const auto p = dir / "empty.uchronia";
    write_bytes(p, "");
    expect_refused(p, "empty");
  }
  SUBCASE("random bytes") {
    const auto p = dir / "random.uchronia";
    std::mt19937 rng(7);
    std::string junk(100000, '\0');
    for (auto& c : junk) c = static_cast<char>(rng());
    write_bytes(p, junk);
    expect_refused(p, "not a SQLite database");
  }
  SUBCASE("random bytes behind a SQLite header") {
    const auto p = dir / "header.uchronia";
    std::mt19937 rng(8);
    std::string junk(65536, '\0');
    for (auto& c : junk) c = static_cast<char>(rng());
    junk.replace(0, 16, std::string("SQLite format 3\0", 16));
    write_bytes(p, junk);
    expect_refused(p, "damaged");
  }
  SUBCASE("truncated document (its first half)") {
    const auto real = real_document(dir);
    const std::string bytes = file_bytes(real);
    const auto p = dir / "truncated.uchronia";
    write_bytes(p, bytes.substr(0, bytes.size() / 2));
    expect_refused(p, "damaged");
  }
  SUBCASE("document with a garbled page in the middle") {
    const auto real = real_document(dir);
    std::int64_t page_size = 0, pages = 0;
    {
      RawDb raw(real);
      page_size = raw.scalar("PRAGMA page_size");
      pages = raw.scalar("PRAGMA page_count");
    }
    REQUIRE(pages > 4);
    const auto p = dir / "flipped.uchronia";
    // The middle page, or the next one that matters (a free page's bytes are never read).
    for (std::int64_t page = pages / 2; page <= pages; ++page) {
      std::filesystem::copy_file(real, p, std::filesystem::copy_options::overwrite_existing);
      garble_page(p, page, page_size);
      RawDb raw(p);
      if (raw.column("PRAGMA quick_check").at(0) != "ok") break;
    }
    remove_sidecars(p);
    expect_refused(p, "damaged");
  }
  SUBCASE("SQLite database of another application") {
    const auto p = dir / "other.db";
    alter(p, "CREATE TABLE accounts(id INTEGER PRIMARY KEY, owner TEXT, balance REAL); "
             "INSERT INTO accounts VALUES(1, 'x', 10.5)");
    expect_refused(p, "another application");
  }
  SUBCASE("document of a newer version") {
    const auto p = real_document(dir);
    alter(p, "PRAGMA user_version = 999");
    expect_refused(p, "newer");
  }
  SUBCASE("document altered to add a trigger calling functions") {
    const auto p = real_document(dir);
    alter(p, "CREATE TRIGGER evil AFTER UPDATE ON entry BEGIN SELECT load_extension('/tmp/evil.so'); "
             "UPDATE entry SET body = hex(randomblob(8)); END");
    expect_refused(p, "altered");
  }
  SUBCASE("document altered to add a view calling functions") {
    const auto p = real_document(dir);
    alter(p, "CREATE VIEW evil AS SELECT load_extension('/tmp/evil.so'), fts3_tokenizer('x')");
    expect_refused(p, "altered");
  }
  SUBCASE("document whose own table was replaced by one with a function-calling CHECK") {
    const auto p = real_document(dir);
    alter(p, "PRAGMA writable_schema = ON; "
             "UPDATE sqlite_schema SET sql = replace(sql, 'version       INTEGER NOT NULL DEFAULT 1', "
             "'version       INTEGER NOT NULL DEFAULT 1 CHECK(load_extension(''/tmp/evil.so''))') "
             "WHERE name = 'entry'; PRAGMA writable_schema = OFF");
    {
      RawDb raw(p);
      REQUIRE(raw.column("SELECT sql FROM sqlite_schema WHERE name = 'entry'").at(0).find("load_extension") !=
              std::string::npos);
    }
    remove_sidecars(p);
    expect_refused(p, "altered");
  }
  SUBCASE("an older-version document carrying a trigger is refused, not migrated") {
    const auto p = dir / "old.uchronia";
    alter(p, "PRAGMA application_id = 1430472786; "  // 'UCHR'
             "CREATE TABLE junk(x); "
             "CREATE TRIGGER evil AFTER INSERT ON junk BEGIN SELECT load_extension('/tmp/evil.so'); END");
    expect_refused(p, "altered");
  }
}

TEST_CASE("documents whose names hold URI characters (?, #, %) open, read-only too") {
  TempDir dir;
  for (const std::string name : {"what?.uchronia", "a#b.uchronia", "100%.uchronia", "x%3f.uchronia", "sp ace.uchronia"}) {
    CAPTURE(name);
    const auto p = dir / name;
    create_entries_document(p, 2);
    CHECK(Store::open(p).load().entries.size() == 2);
    CHECK(Store::open(p, OpenOptions{.read_only = true}).load().entries.size() == 2);
    std::filesystem::remove(p);
  }
}

TEST_CASE("a directory, a missing file and an unreadable path give one line each") {
  TempDir dir;
  CHECK_THROWS_WITH_AS(Store::open(dir.path), doctest::Contains("directory"), Error);
  CHECK_THROWS_WITH_AS(Store::open(dir / "missing.uchronia"), doctest::Contains("no such file"), Error);
  CHECK_FALSE(std::filesystem::exists(dir / "missing.uchronia"));
}

namespace {
/// Runs `body` in a child with a 10 s alarm: a hang or crash is reported instead of stalling the suite.
std::string in_child(const std::function<void()>& body) {
  const pid_t pid = ::fork();
  if (pid == 0) {
    ::alarm(10);
    try {
      body();
      ::_exit(0);
    } catch (const Error&) {
      ::_exit(1);
    } catch (...) {
      ::_exit(4);
    }
  }
  return wait_child(pid);
}
}  // namespace

TEST_CASE("a document whose history holds damaged changesets: readers refuse, never hang or crash") {
  TempDir dir;
  const auto real = real_document(dir);
  std::int64_t last = 0;
  {
    RawDb raw(real);
    last = raw.scalar("SELECT max(seq) FROM revision");
  }
  // Cut the newest revision's changeset inside its table header (SQLite 3.40 loops forever on
  // these), or replace it by junk.
  for (const std::string& blob : {std::string("substr(changeset, 1, 3)"), std::string("x'54'"),
                                  std::string("randomblob(40)"), std::string("x'5403010000656e74727900170001'")}) {
    CAPTURE(blob);
    const auto p = dir / "damaged-history.uchronia";
    std::filesystem::copy_file(real, p, std::filesystem::copy_options::overwrite_existing);
    alter(p, "UPDATE revision SET changeset = " + blob + " WHERE seq = " + std::to_string(last));
    const std::string before = file_bytes(p);
    std::string message;
    // undo applies the inverse of that changeset; item history and restore decode it.
    CHECK(in_child([&] {
            Store s = Store::open(p);
            s.undo("t");
          }) == "exit 1");
    CHECK(in_child([&] {
            Store s = Store::open(p);
            for (const auto& row : s.list_entries()) (void)s.item_history(row.id);
          }) == "exit 1");
    try {
      Store s = Store::open(p);
      s.undo("t");
    } catch (const Error& e) {
      message = e.what();
    }
    CHECK(message.find("damaged") != std::string::npos);
    CHECK(file_bytes(p) == before);
  }
}

TEST_CASE("rows holding values of the wrong type are reported as an Error, not a crash") {
  TempDir dir;
  const auto p = real_document(dir);
  alter(p, "UPDATE entry SET version = 'abc', tags = '{{{', acknowledged = 'null', lower = 'x' "
           "WHERE key = (SELECT min(key) FROM entry)");
  // exit 0 (read leniently) or 1 (uch::Error); never another exception (4) or a crash.
  CHECK(in_child([&] {
          Store s = Store::open(p);
          (void)s.load();
          (void)s.list_entries();
        }) == "exit 0");
  CHECK(in_child([&] {
          Store s = Store::open(p);
          for (const auto& row : s.list_entries()) (void)s.entry(row.id);
        }) == "exit 1");
}
