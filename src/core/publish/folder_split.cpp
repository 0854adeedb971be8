// The folder format's split (interchange document -> files) and join (files -> document). Each
// item's text is the interchange writer's: the folder only cuts the document into files and glues
// them back, and leaves every rule about items to the interchange code.
#include <algorithm>
#include <map>
#include <regex>
#include <set>
#include <vector>

#include "publish/folder_internal.hpp"
#include "uchronia/interchange.hpp"

namespace uch {
namespace folder {
namespace {

struct ConflictMarker : std::runtime_error {
  using std::runtime_error::runtime_error;
};

/// Line and column (1-based) of a byte offset.
std::string line_column(std::string_view text, std::size_t offset) {
  offset = std::min(offset, text.size());
  std::size_t line = 1, start = 0;
  for (std::size_t i = 0; i < offset; ++i)
    if (text[i] == '\n') {
      ++line;
      start = i + 1;
    }
  return "line " + std::to_string(line) + ", column " + std::to_string(offset - start + 1);
}

/// nlohmann's "[json.exception.parse_error.101] parse error at line 2, column 3: syntax error while
/// parsing object key - ..." as "line 2, column 3: syntax error while parsing object key - ...".
std::string syntax_message(const std::string& what) {
  const std::size_t at = what.find(" at line ");
  return at == std::string::npos ? what : what.substr(at + 4);
}

}  // namespace

std::string_view section_of(FolderFileKind kind) {
  switch (kind) {
    case FolderFileKind::Entity: return "entities";
    case FolderFileKind::Entry: return "entries";
    case FolderFileKind::Branch: return "branches";
    default: return "";
  }
}

ojson parse_file(std::string_view text, const std::string& name) {
  // A file git merged as text: say so, rather than report the marker as bad JSON.
  for (std::size_t pos = 0; pos < text.size();) {
    const std::size_t end = std::min(text.find('\n', pos), text.size());
    const std::string_view line = text.substr(pos, end - pos);
    if (line.starts_with("<<<<<<<") || line.starts_with(">>>>>>>") || line == "=======")
      throw ImportError(name + ": " + line_column(text, pos) +
                        ": an unresolved git conflict (a line starting with " + std::string(line.substr(0, 7)) +
                        "); merge with `uchronia merge-driver` or resolve it by hand");
    pos = end + 1;
  }
  std::vector<std::set<std::string>> keys;  // the keys of each open object
  const auto check = [&](int depth, ojson::parse_event_t event, ojson& parsed) {
    if (static_cast<std::size_t>(depth) >= kInterchangeMaxDepth)
      throw ImportError(name + ": nesting deeper than " + std::to_string(kInterchangeMaxDepth) +
                        " levels of arrays and objects");
    if (event == ojson::parse_event_t::object_start) keys.emplace_back();
    if (event == ojson::parse_event_t::object_end && !keys.empty()) keys.pop_back();
    if (event == ojson::parse_event_t::key && !keys.empty() &&
        !keys.back().insert(parsed.get<std::string>()).second)
      throw ImportError(name + ": duplicate key " + parsed.dump(-1, ' ', false, ojson::error_handler_t::replace));
    return true;
  };
  try {
    return ojson::parse(text.begin(), text.end(), check);
  } catch (const ojson::parse_error& e) {
    throw ImportError(name + ": " + syntax_message(e.what()));
  } catch (const ojson::exception& e) {
    throw ImportError(name + ": " + e.what());
  }
}

std::string file_text(const ojson& value) { return value.dump(2, ' ', false, ojson::error_handler_t::replace) + "\n"; }

bool has_conflicts(const ojson& object) { return object.is_object() && object.contains(kFolderConflictsKey); }

ojson canonical(FolderFileKind kind, const ojson& value) {
  ojson root;
  if (kind == FolderFileKind::Timeline) {
    root = value;
  } else {
    root["format"] = kInterchangeFormat;
    root["version"] = kInterchangeVersion;
    if (kind == FolderFileKind::Relations) root["relations"] = value;
    else root[std::string(section_of(kind))] = ojson::array({value});
  }
  Document doc;
  try {
    doc = read_interchange_json(root.dump(-1, ' ', false, ojson::error_handler_t::replace));
  } catch (const ImportError& e) {
    // "entries[0].title: missing" -> "title: missing": the file holds the one item.
    static const std::regex kItemPath(R"(^(entities|entries|branches)\[0\]\.?)");
    throw ImportError(std::regex_replace(std::string(e.what()), kItemPath, "", std::regex_constants::format_first_only));
  }
  ojson written = ojson::parse(write_interchange_json(doc));
  switch (kind) {
    case FolderFileKind::Timeline:
      for (const char* key : {"entities", "entries", "relations"}) written.erase(key);
      return written;
    case FolderFileKind::Relations: return written.at("relations");
    default: return written.at(std::string(section_of(kind))).at(0);
  }
}

}  // namespace folder

using folder::ojson;

namespace {

/// The document's `branches` go one per file when they can: an array of objects with distinct
/// valid ids. Anything else (possible while branches are an unknown field) stays in timeline.json.
bool splittable_branches(const ojson& branches) {
  if (!branches.is_array()) return false;
  std::set<std::string> ids;
  for (const ojson& b : branches) {
    if (!b.is_object() || !b.contains("id") || !b["id"].is_string()) return false;
    const auto& id = b["id"].get_ref<const std::string&>();
    if (!is_valid_id(id) || !ids.insert(id).second) return false;
  }
  return true;
}

void refuse_reserved(const ojson& object, const std::string& what) {
  if (folder::has_conflicts(object))
    throw Error(what + ": has a field named \"" + std::string(kFolderConflictsKey) +
                "\", which the folder format reserves for merge conflicts");
}

}  // namespace

std::vector<FolderFile> split_into_folder(std::string_view interchange_json) {
  ojson root = ojson::parse(interchange_json);
  std::vector<FolderFile> files;
  files.push_back({std::string(kFolderMarkerName), "uchronia-folder " + std::to_string(kFolderVersion) + "\n"});

  const auto split_items = [&](const char* section, FolderFileKind kind) {
    const auto it = root.find(section);
    if (it == root.end()) return;
    for (const ojson& item : *it) {
      const auto& id = item.at("id").get_ref<const std::string&>();
      refuse_reserved(item, std::string(section) + "/" + id);
      files.push_back({std::string(folder::section_of(kind)) + "/" + folder_file_name(id), folder::file_text(item)});
    }
    root.erase(it);
  };
  split_items("entities", FolderFileKind::Entity);
  split_items("entries", FolderFileKind::Entry);
  if (const auto it = root.find("branches"); it != root.end() && splittable_branches(*it))
    split_items("branches", FolderFileKind::Branch);

  ojson relations = ojson::array();
  if (const auto it = root.find("relations"); it != root.end()) {
    relations = std::move(*it);
    root.erase("relations");
  }
  for (const ojson& r : relations) refuse_reserved(r, "a relation");
  refuse_reserved(root, "the document");
  files.push_back({std::string(folder::kRelationsFile), folder::file_text(relations)});
  files.push_back({std::string(folder::kTimelineFile), folder::file_text(root)});
  std::sort(files.begin(), files.end(), [](const FolderFile& a, const FolderFile& b) { return a.path < b.path; });
  return files;
}

namespace {

/// The interchange reader's message with its JSON paths turned into the files they are in:
/// "entries[3].title: missing" -> "entries/x.json: title: missing", "title: ..." -> "timeline.json: title: ...".
std::string locate(const std::string& message, const std::map<std::string, std::vector<std::string>>& paths) {
  static const std::regex kPath(R"((entities|entries|branches|relations)\[(\d+)\])");
  const auto file_of = [&](const std::smatch& m) -> std::string {
    const std::string section = m[1].str();
    if (section == "relations") return std::string(folder::kRelationsFile) + " [" + m[2].str() + "]";
    const auto it = paths.find(section);
    const std::size_t i = std::stoul(m[2].str());
    return it != paths.end() && i < it->second.size() ? it->second[i] : m[0].str();
  };
  std::smatch first;
  std::string head, rest = message;
  if (std::regex_search(message, first, kPath) && first.position(0) == 0) {
    head = file_of(first);
    rest = first.suffix().str();
    if (!rest.empty() && rest[0] == '.') rest.erase(0, 1);
    else if (rest.starts_with(": ")) rest.erase(0, 2);
  } else {
    head = std::string(folder::kTimelineFile);
    if (rest.starts_with("(root): ")) rest.erase(0, 8);
  }
  std::string out;
  auto begin = rest.cbegin();
  for (std::smatch m; std::regex_search(begin, rest.cend(), m, kPath); begin = m.suffix().first)
    out += m.prefix().str() + file_of(m);
  out.append(begin, rest.cend());
  return head + ": " + out;
}

}  // namespace

Document join_folder(const FolderContent& content) {
  const std::string timeline_name(folder::kTimelineFile), relations_name(folder::kRelationsFile);
  ojson root = folder::parse_file(content.timeline, timeline_name);
  if (!root.is_object()) throw ImportError(timeline_name + ": expected an object, got " + root.type_name());
  if (folder::has_conflicts(root))
    throw ImportError(timeline_name + ": holds an unresolved merge conflict (\"" + std::string(kFolderConflictsKey) +
                      "\"); settle it before importing");
  for (const char* key : {"entities", "entries", "relations"})
    if (root.contains(key))
      throw ImportError(timeline_name + ": holds \"" + key + "\", which a folder keeps in files of its own");

  ojson relations = folder::parse_file(content.relations, relations_name);
  if (!relations.is_array()) throw ImportError(relations_name + ": expected an array, got " + relations.type_name());
  for (std::size_t i = 0; i < relations.size(); ++i)
    if (folder::has_conflicts(relations[i]))
      throw ImportError(relations_name + " [" + std::to_string(i) + "]: holds an unresolved merge conflict; settle it before importing");

  std::map<std::string, ojson> sections;  // "entries" -> array
  std::map<std::string, std::vector<std::string>> paths;  // "entries" -> file of each element
  for (const FolderFile& file : content.items) {
    const auto kind = folder_file_kind(file.path);
    if (!kind || *kind == FolderFileKind::Timeline || *kind == FolderFileKind::Relations)
      throw ImportError(file.path + ": not a file of the folder format");
    const std::string section(folder::section_of(*kind));
    const std::string expected_id = *folder_id_from_file_name(file.path.substr(section.size() + 1));
    ojson item = folder::parse_file(file.text, file.path);
    if (!item.is_object()) throw ImportError(file.path + ": expected an object, got " + item.type_name());
    if (folder::has_conflicts(item))
      throw ImportError(file.path + ": holds an unresolved merge conflict (\"" + std::string(kFolderConflictsKey) +
                        "\"); settle it before importing");
    if (const auto id = item.find("id"); id != item.end() && id->is_string() && *id != expected_id)
      throw ImportError(file.path + ": id: " + id->dump(-1, ' ', false, ojson::error_handler_t::replace) +
                        " does not match the file name, which is that of \"" + expected_id + "\"");
    auto& array = sections.try_emplace(section, ojson::array()).first->second;
    array.push_back(std::move(item));
    paths[section].push_back(file.path);
  }
  if (sections.contains("branches") && root.contains("branches"))
    throw ImportError(timeline_name + ": holds \"branches\" while branches/ holds files; keep them in one place");
  root["entities"] = sections.contains("entities") ? std::move(sections["entities"]) : ojson::array();
  root["entries"] = sections.contains("entries") ? std::move(sections["entries"]) : ojson::array();
  root["relations"] = std::move(relations);
  if (sections.contains("branches")) {
    // Joined in id order: as for entities, the order of branches means nothing.
    auto& branches = sections["branches"];
    std::vector<std::size_t> order(branches.size());
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
    const auto id_of = [&](std::size_t i) {
      const auto it = branches[i].find("id");
      return it != branches[i].end() && it->is_string() ? it->get<std::string>() : std::string();
    };
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return id_of(a) < id_of(b); });
    ojson sorted = ojson::array();
    std::vector<std::string> sorted_paths;
    for (std::size_t i : order) {
      sorted.push_back(std::move(branches[i]));
      sorted_paths.push_back(paths["branches"][i]);
    }
    root["branches"] = std::move(sorted);
    paths["branches"] = std::move(sorted_paths);
  }
  try {
    return read_interchange_json(root.dump(-1, ' ', false, ojson::error_handler_t::replace));
  } catch (const ImportError& e) {
    throw ImportError(locate(e.what(), paths));
  }
}

}  // namespace uch
