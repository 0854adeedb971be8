// Entities window: people, organisations, places; their details and the entries that mention them.
#include <algorithm>
#include <cctype>
#include <tuple>

#include <imgui.h>
#include <imgui_stdlib.h>

#include "date_feedback.hpp"
#include "editor_state.hpp"
#include "findings_view.hpp"
#include "panels/panels.hpp"
#include "ui_common.hpp"
#include "wrapped_text_field.hpp"
#include "uchronia/date.hpp"
#include "uchronia/links.hpp"
#include "uchronia/rename.hpp"

namespace uch::app {
namespace {

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
  return s;
}

class EntitiesPanel final : public Panel {
 public:
  EntitiesPanel() : Panel(kEntitiesTitle) {}

  void default_rect(float& x, float& y, float& w, float& h) const override {
    x = 0.70f, y = 0.56f, w = 0.30f, h = 0.22f;
  }

  void flush(EditorState& state) override { commit(state); }

  void draw(EditorState& state) override {
    sync(state);
    if (!begin_window(state)) return;
    any_active_ = false;
    const float list_w = std::max(ImGui::GetFontSize() * 9, ImGui::GetContentRegionAvail().x * 0.36f);
    ImGui::BeginChild("list", ImVec2(list_w, 0), true);
    draw_list(state);
    ImGui::EndChild();
    ImGui::SameLine();
    ImGui::BeginChild("details", ImVec2(0, 0), false);
    if (id_.empty()) ImGui::TextDisabled("Select an entity.");
    else draw_details(state);
    ImGui::EndChild();
    state.editing |= dirty();
    ImGui::End();
  }

 private:
  bool dirty() const {
    return !id_.empty() && (name_ != loaded_.name || kind_ != static_cast<int>(loaded_.kind) || aliases_ != join_list(loaded_.aliases) ||
                            start_ != start_shown_ || end_ != end_shown_ || notes_ != loaded_.notes);
  }

  void sync(EditorState& state) {
    if (serial_ != state.document_serial()) {   // another document: nothing of the old one is kept
      serial_ = state.document_serial();
      id_.clear();
    }
    if (state.selected_is_entity() && state.selected() != id_) {
      commit(state);
      load(state, state.selected());
    } else if (!id_.empty() && loaded_generation_ != state.generation() && !any_active_) {
      load(state, id_);
    }
  }

  void load(EditorState& state, const std::string& id) {
    loaded_generation_ = state.generation();
    const Entity* e = state.entity(id);
    id_ = e ? id : std::string();
    if (!e) return;
    loaded_ = *e;
    version_ = state.version_of(id);
    name_ = e->name;
    kind_ = static_cast<int>(e->kind);
    aliases_ = join_list(e->aliases);
    show_dates();
    notes_ = e->notes;
  }

  /// The stored dates in words (date_in_words, as the entry editor shows them) until the writer types.
  void show_dates() {
    start_shown_ = start_ = date_in_words(loaded_.start, loaded_.calendar);
    end_shown_ = end_ = date_in_words(loaded_.end, loaded_.calendar);
  }

  void commit(EditorState& state) {
    if (id_.empty() || !state.entity(id_)) return;
    Entity e = loaded_;
    e.name = name_;
    e.kind = static_cast<EntityKind>(kind_);
    if (aliases_ != join_list(loaded_.aliases)) e.aliases = split_list(aliases_);   // fields left alone keep their value
    // Typed as for entries: "OS" marks the entity's dates Old Style; unparsable text is kept for `check`.
    for (auto [typed, shown, field] : {std::tuple{&start_, &start_shown_, &e.start}, std::tuple{&end_, &end_shown_, &e.end}}) {
      if (*shown == *typed) continue;
      const TypedDate date = read_typed_date(*typed, e.calendar);
      *field = date.stored;
      e.calendar = date.calendar;
    }
    e.notes = notes_;
    // A new name keeps the old one as an alias, so no [[link]] to it breaks.
    const bool renamed = fold_name(name_) != fold_name(loaded_.name) && !name_.empty();
    if (renamed) {
      e.name = loaded_.name;
      e = renamed_entity(e, name_);
    }
    if (e == loaded_) return;
    Edit edit;
    edit.put_entity(e, version_);
    if (renamed) edit.summary("Renamed '" + loaded_.name + "' to '" + e.name + "' (the old name kept as an alias)");
    const std::string old_name = loaded_.name;
    if (state.commit(edit)) {
      if (const Entity* now = state.entity(id_)) loaded_ = *now;
      version_ = state.version_of(id_);
      loaded_generation_ = state.generation();
      name_ = loaded_.name;
      aliases_ = join_list(loaded_.aliases);
      show_dates();
      if (renamed) state.offer_link_rewrite(id_, old_name, loaded_.name);
    }
  }

