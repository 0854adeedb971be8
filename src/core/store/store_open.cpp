// Opening and creating documents: refuse foreign or altered files untouched, set the
// defensive connection settings, run schema migrations in one transaction.
#include <fcntl.h>
#include <pwd.h>
#include <signal.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstring>
#include <cstdlib>
#include <fstream>
#include <map>
#include <set>

#include <SQLiteCpp/Statement.h>
#include <spdlog/spdlog.h>

#include "store/link_rows.hpp"
#include "store/store_impl.hpp"

namespace uch {
using namespace detail;

namespace {

/// Once per process, before SQLite starts: no memory statistics. Keeping them makes every
/// allocation of every connection take one global mutex, which two threads writing at once
/// (an import and its search-index builder) then fight over.
void configure_sqlite_library() {
  static const bool configured = [] {
    sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);  // SQLITE_MISUSE if SQLite already started: then as it is
    return true;
  }();
  (void)configured;
}

std::string quoted(const std::filesystem::path& p) { return p.string(); }

/// "file:" URI of a path, percent-encoded: a '?', '#' or '%' in a file name is not a parameter.
std::string file_uri(const std::filesystem::path& path, const char* params) {
  static const char* hex = "0123456789ABCDEF";
  std::string uri = "file:";
  for (unsigned char c : path.string()) {
    if (std::isalnum(c) || c == '/' || c == '-' || c == '.' || c == '_' || c == '~') uri += static_cast<char>(c);
    else uri += {'%', hex[c >> 4], hex[c & 15]};
  }
  return uri + "?" + params;
}

std::string parent_dir(const std::filesystem::path& path) {
  return path.parent_path().empty() ? std::string(".") : path.parent_path().string();
}

/// A schema: object name -> (type, SQL), as sqlite_schema lists it.
using SchemaObjects = std::map<std::string, std::pair<std::string, std::string>>;

/// The exact schema of every version, [v] as migrations 1..v leave it ([0]: an empty database).
/// A document is vetted against the one version it claims: an older document altered by another
/// program is refused before a migration could run on it (and write it).
const std::vector<SchemaObjects>& schema_of_versions() {
  static const std::vector<SchemaObjects> versions = [] {
    std::vector<SchemaObjects> out(1);
    SQLite::Database db(":memory:", SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE | SQLite::OPEN_MEMORY);
    for (auto sql : migrations()) {
      db.exec(std::string(sql));
      SchemaObjects& now = out.emplace_back();
      SQLite::Statement st(db, "SELECT name, type, coalesce(sql, '') FROM sqlite_schema");
      while (st.executeStep()) now[st.getColumn(0).getString()] = {st.getColumn(1).getString(), st.getColumn(2).getString()};
    }
    return out;
  }();
  return versions;
}

constexpr std::uintmax_t kFullVerifyLimit = 64u << 20;

void configure_connection(sqlite3* db, int busy_timeout_ms) {
  sqlite3_db_config(db, SQLITE_DBCONFIG_DEFENSIVE, 1, nullptr);
  sqlite3_db_config(db, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, nullptr);
  sqlite3_db_config(db, SQLITE_DBCONFIG_ENABLE_TRIGGER, 0, nullptr);
  sqlite3_db_config(db, SQLITE_DBCONFIG_ENABLE_VIEW, 0, nullptr);
  sqlite3_busy_timeout(db, busy_timeout_ms);
  sqlite3_extended_result_codes(db, 1);
}

std::int64_t pragma_int(sqlite3* db, const char* sql) {
  Statement st(db, sql);
  return st.step() ? st.int64(0) : 0;
}

/// "" when PRAGMA quick_check finds every page sound, else its first finding, on one short line.
std::string quick_check(sqlite3* db) {
  Statement check(db, "PRAGMA quick_check(1)");
  std::string result = check.step() ? check.text(0) : "no answer from quick_check";
  if (result == "ok") return {};
  std::replace(result.begin(), result.end(), '\n', ' ');
  if (result.size() > 120) result = result.substr(0, 120) + "...";
  return result;
}

/// Checks a file before anything writes to it. Throws with a one-line reason.
void vet_file(const std::filesystem::path& path) {
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) throw Error(quoted(path) + ": no such file");
  if (std::filesystem::is_directory(path, ec)) throw Error(quoted(path) + ": is a directory, not a document");
  InputFile in(path);  // a regular file only: a FIFO or a device is refused, never opened and waited on
  char header[16] = {};
  const auto got = in.read(header, sizeof header);
  if (got == 0) throw Error(quoted(path) + ": the file is empty, not a Uchronia document");
  if (got < 16 || std::string_view(header, 16) != std::string_view("SQLite format 3\0", 16))
    throw Error(quoted(path) + ": not a Uchronia document (not a SQLite database)");
}

