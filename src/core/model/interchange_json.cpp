// Interchange JSON (spec section 1): hardened reading with path-located errors, deterministic writing.
#include "model/branch_json.hpp"
#include "model/interchange_fast_read.hpp"
#include "uchronia/files.hpp"
#include "uchronia/interchange.hpp"

#include <algorithm>
#include <array>
#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstring>
#include <map>
#include <memory>
#include <new>
#include <optional>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <tuple>

#include "model/utf8.hpp"

namespace uch {

namespace {

using json = nlohmann::json;
using ojson = nlohmann::ordered_json;

constexpr std::string_view kFormat = kInterchangeFormat;
constexpr std::int64_t kVersion = kInterchangeVersion;
/// Deepest nesting of arrays/objects accepted (the format itself needs 5 levels).
constexpr std::size_t kMaxDepth = kInterchangeMaxDepth;
/// Largest file read_interchange_file accepts.
constexpr std::uintmax_t kMaxFileSize = std::uintmax_t{1} << 30;

const std::set<std::string, std::less<>> kTopFields = {"format",   "version", "title",     "description", "entities",
                                                       "entries",  "relations", "branches", "main_branch"};
const std::set<std::string, std::less<>> kEntityFields = {"id",    "name",     "kind",  "aliases",      "start",
                                                          "end",   "calendar", "notes", "acknowledged", "in_branches"};
const std::set<std::string, std::less<>> kEntryFields = {"id",    "date",     "title",  "body",         "tags",  "otl",
                                                         "notes", "calendar", "series", "acknowledged", "branch"};
const std::set<std::string, std::less<>> kBranchFields = {"id",    "name",  "parent", "diverges",
                                                          "point", "keeps", "drops"};
const std::set<std::string, std::less<>> kRelationFields = {"from", "type", "to"};

[[noreturn]] void fail(const std::string& path, const std::string& what) {
  throw ImportError((path.empty() ? std::string("(root)") : path) + ": " + what);
}

/// A string for a message: valid UTF-8, at most about `max` bytes, JSON-quoted.
std::string quote(std::string_view text, std::size_t max = 80) {
  std::string cut(text.substr(0, max));
  if (cut.size() < text.size()) {
    // Cut on a character boundary: drop a partial UTF-8 sequence at the end.
    while (!cut.empty() && (static_cast<unsigned char>(cut.back()) & 0xC0) == 0x80) cut.pop_back();
    if (!cut.empty() && static_cast<unsigned char>(cut.back()) >= 0xC0) cut.pop_back();
  }
  std::string quoted = json(utf8::sanitize(cut)).dump();
  if (cut.size() < text.size()) quoted.insert(quoted.size() - 1, "...");
  return quoted;
}

/// ".key" for identifier-like keys, `["k y"]` otherwise.
std::string path_key(std::string_view key) {
  bool plain = !key.empty() && !(key[0] >= '0' && key[0] <= '9');
  for (char c : key) {
    if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-')) {
      plain = false;
    }
  }
  return plain ? "." + std::string(key) : "[" + quote(key) + "]";
}

std::string join(const std::string& path, std::string_view key) {
  std::string step = path_key(key);
  if (path.empty() && step[0] == '.') return step.substr(1);
  return path + step;
}

std::string index(const std::string& path, std::size_t i) { return path + "[" + std::to_string(i) + "]"; }

std::string type_name(const json& v) {
  switch (v.type()) {
    case json::value_t::null: return "null";
    case json::value_t::boolean: return "a boolean";
    case json::value_t::number_integer:
    case json::value_t::number_unsigned:
    case json::value_t::number_float: return "a number";
    case json::value_t::string: return "a string";
    case json::value_t::array: return "an array";
    case json::value_t::object: return "an object";
    default: return "an unsupported value";
  }
}

// ---------------------------------------------------------------------------------------------
// Parsing: nlohmann's lexer and parser drive this SAX handler, which builds the DOM itself so
// that it can refuse deep nesting and duplicate keys early, and record where a syntax error is.

struct LineColumn {
  std::size_t line = 1;
  std::size_t column = 1;
};

/// Line and column (1-based; the column counts UTF-8 characters) of a byte offset.
LineColumn line_column(std::string_view text, std::size_t offset) {
  offset = std::min(offset, text.size());
  LineColumn lc;
  std::size_t line_start = 0;
  for (std::size_t i = 0; i < offset; ++i) {
    if (text[i] == '\n') {
      ++lc.line;
      line_start = i + 1;
    }
  }
  for (std::size_t i = line_start; i < offset; ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) ++lc.column;
  }
  return lc;
}

std::string where(std::string_view text, std::size_t offset) {
  const LineColumn lc = line_column(text, offset);
  return "line " + std::to_string(lc.line) + ", column " + std::to_string(lc.column);
}

/// Offset of the first '[' or '{' nested deeper than kMaxDepth. Only called once the parser
/// stopped there, so the text before it is known to be well-formed JSON.
std::size_t too_deep_offset(std::string_view text) {
  std::size_t depth = 0;
  bool in_string = false;
  bool escaped = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (in_string) {
      if (escaped) escaped = false;
      else if (c == '\\') escaped = true;
      else if (c == '"') in_string = false;
    } else if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      if (++depth > kMaxDepth) return i;
    } else if ((c == ']' || c == '}') && depth > 0) {
      --depth;
    }
  }
  return text.size();
}

