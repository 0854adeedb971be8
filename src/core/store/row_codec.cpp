// Entries and entities to and from table rows (list fields are stored as JSON arrays).
#include <nlohmann/json.hpp>

#include "model/branch_json.hpp"
#include "model/utf8.hpp"
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
/// The same, moving the text out of a row that is not needed afterwards (load() of 100,000 entries
/// would otherwise copy every body twice).
std::string take_text(Value& v) {
  if (auto* s = std::get_if<std::string>(&v)) return std::move(*s);
  return text_of(v);
}

/// Fast path for what strings_to_json writes: a compact JSON array of strings. Returns false on
/// anything else (spaces, other types, odd escapes), and the caller then uses the full parser.
/// Listing 100,000 entries parses 100,000 tag arrays: nlohmann took 40% of list_entries.
/// Strict UTF-8 (no overlong forms, surrogates or code points above U+10FFFF), as JSON requires.
bool valid_utf8(std::string_view text) {
  for (std::size_t i = 0; i < text.size();) {
    const auto b = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
    const unsigned char c = b(i);
    if (c < 0x80) {
      ++i;
      continue;
    }
    std::size_t len;
    std::uint32_t cp, min;
    if (c >= 0xC2 && c <= 0xDF) len = 2, cp = c & 0x1Fu, min = 0x80;
    else if (c >= 0xE0 && c <= 0xEF) len = 3, cp = c & 0x0Fu, min = 0x800;
    else if (c >= 0xF0 && c <= 0xF4) len = 4, cp = c & 0x07u, min = 0x10000;
    else return false;
    if (i + len > text.size()) return false;
    for (std::size_t k = 1; k < len; ++k) {
      if ((b(i + k) & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (b(i + k) & 0x3Fu);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return false;
    i += len;
  }
  return true;
}

bool parse_string_array(std::string_view text, std::vector<std::string>& out) {
  std::size_t i = 0;
  const std::size_t n = text.size();
  if (!valid_utf8(text)) return false;
  if (n < 2 || text[0] != '[') return false;
  i = 1;
  if (text[i] == ']') return i + 1 == n;
  for (;;) {
    if (i >= n || text[i] != '"') return false;
    ++i;
    std::string value;
    for (;;) {
      // Up to the next quote or backslash in one append.
      std::size_t run = i;
      while (run < n && text[run] != '"' && text[run] != '\\' && static_cast<unsigned char>(text[run]) >= 0x20) ++run;
      value.append(text.data() + i, run - i);
      i = run;
      if (i >= n) return false;
      const char c = text[i++];
      if (c == '"') break;
      if (c != '\\') return false;  // a control character
      if (i >= n) return false;
      const char e = text[i++];
      switch (e) {
        case '"': value += '"'; break;
        case '\\': value += '\\'; break;
        case '/': value += '/'; break;
        case 'b': value += '\b'; break;
        case 'f': value += '\f'; break;
        case 'n': value += '\n'; break;
        case 'r': value += '\r'; break;
        case 't': value += '\t'; break;
        case 'u': {
          auto hex4 = [&](std::uint32_t& cp) {
            if (i + 4 > n) return false;
            cp = 0;
            for (int k = 0; k < 4; ++k) {
              const char h = text[i++];
              cp <<= 4;
              if (h >= '0' && h <= '9') cp |= static_cast<std::uint32_t>(h - '0');
              else if (h >= 'a' && h <= 'f') cp |= static_cast<std::uint32_t>(h - 'a' + 10);
              else if (h >= 'A' && h <= 'F') cp |= static_cast<std::uint32_t>(h - 'A' + 10);
              else return false;
            }
            return true;
          };
          std::uint32_t cp = 0;
          if (!hex4(cp)) return false;
          if (cp >= 0xD800 && cp <= 0xDBFF) {  // a surrogate pair
            std::uint32_t low = 0;
            if (i + 2 > n || text[i] != '\\' || text[i + 1] != 'u') return false;
            i += 2;
            if (!hex4(low) || low < 0xDC00 || low > 0xDFFF) return false;
            cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
          } else if (cp >= 0xDC00 && cp <= 0xDFFF) {
            return false;
          }
          utf8::encode(static_cast<char32_t>(cp), value);
          break;
        }
        default: return false;
      }
    }
    out.push_back(std::move(value));
    if (i >= n) return false;
    if (text[i] == ',') {
      ++i;
      continue;
    }
    return text[i] == ']' && i + 1 == n;
  }
}

std::string acks_to_json(const std::vector<Acknowledgement>& acks) {
  nlohmann::json array = nlohmann::json::array();
  for (const auto& a : acks) array.push_back({{"rule", a.rule}, {"reason", a.reason}});
  return array.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

const char* calendar_text(Calendar c) { return c == Calendar::Julian ? "julian" : "gregorian"; }
Calendar calendar_from(const Value& v) { return text_of(v) == "julian" ? Calendar::Julian : Calendar::Gregorian; }

}  // namespace

std::int64_t integer_of(const Value& v, const char* what) {
  if (auto* n = std::get_if<std::int64_t>(&v)) return *n;
  throw Error(std::string("the document is damaged: ") + what + " is not a number");
}

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

std::vector<Acknowledgement> acks_from_json(const std::string& text) {
  std::vector<Acknowledgement> out;
  if (text.empty() || text == "[]") return out;  // nearly every row: skip the parser
  const auto array = nlohmann::json::parse(text, nullptr, false);
  if (!array.is_array()) return out;
  for (const auto& a : array)
    if (a.is_object())
      out.push_back({a.value("rule", std::string()), a.value("reason", std::string())});
  return out;
}

std::vector<std::string> strings_from_json(const std::string& text) {
  std::vector<std::string> out;
  if (text.size() <= 2) return out;  // "[]"
  if (parse_string_array(text, out)) return out;
  out.clear();
  const auto array = nlohmann::json::parse(text, nullptr, false);
  if (!array.is_array()) return out;
  for (const auto& s : array)
    if (s.is_string()) out.push_back(s.get<std::string>());
  return out;
}

void entry_to_row(const Entry& e, EntryRowView& out) {
  auto& v = out.values;
  v.fill(std::monostate{});
  v[entry_col::id] = std::string_view(e.id);
  v[entry_col::date] = std::string_view(e.date);
  v[entry_col::calendar] = std::string_view(calendar_text(e.calendar));
  // Sort key: the date's bounds; undated or invalid sort last.
  const DateInfo info = e.date.empty() ? DateInfo{} : parse_edtf(e.date, e.calendar);
  v[entry_col::lower] = info.valid ? info.lower : kUnboundedHigh;
  v[entry_col::upper] = info.valid ? info.upper : kUnboundedHigh;
  v[entry_col::title] = std::string_view(e.title);
  v[entry_col::body] = std::string_view(e.body);
  out.tags = strings_to_json(e.tags);
  v[entry_col::tags] = std::string_view(out.tags);
  v[entry_col::otl] = std::string_view(e.otl);
  v[entry_col::notes] = std::string_view(e.notes);
  if (e.series) {
    v[entry_col::series_name] = std::string_view(e.series->name);
    v[entry_col::series_number] = e.series->number;
  }
  out.acknowledged = acks_to_json(e.acknowledged);
  v[entry_col::acknowledged] = std::string_view(out.acknowledged);
  if (e.branch.empty()) {
    v[entry_col::extra] = std::string_view(e.extra);
  } else {
    out.extra = entry_extra_stored(e);
    v[entry_col::extra] = std::string_view(out.extra);
  }
}

Row entry_to_row(const Entry& e) {
  EntryRowView view;
  entry_to_row(e, view);
  Row row(entry_col::count);
  for (std::size_t c = 0; c < row.size(); ++c)
    std::visit([&](const auto& x) {
      if constexpr (std::is_same_v<std::decay_t<decltype(x)>, std::string_view>) row[c] = std::string(x);
      else row[c] = x;
    }, view.values[c]);
  return row;
}

Entry entry_from_row(Row row) {
  Entry e;
  e.id = take_text(row[entry_col::id]);
  e.date = take_text(row[entry_col::date]);
  e.calendar = calendar_from(row[entry_col::calendar]);
  e.title = take_text(row[entry_col::title]);
  e.body = take_text(row[entry_col::body]);
  e.tags = strings_from_json(text_of(row[entry_col::tags]));
  e.otl = take_text(row[entry_col::otl]);
  e.notes = take_text(row[entry_col::notes]);
  if (!std::holds_alternative<std::monostate>(row[entry_col::series_name])) {
    Series s;
    s.name = take_text(row[entry_col::series_name]);
    if (auto* n = std::get_if<std::int64_t>(&row[entry_col::series_number])) s.number = *n;
    e.series = s;
  }
  e.acknowledged = acks_from_json(text_of(row[entry_col::acknowledged]));
  e.extra = take_text(row[entry_col::extra]);
  take_branch_fields(e);
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
  row[entity_col::extra] = entity_extra_stored(e);
  return row;
}

Entity entity_from_row(Row row) {
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
  take_branch_fields(e);
  return e;
}

// ---------------------------------------------------------------------------
// Decoding straight from a statement's columns, into an item whose strings keep their capacity
// from row to row: load() and the streamed export read 100,000 rows without a Row in between.
// Each value becomes what entry_from_row / entity_from_row make of the same row's Value.

namespace {

/// Column `i` as text_of(value_from(column)) would give it: text or blob bytes, an integer's
/// digits, "" for NULL or a float (a damaged file may hold anything anywhere).
void assign_column_text(sqlite3_stmt* st, int i, std::string& out) {
  // One call into the connection per column (each takes its mutex), then the value's own accessors.
  sqlite3_value* v = sqlite3_column_value(st, i);
  const int type = sqlite3_value_type(v);
  if (type == SQLITE_TEXT || type == SQLITE_BLOB) {
    const void* data = type == SQLITE_TEXT ? static_cast<const void*>(sqlite3_value_text(v)) : sqlite3_value_blob(v);
    const auto n = static_cast<std::size_t>(sqlite3_value_bytes(v));
    if (!data && (type == SQLITE_TEXT || n > 0)) throw_out_of_memory();
    if (data) out.assign(static_cast<const char*>(data), n);
    else out.clear();
  } else if (type == SQLITE_INTEGER) {
    out = std::to_string(sqlite3_value_int64(v));
  } else {
    out.clear();
  }
}

std::string column_text(sqlite3_stmt* st, int i) {
  std::string out;
  assign_column_text(st, i, out);
  return out;
}

}  // namespace

extern const char* const kEntryReadColumns =
    "id, date, calendar, title, body, tags, otl, notes, series_name, series_number, acknowledged, extra";
extern const char* const kEntityReadColumns = "id, name, kind, aliases, start, \"end\", calendar, notes, acknowledged, extra";

void read_entry_columns(sqlite3_stmt* st, Entry& e) {
  assign_column_text(st, 0, e.id);
  assign_column_text(st, 1, e.date);
  e.calendar = column_text(st, 2) == "julian" ? Calendar::Julian : Calendar::Gregorian;
  assign_column_text(st, 3, e.title);
  assign_column_text(st, 4, e.body);
  e.tags = strings_from_json(column_text(st, 5));
  assign_column_text(st, 6, e.otl);
  assign_column_text(st, 7, e.notes);
  if (sqlite3_column_type(st, 8) != SQLITE_NULL) {
    Series s;
    assign_column_text(st, 8, s.name);
    if (sqlite3_column_type(st, 9) == SQLITE_INTEGER) s.number = sqlite3_column_int64(st, 9);
    e.series = std::move(s);
  } else {
    e.series.reset();
  }
  e.acknowledged = acks_from_json(column_text(st, 10));
  assign_column_text(st, 11, e.extra);
  e.branch.clear();
  take_branch_fields(e);
}

void read_entity_columns(sqlite3_stmt* st, Entity& e) {
  assign_column_text(st, 0, e.id);
  assign_column_text(st, 1, e.name);
  e.kind = entity_kind_from_string(column_text(st, 2)).value_or(EntityKind::Other);
  e.aliases = strings_from_json(column_text(st, 3));
  assign_column_text(st, 4, e.start);
  assign_column_text(st, 5, e.end);
  e.calendar = column_text(st, 6) == "julian" ? Calendar::Julian : Calendar::Gregorian;
  assign_column_text(st, 7, e.notes);
  e.acknowledged = acks_from_json(column_text(st, 8));
  assign_column_text(st, 9, e.extra);
  e.in_branches.clear();
  take_branch_fields(e);
}

}  // namespace uch::detail
