// The folder format (docs/folder-format.md): file names, split and join, export into a directory.
#include <doctest/doctest.h>
#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <random>
#include <set>

#include "publish_test_support.hpp"
#include "uchronia/folder.hpp"
#include "uchronia/interchange.hpp"

using namespace uch;
namespace fs = std::filesystem;

namespace {

/// A document with branches (today unknown fields, kept as they are; listed in id order, as an
/// export that knows branches writes them), ids that are not plain file names, and unknown fields
/// at every level.
const char* kBranchesJson = R"({
  "format": "uchronia-timeline",
  "version": 1,
  "title": "Two worlds",
  "main_branch": "otl",
  "generator": {"name": "test"},
  "branches": [
    {"id": "Nul", "name": "A branch with a device name", "parent": "otl", "diverges": "1950"},
    {"id": "asu", "name": "All-Soviets Union", "parent": "otl", "diverges": "1907-06-26", "point": "stalin-killed",
     "keeps": ["spanish-civil-war"], "drops": []},
    {"id": "otl", "name": "Our timeline"}
  ],
  "entities": [
    {"id": "joseph-stalin", "name": "Joseph Stalin", "kind": "person", "start": "1878-12-18", "end": "1953-03-05",
     "in_branches": {"asu": {"end": "1907-06-26"}}},
    {"id": "Joseph-Stalin", "name": "Another Stalin", "kind": "other"},
    {"id": ".git", "name": "A hidden name", "kind": "place"}
  ],
  "entries": [
    {"id": "tiflis-robbery", "date": "1907-06-26", "title": "Tiflis robbery", "branch": "otl"},
    {"id": "stalin-killed", "date": "1907-06-26", "title": "Stalin killed", "branch": "asu",
     "acknowledged": [{"rule": "ref.outside-lifespan", "reason": "on purpose"}]},
    {"id": "spanish-civil-war", "date": "1936/1939", "title": "Spanish Civil War", "tags": ["war", "spain"]},
    {"id": "..", "title": "Dots", "body": "Line one\nline two"},
    {"id": "CON.x", "title": "Device name with an extension"}
  ],
  "relations": [
    {"from": "tiflis-robbery", "type": "before", "to": "spanish-civil-war", "confidence": 0.5}
  ]
})";

std::map<std::string, std::string> as_map(const std::vector<FolderFile>& files) {
  std::map<std::string, std::string> out;
  for (const auto& f : files) out[f.path] = f.text;
  return out;
}

FolderContent content_of(const std::vector<FolderFile>& files) {
  FolderContent c;
  for (const auto& f : files) {
    if (f.path == "timeline.json") c.timeline = f.text;
    else if (f.path == "relations.json") c.relations = f.text;
    else if (f.path != kFolderMarkerName) c.items.push_back(f);
  }
  return c;
}

std::vector<std::pair<std::string, Document>> documents() {
  auto docs = publish_test::all_documents();
  docs.emplace_back("interchange-full", publish_test::load("interchange-full.valid.json"));
  docs.emplace_back("branches", read_interchange_json(kBranchesJson));
  return docs;
}

std::string join_error(const FolderContent& content) {
  try {
    join_folder(content);
  } catch (const ImportError& e) {
    return e.what();
  }
  return "(no error)";
}

std::map<std::string, std::string> snapshot(const fs::path& dir) {
  std::map<std::string, std::string> out;
  for (const auto& e : fs::recursive_directory_iterator(dir))
    if (e.is_regular_file()) out[fs::relative(e.path(), dir).string()] = publish_test::read_text(e.path());
  return out;
}

struct TempDir {
  fs::path path;
  TempDir() {
    path = fs::temp_directory_path() / ("uchronia-folder-test-" + std::to_string(std::random_device{}()));
    fs::create_directories(path);
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path, ec);
  }
};

}  // namespace

