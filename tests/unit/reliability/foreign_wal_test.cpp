// A -wal next to a document that is not its own (another document's, another program's, an older
// one of its own) is refused before SQLite replays it: one line naming the file, the document and
// the -wal byte-for-byte unchanged, nothing of the foreign content in the document. The document's
// own -wal, left by a killed writer, is read with every commit in it.
#include <doctest/doctest.h>
#include <unistd.h>

#include "reliability_util.hpp"

using namespace uch;
using namespace uch::reliability;

namespace {

/// In a child: opens `doc`, commits e0's body = `body`, and dies without closing (as if killed),
/// leaving the commit in `doc`-wal only.
void commit_and_die(const std::filesystem::path& doc, const std::string& body) {
  const pid_t pid = ::fork();
  REQUIRE(pid >= 0);
  if (pid == 0) {
    try {
      Store store = Store::open(doc);
      Entry e = store.entry("e0")->value;
      e.body = body;
      store.commit(uch::Edit().put_entry(e), "t");
      ::_exit(0);
    } catch (...) {
      ::_exit(3);
    }
  }
  REQUIRE(wait_child(pid) == "exit 0");
  REQUIRE(std::filesystem::file_size(doc.string() + "-wal") > 0);
}

std::string wal_of(const std::filesystem::path& doc) { return doc.string() + "-wal"; }

/// Store::open must refuse `doc` with a one-line message containing `expect`, changing neither
/// the document nor its -wal, creating no -shm.
void expect_wal_refused(const std::filesystem::path& doc, const std::string& expect) {
  const std::string before = file_bytes(doc), wal_before = file_bytes(wal_of(doc));
  std::filesystem::remove(doc.string() + "-shm");
  for (bool read_only : {false, true}) {
    CAPTURE(read_only);
    std::string message;
    try {
      Store store = Store::open(doc, OpenOptions{.read_only = read_only});
      (void)store.load();
    } catch (const Error& e) {
      message = e.what();
    }
    INFO("message: " << message);
    CHECK(message.find(expect) != std::string::npos);
    CHECK(message.rfind(doc.string() + ":", 0) == 0);
    CHECK(message.find('\n') == std::string::npos);
    CHECK(file_bytes(doc) == before);
    CHECK(file_bytes(wal_of(doc)) == wal_before);
    CHECK_FALSE(std::filesystem::exists(doc.string() + "-shm"));
  }
}

/// e0's body once the -wal is moved aside: the document as its file alone holds it.
std::string body_without_wal(const std::filesystem::path& doc) {
  std::filesystem::rename(wal_of(doc), doc.string() + "-wal.aside");
  const std::string body = Store::open(doc, OpenOptions{.read_only = true}).entry("e0")->value.body;
  std::filesystem::rename(doc.string() + "-wal.aside", wal_of(doc));
  return body;
}

}  // namespace

TEST_CASE("a document's own -wal, left by a killed writer, is read with its commits") {
  TempDir dir;
  const auto doc = dir / "own.uchronia";
  create_entries_document(doc, 3);
  commit_and_die(doc, "only in the wal");
  CHECK(Store::open(doc).entry("e0")->value.body == "only in the wal");
}

TEST_CASE("the -wal of another document is refused, nothing of it reaches the document") {
  TempDir dir;
  const auto doc = dir / "mine.uchronia", other = dir / "other.uchronia";
  create_entries_document(doc, 3);
  create_entries_document(other, 3);  // same schema, same page size, same page numbers
  commit_and_die(other, "FOREIGN");
  std::filesystem::copy_file(wal_of(other), wal_of(doc));
  expect_wal_refused(doc, "belongs to another database");
  CHECK(body_without_wal(doc) == "start");
  CHECK(Store::open(other).entry("e0")->value.body == "FOREIGN");  // the harness: it was there to replay
}

TEST_CASE("the -wal of another program's database of the same page size is refused") {
  TempDir dir;
  const auto doc = dir / "mine.uchronia", other = dir / "accounts.db";
  create_entries_document(doc, 3);
  const std::int64_t page_size = RawDb(doc).scalar("PRAGMA page_size");
  const pid_t pid = ::fork();
  REQUIRE(pid >= 0);
  if (pid == 0) {  // writes, then dies with the commit in the -wal only
    RawDb raw(other, false);
    const std::string sql = "PRAGMA page_size = " + std::to_string(page_size) +
                            "; PRAGMA journal_mode = WAL; PRAGMA wal_autocheckpoint = 0;"
                            "CREATE TABLE accounts(id INTEGER PRIMARY KEY, owner TEXT);"
                            "INSERT INTO accounts VALUES(1, 'x'), (2, 'y');";
    ::_exit(sqlite3_exec(raw.db, sql.c_str(), nullptr, nullptr, nullptr) == SQLITE_OK ? 0 : 3);
  }
  REQUIRE(wait_child(pid) == "exit 0");
  std::filesystem::copy_file(wal_of(other), wal_of(doc));
  expect_wal_refused(doc, "belongs to another database");
  CHECK(body_without_wal(doc) == "start");
}

TEST_CASE("an old -wal of the same document, put back after newer commits, is refused") {
  TempDir dir;
  const auto doc = dir / "mine.uchronia";
  create_entries_document(doc, 3);
  commit_and_die(doc, "first");
  std::filesystem::copy_file(wal_of(doc), dir / "saved-wal");
  {
    Store store = Store::open(doc);  // replays "first", then on close checkpoints it into the file
    Entry e = store.entry("e0")->value;
    e.body = "second";
    store.commit(uch::Edit().put_entry(e), "t");
  }
  REQUIRE_FALSE(std::filesystem::exists(wal_of(doc)));
  std::filesystem::copy_file(dir / "saved-wal", wal_of(doc));
  expect_wal_refused(doc, "is an old one");
  CHECK(body_without_wal(doc) == "second");
}

TEST_CASE("a -wal that is not a regular file is refused") {
  TempDir dir;
  const auto doc = dir / "mine.uchronia";
  create_entries_document(doc, 3);
  std::filesystem::create_directory(wal_of(doc));
  CHECK_THROWS_WITH_AS(Store::open(doc), doctest::Contains("not a regular file"), Error);
}
