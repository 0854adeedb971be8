// Helpers for store tests: temporary document paths and small documents.
#pragma once

#include <filesystem>
#include <fstream>
#include <random>
#include <string>

#include "uchronia/store.hpp"

namespace uch::test {

/// A fresh directory under the system temp dir, removed at scope exit.
struct TempDir {
  std::filesystem::path path;
  TempDir() {
    std::random_device rd;
    path = std::filesystem::temp_directory_path() / ("uchronia-test-" + std::to_string(rd()) + std::to_string(rd()));
    std::filesystem::create_directories(path);
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::permissions(path, std::filesystem::perms::owner_all, ec);
    std::filesystem::remove_all(path, ec);
  }
  std::filesystem::path operator/(const std::string& name) const { return path / name; }
};

inline Entry make_entry(std::string id, std::string date, std::string title, std::string body = {}) {
  Entry e;
  e.id = std::move(id);
  e.date = std::move(date);
  e.title = std::move(title);
  e.body = std::move(body);
  return e;
}

inline Entity make_person(std::string id, std::string name, std::string start = {}, std::string end = {}) {
  Entity e;
  e.id = std::move(id);
  e.name = std::move(name);
  e.kind = EntityKind::Person;
  e.start = std::move(start);
  e.end = std::move(end);
  return e;
}

inline Document small_document() {
  Document doc;
  doc.title = "Test timeline";
  doc.entities.push_back(make_person("joseph-stalin", "Joseph Stalin", "1878-12-18", "1907-06-26"));
  doc.entities.back().aliases = {"Stalin", "Сталин"};
  doc.entries.push_back(make_entry("stalin-killed", "1907-06-26", "Stalin killed", "[[Joseph Stalin]] is killed."));
  doc.entries.push_back(make_entry("warsaw-captured", "1920-08", "Warsaw captured", "The war ends."));
  doc.entries.push_back(make_entry("polish-war", "1919-02", "Soviet-Polish war begins"));
  doc.relations.push_back({"warsaw-captured", RelationType::Ends, "polish-war", ""});
  return doc;
}

inline std::string file_bytes(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

}  // namespace uch::test
