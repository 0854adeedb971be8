// The editor's application state, part two: opening, creating and importing documents
// (every failure becomes a modal message; the current document stays open).
#include <unistd.h>

#include <algorithm>

#include <spdlog/spdlog.h>

#include "editor_state.hpp"
#include "uchronia/draft.hpp"
#include "uchronia/files.hpp"
#include "uchronia/interchange.hpp"
#include "uchronia/publish.hpp"

namespace uch::app {
// --- documents ----------------------------------------------------------------

bool EditorState::open_document(const std::filesystem::path& path) {
  try {
    std::error_code ec;
    if (!std::filesystem::exists(path, ec)) throw Error("no such file");
    OpenOptions options;
    options.read_only = ::access(path.c_str(), W_OK) != 0;
    Store store = Store::open(path, options);
    adopt(std::move(store));
    path_ = path;
    spdlog::info("opened {}{}", path.string(), options.read_only ? " (read-only)" : "");
    return true;
  } catch (const std::exception& e) {
    spdlog::warn("cannot open {}: {}", path.string(), e.what());
    report_error("Cannot open " + path.string() + ":\n" + e.what());
    return false;
  }
}

bool EditorState::new_document(const std::filesystem::path& path) {
  try {
    Store store = Store::create(path);
    adopt(std::move(store));
    path_ = path;
    spdlog::info("created {}", path.string());
    return true;
  } catch (const std::exception& e) {
    report_error("Cannot create " + path.string() + ":\n" + e.what());
    return false;
  }
}

bool EditorState::import_to_new_document(const std::filesystem::path& source,
                                         const std::filesystem::path& dest) {
  try {
    check_output_path(dest, {source});  // not the -wal/-shm name of a document, nor the source
    TextImport imported = import_file(source);   // JSON, Uchronia's Markdown or a draft: the core decides
    adopt(Store::create_from(dest, imported.doc, author_));  // all or nothing: no half-made file on failure
    path_ = dest;
    status_ = "Imported " + source.filename().string() +
              (imported.draft ? ": " + draft_summary_line(imported.summary) : std::string());
    return true;
  } catch (const std::exception& e) {
    report_error("Cannot import " + source.string() + ":\n" + e.what());
    return false;
  }
}

void EditorState::adopt(Store store) {
  store_.emplace(std::move(store));
  path_ = store_->path();
  selected_.clear();
  ++document_serial_;
  load_snapshot();
  store_->changed_externally();  // start counting from now
}

void EditorState::close_document() {
  checker_loader_.stop();
  checking_ = false;
  entry_cache_.clear();
  store_.reset();
  path_.clear();
  ++document_serial_;
  doc_ = Document{};
  rows_.clear();
  selected_.clear();
  checker_.load(doc_);
  rebuild_indexes();
  ++generation_;
  ++findings_generation_;
}

}  // namespace uch::app
