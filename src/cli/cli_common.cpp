// Helpers the verbs share: loading a document or JSON file, writing output. Which paths may be
// read or written is decided in the core (uchronia/files.hpp), the same for the editor.
#include <cstdio>
#include <cstdlib>
#include <iostream>

#include "cli.hpp"
#include "uchronia/files.hpp"
#include "uchronia/interchange.hpp"
#include "uchronia/store.hpp"

namespace uch::cli {

bool looks_like_document(const std::filesystem::path& path) { return is_sqlite_file(path); }

void require_readable_file(const std::filesystem::path& path) { InputFile check(path); }

std::string read_text_file(const std::filesystem::path& path) { return read_input_file(path); }

Document load_any(const std::filesystem::path& path) {
  if (looks_like_document(path)) return Store::open(path, OpenOptions{.read_only = true}).load();
  if (InputFile(path).size() == 0)
    throw Error(path.string() + ": the file is empty, neither a document nor interchange JSON");
  try {
    return read_interchange_file(path);
  } catch (const ImportError& e) {
    throw Error(path.string() + ": " + e.what());
  }
}

void exit_now(int code) {
  std::cout.flush();
  std::cerr.flush();
  const bool written = static_cast<bool>(std::cout) && std::fflush(stdout) == 0;
  std::fflush(stderr);
  if (!written) {
    std::fputs("uchronia: cannot write to standard output\n", stderr);
    code = 2;
  }
  std::quick_exit(code);
}

void check_output(const std::string& out, const std::vector<std::filesystem::path>& inputs) {
  if (!out.empty() && out != "-") check_output_path(out, inputs);
}

void write_output(const std::string& out, const std::string& text, const std::vector<std::filesystem::path>& inputs) {
  if (out.empty() || out == "-") {
    std::cout << text;
    std::cout.flush();
    if (!std::cout) throw Error("cannot write to standard output");
    return;
  }
  write_file_atomically(out, text, inputs);
}

}  // namespace uch::cli
