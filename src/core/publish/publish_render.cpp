// Shared by every publication format: cmark-gfm helpers, escaping, [[link]] rendering, the Markdown line layout.
#include <algorithm>
#include <cstdlib>
#include <cstring>

#include "publish/publish_internal.hpp"
#include "uchronia/date.hpp"

namespace uch::publish_detail {

// ---- cmark-gfm ---------------------------------------------------------------------------

namespace {

std::string take(char* text) {
  std::string out = text ? text : "";
  std::free(text);
  return out;
}

std::string strip_trailing_newlines(std::string text) {
  while (!text.empty() && (text.back() == '\n' || text.back() == '\r')) text.pop_back();
  return text;
}

// Safe mode: cmark-gfm 0.29 omits raw HTML and dangerous URLs unless CMARK_OPT_UNSAFE is set;
// CMARK_OPT_SAFE is kept for older releases where safety had to be asked for.
constexpr int kSafeHtml = CMARK_OPT_DEFAULT | CMARK_OPT_SAFE;
static_assert((kSafeHtml & CMARK_OPT_UNSAFE) == 0);

std::vector<cmark_node*> collect(cmark_node* root) {
  std::vector<cmark_node*> nodes;
  cmark_iter* it = cmark_iter_new(root);
  cmark_event_type ev;
  while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
    if (ev == CMARK_EVENT_ENTER) nodes.push_back(cmark_iter_get_node(it));
  }
  cmark_iter_free(it);
  return nodes;
}

bool has_ancestor(cmark_node* node, cmark_node_type type) {
  for (cmark_node* p = cmark_node_parent(node); p; p = cmark_node_parent(p)) {
    if (cmark_node_get_type(p) == type) return true;
  }
  return false;
}

cmark_node* new_text(std::string_view text) {
  cmark_node* node = cmark_node_new(CMARK_NODE_TEXT);
  cmark_node_set_literal(node, std::string(text).c_str());
  return node;
}

/// Move every child of `node` before it, then remove it.
void unwrap(cmark_node* node) {
  while (cmark_node* child = cmark_node_first_child(node)) {
    cmark_node_unlink(child);
    cmark_node_insert_before(node, child);
  }
  remove_node(node);
}

std::string lower_ascii(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

bool safe_image_data_url(std::string_view url) {
  const std::string u = lower_ascii(url.substr(0, 32));
  for (const char* ok : {"data:image/png", "data:image/gif", "data:image/jpeg", "data:image/webp"}) {
    if (u.starts_with(ok)) return true;
  }
  return false;
}

}  // namespace

NodePtr parse_markdown(std::string_view text) {
  return NodePtr(cmark_parse_document(text.data(), text.size(), CMARK_OPT_VALIDATE_UTF8));
}

int nesting_depth(cmark_node* root) {
  int depth = 0, deepest = 0;
  cmark_iter* it = cmark_iter_new(root);
  for (cmark_event_type ev; (ev = cmark_iter_next(it)) != CMARK_EVENT_DONE;) {
    if (ev == CMARK_EVENT_EXIT) {
      --depth;
      continue;
    }
    cmark_node* node = cmark_iter_get_node(it);
    if (node == root) continue;
    deepest = std::max(deepest, depth + 1);
    switch (cmark_node_get_type(node)) {  // the leaves: entered, never exited
      case CMARK_NODE_TEXT: case CMARK_NODE_SOFTBREAK: case CMARK_NODE_LINEBREAK: case CMARK_NODE_CODE:
      case CMARK_NODE_HTML_INLINE: case CMARK_NODE_THEMATIC_BREAK: case CMARK_NODE_CODE_BLOCK:
      case CMARK_NODE_HTML_BLOCK:
        break;
      default:
        ++depth;
    }
  }
  cmark_iter_free(it);
  return deepest;
}

NodePtr parse_as_literal_text(std::string_view text) {
  NodePtr doc(cmark_node_new(CMARK_NODE_DOCUMENT));
  cmark_node* para = nullptr;
  for (std::size_t start = 0; start <= text.size();) {
    std::size_t nl = text.find('\n', start);
    if (nl == std::string_view::npos) nl = text.size();
    const std::string_view line = trim_view(text.substr(start, nl - start));
    start = nl + 1;
    if (line.empty()) {
      para = nullptr;  // a blank line ends the paragraph
      continue;
    }
    if (!para) {
      para = cmark_node_new(CMARK_NODE_PARAGRAPH);
      cmark_node_append_child(doc.get(), para);
    } else {
      cmark_node_append_child(para, cmark_node_new(CMARK_NODE_SOFTBREAK));
    }
    cmark_node_append_child(para, new_text(line));
  }
  return doc;
}

NodePtr parse_markdown_guarded(std::string_view text) {
  NodePtr root = parse_markdown(text);
  if (nesting_depth(root.get()) <= kMaxNesting) return root;
  return parse_as_literal_text(text);
}

std::string render_commonmark(cmark_node* node) {
  // The renderer escapes a character by looking at its neighbours within one text node only
  // ("&" before a letter, "!" before "["): adjacent text nodes are merged first.
  cmark_consolidate_text_nodes(node);
  return strip_trailing_newlines(take(cmark_render_commonmark(node, CMARK_OPT_DEFAULT, 0)));
}

std::string render_html_safe(cmark_node* node) {
  return take(cmark_render_html(node, kSafeHtml, nullptr));
}

std::string render_children_html_safe(cmark_node* node) {
  std::string out;
  for (cmark_node* c = cmark_node_first_child(node); c; c = cmark_node_next(c)) {
    out += render_html_safe(c);
  }
  return out;
}

std::string plain_text(cmark_node* node) {
  std::string out;
  cmark_iter* it = cmark_iter_new(node);
  cmark_event_type ev;
  while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
    if (ev != CMARK_EVENT_ENTER) continue;
    cmark_node* n = cmark_iter_get_node(it);
    switch (cmark_node_get_type(n)) {
      case CMARK_NODE_TEXT:
      case CMARK_NODE_CODE:
      case CMARK_NODE_HTML_INLINE:
        if (const char* lit = cmark_node_get_literal(n)) out += lit;
        break;
      case CMARK_NODE_SOFTBREAK:
      case CMARK_NODE_LINEBREAK:
        out += ' ';
        break;
      default:
        break;
    }
  }
  cmark_iter_free(it);
  return out;
}

