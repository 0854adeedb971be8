// Creating a document from an import is all or nothing: a failure or a SIGKILL at any moment
// leaves either no file at the path or the complete document, never a half-made one that
// would refuse to open.
#include <doctest/doctest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <thread>

#include "reliability_util.hpp"
#include "uchronia/generate.hpp"

using namespace uch;
using namespace uch::reliability;

namespace {

/// Files in `dir` other than the document `keep` and its -wal/-shm (what an import left behind).
std::string leftovers(const std::filesystem::path& dir, const std::string& keep) {
  std::string out;
  for (const auto& f : std::filesystem::directory_iterator(dir))
    if (!f.path().filename().string().starts_with(keep)) out += (out.empty() ? "" : " ") + f.path().filename().string();
  return out;
}

}  // namespace

TEST_CASE("create_from builds the whole document, leaves nothing else, and refuses an existing file") {
  TempDir dir;
  const Document doc = generate_timeline({.entries = 300, .entities = 30, .seed = 3});
  const auto path = dir / "new.uchronia";
  {
    Store store = Store::create_from(path, doc, "t");
    CHECK(store.load().entries.size() == 300);
    CHECK(store.revisions().size() == 1);
    CHECK_FALSE(store.search("the").empty());
  }
  CHECK(leftovers(dir.path, "new.uchronia") == "");
  CHECK(integrity(path) == "ok");
  const std::string before = file_bytes(path);
  CHECK_THROWS_AS(Store::create_from(path, doc, "t"), Error);
  CHECK(file_bytes(path) == before);
  // A refused document: nothing at all is left.
  Document twice = doc;
  twice.entries.push_back(twice.entries.front());
  CHECK_THROWS_AS(Store::create_from(dir / "bad.uchronia", twice, "t"), Error);
  CHECK(leftovers(dir.path, "new.uchronia") == "");
}

TEST_CASE("SIGKILL during create_from leaves no document or the whole one, and the import can be run again") {
  TempDir dir;
  const Document doc = generate_timeline({.entries = 10000, .entities = 500, .seed = 4});
  int whole = 0, none = 0;
  std::vector<std::string> imported_again;
  for (int round = 0; round < 6; ++round) {
    const auto path = dir / ("doc" + std::to_string(round) + ".uchronia");
    const pid_t child = ::fork();
    REQUIRE(child >= 0);
    if (child == 0) {
      try {
        Store::create_from(path, doc, "t");
      } catch (...) {
        ::_exit(3);
      }
      ::_exit(0);
    }
    // From just after the start to about when the import finishes on this machine.
    std::this_thread::sleep_for(std::chrono::milliseconds(10 + round * 120));
    ::kill(child, SIGKILL);
    int status = 0;
    ::waitpid(child, &status, 0);
    CAPTURE(round);
    if (std::filesystem::exists(path)) {
      ++whole;
      Store store = Store::open(path);
      CHECK(store.load().entries.size() == doc.entries.size());
      CHECK(integrity(path) == "ok");
    } else {
      ++none;
      Store again = Store::create_from(path, doc, "t");  // the writer simply imports again
      imported_again.push_back(path.filename().string());
      CHECK(again.load().entries.size() == doc.entries.size());
    }
  }
  MESSAGE(none << " kills before the document was complete, " << whole << " after");
  CHECK(none > 0);
  // An import first clears what killed imports to the same path left behind.
  for (const std::string& name : imported_again)
    for (const auto& f : std::filesystem::directory_iterator(dir.path))
      CHECK_MESSAGE(!f.path().filename().string().starts_with("." + name + ".importing-"), f.path().string());
}
