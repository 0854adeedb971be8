// The synthetic timeline generator (`uchronia generate`, tests, benchmark): realistic, consistent by construction.
#include "uchronia/generate.hpp"

#include <algorithm>
#include <cstdio>
#include <string>
#include <string_view>
#include <tuple>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "uchronia/date.hpp"
#include "uchronia/links.hpp"

namespace uch {
namespace {

// ---------------------------------------------------------------------------
// [SECTION] Deterministic randomness: splitmix64 seeding xoshiro256**, no std distributions.

class Rng {
 public:
  explicit Rng(std::uint64_t seed) {
    std::uint64_t x = seed;
    for (auto& s : s_) {
      x += 0x9E3779B97F4A7C15ull;
      std::uint64_t z = x;
      z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
      z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
      s = z ^ (z >> 31);
    }
  }
  std::uint64_t next() {
    const std::uint64_t result = rotl(s_[1] * 5, 7) * 9;
    const std::uint64_t t = s_[1] << 17;
    s_[2] ^= s_[0];
    s_[3] ^= s_[1];
    s_[1] ^= s_[2];
    s_[0] ^= s_[3];
    s_[2] ^= t;
    s_[3] = rotl(s_[3], 45);
    return result;
  }
  /// 0 .. n-1 (0 when n == 0). The modulo bias is irrelevant here and the result is portable.
  std::size_t below(std::size_t n) { return n ? static_cast<std::size_t>(next() % n) : 0; }
  int range(int lo, int hi) { return lo + static_cast<int>(below(static_cast<std::size_t>(hi - lo + 1))); }
  /// True with probability per_mille / 1000.
  bool chance(int per_mille) { return static_cast<int>(below(1000)) < per_mille; }
  /// Uniform in [0, 1) from the top 53 bits: exact in IEEE doubles, so portable.
  double unit() { return static_cast<double>(next() >> 11) * (1.0 / 9007199254740992.0); }
  template <class C>
  const auto& pick(const C& c) {
    return c[below(std::size(c))];
  }

