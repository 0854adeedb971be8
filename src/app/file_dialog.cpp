// An ImGui file chooser over std::filesystem: works on a bare X11 session, no portal needed.
#include "file_dialog.hpp"

#include <algorithm>
#include <cctype>
#include <cstdlib>

#include <imgui.h>
#include <imgui_stdlib.h>

#include "panel.hpp"
#include "ui_common.hpp"

namespace uch::app {
namespace {

std::filesystem::path& last_directory() {
  static std::filesystem::path dir;
  return dir;
}

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
  return s;
}

}  // namespace

std::filesystem::path FileDialog::start_directory() {
  std::error_code ec;
  if (!last_directory().empty() && std::filesystem::is_directory(last_directory(), ec)) return last_directory();
  if (const char* home = std::getenv("HOME"); home && *home) return home;
  return std::filesystem::current_path(ec);
}

void FileDialog::open(std::string title, Mode mode, std::vector<std::string> extensions,
                      std::filesystem::path directory, std::string file_name) {
  title_ = std::move(title);
  mode_ = mode;
  extensions_ = std::move(extensions);
  name_ = std::move(file_name);
  error_.clear();
  change_directory(directory.empty() ? start_directory() : directory);
  request_ = true;
}

bool FileDialog::matches(const std::filesystem::path& p) const {
  if (show_all_ || extensions_.empty()) return true;
  std::string ext = lower(p.extension().string());
  return std::find(extensions_.begin(), extensions_.end(), ext) != extensions_.end();
}

void FileDialog::change_directory(const std::filesystem::path& dir) {
  std::error_code ec;
  auto canonical = std::filesystem::weakly_canonical(dir, ec);
  if (ec || !std::filesystem::is_directory(canonical, ec)) {
    error_ = "not a folder: " + dir.string();
    dir_text_ = dir_.string();
    return;
  }
  dir_ = canonical;
  dir_text_ = dir_.string();
  error_.clear();
  list_directory();
}

void FileDialog::list_directory() {
  items_.clear();
  std::error_code ec;
  for (std::filesystem::directory_iterator it(dir_, std::filesystem::directory_options::skip_permission_denied, ec), end;
       !ec && it != end; it.increment(ec)) {
    std::string name = it->path().filename().string();
    if (!show_hidden_ && !name.empty() && name[0] == '.') continue;
    bool is_dir = it->is_directory(ec);
    if (!is_dir && !matches(it->path())) continue;
    items_.push_back({name, is_dir});
  }
  if (ec) error_ = "cannot list " + dir_.string() + ": " + ec.message();
  std::sort(items_.begin(), items_.end(), [](const Item& a, const Item& b) {
    if (a.directory != b.directory) return a.directory;
    return lower(a.name) < lower(b.name);
  });
}

std::optional<std::filesystem::path> FileDialog::draw() {
  const std::string popup = title_ + "###file-dialog";
  if (request_) {
    ImGui::OpenPopup(popup.c_str());
    request_ = false;
  }
  const float em = ImGui::GetFontSize();
  ImGui::SetNextWindowSize(ImVec2(em * 42, em * 30), ImGuiCond_Appearing);
  ImGui::SetNextWindowPos(ImGui::GetMainViewport()->GetCenter(), ImGuiCond_Appearing, ImVec2(0.5f, 0.5f));
  visible_ = ImGui::BeginPopupModal(popup.c_str(), nullptr);
  if (!visible_) return std::nullopt;
  std::optional<std::filesystem::path> result;
  if (ImGui::Button("Up")) change_directory(dir_.parent_path());
  ImGui::SameLine();
  ImGui::SetNextItemWidth(-FLT_MIN);
  if (ImGui::InputText("##dir", &dir_text_, ImGuiInputTextFlags_EnterReturnsTrue)) change_directory(dir_text_);
  probe_text("filedialog/dir", dir_text_);
  const float footer = ImGui::GetFrameHeightWithSpacing() * (mode_ == Mode::Save ? 3.2f : 2.2f);
  ImGui::BeginChild("files", ImVec2(0, -footer), true);
  std::optional<std::filesystem::path> go_into;
  for (const Item& item : items_) {
    std::string label = item.directory ? "\xE2\x96\xB8 " + item.name + "/" : "  " + item.name;
    if (ImGui::Selectable(label.c_str(), !item.directory && item.name == name_, ImGuiSelectableFlags_AllowDoubleClick)) {
      if (item.directory) {
        go_into = dir_ / item.name;
      } else {
        name_ = item.name;
        if (ImGui::IsMouseDoubleClicked(0)) result = dir_ / name_;
      }
    }
    probe_item("filedialog/item/" + item.name);
  }
  if (items_.empty()) ImGui::TextDisabled("(no matching files)");
  ImGui::EndChild();
  if (go_into) change_directory(*go_into);
  if (mode_ == Mode::Save) {
    ImGui::SetNextItemWidth(-FLT_MIN);
    ImGui::InputTextWithHint("##name", "file name", &name_);
    probe_text("filedialog/name", name_);
  }
  if (ImGui::Checkbox("all files", &show_all_)) list_directory();
  ImGui::SameLine();
  if (ImGui::Checkbox("hidden", &show_hidden_)) list_directory();
  ImGui::SameLine();
  if (!error_.empty()) ImGui::TextColored(severity_color(Severity::Error), "%s", error_.c_str());
  else if (!name_.empty()) ImGui::TextDisabled("%s", (dir_ / name_).string().c_str());
  std::error_code ec;
  bool exists = !name_.empty() && std::filesystem::exists(dir_ / name_, ec);
  const char* ok_label = mode_ == Mode::Open ? "Open" : exists ? "Replace" : "Save";
  ImGui::BeginDisabled(name_.empty() || (mode_ == Mode::Open && !exists));
  if (ImGui::Button(ok_label)) result = dir_ / name_;
  ImGui::EndDisabled();
  probe_item("filedialog/ok");
  ImGui::SameLine();
  if (ImGui::Button("Cancel") || key_pressed(ImGuiKey_Escape, false)) ImGui::CloseCurrentPopup();
  if (result) {
    if (mode_ == Mode::Save && !extensions_.empty() && result->extension().empty()) *result += extensions_.front();
    last_directory() = dir_;
    ImGui::CloseCurrentPopup();
  }
  ImGui::EndPopup();
  return result;
}

}  // namespace uch::app
