// Entries and entities to and from table rows (list fields are stored as JSON arrays).
#include <nlohmann/json.hpp>

#include "store/store_impl.hpp"

namespace uch::detail {
namespace {

const char* const kEntryColumns[] = {"key", "id", "date", "calendar", "lower", "upper", "title", "body",
                                     "tags", "otl", "notes", "series_name", "series_number",
                                     "acknowledged", "extra", "version"};
const char* const kEntityColumns[] = {"key", "id", "name", "kind", "aliases", "start", "end", "calendar",
                                      "notes", "acknowledged", "extra", "version"};

std::string text_of(const Value& v) {
  if (auto* s = std::get_if<std::string>(&v)) return *s;
  if (auto* i = std::get_if<std::int64_t>(&v)) return std::to_string(*i);
  return {};
}

std::string acks_to_json(const std::vector<Acknowledgement>& acks) {
  nlohmann::json array = nlohmann::json::array();
  for (const auto& a : acks) array.push_back({{"rule", a.rule}, {"reason", a.reason}});
  return array.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::vector<Acknowledgement> acks_from_json(const std::string& text) {
  std::vector<Acknowledgement> out;
  const auto array = nlohmann::json::parse(text, nullptr, false);
  if (!array.is_array()) return out;
  for (const auto& a : array)
    if (a.is_object())
      out.push_back({a.value("rule", std::string()), a.value("reason", std::string())});
  return out;
}

const char* calendar_text(Calendar c) { return c == Calendar::Julian ? "julian" : "gregorian"; }
Calendar calendar_from(const Value& v) { return text_of(v) == "julian" ? Calendar::Julian : Calendar::Gregorian; }

}  // namespace

const char* entry_column_name(int column) { return kEntryColumns[column]; }
const char* entity_column_name(int column) { return kEntityColumns[column]; }

bool is_internal_column(int column, bool entity_table) {
  if (entity_table) return column == entity_col::key || column == entity_col::version;
  return column == entry_col::key || column == entry_col::lower || column == entry_col::upper ||
         column == entry_col::version;
}

std::string strings_to_json(const std::vector<std::string>& values) {
  return nlohmann::json(values).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::vector<std::string> strings_from_json(const std::string& text) {
  std::vector<std::string> out;
  if (text.size() <= 2) return out;  // "[]"
  const auto array = nlohmann::json::parse(text, nullptr, false);
  if (!array.is_array()) return out;
  for (const auto& s : array)
    if (s.is_string()) out.push_back(s.get<std::string>());
  return out;
}

Row entry_to_row(const Entry& e) {
  Row row(entry_col::count);
  row[entry_col::id] = e.id;
  row[entry_col::date] = e.date;
  row[entry_col::calendar] = std::string(calendar_text(e.calendar));
  // Sort key: the date's bounds; undated or invalid sort last.
  const DateInfo info = e.date.empty() ? DateInfo{} : parse_edtf(e.date, e.calendar);
  row[entry_col::lower] = info.valid ? info.lower : kUnboundedHigh;
  row[entry_col::upper] = info.valid ? info.upper : kUnboundedHigh;
  row[entry_col::title] = e.title;
  row[entry_col::body] = e.body;
  row[entry_col::tags] = strings_to_json(e.tags);
  row[entry_col::otl] = e.otl;
  row[entry_col::notes] = e.notes;
  if (e.series) {
    row[entry_col::series_name] = e.series->name;
    row[entry_col::series_number] = e.series->number;
  }
  row[entry_col::acknowledged] = acks_to_json(e.acknowledged);
  row[entry_col::extra] = e.extra;
  return row;
}

Entry entry_from_row(const Row& row) {
  Entry e;
  e.id = text_of(row[entry_col::id]);
  e.date = text_of(row[entry_col::date]);
  e.calendar = calendar_from(row[entry_col::calendar]);
  e.title = text_of(row[entry_col::title]);
  e.body = text_of(row[entry_col::body]);
  e.tags = strings_from_json(text_of(row[entry_col::tags]));
  e.otl = text_of(row[entry_col::otl]);
  e.notes = text_of(row[entry_col::notes]);
  if (!std::holds_alternative<std::monostate>(row[entry_col::series_name])) {
    Series s;
    s.name = text_of(row[entry_col::series_name]);
    if (auto* n = std::get_if<std::int64_t>(&row[entry_col::series_number])) s.number = *n;
    e.series = s;
  }
  e.acknowledged = acks_from_json(text_of(row[entry_col::acknowledged]));
  e.extra = text_of(row[entry_col::extra]);
  return e;
}

Row entity_to_row(const Entity& e) {
  Row row(entity_col::count);
  row[entity_col::id] = e.id;
  row[entity_col::name] = e.name;
  row[entity_col::kind] = std::string(to_string(e.kind));
  row[entity_col::aliases] = strings_to_json(e.aliases);
  row[entity_col::start] = e.start;
  row[entity_col::end] = e.end;
  row[entity_col::calendar] = std::string(calendar_text(e.calendar));
  row[entity_col::notes] = e.notes;
  row[entity_col::acknowledged] = acks_to_json(e.acknowledged);
  row[entity_col::extra] = e.extra;
  return row;
}

Entity entity_from_row(const Row& row) {
  Entity e;
  e.id = text_of(row[entity_col::id]);
  e.name = text_of(row[entity_col::name]);
  e.kind = entity_kind_from_string(text_of(row[entity_col::kind])).value_or(EntityKind::Other);
  e.aliases = strings_from_json(text_of(row[entity_col::aliases]));
  e.start = text_of(row[entity_col::start]);
  e.end = text_of(row[entity_col::end]);
  e.calendar = calendar_from(row[entity_col::calendar]);
  e.notes = text_of(row[entity_col::notes]);
  e.acknowledged = acks_from_json(text_of(row[entity_col::acknowledged]));
  e.extra = text_of(row[entity_col::extra]);
  return e;
}

}  // namespace uch::detail