/// nlohmann's message ("[json.exception.parse_error.101] parse error at line 1, column 4:
/// syntax error while parsing value - invalid literal; last read: 'tru'") reduced to its
/// reason, with the token cut short and made valid UTF-8.
std::string syntax_reason(const std::string& what) {
  std::string reason = what;
  if (const std::size_t col = reason.find("column "); col != std::string::npos) {
    if (const std::size_t colon = reason.find(": ", col); colon != std::string::npos) reason = reason.substr(colon + 2);
  } else if (reason.rfind("[json.exception.", 0) == 0) {
    if (const std::size_t end = reason.find("] "); end != std::string::npos) reason = reason.substr(end + 2);
  }
  if (reason.rfind("syntax error ", 0) == 0) reason = reason.substr(13);
  // "while parsing value - invalid literal; last read: 'x'" -> "invalid literal (while parsing value); last read: 'x'"
  if (reason.rfind("while parsing ", 0) == 0) {
    if (const std::size_t dash = reason.find(" - "); dash != std::string::npos) {
      std::string context = reason.substr(0, dash);
      std::string rest = reason.substr(dash + 3);
      const std::size_t semi = rest.find("; last read: ");
      std::string detail = rest.substr(0, semi);
      std::string tail = semi == std::string::npos ? "" : rest.substr(semi);
      reason = detail + " (" + context + ")" + tail;
    }
  }
  const std::string marker = "last read: '";
  if (const std::size_t lr = reason.find(marker); lr != std::string::npos) {
    const std::size_t start = lr + marker.size();
    // "last read: 'TOKEN'" possibly followed by "; expected ...".
    std::size_t stop = reason.rfind("'; expected ");
    if (stop == std::string::npos || stop < start) stop = reason.rfind('\'');
    if (stop == std::string::npos || stop < start) stop = reason.size();
    std::string token = reason.substr(start, stop - start);
    const std::string after = stop < reason.size() ? reason.substr(stop + 1) : std::string();
    if (token.size() > 60) {
      std::size_t from = token.size() - 40;
      while (from < token.size() && (static_cast<unsigned char>(token[from]) & 0xC0) == 0x80) ++from;
      token = "..." + token.substr(from);
    }
    reason = reason.substr(0, start) + token + "'" + after;
  }
  return utf8::sanitize(reason);
}

class DomBuilder final : public nlohmann::json_sax<json> {
 public:
  explicit DomBuilder(json& root) : root_(root) {}

  bool null() override { return add(json(nullptr)) != nullptr; }
  bool boolean(bool v) override { return add(json(v)) != nullptr; }
  bool number_integer(number_integer_t v) override { return add(json(v)) != nullptr; }
  bool number_unsigned(number_unsigned_t v) override { return add(json(v)) != nullptr; }
  bool number_float(number_float_t v, const string_t&) override { return add(json(v)) != nullptr; }
  bool string(string_t& v) override { return add(json(std::move(v))) != nullptr; }
  bool binary(binary_t& v) override { return add(json::binary(std::move(v))) != nullptr; }

  bool start_object(std::size_t) override { return open(json::object()); }
  bool end_object() override { return close(); }
  bool start_array(std::size_t) override { return open(json::array()); }
  bool end_array() override { return close(); }

  bool key(string_t& k) override {
    if (stack_.back()->contains(k)) {
      error_ = join(path(), k) + ": duplicate key";
      return false;
    }
    key_ = std::move(k);
    return true;
  }

  bool parse_error(std::size_t position, const std::string&, const nlohmann::detail::exception& ex) override {
    syntax_error_ = true;
    error_position_ = position > 0 ? position - 1 : 0;
    error_ = syntax_reason(ex.what());
    return false;
  }

  bool too_deep() const { return too_deep_; }
  bool syntax_error() const { return syntax_error_; }
  std::size_t error_position() const { return error_position_; }
  const std::string& error() const { return error_; }

 private:
  json* add(json&& value) {
    if (stack_.empty()) {
      root_ = std::move(value);
      return &root_;
    }
    json& top = *stack_.back();
    if (top.is_array()) {
      auto& array = top.get_ref<json::array_t&>();
      array.push_back(std::move(value));
      return &array.back();
    }
    auto& object = top.get_ref<json::object_t&>();
    return &object.emplace(std::move(key_), std::move(value)).first->second;
  }

  bool open(json&& container) {
    if (stack_.size() >= kMaxDepth) {
      too_deep_ = true;
      return false;
    }
    std::string name = (!stack_.empty() && stack_.back()->is_object()) ? key_ : std::string();
    json* slot = add(std::move(container));
    stack_.push_back(slot);
    names_.push_back(std::move(name));
    return true;
  }

  bool close() {
    stack_.pop_back();
    names_.pop_back();
    return true;
  }

  /// JSON path of the innermost open container.
  std::string path() const {
    std::string p;
    for (std::size_t level = 1; level < stack_.size(); ++level) {
      const json& parent = *stack_[level - 1];
      if (parent.is_array()) p = index(p, parent.size() - 1);
      else p = join(p, names_[level]);
    }
    return p;
  }

  json& root_;
  std::vector<json*> stack_;        // open containers, outermost first
  std::vector<std::string> names_;  // key under which each open container sits (objects only)
  std::string key_;                 // last key read, waiting for its value
  bool too_deep_ = false;
  bool syntax_error_ = false;
  std::size_t error_position_ = 0;
  std::string error_;
};

