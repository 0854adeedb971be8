// Tests of the incremental checker: after any sequence of edits it must equal a full check.
#include <doctest/doctest.h>

#include <random>

#include "check_fixtures.hpp"
#include "uchronia/draft_order.hpp"

using namespace checktest;
using uch::Calendar;
using uch::RelationType;

namespace {

/// Random documents and edits over small pools of names and dates, so that links collide,
/// series and titles repeat, relations cycle, and dates cross every edge case.
struct Randomizer {
  std::mt19937 rng;
  int next_id = 0;
  bool consistent = false;  // orient ordering relations from earlier to later entries
  explicit Randomizer(unsigned seed, bool consistent_relations = false) : rng(seed), consistent(consistent_relations) {}

  int pick(int n) { return std::uniform_int_distribution<int>(0, n - 1)(rng); }
  bool chance(int percent) { return pick(100) < percent; }
  template <class T, std::size_t N>
  const T& one(const T (&pool)[N]) {
    return pool[pick(static_cast<int>(N))];
  }

  static constexpr const char* kNames[] = {"Alpha", "Beta", "Gamma", "alpha", "Koba", "Joseph Stalin", "Ёж", "ёж"};
  static constexpr const char* kDates[] = {"",           "1900",       "1901",      "1900-05",     "1900~",
                                           "1901?",      "1899/1902",  "2008/1964", "1900-02-30",  "1917-10-25",
                                           "1917-11-05", "1917-11-08", "-0001",     "0000",        "0001",
                                           "190X",       "1900/..",    "1900-21",   "1902-06-11%", "1899"};
  static constexpr const char* kRules[] = {"date.invalid",      "date.range-reversed", "date.missing",
                                           "ref.dangling",      "ref.ambiguous",       "ref.outside-lifespan",
                                           "relation.violated", "relation.cycle",      "series.out-of-order",
                                           "series.duplicate",  "entry.duplicate",     "draft.out-of-order"};

  std::string target(const uch::Document& doc) {
    switch (pick(6)) {
      case 0:
        if (!doc.entities.empty()) return doc.entities[pick(static_cast<int>(doc.entities.size()))].id;
        break;
      case 1:
        if (!doc.entries.empty()) return doc.entries[pick(static_cast<int>(doc.entries.size()))].id;
        break;
      case 2:
        return "Ghost";
      default:
        break;
    }
    return one(kNames);
  }

  std::string text(const uch::Document& doc) {
    std::string out;
    for (int i = pick(4); i > 0; --i) out += "see [[ " + target(doc) + (chance(30) ? "|label" : "") + "]] ";
    return out;
  }

  uch::Calendar calendar() { return chance(20) ? Calendar::Julian : Calendar::Gregorian; }

  std::vector<uch::Acknowledgement> acks() {
    std::vector<uch::Acknowledgement> out;
    if (chance(20)) out.push_back(ack(one(kRules)));
    return out;
  }

  uch::Entry entry(const uch::Document& doc, const std::string& id) {
    uch::Entry e;
    e.id = id;
    e.date = one(kDates);
    e.title = chance(50) ? std::string(one(kNames)) : "Title " + std::to_string(pick(4));
    e.body = text(doc);
    e.otl = chance(30) ? text(doc) : "";
    e.notes = chance(20) ? text(doc) : "";
    e.calendar = calendar();
    if (chance(40)) e.series = uch::Series{chance(50) ? "Congress" : (chance(50) ? "congress" : "Other"), pick(5)};
    if (chance(50)) uch::set_draft_order(e, 1 + pick(6));  // positions repeat too
    e.acknowledged = acks();
    return e;
  }

  uch::Entity entity(const uch::Document& doc, const std::string& id) {
    uch::Entity n;
    n.id = id;
    n.name = one(kNames);
    n.kind = static_cast<uch::EntityKind>(pick(4));
    for (int i = pick(3); i > 0; --i) n.aliases.push_back(one(kNames));
    n.start = chance(70) ? one(kDates) : "";
    n.end = chance(70) ? one(kDates) : "";
    n.notes = chance(30) ? text(doc) : "";
    n.calendar = calendar();
    n.acknowledged = acks();
    return n;
  }