TEST_CASE("folder file names: readable for plain ids, escaped where a file system would misread them") {
  CHECK(folder_file_name("joseph-stalin") == "joseph-stalin.json");
  CHECK(folder_file_name("v1.2_draft") == "v1.2_draft.json");
  CHECK(folder_file_name("Joseph-Stalin") == "joseph-stalin~81.json");  // capitals at 0 and 7
  CHECK(folder_file_name(".") == "%2e.json");
  CHECK(folder_file_name("..") == "%2e..json");
  CHECK(folder_file_name(".git") == "%2egit.json");
  CHECK(folder_file_name("nul") == "%6eul.json");
  CHECK(folder_file_name("NUL") == "%6eul~e.json");
  CHECK(folder_file_name("com1.notes") == "%63om1.notes.json");
  CHECK(folder_file_name("console") == "console.json");
  CHECK_THROWS_AS(folder_file_name("a/b"), Error);
  CHECK_THROWS_AS(folder_file_name(""), Error);
}

TEST_CASE("folder file names: one-to-one with ids, lowercase, never hidden, within 255 bytes") {
  std::mt19937 random(20261203);
  const std::string alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-";
  std::map<std::string, std::string> seen;  // name -> id
  std::set<std::string> folded;             // lowercase names: a case-insensitive file system's view
  for (int n = 0; n < 20000; ++n) {
    const std::size_t length = 1 + random() % (n % 10 == 0 ? 128 : 8);
    std::string id;
    for (std::size_t i = 0; i < length; ++i) id += alphabet[random() % alphabet.size()];
    const std::string name = folder_file_name(id);
    REQUIRE(folder_id_from_file_name(name) == id);
    CHECK(name.size() <= 173);
    CHECK(name[0] != '.');
    for (char c : name) CHECK_FALSE((c >= 'A' && c <= 'Z'));
    const auto [it, fresh] = seen.emplace(name, id);
    CHECK((fresh || it->second == id));
  }
  const std::string longest(128, 'A');
  CHECK(folder_file_name(longest).size() <= 255);
  CHECK(folder_id_from_file_name(folder_file_name(longest)) == longest);
}

TEST_CASE("folder file names: a name this format does not write stands for no id") {
  for (const char* name : {"Joseph.json", "%6aoseph.json", "abc~0.json", "abc~8", "a1~4.json", "ab~.json",
                           "nul.json", ".git.json", "a~8~8.json", "%2.json", "%zz.json", "a%2eb.json", "x.JSON",
                           "stalin.json.orig", ".json"})
    CHECK_MESSAGE(!folder_id_from_file_name(name), name);
}

TEST_CASE("split then join gives the document back, and splitting it again gives the same bytes") {
  for (const auto& [name, doc] : documents()) {
    CAPTURE(name);
    const std::string json = write_interchange_json(doc);
    const std::vector<FolderFile> files = split_into_folder(json);
    const Document joined = join_folder(content_of(files));
    CHECK(write_interchange_json(joined) == json);  // every field, acknowledgement and unknown field
    CHECK(split_into_folder(write_interchange_json(joined)) == files);
  }
}

TEST_CASE("one file per entry, per entity and per branch, one for the timeline, one for the relations") {
  const Document doc = read_interchange_json(kBranchesJson);
  const auto files = as_map(split_into_folder(write_interchange_json(doc)));
  std::set<std::string> paths;
  for (const auto& [path, text] : files) paths.insert(path);
  const std::set<std::string> expected = {
      "uchronia-folder",          "timeline.json",          "relations.json",
      "branches/asu.json",        "branches/otl.json",      "branches/%6eul~8.json",
      "entities/joseph-stalin.json", "entities/joseph-stalin~81.json", "entities/%2egit.json",
      "entries/tiflis-robbery.json", "entries/stalin-killed.json", "entries/spanish-civil-war.json",
      "entries/%2e..json",         "entries/%63on.x~e.json"};
  CHECK(paths == expected);
  // The branch-related fields travel with their items; the document's own ones stay in timeline.json.
  CHECK(files.at("entries/stalin-killed.json").find("\"branch\": \"asu\"") != std::string::npos);
  CHECK(files.at("entities/joseph-stalin.json").find("\"in_branches\": {") != std::string::npos);
  CHECK(files.at("timeline.json").find("\"main_branch\": \"otl\"") != std::string::npos);
  CHECK(files.at("timeline.json").find("\"branches\"") == std::string::npos);
  CHECK(files.at("branches/asu.json").find("\"diverges\": \"1907-06-26\"") != std::string::npos);
}

