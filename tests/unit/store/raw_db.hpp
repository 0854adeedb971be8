// A connection of its own to a document file, as another program would open it: for looking at
// and changing the tables the Store API does not show.
#pragma once

#include <doctest/doctest.h>
#include <sqlite3.h>

#include <filesystem>
#include <string>
#include <vector>

namespace uch::test {

struct RawDb {
  sqlite3* db = nullptr;
  explicit RawDb(const std::filesystem::path& p, int flags = SQLITE_OPEN_READONLY) {
    REQUIRE(sqlite3_open_v2(p.c_str(), &db, flags, nullptr) == SQLITE_OK);
  }
  ~RawDb() { sqlite3_close_v2(db); }
  RawDb(const RawDb&) = delete;
  RawDb& operator=(const RawDb&) = delete;
  /// "" when `sql` runs without error, else SQLite's message.
  std::string run(const std::string& sql) const {
    char* err = nullptr;
    if (sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &err) == SQLITE_OK) return {};
    std::string msg = err ? err : "error";
    sqlite3_free(err);
    return msg;
  }
  /// Every row of a query, as text with columns joined by '|' (NULL as "NULL").
  std::vector<std::string> rows(const std::string& sql) const {
    std::vector<std::string> out;
    sqlite3_stmt* st = nullptr;
    INFO(sql);
    REQUIRE(sqlite3_prepare_v2(db, sql.c_str(), -1, &st, nullptr) == SQLITE_OK);
    while (sqlite3_step(st) == SQLITE_ROW) {
      std::string row;
      for (int c = 0; c < sqlite3_column_count(st); ++c) {
        const auto* t = sqlite3_column_text(st, c);
        row += (c ? "|" : "") + (t ? std::string(reinterpret_cast<const char*>(t)) : std::string("NULL"));
      }
      out.push_back(row);
    }
    sqlite3_finalize(st);
    return out;
  }
};

}  // namespace uch::test