void remove_node(cmark_node* node) {
  cmark_node_unlink(node);
  cmark_node_free(node);
}

void images_to_links(cmark_node* root) {
  for (cmark_node* image : collect(root)) {
    if (cmark_node_get_type(image) != CMARK_NODE_IMAGE) continue;
    const char* url = cmark_node_get_url(image);
    if (url && safe_image_data_url(url)) continue;
    if (has_ancestor(image, CMARK_NODE_LINK)) {  // a link in a link is not allowed: keep the alt text
      unwrap(image);
      continue;
    }
    cmark_node* link = cmark_node_new(CMARK_NODE_LINK);
    cmark_node_set_url(link, url ? url : "");
    if (const char* title = cmark_node_get_title(image)) cmark_node_set_title(link, title);
    if (!cmark_node_first_child(image)) cmark_node_append_child(image, new_text("image"));
    while (cmark_node* child = cmark_node_first_child(image)) {
      cmark_node_unlink(child);
      cmark_node_append_child(link, child);
    }
    cmark_node_insert_before(image, link);
    remove_node(image);
  }
}

bool is_end_list_comment(cmark_node* node) {
  if (cmark_node_get_type(node) != CMARK_NODE_HTML_BLOCK) return false;
  cmark_node* prev = cmark_node_previous(node);
  if (!prev || cmark_node_get_type(prev) != CMARK_NODE_LIST) return false;
  const char* lit = cmark_node_get_literal(node);
  return lit && trim(lit) == "<!-- end list -->";
}

// ---- text -----------------------------------------------------------------------------------

