// `uchronia export DOC --format json|markdown|html|timelinejs|timelinejs-html|svg|png [-o OUT]` with filters,
// and `--format folder -o DIR` (the whole document, docs/folder-format.md).
#include <iostream>

#include "cli.hpp"
#include "uchronia/folder.hpp"
#include "uchronia/interchange.hpp"
#include "uchronia/publish.hpp"
#include "uchronia/store.hpp"

namespace uch::cli {

namespace {

/// The folder is the whole document: a filtered one, written into a shared folder, would delete
/// the items left out.
int export_folder_verb(const std::string& doc, const std::string& out, const std::string& tags,
                       const std::string& from, const std::string& to, bool no_otl) {
  if (out.empty() || out == "-") throw Error("--format folder writes a directory: give it with -o DIR");
  if (!tags.empty() || !from.empty() || !to.empty() || no_otl)
    throw Error("--format folder writes the whole document: --tags, --from, --to and --no-otl do not apply");
  require_readable_file(doc);
  const std::string json = looks_like_document(doc)
                               ? Store::open(doc, OpenOptions{.read_only = true}).export_interchange_json()
                               : write_interchange_json(load_any(doc));
  const FolderExportResult r = export_folder(json, out, {doc});
  std::cerr << "exported to the folder " << out << ": " << r.written << " file" << (r.written == 1 ? "" : "s")
            << " written, " << r.removed << " removed, " << r.unchanged << " unchanged\n";
  return 0;
}

}  // namespace

VerbRun add_export(CLI::App& app, const Globals&) {
  auto* sub = app.add_subcommand("export", "Export a document (or interchange JSON file) for publication");
  struct Args {
    std::string doc, format = "json", out, tags, from, to, group_by = "year", group_prefix, group_entity, lanes = "tag";
    int width = 1600;
    bool no_otl = false, allow_html = false, ages = false;
  };
  auto a = std::make_shared<Args>();
  sub->add_option("DOC", a->doc, "Document or interchange JSON file")->required();
  sub->add_option("--format", a->format,
                  "json, markdown, html, timelinejs, timelinejs-html (one page), svg or png (a chart), "
                  "or folder (a directory, with -o)")
      ->check(CLI::IsMember({"json", "markdown", "html", "timelinejs", "timelinejs-html", "svg", "png", "folder"}));
  sub->add_option("-o,--output", a->out, "Output file (default: standard output); written atomically");
  sub->add_option("--tags", a->tags, "Keep entries with any of these tags (comma-separated)");
  sub->add_option("--from", a->from, "Keep entries not certainly before this EDTF date");
  sub->add_option("--to", a->to, "Keep entries not certainly after this EDTF date");
  sub->add_flag("--no-otl", a->no_otl, "Leave out the 'in our timeline' notes");
  sub->add_flag("--allow-html", a->allow_html, "Let raw HTML in bodies through (markdown/html)");
  sub->add_flag("--ages", a->ages, "Under each entry's date, the ages then of the people it mentions (markdown/html)");
  sub->add_option("--group-by", a->group_by, "Headings per year, decade or none")
      ->check(CLI::IsMember({"year", "decade", "none"}));
  sub->add_option("--group-tag-prefix", a->group_prefix, "TimelineJS group from the first tag with this prefix");
  sub->add_option("--group-entity", a->group_entity, "TimelineJS group from the first linked entity of this kind")
      ->check(CLI::IsMember({"person", "organisation", "place", "other"}));
  sub->add_option("--lanes", a->lanes, "svg/png: lanes by tag, entity, series or none")
      ->check(CLI::IsMember({"tag", "entity", "series", "none"}));
  sub->add_option("--width", a->width, "svg/png: the chart's width in pixels")->check(CLI::Range(320, 20000));
  return [a]() {
    if (a->format == "folder") return export_folder_verb(a->doc, a->out, a->tags, a->from, a->to, a->no_otl);
    check_output(a->out, {a->doc});  // before the document is even opened: nothing touched
    for (const auto* bound : {&a->from, &a->to})
      if (!bound->empty() && !parse_edtf(*bound).valid)
        throw Error("--from/--to: '" + *bound + "' is not a valid date: " + parse_edtf(*bound).error);
    ExportOptions options;
    options.tags = split_list(a->tags);
    options.from = a->from;
    options.to = a->to;
    options.include_otl = !a->no_otl;
    options.allow_html = a->allow_html;
    options.ages = a->ages;
    options.group_by = a->group_by == "decade" ? GroupBy::Decade : a->group_by == "none" ? GroupBy::None : GroupBy::Year;
    options.group_tag_prefix = a->group_prefix;
    options.group_entity_kind = a->group_entity;
    options.lanes = *lane_by_from_name(a->lanes);
    options.width = a->width;
    const ExportFormat format = *export_format_from_name(a->format);
    std::string text;
    if (format == ExportFormat::Json && keeps_every_entry(options) && looks_like_document(a->doc)) {
      // The whole document from a store: streamed from its rows, never held in memory as a Document.
      text = Store::open(a->doc, OpenOptions{.read_only = true}).export_interchange_json();
    } else {
      ExportResult result = export_document(load_any(a->doc), format, options);
      if (result.skipped_undated > 0)
        std::cerr << "uchronia: warning: " << result.skipped_undated << " undated entr"
                  << (result.skipped_undated == 1 ? "y was" : "ies were") << " left out (TimelineJS needs a date)\n";
      if (result.skipped_invalid > 0)
        std::cerr << "uchronia: warning: " << result.skipped_invalid << " entr"
                  << (result.skipped_invalid == 1 ? "y was" : "ies were") << " left out (invalid date)\n";
      text = std::move(result.text);
    }
    write_output(a->out, text, {a->doc});
    return 0;
  };
}

}  // namespace uch::cli
