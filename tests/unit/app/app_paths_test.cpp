// The first-run copy of the sample goes where a writer finds it: Documents/Uchronia.
#include <doctest/doctest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include "app_paths.hpp"

namespace {
/// Sets an environment variable for one scope.
struct ScopedEnv {
  std::string name;
  std::string old;
  bool had;
  ScopedEnv(const char* n, const std::string& value) : name(n) {
    const char* v = std::getenv(n);
    had = v != nullptr;
    if (v) old = v;
    ::setenv(n, value.c_str(), 1);
  }
  ~ScopedEnv() {
    if (had) ::setenv(name.c_str(), old.c_str(), 1);
    else ::unsetenv(name.c_str());
  }
};
}  // namespace

TEST_CASE("the first-run sample is copied into the writer's documents folder, named by xdg-user-dirs") {
  const auto root = std::filesystem::temp_directory_path() / "uchronia-first-run-test";
  std::filesystem::remove_all(root);
  std::filesystem::create_directories(root / "config");
  std::ofstream(root / "config" / "user-dirs.dirs") << "# written by xdg-user-dirs-update\nXDG_DOCUMENTS_DIR=\"$HOME/Papers\"\n";
  ScopedEnv home("HOME", root.string()), config("XDG_CONFIG_HOME", (root / "config").string()),
      data("XDG_DATA_HOME", (root / "data").string());
  CHECK(uch::app::documents_dir() == root / "Papers");
  if (uch::app::bundled_sample().empty()) FAIL("the bundled sample is not built (target sample_document)");
  const auto copy = uch::app::first_run_document();
  CHECK(copy == root / "Papers" / "Uchronia" / "alternative-history.uchronia");
  CHECK(std::filesystem::is_regular_file(copy));
  CHECK(uch::app::first_run_document() == copy);   // the same copy next time
  std::filesystem::remove_all(root);
}

TEST_CASE("without xdg-user-dirs, Documents when it exists, else home") {
  const auto root = std::filesystem::temp_directory_path() / "uchronia-documents-test";
  std::filesystem::remove_all(root);
  std::filesystem::create_directories(root / "config");
  ScopedEnv home("HOME", root.string()), config("XDG_CONFIG_HOME", (root / "config").string());
  CHECK(uch::app::documents_dir() == root);
  std::filesystem::create_directories(root / "Documents");
  CHECK(uch::app::documents_dir() == root / "Documents");
  std::filesystem::remove_all(root);
}
