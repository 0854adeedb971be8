// Wording shared by the rules: dates in human form after a verb, entity verbs per kind.
#include <cctype>

#include "check/rule.hpp"

namespace uch::checks {

std::string human_date(std::string_view text, Calendar calendar) {
  std::string human = format_human(text, calendar);
  return human.empty() ? std::string(text) : human;
}

std::string date_phrase(std::string_view text, const DateRec& info, Calendar calendar) {
  std::string human = human_date(text, calendar);
  if (human.empty()) return human;
  const unsigned char first = static_cast<unsigned char>(human[0]);
  if (std::isdigit(first)) {
    const bool single_day = !info.interval && info.precision == Precision::Day;
    return (single_day ? "on " : "in ") + human;
  }
  if (std::isupper(first)) return "in " + human;  // "June 1907"
  static const char* const kIn[] = {"the ", "spring", "summer", "autumn", "fall", "winter", "early", "mid", "late"};
  for (const char* word : kIn) {
    if (human.rfind(word, 0) == 0) return "in " + human;
  }
  return human;  // "c. 1920", "from 1985", "before 1900"...
}

const char* end_verb(EntityKind kind) {
  switch (kind) {
    case EntityKind::Person:
      return "died";
    case EntityKind::Organisation:
      return "was dissolved";
    default:
      return "ended";
  }
}

const char* start_verb(EntityKind kind) {
  switch (kind) {
    case EntityKind::Person:
      return "was born";
    case EntityKind::Organisation:
      return "was founded";
    default:
      return "began";
  }
}

std::string quoted(const ItemRec& item) {
  if (item.title().empty()) return std::string(item.id());
  std::string text = "\"";
  text += item.title();
  text += '"';
  return text;
}

std::string date_error(const DateInfo& info, std::string_view text) {
  std::string error = info.error;
  if (error.rfind(std::string(text) + ": ", 0) == 0) error.erase(0, text.size() + 2);
  if (error.empty()) error = "not an EDTF date";
  return error;
}

const char* field_name(LinkField field) {
  switch (field) {
    case LinkField::Body:
      return "body";
    case LinkField::Otl:
      return "OTL note";
    case LinkField::Notes:
      return "notes";
    case LinkField::Description:
      return "description";
  }
  return "text";
}

}  // namespace uch::checks
