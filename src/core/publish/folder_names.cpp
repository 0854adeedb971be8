// Item ids as file names (folder-format.md, "File names"). Ids are [A-Za-z0-9._-]{1,128}, safe on
// POSIX, but a folder also goes through git onto case-insensitive file systems (two ids that differ
// only in case would share a file) and Windows (device names such as "nul"), and an id such as
// "." or ".git" would make a hidden or special name. The name is therefore the id in lowercase,
// with "%xx" for a leading '.' and for the first letter of a device name, then, when the id has
// capitals, '~' and a hex mask of their positions. '%' and '~' never occur in an id.
#include <array>

#include "uchronia/folder.hpp"

namespace uch {
namespace {

constexpr std::string_view kExtension = ".json";
constexpr char kHex[] = "0123456789abcdef";

/// Windows device names, reserved whatever the extension ("nul.json" included).
bool is_device_name(std::string_view stem) {
  static constexpr std::array<std::string_view, 4> kPlain = {"con", "prn", "aux", "nul"};
  for (std::string_view d : kPlain)
    if (stem == d) return true;
  return stem.size() == 4 && (stem.starts_with("com") || stem.starts_with("lpt")) && stem[3] >= '0' && stem[3] <= '9';
}

void append_escaped(std::string& out, char c) {
  out += '%';
  out += kHex[static_cast<unsigned char>(c) >> 4];
  out += kHex[static_cast<unsigned char>(c) & 0xF];
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  return -1;
}

}  // namespace

std::string folder_file_name(std::string_view id) {
  if (!is_valid_id(id)) throw Error("folder: invalid id \"" + std::string(id.substr(0, 140)) + "\"");
  std::string lower(id);
  std::string mask;  // one hex digit per 4 characters, the first character on the highest bit
  for (std::size_t i = 0; i < lower.size(); ++i) {
    if (i % 4 == 0) mask += '0';
    if (lower[i] >= 'A' && lower[i] <= 'Z') {
      lower[i] = static_cast<char>(lower[i] - 'A' + 'a');
      mask.back() = kHex[hex_value(mask.back()) | (8 >> (i % 4))];
    }
  }
  while (!mask.empty() && mask.back() == '0') mask.pop_back();

  std::string name;
  name.reserve(lower.size() + mask.size() + 10);
  const std::string_view stem = std::string_view(lower).substr(0, lower.find('.'));
  if (lower[0] == '.' || is_device_name(stem)) {
    append_escaped(name, lower[0]);
    name.append(lower, 1);
  } else {
    name = lower;
  }
  if (!mask.empty()) name += '~' + mask;
  name += kExtension;
  return name;
}

std::optional<std::string> folder_id_from_file_name(std::string_view name) {
  const std::string_view full = name;
  if (!name.ends_with(kExtension)) return std::nullopt;
  name.remove_suffix(kExtension.size());
  std::string_view mask;
  if (const std::size_t tilde = name.find('~'); tilde != std::string_view::npos) {
    mask = name.substr(tilde + 1);
    name = name.substr(0, tilde);
  }
  std::string id;
  for (std::size_t i = 0; i < name.size(); ++i) {
    if (name[i] != '%') {
      id += name[i];
      continue;
    }
    if (i + 2 >= name.size()) return std::nullopt;
    const int hi = hex_value(name[i + 1]), lo = hex_value(name[i + 2]);
    if (hi < 0 || lo < 0) return std::nullopt;
    id += static_cast<char>(hi * 16 + lo);
    i += 2;
  }
  for (std::size_t k = 0; k < mask.size(); ++k) {
    const int bits = hex_value(mask[k]);
    if (bits < 0) return std::nullopt;
    for (int b = 0; b < 4; ++b) {
      if ((bits & (8 >> b)) == 0) continue;
      const std::size_t at = k * 4 + static_cast<std::size_t>(b);
      if (at >= id.size() || id[at] < 'a' || id[at] > 'z') return std::nullopt;
      id[at] = static_cast<char>(id[at] - 'a' + 'A');
    }
  }
  // One name per id: anything else (capitals in the name, a needless escape, a mask ending in 0)
  // is not a name this format writes.
  if (!is_valid_id(id) || folder_file_name(id) != full) return std::nullopt;
  return id;
}

}  // namespace uch
