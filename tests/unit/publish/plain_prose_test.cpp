// Plain prose: the renderer's fast path writes exactly what the cmark-gfm round trip writes, on random
// texts mixing prose with everything that may make Markdown of it, and exports stay stable.
#include <doctest/doctest.h>

#include <cstdlib>
#include <random>

#include "publish_test_support.hpp"
// White-box: the fast path is compared with the cmark path it stands for, on the same text.
#include "publish/publish_internal.hpp"  // white-box: the fast path beside cmark

using namespace publish_test;
using uch::publish_detail::FragmentRenderer;
using uch::publish_detail::LinkStyle;

namespace {

/// Entities and entries that [[links]] in the random texts resolve to (or, for some, not).
uch::Document link_targets() {
  uch::Document doc;
  const auto entity = [&](std::string id, std::string name, uch::EntityKind kind, std::vector<std::string> aliases = {}) {
    uch::Entity e;
    e.id = std::move(id);
    e.name = std::move(name);
    e.kind = kind;
    e.aliases = std::move(aliases);
    doc.entities.push_back(std::move(e));
  };
  entity("lenin", "Vladimir Lenin", uch::EntityKind::Person, {"Ленин"});
  entity("petrograd", "Petrograd", uch::EntityKind::Place, {"Петроград"});
  entity("cheka", "Cheka (1917-12~)", uch::EntityKind::Organisation);
  entity("star", "*Star* & Co", uch::EntityKind::Organisation);
  entity("twin-a", "Twin", uch::EntityKind::Person);  // "Twin" is ambiguous: shown as text
  entity("twin-b", "Twin", uch::EntityKind::Person);
  entity("kyoto", "京都", uch::EntityKind::Place);
  for (const char* id : {"e1", "e2", "e3"}) {
    uch::Entry e;
    e.id = id;
    e.date = "1917";
    e.title = std::string("Entry ") + id;
    doc.entries.push_back(std::move(e));
  }
  return doc;
}

/// Random text: mostly prose (words in several scripts, punctuation, [[links]], emphasis), with
/// every kind of Markdown markup mixed in now and then.
class ProseGenerator {
 public:
  explicit ProseGenerator(unsigned seed) : rng_(seed) {}

  std::string text() {
    std::string out;
    const int lines = 1 + pick(4);
    for (int l = 0; l < lines; ++l) {
      if (l > 0) out += chance(3) ? "\n\n" : chance(10) ? "\n\n\n" : "\n";
      if (chance(12)) out += pick_of(line_starts_);
      std::string line;
      const int pieces = 1 + pick(8);
      for (int p = 0; p < pieces; ++p) line += piece();
      while (!chance(10) && !line.empty() && line.back() == ' ') line.pop_back();  // mostly no trailing space
      out += line;
    }
    if (chance(15)) out = pick_of(edges_) + out;
    if (chance(15)) out += pick_of(edges_);
    return out;
  }

 private:
  std::string piece() {
    switch (pick(chance(3) ? 4 : 40)) {
      case 0: return "[[" + pick_of(targets_) + (chance(2) ? "|" + pick_of(labels_) : "") + "]]";
      case 1: {
        const std::string delimiter = chance(2) ? "*" : "**";
        return pick_of(before_delimiters_) + delimiter + pick_of(words_) + (chance(2) ? " " + pick_of(words_) : "") +
               pick_of(inner_ends_) + delimiter + pick_of(after_delimiters_);
      }
      case 2: return pick_of(punctuation_);
      case 3: return chance(4) ? pick_of(markup_) : chance(2) ? pick_of(odd_words_) : pick_of(words_);
      default: return pick_of(words_) + (chance(5) ? "" : " ");
    }
  }
  int pick(int n) { return static_cast<int>(rng_() % static_cast<unsigned>(n)); }
  bool chance(int one_in) { return pick(one_in) == 0; }
  const std::string& pick_of(const std::vector<std::string>& v) { return v[static_cast<std::size_t>(pick(static_cast<int>(v.size())))]; }

