// The interchange JSON (spec section 1): read with full validation, write deterministically.
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>

#include "uchronia/model.hpp"

namespace uch {

/// The `format` and highest `version` this program reads and writes.
inline constexpr std::string_view kInterchangeFormat = "uchronia-timeline";
inline constexpr std::int64_t kInterchangeVersion = 1;
/// Deepest nesting of JSON arrays/objects accepted on import (deeper: ImportError).
inline constexpr std::size_t kInterchangeMaxDepth = 64;

/// Raised for any problem in an input file; what() names the JSON path
/// ("entries[3].date: ...") and, for a syntax error, line and column.
struct ImportError : Error {
  using Error::Error;
};

/// Parse and validate interchange JSON. Besides the spec's rules it refuses: duplicate keys
/// in an object, a relation repeated with the same (from, type, to), a NUL character in a
/// text field, nesting deeper than kInterchangeMaxDepth. Unknown fields of the document,
/// entities, entries and relations are kept in `extra`; those of a series or an
/// acknowledgement are ignored. An empty `date` is the same as none (undated). All-or-nothing: throws ImportError on the
/// first problem (format/version, types, required fields, ids, duplicate ids,
/// unknown relation types or entity kinds). Date strings are NOT validated here
/// (invalid dates are findings of `check`, not import errors).
Document read_interchange_json(std::string_view text);
Document read_interchange_file(const std::filesystem::path& path);

/// Deterministic export: sorted as the spec says, 2-space indentation, trailing newline;
/// unknown fields written back. Same document -> byte-identical text.
/// Details: UTF-8 (not \u-escaped); fields in the order of the spec's example, each item's
/// unknown fields after its known ones (keys sorted, a key that names a known field skipped);
/// empty optional fields omitted: "" strings (so an undated entry has no "date"), empty
/// arrays, `calendar` when gregorian, `reason` of an acknowledgement when ""; `entities`,
/// `entries` and `relations` are always written, `[]` when empty. Throws uch::Error only
/// when an `extra` is not JSON object text (a programming error: import never makes one).
/// Bytes that are not UTF-8 (possible only in a document built in memory) become U+FFFD.
std::string write_interchange_json(const Document& doc);

/// write_interchange_json item by item, for a producer that already has the items in export
/// order (sort_for_export's) and need not hold them all at once: the store streams its rows
/// into it. Give every entity, then every entry, then every relation, then finish(); the text
/// is the same as write_interchange_json's for the document made of those items.
class InterchangeWriter {
 public:
  /// Appends to `out`, starting with the header fields.
  InterchangeWriter(std::string& out, std::string_view title, std::string_view description);
  ~InterchangeWriter();
  InterchangeWriter(const InterchangeWriter&) = delete;
  InterchangeWriter& operator=(const InterchangeWriter&) = delete;

  void entity(const Entity& entity);
  void entry(const Entry& entry);
  void relation(const Relation& relation);
  /// Closes the arrays and the document, the document's unknown fields last; `out` is complete.
  void finish(const ExtraFields& document_extra);

 private:
  struct State;
  std::unique_ptr<State> state_;
};

}  // namespace uch
