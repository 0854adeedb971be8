// What the date field says as the writer types: "26 June 1907, exact", or in red why not.
#include "date_feedback.hpp"

#include "uchronia/date.hpp"

namespace uch::app {
namespace {

const char* precision_word(const DateInfo& info) {
  if (info.interval) return "interval";
  if (info.approximate && info.uncertain) return "approximate, uncertain";
  if (info.approximate) return "approximate";
  if (info.uncertain) return "uncertain";
  switch (info.precision) {
    case Precision::Day: return "exact";
    case Precision::Month: return "to the month";
    case Precision::Year: return "to the year";
    case Precision::Season: return "season";
    case Precision::Decade: return "decade";
    case Precision::Century: return "century";
    case Precision::Other: return "partly unspecified";
  }
  return "";
}

}  // namespace

DateFeedback describe_typed_date(const std::string& typed, bool julian) {
  if (typed.find_first_not_of(" \t") == std::string::npos) return {true, "undated draft"};
  const TypedDate date = read_typed_date(typed, julian ? Calendar::Julian : Calendar::Gregorian);
  if (!date.ok) return {false, date.error};
  DateInfo info = parse_edtf(date.stored, date.calendar);
  if (!info.valid) return {false, info.error};
  std::string text = format_human(date.stored, date.calendar) + ", " + precision_word(info);
  if (date.stored != typed) text += "   (" + date.stored + (date.calendar == Calendar::Julian ? ", Old Style" : "") + ")";
  return {true, text};
}

}  // namespace uch::app