TEST_CASE("an item's file: the interchange writer's text, one field per line, UTF-8 and LF") {
  const Document doc = publish_test::load("interchange-full.valid.json");
  const auto files = as_map(split_into_folder(write_interchange_json(doc)));
  CHECK(files.at("entries/uprising.json") ==
        "{\n"
        "  \"id\": \"uprising\",\n"
        "  \"date\": \"1917-10-25\",\n"
        "  \"title\": \"Bolshevik uprising\",\n"
        "  \"body\": \"The uprising of 25 October [7 November] 1917 in Petrograd.\",\n"
        "  \"tags\": [\n"
        "    \"divergence\",\n"
        "    \"революция\"\n"
        "  ],\n"
        "  \"otl\": \"In our timeline: the October Revolution.\",\n"
        "  \"notes\": \"Old Style date.\",\n"
        "  \"calendar\": \"julian\",\n"
        "  \"acknowledged\": [\n"
        "    {\n"
        "      \"rule\": \"date.missing\",\n"
        "      \"reason\": \"kept as an example\"\n"
        "    },\n"
        "    {\n"
        "      \"rule\": \"ref.dangling\"\n"
        "    }\n"
        "  ],\n"
        "  \"mood\": \"tense\"\n"
        "}\n");
  for (const auto& [path, text] : files) {
    CAPTURE(path);
    CHECK(text.find('\r') == std::string::npos);
    CHECK(text.back() == '\n');
  }
  CHECK(files.at("relations.json").starts_with("[\n  {\n    \"from\": \"marathon\",\n    \"type\": \"during\",\n"));
  CHECK(files.at("timeline.json").find("\"entries\"") == std::string::npos);
}

TEST_CASE("branches come back in id order: their order means nothing") {
  const Document doc = read_interchange_json(
      R"({"format": "uchronia-timeline", "version": 1, "branches": [{"id": "b", "name": "B"}, {"id": "a", "name": "A"}]})");
  const Document joined = join_folder(content_of(split_into_folder(write_interchange_json(doc))));
  const Document sorted = read_interchange_json(
      R"({"format": "uchronia-timeline", "version": 1, "branches": [{"id": "a", "name": "A"}, {"id": "b", "name": "B"}]})");
  CHECK(write_interchange_json(joined) == write_interchange_json(sorted));
  // the interchange writer itself writes them in id order (branches are typed since issue 18)
  CHECK(write_interchange_json(joined) == write_interchange_json(doc));
}

TEST_CASE("branches a folder could not split never reach it: the interchange reader refuses them") {
  // Before branches were read (unknown fields), such arrays stayed whole in timeline.json; now
  // a nameless or repeated branch is refused where the document is read, naming the field.
  CHECK_THROWS_WITH_AS(read_interchange_json(R"({"format": "uchronia-timeline", "version": 1,
      "branches": [{"id": "a", "name": "A"}, {"id": "a", "name": "A"}], "entries": []})"),
                       doctest::Contains("branches[1].id: duplicate id"), std::exception);
  CHECK_THROWS_WITH_AS(read_interchange_json(R"({"format": "uchronia-timeline", "version": 1,
      "branches": [{"id": "a"}], "entries": []})"),
                       doctest::Contains("branches[0].name: missing required field"), std::exception);
}

