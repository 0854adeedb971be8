// Benchmark of the consistency checker: full check of a generated timeline, and re-check after one edit.
//
// uchronia-check-bench [--entries N] [--entities M] [--runs R] [--edits E] [--seed S] [--json FILE]
// --json checks an interchange JSON file instead (edits: body and notes rewordings only).
// The generated document is consistent (links, series, relations, mixed dates: approximate,
// uncertain, intervals, seasons, decades, Old Style), so a correct checker reports nothing.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <random>
#include <string>
#include <vector>

#include "uchronia/check.hpp"
#include "uchronia/interchange.hpp"

namespace {

struct Options {
  int entries = 100000;
  int entities = -1;  // default: entries / 10
  int runs = 5;
  int edits = 100;
  unsigned seed = 42;
  const char* json = nullptr;  // check this interchange file instead of a generated document
};

/// Conservative year bounds of a generated date, widening included: two dates whose
/// year bounds do not overlap are certainly ordered.
struct Years {
  int lo, hi;
};

struct Generated {
  uch::Document doc;
  std::vector<Years> years;     // per entry
  std::vector<bool> in_series;  // per entry
};

std::string pad4(int year) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d", year);
  return buf;
}

std::string two(int v) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "%02d", v);
  return buf;
}

/// A date in year `y` of one of many EDTF forms, and its conservative year bounds.
std::pair<std::string, Years> make_date(std::mt19937& rng, int y, uch::Calendar& calendar) {
  const int form = std::uniform_int_distribution<int>(0, 11)(rng);
  const int month = std::uniform_int_distribution<int>(2, 11)(rng);
  const int day = std::uniform_int_distribution<int>(1, 28)(rng);
  calendar = uch::Calendar::Gregorian;
  switch (form) {
    case 0:
    case 1:
    case 2:
      return {pad4(y) + "-" + two(month) + "-" + two(day), {y, y}};
    case 3:
      calendar = uch::Calendar::Julian;
      return {pad4(y) + "-" + two(month) + "-" + two(day), {y, y}};
    case 4:
      return {pad4(y) + "-" + two(month), {y, y}};
    case 5:
      return {pad4(y), {y, y}};
    case 6:
      return {pad4(y) + "~", {y - 1, y + 1}};
    case 7:
      return {pad4(y) + "?", {y, y}};
    case 8:
      return {pad4(y) + "-" + two(month) + "~", {y, y}};
    case 9:
      return {pad4(y) + "-" + two(month) + "-" + two(day) + "%", {y, y}};
    case 10:
      return {pad4(y) + "-2" + std::to_string(1 + month % 3), {y, y}};  // spring..autumn
    default:
      return {pad4(y) + "-02/" + pad4(y) + "-" + two(month), {y, y}};
  }
}

