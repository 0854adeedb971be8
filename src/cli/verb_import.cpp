// `uchronia import IN.json|IN.md|DRAFT|DIR DOC`: all-or-nothing, refuses to overwrite DOC. A file not
// named .json is text: Uchronia's Markdown or a draft, as import_text decides; a directory is a
// folder export (docs/folder-format.md).
#include <iostream>

#include "cli.hpp"
#include "uchronia/draft.hpp"
#include "uchronia/files.hpp"
#include "uchronia/folder.hpp"
#include "uchronia/interchange.hpp"
#include "uchronia/publish.hpp"
#include "uchronia/store.hpp"

namespace uch::cli {

VerbRun add_import(CLI::App& app, const Globals& g) {
  auto* sub = app.add_subcommand("import", "Create a document from interchange JSON, Markdown or a plain-text draft");
  auto in = std::make_shared<std::string>();
  auto doc_path = std::make_shared<std::string>();
  sub->add_option("IN", *in, "Interchange JSON (.json), a text file (Markdown or a draft), or a folder export")
      ->required();
  sub->add_option("DOC", *doc_path, "The document to create (must not exist)")->required();
  return [=, &g]() {
    const std::filesystem::path target(*doc_path);
    std::error_code ec;
    if (std::filesystem::exists(target, ec)) throw Error(*doc_path + ": already exists; refusing to overwrite it");
    check_output_path(target, {*in});  // not the -wal/-shm name of a document, nor the input
    TextImport imported;
    if (std::filesystem::is_directory(*in, ec)) {
      try {
        imported.doc = import_folder(*in);  // its messages name the file at fault, under IN
      } catch (const ImportError& e) {
        throw Error(std::string(e.what()) + "; nothing was written");
      }
    } else {
      try {
        imported = import_file(*in);
      } catch (const ImportError& e) {
        throw Error(*in + ": " + e.what() + "; nothing was written");
      }
    }
    const Document& doc = imported.doc;
    Store::create_from(target, doc, default_author(g.author));  // all or nothing
    if (imported.draft) {
      std::cerr << "imported the draft " << *in << " into " << *doc_path << ": " << draft_summary_line(imported.summary)
                << "\n";
    } else {
      std::cerr << "imported " << doc.entries.size() << " entries, " << doc.entities.size() << " entities, "
                << doc.relations.size() << " relations into " << *doc_path << "\n";
    }
    return 0;
  };
}

}  // namespace uch::cli
