// Where the editor keeps its files (XDG base directories) and the recent-files list.
#pragma once

#include <filesystem>
#include <vector>

namespace uch::app {

/// $XDG_CONFIG_HOME/uchronia (default ~/.config/uchronia): imgui.ini, recent files.
std::filesystem::path config_dir();
/// $XDG_DATA_HOME/uchronia (default ~/.local/share/uchronia): where earlier versions copied the sample.
std::filesystem::path data_dir();
/// $XDG_STATE_HOME/uchronia (default ~/.local/state/uchronia): the log file.
std::filesystem::path state_dir();

/// The bundled sample: the build tree's copy, else the installed one ("" when neither exists).
std::filesystem::path bundled_sample();
/// The writer's documents folder (xdg-user-dirs' XDG_DOCUMENTS_DIR, else ~/Documents, else ~).
std::filesystem::path documents_dir();
/// The writer's own copy of the sample, Documents/Uchronia/alternative-history.uchronia, copied
/// there on first use (the installed sample is never modified; a copy an earlier version left in
/// data_dir() is used instead). Empty path when there is nothing to copy.
std::filesystem::path first_run_document();

/// Most recent first, at most 10, persisted one path per line.
class RecentFiles {
 public:
  /// Reads the list; with persist=false changes stay in memory (screenshot runs).
  void load(std::filesystem::path file, bool persist = true);
  void save() const;
  void add(const std::filesystem::path& document);
  void remove(const std::filesystem::path& document);
  const std::vector<std::filesystem::path>& items() const { return items_; }

 private:
  std::filesystem::path file_;
  bool persist_ = false;
  std::vector<std::filesystem::path> items_;
};

}  // namespace uch::app
