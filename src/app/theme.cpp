// Light and dark colours: see theme.hpp.
#include "theme.hpp"

#include <imgui.h>

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <fstream>
#include <sstream>

#include "app_paths.hpp"

namespace uch::app {
namespace {

std::string lower(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return std::tolower(c); });
  return out;
}

/// The value of `key = value` in an ini text ("" when absent), lower-cased and trimmed.
std::string ini_value(std::string_view ini, std::string_view key) {
  std::istringstream in{std::string(ini)};
  std::string line;
  std::string found;
  while (std::getline(in, line)) {
    const auto eq = line.find('=');
    if (eq == std::string::npos) continue;
    auto trim = [](std::string s) {
      s.erase(0, s.find_first_not_of(" \t\r"));
      s.erase(s.find_last_not_of(" \t\r") + 1);
      return s;
    };
    if (trim(line.substr(0, eq)) == key) found = lower(trim(line.substr(eq + 1)));
  }
  return found;
}

std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace

Theme theme_from_settings(std::string_view gtk_theme_env, std::string_view gtk_settings_ini) {
  const std::string env = lower(gtk_theme_env);
  if (!env.empty()) return env.find("dark") != std::string::npos ? Theme::Dark : Theme::Light;
  const std::string prefer = ini_value(gtk_settings_ini, "gtk-application-prefer-dark-theme");
  if (prefer == "1" || prefer == "true") return Theme::Dark;
  const std::string name = ini_value(gtk_settings_ini, "gtk-theme-name");
  if (!name.empty()) return name.find("dark") != std::string::npos ? Theme::Dark : Theme::Light;
  if (prefer == "0" || prefer == "false") return Theme::Light;
  return Theme::Dark;
}

Theme system_theme() {
  const char* env = std::getenv("GTK_THEME");
  std::string ini;
  for (const char* dir : {"gtk-4.0", "gtk-3.0"}) {
    ini = read_file(config_dir() / dir / "settings.ini");
    if (!ini.empty()) break;
  }
  return theme_from_settings(env ? env : "", ini);
}

ThemeChoice load_theme_choice(const std::filesystem::path& file) {
  const std::string text = lower(read_file(file));
  if (text.starts_with("dark")) return ThemeChoice::Dark;
  if (text.starts_with("light")) return ThemeChoice::Light;
  return ThemeChoice::System;
}

void save_theme_choice(const std::filesystem::path& file, ThemeChoice choice) {
  std::error_code ec;
  std::filesystem::create_directories(file.parent_path(), ec);
  std::ofstream(file) << (choice == ThemeChoice::Dark ? "dark" : choice == ThemeChoice::Light ? "light" : "system") << "\n";
}

Theme resolve(ThemeChoice choice) {
  if (choice == ThemeChoice::Dark) return Theme::Dark;
  if (choice == ThemeChoice::Light) return Theme::Light;
  return system_theme();
}

void apply_theme(Theme theme) {
  if (theme == Theme::Light) ImGui::StyleColorsLight();
  else ImGui::StyleColorsDark();
}

void theme_clear_color(Theme theme, float rgba[4]) {
  const float dark[4] = {0.09f, 0.09f, 0.11f, 1.0f}, light[4] = {0.94f, 0.94f, 0.94f, 1.0f};
  std::copy_n(theme == Theme::Light ? light : dark, 4, rgba);
}

}  // namespace uch::app