  void after_field(EditorState& state, const char* key) {
    probe_item(key);
    any_active_ |= ImGui::IsItemActive();
    if (ImGui::IsItemDeactivatedAfterEdit()) commit(state);
  }
  /// After a wrapped field, which says itself whether it is active or gave the keyboard up after an edit.
  void after_field(EditorState& state, const char* key, const WrappedFieldResult& field) {
    probe_item(key);
    any_active_ |= field.active;
    if (field.committed) commit(state);
  }

  void draw_list(EditorState& state) {
    ImGui::SetNextItemWidth(-FLT_MIN);
    ImGui::InputTextWithHint("##filter", "filter", &filter_);
    if (listed_generation_ != state.generation() || listed_filter_ != filter_) {
      listed_generation_ = state.generation();
      listed_filter_ = filter_;
      listed_.clear();
      std::string f = lower(filter_);
      const auto& all = state.entities();
      for (std::size_t i = 0; i < all.size(); ++i)
        if (f.empty() || lower(all[i].name).find(f) != std::string::npos || lower(all[i].id).find(f) != std::string::npos)
          listed_.push_back(i);
      std::sort(listed_.begin(), listed_.end(), [&](std::size_t a, std::size_t b) { return lower(all[a].name) < lower(all[b].name); });
    }
    ImGui::BeginDisabled(state.read_only() || !state.has_document());
    if (ImGui::SmallButton("New entity")) {
      Entity e;
      e.id = state.unique_id("entity");
      e.name = "New entity";
      e.kind = EntityKind::Person;
      Edit edit;
      edit.put_entity(e).summary("Added a new entity");
      if (state.commit(edit)) state.select(e.id);
    }
    ImGui::EndDisabled();
    ImGuiListClipper clipper;
    clipper.Begin(static_cast<int>(listed_.size()));
    while (clipper.Step()) {
      for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
        const Entity& e = state.entities()[listed_[static_cast<std::size_t>(i)]];
        ImGui::PushID(e.id.c_str());
        const EditorState::Badge* badge = state.badge(e.id);
        if (badge) ImGui::PushStyleColor(ImGuiCol_Text, severity_color(badge->worst));
        if (ImGui::Selectable(e.name.c_str(), e.id == id_)) state.select(e.id);
        if (badge) ImGui::PopStyleColor();
        probe_item("entities/row/" + e.id);
        if (!e.aliases.empty()) {
          ImGui::SameLine();
          ImGui::TextDisabled("%s", e.aliases.front().c_str());
        }
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s (%s)\n%s", e.id.c_str(), to_string(e.kind), join_list(e.aliases).c_str());
        ImGui::PopID();
      }
    }
  }

  static void label(const char* text) {
    ImGui::TableNextRow();
    ImGui::TableSetColumnIndex(0);
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(text);
    ImGui::TableSetColumnIndex(1);
    ImGui::SetNextItemWidth(-FLT_MIN);
  }

  /// Human reading of a lifespan date (as the entry editor gives it), recomputed only when the text changes.
  struct DateHint {
    std::string for_text = "\x01", text;
    bool for_julian = false, ok = true;
  };
  static void date_hint(DateHint& h, const std::string& text, bool julian, const char* probe_key) {
    if (h.for_text != text || h.for_julian != julian) {
      h.for_text = text;
      h.for_julian = julian;
      const DateFeedback feedback = describe_typed_date(text, julian);
      h.ok = feedback.ok;
      h.text = feedback.text;
    }
    if (text.empty()) return;
    if (h.ok) ImGui::TextDisabled("%s", h.text.c_str());
    else ImGui::TextColored(severity_color(Severity::Error), "%s", h.text.c_str());
    probe_text(probe_key, h.text);
  }