  std::mt19937 rng_;
  const std::vector<std::string> words_ = {
      "the", "Treaty", "was", "signed", "1917", "42", "x", "Петроград", "συνθήκη", "条约", "新しい",
      "संधि", "हुई।", "החוזה", "وقّعت", "Çok", "Zoë", "a.b", "co-op", "C++", "50%", "$5", "e=mc2", "don't",
      "\"quoted\"", "(aside)", "3-4", "“curly”", "«guillemets»", "…", "—", "。", "、", "¿qué?"};
  // Words that are Markdown at the start of a line, or anywhere.
  const std::vector<std::string> odd_words_ = {"#tag", "-dash", "+plus", "=eq", "1.", "2)", "x*y", "a_b", "¡sí!"};
  const std::vector<std::string> punctuation_ = {". ", ", ", "; ", ": ", "? ", ") ", " (", " - ", ".", ",", " ", "  ", "'", "\""};
  const std::vector<std::string> markup_ = {
      "*", "**", "***", "_", "__", "`", "``", "[", "]", "[x](y)", "![i](p.png)", "<b>", "</b>", "<!-- c -->",
      "<http://a.b>", "&amp;", "&copy", "&#42;", "\\", "\\*", "~", "~~", "!", "|", "#", ">", "\t", "\r", "\r\n",
      "\xC2\xA0", "\xE3\x80\x80", "\xE2\x80\x83", "\xE2\xB8\xA8", "\xE2\xB8\xA9", "\xEF\xBB\xBF", "\xFF",
      "\xE2\x82", "\x01", "\x7F", "[[", "]]", "[[x", "{#id}", "  \n"};
  const std::vector<std::string> line_starts_ = {
      "- ", "-", "+ ", "* ", "*", "1. ", "1) ", "12.", "1917. ", "1917.", "1917 ", "> ", "# ", "## ", "    ",
      " ", "  ", "\t", "=", "===", "---", "***", "___", "```", "~~~", "<div>", "[a]: /u", "| a |", "1-2 "};
  const std::vector<std::string> edges_ = {"\n", "\n\n", " ", "  \n", "\t", "\n \n"};
  const std::vector<std::string> before_delimiters_ = {"", " ", "(", "\"", "-", "x", "é", "。", "\xC2\xA0", "[[e1]]", "1"};
  const std::vector<std::string> inner_ends_ = {"", ".", "!", ")", "。", "।", " ", "é"};
  const std::vector<std::string> after_delimiters_ = {"", " ", ".", ",", ")", "x", "é", "。", "\xE3\x80\x80", "[[e2]]", "*"};
  const std::vector<std::string> targets_ = {
      "lenin", "Vladimir Lenin", "ленин", "Petrograd", "петроград", "cheka", "Cheka (1917-12~)", "star",
      "*Star* & Co", "Twin", "twin-a", "京都", "e1", "Entry e2", "e3", "nobody", "No one *here*", " lenin ",
      "a|b", "x~y", "1. list", "-dash", "#h"};
  const std::vector<std::string> labels_ = {
      "Lenin", "the events of 1917-10~", "*bold*", "a_b", "x]y", "[x]", "a & b", "<b>", "#1", "!", "\\", "`c`",
      "1.", "-x", "+", "=", "2)", "é", "京都", "a|b", "  spaced  ", "tab\there", "€5"};
};

/// Whether the fast path agrees with the cmark path on `text`: same output and same mentions
/// whenever it takes the text. Returns whether it took it.
bool same_as_cmark(const uch::Document& doc, LinkStyle style, const std::string& text) {
  FragmentRenderer fast(doc, style, false), reference(doc, style, false);
  std::string out = "(kept)";
  const bool taken = fast.render_plain_prose(text, "e3", out);
  const std::string expected = reference.render_with_cmark(text, "e3");
  CAPTURE(text);
  CAPTURE(static_cast<int>(style));
  if (!taken) {
    CHECK(out == "(kept)");  // left as it was
    CHECK_FALSE(fast.any_linked());
    return false;
  }
  CHECK(out == "(kept)" + expected);
  CHECK(fast.any_linked() == reference.any_linked());
  for (const uch::Entity& e : doc.entities) {
    CHECK(fast.is_linked(e.id) == reference.is_linked(e.id));
    CHECK(fast.mentioning_entries(e.id) == reference.mentioning_entries(e.id));
  }
  return true;
}

}  // namespace

