// Markdown export: title, description, a heading per year, one section per entry, an index of people, organisations and places.
//
// Layout (read back by import_markdown):
//   # Title
//   description
//   ## 1917                                  (GroupBy: "## 1910s", none; "## Undated" last)
//   ### Entry title {#entry-id}
//   *25 October [7 November] 1917* · `1917-10-25` · Old Style
//   **Ages:** Leon Trotsky, 38 · Joseph Stalin, 38   (only with ExportOptions::ages)
//   body
//   **Tags:** `party`, `war`
//   > **In our timeline:** otl
//   ## Index
//   ### People
//   #### Joseph Stalin {#joseph-stalin}
//   *18 December 1878 – 26 June 1907* · `1878-12-18` – `1907-06-26`
//   Mentioned in: [Stalin killed](#stalin-killed).
//
// Entries whose body and otl are plain prose (most of them) are written ahead on two threads, the
// rest in order on the calling thread through cmark-gfm; mentions are recorded in entry order either
// way, so the output does not depend on the threads.
#include <algorithm>
#include <atomic>
#include <exception>
#include <optional>
#include <thread>

#include "uchronia/ages.hpp"
#include "uchronia/side_by_side.hpp"
#include "publish/publish_internal.hpp"
#include "uchronia/links.hpp"

namespace uch {

using namespace publish_detail;

namespace {

/// Appends Markdown blocks separated by a blank line, leaving empty ones out.
class BlockWriter {
 public:
  explicit BlockWriter(std::string& out) : out_(out) {}
  void push(std::string_view block) {
    if (!block.empty()) begin() += block;
  }
  /// Starts a block for the caller to write (not to leave empty).
  std::string& begin() {
    if (!out_.empty()) out_ += "\n\n";
    return out_;
  }

 private:
  std::string& out_;
};

/// A heading: `marker` ("##") and the text.
std::string& write_heading(BlockWriter& blocks, std::string_view marker, std::string_view text) {
  std::string& out = blocks.begin();
  out += marker;
  out += ' ';
  append_md_escaped(out, text);
  return out;
}

/// A heading with an id attribute: "### Title {#id}".
void write_heading(BlockWriter& blocks, std::string_view marker, std::string_view title, std::string_view id) {
  const std::string_view trimmed = trim_view(title);
  std::string& out = write_heading(blocks, marker, trimmed);
  if (!trimmed.empty()) out += ' ';
  out += "{#";
  out += id;
  out += '}';
}

/// "**Ages:** Leon Trotsky, 38 · Joseph Stalin, 38" when asked for (`people`) and anyone has an age then.
void write_ages(BlockWriter& blocks, const Entry& entry, const People* people) {
  if (!people) return;
  const std::string text = ages_text(people->ages_at(entry));
  if (text.empty()) return;
  std::string& out = blocks.begin();
  out += "**Ages:** ";
  append_md_escaped(out, text);
}

/// An entry's blocks: heading, date line (or *Undated* where needed), ages, body, tags, otl note.
void write_entry(BlockWriter& blocks, const Entry& entry, std::string_view body, std::string_view otl_note,
                 const People* people) {
  write_heading(blocks, "###", entry.title, entry.id);
  if (!entry.date.empty()) {
    blocks.push(date_line(entry.date, entry.calendar));
    write_ages(blocks, entry, people);
  } else if (starts_like_date_line(body)) {
    blocks.push(undated_line());  // so that import does not take the body's first paragraph for a date
  }
  blocks.push(body);
  blocks.push(tags_line(entry.tags));
  blocks.push(otl_note);
}

/// One entry as written ahead, possibly on another thread.
struct EntryText {
  std::string section;                   // the section heading it belongs under
  std::string text;                      // its blocks; empty when `in_order`
  std::vector<const Entity*> mentions;   // what its body, then its otl, link to
  bool in_order = false;                 // not plain prose: written by write_in_order instead
  std::string body, otl;                 // scratch
};

/// Writes `entry` into `t` when its texts are plain prose. Safe on several threads at once.
void write_ahead(const FragmentRenderer& fragments, const Entry& entry, GroupBy group_by, const People* people,
                 EntryText& t, FragmentRenderer::ProseScratch& scratch) {
  t.section = section_label(entry, group_by);
  t.text.clear();
  t.mentions.clear();
  t.body.clear();
  t.otl.clear();
  // An undated entry may need its body parsed (starts_like_date_line): left to the calling thread.
  t.in_order = entry.date.empty() || !fragments.render_plain_prose(entry.body, t.body, t.mentions, scratch) ||
               !fragments.render_plain_prose(entry.otl, t.otl, t.mentions, scratch);
  if (t.in_order) return;
  BlockWriter blocks(t.text);
  write_entry(blocks, entry, t.body, otl_block(t.otl, !t.otl.empty()), people);  // plain prose: paragraphs only
}

/// Writes any entry, recording its mentions, on the calling thread.
void write_in_order(FragmentRenderer& fragments, const Entry& entry, const People* people, BlockWriter& blocks,
                    EntryText& t) {
  fragments.render_into(entry.body, entry.id, t.body);
  const bool plain_otl = fragments.render_into(entry.otl, entry.id, t.otl);
  // Plain prose is paragraphs only; anything else is parsed to find out how it starts.
  write_entry(blocks, entry, t.body, plain_otl ? otl_block(t.otl, !t.otl.empty()) : otl_block(t.otl), people);
}

/// A batch of entries to write ahead, shared out in small chunks among the threads working on it.
class BatchAhead {
 public:
  BatchAhead(const FragmentRenderer& fragments, const std::vector<const Entry*>& entries, GroupBy group_by,
             const People* people)
      : fragments_(fragments), entries_(entries), group_by_(group_by), people_(people) {}