Generated generate(const Options& opt) {
  Generated g;
  std::mt19937 rng(opt.seed);
  const int n_entities = opt.entities >= 0 ? opt.entities : std::max(10, opt.entries / 10);
  const int cohort_size = 10;
  const int cohorts = std::max(1, n_entities / cohort_size);
  auto window = [&](int cohort) { return 1000 + (cohort * 37) % 800; };  // lifespan start year

  // Entities: a cohort of ten shares a lifespan window [S, S+80].
  g.doc.entities.reserve(n_entities);
  for (int i = 0; i < n_entities; ++i) {
    const int start = window(i / cohort_size % cohorts);
    uch::Entity e;
    e.id = "ent-" + std::to_string(i);
    e.name = "Entity " + std::to_string(i) + " Name";
    e.aliases = {"E" + std::to_string(i), "Сущность " + std::to_string(i)};
    e.kind = static_cast<uch::EntityKind>(i % 4);
    e.start = i % 3 ? pad4(start) : pad4(start) + "-03-15";
    if (i % 10 != 9) e.end = i % 2 ? pad4(start + 80) : pad4(start + 80) + "-10-01";
    if (i % 7 == 0) e.calendar = uch::Calendar::Julian;
    e.notes = "Founding member of [[Entity " + std::to_string((i + 1) % n_entities) + " Name]]'s circle.";
    g.doc.entities.push_back(std::move(e));
  }

  // Entries: most belong to a cohort and link its entities; every tenth is in a series.
  g.doc.entries.reserve(opt.entries);
  g.years.reserve(opt.entries);
  std::uniform_int_distribution<int> any_entity(0, n_entities - 1);
  for (int j = 0; j < opt.entries; ++j) {
    uch::Entry e;
    e.id = "entry-" + std::to_string(j);
    e.title = "Event " + std::to_string(j);
    e.tags = {"generated"};
    Years years{};
    const bool series = j % 10 == 0;
    if (series) {
      const int s = (j / 10) % 1000, number = j / 10000;
      const int y = 1000 + number * 60 + s % 7;
      auto [date, ys] = make_date(rng, y, e.calendar);
      e.date = date;
      years = ys;
      e.series = uch::Series{"Series " + std::to_string(s), number + 1};
      e.body = "The meeting follows [[Event " + std::to_string(j ? j - 1 : 1) + "]].";
    } else if (j % 97 == 5) {
      // A long interval (used by `during` relations).
      const int cohort = j % cohorts, s = window(cohort);
      const int y0 = s + 10 + static_cast<int>(rng() % 20);
      e.date = pad4(y0) + "/" + pad4(y0 + 30);
      years = {y0, y0 + 30};
      const int k = cohort * cohort_size;
      e.body = "A long war: [[Entity " + std::to_string(k) + " Name]] against [[E" + std::to_string(k + 1) + "]].";
    } else {
      const int cohort = j % cohorts, s = window(cohort);
      const int y = s + 5 + static_cast<int>(rng() % 66);
      if (j % 53 == 7) {
        const int decade = (y / 10) * 10;
        e.date = pad4(decade).substr(0, 3) + "X";
        years = {decade, decade + 9};
      } else {
        auto [date, ys] = make_date(rng, y, e.calendar);
        e.date = date;
        years = ys;
      }
      const int k = cohort * cohort_size + static_cast<int>(rng() % cohort_size);
      const int k2 = cohort * cohort_size + static_cast<int>(rng() % cohort_size);
      const int k3 = cohort * cohort_size + static_cast<int>(rng() % cohort_size);
      e.body = "On this day [[Entity " + std::to_string(k % n_entities) + " Name]] met [[e" +
               std::to_string(k2 % n_entities) + "|an ally]] and [[ent-" + std::to_string(k3 % n_entities) +
               "]], as told in [[Event " + std::to_string(j ? j - 1 : 1) + "]] and [[сущность " +
               std::to_string(k % n_entities) + "]].";
    }
    e.otl = "In our timeline, [[ent-" + std::to_string(any_entity(rng)) + "]] was elsewhere.";
    if (j % 5 == 0) e.notes = "Source: [[entry-" + std::to_string((j + 3) % opt.entries) + "]].";
    g.doc.entries.push_back(std::move(e));
    g.years.push_back(years);
    g.in_series.push_back(series);
  }

  // Relations between entries whose years are certainly ordered (so none is violated and
  // the ordering graph is acyclic), plus `during` into long intervals.
  std::uniform_int_distribution<int> any_entry(0, opt.entries - 1);
  const int wanted = opt.entries / 2;
  for (int made = 0, tries = 0; made < wanted && tries < wanted * 20; ++tries) {
    int a = any_entry(rng), b = any_entry(rng);
    if (g.years[b].hi < g.years[a].lo) std::swap(a, b);
    const auto& A = g.doc.entries[a].id;
    const auto& B = g.doc.entries[b].id;
    if (g.years[a].hi < g.years[b].lo) {
      switch (made % 4) {
        case 0:
          g.doc.relations.push_back({A, uch::RelationType::Before, B, {}});
          break;
        case 1:
          g.doc.relations.push_back({A, uch::RelationType::Causes, B, {}});
          break;
        case 2:
          g.doc.relations.push_back({B, uch::RelationType::After, A, {}});
          break;
        default:
          g.doc.relations.push_back({B, uch::RelationType::Ends, A, {}});
          break;
      }
      ++made;
    } else if (b % 97 == 5 && b % 10 != 0 && g.years[a].lo > g.years[b].lo && g.years[a].hi < g.years[b].hi) {
      // `a` lies strictly inside the long interval `b` (whole years on both sides).
      g.doc.relations.push_back({A, uch::RelationType::During, B, {}});
      ++made;
    }
  }
  g.doc.title = "Generated";
  g.doc.description = "A generated timeline about [[Entity 0 Name]] and [[Event 0]].";
  return g;
}