TEST_CASE("plain prose: the fast path writes what cmark-gfm writes, on random prose with markup mixed in") {
  const uch::Document doc = link_targets();
  ProseGenerator generate(std::getenv("UCHRONIA_FUZZ_SEED") ? static_cast<unsigned>(std::atoi(std::getenv("UCHRONIA_FUZZ_SEED"))) : 7);
  const int rounds = std::getenv("UCHRONIA_FUZZ_ROUNDS") ? std::atoi(std::getenv("UCHRONIA_FUZZ_ROUNDS")) : 4000;
  int taken = 0;
  for (int round = 0; round < rounds; ++round) {
    const std::string text = generate.text();
    for (LinkStyle style : {LinkStyle::Anchor, LinkStyle::Plain}) taken += same_as_cmark(doc, style, text) ? 1 : 0;
  }
  // Both paths are exercised: most texts carry some markup, many do not.
  CHECK(taken > rounds / 5);
  CHECK(taken < rounds * 2 - rounds / 5);
}

TEST_CASE("plain prose: everyday texts take the fast path and come out as the cmark path writes them") {
  const uch::Document doc = link_targets();
  for (const std::string text : {
           "Plain text.", "Two\nlines.", "Two\n\n\n\nparagraphs.", "\n\nLeading and trailing blank lines.\n\n",
           "Met [[Vladimir Lenin]] in [[Петроград|Petrograd]], see [[e1]].", "[[lenin]] at the start.",
           "*Emphasis* and **strong words.** in a line.", "**Η συνθήκη υπογράφηκε.** Это *событие* было.",
           "**新しい憲法が公布された。** संधि हुई। **हुई।**", "A [[nobody]] and a [[Twin]].", "1917 was a year.",
           "Years 1917-1918.", "[[cheka]] and [[cheka|the events of 1917-12~]].", "*Emphasis across\nlines* and **see [[e1]] inside**.",
           "Labels [[lenin|*Lenin*]] and [[nobody|a_b]] are escaped.", "", "\n"}) {
    CAPTURE(text);
    for (LinkStyle style : {LinkStyle::Anchor, LinkStyle::Plain}) CHECK(same_as_cmark(doc, style, text));
  }
}

TEST_CASE("plain prose: markup and doubtful characters go through cmark-gfm") {
  const uch::Document doc = link_targets();
  for (const std::string text : {
           "- a list", "1. a list", "1917. A year", "> quote", "# heading", " indented", "trailing ", "two  \nbreak",
           "tab\there", "cr\r\nlf", "a_b", "`code`", "<b>html</b>", "&amp;", "back\\slash", "~tilde", "bang!",
           "a | b", "*open only", "word*stuck*word", "***three***", "* spaced *", "x\xC2\xA0*y*", "bad \xFF byte",
           "\xEF\xBB\xBF" "bom", "token \xE2\xB8\xA8" "0\xE2\xB8\xA9", "=\nsetext", "text\n---", "[[lenin]]*x*",
           "[[x|-dash]] at start"}) {
    CAPTURE(text);
    FragmentRenderer renderer(doc, LinkStyle::Anchor, false);
    std::string out;
    CHECK_FALSE(renderer.render_plain_prose(text, "e1", out));
  }
}

