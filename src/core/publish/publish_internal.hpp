// Private to the publish component: cmark-gfm helpers, escaping, and [[link]] rendering shared by every format.
#pragma once

#include <cmark-gfm.h>

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "model/utf8.hpp"
#include "uchronia/links.hpp"
#include "uchronia/model.hpp"
#include "uchronia/publish.hpp"

namespace uch::publish_detail {

// ---- cmark-gfm ---------------------------------------------------------------------------

struct NodeFree {
  void operator()(cmark_node* node) const { cmark_node_free(node); }
};
using NodePtr = std::unique_ptr<cmark_node, NodeFree>;

/// Parse CommonMark (invalid UTF-8 replaced by U+FFFD). Never null.
NodePtr parse_markdown(std::string_view text);
/// Deepest nesting of nodes (block quotes, lists, emphasis, links...) a text may parse to. cmark-gfm's
/// CommonMark renderer takes time growing with the square of the depth or worse ("> > > ...",
/// "*a *a ... b* b*": 16,000 levels take 70 s), and no real text nests more than about ten deep.
inline constexpr int kMaxNesting = 32;
/// The depth of the deepest node below `root` (root itself is depth 0). Linear.
int nesting_depth(cmark_node* root);
/// `text` as paragraphs of literal text (split at blank lines, lines joined by soft breaks): what a
/// text nested deeper than kMaxNesting is shown as, its markup characters and all.
NodePtr parse_as_literal_text(std::string_view text);
/// parse_markdown, or parse_as_literal_text when the text nests deeper than kMaxNesting.
NodePtr parse_markdown_guarded(std::string_view text);
/// CommonMark rendering (no wrapping), trailing newlines removed.
std::string render_commonmark(cmark_node* node);
/// HTML rendering in cmark-gfm's safe mode: raw HTML omitted, javascript:/vbscript:/file:/data:
/// (other than images) URLs removed. CMARK_OPT_UNSAFE is never passed.
std::string render_html_safe(cmark_node* node);
/// HTML of a node's children (for re-wrapping a block in our own element).
std::string render_children_html_safe(cmark_node* node);
/// The plain text of a node: text, code and html literals, breaks as spaces.
std::string plain_text(cmark_node* node);
/// Unlink `node` and free it.
void remove_node(cmark_node* node);
/// Replace every IMAGE below `root` by a LINK to the same URL (alt text as link text), so
/// that a page never loads anything. `data:image/...` images are kept.
void images_to_links(cmark_node* root);
/// The renderer separates a list from a following list or code block with this comment
/// (an HTML block "<!-- end list -->" right after a list).
bool is_end_list_comment(cmark_node* node);

// ---- text -----------------------------------------------------------------------------------

std::string html_escape(std::string_view text);
/// Literal text for an inline Markdown context (heading, emphasis, link text): every
/// character that could start markup is backslash-escaped; newlines become spaces.
std::string md_escape(std::string_view text);
void append_md_escaped(std::string& out, std::string_view text);
/// A code span holding `text` exactly (as far as CommonMark allows: newlines become spaces).
std::string md_code_span(std::string_view text);
void append_code_span(std::string& out, std::string_view text);
/// Byte offset of the first invalid UTF-8 sequence, or npos.
std::size_t invalid_utf8_offset(std::string_view text);
/// Length of the valid UTF-8 sequence starting at text[pos] (1 for ASCII) and its code point in
/// `cp`; 0 when the sequence is invalid. The core's one decoder (model/utf8.hpp), inline: the
/// plain prose scanner calls it for every non-ASCII character.
inline std::size_t utf8_decode(std::string_view text, std::size_t pos, char32_t* cp) {
  const utf8::Decoded decoded = utf8::decode(text, pos);
  if (decoded.cp == utf8::kInvalid) return 0;
  *cp = decoded.cp;
  return decoded.len;
}
/// Truncate to at most `max_bytes` without cutting a UTF-8 sequence.
std::string_view utf8_prefix(std::string_view text, std::size_t max_bytes);
std::string trim(std::string_view text);
std::string_view trim_view(std::string_view text);
/// An entry id made from a title: lower-case ASCII letters and digits joined by dashes, at most
/// 48 bytes, cut at a dash; "entry" when nothing is left (Markdown and draft import).
std::string slugify(std::string_view title);

// ---- dates ----------------------------------------------------------------------------------

/// "1917", "AD 14", "480 BC" (astronomical year 0 = 1 BC).
std::string year_label(std::int64_t astronomical_year);
/// "1910s", "AD 140s", "480s BC".
std::string decade_label(std::int64_t astronomical_year);
/// EDTF year text: "1917", "0005", "-0479", "Y170000002".
std::string edtf_year(std::int64_t astronomical_year);

// ---- [[links]] -------------------------------------------------------------------------------

/// Tokens (Unicode bracket pairs around a number) that stand in for [[links]] while cmark parses
/// a text. A pair is chosen that the text does not contain.
class LinkTokens {
 public:
  /// Replace every [[link]] in `text` by a token; `originals()[i]` is the i-th link's text.
  std::string tokenize(std::string_view text, const std::vector<Link>& links);
  /// Add a token for `replacement` (returned as the token text).
  std::string add(std::string replacement);
  /// Index of the token starting at text[pos], or -1.
  long match(std::string_view text, std::size_t pos, std::size_t* length) const;
  /// Replace every token in `text` by `replacement(index)`.
  template <class F>
  std::string substitute(std::string_view text, F&& replacement) const {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size();) {
      std::size_t len = 0;
      const long index = match(text, i, &len);
      if (index >= 0) {
        out += replacement(static_cast<std::size_t>(index));
        i += len;
      } else {
        out += text[i++];
      }
    }
    return out;
  }
  std::string restore(std::string_view text) const {
    return substitute(text, [&](std::size_t i) { return originals_[i]; });
  }
  const std::vector<std::string>& originals() const { return originals_; }
  bool empty() const { return originals_.empty(); }
  void choose_marker(std::string_view text);

