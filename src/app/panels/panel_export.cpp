// Export window: every format of export_document (JSON, Markdown, HTML, TimelineJS data or page,
// SVG and PNG charts) with the shared options and a live preview: text, or the chart as a picture.
// A big document's preview is made on another thread; Save always writes a fresh export.
#include <algorithm>
#include <memory>
#include <sstream>

#include <imgui.h>
#include <imgui_stdlib.h>

#include "background_job.hpp"
#include "chart_preview.hpp"
#include "editor_state.hpp"
#include "file_dialog.hpp"
#include "panels/panels.hpp"
#include "ui_common.hpp"
#include "wrapped_text_field.hpp"
#include "uchronia/chart.hpp"
#include "uchronia/files.hpp"
#include "uchronia/interchange.hpp"
#include "uchronia/publish.hpp"

namespace uch::app {
namespace {

struct FormatChoice {
  ExportFormat format;
  const char* name;        // as the menu shows it
  const char* extension;
  const char* name_suffix;  // two formats share ".json", two ".html"
};
constexpr FormatChoice kFormats[] = {
    {ExportFormat::Json, "JSON (interchange)", ".json", ""},
    {ExportFormat::Markdown, "Markdown", ".md", ""},
    {ExportFormat::Html, "HTML", ".html", ""},
    {ExportFormat::TimelineJs, "TimelineJS data", ".json", "-timelinejs"},
    {ExportFormat::TimelineJsHtml, "TimelineJS page (opens offline)", ".html", "-timeline"},
    {ExportFormat::Svg, "Chart (SVG)", ".svg", ""},
    {ExportFormat::Png, "Chart (PNG)", ".png", ""},
};
constexpr LaneBy kLaneChoices[] = {LaneBy::Tag, LaneBy::Entity, LaneBy::Series, LaneBy::None};
constexpr std::size_t kPreviewLimit = 256 * 1024;
/// Above this many entries the preview is made on another thread (an SVG of 100,000 entries takes
/// seconds); below, at once, so what the writer sees follows each option without a blink.
constexpr std::size_t kBackgroundEntries = 2000;

bool is_chart(ExportFormat f) { return f == ExportFormat::Svg || f == ExportFormat::Png; }

/// What the preview shows: the export's text (cut), or the chart as PNG bytes.
struct Preview {
  std::string text, png, error;
  std::size_t bytes = 0;
  int skipped = 0, skipped_invalid = 0;
};

Preview make_preview(const Document& doc, ExportFormat format, const ExportOptions& options) {
  Preview p;
  try {
    ExportResult r = export_document(doc, format, options);
    p.bytes = r.text.size();
    p.skipped = r.skipped_undated;
    p.skipped_invalid = r.skipped_invalid;
    if (format == ExportFormat::Png) p.png = std::move(r.text);
    else if (format == ExportFormat::Svg) p.png = render_png(r.text);
    else {
      // The page embeds TimelineJS itself: its data is what the writer wants to read.
      if (format == ExportFormat::TimelineJsHtml) r.text = export_document(doc, ExportFormat::TimelineJs, options).text;
      p.text = r.text.size() > kPreviewLimit ? r.text.substr(0, kPreviewLimit) + "\n\xE2\x80\xA6 (preview cut)" : std::move(r.text);
    }
  } catch (const std::exception& e) {
    p.error = e.what();
  }
  return p;
}

class ExportPanel final : public Panel {
 public:
  ExportPanel() : Panel(kExportTitle) {}

  void default_rect(float& x, float& y, float& w, float& h) const override {
    x = 0.18f, y = 0.06f, w = 0.64f, h = 0.86f;
  }
  bool open_by_default() const override { return false; }