  void draw_details(EditorState& state) {
    const float em = ImGui::GetFontSize();
    const ImGuiInputTextFlags ro = state.read_only() ? ImGuiInputTextFlags_ReadOnly : 0;
    ImGui::TextDisabled("id: %s", id_.c_str());
    if (ImGui::BeginTable("entity", 2, ImGuiTableFlags_SizingStretchProp)) {
      ImGui::TableSetupColumn("label", ImGuiTableColumnFlags_WidthFixed, em * 4.5f);
      ImGui::TableSetupColumn("field", ImGuiTableColumnFlags_WidthStretch);
      label("Name");
      ImGui::InputText("##name", &name_, ro);
      after_field(state, "entity/name");
      label("Kind");
      ImGui::BeginDisabled(ro != 0);
      if (ImGui::Combo("##kind", &kind_, "person\0organisation\0place\0other\0")) commit(state);
      ImGui::EndDisabled();
      label("Aliases");
      ImGui::InputTextWithHint("##aliases", "comma separated", &aliases_, ro);
      after_field(state, "entity/aliases");
      label(kind_ == 0 ? "Born" : "From");
      ImGui::InputTextWithHint("##start", "date", &start_, ro);
      after_field(state, "entity/start");
      probe_text("entity/start-text", start_);
      ImGui::TableSetColumnIndex(1);
      date_hint(start_hint_, start_, loaded_.calendar == Calendar::Julian, "entity/start-hint");
      label(kind_ == 0 ? "Died" : "Until");
      ImGui::InputTextWithHint("##end", "date", &end_, ro);
      after_field(state, "entity/end");
      probe_text("entity/end-text", end_);
      ImGui::TableSetColumnIndex(1);
      date_hint(end_hint_, end_, loaded_.calendar == Calendar::Julian, "entity/end-hint");
      label("Notes");
      WrappedFieldOptions notes_options;
      notes_options.read_only = state.read_only();
      notes_options.min_height = em * 3.5f;
      after_field(state, "entity/notes", notes_field_.draw("##notes", &notes_, notes_options));
      ImGui::EndTable();
    }
    ImGui::BeginDisabled(state.read_only());
    if (ImGui::SmallButton("Delete entity")) {
      state.request_delete(id_);
      ImGui::EndDisabled();
      return;
    }
    ImGui::EndDisabled();
    if (ImGui::CollapsingHeader("Mentioned in", ImGuiTreeNodeFlags_DefaultOpen)) draw_mentions(state);
    if (ImGui::CollapsingHeader("Problems", ImGuiTreeNodeFlags_DefaultOpen)) findings_.draw(state, id_);
  }

  void draw_mentions(EditorState& state) {
    if (mentions_for_ != id_ || mentions_generation_ != state.generation()) {
      mentions_for_ = id_;
      mentions_generation_ = state.generation();
      mentions_.clear();
      try {
        if (state.store()) mentions_ = state.store()->linked_from(id_);
      } catch (const std::exception& e) {
        state.report_error(e.what());
      }
      std::sort(mentions_.begin(), mentions_.end(), [&](const std::string& a, const std::string& b) {
        return state.row_index(a).value_or(SIZE_MAX) < state.row_index(b).value_or(SIZE_MAX);
      });
    }
    if (mentions_.empty()) ImGui::TextDisabled("No entry links to this entity.");
    for (const std::string& id : mentions_) {
      ImGui::PushID(id.c_str());
      if (auto i = state.row_index(id)) {
        ImGui::TextDisabled("%s", human_date(state.rows()[*i]).c_str());
        ImGui::SameLine();
      }
      if (link_text(state.label_of(id).c_str())) state.select(id);
      probe_item("entities/mention/" + id);
      ImGui::PopID();
    }
  }

  std::string filter_, listed_filter_ = "\x01";
  std::uint64_t listed_generation_ = 0;
  std::vector<std::size_t> listed_;
  std::string id_;
  Entity loaded_;
  std::optional<std::int64_t> version_;
  std::uint64_t loaded_generation_ = 0, serial_ = 0;
  bool any_active_ = false;
  WrappedTextField notes_field_;
  std::string name_, aliases_, start_, end_, notes_;
  std::string start_shown_, end_shown_;   // what start_/end_ said when loaded: unchanged means untouched
  DateHint start_hint_, end_hint_;
  int kind_ = 0;
  std::string mentions_for_;
  std::uint64_t mentions_generation_ = 0;
  std::vector<std::string> mentions_;
  FindingsView findings_;
};

}  // namespace

std::unique_ptr<Panel> make_entities_panel() { return std::make_unique<EntitiesPanel>(); }

}  // namespace uch::app