/// A hot rollback journal beside the document (a -journal with a live header) would be rolled back
/// into it by the first connection that may write: its pages may be another database's (a copied
/// file, a crash of another program). A Uchronia document, always in WAL mode, never leaves one.
void vet_journal(const std::filesystem::path& path) {
  const std::string journal = path.string() + "-journal";
  std::error_code ec;
  const auto status = std::filesystem::symlink_status(journal, ec);
  if (ec || !std::filesystem::exists(status)) return;
  if (!std::filesystem::is_regular_file(status))
    throw Error(quoted(path) + ": " + journal + " beside it is not a regular file; refusing to open it");
  std::ifstream in(journal, std::ios::binary);
  char magic[8] = {};
  if (!in || !in.read(magic, sizeof magic)) return;
  static const unsigned char kJournalMagic[8] = {0xd9, 0xd5, 0x05, 0xf9, 0x20, 0xa1, 0x63, 0xd7};
  if (std::memcmp(magic, kJournalMagic, sizeof magic) != 0) return;  // zeroed: not hot, SQLite ignores it
  throw Error(quoted(path) + ": an unfinished transaction's rollback journal " + path.filename().string() +
              "-journal lies beside it (Uchronia never leaves one: perhaps another database's); refusing to open "
              "it, as rolling it back would write that journal into the document");
}

/// The document's mark (db/migrations/003_wal_mark.sql) as its file alone holds it, without the
/// -wal (immutable); "" when it has none or it cannot be read.
std::string mark_in_file(const std::filesystem::path& path) {
  std::string mark;
  bool out_of_memory = false;
  try {
    SQLite::Database db(file_uri(path, "mode=ro&immutable=1"), SQLite::OPEN_READONLY | SQLite::OPEN_URI);
    configure_connection(db.getHandle(), 0);
    SQLite::Statement st(db, "SELECT mark FROM wal_mark WHERE id = 1");
    if (st.executeStep() && st.getColumn(0).getType() == SQLITE_TEXT) {
      const char* text = st.getColumn(0).getText(nullptr);
      out_of_memory = !text;
      if (text) mark = text;
    }
  } catch (const SQLite::Exception&) {
    // no mark to read (an older document, or none it can open): mark stays ""
  }
  if (out_of_memory) throw Error(quoted(path) + ": cannot be opened: out of memory");
  const bool well_formed = mark.size() == 49 && mark[32] == ':' &&
                           mark.find_first_not_of("0123456789abcdef") == 32 &&
                           mark.find_first_not_of("0123456789", 33) == std::string::npos;
  return well_formed ? mark : std::string();
}

/// Refuses a document whose -wal is not its own, before SQLite replays it (wal_vetting.cpp says
/// how, and what this cannot catch). Reads the -wal; writes nothing.
void vet_wal(const std::filesystem::path& path) {
  const std::filesystem::path wal = path.string() + "-wal";
  std::error_code ec;
  const auto status = std::filesystem::symlink_status(wal, ec);
  if (ec || !std::filesystem::exists(status)) return;
  if (!std::filesystem::is_regular_file(status))
    throw Error(quoted(path) + ": its write-ahead log " + wal.string() + " is not a regular file; refusing to open it");
  const std::string mark = mark_in_file(path);
  if (mark.empty()) return;  // no mark to compare with: an older or never checkpointed document
  const std::string token = mark.substr(0, 32);
  const std::int64_t file_commits = std::stoll(mark.substr(33));
  const auto commits = read_wal(wal, token).commits;
  if (commits.empty()) return;  // nothing SQLite would replay
  const std::string refuse = "; refusing to open it (move " + wal.filename().string() +
                             " aside to open the document as last checkpointed)";
  for (std::size_t i = 0; i < commits.size(); ++i)
    if (commits[i] < 0 || (i > 0 && commits[i] != commits[i - 1] + 1))
      throw Error(quoted(path) + ": its write-ahead log " + wal.filename().string() +
                  " belongs to another database (a transaction without this document's mark)" + refuse);
  if (commits.back() < file_commits)
    throw Error(quoted(path) + ": its write-ahead log " + wal.filename().string() + " is an old one (commits " +
                std::to_string(commits.front()) + "-" + std::to_string(commits.back()) + ", the document already has " +
                std::to_string(file_commits) + ")" + refuse);
}