  uch::Relation relation(const uch::Document& doc) {
    auto end = [&]() -> std::string {
      if (chance(8)) return "ghost" + std::to_string(pick(2));
      if (chance(8) && !doc.entities.empty()) return doc.entities[pick(static_cast<int>(doc.entities.size()))].id;
      if (doc.entries.empty()) return "e0";
      return doc.entries[pick(static_cast<int>(doc.entries.size()))].id;
    };
    uch::Relation rel{end(), static_cast<RelationType>(pick(5)), end(), {}};
    if (consistent) {
      // Earlier (comparison lower bound; undated or invalid last) -> later, as a sound
      // timeline has them: then cycles can only form among entries of one date.
      auto rank = [&](const std::string& id) {
        for (const auto& e : doc.entries)
          if (e.id == id) {
            const uch::DateInfo info = uch::parse_edtf(e.date, e.calendar);
            return info.valid ? info.cmp_lower : uch::kUnboundedHigh;
          }
        return uch::kUnboundedHigh;
      };
      const bool forward = rel.type != RelationType::After;
      const std::string& tail = forward ? rel.from : rel.to;
      const std::string& head = forward ? rel.to : rel.from;
      if (rank(tail) > rank(head)) std::swap(rel.from, rel.to);
    }
    return rel;
  }

  std::string fresh(const char* prefix) { return prefix + std::to_string(next_id++); }

  uch::Document document(int entries, int entities, int relations) {
    uch::Document doc;
    for (int i = 0; i < entities; ++i) doc.entities.push_back(entity(doc, fresh("n")));
    for (int i = 0; i < entries; ++i) doc.entries.push_back(entry(doc, fresh("e")));
    for (auto& e : doc.entries) e.body = text(doc);  // links to later items too
    for (int i = 0; i < relations; ++i) doc.relations.push_back(relation(doc));
    doc.description = text(doc);
    return doc;
  }
};

template <class T>
T* find_item(std::vector<T>& items, const std::string& id) {
  for (auto& item : items)
    if (item.id == id) return &item;
  return nullptr;
}

template <class T>
void erase_item(std::vector<T>& items, const std::string& id) {
  items.erase(std::remove_if(items.begin(), items.end(), [&](const T& t) { return t.id == id; }), items.end());
}

/// One random edit applied to both the document and the checker.
std::string random_edit(Randomizer& r, uch::Document& doc, uch::Checker& checker) {
  const int kind = r.pick(11);
  if (kind <= 1 && !doc.entries.empty()) {  // change an entry
    const std::string id = doc.entries[r.pick(static_cast<int>(doc.entries.size()))].id;
    uch::Entry e = r.entry(doc, id);
    if (r.chance(30)) {  // a small change: only the date, or only the title
      e = *find_item(doc.entries, id);
      if (r.chance(50))
        e.date = r.one(Randomizer::kDates);
      else
        e.title = r.one(Randomizer::kNames);
    }
    *find_item(doc.entries, id) = e;
    checker.update_entry(id, &e);
    return "change entry " + id;
  }
  if (kind == 2) {  // add an entry
    uch::Entry e = r.entry(doc, r.fresh("e"));
    doc.entries.push_back(e);
    checker.update_entry(e.id, &e);
    return "add entry " + e.id;
  }
  if (kind == 3 && !doc.entries.empty()) {  // remove an entry (its relations stay, dangling)
    const std::string id = doc.entries[r.pick(static_cast<int>(doc.entries.size()))].id;
    erase_item(doc.entries, id);
    checker.update_entry(id, nullptr);
    return "remove entry " + id;
  }
  if (kind == 4 && !doc.entities.empty()) {  // change an entity
    const std::string id = doc.entities[r.pick(static_cast<int>(doc.entities.size()))].id;
    uch::Entity n = r.entity(doc, id);
    *find_item(doc.entities, id) = n;
    checker.update_entity(id, &n);
    return "change entity " + id;
  }
  if (kind == 5) {  // add an entity
    uch::Entity n = r.entity(doc, r.fresh("n"));
    doc.entities.push_back(n);
    checker.update_entity(n.id, &n);
    return "add entity " + n.id;
  }
  if (kind == 6 && !doc.entities.empty()) {  // remove an entity
    const std::string id = doc.entities[r.pick(static_cast<int>(doc.entities.size()))].id;
    erase_item(doc.entities, id);
    checker.update_entity(id, nullptr);
    return "remove entity " + id;
  }
  if (kind == 7 || kind == 8) {  // add a relation (duplicates allowed)
    uch::Relation rel = r.relation(doc);
    doc.relations.push_back(rel);
    checker.add_relation(rel);
    return "add relation " + rel.from + " " + uch::to_string(rel.type) + " " + rel.to;
  }
  if (kind == 9 && !doc.relations.empty()) {  // remove a relation
    const int at = r.pick(static_cast<int>(doc.relations.size()));
    uch::Relation rel = doc.relations[at];
    doc.relations.erase(doc.relations.begin() + at);
    checker.remove_relation(rel);
    return "remove relation " + rel.from + " " + uch::to_string(rel.type) + " " + rel.to;
  }
  if (kind == 10 && !doc.entries.empty() && r.chance(50)) {  // an entry becomes an entity with its id
    const std::string id = doc.entries[r.pick(static_cast<int>(doc.entries.size()))].id;
    erase_item(doc.entries, id);
    uch::Entity n = r.entity(doc, id);
    doc.entities.push_back(n);
    checker.update_entity(id, &n);
    return "entry becomes entity " + id;
  }
  doc.description = r.text(doc);
  checker.update_description(doc.description);
  return "change description";
}

}  // namespace

