// Link suggestions (uchronia/link_suggestions.hpp): unlinked names of known entities, and
// recurring capitalised names that look like people, places or organisations.
//
// Each entry's text is split once into words; known names are matched longest first (up to
// kMaxNameWords words) through a hash map of folded names, and the remaining capitalised words
// form runs. Everything is linear in the text.
#include "uchronia/link_suggestions.hpp"

#include <algorithm>
#include <map>
#include <tuple>
#include <unordered_map>
#include <unordered_set>

#include "publish/publish_internal.hpp"
#include "uchronia/links.hpp"

namespace uch {

using namespace publish_detail;

namespace {

constexpr std::size_t kMaxNameWords = 6;

struct Word {
  std::size_t begin = 0, end = 0;
  bool capital = false;         // starts with an upper-case letter
  bool sentence_start = false;  // first word of the text or after . ! ? :
  bool joined = false;          // separated from the word before by exactly one space
};

/// Upper case: ASCII A-Z, Latin-1 À-Þ (not ×), Greek Α-Ω, Cyrillic Ѐ-Я.
bool is_upper(char32_t cp) {
  return (cp >= 'A' && cp <= 'Z') || (cp >= 0xC0 && cp <= 0xDE && cp != 0xD7) || (cp >= 0x391 && cp <= 0x3A9) ||
         (cp >= 0x400 && cp <= 0x42F);
}

/// Letters and digits of words: ASCII alphanumerics, '-' inside a word, and code points above
/// U+00BF that are not punctuation (general punctuation U+2000-U+206F, × and ÷).
bool is_word_char(char32_t cp) {
  if (cp < 0x80) return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || (cp >= '0' && cp <= '9');
  if (cp < 0xC0 || cp == 0xD7 || cp == 0xF7) return false;
  return !(cp >= 0x2000 && cp <= 0x206F) && !(cp >= 0x3000 && cp <= 0x303F);
}

/// Regions not to read: [[links]] and `code spans`, as [begin, end) byte ranges, in order.
std::vector<std::pair<std::size_t, std::size_t>> skipped_regions(std::string_view text) {
  std::vector<std::pair<std::size_t, std::size_t>> out;
  std::vector<LinkView> links;
  parse_links(text, links);
  std::size_t next_link = 0;
  for (std::size_t i = 0; i < text.size();) {
    if (next_link < links.size() && links[next_link].begin == i) {
      out.emplace_back(i, links[next_link].end);
      i = links[next_link++].end;
      continue;
    }
    while (next_link < links.size() && links[next_link].begin < i) ++next_link;
    if (text[i] == '`') {
      const std::size_t close = text.find('`', i + 1);
      if (close == std::string_view::npos) break;
      out.emplace_back(i, close + 1);
      i = close + 1;
      continue;
    }
    ++i;
  }
  return out;
}

std::vector<Word> split_words(std::string_view text) {
  std::vector<Word> words;
  const auto skipped = skipped_regions(text);
  std::size_t region = 0;
  bool sentence_start = true;
  std::size_t gap_begin = 0;  // where the text since the last word began
  for (std::size_t i = 0; i < text.size();) {
    while (region < skipped.size() && skipped[region].second <= i) ++region;
    if (region < skipped.size() && skipped[region].first <= i) {
      i = skipped[region].second;
      sentence_start = false;
      gap_begin = std::string_view::npos;  // nothing joins across a link
      continue;
    }
    char32_t cp = 0;
    const std::size_t len = utf8_decode(text, i, &cp);
    if (!is_word_char(cp)) {
      if (cp == '.' || cp == '!' || cp == '?' || cp == ':' || cp == '\n') {
        // A paragraph break or a stop; a single newline is a soft break inside a sentence.
        if (cp != '\n' || (i + 1 < text.size() && text[i + 1] == '\n')) sentence_start = true;
      }
      i += len;
      continue;
    }
    Word w;
    w.begin = i;
    w.capital = is_upper(cp);
    w.sentence_start = sentence_start;
    w.joined = !words.empty() && gap_begin == words.back().end && i == gap_begin + 1 && text[gap_begin] == ' ';
    std::size_t j = i;
    while (j < text.size()) {
      char32_t c = 0;
      const std::size_t l = utf8_decode(text, j, &c);
      if (is_word_char(c)) {
        j += l;
      } else if (c == '-' && j + 1 < text.size()) {  // "Soviet-Polish": a hyphen inside a word
        char32_t next = 0;
        utf8_decode(text, j + 1, &next);
        if (!is_word_char(next)) break;
        j += 1;
      } else {
        break;
      }
    }
    w.end = j;
    words.push_back(w);
    sentence_start = false;
    gap_begin = j;
    i = j;
  }
  return words;
}

bool is_connector(std::string_view word) {
  static const std::unordered_set<std::string_view> words = {"of", "the", "de", "del", "della", "di", "da", "du",
                                                             "des", "von", "van", "der", "den", "la", "le", "al"};
  return words.count(word) != 0;
}

/// Words that start sentences in capitals without naming anything.
bool is_function_word(std::string_view word) {
  static const std::unordered_set<std::string_view> words = {
      "The", "A", "An", "This", "That", "These", "Those", "It", "Its", "He", "She", "They", "We", "I", "His",
      "Her", "Their", "Our", "In", "On", "At", "By", "For", "From", "To", "With", "Without", "After", "Before",
      "During", "Although", "Though", "As", "But", "And", "Or", "So", "Yet", "Thanks", "Due", "Some", "Many",
      "Most", "All", "Each", "Every", "When", "While", "Where", "If", "Then", "There", "Here", "Since", "Until",
      "Because", "However", "Meanwhile", "Later", "Soon", "Also", "Even", "Only", "Not", "No", "Both", "Either",
      "Neither", "One", "Two", "Three", "First", "Second", "Third", "Last", "Next", "Other", "Another", "Such",
      "What", "Which", "Who", "Why", "How", "Note", "NB", "OTL", "Despite", "Under", "Over", "Against", "Between",
      "Among", "Into", "Through", "Upon", "Once", "Now", "Still", "Again", "Instead", "Afterwards"};
  return words.count(word) != 0;
}

/// The kind a name's last word suggests.
EntityKind guess_kind(std::string_view name, std::size_t words) {
  const std::size_t space = name.rfind(' ');
  const std::string_view last = space == std::string_view::npos ? name : name.substr(space + 1);
  static const std::unordered_set<std::string_view> organisations = {
      "Party", "Union", "Congress", "Committee", "Army", "Armies", "Organisation", "Organization", "Comintern",
      "Brigades", "Brigade", "Government", "Council", "Church", "Company", "League", "Nations", "Bank", "Navy",
      "Guard", "Front", "Movement", "Assembly", "Parliament", "Duma", "Soviet", "Soviets", "Society", "Institute",
      "University", "Police", "Ministry", "Commission", "Corps", "Bolsheviks", "Mensheviks", "Cheka"};
  static const std::unordered_set<std::string_view> places = {
      "Republic", "Kingdom", "Empire", "City", "River", "Sea", "Ocean", "Island", "Islands", "Mountains", "Lake",
      "Valley", "Province", "Region", "Street", "Square", "Bay", "Coast", "Desert", "Federation", "States"};
  static const std::unordered_set<std::string_view> events = {
      "War", "Wars", "Revolution", "Battle", "Treaty", "Uprising", "Crisis", "Conference", "Agreement", "Pact",
      "Offensive", "Siege", "Rebellion", "Famine", "Act", "Policy", "Plan", "Accords", "Declaration"};
  if (events.count(last)) return EntityKind::Other;  // an event, never a person
  if (organisations.count(last)) return EntityKind::Organisation;
  if (places.count(last)) return EntityKind::Place;
  if (words == 2 || words == 3) {
    // "Joseph Stalin", "Semyon Budyonny": a given name and a family name, no connector.
    if (name.find(" of ") == std::string_view::npos && name.find(" the ") == std::string_view::npos) {
      return EntityKind::Person;
    }
  }
  return EntityKind::Other;
}

/// The texts of an entry that suggestions read.
struct Field {
  std::string Entry::*member;
};
constexpr Field kFields[] = {{&Entry::body}, {&Entry::otl}};

struct Occurrence {
  std::size_t entry = 0;  // index in doc.entries
  std::size_t field = 0;  // index in kFields
  std::size_t begin = 0, end = 0;
};

struct Candidate {
  LinkSuggestion suggestion;
  std::vector<Occurrence> first_in_entry;  // the first occurrence in each entry
  std::size_t last_entry = static_cast<std::size_t>(-1);
  bool outside_sentence_start = false;
};

class Suggester {
 public:
  explicit Suggester(const Document& doc) : doc_(doc), resolver_(doc) {
    for (const Entity& e : doc.entities) {
      add_known(e.name, e.id);
      for (const std::string& alias : e.aliases) add_known(alias, e.id);
    }
    for (const Entry& e : doc.entries) ids_.insert(e.id);
    for (const Entity& e : doc.entities) ids_.insert(e.id);
  }

