// [[links]] in Markdown text fields, and resolving their targets (spec section 3).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "uchronia/model.hpp"
#include "uchronia/string_interner.hpp"

namespace uch {

/// One `[[target]]` or `[[target|label]]` occurrence; offsets are bytes into the text.
struct Link {
  std::string target;   // trimmed, as written
  std::string label;    // the label, or the target when none
  std::size_t begin = 0;  // offset of "[["
  std::size_t end = 0;    // offset just past "]]"
};

/// Every link in a text, in order. Never throws; malformed brackets are plain text:
/// `[[]]`, an empty (after trimming) target, a newline before `]]`, no `]]`. When `[[`
/// repeats before `]]`, the last one opens the link (`[[[a]]` links `a`). The target ends
/// at the first `|`; target and label are trimmed; an empty label is the target. Linear time.
std::vector<Link> parse_links(std::string_view text);

/// A link as views into the parsed text (valid as long as the text is); same rules as Link.
struct LinkView {
  std::string_view target;  // trimmed, as written
  std::string_view label;   // the label, or the target when none
  std::size_t begin = 0;    // offset of "[["
  std::size_t end = 0;      // offset just past "]]"
};
/// parse_links without copies or allocation (beyond `out` growing): appends the links of
/// `text` to `out`, in order.
void parse_links(std::string_view text, std::vector<LinkView>& out);

/// Case folding for matching names: Unicode-aware for Latin, Greek and Cyrillic, trims spaces.
std::string fold_name(std::string_view text);
/// fold_name into `out` (its previous content replaced), reusing its capacity.
void fold_name(std::string_view text, std::string& out);

/// Which text field a link sits in (a link in `otl` never raises ref.outside-lifespan).
enum class LinkField { Body, Otl, Notes, Description };
const char* to_string(LinkField field);

/// The names a [[link]] finds an item by (replacing `out`'s content): an entry's id and title, an
/// entity's id, name and aliases. A link names an item when fold_name of its target equals
/// fold_name of one of them: the one rule of link resolution, which LinkResolver, the checker's
/// index and the store's link tables (item_key) all apply through this function.
void names_of(const Entry& entry, std::vector<std::string_view>& out);
void names_of(const Entity& entity, std::vector<std::string_view>& out);
/// The same for an item's fields read without building it (an entry has no aliases).
void names_of(std::string_view id, std::string_view title_or_name, const std::vector<std::string>& aliases,
              std::vector<std::string_view>& out);

/// Resolves link targets against a document: entity id, name, alias; entry id, title (names_of).
class LinkResolver {
 public:
  LinkResolver() = default;
  explicit LinkResolver(const Document& doc);
  /// Adding an id that is already known replaces that item's keys (an update).
  void add_entry(const Entry& entry);
  void add_entity(const Entity& entity);
  void remove_item(std::string_view id);  // forgets every key of that item
  /// Ids of every distinct item the target matches (0: dangling, >1: ambiguous), sorted.
  std::vector<std::string> resolve(std::string_view target) const;
  /// The id of the one item the target matches; "" when it matches none or several. Constant time
  /// however many items share the target (resolve() lists them all).
  std::string resolve_one(std::string_view target) const;

 private:
  static constexpr std::uint32_t kNone = StringInterner::kNone;
  // Ids and folded keys are interned together (an id can also be a key); per string, what it
  // is to the resolver. Everything is flat.
  struct Meta {
    std::uint32_t keys_at = 0, keys_count = 0;  // as an item id: its keys in keys_pool_
    std::uint32_t head = kNone;                 // as a key: first node of its items
    bool is_item = false;                       // an item with this id is known
  };
  struct Node {
    std::uint32_t item, next;  // item: a string id
  };
  StringInterner strings_;
  std::vector<Meta> meta_;                // by string id
  std::vector<std::uint32_t> keys_pool_;  // key string ids, per item a range
  std::vector<Node> nodes_;               // item lists of keys
  std::uint32_t free_node_ = kNone;
  std::size_t live_keys_ = 0;             // pool entries of known items (the rest is garbage)
  std::string scratch_;                   // folding buffer

  std::uint32_t intern(std::string_view text);  // and its Meta
  void compact_keys();
  template <class Keys>
  void add_item(std::string_view id, const Keys& raw_keys);
};

}  // namespace uch