/// A document whose -wal holds commits can be read only with its -shm, or where SQLite may create
/// one; else (a read-only directory) SQLite could read it only without them. Refused instead of
/// showing an older document as if it were the latest.
void refuse_unreadable_wal(const std::filesystem::path& path) {
  if (read_wal(path.string() + "-wal", "").commits.empty()) return;
  throw Error(quoted(path) + ": its latest changes are in " + path.filename().string() +
              "-wal, which cannot be read in this read-only directory without its -shm; "
              "copy the document with its -wal to a writable place to read it");
}

/// Read-only inspection: application id, version, and that the schema is ours alone. Returns
/// whether every page was checked too (documents up to kFullVerifyLimit).
bool vet_schema(const std::filesystem::path& path) {
  // A WAL document in a read-only directory, without its -shm, can only be read as immutable
  // (SQLite cannot create the -shm; no writer can either).
  std::error_code ec;
  const bool immutable = ::access(parent_dir(path).c_str(), W_OK) != 0 &&
                         !std::filesystem::exists(path.string() + "-shm", ec);
  if (immutable) refuse_unreadable_wal(path);
  const std::string uri = file_uri(path, immutable ? "mode=ro&immutable=1" : "mode=ro");
  std::optional<SQLite::Database> connection;
  try {
    connection.emplace(uri, SQLite::OPEN_READONLY | SQLite::OPEN_URI);
  } catch (const SQLite::Exception& e) {
    throw Error(quoted(path) + ": cannot be opened: " + e.what());
  }
  sqlite3* db = connection->getHandle();
  configure_connection(db, 2000);
  try {
    const auto app_id = pragma_int(db, "PRAGMA application_id");
    const auto version = pragma_int(db, "PRAGMA user_version");
    const auto latest = static_cast<std::int64_t>(migrations().size());
    if (app_id != kApplicationId) {
      if (app_id == 0 && version == 0 && pragma_int(db, "SELECT count(*) FROM sqlite_schema") == 0)
        throw Error(quoted(path) + ": an empty SQLite database, not a Uchronia document");
      throw Error(quoted(path) + ": a SQLite database of another application, not a Uchronia document");
    }
    if (version < 0)
      throw Error(quoted(path) + ": not a valid Uchronia document (document version " + std::to_string(version) + ")");
    if (version > latest)
      throw Error(quoted(path) + ": written by a newer Uchronia (document version " + std::to_string(version) +
                  ", this program reads up to " + std::to_string(latest) + "); update Uchronia to open it");
    // Exactly the objects the migrations up to `version` create, as they create them: no
    // trigger, no view, no table or index redefined to call functions, none missing.
    const SchemaObjects& known = schema_of_versions().at(static_cast<std::size_t>(version));
    std::size_t found = 0;
    Statement st(db, "SELECT type, name, coalesce(sql, '') FROM sqlite_schema");
    while (st.step()) {
      const std::string type = st.text(0), name = st.text(1), sql = st.text(2);
      const auto it = known.find(name);
      const bool ours = it != known.end() && it->second.first == type && it->second.second == sql;
      if (!ours)
        throw Error(quoted(path) + ": the document's schema was altered (" +
                    (it == known.end() ? "unexpected " : "changed ") + type + " '" + name + "'); refusing to open it");
      ++found;
    }
    if (found != known.size())
      throw Error(quoted(path) + ": the document's schema was altered (" + std::to_string(known.size() - found) +
                  " of its version " + std::to_string(version) + " objects are missing); refusing to open it");
    // A damaged page anywhere is reported now, before anything reads or writes around it.
    // That reads the whole file, so it is done up front only for documents up to 64 MiB
    // (milliseconds); a larger one still reports "damaged" on the first bad page it reads,
    // and `uchronia verify` checks every page on request. Keeps opening 100k entries fast.
    std::error_code size_ec;
    const auto file_size = std::filesystem::file_size(path, size_ec);
    if (size_ec || file_size > kFullVerifyLimit) return false;
    if (const std::string damage = quick_check(db); !damage.empty())
      throw Error(quoted(path) + ": the document is damaged (" + damage + "); refusing to open it");
    return true;
  } catch (const Error& e) {
    // SQLite's own errors while vetting ("file is not a database", "malformed") name the file too.
    if (std::string_view(e.what()).substr(0, quoted(path).size() + 1) == quoted(path) + ":") throw;
    throw Error(quoted(path) + ": " + e.what());
  }
}

