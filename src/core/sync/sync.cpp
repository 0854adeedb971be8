// `uchronia sync`, first steps (issue 19): export, commit as the writer, fetch, merge with the
// folder's driver, apply the others' changes as one revision, push. The working copy is a git
// clone beside the document ("DOC-sync"), configured with the merge driver; the remote's branch
// is "main".
#include <algorithm>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "sync/git_process.hpp"
#include "uchronia/folder.hpp"
#include "uchronia/interchange.hpp"
#include "uchronia/sync.hpp"

namespace uch {
namespace {

namespace fs = std::filesystem;
using sync::git_or_fail;
using sync::run_git;

constexpr const char* kBranch = "main";
constexpr int kPushAttempts = 5;

std::string trimmed(std::string text) {
  while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.pop_back();
  return text;
}

std::string author_line(const std::string& author) { return author + " <" + author + "@uchronia.invalid>"; }

/// The working copy's setup: the field-by-field driver for the folder's files, a committer.
void configure(const fs::path& work, const SyncOptions& options) {
  git_or_fail(work, {"config", "merge.uchronia.name", "Uchronia field-by-field merge"});
  git_or_fail(work, {"config", "merge.uchronia.driver", options.merge_driver_command + " %O %A %B %P"});
  git_or_fail(work, {"config", "user.name", options.author});
  git_or_fail(work, {"config", "user.email", options.author + "@uchronia.invalid"});
  const fs::path info = work / ".git" / "info";
  fs::create_directories(info);
  std::ofstream(info / "attributes") << "*.json merge=uchronia\n";
}

bool has_commit(const fs::path& work, const std::string& ref) {
  return run_git(work, {"rev-parse", "--verify", "-q", ref + "^{commit}"}).status == 0;
}

/// "3 entries, 1 entity and 2 relations changed by Anna, Boris": what a merge brought in.
std::string describe(const Document& before, const Document& after, const std::string& authors) {
  const auto count = [](const auto& a, const auto& b) {
    std::map<std::string, const std::decay_t<decltype(a[0])>*> by_id;
    for (const auto& x : a) by_id[x.id] = &x;
    std::size_t n = 0;
    for (const auto& y : b) {
      const auto it = by_id.find(y.id);
      if (it == by_id.end() || !(*it->second == y)) ++n;
      if (it != by_id.end()) by_id.erase(it);
    }
    return n + by_id.size();
  };
  const std::size_t entries = count(before.entries, after.entries);
  const std::size_t entities = count(before.entities, after.entities);
  std::vector<std::string> parts;
  if (entries) parts.push_back(std::to_string(entries) + (entries == 1 ? " entry" : " entries"));
  if (entities) parts.push_back(std::to_string(entities) + (entities == 1 ? " entity" : " entities"));
  if (before.relations != after.relations) parts.push_back("relations");
  if (before.title != after.title || before.description != after.description || before.extra != after.extra)
    parts.push_back("the document's fields");
  std::string text;
  for (std::size_t i = 0; i < parts.size(); ++i) text += (i == 0 ? "" : i + 1 == parts.size() ? " and " : ", ") + parts[i];
  return "Sync with origin: " + (text.empty() ? std::string("nothing") : text) + " changed" +
         (authors.empty() ? "" : " by " + authors);
}

/// The files git left conflicted, for the message.
std::string conflicted_files(const fs::path& work) {
  std::string files = trimmed(run_git(work, {"diff", "--name-only", "--diff-filter=U"}).output);
  std::replace(files.begin(), files.end(), '\n', ' ');
  return files;
}

}  // namespace

fs::path sync_working_copy(const fs::path& doc) { return fs::path(doc.string() + "-sync"); }

SyncResult sync_document(const fs::path& doc, const SyncOptions& options) {
  SyncResult result;
  const fs::path work = sync_working_copy(doc);
  std::error_code ec;
  const bool doc_exists = fs::exists(doc, ec);
  if (!fs::exists(work / ".git", ec)) {
    if (options.remote.empty())
      throw Error(doc.string() + ": not synced yet; give --remote URL the first time");
    // Cloned under a temporary name, renamed into place once set up: never half a working copy.
    const fs::path temp = fs::path(work.string() + ".tmp");
    fs::remove_all(temp, ec);
    const fs::path parent = work.parent_path().empty() ? fs::path(".") : work.parent_path();
    git_or_fail(parent, {"clone", "-q", options.remote, temp.filename().string()});
    configure(temp, options);
    const bool remote_empty = !has_commit(temp, std::string("origin/") + kBranch);
    if (!remote_empty && doc_exists) {
      fs::remove_all(temp, ec);
      throw Error(doc.string() + ": the remote " + options.remote +
                  " already holds a timeline; sync it into a new document (a path that does not exist yet)");
    }
    if (remote_empty && !doc_exists) {
      fs::remove_all(temp, ec);
      throw Error(doc.string() + ": no such document, and the remote " + options.remote + " is empty");
    }
    if (!remote_empty) {
      git_or_fail(temp, {"checkout", "-q", kBranch});
      Document shared;
      try {
        shared = import_folder(temp);
      } catch (const ImportError& e) {
        fs::remove_all(temp, ec);
        throw Error(options.remote + ": " + e.what());
      }
      Store::create_from(doc, shared, options.author);
      fs::rename(temp, work);
      result.created_document = true;
      result.summary = "created " + doc.string() + " from " + options.remote + " (" +
                       std::to_string(shared.entries.size()) + " entries)";
      return result;
    }
    git_or_fail(temp, {"checkout", "-q", "-b", kBranch});
    fs::rename(temp, work);
  } else if (!doc_exists) {
    throw Error(doc.string() + ": no such document (its working copy " + work.string() + " is there)");
  }

  Store store = Store::open(doc);
  // 1. Ours: the document's changes since the last sync, as a commit by the writer.
  export_folder(store.export_interchange_json(), work, {doc});
  git_or_fail(work, {"add", "-A", "."});
  const bool local_changes = run_git(work, {"diff", "--cached", "--quiet"}).status != 0;
  if (local_changes)
    git_or_fail(work, {"commit", "-q", "--author", author_line(options.author), "-m", "Changes by " + options.author});

  for (int attempt = 0; attempt < kPushAttempts; ++attempt) {
    // 2. Theirs: fetched and merged field by field.
    git_or_fail(work, {"fetch", "-q", "origin"});
    const std::string remote_ref = std::string("origin/") + kBranch;
    const bool remote_has = has_commit(work, remote_ref);
    const bool have_head = has_commit(work, "HEAD");
    bool incoming = false;
    if (remote_has && have_head && run_git(work, {"merge-base", "--is-ancestor", remote_ref, "HEAD"}).status != 0) {
      const std::string before = trimmed(git_or_fail(work, {"rev-parse", "HEAD"}));
      const std::string authors =
          trimmed(git_or_fail(work, {"log", "--format=%an", "HEAD.." + remote_ref}));
      const auto merge = run_git(work, {"merge", "-q", "--no-edit", remote_ref});
      if (merge.status != 0) {
        const std::string files = conflicted_files(work);
        run_git(work, {"merge", "--abort"});
        throw Error(doc.string() + ": sync stopped: both sides changed the same field in " +
                    (files.empty() ? std::string("some files") : files) +
                    "; the document and its local commit are kept, nothing was merged");
      }
      incoming = trimmed(git_or_fail(work, {"rev-parse", "HEAD^{tree}"})) !=
                 trimmed(git_or_fail(work, {"rev-parse", before + "^{tree}"}));
      if (incoming) {
        // 3. The merged folder becomes the document, as ONE revision.
        Document merged;
        try {
          merged = import_folder(work);
        } catch (const ImportError& e) {
          git_or_fail(work, {"reset", "-q", "--hard", before});
          throw Error(std::string(e.what()) + "; the merge was undone, the document is unchanged");
        }
        const Document current = store.load();
        std::set<std::string> names;
        std::string who;
        std::istringstream lines(authors);
        for (std::string line; std::getline(lines, line);)
          if (!line.empty() && names.insert(line).second) who += (who.empty() ? "" : ", ") + line;
        Edit edit = edit_to_match(current, merged);
        if (!edit.empty()) {
          edit.summary(describe(current, merged, who));
          const CommitResult commit = store.commit(edit, options.author);
          result.revision = commit.seq;
          result.summary = edit.summary_text();
        }
      }
    }
    // 4. Pushed; when the remote moved meanwhile, fetched and merged again.
    if (!have_head) break;  // an empty document in an empty remote: nothing to share yet
    if (remote_has && run_git(work, {"merge-base", "--is-ancestor", "HEAD", remote_ref}).status == 0) break;
    if (run_git(work, {"push", "-q", "origin", std::string("HEAD:") + kBranch}).status == 0) {
      result.pushed = local_changes || !remote_has;
      break;
    }
    if (attempt + 1 == kPushAttempts)
      throw Error(doc.string() + ": the push to origin kept failing; the local commit is kept for the next sync");
  }
  if (result.summary.empty())
    result.summary = result.pushed ? "sent the local changes; nothing came from origin"
                                   : "nothing to sync: no change on either side";
  else if (result.pushed)
    result.summary += "; sent the local changes";
  return result;
}

}  // namespace uch
