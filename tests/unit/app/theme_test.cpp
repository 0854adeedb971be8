// The light or dark theme follows the desktop's preference where it can be read, and the writer's choice.
#include <doctest/doctest.h>

#include <filesystem>

#include "theme.hpp"

using namespace uch::app;

TEST_CASE("the desktop's preference is read from GTK_THEME, then GTK's settings.ini") {
  CHECK(theme_from_settings("Adwaita:dark", "") == Theme::Dark);
  CHECK(theme_from_settings("Adwaita", "gtk-application-prefer-dark-theme=1") == Theme::Light);   // the variable wins
  CHECK(theme_from_settings("", "[Settings]\ngtk-application-prefer-dark-theme = true\n") == Theme::Dark);
  CHECK(theme_from_settings("", "[Settings]\ngtk-theme-name=Adwaita\n") == Theme::Light);
  CHECK(theme_from_settings("", "[Settings]\ngtk-theme-name=Arc-Dark\n") == Theme::Dark);
  CHECK(theme_from_settings("", "[Settings]\ngtk-application-prefer-dark-theme=0\n") == Theme::Light);
  CHECK(theme_from_settings("", "") == Theme::Dark);   // nothing says: the editor's own default
}

TEST_CASE("the writer's choice is remembered") {
  const auto file = std::filesystem::temp_directory_path() / "uchronia-theme-test" / "theme";
  std::filesystem::remove_all(file.parent_path());
  CHECK(load_theme_choice(file) == ThemeChoice::System);
  save_theme_choice(file, ThemeChoice::Light);
  CHECK(load_theme_choice(file) == ThemeChoice::Light);
  CHECK(resolve(ThemeChoice::Light) == Theme::Light);
  save_theme_choice(file, ThemeChoice::Dark);
  CHECK(load_theme_choice(file) == ThemeChoice::Dark);
  std::filesystem::remove_all(file.parent_path());
}
