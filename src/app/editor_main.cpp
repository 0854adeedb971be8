// The editor's window: GLFW + OpenGL 3 setup, fonts, the frame loop, and --screenshot.
#include "editor_main.hpp"
#include "text_field_focus.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>
#include <GLFW/glfw3.h>
#include <imgui.h>
#include <backends/imgui_impl_glfw.h>
#include <backends/imgui_impl_opengl3.h>
#include <spdlog/sinks/basic_file_sink.h>
#include <spdlog/spdlog.h>
#include <stb/stb_image_write.h>

#include "event_pump.hpp"
#include "fonts.hpp"
#include "shell.hpp"

namespace uch::app {
namespace {

struct Options {
  std::string document, screenshot, size = "1600x1000";
  std::vector<std::string> select;
  std::vector<std::string> show;   // panel titles to open first (screenshots of a given window)
  int frames = 10;
};

void setup_log() {
  try {
    std::error_code ec;
    std::filesystem::create_directories(state_dir(), ec);
    auto logger = spdlog::basic_logger_mt("uchronia-editor", (state_dir() / "uchronia.log").string());
    logger->flush_on(spdlog::level::warn);
    spdlog::set_default_logger(logger);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "uchronia: cannot open the log file: %s\n", e.what());
  }
}

/// Set by GLFW when the window moves to a monitor of another content scale; the loop then
/// rebuilds fonts and sizes between frames.
bool g_content_scale_changed = false;

/// The UI's scale from the monitor's content scale (never below 1: text stays readable).
float content_scale(GLFWwindow* window) {
  float x = 1.0f, y = 1.0f;
  glfwGetWindowContentScale(window, &x, &y);
  return std::clamp(std::max(x, y), 1.0f, 4.0f);
}

bool parse_size(const std::string& text, int& w, int& h) {
  return std::sscanf(text.c_str(), "%dx%d", &w, &h) == 2 && w >= 200 && h >= 150 && w <= 16384 && h <= 16384;
}

/// Reads the back buffer just rendered and writes it as PNG (rows flipped: GL is bottom-up).
bool write_screenshot(GLFWwindow* window, const std::string& path) {
  int w = 0, h = 0;
  glfwGetFramebufferSize(window, &w, &h);
  std::vector<unsigned char> pixels(static_cast<std::size_t>(w) * h * 4);
  glPixelStorei(GL_PACK_ALIGNMENT, 1);
  glReadBuffer(GL_BACK);
  glReadPixels(0, 0, w, h, GL_RGBA, GL_UNSIGNED_BYTE, pixels.data());
  std::vector<unsigned char> flipped(pixels.size());
  const std::size_t stride = static_cast<std::size_t>(w) * 4;
  for (int y = 0; y < h; ++y)
    std::copy_n(pixels.data() + static_cast<std::size_t>(h - 1 - y) * stride, stride, flipped.data() + static_cast<std::size_t>(y) * stride);
  return stbi_write_png(path.c_str(), w, h, 4, flipped.data(), static_cast<int>(stride)) != 0;
}

/// The document to show at start: the one named, else the last one, else the sample's copy.
void open_initial(Shell& shell, const Options& opt) {
  if (!opt.document.empty()) {
    shell.open(opt.document);
    return;
  }
  std::error_code ec;
  for (const auto& p : shell.recent.items())
    if (std::filesystem::exists(p, ec)) {
      shell.open(p);
      return;
    }
  std::filesystem::path first = first_run_document();
  if (!first.empty()) shell.open(first);
}

}  // namespace