json parse_json(std::string_view text) {
  // nlohmann's lexer takes a raw NUL for the end of the input (and would ignore what follows):
  // a NUL byte is never valid JSON, so refuse it here, wherever it is.
  if (const std::size_t nul = text.find('\0'); nul != std::string_view::npos) {
    throw ImportError(where(text, nul) + ": syntax error: NUL byte (U+0000) in the file; JSON text may not contain one");
  }
  json root;
  DomBuilder builder(root);
  bool ok = false;
  try {
    ok = json::sax_parse(text.data(), text.data() + text.size(), &builder);
  } catch (const std::bad_alloc&) {
    fail("", "out of memory while reading the document");
  } catch (const json::exception& e) {
    fail("", utf8::sanitize(e.what()));
  }
  if (ok) return root;
  if (builder.too_deep()) {
    throw ImportError(where(text, too_deep_offset(text)) + ": nesting deeper than " + std::to_string(kMaxDepth) +
                      " levels of arrays and objects");
  }
  if (builder.syntax_error()) {
    throw ImportError(where(text, builder.error_position()) + ": syntax error: " + builder.error());
  }
  if (!builder.error().empty()) throw ImportError(builder.error());
  fail("", "the document could not be read");
}

// ---------------------------------------------------------------------------------------------
// Validation: JSON DOM -> Document, first problem wins, every message starts with its path.

const json* member(const json& object, const char* key) {
  const auto it = object.find(key);
  return it == object.end() ? nullptr : &*it;
}

const json& require(const json& object, const std::string& path, const char* key) {
  const json* value = member(object, key);
  if (value == nullptr) fail(join(path, key), "missing required field");
  return *value;
}

std::string as_string(const json& value, const std::string& path) {
  if (!value.is_string()) fail(path, "expected a string, got " + type_name(value));
  const auto& s = value.get_ref<const std::string&>();
  if (s.find('\0') != std::string::npos) fail(path, "contains a NUL character (\\u0000), not allowed in text");
  return s;
}

std::string optional_string(const json& object, const std::string& path, const char* key) {
  const json* value = member(object, key);
  return value == nullptr ? std::string() : as_string(*value, join(path, key));
}

std::int64_t as_integer(const json& value, const std::string& path) {
  if (value.is_number_unsigned()) {
    const auto u = value.get<std::uint64_t>();
    if (u > static_cast<std::uint64_t>(INT64_MAX)) fail(path, "integer " + value.dump() + " is too large");
    return static_cast<std::int64_t>(u);
  }
  if (value.is_number_integer()) return value.get<std::int64_t>();
  if (value.is_number_float()) {
    // As in JSON Schema, 10.0 is the integer 10; 2.5 is not an integer.
    const double d = value.get<double>();
    if (std::trunc(d) == d && d >= -9.2e18 && d <= 9.2e18) return static_cast<std::int64_t>(d);
    fail(path, "expected an integer, got " + value.dump());
  }
  fail(path, "expected an integer, got " + type_name(value));
}

const json& as_object(const json& value, const std::string& path) {
  if (!value.is_object()) fail(path, "expected an object, got " + type_name(value));
  return value;
}

const json::array_t& as_array(const json& value, const std::string& path) {
  if (!value.is_array()) fail(path, "expected an array, got " + type_name(value));
  return value.get_ref<const json::array_t&>();
}

std::vector<std::string> optional_strings(const json& object, const std::string& path, const char* key) {
  std::vector<std::string> out;
  const json* value = member(object, key);
  if (value == nullptr) return out;
  const std::string p = join(path, key);
  const auto& array = as_array(*value, p);
  out.reserve(array.size());
  for (std::size_t i = 0; i < array.size(); ++i) out.push_back(as_string(array[i], index(p, i)));
  return out;
}

Calendar optional_calendar(const json& object, const std::string& path) {
  const json* value = member(object, "calendar");
  if (value == nullptr) return Calendar::Gregorian;
  const std::string p = join(path, "calendar");
  const std::string text = as_string(*value, p);
  if (text == "gregorian") return Calendar::Gregorian;
  if (text == "julian") return Calendar::Julian;
  fail(p, "unknown calendar " + quote(text) + " (expected \"gregorian\" or \"julian\")");
}

std::vector<Acknowledgement> optional_acknowledged(const json& object, const std::string& path) {
  std::vector<Acknowledgement> out;
  const json* value = member(object, "acknowledged");
  if (value == nullptr) return out;
  const std::string p = join(path, "acknowledged");
  const auto& array = as_array(*value, p);
  for (std::size_t i = 0; i < array.size(); ++i) {
    const std::string item = index(p, i);
    const json& ack = as_object(array[i], item);
    Acknowledgement a;
    a.rule = as_string(require(ack, item, "rule"), join(item, "rule"));
    if (a.rule.empty()) fail(join(item, "rule"), "must not be empty");
    a.reason = optional_string(ack, item, "reason");
    out.push_back(std::move(a));  // other fields of an acknowledgement are ignored
  }
  return out;
}

std::string id_field(const json& object, const std::string& path, const char* key) {
  const std::string p = join(path, key);
  std::string id = as_string(require(object, path, key), p);
  if (!is_valid_id(id)) fail(p, "invalid id " + quote(id) + " (1 to 128 of A-Z a-z 0-9 . _ -)");
  return id;
}