 private:
  std::string open_, close_;  // UTF-8 of the two private-use code points
  std::vector<std::string> originals_;
};

/// How a [[link]] to a known item is written out.
enum class LinkStyle {
  Anchor,  // a link to "#id" (the entry's heading or the index entry)
  Plain,   // its label as text
};

/// The exported item a [[target]] names: an entity, an entry, or nothing.
struct LinkedItem {
  const Entity* entity = nullptr;
  const Entry* entry = nullptr;
  /// Its id, as written in the document ("" for nothing).
  std::string_view id() const { return entity ? std::string_view(entity->id) : entry ? std::string_view(entry->id) : ""; }
};

/// What a link target resolved to, as render_plain_prose needs it.
struct ResolvedTarget {
  std::string_view id;            // "" when the target names no exported item
  const Entity* entity = nullptr;  // the entity it names, if any
};

/// Link targets already resolved, by their text. Open addressing with each key and its id copied
/// back to back, so that a lookup touches one slot and those bytes (a document repeats its targets).
class ResolvedTargets {
 public:
  /// What `target` (whose std::hash<std::string_view> is `hash`) resolved to, if seen. The id stays
  /// valid until the next insert.
  std::optional<ResolvedTarget> find(std::string_view target, std::size_t hash) const;
  /// Records `target`; returns it as find() would.
  ResolvedTarget insert(std::string_view target, std::size_t hash, ResolvedTarget resolved);
  /// Takes every target of `other` (which is left empty).
  void absorb(ResolvedTargets& other);

 private:
  struct Slot {
    std::size_t hash = 0;
    std::uint32_t key_at = 0, key_size = 0, id_size = 0;  // key_size 0: empty (a target is never empty)
    const Entity* entity = nullptr;
  };
  ResolvedTarget target_of(const Slot& slot) const {
    return {std::string_view(text_).substr(slot.key_at + slot.key_size, slot.id_size), slot.entity};
  }
  std::vector<Slot> slots_;  // a power of two in size, at most half full
  std::string text_;         // key, id, key, id...
  std::size_t used_ = 0;
};

