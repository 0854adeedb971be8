// `uchronia import IN.json|IN.md DOC`: all-or-nothing, refuses to overwrite DOC.
#include <iostream>

#include "cli.hpp"
#include "uchronia/files.hpp"
#include "uchronia/interchange.hpp"
#include "uchronia/publish.hpp"
#include "uchronia/store.hpp"

namespace uch::cli {

VerbRun add_import(CLI::App& app, const Globals& g) {
  auto* sub = app.add_subcommand("import", "Create a document from interchange JSON or Markdown");
  auto in = std::make_shared<std::string>();
  auto doc_path = std::make_shared<std::string>();
  sub->add_option("IN", *in, "Interchange JSON (.json) or Markdown (.md) file")->required();
  sub->add_option("DOC", *doc_path, "The document to create (must not exist)")->required();
  return [=, &g]() {
    const std::filesystem::path target(*doc_path);
    std::error_code ec;
    if (std::filesystem::exists(target, ec)) throw Error(*doc_path + ": already exists; refusing to overwrite it");
    check_output_path(target, {*in});  // not the -wal/-shm name of a document, nor the input
    const auto ext = std::filesystem::path(*in).extension().string();
    const bool markdown = ext == ".md" || ext == ".markdown";
    require_readable_file(*in);
    Document doc;
    try {
      doc = markdown ? import_markdown(read_text_file(*in)) : read_interchange_file(*in);
    } catch (const ImportError& e) {
      throw Error(*in + ": " + e.what() + "; nothing was written");
    }
    Store::create_from(target, doc, default_author(g.author));  // all or nothing
    std::cerr << "imported " << doc.entries.size() << " entries, " << doc.entities.size() << " entities, "
              << doc.relations.size() << " relations into " << *doc_path << "\n";
    return 0;
  };
}

}  // namespace uch::cli
