// The editor's checker, built on another thread: see checker_loader.hpp.
#include "checker_loader.hpp"

#include <exception>
#include <utility>

#include "uchronia/store.hpp"

namespace uch::app {

void CheckerLoader::start(const std::filesystem::path& path) {
  job_.start([path](const std::atomic<bool>& cancelled) {
    Result r;
    try {
      // The check's input, no text field read (the links come from the link table); then the
      // characters of the texts for the fonts, streamed: no body is ever held.
      const Store store = Store::open(path, OpenOptions{.read_only = true});
      {
        CheckInput input = store.check_input();
        if (cancelled) return r;   // dropped by the job
        r.checker.load(input);
        r.relations = std::move(input.doc.relations);
      }
      if (cancelled) return r;
      r.code_points = store.text_code_points();
      if (cancelled) return r;
      r.checker.findings();   // computed here, not on the first frame that asks
    } catch (const std::exception& e) {
      r.error = e.what();
    }
    return r;
  });
}

}  // namespace uch::app
