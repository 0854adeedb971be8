// Light and dark colours: the writer's choice (remembered per user), else the system's preference.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

namespace uch::app {

enum class Theme { Dark, Light };
enum class ThemeChoice { System, Dark, Light };

/// The desktop's preference as far as it can be read: $GTK_THEME ("Adwaita:dark"), then GTK's
/// settings.ini (gtk-application-prefer-dark-theme, gtk-theme-name). Dark when nothing says.
Theme theme_from_settings(std::string_view gtk_theme_env, std::string_view gtk_settings_ini);
Theme system_theme();

/// The choice kept in the user's configuration (file `theme`: system, dark or light).
ThemeChoice load_theme_choice(const std::filesystem::path& file);
void save_theme_choice(const std::filesystem::path& file, ThemeChoice choice);
Theme resolve(ThemeChoice choice);

/// Sets ImGui's colours for `theme` (call between frames).
void apply_theme(Theme theme);
/// The colour the window is cleared to behind the panels.
void theme_clear_color(Theme theme, float rgba[4]);

}  // namespace uch::app