/// Unknown fields, as compact JSON object text with sorted keys ("" when none).
ExtraFields extra_fields(const json& object, const std::set<std::string, std::less<>>& known) {
  json extra = json::object();
  for (const auto& [key, value] : object.items()) {
    if (!known.contains(key)) extra[key] = value;
  }
  if (extra.empty()) return {};
  return extra.dump(-1, ' ', false, json::error_handler_t::replace);
}

Entity read_entity(const json& value, const std::string& path) {
  const json& o = as_object(value, path);
  Entity e;
  e.id = id_field(o, path, "id");
  e.name = as_string(require(o, path, "name"), join(path, "name"));
  const std::string kind_path = join(path, "kind");
  const std::string kind = as_string(require(o, path, "kind"), kind_path);
  const auto parsed_kind = entity_kind_from_string(kind);
  if (!parsed_kind) {
    fail(kind_path, "unknown entity kind " + quote(kind) + " (expected person, organisation, place or other)");
  }
  e.kind = *parsed_kind;
  e.aliases = optional_strings(o, path, "aliases");
  e.start = optional_string(o, path, "start");
  e.end = optional_string(o, path, "end");
  e.calendar = optional_calendar(o, path);
  e.notes = optional_string(o, path, "notes");
  e.acknowledged = optional_acknowledged(o, path);
  if (const json* overrides = member(o, "in_branches"))
    e.in_branches = detail::overrides_from_json(*overrides, join(path, "in_branches"));
  e.extra = extra_fields(o, kEntityFields);
  return e;
}

Entry read_entry(const json& value, const std::string& path) {
  const json& o = as_object(value, path);
  Entry e;
  e.id = id_field(o, path, "id");
  e.date = optional_string(o, path, "date");  // not validated here: an invalid date is a finding of `check`
  e.title = as_string(require(o, path, "title"), join(path, "title"));
  e.body = optional_string(o, path, "body");
  e.tags = optional_strings(o, path, "tags");
  e.otl = optional_string(o, path, "otl");
  e.notes = optional_string(o, path, "notes");
  e.calendar = optional_calendar(o, path);
  if (const json* series = member(o, "series")) {
    const std::string p = join(path, "series");
    const json& s = as_object(*series, p);
    Series out;
    out.name = as_string(require(s, p, "name"), join(p, "name"));
    out.number = as_integer(require(s, p, "number"), join(p, "number"));
    e.series = std::move(out);  // other fields of a series are ignored
  }
  e.acknowledged = optional_acknowledged(o, path);
  if (member(o, "branch")) e.branch = id_field(o, path, "branch");
  e.extra = extra_fields(o, kEntryFields);
  return e;
}

Relation read_relation(const json& value, const std::string& path) {
  const json& o = as_object(value, path);
  Relation r;
  r.from = id_field(o, path, "from");
  const std::string type_path = join(path, "type");
  const std::string type = as_string(require(o, path, "type"), type_path);
  const auto parsed_type = relation_type_from_string(type);
  if (!parsed_type) {
    fail(type_path, "unknown relation type " + quote(type) + " (expected before, after, causes, ends or during)");
  }
  r.type = *parsed_type;
  r.to = id_field(o, path, "to");
  r.extra = extra_fields(o, kRelationFields);
  return r;
}

void check_header(const json& root) {
  const json* format = member(root, "format");
  if (format == nullptr) {
    fail("format", "missing: not an Uchronia interchange file (expected \"format\": \"uchronia-timeline\")");
  }
  if (!format->is_string()) fail("format", "expected a string, got " + type_name(*format));
  if (format->get_ref<const std::string&>() != kFormat) {
    fail("format", "not an Uchronia timeline: format is " + quote(format->get_ref<const std::string&>()) +
                       ", expected \"uchronia-timeline\"");
  }
  const json* version = member(root, "version");
  if (version == nullptr) fail("version", "missing required field (expected 1)");
  if (version->is_number_unsigned() && version->get<std::uint64_t>() > static_cast<std::uint64_t>(INT64_MAX)) {
    fail("version", "version " + version->dump() + " is newer than this program reads (1); update Uchronia");
  }
  const std::int64_t v = as_integer(*version, "version");
  if (v > kVersion) {
    fail("version", "version " + std::to_string(v) + " is newer than this program reads (1); update Uchronia");
  }
  if (v < 1) fail("version", "unsupported version " + std::to_string(v) + " (expected 1)");
}

