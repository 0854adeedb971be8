// Opening and creating documents: refuse foreign or altered files untouched, set the
// defensive connection settings, run schema migrations in one transaction.
#include <pwd.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <set>

#include <spdlog/spdlog.h>

#include "store/store_impl.hpp"

namespace uch {
using namespace detail;

namespace {

std::string quoted(const std::filesystem::path& p) { return p.string(); }

/// The names of every schema object the migrations create (what a document may hold).
std::set<std::string> known_schema_objects() {
  static const std::set<std::string> names = [] {
    std::set<std::string> out;
    sqlite3* db = nullptr;
    sqlite3_open(":memory:", &db);
    for (auto sql : migrations()) sqlite3_exec(db, std::string(sql).c_str(), nullptr, nullptr, nullptr);
    sqlite3_stmt* st = nullptr;
    sqlite3_prepare_v2(db, "SELECT name FROM sqlite_schema", -1, &st, nullptr);
    while (sqlite3_step(st) == SQLITE_ROW) out.insert(reinterpret_cast<const char*>(sqlite3_column_text(st, 0)));
    sqlite3_finalize(st);
    sqlite3_close(db);
    return out;
  }();
  return names;
}

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

/// Checks a file before anything writes to it. Throws with a one-line reason.
void vet_file(const std::filesystem::path& path) {
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) throw Error(quoted(path) + ": no such file");
  if (std::filesystem::is_directory(path, ec)) throw Error(quoted(path) + ": is a directory, not a document");
  std::ifstream in(path, std::ios::binary);
  if (!in) throw Error(quoted(path) + ": cannot be read (permission denied?)");
  char header[16] = {};
  in.read(header, sizeof header);
  const auto got = in.gcount();
  if (got == 0) throw Error(quoted(path) + ": the file is empty, not a Uchronia document");
  if (got < 16 || std::string_view(header, 16) != std::string_view("SQLite format 3\0", 16))
    throw Error(quoted(path) + ": not a Uchronia document (not a SQLite database)");
}

/// Read-only inspection: application id, version, and that the schema is ours alone.
void vet_schema(const std::filesystem::path& path) {
  sqlite3* db = nullptr;
  const std::string uri = "file:" + path.string() + "?mode=ro";
  int rc = sqlite3_open_v2(uri.c_str(), &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, nullptr);
  struct Closer {
    sqlite3* db;
    ~Closer() { sqlite3_close_v2(db); }
  } closer{db};
  if (rc != SQLITE_OK) throw Error(quoted(path) + ": cannot be opened: " + sqlite3_errmsg(db));
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
    if (version > latest)
      throw Error(quoted(path) + ": written by a newer Uchronia (document version " + std::to_string(version) +
                  ", this program reads up to " + std::to_string(latest) + "); update Uchronia to open it");
    if (version == latest) {
      const auto known = known_schema_objects();
      Statement st(db, "SELECT type, name FROM sqlite_schema");
      while (st.step()) {
        const std::string type = st.text(0), name = st.text(1);
        if (type == "trigger" || type == "view" || !known.count(name))
          throw Error(quoted(path) + ": the document's schema was altered (unexpected " + type + " '" + name +
                      "'); refusing to open it");
      }
    }
  } catch (const Error&) {
    throw;
  }
}

void migrate(sqlite3* db) {
  const auto version = pragma_int(db, "PRAGMA user_version");
  const auto& all = migrations();
  if (version >= static_cast<std::int64_t>(all.size())) return;
  WriteTransaction tx(db);
  for (auto i = static_cast<std::size_t>(version); i < all.size(); ++i) {
    char* err = nullptr;
    if (sqlite3_exec(db, std::string(all[i]).c_str(), nullptr, nullptr, &err) != SQLITE_OK) {
      std::string msg = err ? err : "unknown error";
      sqlite3_free(err);
      throw Error("cannot upgrade the document (migration " + std::to_string(i + 1) + "): " + msg);
    }
  }
  exec(db, ("PRAGMA application_id = " + std::to_string(kApplicationId)).c_str());
  exec(db, ("PRAGMA user_version = " + std::to_string(all.size())).c_str());
  tx.commit();
}