TEST_CASE("plain prose: a large export round-trips and lists mentions in export order") {
  // Enough entries for the export to write ahead on two threads (where there are two cores).
  uch::Document doc = link_targets();
  ProseGenerator generate(11);
  for (int i = 0; i < 1500; ++i) {
    uch::Entry e;
    e.id = "r" + std::to_string(i);
    e.date = std::to_string(1800 + (i * 7919) % 300);  // not in id order
    e.title = "Random " + std::to_string(i);
    e.body = generate.text();
    if (i % 3 == 0) e.otl = generate.text();
    if (i % 50 == 0) e.date.clear();  // undated: written in order through cmark-gfm
    doc.entries.push_back(std::move(e));
  }
  const std::string first = uch::export_markdown(doc, {});
  const std::string second = uch::export_markdown(uch::import_markdown(first), {});
  CHECK(second == first);

  // The index lists an entity's mentions in the order the entries are exported, as rendering the
  // texts one after the other through cmark-gfm records them.
  FragmentRenderer sequential(doc, LinkStyle::Anchor, false);
  const uch::publish_detail::ExportView view(doc, {});
  for (const uch::Entry* e : view.entries()) {
    sequential.render_with_cmark(e->body, e->id);
    sequential.render_with_cmark(e->otl, e->id);
  }
  int listed = 0;
  for (const uch::Entity& entity : doc.entities) {
    const std::vector<const uch::Entry*>& entries = sequential.mentioning_entries(entity.id);
    if (entries.empty()) continue;
    std::string line = "Mentioned in: ";
    for (std::size_t i = 0; i < entries.size(); ++i) {
      line += (i ? ", [" : "[") + entries[i]->title + "](#" + entries[i]->id + ")";
    }
    CAPTURE(entity.id);
    CHECK(first.find("{#" + entity.id + "}") != std::string::npos);
    CHECK(first.find(line + ".\n") != std::string::npos);
    ++listed;
  }
  CHECK(listed >= 3);
}

namespace {

namespace pd = uch::publish_detail;

std::string render(const pd::NodePtr& tree) { return pd::render_commonmark(tree.get()); }

/// `inner` nested `depth` levels deep in one of the ways that make cmark-gfm's renderer slow.
std::string nested(std::mt19937& rng, int depth, const std::string& inner) {
  std::string open, close;
  switch (rng() % 5) {
    case 0: for (int i = 0; i < depth; ++i) open += "> "; break;
    case 1: for (int i = 0; i < depth; ++i) open += "- "; break;
    case 2: for (int i = 0; i < depth; ++i) open += "1) "; break;
    case 3: for (int i = 0; i < depth; ++i) open += "> - "; break;
    default:  // emphasis in emphasis: "*a *a ... b* b*"
      for (int i = 0; i < depth; ++i) open += "*a ";
      for (int i = 0; i < depth; ++i) close += "b*";
  }
  std::string one_line = inner;
  for (char& c : one_line) {
    if (c == '\n') c = ' ';
  }
  return open + one_line + close;
}

}  // namespace

TEST_CASE("plain prose: the nesting guard changes nothing for texts nested up to kMaxNesting deep") {
  ProseGenerator generate(11);
  std::mt19937 rng(12);
  for (int round = 0; round < 2000; ++round) {
    std::string text = generate.text();
    // Half of them nested a little (as deep as a writer might), the rest as generated.
    if (round % 2) text = nested(rng, 1 + static_cast<int>(rng() % 8), text) + "\n\n" + generate.text();
    CAPTURE(text);
    const pd::NodePtr plain = pd::parse_markdown(text);
    REQUIRE(pd::nesting_depth(plain.get()) <= pd::kMaxNesting);
    CHECK(render(pd::parse_markdown_guarded(text)) == render(plain));
  }
}

TEST_CASE("plain prose: a text nested deeper than kMaxNesting is shown as its literal characters") {
  std::mt19937 rng(13);
  for (int round = 0; round < 60; ++round) {
    const int depth = pd::kMaxNesting + 1 + static_cast<int>(rng() % 3000);
    const std::string text = nested(rng, depth, "end") + "\n\nnext paragraph";
    CAPTURE(text.substr(0, 40));
    CHECK(pd::nesting_depth(pd::parse_markdown(text).get()) > pd::kMaxNesting);
    const std::string out = render(pd::parse_markdown_guarded(text));
    // Read back, it is two paragraphs of text holding every character of the input.
    const pd::NodePtr back = pd::parse_markdown(out);
    CHECK(pd::nesting_depth(back.get()) == 2);
    cmark_node* first = cmark_node_first_child(back.get());
    REQUIRE(first);
    CHECK(pd::plain_text(first) == pd::trim(text.substr(0, text.find("\n\n"))));
    CHECK(pd::plain_text(cmark_node_next(first)) == "next paragraph");
  }
}
