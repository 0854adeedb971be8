// Entry ids made from titles, for the Markdown and draft importers.
#include <cctype>

#include "publish/publish_internal.hpp"

namespace uch::publish_detail {

std::string slugify(std::string_view title) {
  std::string slug;
  for (char ch : title) {
    const unsigned char c = static_cast<unsigned char>(ch);
    if (std::isalnum(c) && c < 0x80) {
      slug += static_cast<char>(std::tolower(c));
    } else if (c < 0x80 || (c & 0xC0) == 0xC0) {
      if (!slug.empty() && slug.back() != '-') slug += '-';
    }
  }
  while (!slug.empty() && slug.back() == '-') slug.pop_back();
  if (slug.size() > 48) {
    slug.resize(48);
    const std::size_t dash = slug.rfind('-');
    if (dash != std::string::npos && dash > 24) slug.resize(dash);
    while (!slug.empty() && slug.back() == '-') slug.pop_back();
  }
  return slug.empty() ? "entry" : slug;
}

}  // namespace uch::publish_detail
