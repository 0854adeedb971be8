// Helpers the verbs share: loading a document or JSON file, writing output atomically.
#include <unistd.h>

#include <cstdio>
#include <cstring>
#include <fstream>
#include <iostream>
#include <random>
#include <sstream>

#include "cli.hpp"
#include "uchronia/interchange.hpp"
#include "uchronia/store.hpp"

namespace uch::cli {

bool looks_like_document(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  char header[16] = {};
  in.read(header, sizeof header);
  return in.gcount() == 16 && std::string_view(header, 16) == std::string_view("SQLite format 3\0", 16);
}

void require_readable_file(const std::filesystem::path& path) {
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) throw Error(path.string() + ": no such file");
  if (std::filesystem::is_directory(path, ec)) throw Error(path.string() + ": is a directory");
  if (!std::ifstream(path, std::ios::binary)) throw Error(path.string() + ": cannot be read");
}

std::string read_text_file(const std::filesystem::path& path) {
  require_readable_file(path);
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  if (in.bad()) throw Error(path.string() + ": cannot be read");
  return std::move(text).str();
}

Document load_any(const std::filesystem::path& path) {
  if (looks_like_document(path)) return Store::open(path, OpenOptions{.read_only = true}).load();
  require_readable_file(path);
  std::error_code ec;
  if (std::filesystem::file_size(path, ec) == 0 && !ec)
    throw Error(path.string() + ": the file is empty, neither a document nor interchange JSON");
  try {
    return read_interchange_file(path);
  } catch (const ImportError& e) {
    throw Error(path.string() + ": " + e.what());
  }
}

void write_output(const std::string& out, const std::string& text) {
  if (out.empty() || out == "-") {
    std::cout << text;
    std::cout.flush();
    if (!std::cout) throw Error("cannot write to standard output");
    return;
  }
  const std::filesystem::path target(out);
  const auto dir = target.has_parent_path() ? target.parent_path() : std::filesystem::path(".");
  std::random_device rd;
  const auto temp = dir / ("." + target.filename().string() + ".tmp" + std::to_string(rd()));
  {
    std::FILE* f = std::fopen(temp.c_str(), "wb");
    if (!f) throw Error(out + ": cannot be written (" + std::strerror(errno) + ")");
    const bool ok = std::fwrite(text.data(), 1, text.size(), f) == text.size() && std::fflush(f) == 0 &&
                    ::fsync(::fileno(f)) == 0;
    const int err = errno;
    std::fclose(f);
    if (!ok) {
      std::filesystem::remove(temp);
      throw Error(out + ": cannot be written (" + std::strerror(err) + "); nothing was changed");
    }
  }
  std::error_code ec;
  std::filesystem::rename(temp, target, ec);
  if (ec) {
    std::filesystem::remove(temp);
    throw Error(out + ": cannot be written (" + ec.message() + ")");
  }
}

}  // namespace uch::cli
