// Shared by the publish tests: fixture loading and walking cmark-gfm trees.
#pragma once

#include <cmark-gfm.h>
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <functional>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "uchronia/interchange.hpp"
#include "uchronia/publish.hpp"

namespace publish_test {

inline std::string read_text(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  REQUIRE_MESSAGE(in.good(), "cannot read " << path.string());
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

inline std::filesystem::path fixture(const std::string& name) { return std::filesystem::path(UCHRONIA_FIXTURES) / name; }

inline uch::Document load(const std::string& fixture_name) {
  return uch::read_interchange_json(read_text(fixture(fixture_name)));
}

/// The bundled sample (db/sample/); a test fails when it cannot be read.
inline uch::Document sample() { return uch::read_interchange_json(read_text(UCHRONIA_SAMPLE_JSON)); }

/// Every document the format tests run on: the sample and the publish fixtures.
inline std::vector<std::pair<std::string, uch::Document>> all_documents() {
  std::vector<std::pair<std::string, uch::Document>> docs;
  docs.emplace_back("sample", sample());
  for (const char* name : {"publish-dates.json", "publish-hostile.json"}) docs.emplace_back(name, load(name));
  return docs;
}

struct Tree {
  explicit Tree(const std::string& markdown)
      : root(cmark_parse_document(markdown.data(), markdown.size(), CMARK_OPT_DEFAULT), cmark_node_free) {}
  std::unique_ptr<cmark_node, void (*)(cmark_node*)> root;

  void each(const std::function<void(cmark_node*)>& f) const {
    cmark_iter* it = cmark_iter_new(root.get());
    for (cmark_event_type ev; (ev = cmark_iter_next(it)) != CMARK_EVENT_DONE;) {
      if (ev == CMARK_EVENT_ENTER) f(cmark_iter_get_node(it));
    }
    cmark_iter_free(it);
  }
  std::vector<cmark_node*> top() const {
    std::vector<cmark_node*> nodes;
    for (cmark_node* n = cmark_node_first_child(root.get()); n; n = cmark_node_next(n)) nodes.push_back(n);
    return nodes;
  }
};

inline std::string text_of(cmark_node* node) {
  std::string out;
  cmark_iter* it = cmark_iter_new(node);
  for (cmark_event_type ev; (ev = cmark_iter_next(it)) != CMARK_EVENT_DONE;) {
    cmark_node* n = cmark_iter_get_node(it);
    if (ev != CMARK_EVENT_ENTER) continue;
    const cmark_node_type t = cmark_node_get_type(n);
    if (t == CMARK_NODE_TEXT || t == CMARK_NODE_CODE) out += cmark_node_get_literal(n);
    if (t == CMARK_NODE_SOFTBREAK || t == CMARK_NODE_LINEBREAK) out += ' ';
  }
  cmark_iter_free(it);
  return out;
}

inline bool is_heading(cmark_node* n, int level) {
  return cmark_node_get_type(n) == CMARK_NODE_HEADING && cmark_node_get_heading_level(n) == level;
}

/// Raw HTML nodes, except the "<!-- end list -->" the CommonMark renderer writes between two lists.
inline std::vector<std::string> raw_html_nodes(const std::string& markdown) {
  std::vector<std::string> found;
  Tree tree(markdown);
  tree.each([&](cmark_node* n) {
    const cmark_node_type t = cmark_node_get_type(n);
    if (t != CMARK_NODE_HTML_BLOCK && t != CMARK_NODE_HTML_INLINE) return;
    const std::string lit = cmark_node_get_literal(n);
    cmark_node* prev = cmark_node_previous(n);
    if (t == CMARK_NODE_HTML_BLOCK && lit == "<!-- end list -->\n" && prev && cmark_node_get_type(prev) == CMARK_NODE_LIST) {
      return;
    }
    found.push_back(lit);
  });
  return found;
}

/// Every link and image destination.
inline std::vector<std::string> urls(const std::string& markdown) {
  std::vector<std::string> found;
  Tree tree(markdown);
  tree.each([&](cmark_node* n) {
    const cmark_node_type t = cmark_node_get_type(n);
    if (t == CMARK_NODE_LINK || t == CMARK_NODE_IMAGE) found.push_back(cmark_node_get_url(n) ? cmark_node_get_url(n) : "");
  });
  return found;
}

inline std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

inline std::size_t count(const std::string& haystack, const std::string& needle) {
  std::size_t n = 0;
  for (std::size_t pos = haystack.find(needle); pos != std::string::npos; pos = haystack.find(needle, pos + 1)) ++n;
  return n;
}

}  // namespace publish_test
