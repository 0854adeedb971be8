// The interchange JSON (spec section 1): read with full validation, write deterministically.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

#include "uchronia/model.hpp"

namespace uch {

/// Raised for any problem in an input file; what() names the JSON path
/// ("entries[3].date: ...") and, for a syntax error, line and column.
struct ImportError : Error {
  using Error::Error;
};

/// Parse and validate interchange JSON. All-or-nothing: throws ImportError on the
/// first problem (format/version, types, required fields, ids, duplicate ids,
/// unknown relation types or entity kinds). Date strings are NOT validated here
/// (invalid dates are findings of `check`, not import errors).
Document read_interchange_json(std::string_view text);
Document read_interchange_file(const std::filesystem::path& path);

/// Deterministic export: sorted as the spec says, 2-space indentation, trailing newline;
/// unknown fields written back. Same document -> byte-identical text.
std::string write_interchange_json(const Document& doc);

}  // namespace uch