void migrate(SQLite::Database& connection) {
  sqlite3* db = connection.getHandle();
  const auto version = pragma_int(db, "PRAGMA user_version");
  const auto& all = migrations();
  if (version >= static_cast<std::int64_t>(all.size())) return;
  // Then copied into the file at once (when no reader holds it back), so that the file itself holds
  // the document's mark that vet_wal compares a -wal with.
  struct Checkpoint {
    sqlite3* db;
    bool done = false;
    ~Checkpoint() {
      if (done) sqlite3_wal_checkpoint_v2(db, nullptr, SQLITE_CHECKPOINT_PASSIVE, nullptr, nullptr);
    }
  } checkpoint{db};
  WriteTransaction tx(connection);
  for (auto i = static_cast<std::size_t>(version); i < all.size(); ++i) {
    char* err = nullptr;
    if (sqlite3_exec(db, std::string(all[i]).c_str(), nullptr, nullptr, &err) != SQLITE_OK) {
      std::string msg = err ? err : "unknown error";
      sqlite3_free(err);
      throw Error("cannot upgrade the document (migration " + std::to_string(i + 1) + "): " + msg);
    }
  }
  if (version > 0 && version < kLinkTargetsVersion) derive_all_link_rows(db);
  exec(db, ("PRAGMA application_id = " + std::to_string(kApplicationId)).c_str());
  exec(db, ("PRAGMA user_version = " + std::to_string(all.size())).c_str());
  tx.commit();
  checkpoint.done = true;
}

std::unique_ptr<Store::Impl> connect(const std::filesystem::path& path, int flags, bool read_only,
                                     int busy_timeout_ms) {
  auto impl = std::make_unique<Store::Impl>();
  impl->path = path;
  impl->read_only = read_only;
  const std::string name = path.empty() ? std::string(":memory:") : path.string();
  try {
    impl->conn = std::make_unique<SQLite::Database>(name, flags);
  } catch (const SQLite::Exception& e) {
    throw Error(name + ": cannot be opened: " + e.what());
  }
  impl->db = impl->conn->getHandle();
  configure_connection(impl->db, busy_timeout_ms);
  if (!read_only) impl->watch_writes(busy_timeout_ms);  // waits for a long writer; progress; Ctrl+C
  // How a second, read-only connection reaches the same file (Store::load reads with two).
  if (!path.empty()) impl->reader_uri = name.starts_with("file:") ? name : file_uri(path, "mode=ro");
  return impl;
}

void set_write_pragmas(sqlite3* db) {
  exec(db, "PRAGMA journal_mode = WAL");
  // NORMAL: a commit is in the WAL (the OS's page cache) when it returns, so killing the process
  // loses nothing; the fdatasync that also makes it survive a power cut is Store::sync(), run by
  // the editor once the writer pauses and by every Store on close. One fsync per edit would
  // cost ~3 ms on this machine's disk, six times the commit itself.
  exec(db, "PRAGMA synchronous = NORMAL");
  exec(db, "PRAGMA foreign_keys = ON");
}

}  // namespace

Store::Impl::~Impl() {
  if (!db) return;
  try {
    sync_wal();
  } catch (...) {
    // closing must not throw; the data is in the WAL and survives anything but a power cut
  }
  close();
}

void Store::Impl::close() {
  if (!db) return;
  // Statements are finalized and the write watch's hooks removed while the connection is still
  // open: closing it with statements left would run the watch's rollback hook after its end.
  statements.clear();
  watch.reset();
  db = nullptr;
  conn.reset();
}

