// What a full check reads of a document: its items without their text fields, and the [[links]]
// of those fields. A document's store keeps every link (its target as written), so a check of a
// stored document reads them from there instead of reading and parsing every body again.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "uchronia/links.hpp"
#include "uchronia/model.hpp"

namespace uch {

/// Every link of a document's text fields, by item, without the texts. Items are numbered as the
/// Document lists them: its entities, then its entries, then the document description (one more).
struct DocumentLinks {
  struct Link {
    std::uint32_t at = 0, size = 0;  // the target as written: bytes of `targets`
    LinkField field = LinkField::Body;
  };
  std::string targets;               // every target, back to back
  std::vector<Link> links;           // item by item; an item's in text order (an entry's: body, otl, notes)
  std::vector<std::uint32_t> first;  // per item: index of its first link; one more at the end

  std::string_view target(const Link& link) const { return {targets.data() + link.at, link.size}; }
  std::span<const Link> of(std::size_t item) const {
    return {links.data() + first[item], links.data() + first[item + 1]};
  }
  std::size_t items() const { return first.empty() ? 0 : first.size() - 1; }
  /// Building: start(0), then each item's links, each item closed by start(next item).
  void add(std::string_view target, LinkField field);
  void start_item() { first.push_back(static_cast<std::uint32_t>(links.size())); }
};

/// The links of a document as its texts hold them (parse_links of every text field).
DocumentLinks links_of(const Document& doc);

/// A check's input: the document with its text fields (bodies, otl, notes, description) left
/// empty, and their links.
struct CheckInput {
  Document doc;
  DocumentLinks links;
};

}  // namespace uch
