// Entry window: edit the selected entry; each field commits one revision on Enter or focus loss.
#include <algorithm>
#include <charconv>
#include <sstream>

#include <optional>
#include <utility>

#include <imgui.h>
#include <imgui_stdlib.h>

#include "body_reading_view.hpp"
#include "date_feedback.hpp"
#include "editor_state.hpp"
#include "findings_view.hpp"
#include "link_completion.hpp"
#include "panels/panels.hpp"
#include "relations_view.hpp"
#include "ui_common.hpp"
#include "text_field_focus.hpp"
#include "wrapped_text_field.hpp"
#include "uchronia/ages.hpp"
#include "uchronia/date.hpp"

namespace uch::app {
namespace {

class EntryEditorPanel final : public Panel {
 public:
  EntryEditorPanel() : Panel(kEntryEditorTitle) {}

  void default_rect(float& x, float& y, float& w, float& h) const override {
    x = 0.36f, y = 0.34f, w = 0.34f, h = 0.66f;
  }

  void flush(EditorState& state) override { commit(state); }

  void draw(EditorState& state) override {
    sync(state);
    if (state.requests.focus_editor) ImGui::SetNextWindowFocus();
    if (!begin_window(state)) return;
    any_active_ = false;
    // Enter/F2 open the body only when no field had the keyboard as the frame began (an Enter that
    // commits the date field is not one for the body).
    window_keys_ = ImGui::IsWindowFocused(ImGuiFocusedFlags_RootAndChildWindows) && !ImGui::IsAnyItemActive() &&
                   !text_field_editing() &&
                   !ImGui::IsPopupOpen("", ImGuiPopupFlags_AnyPopupId);
    if (id_.empty()) {
      ImGui::TextDisabled("Select an entry in the table or on the timeline.");
      if (ImGui::Button("New entry") && state.has_document()) state.new_entry_after(state.selected());
    } else {
      draw_form(state);
    }
    state.editing |= dirty();
    ImGui::End();
  }

 private:
  // --- loading and committing -------------------------------------------------
  void sync(EditorState& state) {
    if (serial_ != state.document_serial()) {   // another document: nothing of the old one is kept
      serial_ = state.document_serial();
      id_.clear();
    }
    // an entity selected in the meantime leaves the last entry on show
    std::string want = state.selected_is_entry() ? state.selected() : state.selected_is_entity() ? id_ : std::string();
    if (want != id_) {
      if (!id_.empty()) commit(state);   // leaving an entry commits what was typed
      load(state, want);
    } else if (loaded_generation_ != state.generation() && !any_active_ && !completion_.pending()) {
      load(state, id_);
    }
  }

  void load(EditorState& state, const std::string& id) {
    if (id != id_) body_editing_ = activate_body_ = false;   // another entry opens read
    id_ = id;
    loaded_generation_ = state.generation();
    const Entry* e = state.entry(id);
    if (!e) {
      id_.clear();
      return;
    }
    loaded_ = *e;
    version_ = state.version_of(id);
    title_ = e->title;
    show_date();
    tags_ = join_list(e->tags);
    body_ = e->body;
    otl_ = e->otl;
    notes_ = e->notes;
    julian_ = e->calendar == Calendar::Julian;
    series_name_ = e->series ? e->series->name : std::string();
    series_number_ = e->series ? std::to_string(e->series->number) : std::string();
    feedback_for_ = "\x01";
  }