int run_editor(int argc, char** argv) {
  Options opt;
  CLI::App cli{"Uchronia: the timeline editor", "uchronia"};
  cli.add_option("document", opt.document, "A .uchronia document to open (default: the last one)");
  cli.add_option("--screenshot", opt.screenshot, "Render, write this PNG and exit");
  cli.add_option("--frames", opt.frames, "Frames to render before the screenshot")->check(CLI::Range(1, 10000));
  cli.add_option("--select", opt.select, "Select this entry or entity first (repeatable: one per frame)");
  cli.add_option("--size", opt.size, "Window size WxH (default 1600x1000)");
  cli.add_option("--show", opt.show, "Open this panel or window first, by its title (repeatable), e.g. Undated");
  try {
    cli.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return cli.exit(e);
  }
  int width = 1600, height = 1000;
  if (!parse_size(opt.size, width, height)) {
    std::fprintf(stderr, "uchronia: --size wants WIDTHxHEIGHT, e.g. 1600x1000 (got %s)\n", opt.size.c_str());
    return 2;
  }
  const bool screenshot = !opt.screenshot.empty();
  setup_log();

  const char* display = std::getenv("DISPLAY");
  const char* wayland = std::getenv("WAYLAND_DISPLAY");
  if ((!display || !*display) && (!wayland || !*wayland)) {
    std::fprintf(stderr, "no display available: DISPLAY is not set (use the command-line verbs, see `uchronia --help`)\n");
    return 2;
  }
  glfwSetErrorCallback([](int code, const char* text) { spdlog::warn("glfw error {}: {}", code, text); });
  if (!glfwInit()) {
    const char* why = nullptr;
    glfwGetError(&why);
    std::fprintf(stderr, "no display available: %s\n", why ? why : "GLFW could not initialise");
    return 2;
  }
  glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
  glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 3);
  glfwWindowHint(GLFW_OPENGL_PROFILE, GLFW_OPENGL_CORE_PROFILE);
  glfwWindowHint(GLFW_OPENGL_FORWARD_COMPAT, GLFW_TRUE);
  GLFWwindow* window = glfwCreateWindow(width, height, "Uchronia", nullptr, nullptr);
  if (!window) {
    const char* why = nullptr;
    glfwGetError(&why);
    std::fprintf(stderr, "no display available: cannot open an OpenGL 3.3 window: %s\n", why ? why : "unknown error");
    glfwTerminate();
    return 2;
  }
  glfwMakeContextCurrent(window);
  glfwSwapInterval(screenshot ? 0 : 1);

  IMGUI_CHECKVERSION();
  ImGui::CreateContext();
  forget_text_field_focus();
  ImGuiIO& io = ImGui::GetIO();
  std::error_code ec;
  std::filesystem::create_directories(config_dir(), ec);
  const std::string ini = (config_dir() / "imgui.ini").string();
  io.IniFilename = screenshot ? nullptr : ini.c_str();   // screenshots use the default layout
  float scale = content_scale(window);
  glfwSetWindowContentScaleCallback(window, [](GLFWwindow*, float, float) { g_content_scale_changed = true; });

  Shell shell;
  UiFonts fonts(16.0f * scale);
  shell.font_fallback = !fonts.build(*io.Fonts);
  // Light or dark: the writer's choice, else the desktop's (screenshots use the default).
  const std::filesystem::path theme_file = config_dir() / "theme";
  if (!screenshot) shell.theme_choice = load_theme_choice(theme_file);
  Theme theme = resolve(shell.theme_choice);
  apply_theme(theme);
  // Sizes: the display's scale times the writer's text size (kept in the configuration, file `text-size`).
  const std::filesystem::path zoom_file = config_dir() / "text-size";
  if (!screenshot) {
    std::ifstream in(zoom_file);
    float zoom = 1.0f;
    if (in >> zoom && zoom >= 0.6f && zoom <= 3.0f) shell.text_zoom = zoom;
  }
  const auto apply_sizes = [&] {
    ImGuiStyle& style = ImGui::GetStyle();
    style = ImGuiStyle();
    apply_theme(theme);
    style.WindowRounding = 4.0f;
    style.FrameRounding = 3.0f;
    style.ScaleAllSizes(scale * shell.text_zoom);
    fonts.set_pixel_size(16.0f * scale * shell.text_zoom);
  };
  apply_sizes();
  ImGui_ImplGlfw_InitForOpenGL(window, /*install_callbacks=*/false);   // the EventPump forwards them
  EventPump pump(window);
  ImGui_ImplOpenGL3_Init("#version 330 core");

  // The panels' arrangement (splitters, panels shown): the writer's, kept in `layout`; screenshots use the default.
  if (!screenshot) shell.load_layout(config_dir() / "layout");
  shell.recent.load(config_dir() / "recent", /*persist=*/!screenshot);
  open_initial(shell, opt);
  for (const std::string& title : opt.show) {
    if (Panel* p = find_panel(shell.panels, title.c_str())) p->open = true;
    else std::fprintf(stderr, "uchronia: --show: no panel is called '%s'\n", title.c_str());
  }
  fonts.update(shell.state, io);   // the document's scripts, before the first frame makes the texture
  spdlog::info("editor started{}", screenshot ? " (screenshot mode)" : "");

  std::string title;
  int frame = 0;
  std::vector<double> ui_ms;   // CPU time of building each frame's UI (for --screenshot's report)
  int exit_code = 0;
  while (true) {
    // Idle, the editor sleeps: it wakes on input, and twice a second for what it watches on its own
    // (another program's commits, the sync after a pause, a text cursor's blink).
    if (screenshot) {
      glfwPollEvents();
    } else if (!pump.wait(0.5)) {
      // Woken by the clock alone: draw only when the document changed meanwhile or a text
      // cursor blinks (a frame is a whole window of software rendering on some machines).
      const auto generation = shell.state.generation(), findings = shell.state.findings_generation();
      shell.state.poll_external();   // also where the checker built on another thread takes over
      if (shell.state.generation() == generation && shell.state.findings_generation() == findings &&
          !io.WantTextInput && !text_field_editing() && !g_content_scale_changed && !shell.state.background_work && !glfwWindowShouldClose(window))
        continue;
    }
    if (glfwWindowShouldClose(window) || shell.quit_requested) break;
    if (static_cast<std::size_t>(frame) < opt.select.size()) shell.state.select(opt.select[static_cast<std::size_t>(frame)]);
    // Between frames (never between NewFrame and Render): characters new to the atlas (a document
    // opened or changed, or typed this frame) rebuild it, and the renderer re-uploads its texture.
    if (g_content_scale_changed) {   // another monitor: fonts and sizes at its scale
      g_content_scale_changed = false;
      if (const float next = content_scale(window); next != scale) {
        spdlog::info("content scale {} -> {}", scale, next);
        scale = next;
        apply_sizes();
      }
    }
    if (shell.text_zoom_changed) {
      shell.text_zoom_changed = false;
      apply_sizes();
      if (!screenshot) std::ofstream(zoom_file) << shell.text_zoom << "\n";
    }
    if (fonts.update(shell.state, io) && frame > 0) {
      ImGui_ImplOpenGL3_DestroyFontsTexture();
      ImGui_ImplOpenGL3_CreateFontsTexture();
    }
    if (shell.theme_changed) {   // between frames: the colours change for a whole frame at once
      shell.theme_changed = false;
      theme = resolve(shell.theme_choice);
      apply_sizes();
      if (!screenshot) save_theme_choice(theme_file, shell.theme_choice);
    }
    auto t0 = std::chrono::steady_clock::now();
    ImGui_ImplOpenGL3_NewFrame();
    ImGui_ImplGlfw_NewFrame();
    ImGui::NewFrame();
    draw_frame(shell);
    ImGui::Render();
    ui_ms.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count());
    int fw = 0, fh = 0;
    glfwGetFramebufferSize(window, &fw, &fh);
    glViewport(0, 0, fw, fh);
    float clear[4];
    theme_clear_color(theme, clear);
    glClearColor(clear[0], clear[1], clear[2], clear[3]);
    glClear(GL_COLOR_BUFFER_BIT);
    ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
    ++frame;
    if (screenshot && frame >= opt.frames) {
      if (write_screenshot(window, opt.screenshot)) {
        std::vector<double> sorted = ui_ms;
        std::sort(sorted.begin(), sorted.end());
        std::printf("screenshot: %s (%d frames; UI CPU per frame: first %.1f ms, median %.2f ms, max %.1f ms; "
                    "content scale %.2f, text %.0f px)\n",
                    opt.screenshot.c_str(), frame, ui_ms.front(), sorted[sorted.size() / 2], sorted.back(), scale,
                    ImGui::GetFontSize());
      } else {
        std::fprintf(stderr, "uchronia: cannot write %s\n", opt.screenshot.c_str());
        exit_code = 1;
      }
      break;
    }
    glfwSwapBuffers(window);
    pump.frame_done(ImGui::IsMouseDown(ImGuiMouseButton_Left) || ImGui::IsMouseDown(ImGuiMouseButton_Right) ||
                    shell.state.background_work);
    if (std::string t = window_title(shell); t != title) glfwSetWindowTitle(window, (title = t).c_str());
  }
  flush_edits(shell);   // closing the app commits the field being edited
  shell.recent.save();
  spdlog::info("editor closed after {} frames", frame);
  ImGui_ImplOpenGL3_Shutdown();
  ImGui_ImplGlfw_Shutdown();
  ImGui::DestroyContext();
  glfwDestroyWindow(window);
  glfwTerminate();
  return exit_code;
}

}  // namespace uch::app