 private:
  static std::uint64_t rotl(std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
  std::uint64_t s_[4];
};

// ---------------------------------------------------------------------------
// [SECTION] Words, names and sentences

constexpr const char* kLatinFirst[] = {
    "Anna", "Boris", "Clara", "Dmitri", "Elena", "Felix", "Greta", "Henrik", "Irene", "Jonas", "Katarina",
    "Leon", "Maria", "Nikolai", "Olga", "Pavel", "Rosa", "Stefan", "Tomas", "Vera", "Wilhelm", "Xenia",
    "Yuri", "Zofia", "Ahmed", "Beatriz", "Carlos", "Dara", "Emil", "Farah", "Giulia", "Hugo", "Inès",
    "Jan", "Kiri", "Lucía", "Marek", "Nadia", "Omar", "Petra", "Søren", "Ágnes", "Łukasz", "Zoë"};
constexpr const char* kLatinStem[] = {"Val", "Mor", "Ka", "Ten", "Ber", "Lin", "Dro", "Vis", "Hal", "Ster",
                                      "Gor", "Ran", "Mel", "Dek", "Sor", "Pa", "Ni", "Vek", "Lo", "Tar",
                                      "Kes", "Bran", "Or", "Fen"};
constexpr const char* kLatinMid[] = {"an", "mor", "ka", "ten", "ber", "li", "dro", "vi", "hal", "ste",
                                     "go", "ra", "mel", "de", "so", "pa", "ni", "ve", "lo", "ta"};
constexpr const char* kLatinEnd[] = {"ova", "ski", "sen", "ez", "ini", "berg", "ov", "escu", "ides", "ard",
                                     "ley", "ani", "mann", "ič"};
constexpr const char* kCyrFirst[] = {"Иван", "Мария", "Пётр", "Анна", "Алексей", "Екатерина", "Николай",
                                     "Ольга", "Сергей", "Татьяна", "Владимир", "Наталья", "Фёдор", "Софья",
                                     "Григорий", "Евдокия", "Лев", "Ксения"};
constexpr const char* kCyrStem[] = {"Ва", "Мо", "Ка", "Те", "Бе", "Ли", "До", "Ви", "Га", "Сте",
                                    "Го", "Ра", "Ме", "Де", "Со", "Па", "Ни", "Ве", "Ло", "Та"};
constexpr const char* kCyrMid[] = {"ла", "ро", "ки", "ну", "ме", "ды", "са", "то", "ри", "жа", "во", "ле"};
constexpr const char* kCyrEnd[] = {"ов", "ова", "ский", "ин", "ина", "енко", "ев", "ич", "цкий", "ёва"};
constexpr const char* kGreekFirst[] = {"Αλέξανδρος", "Ελένη", "Νικόλαος", "Σοφία", "Γεώργιος", "Μαρία",
                                       "Δημήτριος", "Αικατερίνη", "Κωνσταντίνος", "Ειρήνη", "Θεόδωρος", "Αθηνά"};
constexpr const char* kGreekStem[] = {"Πα", "Κω", "Στα", "Μα", "Δη", "Λυ", "Θε", "Ξε", "Φι", "Χρυ", "Βα", "Ζα"};
constexpr const char* kGreekMid[] = {"πα", "δο", "λι", "να", "ρο", "κο", "τσι", "μη", "γε", "θα"};
constexpr const char* kGreekEnd[] = {"πουλος", "ίδης", "άκης", "άτος", "όγλου", "ίου", "άρης"};
constexpr const char* kEpithets[] = {"the Great", "the Bold", "the Wise", "the Younger", "the Elder",
                                     "the Red", "the Builder", "the Pious", "Грозный", "ο Μέγας"};
constexpr const char* kLatinPlaceEnd[] = {"ia", "burg", "grad", "polis", "mouth", "ford", "ovo", "heim",
                                          "ora", "stad", "ana", "port"};
constexpr const char* kPlacePrefix[] = {"", "", "", "New ", "Port ", "Upper ", "Saint ", "Lower ", "Fort "};
constexpr const char* kCyrPlaceEnd[] = {"ск", "град", "поль", "ово", "ино", "горск"};
constexpr const char* kGreekPlaceEnd[] = {"πολη", "ούπολη", "ία", "ώνας"};
constexpr const char* kOrgForm[] = {"Republican Party of %", "Union of % Workers", "Bank of %",
                                    "Academy of Sciences of %", "Society of Friends of %", "Partisan Army of %",
                                    "% Shipping Company", "Council of %", "Партия %", "Общество %",
                                    "Ένωση %", "% Railway", "Free University of %", "Guild of % Printers"};
constexpr const char* kOtherForm[] = {"SS %", "The % Codex", "Project %", "% Canal", "The % Manifesto",
                                      "% Observatory", "Крейсер «%»", "Το χειρόγραφο του %"};
constexpr const char* kPersonTitle[] = {
    "% elected to the council", "% arrested", "% publishes a manifesto", "Assassination attempt on %",
    "% returns from exile", "Marriage of %", "% crowned", "% resigns", "Trial of %", "% signs the decree",
    "Арест: %", "% избран председателем", "Ο % εξορίζεται", "% visits the front"};
constexpr const char* kOrgTitle[] = {"% holds its congress", "Split in the %", "% banned", "Reform of the %",
                                     "Съезд: %", "% moves its seat", "Strike against the %", "Η % διαλύεται"};
constexpr const char* kPlaceTitle[] = {"Battle of %", "Treaty of %", "Uprising in %", "Great fire of %",
                                       "Earthquake in %", "Договор в %", "Μάχη της %", "Siege of %",
                                       "Famine in %", "Founding of the %-Tribune", "Восстание в %"};
constexpr const char* kPlainTitle[] = {"Currency reform", "Census of the realm", "Expedition to the north",
                                       "Реформа календаря", "Η μεγάλη πανώλη", "Comet sighted", "General strike",
                                       "Harvest failure", "New constitution"};
constexpr const char* kLinkSentence[] = {
    "% played a decisive part in the events that followed.",
    "Contemporary accounts by % describe the mood as tense.",
    "The decision was opposed by %, who argued for delay.",
    "Reports of it reached % within a week.",
    "Historians still debate the role of %.",
    "Letters from % mention it only in passing.",
    "Об этом подробно писал %.",
    "Ο % συμμετείχε στις διαπραγματεύσεις.",
    "Nach Ansicht von % war dies ein Wendepunkt.",
    "See also %.",
    "Compare with %, where the same pattern appears.",
};
constexpr const char* kFiller[] = {
    "The harvest had failed for the second year running.",
    "Telegraph lines were cut along the northern frontier.",
    "A commission was appointed to draft a new constitution.",
    "Newspapers printed special editions through the night.",
    "The treaty was signed in the great hall of the old palace.",
    "Prices rose sharply and bread queues lengthened.",
    "An armistice was proposed but rejected by the council.",
    "Crowds gathered in the square despite the rain.",
    "The garrison refused to fire on the demonstrators.",
    "Это событие изменило ход истории.",
    "Газеты сообщили о волнениях в столице.",
    "Переговоры продолжались до глубокой ночи.",
    "Съезд принял новую резолюцию о земле.",
    "Η συνθήκη υπογράφηκε στην παλιά πρωτεύουσα.",
    "Οι διαπραγματεύσεις διήρκεσαν πολλές εβδομάδες.",
    "وقّعت المعاهدة في القصر القديم.",
    "条约在旧宫殿签署，民众聚集在广场上。",
    "החוזה נחתם בארמון הישן.",
    "ხელშეკრულება ძველ სასახლეში გაფორმდა.",
    "संधि पुराने महल में हस्ताक्षरित हुई।",
    "新しい憲法が公布された。",
    "Rokowania trwały do późnej nocy.",
    "Die Verhandlungen dauerten bis spät in die Nacht.",
    "Les députés se réunirent à huis clos.",
    "Çok sayıda gazete kapatıldı.",
};
constexpr const char* kWordSentence[] = {
    "The % faction demanded an immediate answer.",
    "A pamphlet titled *%* circulated in the cafés.",
    "The so-called % plan was never carried out.",
    "Фракция «%» потребовала ответа.",
    "Merchants from % brought news of the war.",
};
constexpr const char* kTags[] = {"politics", "war", "diplomacy", "science", "culture", "religion", "economy",
                                 "divergence", "revolution", "exploration", "technology", "law", "dynasty",
                                 "trade", "plague", "art", "sport", "education", "labour", "navy",
                                 "политика", "война", "πολιτική", "διπλωματία"};
constexpr const char* kSeries[] = {"Party Congress", "Olympiad", "Съезд Советов", "World Exhibition",
                                   "Ecumenical Council", "Εθνοσυνέλευση", "Royal Jubilee", "Five-Year Plan",
                                   "Crusade", "Census", "Imperial Diet", "Synod of Novgorod"};

std::string fill(std::string_view form, std::string_view value) {
  std::string out(form);
  const auto at = out.find('%');
  if (at != std::string::npos) out.replace(at, 1, value);
  return out;
}

std::string roman(int n) {
  static const std::pair<int, const char*> kDigits[] = {{1000, "M"}, {900, "CM"}, {500, "D"}, {400, "CD"},
                                                        {100, "C"},  {90, "XC"},  {50, "L"},  {40, "XL"},
                                                        {10, "X"},   {9, "IX"},   {5, "V"},   {4, "IV"},
                                                        {1, "I"}};
  std::string out;
  for (const auto& [value, text] : kDigits)
    while (n >= value) {
      out += text;
      n -= value;
    }
  return out;
}

std::size_t code_points(std::string_view text) {
  std::size_t n = 0;
  for (unsigned char c : text) n += (c & 0xC0) != 0x80;
  return n;
}

/// A made-up word (a surname, a place stem) in one of three scripts: 0 Latin, 1 Cyrillic, 2 Greek.
std::string made_up_word(Rng& rng, int script) {
  switch (script) {
    case 1: return std::string(rng.pick(kCyrStem)) + rng.pick(kCyrMid);
    case 2: return std::string(rng.pick(kGreekStem)) + rng.pick(kGreekMid);
    default: return std::string(rng.pick(kLatinStem)) + rng.pick(kLatinMid);
  }
}

int pick_script(Rng& rng) {
  const int r = rng.range(0, 99);
  return r < 60 ? 0 : r < 85 ? 1 : 2;
}

/// Every folded link key (ids, names, aliases, titles) in use: each must match one item only.
class Keys {
 public:
  bool claim(const std::string& text) { return taken_.insert(fold_name(text)).second; }
  /// `base`, else `base` with the suffixes tried in turn, else numbered with Roman numerals.
  std::string unique(const std::string& base, const std::vector<std::string>& suffixes = {}) {
    if (claim(base)) return base;
    for (const auto& s : suffixes)
      if (claim(base + s)) return base + s;
    for (int n = 2;; ++n)
      if (claim(base + " " + roman(n))) return base + " " + roman(n);
  }

