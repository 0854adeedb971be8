// A document labelled with an older version is vetted against that version's exact schema before
// any migration runs: altered, it is refused with its bytes unchanged; genuine, it is upgraded.
#include <doctest/doctest.h>

#include "reliability_util.hpp"

using namespace uch;
using namespace uch::reliability;

namespace {

/// A genuine version-1 document (migration 1 alone, as Uchronia 1 wrote it) with one entry.
void make_v1_document(const std::filesystem::path& path) {
  RawDb raw(path, false);
  REQUIRE(raw.error.empty());
  const std::string sql = "PRAGMA journal_mode = WAL; " + std::string(detail::migrations().at(0)) +
                          "; INSERT INTO entry(id, date, lower, upper, title) VALUES('old-one', '1900', 1, 2, 'Old one');"
                          "PRAGMA application_id = 1430472786; PRAGMA user_version = 1;";
  char* err = nullptr;
  const int rc = sqlite3_exec(raw.db, sql.c_str(), nullptr, nullptr, &err);
  INFO(std::string(err ? err : ""));
  sqlite3_free(err);
  REQUIRE(rc == SQLITE_OK);
}

void run_sql(const std::filesystem::path& path, const std::string& sql) {
  RawDb raw(path, false);
  char* err = nullptr;
  const int rc = sqlite3_exec(raw.db, sql.c_str(), nullptr, nullptr, &err);
  INFO(sql << ": " << std::string(err ? err : ""));
  sqlite3_free(err);
  REQUIRE(rc == SQLITE_OK);
}

}  // namespace

TEST_CASE("a genuine version-1 document is upgraded and keeps its entries") {
  TempDir dir;
  const auto p = dir / "v1.uchronia";
  make_v1_document(p);
  {
    Store store = Store::open(p);
    const Document doc = store.load();
    REQUIRE(doc.entries.size() == 1);
    CHECK(doc.entries[0].id == "old-one");
  }
  CHECK(RawDb(p).scalar("PRAGMA user_version") == static_cast<std::int64_t>(detail::migrations().size()));
  CHECK(integrity(p) == "ok");
}

TEST_CASE("an altered version-1 document is refused before any migration, bytes unchanged") {
  TempDir dir;
  const std::vector<std::pair<std::string, std::string>> alterations = {
      {"extra table", "CREATE TABLE notes_of_mine(x)"},
      {"trigger", "CREATE TRIGGER evil AFTER UPDATE ON entry BEGIN SELECT 1; END"},
      {"view", "CREATE VIEW evil AS SELECT 1"},
      {"extra index", "CREATE INDEX entry_title ON entry(title)"},
      {"missing table", "DROP TABLE link"},
      {"changed table SQL",
       "PRAGMA writable_schema = ON; UPDATE sqlite_schema SET sql = replace(sql, 'title         TEXT NOT NULL,', "
       "'title         TEXT NOT NULL CHECK(length(title) < 1000),') WHERE name = 'entry'; PRAGMA writable_schema = OFF"},
  };
  for (const auto& [what, sql] : alterations) {
    CAPTURE(what);
    const auto p = dir / "altered-v1.uchronia";
    for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(p.string() + suffix);
    make_v1_document(p);
    run_sql(p, sql);
    REQUIRE_FALSE(std::filesystem::exists(p.string() + "-wal"));  // closed: checkpointed
    const std::string before = file_bytes(p);
    std::string message;
    try {
      Store store = Store::open(p);
    } catch (const Error& e) {
      message = e.what();
    }
    CHECK(message.find("altered") != std::string::npos);
    CHECK(message.find(p.string()) == 0);
    CHECK(file_bytes(p) == before);
    CHECK(RawDb(p).scalar("PRAGMA user_version") == 1);
  }
}

TEST_CASE("a negative document version is refused, not migrated") {
  TempDir dir;
  const auto p = dir / "negative.uchronia";
  run_sql(p, "PRAGMA application_id = 1430472786; PRAGMA user_version = -3");
  const std::string before = file_bytes(p);
  CHECK_THROWS_WITH_AS(Store::open(p), doctest::Contains("not a valid Uchronia document"), Error);
  CHECK(file_bytes(p) == before);
}
