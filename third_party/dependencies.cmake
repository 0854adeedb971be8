# Glue only: every dependency comes from Debian's packages and is found here, once.
find_package(PkgConfig REQUIRED)
find_package(SQLite3 REQUIRED)
find_package(SQLiteCpp REQUIRED)
find_package(spdlog REQUIRED)
find_package(nlohmann_json 3.10 REQUIRED)
find_package(CLI11 REQUIRED)
pkg_check_modules(CMARK_GFM REQUIRED IMPORTED_TARGET GLOBAL libcmark-gfm)

if(UCHRONIA_BUILD_APP)
  find_package(glfw3 REQUIRED)
  find_package(OpenGL REQUIRED)
  pkg_check_modules(IMGUI REQUIRED IMPORTED_TARGET GLOBAL imgui)
  # Debian's libimgui.a already contains the GLFW and OpenGL 3 backends.
  add_library(uchronia_imgui INTERFACE)
  target_link_libraries(uchronia_imgui INTERFACE PkgConfig::IMGUI glfw OpenGL::GL ${CMAKE_DL_LIBS})
  target_include_directories(uchronia_imgui SYSTEM INTERFACE ${IMGUI_INCLUDE_DIRS})
  add_library(uchronia::imgui ALIAS uchronia_imgui)
endif()