std::unique_ptr<Store::Impl> connect(const std::filesystem::path& path, int flags, bool read_only,
                                     int busy_timeout_ms) {
  auto impl = std::make_unique<Store::Impl>();
  impl->path = path;
  impl->read_only = read_only;
  const std::string name = path.empty() ? std::string(":memory:") : path.string();
  if (sqlite3_open_v2(name.c_str(), &impl->db, flags, nullptr) != SQLITE_OK) {
    const std::string msg = impl->db ? sqlite3_errmsg(impl->db) : "out of memory";
    throw Error(name + ": cannot be opened: " + msg);
  }
  configure_connection(impl->db, busy_timeout_ms);
  return impl;
}

void set_write_pragmas(sqlite3* db) {
  exec(db, "PRAGMA journal_mode = WAL");
  exec(db, "PRAGMA synchronous = FULL");  // a committed revision survives a power cut too
  exec(db, "PRAGMA foreign_keys = ON");
}

}  // namespace

Store::Impl::~Impl() {
  if (db) sqlite3_close_v2(db);
}

void Store::Impl::require_writable() const {
  if (read_only) throw Error(path.string() + ": the document is open read-only");
}

Store::Store(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Store::Store(Store&&) noexcept = default;
Store& Store::operator=(Store&&) noexcept = default;
Store::~Store() = default;

Store Store::open(const std::filesystem::path& path, OpenOptions options) {
  vet_file(path);
  vet_schema(path);
  const bool writable = !options.read_only && ::access(path.c_str(), W_OK) == 0 &&
                        ::access(path.parent_path().empty() ? "." : path.parent_path().c_str(), W_OK) == 0;
  if (!writable) {
    // A read-only file may be in WAL mode without its -shm: open it immutable.
    const std::string uri = "file:" + path.string() + "?mode=ro";
    auto impl = connect(uri, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, true, options.busy_timeout_ms);
    try {
      pragma_int(impl->db, "SELECT count(*) FROM entry");
    } catch (const Error&) {
      sqlite3_close_v2(impl->db);
      impl->db = nullptr;
      impl = connect("file:" + path.string() + "?mode=ro&immutable=1", SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, true,
                     options.busy_timeout_ms);
    }
    impl->path = path;
    exec(impl->db, "PRAGMA query_only = ON");
    Store store(std::move(impl));
    store.changed_externally();
    return store;
  }
  auto impl = connect(path, SQLITE_OPEN_READWRITE, false, options.busy_timeout_ms);
  set_write_pragmas(impl->db);
  migrate(impl->db);
  Store store(std::move(impl));
  store.changed_externally();
  return store;
}

Store Store::create(const std::filesystem::path& path) {
  std::error_code ec;
  if (std::filesystem::exists(path, ec))
    throw Error(quoted(path) + ": already exists; refusing to overwrite it");
  auto impl = connect(path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_EXCLUSIVE, false, 10000);
  try {
    set_write_pragmas(impl->db);
    migrate(impl->db);
  } catch (...) {
    sqlite3_close_v2(impl->db);
    impl->db = nullptr;
    std::filesystem::remove(path, ec);
    std::filesystem::remove(path.string() + "-wal", ec);
    std::filesystem::remove(path.string() + "-shm", ec);
    throw;
  }
  Store store(std::move(impl));
  store.changed_externally();
  return store;
}

Store Store::in_memory() {
  auto impl = connect({}, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_MEMORY, false, 0);
  migrate(impl->db);
  return Store(std::move(impl));
}

const std::filesystem::path& Store::path() const { return impl_->path; }
bool Store::read_only() const { return impl_->read_only; }

bool Store::changed_externally() {
  const auto v = pragma_int(impl_->db, "PRAGMA data_version");
  const bool changed = impl_->data_version != -1 && v != impl_->data_version;
  impl_->data_version = v;
  return changed;
}

std::string default_author(const std::string& explicit_author) {
  if (!explicit_author.empty()) return explicit_author;
  if (const char* env = std::getenv("UCHRONIA_AUTHOR"); env && *env) return env;
  if (const passwd* pw = ::getpwuid(::getuid()); pw && pw->pw_name) return pw->pw_name;
  if (const char* user = std::getenv("USER"); user && *user) return user;
  return "unknown";
}

}  // namespace uch
