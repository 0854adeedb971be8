// A document labelled with an older version is vetted against that version's exact schema before
// any migration runs: altered, it is refused with its bytes unchanged; genuine, it is upgraded.
#include <doctest/doctest.h>

#include "reliability_util.hpp"
#include "uchronia/check.hpp"

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

namespace {

/// A genuine version-3 document: its link rows have no target as written (migration 4 adds it).
void make_v3_document(const std::filesystem::path& path) {
  std::string sql = "PRAGMA journal_mode = WAL;";
  for (int m = 0; m < 3; ++m) sql += std::string(detail::migrations().at(m)) + ";";
  sql +=
      "INSERT INTO entry(id, date, lower, upper, title, body, otl) VALUES"
      " ('e1', '1900', 1, 2, 'One', 'See [[Ghost Town]], [[ghost town]] and [[Anna]].', '[[Nobody]]'),"
      " ('e2', '1990', 3, 4, 'Two', '[[anna]] after her death, [[One]]', '');"
      "INSERT INTO entity(id, name, kind, start, \"end\", notes) VALUES"
      " ('anna', 'Anna', 'person', '1850', '1920', 'Mother of [[Nobody Else]].');"
      "INSERT INTO doc_meta(key, value) VALUES ('description', 'About [[Elsewhere]].');"
      "INSERT INTO link(src, field, target_key) VALUES ('e1', 'body', 'ghost town'), ('e1', 'body', 'ghost town'),"
      " ('e1', 'body', 'anna'), ('e1', 'otl', 'nobody'), ('e2', 'body', 'anna'), ('e2', 'body', 'one'),"
      " ('anna', 'notes', 'nobody else'), ('#document', 'description', 'elsewhere');"
      "PRAGMA application_id = 1430472786; PRAGMA user_version = 3;";
  run_sql(path, sql);
}

std::string printed_check(const std::vector<Finding>& findings, const Document& doc) {
  return findings_to_text(findings, doc, "DOC", true);
}

}  // namespace

TEST_CASE("a version-3 document gets its links' targets as written, and checks as before") {
  TempDir dir;
  const auto p = dir / "v3.uchronia";
  make_v3_document(p);
  std::string before;
  {
    // Opened read-only it is not upgraded: the check reads its texts.
    const Store store = Store::open(p, OpenOptions{.read_only = true});
    const Document doc = store.load();
    before = printed_check(check_document(doc), doc);
    const CheckInput input = store.check_input();
    CHECK(printed_check(check_document(input), input.doc) == before);
  }
  CHECK(before.find("[[Ghost Town]] in the body") != std::string::npos);
  CHECK(RawDb(p).scalar("PRAGMA user_version") == 3);
  {
    const Store store = Store::open(p);
    const CheckInput input = store.check_input();
    CHECK(input.doc.entries.at(0).body.empty());
    CHECK(printed_check(check_document(input), input.doc) == before);
  }
  CHECK(RawDb(p).scalar("PRAGMA user_version") == static_cast<std::int64_t>(detail::migrations().size()));
  CHECK(RawDb(p).scalar("SELECT count(*) FROM link WHERE target = 'Ghost Town' AND ord = 0 AND src = 'e1'") == 1);
  CHECK(integrity(p) == "ok");
}

namespace {

/// A genuine version-4 document: its check columns have no covering index yet (migration 5 adds
/// them). One entry's body is long enough to spill to overflow pages.
void make_v4_document(const std::filesystem::path& path) {
  std::string sql = "PRAGMA journal_mode = WAL;";
  for (int m = 0; m < 4; ++m) sql += std::string(detail::migrations().at(m)) + ";";
  sql +=
      "INSERT INTO entry(id, date, calendar, lower, upper, title, body, otl, series_name, series_number, acknowledged,"
      " extra) VALUES"
      " ('e1', '1900', 'gregorian', 1, 2, 'One', 'See [[Ghost Town]] and [[Anna]]. ' || printf('%.*c', 9000, 'x'),"
      "  '[[Nobody]]', 'Wars', 1, '[]', ''),"
      " ('e2', '1990', 'julian', 3, 4, 'Two', '[[anna]] after her death', '', 'wars', 1,"
      "  '[{\"rule\":\"ref.dangling\",\"reason\":\"on purpose\"}]', ''),"
      " ('e3', '1850/1840', 'gregorian', 5, 6, 'One', '', '', NULL, NULL, '[]', '{\"draft_order\":2}');"
      "INSERT INTO entity(id, name, kind, aliases, start, \"end\", notes) VALUES"
      " ('anna', 'Anna', 'person', '[\"Ghost Town\"]', '1850', '1920', 'Mother of [[Nobody Else]].');"
      "INSERT INTO link(src, field, target_key, target, ord) VALUES ('e1', 'body', 'ghost town', 'Ghost Town', 0),"
      " ('e1', 'body', 'anna', 'Anna', 1), ('e1', 'otl', 'nobody', 'Nobody', 2), ('e2', 'body', 'anna', 'anna', 0),"
      " ('anna', 'notes', 'nobody else', 'Nobody Else', 0);"
      "PRAGMA application_id = 1430472786; PRAGMA user_version = 4;";
  run_sql(path, sql);
}

}  // namespace

TEST_CASE("a version-4 document gets its check columns indexed, and checks exactly as before") {
  TempDir dir;
  const auto p = dir / "v4.uchronia";
  make_v4_document(p);
  std::string before;
  {
    // Opened read-only it is not upgraded: the check reads the tables themselves.
    const Store store = Store::open(p, OpenOptions{.read_only = true});
    const Document doc = store.load();
    before = printed_check(check_document(doc), doc);
    const CheckInput input = store.check_input();
    CHECK(printed_check(check_document(input), input.doc) == before);
  }
  for (const char* finding : {"Nobody Else", "ref.dangling", "date.range-reversed", "e3"})
    CHECK(before.find(finding) != std::string::npos);
  CHECK(RawDb(p).scalar("PRAGMA user_version") == 4);
  {
    const Store store = Store::open(p);
    const CheckInput input = store.check_input();
    CHECK(printed_check(check_document(input), input.doc) == before);
  }
  CHECK(RawDb(p).scalar("PRAGMA user_version") == static_cast<std::int64_t>(detail::migrations().size()));
  CHECK(RawDb(p).scalar("SELECT count(*) FROM sqlite_schema WHERE name IN ('entry_check', 'entity_check')") == 2);
  CHECK(integrity(p) == "ok");
}