 private:
  std::unordered_set<std::string> taken_;
};

// ---------------------------------------------------------------------------
// [SECTION] Dates

std::string year_text(std::int64_t y) {
  char buf[32];
  if (y < 0) std::snprintf(buf, sizeof buf, "-%04lld", static_cast<long long>(-y));
  else std::snprintf(buf, sizeof buf, "%04lld", static_cast<long long>(y));
  return buf;
}
std::string two(int v) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%02d", v);
  return buf;
}

/// Where history happens: a little BC, some medieval, most of it modern.
int sample_year(Rng& rng) {
  const int r = rng.range(0, 99);
  if (r < 7) return rng.range(-800, -1);
  if (r < 22) return rng.range(1, 1699);
  return rng.range(1700, 2020);
}

struct GenDate {
  std::string text;
  Calendar calendar = Calendar::Gregorian;
  DateInfo info;
};

std::string ymd(int y, int m, int d) { return year_text(y) + "-" + two(m) + "-" + two(d); }
std::string ym(int y, int m) { return year_text(y) + "-" + two(m); }

std::string modern_date_text(Rng& rng, int y) {
  const int m = rng.range(1, 12), d = rng.range(1, 28);
  const int k = rng.range(0, 999);
  if (k < 120) return year_text(y);
  if (k < 270) return ym(y, m);
  if (k < 600) return ymd(y, m, d);
  if (k < 700) {  // intervals
    const int kind = rng.range(0, 2);
    if (kind == 0) {
      int ey = y + rng.range(0, 3), em = rng.range(1, 12), ed = rng.range(1, 28);
      if (std::tie(ey, em, ed) <= std::tie(y, m, d)) ey = y + 1;
      return ymd(y, m, d) + "/" + ymd(ey, em, ed);
    }
    if (kind == 1) {
      int ey = y + rng.range(0, 2), em = rng.range(1, 12);
      if (std::tie(ey, em) <= std::tie(y, m)) ey = y + 1;
      return ym(y, m) + "/" + ym(ey, em);
    }
    return year_text(y) + "/" + year_text(y + rng.range(1, 30));
  }
  if (k < 740) return year_text(y) + "-" + std::to_string(rng.range(21, 24));  // seasons
  if (k < 770 && y >= 1000) return year_text(y).substr(0, 3) + "X";             // 192X
  if (k < 785) return ym(y, m) + "-XX";                                          // day unspecified
  if (k < 840) return (rng.chance(500) ? year_text(y) : rng.chance(500) ? ym(y, m) : ymd(y, m, d)) + "?";
  if (k < 895) return (rng.chance(500) ? year_text(y) : ym(y, m)) + "~";
  if (k < 905) return ymd(y, m, d) + "%";
  if (k < 915) {  // open or unknown ends
    const int kind = rng.range(0, 2);
    if (kind == 0) return ymd(y, m, d) + "/..";
    if (kind == 1) return "../" + year_text(y);
    return year_text(y) + "/";
  }
  return ymd(y, m, d);
}

GenDate entry_date(Rng& rng) {
  GenDate g;
  const int y = sample_year(rng);
  if (y < 0) {  // BC: years mostly, as ancient sources give them
    const int k = rng.range(0, 9);
    if (k < 6) g.text = year_text(y);
    else if (k < 8) g.text = ym(y, rng.range(1, 12));
    else if (k < 9) g.text = year_text(y) + "/" + year_text(y + rng.range(1, 40));
    else g.text = year_text(y) + "~";
  } else if (y >= 1000 && y <= 1917 && rng.chance(60)) {  // Old Style dates
    g.calendar = Calendar::Julian;
    const int k = rng.range(0, 19);
    const int m = rng.range(1, 12), d = rng.range(1, 28);
    g.text = k < 12 ? ymd(y, m, d) : k < 17 ? ym(y, m) : year_text(y);
  } else {
    g.text = modern_date_text(rng, y);
  }
  g.info = parse_edtf(g.text, g.calendar);
  if (!g.info.valid) {  // never expected; keep the document valid whatever happens
    g.calendar = Calendar::Gregorian;
    g.text = ymd(std::max(y, 1), 6, 15);
    g.info = parse_edtf(g.text, g.calendar);
  }
  return g;
}

/// A lifespan end: day (most), year, or approximate year.
std::string lifespan_date(Rng& rng, int y, bool julian) {
  const int k = rng.range(0, 99);
  if (julian || k < 60) return ymd(y, rng.range(1, 12), rng.range(1, 28));
  if (k < 88) return year_text(y);
  return year_text(y) + "~";
}

// ---------------------------------------------------------------------------
// [SECTION] Entities

struct GenEntity {
  Entity entity;
  bool has_lifespan = false;
  DayNumber safe_lower = kUnboundedLow;   // an entry linking it must lie within [safe_lower, safe_upper]
  DayNumber safe_upper = kUnboundedHigh;
};

std::string person_name(Rng& rng, int script, std::string& surname) {
  switch (script) {
    case 1:
      surname = made_up_word(rng, 1) + rng.pick(kCyrEnd);
      return std::string(rng.pick(kCyrFirst)) + " " + surname;
    case 2:
      surname = made_up_word(rng, 2) + rng.pick(kGreekEnd);
      return std::string(rng.pick(kGreekFirst)) + " " + surname;
    default:
      surname = made_up_word(rng, 0) + rng.pick(kLatinEnd);
      return std::string(rng.pick(kLatinFirst)) + " " + surname;
  }
}

std::string place_name(Rng& rng) {
  const int script = pick_script(rng);
  if (script == 1) return made_up_word(rng, 1) + rng.pick(kCyrPlaceEnd);
  if (script == 2) return made_up_word(rng, 2) + rng.pick(kGreekPlaceEnd);
  return std::string(rng.pick(kPlacePrefix)) + made_up_word(rng, 0) + rng.pick(kLatinPlaceEnd);
}

std::string initials(const std::string& name) {
  std::string out;
  bool start = true;
  for (char c : name) {
    if (start && c >= 'A' && c <= 'Z') out += c;
    start = c == ' ';
  }
  return out;
}

void set_safe_span(GenEntity& g) {
  const Entity& e = g.entity;
  if (!e.start.empty()) {
    const DateInfo s = parse_edtf(e.start, e.calendar);
    if (s.valid) g.safe_lower = s.cmp_upper;
  }
  if (!e.end.empty()) {
    const DateInfo s = parse_edtf(e.end, e.calendar);
    if (s.valid) g.safe_upper = s.cmp_lower;
  }
  g.has_lifespan = !e.start.empty() || !e.end.empty();
}

/// A fresh name from `make`: a few random tries, then numbered.
template <class Make>
std::string fresh_name(Keys& keys, Make make) {
  std::string name;
  for (int tries = 0; tries < 8; ++tries) {
    name = make();
    if (keys.claim(name)) return name;
  }
  return keys.unique(name);
}

GenEntity make_entity(Rng& rng, Keys& keys, int index) {
  GenEntity g;
  Entity& e = g.entity;
  const bool timeless = index % 4 == 3;  // every fourth entity has no lifespan: any entry may link it
  const int r = rng.range(0, 99);
  if (timeless) e.kind = r < 75 ? EntityKind::Place : EntityKind::Other;
  else e.kind = r < 60 ? EntityKind::Person : r < 85 ? EntityKind::Organisation : EntityKind::Place;
  char id[48];
  std::snprintf(id, sizeof id, "%s-%05d", to_string(e.kind), index + 1);
  e.id = id;
  keys.claim(e.id);
  switch (e.kind) {
    case EntityKind::Person: {
      const int script = pick_script(rng);
      std::string surname;
      e.name = fresh_name(keys, [&] { return person_name(rng, script, surname); });
      if (rng.chance(500) && keys.claim(surname)) e.aliases.push_back(surname);
      if (rng.chance(150)) {
        const std::string nick = e.name.substr(0, e.name.find(' ')) + " " + rng.pick(kEpithets);
        if (keys.claim(nick)) e.aliases.push_back(nick);
      }
      const int born = sample_year(rng) - rng.range(0, 40);
      const int died = born + rng.range(25, 90);
      const bool julian = born >= 1000 && born <= 1880 && rng.chance(80);
      if (julian) e.calendar = Calendar::Julian;
      if (!rng.chance(50)) e.start = lifespan_date(rng, born, julian);
      if (died <= 2023) e.end = lifespan_date(rng, died, julian);
      break;
    }
    case EntityKind::Organisation: {
      e.name = fresh_name(keys, [&] { return fill(rng.pick(kOrgForm), place_name(rng)); });
      const std::string acronym = initials(e.name);
      if (acronym.size() >= 3 && rng.chance(400) && keys.claim(acronym)) e.aliases.push_back(acronym);
      const int founded = sample_year(rng);
      e.start = rng.chance(500) ? year_text(founded) : lifespan_date(rng, founded, false);
      if (rng.chance(500)) {
        const int dissolved = founded + rng.range(5, 150);
        if (dissolved <= 2023) e.end = lifespan_date(rng, dissolved, false);
      }
      break;
    }
    case EntityKind::Place:
      e.name = fresh_name(keys, [&] { return place_name(rng); });
      if (!timeless) e.start = rng.chance(800) ? year_text(sample_year(rng)) : year_text(sample_year(rng)) + "~";
      break;
    case EntityKind::Other:
      e.name = fresh_name(keys, [&] { return fill(rng.pick(kOtherForm), made_up_word(rng, pick_script(rng))); });
      break;
  }
  set_safe_span(g);
  return g;
}

// ---------------------------------------------------------------------------
// [SECTION] Entries

struct GenEntry {
  GenDate date;
  std::vector<std::size_t> entities;  // linked entities (their lifespans certainly contain the date)
  std::vector<std::size_t> entries;   // linked entries
  std::string id, title;
};

constexpr DayNumber kBucketDays = 3653;  // ten years
DayNumber bucket_of(DayNumber day) { return day >= 0 ? day / kBucketDays : -((-day - 1) / kBucketDays) - 1; }

bool certainly_within(const DateInfo& d, const GenEntity& g) {
  return d.cmp_lower >= g.safe_lower && d.cmp_upper <= g.safe_upper;
}

std::string ascii_lower(std::string text) {
  for (char& c : text)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return text;
}

std::string entity_link(Rng& rng, const Entity& e) {
  const int r = rng.range(0, 9);
  if (r < 5) return "[[" + e.name + "]]";
  if (r < 7 && !e.aliases.empty()) return "[[" + rng.pick(e.aliases) + "]]";
  if (r < 9) return "[[" + e.id + "|" + e.name + "]]";
  return "[[" + ascii_lower(e.name) + "]]";  // links match case-insensitively
}

std::string entry_link(Rng& rng, const GenEntry& e) {
  const int r = rng.range(0, 9);
  if (r < 5) return "[[" + e.id + "]]";
  if (r < 8) return "[[" + e.title + "]]";
  return "[[" + e.id + "|the events of " + e.date.text + "]]";
}

std::string make_body(Rng& rng, std::vector<std::string> links) {
  for (std::size_t i = links.size(); i > 1; --i) std::swap(links[i - 1], links[rng.below(i)]);
  const double u = rng.unit();
  const std::size_t target = 100 + static_cast<std::size_t>(1650.0 * u * u);  // most short, some long
  std::string body;
  std::size_t length = 0, placed = 0;
  int in_paragraph = 0, paragraph = rng.range(2, 5);
  while (placed < links.size() || length < target) {
    std::string s;
    const bool due = length + 170 * (links.size() - placed) >= target;
    if (placed < links.size() && (due || rng.chance(350))) {
      s = fill(rng.pick(kLinkSentence), links[placed++]);
    } else if (rng.chance(150)) {
      const int script = pick_script(rng);
      const std::string word = made_up_word(rng, script) +
                               (script == 1 ? rng.pick(kCyrEnd) : script == 2 ? rng.pick(kGreekEnd) : rng.pick(kLatinEnd));
      s = fill(rng.pick(kWordSentence), word);
    } else {
      s = rng.pick(kFiller);
      if (rng.chance(40)) s = "**" + s + "**";
    }
    if (!body.empty()) {
      if (++in_paragraph >= paragraph) {
        body += "\n\n";
        in_paragraph = 0;
        paragraph = rng.range(2, 5);
      } else {
        body += ' ';
      }
    }
    body += s;
    length = code_points(body);
  }
  return body;
}

}  // namespace

// ---------------------------------------------------------------------------
// [SECTION] The document

Document generate_timeline(const GenerateOptions& options) {
  if (options.entries < 0 || options.entities < 0) throw Error("generate: the counts must not be negative");
  const auto n = static_cast<std::size_t>(options.entries);
  const auto m = static_cast<std::size_t>(options.entities);
  Rng rng(options.seed);
  Keys keys;

  // Entities, and an index of who may be linked when: ten-year buckets of their safe spans.
  std::vector<GenEntity> ents;
  ents.reserve(m);
  for (std::size_t i = 0; i < m; ++i) ents.push_back(make_entity(rng, keys, static_cast<int>(i)));
  for (auto& g : ents) {
    if (m < 2 || !rng.chance(250)) continue;
    const Entity& other = ents[rng.below(m)].entity;
    g.entity.notes = other.id == g.entity.id ? "No portrait survives."
                                             : "Often named together with [[" + other.name + "]] in the sources.";
  }
  const DayNumber first_day = days_from_civil(-1000, 1, 1), last_day = days_from_civil(2150, 12, 31);
  std::unordered_map<DayNumber, std::vector<std::size_t>> buckets;
  std::vector<std::size_t> timeless;
  for (std::size_t i = 0; i < m; ++i) {
    const GenEntity& g = ents[i];
    if (!g.has_lifespan) {
      timeless.push_back(i);
      continue;
    }
    const DayNumber lo = std::clamp(g.safe_lower, first_day, last_day);
    const DayNumber hi = std::clamp(g.safe_upper, first_day, last_day);
    for (DayNumber b = bucket_of(lo); lo <= hi && b <= bucket_of(hi); ++b) buckets[b].push_back(i);
  }

  // Entries: dates first, then chronological order (by comparison bounds).
  std::vector<GenEntry> gen(n);
  for (std::size_t i = 0; i < n; ++i) {
    gen[i].date = entry_date(rng);
    char id[32];
    std::snprintf(id, sizeof id, "e%06zu", i + 1);
    gen[i].id = id;
    keys.claim(gen[i].id);
  }
  std::vector<std::size_t> order(n), position(n);
  for (std::size_t i = 0; i < n; ++i) order[i] = i;
  std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    const DateInfo &x = gen[a].date.info, &y = gen[b].date.info;
    if (x.cmp_lower != y.cmp_lower) return x.cmp_lower < y.cmp_lower;
    if (x.cmp_upper != y.cmp_upper) return x.cmp_upper < y.cmp_upper;
    return a < b;
  });
  for (std::size_t p = 0; p < n; ++p) position[order[p]] = p;

  // Links: entities whose lifespan certainly contains the entry (or who have none), and other entries.
  for (std::size_t i = 0; i < n; ++i) {
    GenEntry& e = gen[i];
    const DateInfo& d = e.date.info;
    const std::size_t want = m ? static_cast<std::size_t>(rng.range(2, 5)) : 0;
    auto add = [&](std::size_t k) {
      if (std::find(e.entities.begin(), e.entities.end(), k) == e.entities.end()) e.entities.push_back(k);
    };
    if (auto it = buckets.find(bucket_of(d.cmp_lower)); want && !d.lower_unbounded && it != buckets.end())
      for (int t = 0; t < 12 && e.entities.size() < want; ++t) {
        const std::size_t k = it->second[rng.below(it->second.size())];
        if (certainly_within(d, ents[k])) add(k);
      }
    for (int t = 0; t < 8 && e.entities.size() < want && !timeless.empty(); ++t) add(timeless[rng.below(timeless.size())]);
    const int others = n > 1 ? rng.range(0, 2) : 0;
    for (int t = 0; t < others; ++t) {
      std::size_t j;
      if (rng.chance(500)) {  // a neighbour in time
        const std::size_t p = position[i];
        const std::size_t lo = p >= 50 ? p - 50 : 0, hi = std::min(n - 1, p + 50);
        j = order[lo + rng.below(hi - lo + 1)];
      } else {
        j = rng.below(n);
      }
      if (j != i && std::find(e.entries.begin(), e.entries.end(), j) == e.entries.end()) e.entries.push_back(j);
    }
  }

  // Titles, unique among every link key.
  for (auto& e : gen) {
    std::string base;
    if (!e.entities.empty()) {
      const Entity& about = ents[e.entities.front()].entity;
      switch (about.kind) {
        case EntityKind::Person: base = fill(rng.pick(kPersonTitle), about.name); break;
        case EntityKind::Organisation: base = fill(rng.pick(kOrgTitle), about.name); break;
        default: base = fill(rng.pick(kPlaceTitle), about.name); break;
      }
    } else {
      base = rng.pick(kPlainTitle);
    }
    e.title = keys.unique(base, {" (" + e.date.text + ")"});
  }

  Document doc;
  doc.title = "Synthetic timeline: " + std::to_string(n) + " entries, " + std::to_string(m) + " entities (seed " +
              std::to_string(options.seed) + ")";
  doc.description = "Generated by `uchronia generate` for trying workflows and for benchmarks.";
  if (n) doc.description += " It opens with [[" + gen[order.front()].id + "]].";
  if (m) doc.description += " Among its people: [[" + ents.front().entity.name + "]].";

  doc.entries.reserve(n);
  for (std::size_t i = 0; i < n; ++i) {
    GenEntry& g = gen[i];
    Entry e;
    e.id = g.id;
    e.date = g.date.text;
    e.calendar = g.date.calendar;
    e.title = g.title;
    std::vector<std::string> links;
    for (std::size_t k : g.entities) links.push_back(entity_link(rng, ents[k].entity));
    for (std::size_t j : g.entries) links.push_back(entry_link(rng, gen[j]));
    e.body = make_body(rng, std::move(links));
    const int ntags = rng.range(1, 3);
    for (int t = 0; t < ntags; ++t) {
      std::string tag = rng.pick(kTags);
      if (std::find(e.tags.begin(), e.tags.end(), tag) == e.tags.end()) e.tags.push_back(std::move(tag));
    }
    if (m && rng.chance(120))  // a link in `otl` is about our timeline: no lifespan applies
      e.otl = "In our timeline, [[" + ents[rng.below(m)].entity.name + "]] had no part in this.";
    if (rng.chance(50)) e.notes = "Source: archive box " + std::to_string(rng.range(1, 999)) + ".";
    doc.entries.push_back(std::move(e));
  }

  // Series: members in chronological order, each certainly after the previous one, numbers increasing.
  struct SeriesState {
    DayNumber last_upper = kUnboundedLow;
    std::int64_t number = 0;
  };
  std::vector<SeriesState> series(std::size(kSeries));
  for (std::size_t p = 0; p < n; ++p) {
    const std::size_t i = order[p];
    const DateInfo& d = gen[i].date.info;
    if (d.lower_unbounded || d.upper_unbounded || !rng.chance(50)) continue;
    const std::size_t s = rng.below(series.size());
    if (d.cmp_lower <= series[s].last_upper) continue;
    series[s].number += rng.chance(900) ? 1 : 2;
    series[s].last_upper = d.cmp_upper;
    doc.entries[i].series = Series{kSeries[s], series[s].number};
  }

  // Relations between entries close in time, only where their condition certainly holds.
  std::unordered_set<std::string> seen;
  const std::size_t wanted = n * 3 / 10;
  for (std::size_t attempt = 0; n > 1 && attempt < wanted * 4 && doc.relations.size() < wanted; ++attempt) {
    const std::size_t p = rng.below(n), q = p + 1 + rng.below(30);
    if (q >= n) continue;
    const std::size_t a = order[p], b = order[q];  // a starts no later than b
    const DateInfo &da = gen[a].date.info, &db = gen[b].date.info;
    const bool ordered = da.cmp_upper < db.cmp_lower;
    Relation r;
    const int kind = rng.range(0, 9);
    if (kind < 4 && ordered) r = {gen[a].id, RelationType::Before, gen[b].id, {}};
    else if (kind < 6 && ordered) r = {gen[a].id, RelationType::Causes, gen[b].id, {}};
    else if (kind < 8 && ordered) r = {gen[b].id, RelationType::After, gen[a].id, {}};
    else if (kind == 8 && da.interval && db.cmp_lower >= da.cmp_lower) r = {gen[b].id, RelationType::Ends, gen[a].id, {}};
    else if (kind == 9 && db.cmp_lower >= da.cmp_lower && db.cmp_upper <= da.cmp_upper)
      r = {gen[b].id, RelationType::During, gen[a].id, {}};
    else continue;
    if (!seen.insert(r.from + '\x1f' + to_string(r.type) + '\x1f' + r.to).second) continue;
    doc.relations.push_back(std::move(r));
  }

  doc.entities.reserve(m);
  for (auto& g : ents) doc.entities.push_back(std::move(g.entity));
  return doc;
}

}  // namespace uch