  /// The entry as the fields now say it; a field left alone keeps its stored value exactly.
  Entry edited() const {
    Entry e = loaded_;
    e.title = title_;
    if (tags_ != join_list(loaded_.tags)) e.tags = split_list(tags_);
    e.body = body_;
    e.otl = otl_;
    e.notes = notes_;
    e.calendar = julian_ ? Calendar::Julian : Calendar::Gregorian;
    if (date_ != date_shown_) {
      const TypedDate typed = read_typed_date(date_, e.calendar);
      e.date = typed.stored;   // an unparsable date is kept as typed: `check` reports it
      e.calendar = typed.calendar;
    }
    const std::string old_name = loaded_.series ? loaded_.series->name : std::string();
    const std::string old_number = loaded_.series ? std::to_string(loaded_.series->number) : std::string();
    if (series_name_ != old_name || series_number_ != old_number) {
      if (series_name_.find_first_not_of(" \t") == std::string::npos) {
        e.series.reset();
      } else {
        std::int64_t number = 0;
        std::from_chars(series_number_.data(), series_number_.data() + series_number_.size(), number);
        e.series = Series{series_name_, number};
      }
    }
    return e;
  }

  /// Cheap per-frame test: does any field differ from what was loaded?
  bool dirty() const {
    if (id_.empty()) return false;
    return title_ != loaded_.title || date_ != date_shown_ || tags_ != join_list(loaded_.tags) ||
           body_ != loaded_.body || otl_ != loaded_.otl || notes_ != loaded_.notes ||
           julian_ != (loaded_.calendar == Calendar::Julian) ||
           series_name_ != (loaded_.series ? loaded_.series->name : std::string()) ||
           (loaded_.series && series_number_ != std::to_string(loaded_.series->number));
  }

  void commit(EditorState& state) {
    if (id_.empty() || !state.entry(id_)) return;
    Entry e = edited();
    if (e == loaded_) return;
    Edit edit;
    edit.put_entry(e, version_);
    if (!state.commit(edit)) {
      keep_in_message(state, e);
      return;
    }
    {
      // keep editing on the stored version; only the fields no longer typed into follow it
      if (const Entry* now = state.entry(id_)) loaded_ = *now;
      version_ = state.version_of(id_);
      loaded_generation_ = state.generation();
      julian_ = loaded_.calendar == Calendar::Julian;
      show_date();
    }
  }

  /// The stored date in words (date_in_words), which the field shows until the writer types.
  void show_date() {
    date_shown_ = date_in_words(loaded_.date, loaded_.calendar);
    date_ = date_shown_;
  }

  /// A refused change (conflict, read-only): the typed text goes into the message, not lost.
  void keep_in_message(EditorState& state, const Entry& e) const {
    if (state.errors().empty()) return;
    std::string& msg = state.errors().back();
    auto add = [&](const char* field, const std::string& mine, const std::string& was) {
      if (mine != was) msg += std::string("\nYour ") + field + ": " + mine;
    };
    add("title", e.title, loaded_.title);
    add("date", e.date, loaded_.date);
    add("body", e.body, loaded_.body);
    add("OTL note", e.otl, loaded_.otl);
    add("notes", e.notes, loaded_.notes);
  }

  /// After a field: commit when it lost focus after an edit (Enter, Tab or a click elsewhere).
  void after_field(EditorState& state, const char* probe_key) {
    probe_item(probe_key);
    any_active_ |= ImGui::IsItemActive();
    if (ImGui::IsItemDeactivatedAfterEdit()) commit(state);
  }
  /// After a wrapped field, which says itself whether it is active or gave the keyboard up after an edit.
  void after_field(EditorState& state, const char* probe_key, const WrappedFieldResult& field) {
    probe_item(probe_key);
    any_active_ |= field.active;
    if (field.committed) commit(state);
  }

  // --- the form ----------------------------------------------------------------
  static void label(const char* text) {
    ImGui::TableNextRow();
    ImGui::TableSetColumnIndex(0);
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(text);
    ImGui::TableSetColumnIndex(1);
    ImGui::SetNextItemWidth(-FLT_MIN);
  }

