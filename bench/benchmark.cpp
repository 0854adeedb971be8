// uchronia-benchmark: the issue 7 measurements (medians, with sqlite3 CLI references) on generated timelines.
//
// Usage: uchronia-benchmark [--sizes 1000,10000,100000] [--repeat 5] [--json] [--workdir DIR] [--keep]
//                           [--history-edits 10000] [--only import,open,chart,...]
// Every timing is the median of repeated runs; the sqlite3 command-line tool (on PATH) is the reference,
// measured in the same run on the same rows or the same file. Needs a Release build to mean anything.
#include <sqlite3.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <fcntl.h>
#include <time.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iostream>
#include <limits>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "uchronia/chart.hpp"
#include "uchronia/check.hpp"
#include "uchronia/date.hpp"
#include "uchronia/generate.hpp"
#include "uchronia/interchange.hpp"
#include "uchronia/publish.hpp"
#include "uchronia/store.hpp"

namespace fs = std::filesystem;
using uch::Document;

namespace {

// ---------------------------------------------------------------------------
// [SECTION] Small utilities: timing, medians, files, shell

using Clock = std::chrono::steady_clock;
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

/// CPU time of this process plus its finished children (the sqlite3 references), in ms.
double cpu_ms() {
  timespec ts{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  rusage children{};
  getrusage(RUSAGE_CHILDREN, &children);
  const auto tv = [](const timeval& t) {
    return static_cast<double>(t.tv_sec) * 1e3 + static_cast<double>(t.tv_usec) / 1e3;
  };
  return static_cast<double>(ts.tv_sec) * 1e3 + static_cast<double>(ts.tv_nsec) / 1e6 + tv(children.ru_utime) +
         tv(children.ru_stime);
}

/// The machine is shared: beside each wall-clock time, the CPU time of the same interval tells
/// waiting (disk, other processes) from work.
double g_cpu = 0;  // CPU ms of the interval last measured by ms_since / time_ms
struct Stamp {
  Clock::time_point wall;
  double cpu;
};
Stamp now() { return {Clock::now(), cpu_ms()}; }
double ms_since(const Stamp& t0) {
  g_cpu = cpu_ms() - t0.cpu;
  return std::chrono::duration<double, std::milli>(Clock::now() - t0.wall).count();
}

template <class F>
double time_ms(F&& f) {
  const auto t0 = now();
  f();
  return ms_since(t0);
}

double median(std::vector<double> v) {
  if (v.empty()) return kNaN;
  std::sort(v.begin(), v.end());
  const std::size_t n = v.size();
  return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

std::string read_file(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

void write_file(const fs::path& p, const std::string& text) {
  std::ofstream out(p, std::ios::binary | std::ios::trunc);
  out.write(text.data(), static_cast<std::streamsize>(text.size()));
  if (!out) throw std::runtime_error("cannot write " + p.string());
}

void remove_document(const fs::path& p) {
  std::error_code ec;
  for (const char* suffix : {"", "-wal", "-shm", "-journal"}) fs::remove(p.string() + suffix, ec);
}

std::string sh_quote(const std::string& s) {
  std::string out = "'";
  for (char c : s) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

/// Runs a shell command; throws when it fails.
void run(const std::string& cmd) {
  const int rc = std::system(cmd.c_str());
  if (rc != 0) throw std::runtime_error("command failed (" + std::to_string(rc) + "): " + cmd);
}

std::string capture(const std::string& cmd) {
  std::string out;
  FILE* p = ::popen(cmd.c_str(), "r");
  if (!p) throw std::runtime_error("cannot run: " + cmd);
  char buf[4096];
  std::size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, p)) > 0) out.append(buf, n);
  const int rc = ::pclose(p);
  if (rc != 0) throw std::runtime_error("command failed: " + cmd + "\n" + out);
  return out;
}

std::string csv_field(const std::string& s) {
  std::string out = "\"";
  for (char c : s) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

std::string sql_text(const std::string& s) {
  std::string out = "'";
  for (char c : s) out += c == '\'' ? std::string("''") : std::string(1, c);
  return out + "'";
}

long status_kb(const char* field) {
  std::ifstream in("/proc/self/status");
  std::string line;
  while (std::getline(in, line))
    if (line.rfind(field, 0) == 0) return std::strtol(line.c_str() + std::strlen(field), nullptr, 10);
  return -1;
}

std::string machine_cpu() {
  std::ifstream in("/proc/cpuinfo");
  std::string line;
  while (std::getline(in, line))
    if (line.rfind("model name", 0) == 0) return line.substr(line.find(':') + 2);
  return "unknown";
}

long machine_ram_mb() {
  std::ifstream in("/proc/meminfo");
  std::string key;
  long kb = 0;
  in >> key >> kb;
  return kb / 1024;
}

/// Bytes that differ between two values: what is left after the common prefix and suffix.
std::size_t diff_bytes(const std::string& a, const std::string& b) {
  std::size_t p = 0;
  while (p < a.size() && p < b.size() && a[p] == b[p]) ++p;
  std::size_t s = 0;
  while (s < a.size() - p && s < b.size() - p && a[a.size() - 1 - s] == b[b.size() - 1 - s]) ++s;
  return std::max(a.size() - p - s, b.size() - p - s);
}

// ---------------------------------------------------------------------------
// [SECTION] Results

struct Result {
  std::string key;            // stable name (JSON)
  std::string label;          // table text
  std::string unit = "ms";
  double value = kNaN;        // median
  double reference = kNaN;    // median of the reference, same run
  std::string reference_label;
  double target_abs = kNaN;   // value <= target_abs (at 100k)
  double target_ratio = kNaN; // value <= target_ratio * reference (at 100k)
  std::string target_text;
  std::vector<double> samples, reference_samples;
  std::vector<double> cpu_samples, reference_cpu_samples;  // CPU ms of the same intervals
  double cpu = kNaN, reference_cpu = kNaN;
  std::string note;
  bool informational = false;  // a breakdown row, no target
};

Result make_result(const std::string& key, const std::string& label) {
  Result r;
  r.key = key;
  r.label = label;
  return r;
}

struct SizeResults {
  std::size_t entries = 0, entities = 0;
  std::map<std::string, double> facts;  // sizes of inputs, counts
  std::vector<Result> rows;
  Result& add(Result r) {
    rows.push_back(std::move(r));
    return rows.back();
  }
  const Result* find(const std::string& key) const {
    for (const auto& r : rows)
      if (r.key == key) return &r;
    return nullptr;
  }
};

struct Options {
  std::vector<std::size_t> sizes{1000, 10000, 100000};
  int repeat = 5;
  bool json = false, keep = false;
  fs::path workdir;
  int history_edits = 10000;
  std::set<std::string> only;  // empty: all
  bool wants(const std::string& what) const { return only.empty() || only.count(what); }
};

std::ostream* logs = &std::cerr;  // progress, so the table (or JSON) alone goes to stdout

// ---------------------------------------------------------------------------
// [SECTION] The reference's inputs: the same rows as CSV, tables with the same columns

constexpr const char* kReferenceSchema = R"sql(
CREATE TABLE entry(key INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, date TEXT NOT NULL DEFAULT '',
  calendar TEXT NOT NULL DEFAULT 'gregorian', lower INTEGER NOT NULL, upper INTEGER NOT NULL, title TEXT NOT NULL,
  body TEXT NOT NULL DEFAULT '', tags TEXT NOT NULL DEFAULT '[]', otl TEXT NOT NULL DEFAULT '',
  notes TEXT NOT NULL DEFAULT '', series_name TEXT, series_number INTEGER, acknowledged TEXT NOT NULL DEFAULT '[]',
  extra TEXT NOT NULL DEFAULT '', version INTEGER NOT NULL DEFAULT 1);
CREATE INDEX entry_order ON entry(lower, upper, id);
CREATE TABLE entity(key INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, name TEXT NOT NULL, kind TEXT NOT NULL,
  aliases TEXT NOT NULL DEFAULT '[]', start TEXT NOT NULL DEFAULT '', "end" TEXT NOT NULL DEFAULT '',
  calendar TEXT NOT NULL DEFAULT 'gregorian', notes TEXT NOT NULL DEFAULT '', acknowledged TEXT NOT NULL DEFAULT '[]',
  extra TEXT NOT NULL DEFAULT '', version INTEGER NOT NULL DEFAULT 1);
CREATE TABLE relation(key INTEGER PRIMARY KEY, from_id TEXT NOT NULL, type TEXT NOT NULL, to_id TEXT NOT NULL,
  extra TEXT NOT NULL DEFAULT '', UNIQUE(from_id, type, to_id));
)sql";

std::string json_strings(const std::vector<std::string>& v) { return nlohmann::json(v).dump(); }

/// entry.csv, entity.csv, relation.csv (no header, every column of the store's tables) and import.sql.
void write_reference_inputs(const Document& doc, const fs::path& dir) {
  std::string csv;
  std::int64_t key = 0;
  for (const auto& e : doc.entries) {
    const auto info = uch::parse_edtf(e.date, e.calendar);
    const auto lower = info.valid ? info.lower : uch::kUnboundedHigh, upper = info.valid ? info.upper : uch::kUnboundedHigh;
    csv += std::to_string(++key) + "," + csv_field(e.id) + "," + csv_field(e.date) + "," +
           (e.calendar == uch::Calendar::Julian ? "julian" : "gregorian") + "," + std::to_string(lower) + "," +
           std::to_string(upper) + "," + csv_field(e.title) + "," + csv_field(e.body) + "," +
           csv_field(json_strings(e.tags)) + "," + csv_field(e.otl) + "," + csv_field(e.notes) + "," +
           (e.series ? csv_field(e.series->name) + "," + std::to_string(e.series->number) : std::string(",")) +
           ",\"[]\",\"\",1\n";
  }
  write_file(dir / "entry.csv", csv);
  csv.clear();
  key = 0;
  for (const auto& e : doc.entities)
    csv += std::to_string(++key) + "," + csv_field(e.id) + "," + csv_field(e.name) + "," + uch::to_string(e.kind) +
           "," + csv_field(json_strings(e.aliases)) + "," + csv_field(e.start) + "," + csv_field(e.end) + "," +
           (e.calendar == uch::Calendar::Julian ? "julian" : "gregorian") + "," + csv_field(e.notes) +
           ",\"[]\",\"\",1\n";
  write_file(dir / "entity.csv", csv);
  csv.clear();
  key = 0;
  for (const auto& r : doc.relations)
    csv += std::to_string(++key) + "," + csv_field(r.from) + "," + uch::to_string(r.type) + "," + csv_field(r.to) +
           ",\"\"\n";
  write_file(dir / "relation.csv", csv);
  write_file(dir / "import.sql", std::string(kReferenceSchema) + ".mode csv\n.import " +
                                     sh_quote((dir / "entry.csv").string()) + " entry\n.import " +
                                     sh_quote((dir / "entity.csv").string()) + " entity\n.import " +
                                     sh_quote((dir / "relation.csv").string()) + " relation\n");
}

/// The export reference: the same columns, the same order, as sqlite3 -json writes them.
constexpr const char* kExportSelect =
    "SELECT id, date, calendar, title, body, tags, otl, notes, series_name, series_number, acknowledged, extra "
    "FROM entry ORDER BY lower, upper, id; "
    "SELECT id, name, kind, aliases, start, \"end\", calendar, notes, acknowledged, extra FROM entity ORDER BY id; "
    "SELECT from_id, type, to_id, extra FROM relation ORDER BY from_id, type, to_id;";

/// The same statement Store::search runs (see store_read.cpp), for the sqlite3 CLI.
std::string search_sql(const std::string& fts_expr, int limit) {
  return "SELECT e.id FROM entry_fts f JOIN entry e ON e.key = f.rowid WHERE entry_fts MATCH " + sql_text(fts_expr) +
         " ORDER BY f.rank LIMIT " + std::to_string(limit) + ";";
}

/// Runs `sql` `times` times in one warm sqlite3 session with .timer on; returns each run's time in ms:
/// "real" is printed to the millisecond only, so max(real, user + sys); `cpu` gets user + sys.
std::vector<double> sqlite3_timed(const fs::path& db, const std::string& sql, int times, std::vector<double>& cpu) {
  std::string script = ".output /dev/null\n" + sql + "\n.timer on\n";  // the first run warms the cache, untimed
  for (int i = 0; i < times; ++i) script += sql + "\n";
  const fs::path file = db.parent_path() / "timed.sql";
  write_file(file, script);
  const std::string out = capture("sqlite3 -readonly " + sh_quote(db.string()) + " < " + sh_quote(file.string()));
  std::vector<double> ms;
  std::istringstream in(out);
  std::string line;
  while (std::getline(in, line)) {
    double real = 0, user = 0, sys = 0;
    if (std::sscanf(line.c_str(), "Run Time: real %lf user %lf sys %lf", &real, &user, &sys) == 3)
    {
      ms.push_back(std::max(real, user + sys) * 1000.0);
      cpu.push_back((user + sys) * 1000.0);
    }
  }
  return ms;
}

// ---------------------------------------------------------------------------
// [SECTION] Measurements at one size

struct Bench {
  Bench(const Options& o, SizeResults& r, fs::path d) : opt(o), res(r), dir(std::move(d)) {}
  const Options& opt;
  SizeResults& res;
  fs::path dir;
  Document doc;
  fs::path json_path, doc_path;
  const std::string author = "benchmark";


  /// What one durable commit must wait for at least: a 4 KB write + fdatasync on this disk, now.
  double fsync_probe() {
    const fs::path f = dir / "fsync.probe";
    const int fd = ::open(f.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (fd < 0) return kNaN;
    std::vector<double> ms;
    const std::string page(4096, 'x');
    for (int i = 0; i < 51; ++i)
      ms.push_back(time_ms([&] {
        if (::pwrite(fd, page.data(), page.size(), static_cast<off_t>(i) * 4096) < 0 || ::fdatasync(fd) != 0)
          throw std::runtime_error("fsync probe failed");
      }));
    ::close(fd);
    fs::remove(f);
    return median(ms);
  }

  int micro_repeats() const { return std::max(opt.repeat * 10, 51); }

  void log(const std::string& what) { *logs << "[" << res.entries << "] " << what << std::endl; }

  Result& timed(const std::string& key, const std::string& label, int repeats, const std::function<double()>& sample) {
    Result r;
    r.key = key;
    r.label = label;
    for (int i = 0; i < repeats; ++i) {
      r.samples.push_back(sample());
      r.cpu_samples.push_back(g_cpu);
    }
    r.value = median(r.samples);
    r.cpu = median(r.cpu_samples);
    return res.add(std::move(r));
  }

  void prepare() {
    log("generating");
    uch::GenerateOptions g;
    g.entries = static_cast<int>(res.entries);
    g.entities = static_cast<int>(res.entities);
    g.seed = 1;
    double gen_ms = time_ms([&] { doc = uch::generate_timeline(g); });
    std::string json = uch::write_interchange_json(doc);
    json_path = dir / "timeline.json";
    write_file(json_path, json);
    doc_path = dir / "timeline.uchronia";
    std::size_t body_bytes = 0, links = 0;
    for (const auto& e : doc.entries) {
      body_bytes += e.body.size();
      for (std::size_t p = e.body.find("[["); p != std::string::npos; p = e.body.find("[[", p + 2)) ++links;
    }
    res.facts["json_bytes"] = static_cast<double>(json.size());
    res.facts["relations"] = static_cast<double>(doc.relations.size());
    res.facts["mean_body_bytes"] = doc.entries.empty() ? 0 : double(body_bytes) / double(doc.entries.size());
    res.facts["links"] = static_cast<double>(links);
    res.facts["generate_ms"] = gen_ms;
    write_reference_inputs(doc, dir);
  }

  void import() {
    log("import");
    std::vector<double> parse, store;
    Result& r = timed("import", "import of the interchange JSON into a new document", opt.repeat, [&] {
      remove_document(doc_path);
      const auto t0 = now();
      const Document d = uch::read_interchange_file(json_path);  // as the editor and the CLI read it
      parse.push_back(ms_since(t0));
      const auto t1 = now();
      uch::Store::create_from(doc_path, d, author);  // built, linked into place, opened and closed again
      store.push_back(ms_since(t1));
      return ms_since(t0);
    });
    r.target_abs = 2000;
    r.target_text = "<= 2 s";
    r.reference_label = "sqlite3 .import of the same rows as CSV";
    const fs::path ref_db = dir / "reference.db";
    for (int i = 0; i < opt.repeat; ++i) {
      remove_document(ref_db);
      r.reference_samples.push_back(time_ms(
          [&] { run("sqlite3 " + sh_quote(ref_db.string()) + " < " + sh_quote((dir / "import.sql").string())); }));
      r.reference_cpu_samples.push_back(g_cpu);
    }
    r.reference = median(r.reference_samples);
    r.reference_cpu = median(r.reference_cpu_samples);
    r.note = "reference: same columns, UNIQUE and order indexes; no links, search index or history";
    Result p = make_result("import.parse", "  of which: read + parse the JSON");
    p.samples = parse;
    p.value = median(parse);
    p.informational = true;
    res.add(p);
    Result s = make_result("import.store", "  of which: Store::create_from + close");
    s.samples = store;
    s.value = median(store);
    s.informational = true;
    res.add(s);
    res.facts["document_bytes"] = static_cast<double>(fs::file_size(doc_path));
    res.facts["reference_db_bytes"] = static_cast<double>(fs::file_size(ref_db));
  }

  void open_list() {
    log("open + list");
    Result& r = timed("open", "open the document, entries table ready", opt.repeat, [&] {
      const auto t0 = now();
      uch::Store s = uch::Store::open(doc_path);
      auto rows = s.list_entries();
      const double ms = ms_since(t0);
      if (rows.size() != doc.entries.size()) throw std::runtime_error("list_entries: wrong count");
      return ms;
    });
    r.target_abs = 150;
    r.target_text = "<= 150 ms";
  }

  void check() {
    log("check");
    std::size_t found = 0;
    // The whole `uchronia check DOC` process, start to exit (through /bin/sh: ~1 ms more), then
    // its parts measured alike in this process: process start and exit alone, open, read (items
    // from the covering indexes of migration 005, links from the link table on a second connection
    // meanwhile; no text field), the check, the output. Exit 0 or 1 (findings) are both fine.
    const std::string cli = sh_quote(UCHRONIA_BINARY);
    Result& full = timed("check", "full check: `uchronia check DOC`, whole process", opt.repeat, [&] {
      return time_ms([&] {
        const int rc = std::system((cli + " check " + sh_quote(doc_path.string()) + " > /dev/null").c_str());
        if (rc != 0 && !(WIFEXITED(rc) && WEXITSTATUS(rc) == 1)) throw std::runtime_error("uchronia check failed");
      });
    });
    full.target_abs = 250;
    full.target_text = "<= 250 ms";
    Result& start = timed("check.start", "  of which: process start and exit (`uchronia --version`)", opt.repeat,
                          [&] { return time_ms([&] { run(cli + " --version > /dev/null"); }); });
    start.informational = true;
    Result& open = timed("check.open", "  open (read-only, vetted)", opt.repeat, [&] {
      return time_ms([&] { uch::Store::open(doc_path, uch::OpenOptions{.read_only = true}); });
    });
    open.informational = true;
    uch::Store s = uch::Store::open(doc_path, uch::OpenOptions{.read_only = true});
    uch::CheckInput input;
    Result& read = timed("check.read", "  read: items (covering indexes) and links (2nd connection, at once)", opt.repeat, [&] {
      return time_ms([&] { input = s.check_input(); });
    });
    read.informational = true;
    std::vector<uch::Finding> findings;
    Result& alone = timed("check.alone", "  check_document(CheckInput)", opt.repeat,
                          [&] { return time_ms([&] { findings = uch::check_document(input); }); });
    alone.informational = true;
    found = findings.size();
    if (found) full.note = std::to_string(found) + " findings (expected none)";
    Result& output = timed("check.output", "  output (findings_to_text)", opt.repeat, [&] {
      return time_ms([&] { (void)uch::findings_to_text(findings, input.doc, doc_path.string(), false); });
    });
    output.informational = true;
    Result& parsed = timed("check.parsed", "  for comparison: Store::load + check_document (bodies parsed)", opt.repeat,
                           [&] {
                             const auto t0 = now();
                             const Document d = s.load();
                             found = uch::check_document(d).size();
                             return ms_since(t0);
                           });
    parsed.informational = true;
  }

  /// Entries whose date is a plain year, month or day (so that a trailing '?' toggles cleanly).
  std::vector<std::size_t> plain_dated(std::size_t count) const {
    std::vector<std::size_t> out;
    const std::size_t n = doc.entries.size();
    for (std::size_t k = 0; k < n && out.size() < count; ++k) {
      const std::size_t i = (k * 7919) % n;
      const auto& d = doc.entries[i].date;
      if ((d.size() == 4 || d.size() == 7 || d.size() == 10) && d.find_first_not_of("0123456789-") == std::string::npos &&
          d[0] != '-' && doc.entries[i].calendar == uch::Calendar::Gregorian)
        out.push_back(i);
    }
    return out;
  }

  void recheck() {
    log("incremental re-check");
    uch::Checker checker;
    const double build = time_ms([&] {
      checker.load(doc);
      (void)checker.findings();
    });
    res.facts["checker_build_ms"] = build;
    const int reps = micro_repeats();
    std::vector<uch::Entry> entries = doc.entries;
    const std::size_t n = entries.size();
    int k = 0;
    Result& body = timed("recheck.body", "re-check after one edit (body text)", reps, [&] {
      uch::Entry& e = entries[(static_cast<std::size_t>(k++) * 7919) % n];
      e.body += " Edited.";
      const auto t0 = now();
      checker.update_entry(e.id, &e);
      (void)checker.findings();
      return ms_since(t0);
    });
    body.target_abs = 2;
    body.target_text = "<= 2 ms";
    const auto plain = plain_dated(static_cast<std::size_t>(reps));
    k = 0;
    Result& date = timed("recheck.date", "re-check after one edit (date)", static_cast<int>(plain.size()), [&] {
      uch::Entry& e = entries[plain[static_cast<std::size_t>(k++)]];
      e.date += "?";
      const auto t0 = now();
      checker.update_entry(e.id, &e);
      (void)checker.findings();
      return ms_since(t0);
    });
    date.target_abs = 2;
    date.target_text = "<= 2 ms";
    if (!checker.findings().empty())
      date.note = std::to_string(checker.findings().size()) + " findings after the edits (expected none)";
  }

  /// One commit of one field: returns the commit's time; `field` is "title", "body" or "date".
  double commit_field(uch::Store& s, const std::string& id, const std::string& field) {
    auto v = s.entry(id);
    if (!v) throw std::runtime_error("no entry " + id);
    uch::Entry e = v->value;
    if (field == "title") e.title += " (revised)";
    else if (field == "body") e.body += " A note was added here.";
    else e.date = (!e.date.empty() && e.date.back() == '?') ? e.date.substr(0, e.date.size() - 1) : e.date + "?";
    uch::Edit edit;
    edit.put_entry(std::move(e), v->version);
    const auto t0 = now();
    const auto result = s.commit(edit, author);
    const double ms = ms_since(t0);
    const double cpu = g_cpu;
    if (result.seq == 0) throw std::runtime_error("commit wrote no revision");
    g_cpu = cpu;
    return ms;
  }

  void commit_undo() {
    log("commit + undo");
    uch::Store s = uch::Store::open(doc_path);
    const int reps = micro_repeats();
    const std::size_t n = doc.entries.size();
    int k = 0;
    auto next_id = [&] { return doc.entries[(static_cast<std::size_t>(k++) * 104729) % n].id; };
    auto cpu_note = [&](Result& r) {
      char buf[128];
      std::snprintf(buf, sizeof buf, "one fdatasync of 4 KB on this disk just after: %.2f ms", fsync_probe());
      r.note = buf;
    };
    Result& title = timed("commit.title", "commit one edited field + revision (title)", reps,
                          [&] { return commit_field(s, next_id(), "title"); });
    title.target_abs = 3;
    title.target_text = "<= 3 ms";
    cpu_note(title);
    Result& body = timed("commit.body", "commit one edited field + revision (body)", reps,
                         [&] { return commit_field(s, next_id(), "body"); });
    body.target_abs = 3;
    body.target_text = "<= 3 ms";
    cpu_note(body);
    Result& undo = timed("undo", "undo one edit", reps, [&] {
      commit_field(s, next_id(), "title");
      return time_ms([&] { s.undo(author); });
    });
    undo.target_abs = 3;
    undo.target_text = "<= 3 ms";
    cpu_note(undo);
    // A commit is kill-safe when it returns; Store::sync() (the editor runs it when the writer
    // pauses, every Store on close) adds the fdatasync that makes it survive a power cut.
    Result& synced = timed("commit.synced", "  commit (title) + sync(): power-cut safe at once", reps, [&] {
      const double commit_ms = commit_field(s, next_id(), "title");
      return commit_ms + time_ms([&] { s.sync(); });
    });
    synced.informational = true;
  }

  void search() {
    log("search");
    // A common word (in about one body in five) and a rare one (a person's surname).
    std::string rare = "Kakaberg";
    for (const auto& e : doc.entities)
      if (e.kind == uch::EntityKind::Person &&
          std::none_of(e.name.begin(), e.name.end(), [](char c) { return static_cast<unsigned char>(c) >= 0x80; })) {
        rare = e.name.substr(e.name.rfind(' ') + 1);
        break;
      }
    uch::Store s = uch::Store::open(doc_path, {.read_only = true});
    const int reps = micro_repeats();
    for (const auto& [key, word] : {std::pair<std::string, std::string>{"search.common", "armistice"},
                                    std::pair<std::string, std::string>{"search.rare", rare}}) {
      std::size_t hits = 0;
      (void)s.search(word);  // warm
      Result& r = timed(key, "full-text search, one query: \"" + word + "\"", reps, [&] {
        const auto t0 = now();
        hits = s.search(word).size();
        return ms_since(t0);
      });
      r.target_abs = 10;
      r.target_text = "<= 10 ms";
      r.note = std::to_string(hits) + " hits (limit 1000)";
      r.reference_label = "the same FTS5 statement in sqlite3 (.timer, warm)";
      // Store::search turns the word into the FTS5 expression "word"* (store_read.cpp, fts_query).
      r.reference_samples = sqlite3_timed(doc_path, search_sql("\"" + word + "\"*", 1000), reps, r.reference_cpu_samples);
      r.reference = median(r.reference_samples);
      r.reference_cpu = median(r.reference_cpu_samples);
    }
  }

  void exports() {
    log("exports");
    uch::Store s = uch::Store::open(doc_path, {.read_only = true});
    const fs::path out = dir / "export.out";
    std::vector<double> ref, ref_cpu;
    const fs::path sql = dir / "export.sql";
    write_file(sql, kExportSelect);
    for (int i = 0; i < opt.repeat; ++i) {
      ref.push_back(time_ms([&] {
        run("sqlite3 -readonly -json " + sh_quote(doc_path.string()) + " < " + sh_quote(sql.string()) + " > " +
            sh_quote((dir / "reference.json").string()));
      }));
      ref_cpu.push_back(g_cpu);
    }
    const double reference = median(ref);
    res.facts["reference_json_bytes"] = static_cast<double>(fs::file_size(dir / "reference.json"));
    // What `uchronia export DOC --format json` runs: the store streams its rows into the writer.
    Result& json = timed("export.json", "JSON export (stream rows + write + save)", opt.repeat, [&] {
      return time_ms([&] { write_file(out, s.export_interchange_json()); });
    });
    res.facts["export_json_bytes"] = static_cast<double>(fs::file_size(out));
    Result& md = timed("export.markdown", "Markdown export (load + render + save)", opt.repeat, [&] {
      return time_ms([&] { write_file(out, uch::export_markdown(s.load(), uch::ExportOptions{})); });
    });
    res.facts["export_markdown_bytes"] = static_cast<double>(fs::file_size(out));
    for (Result* r : {&json, &md}) {
      r->reference = reference;
      r->reference_samples = ref;
      r->reference_cpu_samples = ref_cpu;
      r->reference_cpu = median(ref_cpu);
      r->reference_label = "sqlite3 -json, same columns and order";
      r->target_ratio = 1.5;
      r->target_text = "<= 1.5 x ref";
    }
  }

  /// The timeline chart (issue 16): the whole document as SVG (what `export --format svg` runs after
  /// loading), and one frame's lane and label layout at several zooms (what the editor lays out).
  void chart() {
    log("chart");
    uch::Store s = uch::Store::open(doc_path, {.read_only = true});
    const uch::Document doc = s.load();
    const fs::path out = dir / "chart.svg";
    Result& svg = timed("chart.svg", "SVG chart of the whole timeline (layout + write + save)", opt.repeat, [&] {
      return time_ms([&] { write_file(out, uch::export_svg(doc, uch::ExportOptions{})); });
    });
    svg.target_abs = 2000;
    svg.target_text = "<= 2 s";
    res.facts["chart_svg_bytes"] = static_cast<double>(fs::file_size(out));
    const uch::DocumentTimeline dt = uch::timeline_of_document(doc, uch::LaneBy::Tag, 12);
    const uch::TitleOf title = [&](std::uint32_t k) { return std::string_view(dt.entries[k]->title); };
    const uch::MeasureText measure = [](std::string_view t) { return uch::chart_text_width(t, 13.0f); };
    // views: fit all, a century, ten years, a year, a month, each at five places across the extent
    std::vector<uch::TimelineView> views;
    const double lo = dt.timeline.extent_lo(), hi = dt.timeline.extent_hi();
    for (double span : {hi - lo, 36524.0, 3652.0, 365.0, 30.0})
      for (double at : {0.1, 0.3, 0.5, 0.7, 0.9}) {
        uch::TimelineView v;
        v.lo = lo + (hi - lo - span) * at, v.hi = v.lo + span, v.width_px = 1600, v.preferred_rows = 3;
        views.push_back(v);
      }
    Result& frame = timed("chart.layout_frame", "timeline layout, one frame (12 lanes, mean of 25 views)", opt.repeat * 5, [&] {
      return time_ms([&] {
        for (const auto& v : views) uch::layout_timeline(dt.timeline, v, title, measure);
      }) / static_cast<double>(views.size());
    });
    frame.cpu /= static_cast<double>(views.size());
    frame.target_abs = 4;
    frame.target_text = "<= 4 ms";
  }

  std::map<std::string, double> table_bytes(const fs::path& db) {
    std::map<std::string, double> out;
    std::istringstream in(capture("sqlite3 -readonly -separator '|' " + sh_quote(db.string()) +
                                  " \"SELECT name, sum(pgsize) FROM dbstat GROUP BY name\""));
    std::string line;
    while (std::getline(in, line)) {
      const auto bar = line.find('|');
      if (bar != std::string::npos) out[line.substr(0, bar)] = std::stod(line.substr(bar + 1));
    }
    return out;
  }

  void history() {
    const int edits = opt.history_edits;
    log("history: " + std::to_string(edits) + " one-field edits");
    const fs::path h = dir / "history.uchronia";
    remove_document(h);
    fs::copy_file(doc_path, h);
    const auto size0 = static_cast<double>(fs::file_size(h));
    const auto tables0 = table_bytes(h);
    double changed_diff = 0, changed_field = 0;
    std::vector<double> ms;
    {
      uch::Store s = uch::Store::open(h);
      const auto plain = plain_dated(static_cast<std::size_t>(edits));
      const std::size_t n = doc.entries.size();
      for (int k = 0; k < edits; ++k) {
        const int kind = k % 4;
        const std::string id = kind == 0 && !plain.empty()
                                   ? doc.entries[plain[static_cast<std::size_t>(k / 4) % plain.size()]].id
                                   : doc.entries[(static_cast<std::size_t>(k) * 104729 + 17) % n].id;
        auto v = s.entry(id);
        uch::Entry e = v->value;
        std::string before, after;
        switch (kind) {
          case 0:
            before = e.date;
            e.date = e.date.back() == '?' ? e.date.substr(0, e.date.size() - 1) : e.date + "?";
            after = e.date;
            break;
          case 1: {
            before = e.title;
            const std::string mark = " (revised)";
            e.title = e.title.size() > mark.size() && e.title.ends_with(mark) ? e.title.substr(0, e.title.size() - mark.size())
                                                                            : e.title + mark;
            after = e.title;
            break;
          }
          case 2:
            before = nlohmann::json(e.tags).dump();
            if (std::find(e.tags.begin(), e.tags.end(), "checked") == e.tags.end()) e.tags.push_back("checked");
            else std::erase(e.tags, "checked");
            after = nlohmann::json(e.tags).dump();
            break;
          default: {
            before = e.body;
            const std::string note = " A note was added here.";
            e.body = e.body.ends_with(note) ? e.body.substr(0, e.body.size() - note.size()) : e.body + note;
            after = e.body;
          }
        }
        changed_diff += static_cast<double>(diff_bytes(before, after));
        changed_field += static_cast<double>(after.size());
        uch::Edit edit;
        edit.put_entry(std::move(e), v->version);
        ms.push_back(time_ms([&] { s.commit(edit, author); }));
      }
    }
    const auto size1 = static_cast<double>(fs::file_size(h));
    const auto tables1 = table_bytes(h);
    const double growth = size1 - size0;
    Result r;
    r.key = "history";
    r.label = "history: " + std::to_string(edits) + " one-field edits, file growth";
    r.unit = "bytes";
    r.value = growth;
    r.samples = {growth};
    // "Bytes actually changed": the changed field's value (a revision keeps its old and new value,
    // hence the 2x). The strict reading (only the differing bytes) is in the note.
    r.target_abs = 2 * changed_field + 300.0 * edits;
    r.target_text = "<= 2 x changed + 300 B/rev";
    r.reference = r.target_abs;
    r.reference_label = "budget: 2 x bytes of the changed fields + 300 B a revision";
    std::ostringstream note;
    note.precision(0);
    note << std::fixed << growth / edits << " B/revision vs budget " << r.target_abs / edits
         << "; strict reading (only differing bytes, " << changed_diff / edits << " B/edit): budget "
         << (2 * changed_diff + 300.0 * edits) / edits << " B/revision";
    r.note = note.str();
    res.add(r);
    res.facts["history_changed_diff_bytes"] = changed_diff;
    res.facts["history_changed_field_bytes"] = changed_field;
    res.facts["history_budget_diff_bytes"] = 2 * changed_diff + 300.0 * edits;
    for (const auto& [name, bytes] : tables1) {
      const double before = tables0.count(name) ? tables0.at(name) : 0;
      if (bytes != before) res.facts["history_growth." + name] = bytes - before;
    }
    Result c = make_result("history.commit", "  commits during it (mixed fields)");
    c.samples = ms;
    c.value = median(ms);
    c.informational = true;
    res.add(c);
  }

  void memory() {
    log("memory");
    const std::string out = capture(sh_quote(fs::read_symlink("/proc/self/exe").string()) + " --rss-probe " +
                                    sh_quote(doc_path.string()));
    double rss = kNaN, with_checker = kNaN, base = kNaN;
    std::sscanf(out.c_str(), "base_kb=%lf loaded_kb=%lf checker_kb=%lf", &base, &rss, &with_checker);
    Result r = make_result("memory", "resident memory: open + load + list (VmRSS)");
    r.unit = "MB";
    r.value = rss / 1024;
    r.samples = {r.value};
    r.target_abs = 300;
    r.target_text = "<= 300 MB";
    r.note = "fresh process; " + std::to_string(static_cast<int>(base / 1024)) + " MB before opening";
    res.add(r);
    Result c = make_result("memory.checker", "  + incremental checker built");
    c.unit = "MB";
    c.value = with_checker / 1024;
    c.samples = {c.value};
    c.target_abs = 300;
    c.target_text = "<= 300 MB";
    res.add(c);
  }

  void frame() {
    Result r = make_result("frame", "one editor frame, CPU time, headless");
    r.target_text = "<= 4 ms";
    r.note = "measured by the editor's own benchmark, not here";
    res.add(r);
  }

  void all() {
    prepare();
    if (opt.wants("import") || !fs::exists(doc_path)) import();
    if (opt.wants("open")) open_list();
    if (opt.wants("check")) check();
    if (opt.wants("recheck")) recheck();
    if (opt.wants("search")) search();
    if (opt.wants("export")) exports();
    if (opt.wants("chart")) chart();
    if (opt.wants("commit")) commit_undo();
    if (opt.wants("history")) history();
    if (opt.wants("memory")) memory();
    frame();
  }
};

// ---------------------------------------------------------------------------
// [SECTION] Output

std::string fmt(double v, const std::string& unit) {
  if (std::isnan(v)) return "-";
  char buf[64];
  if (unit == "bytes") {
    if (v >= 1e6) std::snprintf(buf, sizeof buf, "%.2f MB", v / 1e6);
    else std::snprintf(buf, sizeof buf, "%.0f kB", v / 1e3);
  } else if (unit == "MB") {
    std::snprintf(buf, sizeof buf, "%.0f MB", v);
  } else if (v >= 1000) {
    std::snprintf(buf, sizeof buf, "%.2f s", v / 1000);
  } else if (v >= 10) {
    std::snprintf(buf, sizeof buf, "%.0f ms", v);
  } else {
    std::snprintf(buf, sizeof buf, "%.2f ms", v);
  }
  return buf;
}

std::string pad(const std::string& s, std::size_t width) {
  std::size_t cps = 0;
  for (unsigned char c : s) cps += (c & 0xC0) != 0x80;
  return cps >= width ? s : s + std::string(width - cps, ' ');
}

const char* verdict(const Result& r) {
  if (r.informational) return "";
  if (!std::isnan(r.target_abs) && !std::isnan(r.value)) return r.value <= r.target_abs ? "ok" : "MISSED";
  if (!std::isnan(r.target_ratio) && !std::isnan(r.value) && !std::isnan(r.reference))
    return r.value <= r.target_ratio * r.reference ? "ok" : "MISSED";
  return "";
}

double ratio_between(const std::vector<SizeResults>& all, const std::string& key, std::size_t from, std::size_t to) {
  const SizeResults *a = nullptr, *b = nullptr;
  for (const auto& s : all) {
    if (s.entries == from) a = &s;
    if (s.entries == to) b = &s;
  }
  if (!a || !b) return kNaN;
  const Result *ra = a->find(key), *rb = b->find(key);
  if (!ra || !rb || std::isnan(ra->value) || std::isnan(rb->value) || ra->value <= 0) return kNaN;
  return rb->value / ra->value;
}

void print_table(const std::vector<SizeResults>& all, const Options& opt) {
  std::cout << "Uchronia benchmark: medians of " << opt.repeat << " runs (" << std::max(opt.repeat * 10, 51)
            << " for the millisecond operations); (cpu) = CPU time of the same runs, ours or sqlite3's\n"
            << "machine: " << std::thread::hardware_concurrency() << " cores, " << machine_cpu() << ", "
            << machine_ram_mb() / 1024.0 << " GB RAM; SQLite " << sqlite3_libversion()
#ifndef NDEBUG
            << "; WARNING: assertions on, not a Release build"
#endif
            << "\n";
  for (const auto& s : all) {
    std::cout << "\n== " << s.entries << " entries, " << s.entities << " entities";
    if (s.facts.count("json_bytes"))
      std::cout << " (JSON " << fmt(s.facts.at("json_bytes"), "bytes") << ", mean body "
                << static_cast<int>(s.facts.at("mean_body_bytes")) << " B, "
                << static_cast<int>(s.facts.at("relations")) << " relations, " << static_cast<int>(s.facts.at("links"))
                << " links)";
    std::cout << "\n";
    std::cout << pad("operation", 56) << pad("target", 28) << pad("median", 11) << pad("(cpu)", 11)
              << pad("reference", 11) << pad("(cpu)", 11) << pad("ratio", 7) << pad("target?", 8) << "note\n";
    for (const auto& r : s.rows) {
      std::string ratio = "-";
      if (!std::isnan(r.reference) && !std::isnan(r.value) && r.reference > 0) {
        char buf[32];
        std::snprintf(buf, sizeof buf, "%.2f", r.value / r.reference);
        ratio = buf;
      }
      std::cout << pad(r.label, 56) << pad(r.target_text, 28) << pad(fmt(r.value, r.unit), 11)
                << pad(fmt(r.cpu, r.unit), 11) << pad(fmt(r.reference, r.unit), 11)
                << pad(fmt(r.reference_cpu, r.unit), 11) << pad(ratio, 7) << pad(verdict(r), 8) << r.note << "\n";
    }
  }
  // Growth: each operation's 10k -> 100k ratio (n log n allows ~11.7 over one decade).
  std::vector<std::pair<std::size_t, std::size_t>> steps;
  for (std::size_t i = 0; i + 1 < all.size(); ++i) steps.emplace_back(all[i].entries, all[i + 1].entries);
  if (!steps.empty() && !all.empty()) {
    std::cout << "\nGrowth (ratio of medians between sizes; n log n from 10k to 100k is ~11.7, linear is 10):\n"
              << pad("operation", 56);
    for (auto [a, b] : steps) std::cout << pad(std::to_string(a / 1000) + "k->" + std::to_string(b / 1000) + "k", 14);
    std::cout << "\n";
    for (const auto& r : all.back().rows) {
      if (std::isnan(r.value)) continue;
      std::cout << pad(r.label, 56);
      for (auto [a, b] : steps) {
        const double x = ratio_between(all, r.key, a, b);
        char buf[32];
        std::snprintf(buf, sizeof buf, std::isnan(x) ? "-" : "%.1f", x);
        std::cout << pad(buf, 14);
      }
      std::cout << "\n";
    }
  }
  for (const auto& s : all)
    for (const auto& [k, v] : s.facts)
      if (k.rfind("history_growth.", 0) == 0)
        std::cout << "[" << s.entries << "] history growth of "
                  << k.substr(15) << ": " << fmt(v, "bytes") << "\n";
}

void print_json(const std::vector<SizeResults>& all, const Options& opt) {
  nlohmann::json j;
  j["machine"] = {{"cores", std::thread::hardware_concurrency()},
                  {"cpu", machine_cpu()},
                  {"ram_mb", machine_ram_mb()},
                  {"sqlite", sqlite3_libversion()}};
  j["repeat"] = opt.repeat;
  auto num = [](double v) { return std::isnan(v) ? nlohmann::json(nullptr) : nlohmann::json(v); };
  for (const auto& s : all) {
    nlohmann::json size;
    size["entries"] = s.entries;
    size["entities"] = s.entities;
    size["facts"] = s.facts;
    for (const auto& r : s.rows) {
      size["results"][r.key] = {{"label", r.label},
                                {"unit", r.unit},
                                {"median", num(r.value)},
                                {"reference", num(r.reference)},
                                {"cpu", num(r.cpu)},
                                {"reference_cpu", num(r.reference_cpu)},
                                {"reference_label", r.reference_label},
                                {"target", r.target_text},
                                {"verdict", verdict(r)},
                                {"samples", r.samples},
                                {"reference_samples", r.reference_samples},
                                {"cpu_samples", r.cpu_samples},
                                {"reference_cpu_samples", r.reference_cpu_samples},
                                {"note", r.note}};
    }
    j["sizes"].push_back(size);
  }
  for (std::size_t i = 0; i + 1 < all.size(); ++i) {
    const auto a = all[i].entries, b = all[i + 1].entries;
    for (const auto& r : all.back().rows) {
      const double x = ratio_between(all, r.key, a, b);
      if (!std::isnan(x)) j["growth"][std::to_string(a) + "->" + std::to_string(b)][r.key] = x;
    }
  }
  std::cout << j.dump(2) << "\n";
}

// ---------------------------------------------------------------------------
// [SECTION] Entry point

/// Child mode: open + load + list (what the editor holds), then the checker; print VmRSS.
int rss_probe(const char* path) {
  const long base = status_kb("VmRSS:");
  uch::Store s = uch::Store::open(path, {.read_only = true});
  const Document doc = s.load();
  const auto rows = s.list_entries();
  const long loaded = status_kb("VmRSS:");
  uch::Checker checker(doc);
  (void)checker.findings();
  const long with_checker = status_kb("VmRSS:");
  std::printf("base_kb=%ld loaded_kb=%ld checker_kb=%ld entries=%zu\n", base, loaded, with_checker, rows.size());
  return 0;
}

std::vector<std::string> split(const std::string& text) {
  std::vector<std::string> out;
  std::stringstream in(text);
  std::string item;
  while (std::getline(in, item, ','))
    if (!item.empty()) out.push_back(item);
  return out;
}

int usage(const char* error) {
  std::cerr << "uchronia-benchmark: " << error << "\n"
            << "usage: uchronia-benchmark [--sizes 1000,10000,100000] [--repeat 5] [--json] [--workdir DIR] [--keep]\n"
               "                          [--history-edits 10000] [--only import,open,check,recheck,search,export,"
               "chart,commit,history,memory]\n";
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  Options opt;
  try {
    for (int i = 1; i < argc; ++i) {
      const std::string a = argv[i];
      auto value = [&]() -> std::string {
        if (i + 1 >= argc) throw std::invalid_argument(a + " needs a value");
        return argv[++i];
      };
      if (a == "--rss-probe") return rss_probe(value().c_str());
      if (a == "--sizes") {
        opt.sizes.clear();
        for (const auto& s : split(value())) opt.sizes.push_back(std::stoul(s));
      } else if (a == "--repeat") {
        opt.repeat = std::max(1, std::stoi(value()));
      } else if (a == "--json") {
        opt.json = true;
      } else if (a == "--keep") {
        opt.keep = true;
      } else if (a == "--workdir") {
        opt.workdir = value();
      } else if (a == "--history-edits") {
        opt.history_edits = std::max(1, std::stoi(value()));
      } else if (a == "--only") {
        for (const auto& s : split(value())) opt.only.insert(s);
      } else if (a == "--help" || a == "-h") {
        usage("measures issue 7's operations");
        return 0;
      } else {
        return usage(("unknown argument " + a).c_str());
      }
    }
  } catch (const std::exception& e) {
    return usage(e.what());
  }
  if (std::system("sqlite3 -version > /dev/null 2>&1") != 0) {
    std::cerr << "uchronia-benchmark: the sqlite3 command-line tool (the reference) is not on PATH\n";
    return 2;
  }
  std::sort(opt.sizes.begin(), opt.sizes.end());
  fs::path root = opt.workdir;
  if (root.empty()) {
    std::string tmpl = (fs::temp_directory_path() / "uchronia-bench-XXXXXX").string();
    if (!::mkdtemp(tmpl.data())) {
      std::cerr << "uchronia-benchmark: cannot create a work directory\n";
      return 2;
    }
    root = tmpl;
  }
  std::vector<SizeResults> all;
  try {
    for (std::size_t n : opt.sizes) {
      SizeResults res;
      res.entries = n;
      res.entities = n / 10;
      const fs::path dir = root / std::to_string(n);
      fs::create_directories(dir);
      Bench bench{opt, res, dir};
      bench.all();
      all.push_back(std::move(res));
      if (!opt.keep) fs::remove_all(dir);
    }
  } catch (const std::exception& e) {
    std::cerr << "uchronia-benchmark: " << e.what() << "\n";
    return 1;
  }
  if (!opt.keep && opt.workdir.empty()) fs::remove_all(root);
  if (opt.json) print_json(all, opt);
  else print_table(all, opt);
  return 0;
}