TEST_CASE("incremental: random edits always give the findings of a full check") {
  int compared = 0;
  int non_empty = 0;
  for (unsigned seed = 1; seed <= 30; ++seed) {
    Randomizer r(seed, /*consistent_relations=*/seed > 20);
    uch::Document doc = r.document(12 + r.pick(10), 4 + r.pick(4), 6 + r.pick(10));
    uch::Checker checker(doc);
    REQUIRE(checker.findings() == uch::check_document(doc));
    for (int step = 0; step < 150; ++step) {
      const std::string what = random_edit(r, doc, checker);
      if (r.chance(25)) continue;  // several edits between two reads
      const auto expected = uch::check_document(doc);
      const auto& actual = checker.findings();
      INFO("seed " << seed << " step " << step << ": " << what);
      REQUIRE(actual.size() == expected.size());
      for (std::size_t i = 0; i < expected.size(); ++i) {
        INFO("finding " << i << ": " << expected[i].rule << " " << uch::subject_of(expected[i]) << " "
                        << expected[i].message << " / " << actual[i].rule << " " << uch::subject_of(actual[i]) << " "
                        << actual[i].message);
        REQUIRE(actual[i] == expected[i]);
      }
      ++compared;
      non_empty += !expected.empty();
    }
  }
  CHECK(compared > 2000);
  CHECK(non_empty > compared / 2);
}

TEST_CASE("incremental: a link resolves once its target gets the name, and dangles again") {
  DocBuilder b;
  b.person("p", "Somebody", "1800", "1850");
  b.entry("e", "1900").body = "[[Koba]]";
  uch::Checker checker(b.doc);
  REQUIRE(checker.findings().size() == 1);
  CHECK(checker.findings()[0].rule == "ref.dangling");
  uch::Entity p = b.doc.entities[0];
  p.aliases = {"Koba"};
  checker.update_entity("p", &p);
  REQUIRE(checker.findings().size() == 1);
  CHECK(checker.findings()[0].rule == "ref.outside-lifespan");
  p.end = "1950";
  checker.update_entity("p", &p);
  CHECK(checker.findings().empty());
  uch::Entry twin;
  twin.id = "twin";
  twin.title = "KOBA";
  twin.date = "1900";
  checker.update_entry("twin", &twin);
  REQUIRE(checker.findings().size() == 1);
  CHECK(checker.findings()[0].rule == "ref.ambiguous");
  checker.update_entry("twin", nullptr);
  checker.update_entity("p", nullptr);
  REQUIRE(checker.findings().size() == 1);
  CHECK(checker.findings()[0].rule == "ref.dangling");
}