TEST_CASE("joining refuses a bad file with one line naming it") {
  const Document doc = read_interchange_json(kBranchesJson);
  const auto files = split_into_folder(write_interchange_json(doc));
  const auto with = [&](const std::string& path, const std::string& text) {
    FolderContent c = content_of(files);
    if (path == "timeline.json") c.timeline = text;
    else if (path == "relations.json") c.relations = text;
    else {
      bool found = false;
      for (auto& f : c.items)
        if (f.path == path) f.text = text, found = true;
      if (!found) c.items.push_back({path, text});
    }
    return join_error(c);
  };
  CHECK(with("entries/tiflis-robbery.json", R"({"id": "tiflis-robbery"})") ==
        "entries/tiflis-robbery.json: title: missing required field");
  CHECK(with("entries/tiflis-robbery.json", R"({"id": "other", "title": "x"})") ==
        "entries/tiflis-robbery.json: id: \"other\" does not match the file name, which is that of \"tiflis-robbery\"");
  CHECK(with("entries/tiflis-robbery.json", "{\n  \"id\": \"tiflis-robbery\",\n  \"title\": \"x\",\n}\n").starts_with(
      "entries/tiflis-robbery.json: line 4, column 1: syntax error"));
  CHECK(with("entries/tiflis-robbery.json", R"({"id": "tiflis-robbery", "title": "x", "title": "y"})") ==
        "entries/tiflis-robbery.json: duplicate key \"title\"");
  CHECK(with("entries/tiflis-robbery.json", "{\n<<<<<<< HEAD\n  \"id\": \"tiflis-robbery\",\n")
            .starts_with("entries/tiflis-robbery.json: line 2, column 1: an unresolved git conflict"));
  CHECK(with("entries/tiflis-robbery.json", R"({"id": "tiflis-robbery", "title": "x", "uchronia:conflicts": []})")
            .starts_with("entries/tiflis-robbery.json: holds an unresolved merge conflict"));
  // An id used by an entity and an entry: both files named.
  CHECK(with("entries/joseph-stalin.json", R"({"id": "joseph-stalin", "title": "x"})") ==
        "entries/joseph-stalin.json: id: duplicate id \"joseph-stalin\" (already used by entities/joseph-stalin.json.id)");
  CHECK(with("relations.json", R"([{"from": "a", "type": "beside", "to": "b"}])") ==
        "relations.json [0]: type: unknown relation type \"beside\" (expected before, after, causes, ends or during)");
  CHECK(with("relations.json", "{}") == "relations.json: expected an array, got object");
  CHECK(with("timeline.json", R"({"format": "uchronia-timeline", "version": 2})") ==
        "timeline.json: version: version 2 is newer than this program reads (1); update Uchronia");
  CHECK(with("timeline.json", R"({"format": "uchronia-timeline", "version": 1, "entries": []})") ==
        "timeline.json: holds \"entries\", which a folder keeps in files of its own");
  CHECK(with("timeline.json", R"({"format": "uchronia-timeline", "version": 1, "branches": []})") ==
        "timeline.json: holds \"branches\" while branches/ holds files; keep them in one place");
}

TEST_CASE("export into a directory: created, updated in place, stale items removed, byte-identical again") {
  TempDir tmp;
  const fs::path dir = tmp.path / "timeline";
  Document doc = read_interchange_json(kBranchesJson);
  auto result = export_folder(write_interchange_json(doc), dir);
  CHECK(result.written == split_into_folder(write_interchange_json(doc)).size());
  const auto first = snapshot(dir);
  CHECK(first == as_map(split_into_folder(write_interchange_json(doc))));
  CHECK(write_interchange_json(import_folder(dir)) == write_interchange_json(doc));

  result = export_folder(write_interchange_json(doc), dir);
  CHECK(result.written == 0);
  CHECK(result.removed == 0);
  CHECK(snapshot(dir) == first);

  // One entry retitled, one deleted: one file rewritten, one removed, nothing else touched.
  fs::create_directories(dir / ".git");
  std::ofstream(dir / "README.md") << "kept\n";
  doc.entries[0].title = "Retitled";
  const std::string removed_id = doc.entries[1].id;
  doc.entries.erase(doc.entries.begin() + 1);
  result = export_folder(write_interchange_json(doc), dir);
  CHECK(result.written == 1);
  CHECK(result.removed == 1);
  CHECK_FALSE(fs::exists(dir / "entries" / folder_file_name(removed_id)));
  CHECK(fs::exists(dir / "README.md"));
  CHECK(write_interchange_json(import_folder(dir)) == write_interchange_json(doc));
}

