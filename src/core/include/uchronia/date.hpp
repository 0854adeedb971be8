// Dates: EDTF level 0-2 parsing, bounds as day numbers, certain comparisons,
// Julian (Old Style) conversion, human display and the forms writers type.
// Contract: docs/interchange-v1.md sections 2 and 7.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace uch {

/// A whole day of the proleptic Gregorian calendar, counted from 1970-01-01 = 0.
/// 64 bits so that long years (Y170000002) never overflow.
using DayNumber = std::int64_t;

/// Sentinels for an unbounded side (open `..` or unknown empty end).
inline constexpr DayNumber kUnboundedLow = INT64_MIN / 4;
inline constexpr DayNumber kUnboundedHigh = INT64_MAX / 4;

enum class Calendar { Gregorian, Julian };

/// Proleptic Gregorian day number of a civil date; year is astronomical (0 = 1 BC).
DayNumber days_from_civil(std::int64_t year, int month, int day);
struct CivilDate { std::int64_t year; int month; int day; };
CivilDate civil_from_days(DayNumber days);
/// Julian-calendar civil date -> Gregorian day number, and back.
DayNumber days_from_julian(std::int64_t year, int month, int day);
CivilDate julian_from_days(DayNumber days);
/// ISO day text with astronomical year, at least 4 digits, '-' when negative: "-0479-01-01".
std::string iso_day(DayNumber days);

/// Which kind of precision one date (or one end of an interval) has.
enum class Precision { Year, Month, Day, Season, Decade, Century, Other };

/// What a parsed EDTF string means. Valid or not; when not, `error` says what and where.
struct DateInfo {
  bool valid = false;
  /// Interval whose end is certainly before its start (valid==false then);
  /// `check` reports it as date.range-reversed instead of date.invalid.
  bool range_reversed = false;
  std::string error;             // "1985-02-30: February 1985 has 28 days"
  DayNumber lower = 0;           // first day (kUnboundedLow when open)
  DayNumber upper = 0;           // last day (kUnboundedHigh when open/unknown)
  bool lower_unbounded = false;
  bool upper_unbounded = false;
  bool uncertain = false;        // '?' or '%' anywhere
  bool approximate = false;      // '~' or '%' anywhere
  bool interval = false;         // contains '/'
  /// Bounds used for comparisons only: approximate parts widened by one unit of
  /// their precision on each side (spec section 2). Equal to lower/upper otherwise.
  DayNumber cmp_lower = 0;
  DayNumber cmp_upper = 0;
  Precision precision = Precision::Day;  // of the start (or the single date)
};

/// Parse an EDTF level 0-2 string (sets: bounds from the earliest lower to the latest upper bound of a member). With Calendar::Julian, the written dates are
/// Julian and the bounds are the equivalent Gregorian days. Never throws.
DateInfo parse_edtf(std::string_view text, Calendar calendar = Calendar::Gregorian);

/// Certain comparisons (spec section 2): true only when the comparison bounds do not overlap.
bool certainly_before(const DateInfo& a, const DateInfo& b);   // a ends before b starts
bool certainly_after(const DateInfo& a, const DateInfo& b);    // a starts after b ends
/// a certainly lies outside b's span (for `during`): a is certainly before or certainly after b.
bool certainly_outside(const DateInfo& a, const DateInfo& b);

/// Human display in English: "26 June 1907", "c. 1920", "spring 1920", "the 1910s",
/// "480 BC", "1917–1922", "from 1985". Julian items show dual dates:
/// "25 October [7 November] 1917". Invalid input is returned unchanged.
std::string format_human(std::string_view edtf, Calendar calendar = Calendar::Gregorian);

/// A sort key for ordering entries: (lower, upper) with undated last.
struct DateSortKey {
  DayNumber lower = kUnboundedHigh;
  DayNumber upper = kUnboundedHigh;
  bool dated = false;
  auto operator<=>(const DateSortKey&) const = default;
};
DateSortKey sort_key(const DateInfo& info);

/// What a writer typed ("26 June 1907", "c. 1920", "early 1922", "480 BC",
/// "25 October 1917 OS", or plain EDTF) turned into EDTF.
struct NaturalDate {
  bool ok = false;
  std::string edtf;          // canonical EDTF when ok
  bool julian = false;       // the text said Old Style ("OS", "O.S.", "Old Style")
  std::string error;         // why not, e.g. "04/05/1920 is ambiguous: type 1920-05-04 or 1920-04-05"
  /// Added: the text was an interval whose end is certainly before its start (date.range-reversed).
  bool range_reversed = false;
};
NaturalDate parse_natural(std::string_view text);
/// Added: the same, reading the dates as `calendar` dates (Calendar::Julian: as if marked Old Style;
/// the result's julian is then true). Validity (29 February 1700) follows that calendar.
NaturalDate parse_natural(std::string_view text, Calendar calendar);

/// A date typed into an item's date field, read the one way every front end (editor, CLI) reads it.
struct TypedDate {
  bool ok = false;            // false: neither EDTF nor a form writers type; `error` says why
  std::string stored;         // what the field holds: "" for blank, canonical EDTF, or (not ok) the text as typed
  Calendar calendar = Calendar::Gregorian;  // the item's calendar afterwards: Julian when the text said Old Style
  std::string error;
};
/// `current` is the item's calendar now: the date is read in it, and "OS" in the text makes it Julian
/// (an item has one calendar, so Old Style on one date marks the whole item).
TypedDate read_typed_date(std::string_view text, Calendar current);

/// What a date field shows once its date is stored: the date in words ("c. 1930", "summer 1907",
/// "25 October [7 November] 1917") when read_typed_date reads those words back to the same EDTF and
/// calendar, so that leaving the field alone changes nothing; else the stored text itself.
std::string date_in_words(std::string_view stored, Calendar calendar);

/// A person's age in whole years at a date: from the latest possible birth to the earliest day of
/// `at` (min), and from the earliest birth to the last day of `at` (max); equal when both are exact
/// days. Nothing when a bound is open or the person is certainly not yet born.
struct AgeRange {
  std::int64_t min = 0, max = 0;
};
std::optional<AgeRange> age_at(const DateInfo& birth, const DateInfo& at);
/// "44", or "43–44" for a range.
std::string format_age(const AgeRange& age);

/// One line of `uchronia date --format json` (spec section 7).
std::string date_report_json(std::string_view input, Calendar calendar = Calendar::Gregorian);
/// Text form of the same: human form, bounds, EDTF.
std::string date_report_text(std::string_view input, Calendar calendar = Calendar::Gregorian);

}  // namespace uch