  void draw(EditorState& state) override {
    if (state.requests.open_export) {
      ImGui::SetNextWindowFocus();
      state.requests.open_export = false;
    }
    if (!begin_window(state)) return;
    draw_options();
    refresh(state);
    ImGui::BeginDisabled(!state.has_document() || !error_.empty());
    if (ImGui::Button("Save as\xE2\x80\xA6")) {
      // Beside the document, named after it and the format ("history.md", "history-timelinejs.json").
      const std::string stem = state.path().empty() ? "timeline" : state.path().stem().string();
      const FormatChoice& f = kFormats[format_];
      dialog_.open("Export to", FileDialog::Mode::Save, {f.extension},
                   state.path().empty() ? std::filesystem::path() : state.path().parent_path(),
                   stem + f.name_suffix + f.extension);
    }
    ImGui::EndDisabled();
    probe_item("export/save");
    ImGui::SameLine();
    if (!error_.empty()) ImGui::TextColored(severity_color(Severity::Error), "%s", error_.c_str());
    else if (job_.running()) ImGui::TextDisabled("preparing the preview\xE2\x80\xA6");
    else ImGui::TextDisabled("%zu bytes", bytes_);
    probe_item("export/size");
    if (skipped_ || skipped_invalid_) {
      ImGui::SameLine();
      ImGui::TextColored(severity_color(Severity::Warning), "left out: %d undated, %d with an invalid date", skipped_, skipped_invalid_);
    }
    if (is_chart(kFormats[format_].format)) {
      const ImVec2 room = ImGui::GetContentRegionAvail();
      ImGui::BeginChild("##chart", room, true, ImGuiWindowFlags_HorizontalScrollbar);
      chart_.draw(ImGui::GetContentRegionAvail().x, 1e9f);   // the chart's width fits; it scrolls down
      ImGui::EndChild();
      probe_item("export/chart");
    } else {
      WrappedFieldOptions o;
      o.read_only = true;
      o.fill = true;
      o.probe = "export/preview";
      preview_field_.draw("##preview", &preview_, o);
      probe_item("export/preview");
    }
    if (auto path = dialog_.draw()) save(state, *path);
    ImGui::End();
  }

 private:
  /// "Label [field]" on one line: the label before its field reads better in a toolbar.
  static void label(const char* text, float width, bool same_line = true) {
    if (same_line) ImGui::SameLine(0, ImGui::GetFontSize());
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(text);
    ImGui::SameLine();
    ImGui::SetNextItemWidth(width);
  }

  void draw_options() {
    const float em = ImGui::GetFontSize();
    const ExportFormat format = kFormats[format_].format;
    label("Format", em * 13, false);
    if (ImGui::BeginCombo("##format", kFormats[format_].name)) {
      for (int i = 0; i < static_cast<int>(std::size(kFormats)); ++i) {
        if (ImGui::Selectable(kFormats[i].name, i == format_)) format_ = i;
        probe_item(std::string("export/format/") + to_string(kFormats[i].format));
      }
      ImGui::EndCombo();
    }
    probe_item("export/format");
    label("Tags", em * 9);
    ImGui::InputTextWithHint("##tags", "any of: a, b", &tags_);
    label("From", em * 6);
    ImGui::InputTextWithHint("##from", "1917", &from_);
    label("To", em * 6);
    ImGui::InputTextWithHint("##to", "1924", &to_);
    ImGui::Checkbox("Include \"our timeline\" notes", &include_otl_);
    probe_item("export/otl");
    if (format == ExportFormat::Markdown) {   // the HTML page is always rendered in safe mode
      ImGui::SameLine(0, em);
      ImGui::Checkbox("Allow raw HTML", &allow_html_);
    }
    if (format == ExportFormat::Markdown || format == ExportFormat::Html) {
      ImGui::SameLine(0, em);
      ImGui::Checkbox("Ages of the people mentioned", &ages_);
      probe_item("export/ages");
      label("Group by", em * 6);
      ImGui::Combo("##group", &group_, "year\0decade\0none\0");
    }
    if (format == ExportFormat::TimelineJs || format == ExportFormat::TimelineJsHtml) {
      label("Group from tag prefix", em * 7);
      ImGui::InputTextWithHint("##prefix", "e.g. front:", &prefix_);
      label("else by entity", em * 8);
      ImGui::Combo("##entitykind", &entity_kind_, "(none)\0person\0organisation\0place\0other\0");
    }
    if (is_chart(format)) {
      label("Lanes by", em * 7);
      if (ImGui::BeginCombo("##lanes", to_string(kLaneChoices[lanes_]))) {
        for (int i = 0; i < static_cast<int>(std::size(kLaneChoices)); ++i) {
          if (ImGui::Selectable(to_string(kLaneChoices[i]), i == lanes_)) lanes_ = i;
          probe_item(std::string("export/lanes/") + to_string(kLaneChoices[i]));
        }
        ImGui::EndCombo();
      }
      probe_item("export/lanes");
      label("Width (px)", em * 6);
      if (ImGui::InputInt("##width", &width_, 100, 400)) width_ = std::clamp(width_, 320, 20000);   // the CLI's range
      probe_item("export/width");
    }
  }