std::string html_escape(std::string_view text) {
  std::string out;
  out.reserve(text.size() + text.size() / 8);
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

void append_md_escaped(std::string& out, std::string_view text) {
  for (char c : text) {
    if (c == '\n' || c == '\r') {
      out += ' ';
    } else if (std::strchr("\\`*_[]<>&#~!|{}", c) && c != '\0') {
      out += '\\';
      out += c;
    } else {
      out += c;
    }
  }
}

std::string md_escape(std::string_view text) {
  std::string out;
  out.reserve(text.size() + 8);
  append_md_escaped(out, text);
  return out;
}

void append_code_span(std::string& out, std::string_view text) {
  std::size_t longest = 0, run = 0;
  for (char c : text) {
    run = c == '`' ? run + 1 : 0;
    longest = std::max(longest, run);
  }
  // Newlines are written as spaces (a code span is one line here).
  const auto shown = [](char c) { return c == '\n' || c == '\r' ? ' ' : c; };
  const bool all_spaces = std::all_of(text.begin(), text.end(), [&](char c) { return shown(c) == ' '; });
  const bool pad = !text.empty() && !all_spaces &&
                   (text.front() == '`' || text.back() == '`' || (shown(text.front()) == ' ' && shown(text.back()) == ' '));
  out.append(longest + 1, '`');
  if (pad) out += ' ';
  for (char c : text) out += shown(c);
  if (pad) out += ' ';
  out.append(longest + 1, '`');
}

std::string md_code_span(std::string_view text) {
  std::string out;
  append_code_span(out, text);
  return out;
}

std::size_t invalid_utf8_offset(std::string_view text) {
  for (std::size_t i = 0; i < text.size();) {
    char32_t cp = 0;
    const std::size_t len = utf8_decode(text, i, &cp);
    if (len == 0) return i;
    i += len;
  }
  return std::string_view::npos;
}

std::string_view utf8_prefix(std::string_view text, std::size_t max_bytes) {
  if (text.size() <= max_bytes) return text;
  std::size_t end = max_bytes;
  while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
  return text.substr(0, end);
}

std::string_view trim_view(std::string_view text) {
  const char* ws = " \t\r\n\f\v";
  const std::size_t a = text.find_first_not_of(ws);
  if (a == std::string_view::npos) return {};
  const std::size_t b = text.find_last_not_of(ws);
  return text.substr(a, b - a + 1);
}

std::string trim(std::string_view text) { return std::string(trim_view(text)); }

// ---- dates ----------------------------------------------------------------------------------

// As format_human writes years: "AD 14" below 1000 (a bare "14" reads as a number).
std::string year_label(std::int64_t y) {
  if (y >= 1000) return std::to_string(y);
  if (y >= 1) return "AD " + std::to_string(y);
  return std::to_string(1 - y) + " BC";
}

std::string decade_label(std::int64_t y) {
  if (y >= 1000) return std::to_string(y / 10 * 10) + "s";
  if (y >= 1) return "AD " + std::to_string(y / 10 * 10) + "s";
  return std::to_string((1 - y) / 10 * 10) + "s BC";
}

std::string edtf_year(std::int64_t y) {
  if (y < -9999 || y > 9999) return "Y" + std::to_string(y);
  std::string digits = std::to_string(y < 0 ? -y : y);
  while (digits.size() < 4) digits.insert(digits.begin(), '0');
  return (y < 0 ? "-" : "") + digits;
}

std::string section_label(const Entry& entry, GroupBy group_by) {
  if (trim(entry.date).empty()) return std::string(kUndated);
  const DateInfo info = parse_edtf(entry.date, entry.calendar);
  if (!info.valid || (info.lower_unbounded && info.upper_unbounded)) return std::string(kUndated);
  if (group_by == GroupBy::None) return "";
  if (info.lower_unbounded) return std::string(kUntil) + year_label(civil_from_days(info.upper).year);
  const std::int64_t year = civil_from_days(info.lower).year;
  return group_by == GroupBy::Decade ? decade_label(year) : year_label(year);
}

// ---- [[links]] -------------------------------------------------------------------------------

void LinkTokens::choose_marker(std::string_view text) {
  if (!open_.empty()) return;
  // Unicode opening/closing punctuation, so that emphasis next to a token parses as it does
  // next to the "[label](#id)" link it stands for (CommonMark's flanking rules look at
  // whether the neighbour is punctuation).
  static constexpr const char* kPairs[][2] = {
      {"\xE2\xB8\xA8", "\xE2\xB8\xA9"},  // U+2E28 U+2E29 left/right double parenthesis
      {"\xE2\xB8\xA2", "\xE2\xB8\xA3"},  // U+2E22 U+2E23 top half brackets
      {"\xE2\xB8\xA4", "\xE2\xB8\xA5"},  // U+2E24 U+2E25 bottom half brackets
      {"\xE2\xB8\xA6", "\xE2\xB8\xA7"},  // U+2E26 U+2E27 sideways U brackets
      {"\xE2\x9F\xAE", "\xE2\x9F\xAF"},  // U+27EE U+27EF flattened parentheses
      {"\xE2\xA6\x97", "\xE2\xA6\x98"},  // U+2997 U+2998 black tortoise shell brackets
  };
  for (const auto& pair : kPairs) {
    if (text.find(pair[0]) == std::string_view::npos && text.find(pair[1]) == std::string_view::npos) {
      open_ = pair[0];
      close_ = pair[1];
      return;
    }
  }
  // Every pair occurs in the text (contrived): tokens may then clash with it, harmlessly.
  open_ = kPairs[0][0];
  close_ = kPairs[0][1];
}

std::string LinkTokens::add(std::string replacement) {
  originals_.push_back(std::move(replacement));
  return open_ + std::to_string(originals_.size() - 1) + close_;
}

std::string LinkTokens::tokenize(std::string_view text, const std::vector<Link>& links) {
  choose_marker(text);
  std::string out;
  out.reserve(text.size());
  std::size_t pos = 0;
  for (const Link& link : links) {
    if (link.begin < pos || link.end > text.size()) continue;
    out.append(text.substr(pos, link.begin - pos));
    out += add(std::string(text.substr(link.begin, link.end - link.begin)));
    pos = link.end;
  }
  out.append(text.substr(pos));
  return out;
}

long LinkTokens::match(std::string_view text, std::size_t pos, std::size_t* length) const {
  if (open_.empty() || text.compare(pos, open_.size(), open_) != 0) return -1;
  std::size_t i = pos + open_.size();
  std::size_t value = 0, digits = 0;
  while (i < text.size() && text[i] >= '0' && text[i] <= '9' && digits < 12) {
    value = value * 10 + static_cast<std::size_t>(text[i] - '0');
    ++i;
    ++digits;
  }
  if (digits == 0 || text.compare(i, close_.size(), close_) != 0 || value >= originals_.size()) return -1;
  *length = i + close_.size() - pos;
  return static_cast<long>(value);
}

bool safe_url(std::string_view url) {
  std::string u;
  for (char c : url) {
    if (static_cast<unsigned char>(c) > 0x20) u += c;  // browsers ignore tabs, newlines, spaces
  }
  const std::size_t colon = u.find(':');
  if (colon == std::string::npos) return true;
  const std::size_t stop = u.find_first_of("/?#");
  if (stop != std::string::npos && stop < colon) return true;  // "path/a:b", "#x:y": no scheme
  const std::string scheme = lower_ascii(std::string_view(u).substr(0, colon));
  if (scheme.empty()) return false;
  for (char c : scheme) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.')) return false;
  }
  for (const char* ok : {"http", "https", "mailto", "ftp", "tel"}) {
    if (scheme == ok) return true;
  }
  return false;
}