void Store::Impl::sync_wal() {
  if (!unsynced_since) return;
  unsynced_since.reset();
  if (path.empty()) return;  // in memory
  // fdatasync on any descriptor of the file flushes its dirty pages: the WAL frames of every
  // commit so far reach the disk (SQLite's own sync would need a checkpoint, which can wait on readers).
  const std::string wal = path.string() + "-wal";
  const int fd = ::open(wal.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return;  // no WAL: a checkpoint already synced everything into the file
  const int rc = ::fdatasync(fd);
  ::close(fd);
  if (rc != 0) throw Error(wal + ": cannot be synced to disk: " + std::strerror(errno));
}

std::unique_ptr<SQLite::Database> Store::Impl::open_reader() const {
  if (reader_uri.empty()) return nullptr;
  try {
    // A reader is used by one thread at a time (handed to a helper thread and back at its join):
    // SQLite's "multi-thread" mode (NOMUTEX) spares a mutex round trip on every call (a full
    // check's link rows: ~2 million calls).
    auto reader = std::make_unique<SQLite::Database>(reader_uri,
                                                     SQLite::OPEN_READONLY | SQLite::OPEN_URI | SQLITE_OPEN_NOMUTEX);
    configure_connection(reader->getHandle(), 2000);
    return reader;
  } catch (const SQLite::Exception&) {
    return nullptr;  // the caller reads on its own connection instead
  }
}

void Store::Impl::require_writable() const {
  if (read_only) throw Error(path.string() + ": the document is open read-only");
  // A document too large to be checked on opening is checked before its first write: a write
  // beside a damaged page could spread the damage, and would be refused on every later opening.
  if (!verified && !path.empty()) {
    if (const std::string damage = quick_check(db); !damage.empty())
      throw Error(path.string() + ": the document is damaged (" + damage + "); refusing to write to it");
    verified = true;
  }
}

Store::Store(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Store::Store(Store&&) noexcept = default;
Store& Store::operator=(Store&&) noexcept = default;
Store::~Store() = default;

Store Store::open(const std::filesystem::path& path, OpenOptions options) {
  configure_sqlite_library();
  vet_file(path);
  vet_journal(path);
  vet_wal(path);
  bool verified = false;
  {
    // Looking read-only at a WAL file creates an empty -wal and a -shm next to it; when the file
    // is refused, take away the ones this look created (never ones another program had).
    std::error_code ec;
    const std::filesystem::path wal = path.string() + "-wal", shm = path.string() + "-shm";
    const bool had_wal = std::filesystem::exists(wal, ec), had_shm = std::filesystem::exists(shm, ec);
    try {
      verified = vet_schema(path);
    } catch (const Error&) {
      if (!had_wal && std::filesystem::file_size(wal, ec) == 0 && !ec) std::filesystem::remove(wal, ec);
      if (!had_shm && !std::filesystem::exists(wal, ec)) std::filesystem::remove(shm, ec);
      throw;
    }
  }
  const bool writable = !options.read_only && ::access(path.c_str(), W_OK) == 0 &&
                        ::access(parent_dir(path).c_str(), W_OK) == 0;
  if (!writable) {
    // A read-only file may be in WAL mode without its -shm: open it immutable.
    const std::string uri = file_uri(path, "mode=ro");
    auto impl = connect(uri, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, true, options.busy_timeout_ms);
    try {
      pragma_int(impl->db, "SELECT count(*) FROM entry");
    } catch (const Error&) {
      impl->close();
      refuse_unreadable_wal(path);
      impl = connect(file_uri(path, "mode=ro&immutable=1"), SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, true,
                     options.busy_timeout_ms);
    }
    impl->path = path;
    exec(impl->db, "PRAGMA query_only = ON");
    Store store(std::move(impl));
    store.changed_externally();
    return store;
  }
  auto impl = connect(path, SQLITE_OPEN_READWRITE, false, options.busy_timeout_ms);
  impl->verified = verified;
  set_write_pragmas(impl->db);
  migrate(*impl->conn);
  Store store(std::move(impl));
  store.changed_externally();
  return store;
}

Store Store::create(const std::filesystem::path& path) {
  configure_sqlite_library();
  std::error_code ec;
  if (std::filesystem::exists(path, ec))
    throw Error(quoted(path) + ": already exists; refusing to overwrite it");
  auto impl = connect(path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_EXCLUSIVE, false, 10000);
  impl->verified = true;  // made here, now
  try {
    set_write_pragmas(impl->db);
    migrate(*impl->conn);
  } catch (...) {
    impl->close();
    std::filesystem::remove(path, ec);
    std::filesystem::remove(path.string() + "-wal", ec);
    std::filesystem::remove(path.string() + "-shm", ec);
    throw;
  }
  Store store(std::move(impl));
  store.changed_externally();
  return store;
}

Store Store::create_from(const std::filesystem::path& path, const Document& doc, const std::string& author) {
  std::error_code ec;
  if (std::filesystem::exists(path, ec)) throw Error(quoted(path) + ": already exists; refusing to overwrite it");
  // A hidden name in the same directory: the final link() is atomic there.
  const std::filesystem::path temp =
      path.parent_path() / ("." + path.filename().string() + ".importing-" + std::to_string(::getpid()));
  const auto remove_temp = [&] {
    for (const char* suffix : {"", "-journal", "-wal", "-shm"}) std::filesystem::remove(temp.string() + suffix, ec);
  };
  // Temporaries of earlier imports to this path whose process was killed: nothing else can use them.
  const std::string prefix = "." + path.filename().string() + ".importing-";
  for (const auto& f : std::filesystem::directory_iterator(parent_dir(path), ec)) {
    const std::string name = f.path().filename().string();
    if (!name.starts_with(prefix)) continue;
    const std::string pid = name.substr(prefix.size(), name.find('-', prefix.size()) - prefix.size());
    if (pid.empty() || pid.find_first_not_of("0123456789") != std::string::npos) continue;
    if (::kill(static_cast<pid_t>(std::stol(pid)), 0) != 0 && errno == ESRCH) std::filesystem::remove(f.path(), ec);
  }
  remove_temp();
  try {
    {
      Store building = create(temp);
      building.impl_->private_new_file = true;
      building.import_document(doc, author);
    }  // closed: checkpointed and synced
    // link() refuses an existing name, where rename() would replace a file made meanwhile.
    if (::link(temp.c_str(), path.c_str()) != 0)
      throw Error(quoted(path) + ": cannot be created: " + std::strerror(errno));
    remove_temp();
    const int dir = ::open(parent_dir(path).c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dir >= 0) {
      ::fsync(dir);  // the new name survives a power cut too
      ::close(dir);
    }
  } catch (...) {
    remove_temp();
    throw;
  }
  return open(path);
}

Store Store::in_memory() {
  configure_sqlite_library();
  auto impl = connect({}, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_MEMORY, false, 0);
  migrate(*impl->conn);
  return Store(std::move(impl));
}

const std::filesystem::path& Store::path() const { return impl_->path; }

void Store::sync(std::chrono::milliseconds quiet) {
  if (!impl_->unsynced_since) return;
  if (std::chrono::steady_clock::now() - impl_->last_commit < quiet) return;
  impl_->sync_wal();
}

bool Store::sync_pending() const { return impl_->unsynced_since.has_value(); }
bool Store::read_only() const { return impl_->read_only; }

bool Store::changed_externally() {
  // PRAGMA data_version moves when another connection commits. A read-only (possibly
  // immutable) connection compares the newest revision instead, which cannot misfire.
  const auto v = impl_->read_only ? latest_seq() : pragma_int(impl_->db, "PRAGMA data_version");
  const bool changed = impl_->data_version != -1 && v != impl_->data_version;
  impl_->data_version = v;
  return changed;
}

std::string Store::integrity_report() const {
  std::string report;
  Statement st(impl_->db, "PRAGMA integrity_check(20)");
  while (st.step()) report += (report.empty() ? "" : "\n") + st.text(0);
  return report;
}

std::string default_author(const std::string& explicit_author) {
  if (!explicit_author.empty()) return explicit_author;
  if (const char* env = std::getenv("UCHRONIA_AUTHOR"); env && *env) return env;
  if (const passwd* pw = ::getpwuid(::getuid()); pw && pw->pw_name) return pw->pw_name;
  if (const char* user = std::getenv("USER"); user && *user) return user;
  return "unknown";
}

}  // namespace uch