double ms_since(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
}

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v.empty() ? 0 : v.size() % 2 ? v[v.size() / 2] : (v[v.size() / 2 - 1] + v[v.size() / 2]) / 2;
}

void report_findings(const std::vector<uch::Finding>& findings, const char* when) {
  static bool reported = false;
  if (findings.empty() || reported) return;
  reported = true;
  std::fprintf(stderr, "warning: %zu findings %s (the generated document should be clean), first: %s %s: %s\n",
               findings.size(), when, findings[0].rule.c_str(), uch::subject_of(findings[0]).c_str(),
               findings[0].message.c_str());
}

}  // namespace

int main(int argc, char** argv) {
  Options opt;
  for (int i = 1; i < argc; ++i) {
    auto value = [&](const char* name) -> long {
      if (i + 1 >= argc) {
        std::fprintf(stderr, "%s needs a value\n", name);
        std::exit(2);
      }
      return std::strtol(argv[++i], nullptr, 10);
    };
    if (!std::strcmp(argv[i], "--entries"))
      opt.entries = static_cast<int>(value("--entries"));
    else if (!std::strcmp(argv[i], "--entities"))
      opt.entities = static_cast<int>(value("--entities"));
    else if (!std::strcmp(argv[i], "--runs"))
      opt.runs = static_cast<int>(value("--runs"));
    else if (!std::strcmp(argv[i], "--edits"))
      opt.edits = static_cast<int>(value("--edits"));
    else if (!std::strcmp(argv[i], "--seed"))
      opt.seed = static_cast<unsigned>(value("--seed"));
    else if (!std::strcmp(argv[i], "--json") && i + 1 < argc)
      opt.json = argv[++i];
    else {
      std::fprintf(stderr, "usage: %s [--entries N] [--entities M] [--runs R] [--edits E] [--seed S] [--json FILE]\n",
                   argv[0]);
      return 2;
    }
  }
  if (opt.entries < 2 || opt.runs < 1 || opt.edits < 0) {
    std::fprintf(stderr, "--entries must be at least 2, --runs at least 1\n");
    return 2;
  }

  auto t0 = std::chrono::steady_clock::now();
  Generated g;
  if (opt.json) {
    g.doc = uch::read_interchange_file(opt.json);
  } else {
    g = generate(opt);
  }
  const bool generated = !opt.json;
  std::printf("%s %zu entries, %zu entities, %zu relations in %.0f ms\n", generated ? "generated" : "read",
              g.doc.entries.size(), g.doc.entities.size(), g.doc.relations.size(), ms_since(t0));

  // Full check, two ways: check_document (one shot, as `uchronia check` does; teardown
  // included) and an incremental Checker loaded and asked for its findings (the editor).
  std::vector<double> one_shot, loaded;
  for (int run = 0; run < opt.runs; ++run) {
    t0 = std::chrono::steady_clock::now();
    const auto findings = uch::check_document(g.doc);
    one_shot.push_back(ms_since(t0));
    if (run == 0) report_findings(findings, "in the full check");
    t0 = std::chrono::steady_clock::now();
    uch::Checker checker(g.doc);
    checker.findings();
    loaded.push_back(ms_since(t0));
  }
  std::printf("full check (check_document): median %.1f ms over %d runs\n", median(one_shot), opt.runs);
  std::printf("full check (Checker load + findings): median %.1f ms over %d runs\n", median(loaded), opt.runs);

  // Single edits: a body rewording or a date written another way (same year), each followed
  // by findings(); alternately an entity's notes.
  uch::Checker checker(g.doc);
  report_findings(checker.findings(), "before the edits");
  std::mt19937 rng(opt.seed + 1);
  std::vector<double> entry_edits, entity_edits;
  for (int k = 0; k < opt.edits && !g.doc.entries.empty(); ++k) {
    if (k % 4 == 3 && !g.doc.entities.empty()) {
      uch::Entity& e = g.doc.entities[rng() % g.doc.entities.size()];
      e.notes += " Revised.";
      t0 = std::chrono::steady_clock::now();
      checker.update_entity(e.id, &e);
      const auto& findings = checker.findings();
      entity_edits.push_back(ms_since(t0));
      report_findings(findings, "after an entity edit");
      continue;
    }
    const std::size_t j = rng() % g.doc.entries.size();
    uch::Entry& e = g.doc.entries[j];
    if (generated && k % 2 == 0 && !g.in_series[j] && e.date.size() > 4 && e.date.find('/') == std::string::npos &&
        e.date[3] != 'X' && e.calendar == uch::Calendar::Gregorian) {
      e.date = e.date.substr(0, 4);  // "1923-05-14" -> "1923": the same year
    } else {
      e.body += " Reworded.";
    }
    t0 = std::chrono::steady_clock::now();
    checker.update_entry(e.id, &e);
    const auto& findings = checker.findings();
    entry_edits.push_back(ms_since(t0));
    report_findings(findings, "after an entry edit");
  }
  // Relation edits: add a relation that holds (between entries of certainly ordered years),
  // then remove it again; each followed by findings().
  std::vector<double> relation_edits;
  for (int k = 0; generated && k < opt.edits / 5; ++k) {
    std::size_t a = rng() % g.doc.entries.size(), b = rng() % g.doc.entries.size();
    while (!(g.years[a].hi < g.years[b].lo)) {
      a = rng() % g.doc.entries.size();
      b = rng() % g.doc.entries.size();
    }
    const uch::Relation relation{
        g.doc.entries[a].id, k % 2 ? uch::RelationType::Causes : uch::RelationType::Before, g.doc.entries[b].id, {}};
    for (int step = 0; step < 2; ++step) {
      t0 = std::chrono::steady_clock::now();
      if (step == 0)
        checker.add_relation(relation);
      else
        checker.remove_relation(relation);
      const auto& findings = checker.findings();
      relation_edits.push_back(ms_since(t0));
      report_findings(findings, "after a relation edit");
    }
  }
  std::printf("re-check after one entry edit: median %.3f ms over %zu edits\n", median(entry_edits),
              entry_edits.size());
  std::printf("re-check after one entity edit: median %.3f ms over %zu edits\n", median(entity_edits),
              entity_edits.size());
  std::printf("re-check after one relation edit: median %.3f ms, max %.3f ms over %zu edits\n", median(relation_edits),
              relation_edits.empty() ? 0.0 : *std::max_element(relation_edits.begin(), relation_edits.end()),
              relation_edits.size());
  std::vector<double> all = entry_edits;
  all.insert(all.end(), entity_edits.begin(), entity_edits.end());
  all.insert(all.end(), relation_edits.begin(), relation_edits.end());
  std::printf("re-check after one edit: median %.3f ms over %zu edits\n", median(all), all.size());
  return 0;
}