  ExportOptions options() const {
    ExportOptions o;
    o.tags = split_list(tags_);
    o.from = from_;
    o.to = to_;
    o.include_otl = include_otl_;
    o.allow_html = allow_html_;
    o.ages = ages_;
    o.group_by = group_ == 0 ? GroupBy::Year : group_ == 1 ? GroupBy::Decade : GroupBy::None;
    o.group_tag_prefix = prefix_;
    static const char* kinds[] = {"", "person", "organisation", "place", "other"};
    o.group_entity_kind = kinds[std::clamp(entity_kind_, 0, 4)];
    o.lanes = kLaneChoices[lanes_];
    o.width = width_;
    return o;
  }

  /// Re-makes the preview only when an option or the document changed.
  void refresh(EditorState& state) {
    std::ostringstream key;
    key << state.generation() << '|' << format_ << '|' << tags_ << '|' << from_ << '|' << to_ << '|' << include_otl_
        << allow_html_ << ages_ << group_ << '|' << prefix_ << '|' << entity_kind_ << '|' << lanes_ << '|' << width_;
    if (key.str() != key_) {
      key_ = key.str();
      auto doc = std::make_shared<const Document>(state.load_document());
      const ExportFormat format = kFormats[format_].format;
      const ExportOptions o = options();
      if (doc->entries.size() < kBackgroundEntries) {
        job_.stop();
        show(make_preview(*doc, format, o));
      } else {
        job_.start([doc, format, o](const std::atomic<bool>&) { return make_preview(*doc, format, o); });
      }
    }
    if (auto p = job_.take()) show(std::move(*p));
  }

  void show(Preview p) {
    error_ = std::move(p.error);
    bytes_ = p.bytes;
    skipped_ = p.skipped;
    skipped_invalid_ = p.skipped_invalid;
    preview_ = std::move(p.text);
    if (p.png.empty()) chart_.clear();
    else if (!chart_.set_png(p.png)) error_ = "the chart could not be shown";
  }

  /// The core's rules and writer, as the CLI's: never over the open document, another document or
  /// their companions; a temporary file renamed into place, so never half a file.
  void save(EditorState& state, const std::filesystem::path& path) {
    try {
      const std::string output = export_document(state.load_document(), kFormats[format_].format, options()).text;
      std::vector<std::filesystem::path> reading;
      if (!state.path().empty()) reading.push_back(state.path());
      write_file_atomically(path, output, reading);
      state.set_status("Exported to " + path.string());
    } catch (const std::exception& e) {
      state.report_error(std::string("Cannot export: ") + e.what());
    }
  }

  int format_ = 1, group_ = 0, entity_kind_ = 0, lanes_ = 0, width_ = 1600, skipped_ = 0, skipped_invalid_ = 0;
  std::string tags_, from_, to_, prefix_;
  bool include_otl_ = true, allow_html_ = false, ages_ = false;
  std::string key_, preview_, error_;
  std::size_t bytes_ = 0;
  FileDialog dialog_;
  WrappedTextField preview_field_;   // read-only: select and copy, wrapped like every text
  ChartPreview chart_;
  BackgroundJob<Preview> job_;       // a big document's preview
};

}  // namespace

std::unique_ptr<Panel> make_export_panel() { return std::make_unique<ExportPanel>(); }

}  // namespace uch::app
