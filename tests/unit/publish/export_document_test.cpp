// One export entry point for every front end: each format honours every option, JSON included.
#include <doctest/doctest.h>

#include "publish_test_support.hpp"
#include "uchronia/interchange.hpp"
#include "uchronia/publish.hpp"

using namespace uch;

namespace {
Document doc_with_otl() {
  Document doc;
  doc.title = "T";
  Entry a;
  a.id = "a";
  a.title = "Tiflis robbery";
  a.date = "1907-06-26";
  a.tags = {"divergence"};
  a.otl = "Stalin survived.";
  Entry b;
  b.id = "b";
  b.title = "Warsaw captured";
  b.date = "1920-08";
  b.tags = {"war"};
  doc.entries = {a, b};
  return doc;
}
}  // namespace

TEST_CASE("export formats are named as the command line and the editor name them") {
  CHECK(export_format_from_name("json") == ExportFormat::Json);
  CHECK(export_format_from_name("markdown") == ExportFormat::Markdown);
  CHECK(export_format_from_name("html") == ExportFormat::Html);
  CHECK(export_format_from_name("timelinejs") == ExportFormat::TimelineJs);
  CHECK_FALSE(export_format_from_name("pdf"));
  for (ExportFormat f : {ExportFormat::Json, ExportFormat::Markdown, ExportFormat::Html, ExportFormat::TimelineJs})
    CHECK(export_format_from_name(to_string(f)) == f);
}

TEST_CASE("leaving out our-timeline notes holds for every format, JSON included") {
  ExportOptions without;
  without.include_otl = false;
  for (ExportFormat f : {ExportFormat::Json, ExportFormat::Markdown, ExportFormat::Html, ExportFormat::TimelineJs}) {
    CAPTURE(to_string(f));
    CHECK(export_document(doc_with_otl(), f, ExportOptions{}).text.find("Stalin survived") != std::string::npos);
    CHECK(export_document(doc_with_otl(), f, without).text.find("Stalin survived") == std::string::npos);
  }
}

TEST_CASE("the tag filter holds for every format") {
  ExportOptions war;
  war.tags = {"war"};
  for (ExportFormat f : {ExportFormat::Json, ExportFormat::Markdown, ExportFormat::Html, ExportFormat::TimelineJs}) {
    CAPTURE(to_string(f));
    const std::string text = export_document(doc_with_otl(), f, war).text;
    CHECK(text.find("Warsaw captured") != std::string::npos);
    CHECK(text.find("Tiflis robbery") == std::string::npos);
  }
}

TEST_CASE("an unfiltered JSON export is the document itself") {
  CHECK(export_document(doc_with_otl(), ExportFormat::Json, ExportOptions{}).text ==
        write_interchange_json(doc_with_otl()));
}

TEST_CASE("TimelineJS says how many entries it had to leave out") {
  Document doc = doc_with_otl();
  Entry undated;
  undated.id = "c";
  undated.title = "Someday";
  doc.entries.push_back(undated);
  const ExportResult r = export_document(doc, ExportFormat::TimelineJs, ExportOptions{});
  CHECK(r.skipped_undated == 1);
  CHECK(r.skipped_invalid == 0);
}