  /// The suggestions with where they are, known entities first, each group by name.
  std::vector<Candidate> run() {
    collect_lower_case_words();
    for (std::size_t n = 0; n < doc_.entries.size(); ++n) {
      note_links_of(doc_.entries[n]);
      for (std::size_t f = 0; f < std::size(kFields); ++f) read(n, f);
    }
    std::vector<Candidate> out;
    for (auto& [name, c] : known_) out.push_back(std::move(c));
    for (auto& [name, c] : fresh_) {
      if (c.suggestion.entries.size() < 2 || !c.outside_sentence_start || known_names_.count(fold_name(name))) continue;
      c.suggestion.entity_id = new_id(name);
      out.push_back(std::move(c));
    }
    return out;
  }

 private:
  void add_known(const std::string& name, const std::string& id) {
    if (trim_view(name).empty()) return;
    auto [it, fresh] = known_names_.emplace(fold_name(name), id);
    if (!fresh && it->second != id) it->second.clear();  // two entities: ambiguous, never suggested
  }

  /// The entities the entry links to already: their names are not suggested in it again.
  void note_links_of(const Entry& entry) {
    linked_here_.clear();
    if (doc_.entities.empty()) return;
    for (const std::string* text : {&entry.body, &entry.otl, &entry.notes}) {
      links_.clear();
      parse_links(*text, links_);
      for (const LinkView& link : links_) linked_here_.insert(resolver_.resolve_one(link.target));
    }
  }

