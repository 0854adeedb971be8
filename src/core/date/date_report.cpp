// The `uchronia date` report (spec section 7): one JSON line or a readable text form, for EDTF and typed forms.
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

// Length of the valid UTF-8 sequence at s[i], or 0 when the byte there does not start one.
std::size_t utf8_len(std::string_view s, std::size_t i) {
  const auto b = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
  const unsigned char c = b(i);
  std::size_t n;
  unsigned char lo = 0x80, hi = 0xBF;  // allowed range of the second byte
  if (c >= 0xC2 && c <= 0xDF) n = 2;
  else if (c >= 0xE0 && c <= 0xEF) {
    n = 3;
    if (c == 0xE0) lo = 0xA0;        // no overlong forms
    else if (c == 0xED) hi = 0x9F;   // no surrogates
  } else if (c >= 0xF0 && c <= 0xF4) {
    n = 4;
    if (c == 0xF0) lo = 0x90;
    else if (c == 0xF4) hi = 0x8F;   // nothing past U+10FFFF
  } else {
    return 0;
  }
  if (i + n > s.size()) return 0;
  if (b(i + 1) < lo || b(i + 1) > hi) return 0;
  for (std::size_t k = 2; k < n; ++k)
    if (b(i + k) < 0x80 || b(i + k) > 0xBF) return 0;
  return n;
}

// A JSON string literal; invalid UTF-8 bytes become U+FFFD.
void json_string(std::string& out, std::string_view s) {
  static const char* const kHex = "0123456789abcdef";
  out += '"';
  for (std::size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      switch (c) {
        case '"': out += "\\\""; break;
        case '\\': out += "\\\\"; break;
        case '\n': out += "\\n"; break;
        case '\r': out += "\\r"; break;
        case '\t': out += "\\t"; break;
        case '\b': out += "\\b"; break;
        case '\f': out += "\\f"; break;
        default:
          if (c < 0x20 || c == 0x7F) {
            out += "\\u00";
            out += kHex[c >> 4];
            out += kHex[c & 15];
          } else {
            out += static_cast<char>(c);
          }
      }
      ++i;
      continue;
    }
    const std::size_t n = utf8_len(s, i);
    if (n == 0) {
      out += "\xEF\xBF\xBD";
      ++i;
    } else {
      out.append(s.substr(i, n));
      i += n;
    }
  }
  out += '"';
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