FragmentRenderer::FragmentRenderer(const Document& doc, LinkStyle style, bool allow_html)
    : doc_(doc), style_(style), allow_html_(allow_html), resolver_(doc), mentions_(doc.entities.size()) {
  entities_.reserve(doc.entities.size());
  for (const Entity& e : doc.entities) entities_.emplace(e.id, &e);
  entries_.reserve(doc.entries.size());
  for (const Entry& e : doc.entries) entries_.emplace(e.id, &e);
}

LinkedItem FragmentRenderer::resolve_item(std::string_view target) const {
  const std::string id = resolver_.resolve_one(target);
  if (id.empty()) return {};
  if (const auto it = entities_.find(id); it != entities_.end()) return {.entity = it->second};
  if (const auto it = entries_.find(id); it != entries_.end()) return {.entry = it->second};
  return {};
}

const Entity* FragmentRenderer::resolve_entity(std::string_view target) const {
  const std::string id = resolve(target);
  const auto it = entities_.find(id);
  return it == entities_.end() ? nullptr : it->second;
}

const Entity* FragmentRenderer::first_linked_entity(std::string_view markdown, EntityKind kind) const {
  for (const Link& link : parse_links(markdown)) {
    const Entity* e = resolve_entity(link.target);
    if (e && e->kind == kind) return e;
  }
  return nullptr;
}

void FragmentRenderer::note_mention(const std::string& id, const std::string& entry_id) {
  const auto it = entities_.find(id);
  if (it != entities_.end()) note_mention(*it->second, entry_id);
}

void FragmentRenderer::note_mention(const Entity& entity, const std::string& entry_id) {
  Mentions& m = mentions_[static_cast<std::size_t>(&entity - doc_.entities.data())];
  m.linked = any_linked_ = true;
  if (entry_id.empty()) return;
  // An entry's texts are rendered one after the other: consecutive calls name the same entry.
  if (!last_mentioning_entry_ || last_mentioning_entry_->id != entry_id) {
    const auto it = entries_.find(entry_id);
    if (it == entries_.end()) return;  // not an exported entry: it has no heading to link to
    last_mentioning_entry_ = it->second;
  }
  const Entry* entry = last_mentioning_entry_;
  if (!m.entries.empty() && m.entries.back() == entry) return;
  if (std::find(m.entries.begin(), m.entries.end(), entry) == m.entries.end()) m.entries.push_back(entry);
}

void FragmentRenderer::note_mentions(const std::vector<const Entity*>& entities, const std::string& entry_id) {
  for (const Entity* entity : entities) note_mention(*entity, entry_id);
}

const std::vector<const Entry*>& FragmentRenderer::mentioning_entries(const std::string& entity_id) const {
  static const std::vector<const Entry*> kNone;
  const auto it = entities_.find(entity_id);
  return it == entities_.end() ? kNone : mentions_[static_cast<std::size_t>(it->second - doc_.entities.data())].entries;
}