  /// Every word the entries have in lower case: a capitalised word also written in lower case
  /// is an ordinary word ("Death" / "death").
  void collect_lower_case_words() {
    for (const Entry& entry : doc_.entries) {
      for (const Field& field : kFields) {
        const std::string& text = entry.*field.member;
        for (const Word& w : split_words(text)) {
          if (!w.capital) lower_.emplace(std::string_view(text).substr(w.begin, w.end - w.begin));
        }
      }
    }
  }

  bool lower_case_elsewhere(std::string_view word) const {
    if (word.empty() || word[0] < 'A' || word[0] > 'Z') return false;  // ASCII words only
    std::string low(word);
    low[0] = static_cast<char>(low[0] - 'A' + 'a');
    return lower_.count(low) != 0;
  }

  void read(std::size_t n, std::size_t f) {
    const std::string& text = doc_.entries[n].*kFields[f].member;
    if (text.empty()) return;
    const std::vector<Word> words = split_words(text);
    const auto view = [&](std::size_t a, std::size_t b) {  // words [a, b)
      return std::string_view(text).substr(words[a].begin, words[b - 1].end - words[a].begin);
    };
    const auto joined = [&](std::size_t a, std::size_t b) {
      for (std::size_t k = a + 1; k < b; ++k)
        if (!words[k].joined) return false;
      return true;
    };
    std::size_t i = 0;
    while (i < words.size()) {
      if (!words[i].capital) {
        ++i;
        continue;
      }
      // A known name, longest first.
      std::size_t matched = 0;
      for (std::size_t len = std::min(kMaxNameWords, words.size() - i); len >= 1 && !matched; --len) {
        if (!joined(i, i + len)) continue;
        const auto it = known_names_.find(fold_name(view(i, i + len)));
        if (it != known_names_.end() && !it->second.empty()) {
          if (!linked_here_.count(it->second)) note_known(it->second, std::string(view(i, i + len)), {n, f, words[i].begin, words[i + len - 1].end});
          matched = len;
        }
      }
      if (matched) {
        i += matched;
        continue;
      }
      // A run of capitalised words, with connectors inside.
      std::size_t end = i + 1;
      while (end < words.size() && end - i < kMaxNameWords && words[end].joined) {
        if (words[end].capital) {
          ++end;
          continue;
        }
        std::size_t k = end;
        while (k < words.size() && k - end < 2 && words[k].joined && !words[k].capital && is_connector(view(k, k + 1))) ++k;
        if (k > end && k < words.size() && words[k].joined && words[k].capital) {
          end = k + 1;
          continue;
        }
        break;
      }
      std::size_t begin = i;
      bool at_start = words[i].sentence_start;
      while (begin < end && at_start) {
        const std::string_view first = view(begin, begin + 1);
        if (!is_function_word(first) && !lower_case_elsewhere(first)) break;
        ++begin;  // "The Comintern": the run starts after "The"
        while (begin < end && !words[begin].capital) ++begin;  // and after a connector left first
        at_start = false;
      }
      if (begin < end) {
        const std::string_view name = view(begin, end);
        const bool one_word = end - begin == 1;
        if (!(one_word && lower_case_elsewhere(name)) && code_points_ok(name)) {
          note_fresh(std::string(name), at_start, {n, f, words[begin].begin, words[end - 1].end}, end - begin);
        }
      }
      i = end;
    }
  }