TEST_CASE("export refuses a directory that is not a folder export, before writing anything") {
  TempDir tmp;
  const std::string json = write_interchange_json(read_interchange_json(kBranchesJson));
  // A directory with other files.
  fs::create_directories(tmp.path / "photos");
  std::ofstream(tmp.path / "photos" / "cat.jpg") << "meow";
  const auto before = snapshot(tmp.path);
  CHECK_THROWS_WITH_AS(export_folder(json, tmp.path / "photos"),
                       doctest::Contains("is neither empty nor an Uchronia folder"), Error);
  // A file, and a database.
  std::ofstream(tmp.path / "notes.txt") << "text";
  CHECK_THROWS_WITH_AS(export_folder(json, tmp.path / "notes.txt"), doctest::Contains("is not a directory"), Error);
  std::ofstream(tmp.path / "doc.uchronia") << std::string("SQLite format 3\0 rest", 21);
  CHECK_THROWS_WITH_AS(export_folder(json, tmp.path / "doc.uchronia"), doctest::Contains("is a SQLite database"), Error);
  CHECK_THROWS_WITH_AS(export_folder(json, tmp.path / "missing" / "dir"), doctest::Contains("does not exist"), Error);
  // A database planted where an item's file goes: refused, and the folder is left as it was.
  export_folder(json, tmp.path / "folder");
  const fs::path planted = tmp.path / "folder" / "entries" / "tiflis-robbery.json";
  fs::remove(planted);
  fs::copy_file(tmp.path / "doc.uchronia", planted);
  const auto folder_before = snapshot(tmp.path);
  CHECK_THROWS_WITH_AS(export_folder(json, tmp.path / "folder"), doctest::Contains("is a SQLite database"), Error);
  CHECK(snapshot(tmp.path) == folder_before);
  // The file being read, inside the folder: never replaced.
  fs::remove(planted);
  const fs::path input = tmp.path / "folder" / "entries" / "stalin-killed.json";
  CHECK_THROWS_WITH_AS(export_folder(json, tmp.path / "folder", {input}), doctest::Contains("is the file being read"),
                       Error);
  CHECK(snapshot(tmp.path / "photos") == std::map<std::string, std::string>{{"cat.jpg", "meow"}});
  (void)before;
}

TEST_CASE("export writes into an empty directory or a fresh clone (only dot-files)") {
  TempDir tmp;
  const std::string json = write_interchange_json(read_interchange_json(kBranchesJson));
  fs::create_directories(tmp.path / "clone" / ".git");
  CHECK_NOTHROW(export_folder(json, tmp.path / "clone"));
  CHECK(is_folder_export(tmp.path / "clone"));
  fs::create_directories(tmp.path / "empty");
  CHECK_NOTHROW(export_folder(json, tmp.path / "empty"));
}

TEST_CASE("import refuses a directory that is no folder, and a file whose name this format never writes") {
  TempDir tmp;
  CHECK_THROWS_WITH_AS(import_folder(tmp.path), doctest::Contains("is a directory, not an Uchronia folder"), ImportError);
  export_folder(write_interchange_json(read_interchange_json(kBranchesJson)), tmp.path / "f");
  std::ofstream(tmp.path / "f" / "entries" / "Tiflis.json") << "{}";
  CHECK_THROWS_WITH_AS(import_folder(tmp.path / "f"),
                       doctest::Contains(((tmp.path / "f" / "entries" / "Tiflis.json").string() + ": not a file name").c_str()),
                       ImportError);
  fs::remove(tmp.path / "f" / "entries" / "Tiflis.json");
  std::ofstream(tmp.path / "f" / "uchronia-folder") << "uchronia-folder 2\n";
  CHECK_THROWS_WITH_AS(import_folder(tmp.path / "f"), doctest::Contains("newer than this program reads"), ImportError);
}
