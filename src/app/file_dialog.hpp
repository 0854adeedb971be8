// An ImGui file chooser over std::filesystem: works on a bare X11 session, no portal needed.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace uch::app {

class FileDialog {
 public:
  enum class Mode { Open, Save };

  /// Shows the chooser from the next draw(); `extensions` like ".uchronia" (empty: any file).
  void open(std::string title, Mode mode, std::vector<std::string> extensions,
            std::filesystem::path directory = {}, std::string file_name = {});
  /// Call every frame; returns the chosen path once, when the writer confirms.
  std::optional<std::filesystem::path> draw();
  bool visible() const { return visible_ || request_; }
  /// Where choosers start: the last directory used, else the home directory.
  static std::filesystem::path start_directory();

 private:
  void list_directory();
  void change_directory(const std::filesystem::path& dir);
  bool matches(const std::filesystem::path& p) const;

  struct Item {
    std::string name;
    bool directory = false;
  };
  std::string title_;
  Mode mode_ = Mode::Open;
  std::vector<std::string> extensions_;
  std::filesystem::path dir_;
  std::string dir_text_, name_, error_;
  std::vector<Item> items_;
  bool request_ = false, visible_ = false, show_all_ = false, show_hidden_ = false;
};

}  // namespace uch::app
