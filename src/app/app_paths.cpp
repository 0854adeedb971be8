// Where the editor keeps its files (XDG base directories) and the recent-files list.
#include "app_paths.hpp"

#include <algorithm>
#include <cstdlib>
#include <fstream>

#include <spdlog/spdlog.h>

#include "uchronia/files.hpp"

#ifndef UCHRONIA_SAMPLE_BUILD
#define UCHRONIA_SAMPLE_BUILD ""
#endif
#ifndef UCHRONIA_SAMPLE_INSTALLED
#define UCHRONIA_SAMPLE_INSTALLED ""
#endif

namespace uch::app {
namespace {

std::filesystem::path xdg(const char* variable, const char* fallback) {
  const char* value = std::getenv(variable);
  std::filesystem::path base;
  if (value && *value && std::filesystem::path(value).is_absolute()) {
    base = value;
  } else {
    const char* home = std::getenv("HOME");
    base = std::filesystem::path(home && *home ? home : "/tmp") / fallback;
  }
  return base / "uchronia";
}

}  // namespace

std::filesystem::path config_dir() { return xdg("XDG_CONFIG_HOME", ".config"); }

std::filesystem::path documents_dir() {
  const char* home_env = std::getenv("HOME");
  const std::filesystem::path home = home_env && *home_env ? home_env : "/tmp";
  // xdg-user-dirs: XDG_DOCUMENTS_DIR="$HOME/Documents" in $XDG_CONFIG_HOME/user-dirs.dirs.
  std::ifstream dirs(config_dir().parent_path() / "user-dirs.dirs");
  std::string line;
  while (std::getline(dirs, line)) {
    const std::string key = "XDG_DOCUMENTS_DIR=\"";
    if (!line.starts_with(key) || line.size() < key.size() + 1 || line.back() != '"') continue;
    std::string value = line.substr(key.size(), line.size() - key.size() - 1);
    if (value.starts_with("$HOME")) value = home.string() + value.substr(5);
    if (std::filesystem::path(value).is_absolute() && std::filesystem::path(value) != home) return value;
  }
  std::error_code ec;
  if (std::filesystem::is_directory(home / "Documents", ec)) return home / "Documents";
  return home;
}
std::filesystem::path data_dir() { return xdg("XDG_DATA_HOME", ".local/share"); }
std::filesystem::path state_dir() { return xdg("XDG_STATE_HOME", ".local/state"); }

std::filesystem::path bundled_sample() {
  std::error_code ec;
  for (const char* p : {UCHRONIA_SAMPLE_BUILD, UCHRONIA_SAMPLE_INSTALLED})
    if (*p && std::filesystem::is_regular_file(p, ec)) return p;
  return {};
}

std::filesystem::path first_run_document() {
  std::error_code ec;
  std::filesystem::path sample = bundled_sample();
  if (sample.empty()) return {};
  // Where a writer looks for their files: Documents/Uchronia. A copy an earlier version made in
  // data_dir() is kept and opened as it is.
  if (std::filesystem::path old = data_dir() / sample.filename(); std::filesystem::exists(old, ec)) return old;
  std::filesystem::path copy = documents_dir() / "Uchronia" / sample.filename();
  if (std::filesystem::exists(copy, ec)) return copy;
  std::filesystem::create_directories(copy.parent_path(), ec);
  if (!std::filesystem::copy_file(sample, copy, ec)) {
    spdlog::warn("cannot copy the sample to {}: {}", copy.string(), ec.message());
    return {};
  }
  std::filesystem::permissions(copy, std::filesystem::perms::owner_read | std::filesystem::perms::owner_write,
                               std::filesystem::perm_options::add, ec);
  spdlog::info("first run: copied the sample to {}", copy.string());
  return copy;
}

void RecentFiles::load(std::filesystem::path file, bool persist) {
  file_ = std::move(file);
  persist_ = persist;
  items_.clear();
  std::ifstream in(file_);
  std::string line;
  while (std::getline(in, line))
    if (!line.empty() && items_.size() < 10) items_.emplace_back(line);
}

void RecentFiles::save() const {
  if (file_.empty() || !persist_) return;
  std::error_code ec;
  std::filesystem::create_directories(file_.parent_path(), ec);
  std::string text;
  for (const auto& p : items_) text += p.string() + '\n';
  try {
    write_file_atomically(file_, text);  // never half a list, as with every file Uchronia writes
  } catch (const Error&) {
    // best effort: the list is a convenience, its failure must not disturb the editing
  }
}

void RecentFiles::add(const std::filesystem::path& document) {
  std::error_code ec;
  std::filesystem::path abs = std::filesystem::absolute(document, ec);
  if (ec) abs = document;
  remove(abs);
  items_.insert(items_.begin(), abs);
  if (items_.size() > 10) items_.resize(10);
  save();
}

void RecentFiles::remove(const std::filesystem::path& document) {
  std::erase(items_, document);
}

}  // namespace uch::app
