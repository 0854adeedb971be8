// The `uchronia date` report (spec section 7): one JSON line or a readable text form, for EDTF and typed forms.
#include <nlohmann/json.hpp>
#include <string>

#include "date_internal.hpp"

namespace uch {
namespace {

// What a report says about one input: the EDTF it was read as (empty when unreadable) and its meaning.
struct Reading {
  DateInfo info;
  std::string edtf;
  bool julian = false;
};

Reading read(std::string_view input, Calendar calendar) {
  Reading r;
  r.info = parse_edtf(input, calendar);
  r.julian = calendar == Calendar::Julian;
  if (r.info.valid) {
    r.edtf = std::string(input);
    return r;
  }
  const NaturalDate nd = parse_natural(input, calendar);
  if (nd.ok) {
    r.julian = nd.julian;
    r.edtf = nd.edtf;
    r.info = parse_edtf(nd.edtf, nd.julian ? Calendar::Julian : Calendar::Gregorian);
    return r;
  }
  r.info.error = nd.error;
  r.info.range_reversed = nd.range_reversed;
  return r;
}

// A JSON string literal (nlohmann's: invalid UTF-8 becomes U+FFFD, as everywhere the core writes JSON).
void json_string(std::string& out, std::string_view s) {
  out += nlohmann::json(s).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

void json_bool(std::string& out, bool b) { out += b ? "true" : "false"; }

void json_bound(std::string& out, bool valid, bool unbounded, DayNumber d) {
  if (!valid || unbounded) {
    out += "null";
    return;
  }
  out += '"';
  out += iso_day(d);
  out += '"';
}

}  // namespace

std::string date_report_json(std::string_view input, Calendar calendar) {
  const Reading r = read(input, calendar);
  const DateInfo& i = r.info;
  std::string out = "{\"input\": ";
  json_string(out, input);
  out += ", \"valid\": ";
  json_bool(out, i.valid);
  out += ", \"lower\": ";
  json_bound(out, i.valid, i.lower_unbounded, i.lower);
  out += ", \"upper\": ";
  json_bound(out, i.valid, i.upper_unbounded, i.upper);
  out += ", \"uncertain\": ";
  json_bool(out, i.valid && i.uncertain);
  out += ", \"approximate\": ";
  json_bool(out, i.valid && i.approximate);
  out += ", \"interval\": ";
  json_bool(out, i.valid && i.interval);
  out += ", \"error\": ";
  if (i.valid) out += "null";
  else json_string(out, i.error);
  // Additions after the contract's keys.
  out += ", \"edtf\": ";
  if (i.valid) json_string(out, r.edtf);
  else out += "null";
  out += ", \"human\": ";
  if (i.valid) json_string(out, format_human(r.edtf, r.julian ? Calendar::Julian : Calendar::Gregorian));
  else out += "null";
  out += ", \"julian\": ";
  json_bool(out, r.julian);
  out += ", \"range_reversed\": ";
  json_bool(out, i.range_reversed);
  out += '}';
  return out;
}

std::string date_report_text(std::string_view input, Calendar calendar) {
  const Reading r = read(input, calendar);
  const DateInfo& i = r.info;
  if (!i.valid) return "invalid date: " + i.error;
  std::string out = format_human(r.edtf, r.julian ? Calendar::Julian : Calendar::Gregorian);
  out += "  (EDTF ";
  out += r.edtf;
  if (r.julian) out += ", Julian calendar";
  out += ")\n  days ";
  out += i.lower_unbounded ? std::string("..") : iso_day(i.lower);
  out += " to ";
  out += i.upper_unbounded ? std::string("..") : iso_day(i.upper);
  if (r.julian) out += " (Gregorian)";
  if (i.uncertain) out += ", uncertain";
  if (i.approximate) {
    out += ", approximate (compared as ";
    out += i.lower_unbounded ? std::string("..") : iso_day(i.cmp_lower);
    out += " to ";
    out += i.upper_unbounded ? std::string("..") : iso_day(i.cmp_upper);
    out += ")";
  }
  return out;
}

}  // namespace uch