Document read_document(const json& root) {
  if (!root.is_object()) fail("", "expected an object, got " + type_name(root));
  check_header(root);
  Document doc;
  doc.title = optional_string(root, "", "title");
  doc.description = optional_string(root, "", "description");

  std::map<std::string, std::string, std::less<>> id_paths;  // id -> path of its first use
  const auto claim = [&](const std::string& id, const std::string& path) {
    const auto [it, inserted] = id_paths.emplace(id, path);
    if (!inserted) fail(path, "duplicate id " + quote(id) + " (already used by " + it->second + ")");
  };
  // Branch ids share the id space of entries and entities (docs/branches.md).
  if (const json* branches = member(root, "branches")) {
    doc.branches = detail::branches_from_json(*branches, "branches");
    for (std::size_t i = 0; i < doc.branches.size(); ++i) claim(doc.branches[i].id, index("branches", i) + ".id");
  }
  if (member(root, "main_branch")) doc.main_branch = id_field(root, "", "main_branch");
  if (const json* entities = member(root, "entities")) {
    const auto& array = as_array(*entities, "entities");
    doc.entities.reserve(array.size());
    for (std::size_t i = 0; i < array.size(); ++i) {
      const std::string p = index("entities", i);
      doc.entities.push_back(read_entity(array[i], p));
      claim(doc.entities.back().id, p + ".id");
    }
  }
  if (const json* entries = member(root, "entries")) {
    const auto& array = as_array(*entries, "entries");
    doc.entries.reserve(array.size());
    for (std::size_t i = 0; i < array.size(); ++i) {
      const std::string p = index("entries", i);
      doc.entries.push_back(read_entry(array[i], p));
      claim(doc.entries.back().id, p + ".id");
    }
  }
  if (const json* relations = member(root, "relations")) {
    const auto& array = as_array(*relations, "relations");
    doc.relations.reserve(array.size());
    std::map<std::tuple<std::string, RelationType, std::string>, std::string> seen;
    for (std::size_t i = 0; i < array.size(); ++i) {
      const std::string p = index("relations", i);
      Relation r = read_relation(array[i], p);
      const auto [it, inserted] = seen.emplace(std::make_tuple(r.from, r.type, r.to), p);
      if (!inserted) fail(p, "duplicate relation (same from, type and to as " + it->second + ")");
      doc.relations.push_back(std::move(r));
    }
  }
  doc.extra = extra_fields(root, kTopFields);
  return doc;
}

}  // namespace

namespace detail {

std::vector<Branch> branches_from_json(const json& value, const std::string& path) {
  std::vector<Branch> out;
  const auto& array = as_array(value, path);
  out.reserve(array.size());
  for (std::size_t i = 0; i < array.size(); ++i) {
    const std::string p = index(path, i);
    const json& o = as_object(array[i], p);
    Branch b;
    b.id = id_field(o, p, "id");
    b.name = as_string(require(o, p, "name"), join(p, "name"));
    // References are strings here; what they name (or fail to) is for `check` (branch.unknown).
    b.parent = optional_string(o, p, "parent");
    b.diverges = optional_string(o, p, "diverges");
    b.point = optional_string(o, p, "point");
    b.keeps = optional_strings(o, p, "keeps");
    b.drops = optional_strings(o, p, "drops");
    b.extra = extra_fields(o, kBranchFields);
    out.push_back(std::move(b));
  }
  return out;
}

std::vector<EntityOverride> overrides_from_json(const json& value, const std::string& path) {
  std::vector<EntityOverride> out;
  const json& o = as_object(value, path);
  for (const auto& [branch, fields] : o.items()) {  // nlohmann's object: keys sorted
    const std::string p = join(path, branch);
    const json& f = as_object(fields, p);
    if (member(f, "id")) fail(join(p, "id"), "an entity's id cannot be overridden in a branch");
    // The same types as the entity's own fields.
    for (const char* text : {"name", "start", "end", "notes"}) optional_string(f, p, text);
    optional_strings(f, p, "aliases");
    optional_calendar(f, p);
    optional_acknowledged(f, p);
    if (const json* kind = member(f, "kind")) {
      const std::string k = as_string(*kind, join(p, "kind"));
      if (!entity_kind_from_string(k))
        fail(join(p, "kind"), "unknown entity kind " + quote(k) + " (expected person, organisation, place or other)");
    }
    out.push_back({branch, f.dump(-1, ' ', false, json::error_handler_t::replace)});
  }
  return out;
}

json branches_to_json(const std::vector<Branch>& branches) {
  json out = json::array();
  for (const Branch& b : branches) {
    // Unknown fields first so that a known field of the same name wins.
    json o = b.extra.empty() ? json::object() : json::parse(b.extra, nullptr, false);
    if (!o.is_object()) o = json::object();
    o["id"] = b.id;
    o["name"] = b.name;
    if (!b.parent.empty()) o["parent"] = b.parent;
    if (!b.diverges.empty()) o["diverges"] = b.diverges;
    if (!b.point.empty()) o["point"] = b.point;
    if (!b.keeps.empty()) o["keeps"] = b.keeps;
    if (!b.drops.empty()) o["drops"] = b.drops;
    out.push_back(std::move(o));
  }
  return out;
}

json overrides_to_json(const std::vector<EntityOverride>& overrides) {
  json out = json::object();
  for (const EntityOverride& o : overrides) {
    json fields = json::parse(o.fields, nullptr, false);
    out[o.branch] = fields.is_object() ? std::move(fields) : json::object();
  }
  return out;
}

ExtraFields document_extra_with_branches(const Document& doc) {
  if (doc.branches.empty() && doc.main_branch.empty()) return doc.extra;
  json extra = doc.extra.empty() ? json::object() : json::parse(doc.extra, nullptr, false);
  if (!extra.is_object()) extra = json::object();
  if (!doc.branches.empty()) {
    std::vector<Branch> sorted = doc.branches;
    std::stable_sort(sorted.begin(), sorted.end(), [](const Branch& a, const Branch& b) { return a.id < b.id; });
    extra["branches"] = branches_to_json(sorted);
  }
  if (!doc.main_branch.empty()) extra["main_branch"] = doc.main_branch;
  return extra.dump(-1, ' ', false, json::error_handler_t::replace);
}

}  // namespace detail