/// Turns a Markdown text field (body, otl, description) into safe, normalized CommonMark:
/// [[links]] become their label (linked to "#id" with LinkStyle::Anchor), raw HTML becomes
/// literal text (unless allow_html), links and images with a dangerous URL lose it, headings
/// are moved to levels 4..6 so that they never look like a year or entry heading.
/// Records which entries mention which entities (for the index).
class FragmentRenderer {
 public:
  FragmentRenderer(const Document& doc, LinkStyle style, bool allow_html);
  /// `entry_id` is the entry the text belongs to ("" for the description).
  std::string render(std::string_view markdown, const std::string& entry_id);
  /// render() into `out` (its content replaced, its capacity reused). Returns true when the text was
  /// plain prose (render_plain_prose), so that `out` is known to hold paragraphs only.
  bool render_into(std::string_view markdown, const std::string& entry_id, std::string& out);
  /// render() through cmark-gfm whatever the text: the reference render_plain_prose must match.
  std::string render_with_cmark(std::string_view markdown, const std::string& entry_id);
  /// Same, returning the transformed tree instead of text.
  NodePtr transform(std::string_view markdown, const std::string& entry_id);

  /// What render_plain_prose keeps between calls: buffers, and the targets it has resolved.
  struct ProseScratch {
    std::vector<LinkView> links;
    const ResolvedTargets* known = nullptr;  // resolved earlier, shared by several threads (read only)
    ResolvedTargets targets;                 // resolved by this scratch's thread, not yet in `known`
    std::vector<const Entity*> mentions;
  };
  /// render() without cmark-gfm, for plain prose: paragraphs of text, [[links]], simple *emphasis*
  /// and **strong** (the rules are in plain_prose.cpp). Appends to `out` and returns true only when
  /// the text is shown to come out of the cmark-gfm round trip exactly so; otherwise returns false
  /// with `out` and the recorded mentions unchanged.
  bool render_plain_prose(std::string_view markdown, const std::string& entry_id, std::string& out);
  /// The same without recording anything, so that several threads may call it at once (each with its
  /// own `scratch`): appends the entities the text mentions, in order, to `mentions` instead.
  bool render_plain_prose(std::string_view markdown, std::string& out, std::vector<const Entity*>& mentions,
                          ProseScratch& scratch) const;
  /// Records mentions of an entry's text found by the const render_plain_prose, in order.
  void note_mentions(const std::vector<const Entity*>& entities, const std::string& entry_id);

  /// The entries mentioning an entity, in order of first mention (none for an unknown id).
  const std::vector<const Entry*>& mentioning_entries(const std::string& entity_id) const;
  /// Whether an entity is linked anywhere (also from the description).
  bool is_linked(const std::string& entity_id) const;
  bool any_linked() const { return any_linked_; }
  /// The exported item a [[target]] names, if exactly one.
  LinkedItem resolve_item(std::string_view target) const;
  /// The entity a [[target]] or "#id" names, if exactly one (used for grouping).
  const Entity* resolve_entity(std::string_view target) const;
  /// First entity of `kind` linked from `markdown` (its [[links]] in order), if any.
  const Entity* first_linked_entity(std::string_view markdown, EntityKind kind) const;

 private:
  /// Id an anchor/link target resolves to among exported entries and all entities, or "".
  std::string resolve(std::string_view target) const { return std::string(resolve_item(target).id()); }
  void note_mention(const std::string& id, const std::string& entry_id);
  void note_mention(const Entity& entity, const std::string& entry_id);

  struct Mentions {
    bool linked = false;
    std::vector<const Entry*> entries;  // in order of first mention
  };