  static bool code_points_ok(std::string_view name) { return name.size() >= 2 && name.size() <= 200; }

  void note(Candidate& c, const Occurrence& at) {
    ++c.suggestion.occurrences;
    if (c.last_entry == at.entry) return;
    c.last_entry = at.entry;
    c.suggestion.entries.push_back(doc_.entries[at.entry].id);
    c.first_in_entry.push_back(at);
  }

  void note_known(const std::string& entity_id, std::string name, const Occurrence& at) {
    Candidate& c = known_[name];
    c.suggestion.kind = LinkSuggestion::Kind::Known;
    c.suggestion.name = std::move(name);
    c.suggestion.entity_id = entity_id;
    note(c, at);
  }

  void note_fresh(std::string name, bool at_start, const Occurrence& at, std::size_t words) {
    Candidate& c = fresh_[name];
    c.suggestion.kind = LinkSuggestion::Kind::NewEntity;
    if (c.suggestion.name.empty()) c.suggestion.entity_kind = guess_kind(name, words);
    c.suggestion.name = std::move(name);
    // Two capitalised words or more are a name even at a sentence's start ("Lajos Kossuth is
    // elected"); one word there may be any word ("Although").
    if (!at_start || words >= 2) c.outside_sentence_start = true;
    note(c, at);
  }

  std::string new_id(const std::string& name) {
    const std::string base = slugify(name);
    std::string id = base;
    for (int k = 2; ids_.count(id); ++k) id = base + "-" + std::to_string(k);
    ids_.insert(id);
    return id;
  }