bool FragmentRenderer::is_linked(const std::string& entity_id) const {
  const auto it = entities_.find(entity_id);
  return it != entities_.end() && mentions_[static_cast<std::size_t>(it->second - doc_.entities.data())].linked;
}

NodePtr FragmentRenderer::transform(std::string_view markdown, const std::string& entry_id) {
  const std::vector<Link> links = parse_links(markdown);
  LinkTokens tokens;
  const std::string source = tokens.tokenize(markdown, links);
  NodePtr root = parse_markdown_guarded(source);
  const auto restore = [&](cmark_node* node, const char* (*get)(cmark_node*), int (*set)(cmark_node*, const char*)) {
    const char* value = get(node);
    if (!value || tokens.empty()) return;
    const std::string restored = tokens.restore(value);
    if (restored != value) set(node, restored.c_str());
  };

  for (cmark_node* node : collect(root.get())) {
    switch (cmark_node_get_type(node)) {
      case CMARK_NODE_CODE:
      case CMARK_NODE_CODE_BLOCK:
      case CMARK_NODE_HTML_INLINE:
      case CMARK_NODE_HTML_BLOCK:
        restore(node, cmark_node_get_literal, cmark_node_set_literal);
        if (cmark_node_get_type(node) == CMARK_NODE_CODE_BLOCK) {
          restore(node, cmark_node_get_fence_info, cmark_node_set_fence_info);
        }
        break;
      case CMARK_NODE_LINK:
      case CMARK_NODE_IMAGE:
        restore(node, cmark_node_get_url, cmark_node_set_url);
        restore(node, cmark_node_get_title, cmark_node_set_title);
        break;
      default:
        break;
    }
  }

  for (cmark_node* node : collect(root.get())) {
    const cmark_node_type type = cmark_node_get_type(node);
    if (is_end_list_comment(node)) {
      // Written by the CommonMark renderer between two lists; it puts it back where needed.
      remove_node(node);
    } else if (type == CMARK_NODE_HTML_INLINE && !allow_html_) {
      // Shown as the text it is; a tag spanning lines keeps its line breaks (as soft breaks).
      const std::string literal = cmark_node_get_literal(node) ? cmark_node_get_literal(node) : "";
      std::size_t start = 0;
      while (true) {
        const std::size_t nl = literal.find('\n', start);
        std::string line = literal.substr(start, nl == std::string::npos ? std::string::npos : nl - start);
        if (!line.empty() && line.back() == '\r') line.pop_back();
        if (start > 0) {
          cmark_node_insert_before(node, cmark_node_new(CMARK_NODE_SOFTBREAK));
          line = trim(line);
        }
        if (nl != std::string::npos) {
          while (!line.empty() && (line.back() == ' ' || line.back() == '\t')) line.pop_back();
        }
        if (!line.empty()) cmark_node_insert_before(node, new_text(line));
        if (nl == std::string::npos) break;
        start = nl + 1;
      }
      remove_node(node);
    } else if (type == CMARK_NODE_HTML_BLOCK && !allow_html_) {
      // Shown as the text it is, line by line.
      std::string literal = cmark_node_get_literal(node) ? cmark_node_get_literal(node) : "";
      while (!literal.empty() && (literal.back() == '\n' || literal.back() == '\r')) literal.pop_back();
      cmark_node* para = cmark_node_new(CMARK_NODE_PARAGRAPH);
      std::size_t start = 0;
      while (true) {
        const std::size_t nl = literal.find('\n', start);
        std::string line = literal.substr(start, nl == std::string::npos ? std::string::npos : nl - start);
        if (!line.empty() && line.back() == '\r') line.pop_back();
        const std::string trimmed = trim(line);
        if (!trimmed.empty()) {
          if (cmark_node_first_child(para)) cmark_node_append_child(para, cmark_node_new(CMARK_NODE_SOFTBREAK));
          cmark_node_append_child(para, new_text(trimmed));
        }
        if (nl == std::string::npos) break;
        start = nl + 1;
      }
      if (cmark_node_first_child(para)) {
        cmark_node_insert_before(node, para);
      } else {
        cmark_node_free(para);
      }
      remove_node(node);
    } else if (type == CMARK_NODE_CODE && trim(cmark_node_get_literal(node) ? cmark_node_get_literal(node) : "").empty()) {
      // A code span of spaces only: the renderer pads it anew on every pass. It shows as spaces.
      cmark_node_insert_before(node, new_text(cmark_node_get_literal(node) ? cmark_node_get_literal(node) : ""));
      remove_node(node);
    } else if (type == CMARK_NODE_HEADING) {
      const int level = cmark_node_get_heading_level(node);
      if (level < 4) cmark_node_set_heading_level(node, level + 3);
    } else if (type == CMARK_NODE_LINK || type == CMARK_NODE_IMAGE) {
      const std::string url = cmark_node_get_url(node) ? cmark_node_get_url(node) : "";
      const bool ok = safe_url(url) || (type == CMARK_NODE_IMAGE && safe_image_data_url(url));
      if (!ok) {
        unwrap(node);  // the text stays, the URL goes
      } else if (type == CMARK_NODE_LINK && url.size() > 1 && url[0] == '#') {
        const std::string id = url.substr(1);
        if (entities_.count(id) || entries_.count(id)) {
          if (style_ == LinkStyle::Plain) {
            unwrap(node);
          } else {
            note_mention(id, entry_id);
          }
        }
      }
    }
  }

  if (!tokens.empty()) {
    for (cmark_node* node : collect(root.get())) {
      if (cmark_node_get_type(node) != CMARK_NODE_TEXT) continue;
      const std::string literal = cmark_node_get_literal(node) ? cmark_node_get_literal(node) : "";
      const bool in_link = has_ancestor(node, CMARK_NODE_LINK) || has_ancestor(node, CMARK_NODE_IMAGE);
      std::string pending;
      bool changed = false;
      for (std::size_t i = 0; i < literal.size();) {
        std::size_t len = 0;
        const long index = tokens.match(literal, i, &len);
        if (index < 0) {
          pending += literal[i++];
          continue;
        }
        changed = true;
        i += len;
        const Link& link = links[static_cast<std::size_t>(index)];
        const std::string id = resolve(link.target);
        if (id.empty() || in_link || style_ == LinkStyle::Plain) {
          pending += link.label;
          continue;
        }
        if (!pending.empty()) cmark_node_insert_before(node, new_text(pending));
        pending.clear();
        cmark_node* anchor = cmark_node_new(CMARK_NODE_LINK);
        cmark_node_set_url(anchor, ("#" + id).c_str());
        cmark_node_append_child(anchor, new_text(link.label));
        cmark_node_insert_before(node, anchor);
        note_mention(id, entry_id);
      }
      if (!changed) continue;
      if (!pending.empty()) cmark_node_insert_before(node, new_text(pending));
      remove_node(node);
    }
  }
  return root;
}