TEST_CASE("incremental: cycles appear and split as relations come and go") {
  DocBuilder b;
  for (const char* id : {"a", "b", "c", "d"}) b.entry(id, "");
  uch::Checker checker(b.doc);
  const uch::Relation ab{"a", RelationType::Before, "b", {}}, bc{"b", RelationType::Causes, "c", {}},
      ca{"c", RelationType::Before, "a", {}}, cd{"c", RelationType::Before, "d", {}},
      da{"a", RelationType::After, "d", {}};
  for (const auto& rel : {ab, bc, ca, cd, da}) checker.add_relation(rel);
  auto cycles = of_rule(checker.findings(), "relation.cycle");
  REQUIRE(cycles.size() == 1);
  CHECK(cycles[0].related == std::vector<std::string>{"b", "c", "d"});
  checker.remove_relation(ca);
  cycles = of_rule(checker.findings(), "relation.cycle");
  REQUIRE(cycles.size() == 1);
  checker.remove_relation(da);
  CHECK(of_rule(checker.findings(), "relation.cycle").empty());
  checker.add_relation(ca);
  checker.update_entry("b", nullptr);  // the cycle loses an entry
  CHECK(of_rule(checker.findings(), "relation.cycle").empty());
  uch::Entry b2;
  b2.id = "b";
  b2.title = "back";
  checker.update_entry("b", &b2);
  cycles = of_rule(checker.findings(), "relation.cycle");
  REQUIRE(cycles.size() == 1);
  CHECK(cycles[0].entry == "a");
  CHECK(cycles[0].related == std::vector<std::string>{"b", "c"});
}

TEST_CASE("incremental: findings() is cached until something changes; findings_for") {
  DocBuilder b;
  b.entry("a", "");
  b.entry("b", "1920").body = "[[Ghost]]";
  uch::Checker checker(b.doc);
  const auto* first = &checker.findings();
  const auto copy = checker.findings();
  CHECK(&checker.findings() == first);
  CHECK(checker.findings() == copy);
  CHECK(checker.findings_for("a").size() == 1);
  CHECK(checker.findings_for("b").size() == 1);
  CHECK(checker.findings_for("nobody").empty());
  uch::Entry a = b.doc.entries[0];
  a.date = "1910";
  checker.update_entry("a", &a);
  CHECK(checker.findings_for("a").empty());
  CHECK(checker.findings().size() == 1);
  // Reloading starts afresh.
  checker.load(b.doc);
  CHECK(checker.findings() == copy);
  uch::Checker moved = std::move(checker);
  CHECK(moved.findings() == copy);
}

TEST_CASE("incremental: an entry renamed (new id) and an empty checker loaded later") {
  uch::Checker checker;
  CHECK(checker.findings().empty());
  DocBuilder b;
  b.entry("old-id", "1920", "Battle").body = "[[Battle]]";
  b.entry("linker", "1921").body = "[[old-id]]";
  checker.load(b.doc);
  CHECK(checker.findings().empty());
  uch::Entry renamed = b.doc.entries[0];
  renamed.id = "new-id";
  checker.update_entry("old-id", &renamed);
  b.doc.entries[0] = renamed;
  const auto& found = checker.findings();
  CHECK(found == uch::check_document(b.doc));
  REQUIRE(found.size() == 1);
  CHECK(found[0].rule == "ref.dangling");
  CHECK(found[0].entry == "linker");
}

TEST_CASE("incremental: a document repeating an id is checked alike both ways") {
  // Import refuses repeated ids, but a Document built in memory may have them: the first
  // record is kept, named as its last one is (as an edit would leave it).
  DocBuilder b;
  b.person("x", "Alpha", "1800", "1850");
  b.entry("x", "1900", "Beta");
  b.entry("a", "1920").body = "[[Alpha]] [[Beta]] [[x]]";
  uch::Checker checker(b.doc);
  const auto expected = uch::check_document(b.doc);
  CHECK(checker.findings() == expected);
  CHECK(!about(expected, "ref.dangling", "a").empty());  // [[Alpha]]: the names are the entry's
  uch::Entry a = b.doc.entries[1];
  a.body = "[[Beta]]";
  checker.update_entry("a", &a);
  b.doc.entries[1] = a;
  CHECK(checker.findings() == uch::check_document(b.doc));
}