namespace {

// ---------------------------------------------------------------------------------------------
// Writing: streamed straight into one string, byte-identical to nlohmann's
// dump(2, ' ', false, error_handler_t::replace) of the equivalent ordered_json tree.

/// Byte classes for escaping: 0 = copied as is, 1 = escaped, 2 = start of a multi-byte
/// sequence (copied if well-formed UTF-8, replaced by U+FFFD otherwise).
constexpr std::array<unsigned char, 256> kByteClass = [] {
  std::array<unsigned char, 256> t{};
  for (int c = 0; c < 0x20; ++c) t[c] = 1;
  t['"'] = 1;
  t['\\'] = 1;
  for (int c = 0x80; c < 0x100; ++c) t[c] = 2;
  return t;
}();

constexpr std::string_view kReplacement = "\xEF\xBF\xBD";

/// Length of the well-formed UTF-8 sequence at s[i] (lead byte >= 0x80), or, when it is not
/// well-formed, 0 with `consumed` set to the bytes of its maximal valid prefix (at least 1),
/// which nlohmann's decoder replaces by one U+FFFD before reading the next byte afresh.
inline std::size_t utf8_sequence(const unsigned char* s, std::size_t i, std::size_t n, std::size_t& consumed) {
  const unsigned char c0 = s[i];
  std::size_t len = 0;
  unsigned char lo = 0x80, hi = 0xBF;
  if (c0 >= 0xC2 && c0 <= 0xDF) len = 2;
  else if (c0 == 0xE0) { len = 3; lo = 0xA0; }
  else if (c0 == 0xED) { len = 3; hi = 0x9F; }
  else if (c0 >= 0xE1 && c0 <= 0xEF) len = 3;
  else if (c0 == 0xF0) { len = 4; lo = 0x90; }
  else if (c0 >= 0xF1 && c0 <= 0xF3) len = 4;
  else if (c0 == 0xF4) { len = 4; hi = 0x8F; }
  else {
    consumed = 1;
    return 0;
  }
  for (std::size_t k = 1; k < len; ++k) {
    if (i + k >= n) {
      consumed = k;
      return 0;
    }
    const unsigned char c = s[i + k];
    if (k == 1 ? (c < lo || c > hi) : (c < 0x80 || c > 0xBF)) {
      consumed = k;
      return 0;
    }
  }
  return len;
}

/// True when none of the eight bytes of `word` needs a look: no control byte, quote,
/// backslash or byte of a multi-byte sequence. Each term is nonzero exactly when some byte
/// matches (its borrows can only add flags above a byte that does), all that is asked here.
inline bool plain_ascii(std::uint64_t word) {
  constexpr std::uint64_t kOnes = 0x0101010101010101u, kHigh = 0x8080808080808080u;
  const auto has_zero_byte = [](std::uint64_t x) { return (x - kOnes) & ~x & kHigh; };
  const std::uint64_t below_space = (word - 0x20 * kOnes) & ~word & kHigh;
  return ((word & kHigh) | below_space | has_zero_byte(word ^ ('"' * kOnes)) | has_zero_byte(word ^ ('\\' * kOnes))) ==
         0;
}

/// `text` as a JSON string: runs that need no escaping are copied in one append.
void append_string(std::string& out, std::string_view text) {
  static constexpr char kHex[] = "0123456789abcdef";
  const auto* s = reinterpret_cast<const unsigned char*>(text.data());
  const std::size_t n = text.size();
  out += '"';
  std::size_t run = 0;  // start of the pending run of bytes copied as they are
  std::size_t i = 0;
  while (i < n) {
    if (i + 8 <= n) {  // plain ASCII, the bulk of most text, eight bytes a step
      std::uint64_t word;
      std::memcpy(&word, s + i, 8);
      if (plain_ascii(word)) {
        i += 8;
        continue;
      }
    }
    const unsigned char c = s[i];
    const unsigned char cls = kByteClass[c];
    if (cls == 0) {
      ++i;
      continue;
    }
    std::size_t consumed = 0;
    if (cls == 2) {
      if (std::size_t len = utf8_sequence(s, i, n, consumed)) {
        // Text in another script is mostly multi-byte sequences in a row: take them in one go.
        do i += len;
        while (i < n && s[i] >= 0x80 && (len = utf8_sequence(s, i, n, consumed)) != 0);
        continue;
      }
    }
    out.append(text.data() + run, i - run);
    if (cls == 2) {
      out += kReplacement;
      i += consumed;
    } else {
      switch (c) {
        case '"': out += "\\\""; break;
        case '\\': out += "\\\\"; break;
        case '\b': out += "\\b"; break;
        case '\t': out += "\\t"; break;
        case '\n': out += "\\n"; break;
        case '\f': out += "\\f"; break;
        case '\r': out += "\\r"; break;
        default: {
          const char esc[6] = {'\\', 'u', '0', '0', kHex[c >> 4], kHex[c & 0xF]};
          out.append(esc, 6);
        }
      }
      ++i;
    }
    run = i;
  }
  out.append(text.data() + run, n - run);
  out += '"';
}

/// One JSON object being written at nesting `indent` (spaces before its closing brace).
class ObjectWriter {
 public:
  ObjectWriter(std::string& out, std::size_t indent) : out_(out), indent_(indent) {}

  /// Start a member: `"key": ` on its own line; the caller writes the value.
  std::string& key(std::string_view name) {
    out_ += count_ == 0 ? "{\n" : ",\n";
    if (count_ < known_.size()) known_[count_] = name;
    ++count_;
    out_.append(indent_ + 2, ' ');
    append_string(out_, name);
    out_ += ": ";
    return out_;
  }