  void draw_form(EditorState& state) {
    const bool ro = state.read_only();
    const ImGuiInputTextFlags ro_flag = ro ? ImGuiInputTextFlags_ReadOnly : 0;
    const float em = ImGui::GetFontSize();
    ImGui::TextDisabled("id: %s", id_.c_str());
    ImGui::SameLine(ImGui::GetContentRegionMax().x - em * 5.5f);
    ImGui::BeginDisabled(ro);
    if (ImGui::SmallButton("Delete entry")) {
      state.request_delete(id_);
      ImGui::EndDisabled();
      return;
    }
    ImGui::EndDisabled();
    if (!ImGui::BeginTable("form", 2, ImGuiTableFlags_SizingStretchProp)) return;
    ImGui::TableSetupColumn("label", ImGuiTableColumnFlags_WidthFixed, em * 5.5f);
    ImGui::TableSetupColumn("field", ImGuiTableColumnFlags_WidthStretch);

    label("Title");
    if (state.requests.focus_editor) {
      ImGui::SetKeyboardFocusHere();
      state.requests.focus_editor = false;
    }
    ImGui::InputText("##title", &title_, ro_flag);
    after_field(state, "editor/title");

    label("Date");
    ImGui::InputTextWithHint("##date", "26 June 1907, c. 1920, 1917-10-25 OS, 1914/1918", &date_, ro_flag);
    after_field(state, "editor/date");
    probe_text("editor/date-text", date_);
    ImGui::TableSetColumnIndex(1);
    draw_date_feedback();
    draw_ages(state);

    label("");
    if (ImGui::Checkbox("Old Style (Julian calendar)", &julian_) && !ro) commit(state);
    probe_item("editor/julian");

    label("Tags");
    ImGui::InputTextWithHint("##tags", "comma separated: divergence, russia", &tags_, ro_flag);
    after_field(state, "editor/tags");

    label("Body");
    draw_body(state, ro);

    label("Our timeline");
    // Tab goes body -> OTL -> notes -> series: the panel hands the keyboard from field to field.
    WrappedFieldOptions o;
    o.read_only = ro;
    o.min_height = em * 3.5f;
    o.tab_to_next_input = false;
    o.activate = std::exchange(activate_otl_, false);
    const WrappedFieldResult otl = otl_field_.draw("##otl", &otl_, o);
    after_field(state, "editor/otl", otl);
    if (otl.tab_pressed && !ImGui::GetIO().KeyShift) activate_notes_ = true;

    label("Notes");
    o.tab_to_next_input = true;   // on to the series
    o.activate = std::exchange(activate_notes_, false);
    after_field(state, "editor/notes", notes_field_.draw("##notes", &notes_, o));

    label("Series");
    ImGui::SetNextItemWidth(ImGui::GetContentRegionAvail().x - em * 5);
    ImGui::InputTextWithHint("##series", "series name", &series_name_, ro_flag);
    after_field(state, "editor/series");
    ImGui::SameLine();
    ImGui::SetNextItemWidth(-FLT_MIN);
    ImGui::InputTextWithHint("##seriesno", "no.", &series_number_, ro_flag | ImGuiInputTextFlags_CharsDecimal);
    after_field(state, "editor/series-number");
    ImGui::EndTable();

    ImGui::Spacing();
    if (ImGui::CollapsingHeader("Relations", ImGuiTreeNodeFlags_DefaultOpen)) relations_.draw(state, id_);
    if (ImGui::CollapsingHeader("Problems with this entry", ImGuiTreeNodeFlags_DefaultOpen)) findings_.draw(state, id_);
  }

