// Messages name the true cause: out of memory is not "damaged", a hot journal beside the document is
// not "read-only", a damaged document too large for the opening check refuses writes.
#include <doctest/doctest.h>
#include <unistd.h>

#include <atomic>
#include <cstring>

#include "reliability_util.hpp"

using namespace uch;
using namespace uch::reliability;

namespace {

/// SQLite's allocator, wrapped so that the allocation numbered `fail_at` (counting from when it is
/// set) and every one after it fail.
sqlite3_mem_methods real_allocator;
std::atomic<long> countdown{-1};
std::atomic<bool> failing{false};
bool allocation_fails() {
  if (failing) return true;
  if (countdown < 0 || countdown-- > 0) return false;
  failing = true;
  return true;
}
void allocations_succeed() {
  countdown = -1;
  failing = false;
}
void* failing_malloc(int n) { return allocation_fails() ? nullptr : real_allocator.xMalloc(n); }
void* failing_realloc(void* p, int n) { return allocation_fails() ? nullptr : real_allocator.xRealloc(p, n); }

/// In a child: installs the failing allocator; for n = 0, 1, 2, ... opens a copy of `doc` and runs
/// `body` with the n-th allocation failing, until `body` completes. Every failure must be a one-line
/// uch::Error saying "out of memory", never "damaged". Exits 0 when so, 6 on a wrong message.
std::string out_of_memory_everywhere(const std::filesystem::path& doc, void (*body)(Store&)) {
  const pid_t pid = ::fork();
  if (pid == 0) {
    sqlite3_shutdown();
    sqlite3_config(SQLITE_CONFIG_GETMALLOC, &real_allocator);
    sqlite3_mem_methods wrapped = real_allocator;
    wrapped.xMalloc = failing_malloc;
    wrapped.xRealloc = failing_realloc;
    sqlite3_config(SQLITE_CONFIG_MALLOC, &wrapped);
    sqlite3_initialize();
    const auto copy = doc.string() + ".copy";
    for (long n = 0; n < 20000; ++n) {
      std::filesystem::copy_file(doc, copy, std::filesystem::copy_options::overwrite_existing);
      try {
        Store store = Store::open(copy);
        countdown = n;
        body(store);
        allocations_succeed();
        std::fprintf(stderr, "out-of-memory child: completed after %ld failing allocations\n", n);
        ::_exit(0);  // it completed: every failure before said the right thing
      } catch (const Error& e) {
        allocations_succeed();
        const std::string m = e.what();
        if (m.find("out of memory") == std::string::npos || m.find("damaged") != std::string::npos ||
            m.find('\n') != std::string::npos) {
          std::fprintf(stderr, "out-of-memory child, allocation %ld: %s\n", n, m.c_str());
          ::_exit(6);
        }
      } catch (const std::exception& e) {
        std::fprintf(stderr, "out-of-memory child, allocation %ld: not a uch::Error: %s\n", n, e.what());
        ::_exit(4);
      }
    }
    ::_exit(5);
  }
  return wait_child(pid);
}

}  // namespace

TEST_CASE("running out of memory anywhere is reported as out of memory, not as damage") {
  TempDir dir;
  const auto doc = dir / "doc.uchronia";
  create_entries_document(doc, 30);
  {
    Store store = Store::open(doc);
    Entry e = store.entry("e1")->value;
    e.body = "a body long enough to be worth packing: " + std::string(300, 'b');
    store.commit(uch::Edit().put_entry(e), "t");
  }
  const std::string before = file_bytes(doc);
  CHECK(out_of_memory_everywhere(doc, [](Store& s) { (void)s.load(); }) == "exit 0");
  CHECK(out_of_memory_everywhere(doc, [](Store& s) { (void)s.item_history("e1"); }) == "exit 0");
  CHECK(out_of_memory_everywhere(doc, [](Store& s) { s.undo("t"); }) == "exit 0");
  CHECK(file_bytes(doc) == before);
}

TEST_CASE("a hot rollback journal beside a document is named as such, the files unchanged") {
  TempDir dir;
  const auto doc = dir / "doc.uchronia", other = dir / "other.db";
  create_entries_document(doc, 3);
  // Another database in rollback-journal mode, its journal copied while a write is under way.
  {
    RawDb raw(other, false);
    REQUIRE(sqlite3_exec(raw.db, "PRAGMA journal_mode = DELETE; CREATE TABLE t(x); INSERT INTO t VALUES(1);"
                                 "BEGIN; UPDATE t SET x = 2; PRAGMA cache_spill = 1;",
                         nullptr, nullptr, nullptr) == SQLITE_OK);
    REQUIRE(sqlite3_exec(raw.db, "INSERT INTO t SELECT randomblob(4000) FROM (WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 3000) SELECT i FROM n)",
                         nullptr, nullptr, nullptr) == SQLITE_OK);
    REQUIRE(std::filesystem::file_size(other.string() + "-journal") > 0);
    std::filesystem::copy_file(other.string() + "-journal", doc.string() + "-journal");
    sqlite3_exec(raw.db, "ROLLBACK", nullptr, nullptr, nullptr);
  }
  const std::string before = file_bytes(doc), journal = file_bytes(doc.string() + "-journal");
  for (bool read_only : {false, true}) {
    std::string message;
    try {
      (void)Store::open(doc, OpenOptions{.read_only = read_only}).load();
    } catch (const Error& e) {
      message = e.what();
    }
    INFO(message);
    CHECK(message.rfind(doc.string() + ":", 0) == 0);
    CHECK(message.find("rollback journal") != std::string::npos);
    CHECK(message.find("read-only") == std::string::npos);
  }
  CHECK(file_bytes(doc) == before);
  CHECK(file_bytes(doc.string() + "-journal") == journal);
}