  const Document& doc_;
  const LinkResolver resolver_;
  std::unordered_set<std::string> linked_here_;  // entity ids the entry being read links to
  std::vector<LinkView> links_;
  std::unordered_map<std::string, std::string> known_names_;  // folded name or alias -> entity id ("" ambiguous)
  std::unordered_set<std::string> ids_;
  std::unordered_set<std::string> lower_;  // words written in lower case (the first letter)
  std::map<std::string, Candidate> known_, fresh_;  // by name as written
};

}  // namespace

std::vector<LinkSuggestion> suggest_links(const Document& doc) {
  std::vector<LinkSuggestion> out;
  for (Candidate& c : Suggester(doc).run()) out.push_back(std::move(c.suggestion));
  return out;
}

LinkChanges apply_link_suggestions(const Document& doc, const std::vector<LinkSuggestion>& accepted) {
  // The accepted suggestions are found again in `doc` (the positions of their first occurrence
  // in each entry), so that what is linked is exactly what suggest_links found.
  std::map<std::pair<LinkSuggestion::Kind, std::string>, const LinkSuggestion*> wanted;
  for (const LinkSuggestion& s : accepted) wanted.emplace(std::make_pair(s.kind, s.name), &s);
  std::vector<std::pair<const LinkSuggestion*, Candidate>> found;
  for (Candidate& c : Suggester(doc).run()) {
    const auto it = wanted.find({c.suggestion.kind, c.suggestion.name});
    if (it != wanted.end()) found.emplace_back(it->second, std::move(c));
  }
  LinkChanges changes;
  Document after = doc;
  std::unordered_set<std::string> ids;
  for (const Entry& e : doc.entries) ids.insert(e.id);
  for (const Entity& e : doc.entities) ids.insert(e.id);
  for (auto& [accepted_one, c] : found) {
    if (c.suggestion.kind != LinkSuggestion::Kind::NewEntity) continue;
    Entity entity;
    entity.id = ids.count(accepted_one->entity_id) ? c.suggestion.entity_id : accepted_one->entity_id;
    if (ids.count(entity.id)) continue;
    entity.name = c.suggestion.name;
    entity.kind = accepted_one->entity_kind;
    c.suggestion.entity_id = entity.id;
    ids.insert(entity.id);
    after.entities.push_back(entity);
    changes.entities.push_back(std::move(entity));
  }
  const LinkResolver resolver(after);
  // Per entry and field, the replacements (begin, end, link), applied back to front.
  std::map<std::pair<std::size_t, std::size_t>, std::vector<std::tuple<std::size_t, std::size_t, std::string>>> edits;
  for (const auto& [accepted_one, c] : found) {
    const std::string& id = c.suggestion.entity_id;
    if (!ids.count(id)) continue;
    const std::string& name = c.suggestion.name;
    const std::string link = resolver.resolve_one(name) == id ? "[[" + name + "]]" : "[[" + id + "|" + name + "]]";
    for (const Occurrence& at : c.first_in_entry) edits[{at.entry, at.field}].emplace_back(at.begin, at.end, link);
  }
  std::size_t last_entry = static_cast<std::size_t>(-1);
  for (auto& [where, list] : edits) {
    if (where.first != last_entry) {
      changes.entries.push_back(doc.entries[where.first]);
      last_entry = where.first;
    }
    std::string& text = changes.entries.back().*kFields[where.second].member;
    std::sort(list.begin(), list.end());
    for (auto r = list.rbegin(); r != list.rend(); ++r) {
      text.replace(std::get<0>(*r), std::get<1>(*r) - std::get<0>(*r), std::get<2>(*r));
      ++changes.links;
    }
  }
  return changes;
}

std::string describe(const LinkSuggestion& s) {
  std::string out = "link \"" + s.name + "\" (";
  if (s.kind == LinkSuggestion::Kind::NewEntity) out += std::string("new ") + to_string(s.entity_kind) + " ";
  out += s.entity_id + ") in " + std::to_string(s.entries.size()) + (s.entries.size() == 1 ? " entry" : " entries");
  out += " (" + std::to_string(s.occurrences) + (s.occurrences == 1 ? " time" : " times") + "): ";
  for (std::size_t i = 0; i < s.entries.size(); ++i) {
    if (i == 5) {
      out += ", …";
      break;
    }
    if (i) out += ", ";
    out += s.entries[i];
  }
  return out;
}

}  // namespace uch
