// The command line: a table of verbs over core calls (the same calls the editor makes).
#pragma once

#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>
#include <csignal>

#include "uchronia/model.hpp"

namespace uch::cli {

/// Options every verb shares.
struct Globals {
  std::string author;   // --author, else $UCHRONIA_AUTHOR, else the OS user
  bool verbose = false;
};

/// A verb adds its subcommand to the app; the callback returned runs it (exit status).
using VerbRun = std::function<int()>;
struct Verb {
  const char* name;
  std::function<VerbRun(CLI::App& app, const Globals& globals)> add;
};
/// The one registration place (verbs.cpp).
const std::vector<Verb>& verbs();
bool is_verb(const std::string& name);

/// When standard output or error is a terminal, every later write to std::cout or std::cerr shows
/// control characters and invalid UTF-8 visibly (uch::terminal_safe); pipes and files are untouched.
void guard_terminal_output();

/// Runs the command line; returns the exit status (0 ok, 1 findings/invalid, 2 usage or I/O).
int run(int argc, char** argv);

// --- long writes (write_progress.cpp) ---------------------------------------
/// Long writes and waits for another writer report on stderr, labelled with `verb`.
void report_writes(const std::string& verb);
/// While alive, Ctrl+C (and SIGTERM) cancel the write under way, or the wait for another
/// writer: the verb fails with WriteCancelled and nothing of its change is written.
class CancelWritesOnInterrupt {
 public:
  CancelWritesOnInterrupt();
  ~CancelWritesOnInterrupt();
  CancelWritesOnInterrupt(const CancelWritesOnInterrupt&) = delete;
  CancelWritesOnInterrupt& operator=(const CancelWritesOnInterrupt&) = delete;

 private:
  struct sigaction previous_int_ {}, previous_term_ {};
};

// --- shared helpers (cli_common.cpp) ---------------------------------------
/// Loads a document file or an interchange JSON file (by content), read-only.
Document load_any(const std::filesystem::path& path);
/// Flushes the output and ends the process with `code` at once, without destroying what the verb
/// built (a large document's objects take long to free, and the system frees them at exit anyway).
/// Output that cannot be written: a line on stderr, exit 2.
[[noreturn]] void exit_now(int code);
/// True when the file starts like a SQLite database.
bool looks_like_document(const std::filesystem::path& path);
/// Refuses (Error) an output path that would destroy one of `inputs`, a document or its
/// companions (check_output_path); nothing to check for standard output (empty or "-").
void check_output(const std::string& out, const std::vector<std::filesystem::path>& inputs = {});
/// Writes text to OUT whole or not at all (write_file_atomically, which checks OUT first), or
/// to stdout when OUT is empty or "-".
void write_output(const std::string& out, const std::string& text, const std::vector<std::filesystem::path>& inputs = {});
/// Throws Error ("PATH: no such file", "is a directory", "is a named pipe", ...) unless `path`
/// is a regular file that can be read (InputFile).
void require_readable_file(const std::filesystem::path& path);
std::string read_text_file(const std::filesystem::path& path);

// --- verb factories (one file each) ----------------------------------------
VerbRun add_import(CLI::App& app, const Globals& g);
VerbRun add_suggest_links(CLI::App& app, const Globals& g);
VerbRun add_export(CLI::App& app, const Globals& g);
VerbRun add_check(CLI::App& app, const Globals& g);
VerbRun add_date(CLI::App& app, const Globals& g);
VerbRun add_history(CLI::App& app, const Globals& g);
VerbRun add_undo(CLI::App& app, const Globals& g);
VerbRun add_redo(CLI::App& app, const Globals& g);
VerbRun add_restore(CLI::App& app, const Globals& g);
VerbRun add_set(CLI::App& app, const Globals& g);
VerbRun add_add_entry(CLI::App& app, const Globals& g);
VerbRun add_delete(CLI::App& app, const Globals& g);
VerbRun add_search(CLI::App& app, const Globals& g);
VerbRun add_generate(CLI::App& app, const Globals& g);
VerbRun add_rebuild(CLI::App& app, const Globals& g);
VerbRun add_verify(CLI::App& app, const Globals& g);
VerbRun add_merge_driver(CLI::App& app, const Globals& g);
VerbRun add_branch(CLI::App& app, const Globals& g);
VerbRun add_move(CLI::App& app, const Globals& g);
VerbRun add_override(CLI::App& app, const Globals& g);
VerbRun add_sync(CLI::App& app, const Globals& g);

}  // namespace uch::cli