std::string FragmentRenderer::render(std::string_view markdown, const std::string& entry_id) {
  std::string out;
  render_into(markdown, entry_id, out);
  return out;
}

bool FragmentRenderer::render_into(std::string_view markdown, const std::string& entry_id, std::string& out) {
  out.clear();
  if (render_plain_prose(markdown, entry_id, out)) return true;
  out = render_with_cmark(markdown, entry_id);
  return false;
}

std::string FragmentRenderer::render_with_cmark(std::string_view markdown, const std::string& entry_id) {
  if (trim(markdown).empty()) return {};
  NodePtr root = transform(markdown, entry_id);
  std::string out = render_commonmark(root.get());
  // cmark's CommonMark renderer is not always a fixpoint: emphasis next to punctuation may be
  // written with delimiters that no longer parse as emphasis. Render again until stable, so
  // that export -> import -> export gives the same bytes.
  for (int pass = 0; pass < 4; ++pass) {
    NodePtr again = parse_markdown(out);
    std::string next = render_commonmark(again.get());
    if (next == out) break;
    out = std::move(next);
  }
  return out;
}

// ---- the Markdown layout ----------------------------------------------------------------------

const char* kind_heading(EntityKind kind) {
  switch (kind) {
    case EntityKind::Person: return "People";
    case EntityKind::Organisation: return "Organisations";
    case EntityKind::Place: return "Places";
    case EntityKind::Other: return "Other";
  }
  return "Other";
}

std::optional<EntityKind> kind_from_heading(std::string_view text) {
  const std::string t = lower_ascii(trim(text));
  if (t == "people" || t == "persons") return EntityKind::Person;
  if (t == "organisations" || t == "organizations") return EntityKind::Organisation;
  if (t == "places") return EntityKind::Place;
  if (t == "other") return EntityKind::Other;
  return std::nullopt;
}

bool split_heading_attribute(std::string_view line, std::string* without, std::string* id) {
  std::string l(line);
  while (!l.empty() && (l.back() == ' ' || l.back() == '\t' || l.back() == '\r')) l.pop_back();
  if (l.empty() || l.back() != '}') return false;
  const std::size_t open = l.rfind("{#");
  if (open == std::string::npos || open == 0 || (l[open - 1] != ' ' && l[open - 1] != '\t')) return false;
  const std::string candidate = l.substr(open + 2, l.size() - open - 3);
  if (!is_valid_id(candidate)) return false;
  std::size_t i = 0;
  while (i < l.size() && i < 3 && l[i] == ' ') ++i;
  if (i >= l.size() || l[i] != '#') return false;
  std::string rest = l.substr(0, open);
  while (!rest.empty() && (rest.back() == ' ' || rest.back() == '\t')) rest.pop_back();
  *without = rest;
  *id = candidate;
  return true;
}

