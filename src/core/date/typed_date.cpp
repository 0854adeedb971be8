// How a date typed into a field is stored: one rule for the editor's fields and the CLI's `set`.
#include "uchronia/date.hpp"

namespace uch {

TypedDate read_typed_date(std::string_view text, Calendar current) {
  TypedDate out;
  out.calendar = current;
  if (text.find_first_not_of(" \t") == std::string_view::npos) {  // blank: an undated draft
    out.ok = true;
    return out;
  }
  const NaturalDate n = parse_natural(text, current);
  if (n.ok) {
    out.ok = true;
    out.stored = n.edtf;
    if (n.julian) out.calendar = Calendar::Julian;
    return out;
  }
  const DateInfo edtf = parse_edtf(text, current);  // EDTF the human reader does not cover
  if (edtf.valid) {
    out.ok = true;
    out.stored = std::string(text);
    return out;
  }
  out.stored = std::string(text);
  out.error = n.error.empty() ? edtf.error : n.error;
  return out;
}

std::string date_in_words(std::string_view stored, Calendar calendar) {
  if (stored.empty()) return {};
  std::string words = format_human(stored, calendar);
  const TypedDate back = read_typed_date(words, calendar);
  if (back.ok && back.stored == stored && back.calendar == calendar) return words;
  return std::string(stored);
}

}  // namespace uch