  /// entries[begin, end) into texts[0, end - begin), once work() has run.
  void start(std::size_t begin, std::size_t end, std::vector<EntryText>& texts) {
    begin_ = begin;
    end_ = end;
    texts_ = &texts;
    next_.store(begin);
  }
  /// Writes chunks until none is left. Several threads may call it at once, each with its own scratch.
  void work(FragmentRenderer::ProseScratch& scratch) {
    constexpr std::size_t kChunk = 32;
    for (std::size_t from; (from = next_.fetch_add(kChunk)) < end_;) {
      for (std::size_t i = from; i < std::min(end_, from + kChunk); ++i) {
        write_ahead(fragments_, *entries_[i], group_by_, people_, (*texts_)[i - begin_], scratch);
      }
    }
  }

 private:
  const FragmentRenderer& fragments_;
  const std::vector<const Entry*>& entries_;
  GroupBy group_by_;
  const People* people_;  // only read: People::ages_at is const
  std::size_t begin_ = 0, end_ = 0;
  std::vector<EntryText>* texts_ = nullptr;
  std::atomic<std::size_t> next_{0};
};

}  // namespace

std::string export_markdown(const Document& source, const ExportOptions& options) {
  // Entries are written ahead in batches (bounding the memory this takes) by this thread and a helper,
  // while this thread puts the previous batch in place: section headings, mentions in entry order,
  // and the entries that need cmark-gfm. The helper reads the renderer only where that never writes.
  constexpr std::size_t kBatch = 2048, kTwoThreadsFrom = 512;
  const bool two_threads = source.entries.size() >= kTwoThreadsFrom && std::thread::hardware_concurrency() >= 2;

  // Without a filter the renderer's tables and the export order do not depend on each other.
  const bool whole = keeps_every_entry(options);
  std::optional<ExportView> view;
  std::optional<FragmentRenderer> renderer;
  run_side_by_side(
      two_threads && whole, [&] { if (whole) renderer.emplace(source, LinkStyle::Anchor, options.allow_html); },
      [&] { view.emplace(source, options); });
  if (&view->doc() != &source) renderer.emplace(view->doc(), LinkStyle::Anchor, options.allow_html);
  const Document& doc = view->doc();
  const std::vector<const Entry*>& entries = view->entries();
  FragmentRenderer& fragments = *renderer;
  std::string out;
  // Growing the output would copy it: reserve generously (pages never written cost nothing). Besides
  // the texts there are headings and date lines, and the index lists every mention again.
  std::size_t text_bytes = doc.description.size();
  for (const Entry* entry : entries) text_bytes += entry->title.size() + entry->body.size() + entry->otl.size() + 128;
  out.reserve(text_bytes + text_bytes / 2);
  BlockWriter blocks(out);

  const std::string title = trim(doc.title);
  blocks.push(title.empty() ? "#" : "# " + md_escape(title));
  blocks.push(fragments.render(doc.description, ""));

  const std::size_t batches = (entries.size() + kBatch - 1) / kBatch;
  std::vector<EntryText> texts[2];  // batch k in texts[k % 2]
  for (std::vector<EntryText>& t : texts) t.resize(std::min(kBatch, entries.size()));
  // Each thread resolves link targets into its own scratch; between batches they are pooled, so that
  // a target is resolved about once whichever thread meets it again.
  ResolvedTargets known_targets;
  FragmentRenderer::ProseScratch scratch[2];
  for (FragmentRenderer::ProseScratch& s : scratch) s.known = &known_targets;
  std::optional<People> people;
  if (options.ages) people.emplace(doc.entities);
  BatchAhead ahead(fragments, entries, options.group_by, people ? &*people : nullptr);
  bool first = true;
  std::string section;
  const auto put_in_place = [&](std::size_t begin, std::size_t end, std::vector<EntryText>& batch) {
    for (std::size_t i = begin; i < end; ++i) {
      EntryText& t = batch[i - begin];
      if (first || t.section != section) {
        if (!t.section.empty()) write_heading(blocks, "##", t.section);
        section = t.section;
        first = false;
      }
      if (t.in_order) {
        write_in_order(fragments, *entries[i], people ? &*people : nullptr, blocks, t);
      } else {
        fragments.note_mentions(t.mentions, entries[i]->id);
        blocks.push(t.text);
      }
    }
  };
  for (std::size_t k = 0; k <= batches; ++k) {
    const bool ahead_to_write = k < batches;
    if (ahead_to_write) ahead.start(k * kBatch, std::min(entries.size(), (k + 1) * kBatch), texts[k % 2]);
    run_side_by_side(
        ahead_to_write && two_threads, [&] { ahead.work(scratch[1]); },
        [&] {
          if (k > 0) put_in_place((k - 1) * kBatch, std::min(entries.size(), k * kBatch), texts[(k - 1) % 2]);
          ahead.work(scratch[0]);
        });
    for (FragmentRenderer::ProseScratch& s : scratch) known_targets.absorb(s.targets);
  }

  if (fragments.any_linked()) {
    std::vector<std::pair<std::string, const Entity*>> linked;  // (folded name, entity)
    for (const Entity& e : doc.entities) {
      if (fragments.is_linked(e.id)) linked.emplace_back(fold_name(e.name), &e);
    }
    std::stable_sort(linked.begin(), linked.end(), [](const auto& a, const auto& b) {
      return a.first != b.first ? a.first < b.first : a.second->id < b.second->id;
    });
    // "[title](#id)" of every entry (by its index in doc.entries), back to back: the index repeats
    // them in no particular order, and compact they stay in cache.
    std::string entry_links;
    std::vector<std::size_t> entry_link_start(doc.entries.size() + 1);
    for (std::size_t i = 0; i < doc.entries.size(); ++i) {
      const Entry& e = doc.entries[i];
      const std::string_view title = trim_view(e.title);
      entry_link_start[i] = entry_links.size();
      entry_links += '[';
      append_md_escaped(entry_links, title.empty() ? std::string_view(e.id) : title);
      entry_links += "](#";
      entry_links += e.id;
      entry_links += ')';
    }
    entry_link_start.back() = entry_links.size();
    const auto entry_link = [&](const Entry& e) {
      const auto i = static_cast<std::size_t>(&e - doc.entries.data());
      return std::string_view(entry_links).substr(entry_link_start[i], entry_link_start[i + 1] - entry_link_start[i]);
    };
    // Index order: by kind, then by name.
    std::vector<const Entity*> index;
    for (EntityKind kind : {EntityKind::Person, EntityKind::Organisation, EntityKind::Place, EntityKind::Other}) {
      for (const auto& [folded, entity] : linked) {
        if (entity->kind == kind) index.push_back(entity);
      }
    }
    // Entities index[begin, end), each after its kind's heading when it is the first of its kind.
    const auto write_entities = [&](BlockWriter& to, std::size_t begin, std::size_t end) {
      std::string line;
      for (std::size_t i = begin; i < end; ++i) {
        const Entity& entity = *index[i];
        if (i == 0 || index[i - 1]->kind != entity.kind) to.push(std::string("### ") + kind_heading(entity.kind));
        write_heading(to, "####", entity.name, entity.id);
        to.push(lifespan_line(entity));
        const std::vector<const Entry*>& mentions = fragments.mentioning_entries(entity.id);
        if (mentions.empty()) continue;
        line = kMentionedIn;
        for (std::size_t m = 0; m < mentions.size(); ++m) {
          if (m) line += ", ";
          line += entry_link(*mentions[m]);
        }
        line += '.';
        to.push(line);
      }
    };
    blocks.push("## " + std::string(kIndex));
    // In two halves side by side (the renderer is only read from now on), the second one apart.
    const std::size_t middle = two_threads ? index.size() / 2 : index.size();
    std::string second_half;
    BlockWriter second(second_half);
    run_side_by_side(
        two_threads, [&] { write_entities(second, middle, index.size()); }, [&] { write_entities(blocks, 0, middle); });
    blocks.push(second_half);
  }

  out += "\n";
  return out;
}

}  // namespace uch