std::string date_line(const std::string& edtf, Calendar calendar) {
  const std::string formatted = format_human(edtf, calendar);
  std::string_view human = trim_view(formatted);
  if (human.empty()) human = "?";
  std::string out = "*";
  append_md_escaped(out, human);
  out += '*';
  out += kDateSeparator;
  append_code_span(out, edtf);
  if (calendar == Calendar::Julian) {
    out += kDateSeparator;
    out += kOldStyle;
  }
  return out;
}

std::string undated_line() { return "*" + std::string(kUndated) + "*"; }

bool is_undated_line(cmark_node* paragraph) {
  if (!paragraph || cmark_node_get_type(paragraph) != CMARK_NODE_PARAGRAPH) return false;
  cmark_node* emph = cmark_node_first_child(paragraph);
  return emph && !cmark_node_next(emph) && cmark_node_get_type(emph) == CMARK_NODE_EMPH && plain_text(emph) == kUndated;
}

bool starts_like_date_line(std::string_view rendered) {
  // Both lines open with emphasis: without a '*' or '_' there is nothing to parse.
  if (rendered.find_first_of("*_") == std::string::npos) return false;
  NodePtr tree = parse_markdown(rendered);
  cmark_node* first = cmark_node_first_child(tree.get());
  return read_date_line(first).has_value() || is_undated_line(first);
}

std::string lifespan_line(const Entity& entity) {
  const bool has_start = !entity.start.empty(), has_end = !entity.end.empty();
  if (!has_start && !has_end) return {};
  const bool person = entity.kind == EntityKind::Person;
  const std::string a = has_start ? trim(format_human(entity.start, entity.calendar)) : "";
  const std::string b = has_end ? trim(format_human(entity.end, entity.calendar)) : "";
  std::string human;
  if (has_start && has_end) {
    human = a + " " + std::string(kEnDash) + " " + b;
  } else if (has_start) {
    human = (person ? "born " : "from ") + a;
  } else {
    human = (person ? "died " : "until ") + b;
  }
  std::string out = "*" + md_escape(trim(human)) + "*" + std::string(kDateSeparator);
  if (has_start) out += md_code_span(entity.start) + " " + std::string(kEnDash);
  else out += std::string(kEnDash);
  if (has_end) out += " " + md_code_span(entity.end);
  if (entity.calendar == Calendar::Julian) out += std::string(kDateSeparator) + std::string(kOldStyle);
  return out;
}

std::string tags_line(const std::vector<std::string>& tags) {
  std::string out;
  for (const std::string& tag : tags) {
    if (tag.empty()) continue;
    if (out.empty()) {
      out += "**";
      out += kTagsLabel;
      out += "** ";
    } else {
      out += ", ";
    }
    append_code_span(out, tag);
  }
  return out;
}

std::string otl_block(const std::string& rendered_otl) {
  if (rendered_otl.empty()) return {};
  NodePtr tree = parse_markdown(rendered_otl);
  cmark_node* first = cmark_node_first_child(tree.get());
  return otl_block(rendered_otl, first && cmark_node_get_type(first) == CMARK_NODE_PARAGRAPH);
}

std::string otl_block(std::string_view rendered_otl, bool paragraph_first) {
  if (rendered_otl.empty()) return {};
  std::string out = "> **" + std::string(kOtlLabel) + "**";
  std::size_t start = 0;
  bool first_line = true;
  if (!paragraph_first) out += "\n>";
  while (start <= rendered_otl.size()) {
    const std::size_t nl = rendered_otl.find('\n', start);
    const std::string_view line = rendered_otl.substr(start, nl == std::string::npos ? std::string::npos : nl - start);
    if (first_line && paragraph_first) {
      out += ' ';
    } else {
      out += line.empty() ? "\n>" : "\n> ";
    }
    out += line;
    first_line = false;
    if (nl == std::string::npos) break;
    start = nl + 1;
  }
  return out;
}

namespace {

cmark_node_type type_of(cmark_node* n) { return n ? cmark_node_get_type(n) : CMARK_NODE_NONE; }

std::string literal_of(cmark_node* n) {
  const char* lit = n ? cmark_node_get_literal(n) : nullptr;
  return lit ? lit : "";
}

}  // namespace