  void string(std::string_view name, std::string_view value) { append_string(key(name), value); }
  void string_if(std::string_view name, std::string_view value) {
    if (!value.empty()) string(name, value);
  }
  void integer(std::string_view name, std::int64_t value) {
    char buffer[24];
    const auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
    key(name).append(buffer, static_cast<std::size_t>(result.ptr - buffer));
  }
  void strings_if(std::string_view name, const std::vector<std::string>& values) {
    if (values.empty()) return;
    key(name) += '[';
    const std::size_t inner = indent_ + 4;
    for (std::size_t i = 0; i < values.size(); ++i) {
      out_ += i == 0 ? "\n" : ",\n";
      out_.append(inner, ' ');
      append_string(out_, values[i]);
    }
    out_ += '\n';
    out_.append(indent_ + 2, ' ');
    out_ += ']';
  }
  void calendar(Calendar calendar) {
    if (calendar == Calendar::Julian) string("calendar", "julian");
  }
  void acknowledged(const std::vector<Acknowledgement>& acks) {
    if (acks.empty()) return;
    key("acknowledged") += '[';
    for (std::size_t i = 0; i < acks.size(); ++i) {
      out_ += i == 0 ? "\n" : ",\n";
      out_.append(indent_ + 4, ' ');
      ObjectWriter item(out_, indent_ + 4);
      item.string("rule", acks[i].rule);
      item.string_if("reason", acks[i].reason);
      item.close();
    }
    out_ += '\n';
    out_.append(indent_ + 2, ' ');
    out_ += ']';
  }

  /// Unknown fields after the known ones, keys sorted; a key already written is skipped.
  /// Values go through the same parse/dump round trip as the tree-building writer did.
  void extra(const ExtraFields& extra, const std::string& what) {
    if (extra.empty()) return;
    const json parsed = json::parse(extra, nullptr, false);
    if (!parsed.is_object()) throw Error(what + ": extra fields are not a JSON object: " + quote(extra));
    for (const auto& [name, value] : parsed.items()) {
      if (written(name)) continue;
      key(name);
      json_value(value);
      extra_keys_.push_back(name);
    }
  }

  /// A value after its key(), as the tree-building writer dumped it (parse/dump round trip).
  void json_value(const json& value) {
    const std::string text = ojson::parse(value.dump(-1, ' ', false, json::error_handler_t::replace))
                                 .dump(2, ' ', false, ojson::error_handler_t::replace);
    // Raw newlines in a dump are structural only (a string's are escaped): indent them.
    std::size_t from = 0;
    for (std::size_t nl = text.find('\n'); nl != std::string::npos; nl = text.find('\n', from)) {
      out_.append(text, from, nl + 1 - from);
      out_.append(indent_ + 2, ' ');
      from = nl + 1;
    }
    out_.append(text, from, std::string::npos);
  }

  void close() {
    if (count_ == 0) {
      out_ += "{}";
      return;
    }
    out_ += '\n';
    out_.append(indent_, ' ');
    out_ += '}';
  }

 private:
  bool written(std::string_view name) const {
    for (std::size_t i = 0; i < std::min(count_, known_.size()); ++i) {
      if (known_[i] == name) return true;
    }
    return std::find(extra_keys_.begin(), extra_keys_.end(), name) != extra_keys_.end();
  }

  std::string& out_;
  std::size_t indent_;
  std::size_t count_ = 0;
  std::array<std::string_view, 16> known_{};  // names of the known fields written (all fit)
  std::vector<std::string> extra_keys_;       // names of the extra fields written
};

void write_entity(ObjectWriter& o, const Entity& e) {
  o.string("id", e.id);
  o.string("name", e.name);
  o.string("kind", to_string(e.kind));
  o.strings_if("aliases", e.aliases);
  o.string_if("start", e.start);
  o.string_if("end", e.end);
  o.calendar(e.calendar);
  o.string_if("notes", e.notes);
  o.acknowledged(e.acknowledged);
  if (!e.in_branches.empty()) {
    o.key("in_branches");
    o.json_value(detail::overrides_to_json(e.in_branches));
  }
  if (!e.extra.empty()) o.extra(e.extra, "entity " + e.id);
}

void write_entry(ObjectWriter& o, std::string& out, const Entry& e) {
  o.string("id", e.id);
  o.string_if("date", e.date);
  o.string("title", e.title);
  o.string_if("body", e.body);
  o.strings_if("tags", e.tags);
  o.string_if("otl", e.otl);
  o.string_if("notes", e.notes);
  o.calendar(e.calendar);
  if (e.series) {
    o.key("series");
    ObjectWriter s(out, 6);
    s.string("name", e.series->name);
    s.integer("number", e.series->number);
    s.close();
  }
  o.acknowledged(e.acknowledged);
  o.string_if("branch", e.branch);
  if (!e.extra.empty()) o.extra(e.extra, "entry " + e.id);
}

void write_relation(ObjectWriter& o, const Relation& r) {
  o.string("from", r.from);
  o.string("type", to_string(r.type));
  o.string("to", r.to);
  if (!r.extra.empty()) o.extra(r.extra, "relation " + r.from + " " + to_string(r.type) + " " + r.to);
}

std::size_t size_estimate(const Document& doc) {
  std::size_t n = 256 + doc.title.size() + doc.description.size() + doc.extra.size();
  for (const Entity& e : doc.entities) {
    n += 160 + e.id.size() + e.name.size() + e.start.size() + e.end.size() + e.notes.size() + e.extra.size();
    for (const std::string& a : e.aliases) n += 12 + a.size();
  }
  for (const Entry& e : doc.entries) {
    n += 200 + e.id.size() + e.date.size() + e.title.size() + e.body.size() + e.otl.size() + e.notes.size() +
         e.extra.size();
    for (const std::string& t : e.tags) n += 12 + t.size();
    if (e.series) n += 80 + e.series->name.size();
  }
  for (const Relation& r : doc.relations) n += 100 + r.from.size() + r.to.size() + r.extra.size();
  return n + n / 32;  // some room for escapes
}

}  // namespace