  const Document& doc_;
  LinkStyle style_;
  bool allow_html_;
  LinkResolver resolver_;
  std::unordered_map<std::string_view, const Entity*> entities_;  // keys: ids in doc_
  std::unordered_map<std::string_view, const Entry*> entries_;
  std::vector<Mentions> mentions_;  // by index in doc_.entities
  bool any_linked_ = false;
  const Entry* last_mentioning_entry_ = nullptr;  // note_mention's lookup, for the next call
  ProseScratch prose_scratch_;                    // of the non-const render_plain_prose
};

/// What an export works from: the kept entries in export order (filter_for_export's), and a document
/// holding them to resolve links against. Without a filter that document is the source itself and
/// nothing is copied.
class ExportView {
 public:
  ExportView(const Document& source, const ExportOptions& options);
  /// Title, description, entities and exactly the kept entries (not necessarily in export order).
  const Document& doc() const { return *doc_; }
  const std::vector<const Entry*>& entries() const { return entries_; }

 private:
  std::optional<Document> filtered_;
  const Document* doc_ = nullptr;
  std::vector<const Entry*> entries_;
};

/// True when a URL may appear in published output: no scheme, or http(s), mailto, ftp, tel.
bool safe_url(std::string_view url);

// ---- the Markdown layout shared by export and import -------------------------------------

inline constexpr std::string_view kDateSeparator = " \xC2\xB7 ";    // " · "
inline constexpr std::string_view kOldStyle = "Old Style";
inline constexpr std::string_view kOtlLabel = "In our timeline:";
inline constexpr std::string_view kTagsLabel = "Tags:";
inline constexpr std::string_view kMentionedIn = "Mentioned in: ";
inline constexpr std::string_view kUndated = "Undated";
inline constexpr std::string_view kIndex = "Index";
inline constexpr std::string_view kUntil = "Until ";
inline constexpr std::string_view kEnDash = "\xE2\x80\x93";          // "–"

/// Index section headings, by entity kind.
const char* kind_heading(EntityKind kind);
std::optional<EntityKind> kind_from_heading(std::string_view text);

/// "`### Title {#id}`" attribute: the id at the end of an ATX heading's source line, and the
/// line without it. Returns false when the line carries no attribute.
bool split_heading_attribute(std::string_view line, std::string* without, std::string* id);

/// The date line of an entry: `*human* · `edtf`` (+ ` · Old Style`).
std::string date_line(const std::string& edtf, Calendar calendar);
/// `*Undated*`: written before the body of an undated entry whose body starts like a date line.
std::string undated_line();
bool is_undated_line(cmark_node* paragraph);
/// Whether rendered Markdown starts with a paragraph read_date_line or is_undated_line accepts.
bool starts_like_date_line(std::string_view rendered);
/// The lifespan line of an entity; "" when it has no dates.
std::string lifespan_line(const Entity& entity);
/// The tags line: **Tags:** `a`, `b`.
std::string tags_line(const std::vector<std::string>& tags);
/// The otl note as a blockquote, from its rendered CommonMark.
std::string otl_block(const std::string& rendered_otl);
/// Same, when whether the rendered note starts with a paragraph is already known.
std::string otl_block(std::string_view rendered_otl, bool paragraph_first);

/// Recognizers for the lines above (in a parsed tree).
struct DateLine {
  std::string edtf;
  Calendar calendar = Calendar::Gregorian;
};
std::optional<DateLine> read_date_line(cmark_node* paragraph);
struct Lifespan {
  std::string start, end;
  Calendar calendar = Calendar::Gregorian;
};
std::optional<Lifespan> read_lifespan_line(cmark_node* paragraph);
std::optional<std::vector<std::string>> read_tags_line(cmark_node* paragraph);
/// For a blockquote starting with **In our timeline:**, removes that label (and the
/// paragraph if nothing else is left in it) and returns true.
bool strip_otl_label(cmark_node* blockquote);
bool is_mentioned_in_line(cmark_node* paragraph);

/// The heading text under which an entry is listed ("" for GroupBy::None); "Undated" for
/// entries without a valid date.
std::string section_label(const Entry& entry, GroupBy group_by);

}  // namespace uch::publish_detail