std::optional<DateLine> read_date_line(cmark_node* paragraph) {
  if (type_of(paragraph) != CMARK_NODE_PARAGRAPH) return std::nullopt;
  cmark_node* emph = cmark_node_first_child(paragraph);
  cmark_node* sep = emph ? cmark_node_next(emph) : nullptr;
  cmark_node* code = sep ? cmark_node_next(sep) : nullptr;
  if (type_of(emph) != CMARK_NODE_EMPH || type_of(sep) != CMARK_NODE_TEXT || type_of(code) != CMARK_NODE_CODE ||
      literal_of(sep) != kDateSeparator) {
    return std::nullopt;
  }
  DateLine line;
  line.edtf = literal_of(code);
  cmark_node* rest = cmark_node_next(code);
  if (rest) {
    if (type_of(rest) != CMARK_NODE_TEXT || cmark_node_next(rest) ||
        literal_of(rest) != std::string(kDateSeparator) + std::string(kOldStyle)) {
      return std::nullopt;
    }
    line.calendar = Calendar::Julian;
  }
  return line;
}

std::optional<Lifespan> read_lifespan_line(cmark_node* paragraph) {
  if (type_of(paragraph) != CMARK_NODE_PARAGRAPH) return std::nullopt;
  cmark_node* emph = cmark_node_first_child(paragraph);
  cmark_node* sep = emph ? cmark_node_next(emph) : nullptr;
  if (type_of(emph) != CMARK_NODE_EMPH || type_of(sep) != CMARK_NODE_TEXT ||
      !literal_of(sep).starts_with(kDateSeparator)) {
    return std::nullopt;
  }
  Lifespan span;
  bool dash = false;
  for (cmark_node* n = sep; n; n = cmark_node_next(n)) {
    if (type_of(n) == CMARK_NODE_TEXT) {
      const std::string lit = literal_of(n);
      if (lit.find(kEnDash) != std::string::npos) dash = true;
      if (lit.find(kOldStyle) != std::string::npos) span.calendar = Calendar::Julian;
    } else if (type_of(n) == CMARK_NODE_CODE) {
      (dash ? span.end : span.start) = literal_of(n);
    } else {
      return std::nullopt;
    }
  }
  if (!dash) return std::nullopt;
  return span;
}

std::optional<std::vector<std::string>> read_tags_line(cmark_node* paragraph) {
  if (type_of(paragraph) != CMARK_NODE_PARAGRAPH) return std::nullopt;
  cmark_node* strong = cmark_node_first_child(paragraph);
  if (type_of(strong) != CMARK_NODE_STRONG || plain_text(strong) != kTagsLabel) return std::nullopt;
  std::vector<std::string> tags;
  cmark_node* n = cmark_node_next(strong);
  std::string expected_sep = " ";
  while (n) {
    if (type_of(n) != CMARK_NODE_TEXT || literal_of(n) != expected_sep) return std::nullopt;
    n = cmark_node_next(n);
    if (type_of(n) != CMARK_NODE_CODE) return std::nullopt;
    tags.push_back(literal_of(n));
    n = cmark_node_next(n);
    expected_sep = ", ";
  }
  if (tags.empty()) return std::nullopt;
  return tags;
}

bool strip_otl_label(cmark_node* blockquote) {
  if (type_of(blockquote) != CMARK_NODE_BLOCK_QUOTE) return false;
  cmark_node* para = cmark_node_first_child(blockquote);
  if (type_of(para) != CMARK_NODE_PARAGRAPH) return false;
  cmark_node* strong = cmark_node_first_child(para);
  if (type_of(strong) != CMARK_NODE_STRONG || plain_text(strong) != kOtlLabel) return false;
  cmark_node* next = cmark_node_next(strong);
  remove_node(strong);
  if (type_of(next) == CMARK_NODE_SOFTBREAK || type_of(next) == CMARK_NODE_LINEBREAK) {
    remove_node(next);
  } else if (type_of(next) == CMARK_NODE_TEXT) {
    const std::string lit = literal_of(next);
    if (lit == " ") {
      remove_node(next);
    } else if (!lit.empty() && lit[0] == ' ') {
      cmark_node_set_literal(next, lit.substr(1).c_str());
    }
  }
  if (!cmark_node_first_child(para)) remove_node(para);
  return true;
}

bool is_mentioned_in_line(cmark_node* paragraph) {
  if (type_of(paragraph) != CMARK_NODE_PARAGRAPH) return false;
  cmark_node* first = cmark_node_first_child(paragraph);
  return type_of(first) == CMARK_NODE_TEXT && literal_of(first).starts_with(kMentionedIn);
}

}  // namespace uch::publish_detail