  /// The body: read (rendered, links to click) until the writer clicks it, presses Enter or F2;
  /// then the wrapped field, until it loses the keyboard.
  void draw_body(EditorState& state, bool ro) {
    const float em = ImGui::GetFontSize();
    if (!body_editing_ && window_keys_ && (key_pressed(ImGuiKey_Enter, false) || ImGui::IsKeyPressed(kKeyF2, false)))
      body_editing_ = activate_body_ = true, body_cursor_ = std::string::npos;
    if (!body_editing_) {
      if (reading_.draw(state, "##body-reading", "editor/body/read", body_, ro ? "(no body)" : "Click to write\xE2\x80\xA6")) {
        body_editing_ = activate_body_ = true;
        body_cursor_ = reading_.clicked_source();   // the cursor where the writer clicked
      }
      probe_item("editor/body");
    } else {
      WrappedFieldOptions o;
      o.read_only = ro;
      o.min_height = em * 6;
      o.activate = activate_body_;
      o.activate_at = body_cursor_;
      o.probe = "editor/body";
      o.tab_to_next_input = false;
      activate_body_ = false;
      const bool body_done = completion_.input(state, "##body", &body_, o);
      probe_item("editor/body");
      const WrappedFieldResult& field = completion_.result();
      const bool active = field.active;
      any_active_ |= active;
      if (body_done) commit(state);
      if (field.tab_pressed && !active && !ImGui::GetIO().KeyShift) activate_otl_ = true;
      if (!active && !o.activate && !completion_.pending()) body_editing_ = false;   // read again
    }
    if (completion_.draw_suggestions(state, &body_)) {
      commit(state);
      body_editing_ = false;
    }
  }

  /// The people the entry mentions, with their age at its date ("Leon Trotsky, 44").
  void draw_ages(EditorState& state) {
    if (ages_generation_ != state.generation() || ages_for_ != id_) {
      ages_generation_ = state.generation();
      ages_for_ = id_;
      ages_.clear();
      if (!people_ || people_generation_ != state.generation()) {
        people_.emplace(state.document().entities);
        people_generation_ = state.generation();
      }
      ages_ = ages_text(people_->ages_at(loaded_));
    }
    if (ages_.empty()) return;
    ImGui::SameLine(0, ImGui::GetFontSize());   // beside the date's reading: no extra line
    ImGui::TextDisabled("%s", ages_.c_str());
    probe_text("editor/ages", ages_);
  }

  void draw_date_feedback() {
    if (feedback_for_ != date_ || feedback_julian_ != julian_) {   // recomputed only when typed
      feedback_for_ = date_;
      feedback_julian_ = julian_;
      DateFeedback f = describe_typed_date(date_, julian_);
      feedback_ = std::move(f.text);
      feedback_ok_ = f.ok;
    }
    if (feedback_ok_) ImGui::TextDisabled("%s", feedback_.c_str());
    else ImGui::TextColored(severity_color(Severity::Error), "%s", feedback_.c_str());
    probe_text("editor/date-feedback", feedback_);
  }

 private:
  std::string id_;
  Entry loaded_;
  std::optional<std::int64_t> version_;
  std::uint64_t loaded_generation_ = 0, serial_ = 0;
  bool any_active_ = false;
  std::string date_shown_;                // what date_ said when loaded: unchanged means untouched
  std::string title_, date_, tags_, body_, otl_, notes_, series_name_, series_number_;
  bool julian_ = false;
  std::optional<People> people_;          // the document's people, rebuilt when it changes
  std::uint64_t people_generation_ = ~0ull, ages_generation_ = ~0ull;
  std::string ages_for_, ages_;
  std::string feedback_for_ = "\x01", feedback_;
  bool feedback_julian_ = false, feedback_ok_ = true;
  LinkCompletion completion_;
  BodyReadingView reading_;
  std::size_t body_cursor_ = std::string::npos;   // where the field's cursor starts (npos: the end)
  bool body_editing_ = false, activate_body_ = false, window_keys_ = false;
  WrappedTextField otl_field_, notes_field_;
  bool activate_otl_ = false, activate_notes_ = false;   // Tab from the field above
  static constexpr int kKeyF2 = 291;   // GLFW_KEY_F2
  RelationsView relations_;
  FindingsView findings_;
};

}  // namespace

std::unique_ptr<Panel> make_entry_editor_panel() { return std::make_unique<EntryEditorPanel>(); }

}  // namespace uch::app