Document read_interchange_json(std::string_view text) {
  // Plain files (nearly all) take simdjson's fast path; anything special, this file's full reader.
  if (auto fast = detail::read_interchange_json_fast(text)) return std::move(*fast);
  return detail::read_interchange_json_full(text);
}

Document detail::read_interchange_json_full(std::string_view text) { return read_document(parse_json(text)); }

Document read_interchange_file(const std::filesystem::path& path) {
  // A regular file only (never a FIFO or device, which would block or never end), and no larger
  // than 1 GiB or what this machine can hold: checked before anything is read.
  std::optional<InputFile> in;
  try {
    in.emplace(path, std::min<std::uint64_t>(kMaxFileSize, input_size_limit()));
  } catch (const Error& e) {
    throw ImportError(std::string("cannot read ") + e.what());
  }
  // Read in one piece into a buffer the file fills (not zeroed first), with the zeroed padding
  // simdjson reads past the end: no regrowing buffer, no padded copy of 100 MB by the parser.
  std::size_t got = static_cast<std::size_t>(in->size());
  std::unique_ptr<char[]> buffer(new char[got + detail::kJsonPadding]);
  try {
    got = in->read(buffer.get(), got);
    char probe = 0;
    if (in->read(&probe, 1) == 1) {  // the file grew since it was opened: read the rest, within the limit
      std::string text(buffer.get(), got);
      text += probe;
      text += in->read_all();
      got = text.size();
      buffer.reset(new char[got + detail::kJsonPadding]);
      std::memcpy(buffer.get(), text.data(), got);
    }
  } catch (const ImportError&) {
    throw;
  } catch (const Error& e) {
    throw ImportError(std::string("cannot read ") + e.what());
  }
  std::memset(buffer.get() + got, 0, detail::kJsonPadding);
  const std::string_view json(buffer.get(), got);
  if (auto fast = detail::read_interchange_json_fast(json, /*padded=*/true)) return std::move(*fast);
  return detail::read_interchange_json_full(json);
}

/// The writer's place in the document: which top-level array is open, how many items it has.
struct InterchangeWriter::State {
  enum class Section { Entities, Entries, Relations, Done };

  State(std::string& text) : out(text), top(text, 0) {}

  /// A new item of the open array, after closing any array before `section` (empty ones as []).
  ObjectWriter item(Section section) {
    if (section < open) throw Error("interchange writer: items given out of section order");
    advance_to(section);
    out += items++ == 0 ? "\n    " : ",\n    ";
    return ObjectWriter(out, 4);
  }

  void advance_to(Section section) {
    while (open < section) {
      out += items == 0 ? "]" : "\n  ]";
      items = 0;
      open = static_cast<Section>(static_cast<int>(open) + 1);
      if (open == Section::Entries) top.key("entries") += '[';
      if (open == Section::Relations) top.key("relations") += '[';
    }
  }

  std::string& out;
  ObjectWriter top;
  Section open = Section::Entities;
  std::size_t items = 0;  // in the open array
};

InterchangeWriter::InterchangeWriter(std::string& out, std::string_view title, std::string_view description)
    : state_(std::make_unique<State>(out)) {
  ObjectWriter& top = state_->top;
  top.string("format", kFormat);
  top.integer("version", kVersion);
  top.string_if("title", title);
  top.string_if("description", description);
  top.key("entities") += '[';
}

InterchangeWriter::~InterchangeWriter() = default;

void InterchangeWriter::entity(const Entity& entity) {
  ObjectWriter o = state_->item(State::Section::Entities);
  write_entity(o, entity);
  o.close();
}

void InterchangeWriter::entry(const Entry& entry) {
  ObjectWriter o = state_->item(State::Section::Entries);
  write_entry(o, state_->out, entry);
  o.close();
}

void InterchangeWriter::relation(const Relation& relation) {
  ObjectWriter o = state_->item(State::Section::Relations);
  write_relation(o, relation);
  o.close();
}

void InterchangeWriter::finish(const ExtraFields& document_extra) {
  state_->advance_to(State::Section::Done);
  state_->top.extra(document_extra, "document");
  state_->top.close();
  // UTF-8 out (not \u-escaped); bytes that are not UTF-8 (only possible in a document built in
  // memory, never in one read from JSON) become U+FFFD instead of failing the export.
  state_->out += '\n';
}

std::string write_interchange_json(const Document& input) {
  Document doc = input;
  sort_for_export(doc);

  std::string out;
  out.reserve(size_estimate(doc));
  InterchangeWriter writer(out, doc.title, doc.description);
  for (const Entity& e : doc.entities) writer.entity(e);
  for (const Entry& e : doc.entries) writer.entry(e);
  for (const Relation& r : doc.relations) writer.relation(r);
  // The branch fields go with the document's unknown fields, keys sorted, as the store's streamed
  // export writes them (it keeps them in the same place): one text for both.
  writer.finish(detail::document_extra_with_branches(doc));
  return out;
}

}  // namespace uch
