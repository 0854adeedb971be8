// Export window: JSON / Markdown / HTML / TimelineJS with the shared options and a live preview.
#include <algorithm>
#include <sstream>

#include <imgui.h>
#include <imgui_stdlib.h>

#include "editor_state.hpp"
#include "file_dialog.hpp"
#include "panels/panels.hpp"
#include "ui_common.hpp"
#include "wrapped_text_field.hpp"
#include "uchronia/files.hpp"
#include "uchronia/interchange.hpp"
#include "uchronia/publish.hpp"

namespace uch::app {
namespace {

constexpr const char* kFormatNames[] = {"JSON (interchange)", "Markdown", "HTML", "TimelineJS"};
constexpr const char* kExtensions[] = {".json", ".md", ".html", ".json"};
constexpr const char* kNameSuffixes[] = {"", "", "", "-timelinejs"};  // two formats share ".json"
constexpr ExportFormat kFormatOrder[] = {ExportFormat::Json, ExportFormat::Markdown, ExportFormat::Html, ExportFormat::TimelineJs};
constexpr std::size_t kPreviewLimit = 256 * 1024;

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
    const int window_flags = place_window(state);
    if (!ImGui::Begin(title(), &open, window_flags)) {
      ImGui::End();
      return;
    }
    probe_window();
    draw_options();
    refresh(state);
    ImGui::BeginDisabled(!state.has_document() || !error_.empty());
    if (ImGui::Button("Save as\xE2\x80\xA6")) {
      // Beside the document, named after it and the format ("history.md", "history-timelinejs.json").
      const std::string stem = state.path().empty() ? "timeline" : state.path().stem().string();
      dialog_.open("Export to", FileDialog::Mode::Save, {kExtensions[format_]},
                   state.path().empty() ? std::filesystem::path() : state.path().parent_path(),
                   stem + kNameSuffixes[format_] + kExtensions[format_]);
    }
    ImGui::EndDisabled();
    probe_item("export/save");
    ImGui::SameLine();
    if (!error_.empty()) ImGui::TextColored(severity_color(Severity::Error), "%s", error_.c_str());
    else ImGui::TextDisabled("%zu bytes", output_.size());
    if (skipped_ || skipped_invalid_) {
      ImGui::SameLine();
      ImGui::TextColored(severity_color(Severity::Warning), "left out: %d undated, %d with an invalid date", skipped_, skipped_invalid_);
    }
    WrappedFieldOptions o;
    o.read_only = true;
    o.fill = true;
    o.probe = "export/preview";
    preview_field_.draw("##preview", &preview_, o);
    probe_item("export/preview");
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
    label("Format", em * 11, false);
    if (ImGui::BeginCombo("##format", kFormatNames[format_])) {
      for (int i = 0; i < static_cast<int>(std::size(kFormatNames)); ++i) {
        if (ImGui::Selectable(kFormatNames[i], i == format_)) format_ = i;
        probe_item(std::string("export/format/") + to_string(kFormatOrder[i]));
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
    ImGui::SameLine(0, em);
    ImGui::Checkbox("Allow raw HTML", &allow_html_);
    if (format_ == 1 || format_ == 2) {   // Markdown, HTML
      ImGui::SameLine(0, em);
      ImGui::Checkbox("Ages of the people mentioned", &ages_);
      probe_item("export/ages");
    }
    label("Group by", em * 6);
    ImGui::Combo("##group", &group_, "year\0decade\0none\0");
    if (format_ == 3) {
      label("Group from tag prefix", em * 7);
      ImGui::InputTextWithHint("##prefix", "e.g. front:", &prefix_);
      label("else by entity", em * 8);
      ImGui::Combo("##entitykind", &entity_kind_, "(none)\0person\0organisation\0place\0other\0");
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
    return o;
  }

  /// Re-exports only when an option or the document changed.
  void refresh(EditorState& state) {
    std::ostringstream key;
    key << state.generation() << '|' << format_ << '|' << tags_ << '|' << from_ << '|' << to_ << '|' << include_otl_
        << allow_html_ << ages_ << group_ << '|' << prefix_ << '|' << entity_kind_;
    if (key.str() == key_) return;
    key_ = key.str();
    error_.clear();
    skipped_ = skipped_invalid_ = 0;
    output_.clear();
    try {
      ExportResult r = export_document(state.load_document(), kFormatOrder[format_], options());
      output_ = std::move(r.text);
      skipped_ = r.skipped_undated;
      skipped_invalid_ = r.skipped_invalid;
    } catch (const std::exception& e) {
      error_ = e.what();
    }
    preview_ = output_.size() > kPreviewLimit ? output_.substr(0, kPreviewLimit) + "\n\xE2\x80\xA6 (preview cut)" : output_;
  }

  /// The core's rules and writer, as the CLI's: never over the open document, another document or
  /// their companions; a temporary file renamed into place, so never half a file.
  void save(EditorState& state, const std::filesystem::path& path) {
    try {
      std::vector<std::filesystem::path> reading;
      if (!state.path().empty()) reading.push_back(state.path());
      write_file_atomically(path, output_, reading);
      state.set_status("Exported to " + path.string());
    } catch (const std::exception& e) {
      state.report_error(std::string("Cannot export: ") + e.what());
    }
  }

  int format_ = 1, group_ = 0, entity_kind_ = 0, skipped_ = 0, skipped_invalid_ = 0;
  std::string tags_, from_, to_, prefix_;
  bool include_otl_ = true, allow_html_ = false, ages_ = false;
  std::string key_, output_, preview_, error_;
  FileDialog dialog_;
  WrappedTextField preview_field_;   // read-only: select and copy, wrapped like every text
};

}  // namespace

std::unique_ptr<Panel> make_export_panel() { return std::make_unique<ExportPanel>(); }

}  // namespace uch::app
