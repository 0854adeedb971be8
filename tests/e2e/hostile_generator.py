#!/usr/bin/env python3
"""Makes fresh hostile documents on every run, for tests/e2e/hostile_files.sh.

usage: hostile_generator.py UCHRONIA SAMPLE_DOC MIGRATIONS_DIR OUT_DIR [ROUNDS]

Each round makes one file of every class: empty, random bytes, a document truncated at a random
length, a document with a random page garbled, another application's database, a newer version,
an altered schema (a random choice of trigger / view / extra table / extra index / changed SQL),
an older-version document with an altered schema, and a document with another database's -wal.
Writes OUT_DIR/manifest.tsv: file name, class, regex the one-line refusal must match.
The seed is printed; UCHRONIA_HOSTILE_SEED=N makes the same files again.
"""
import os
import random
import shutil
import sqlite3
import subprocess
import sys

uchronia, sample, migrations_dir, out = sys.argv[1:5]
rounds = int(sys.argv[5]) if len(sys.argv) > 5 else 2
seed = int(os.environ.get("UCHRONIA_HOSTILE_SEED") or random.SystemRandom().randrange(1, 2**31))
print(f"hostile generator: seed {seed} (UCHRONIA_HOSTILE_SEED={seed} makes the same files)", flush=True)
rng = random.Random(seed)
real = open(sample, "rb").read()
page_size = int.from_bytes(real[16:18], "big")
page_size = 65536 if page_size == 1 else page_size
migrations = sorted(f for f in os.listdir(migrations_dir) if f.endswith(".sql"))
latest = len(migrations)
manifest = []
# A garbled first page loses the SQLite header: check and export then read the file as JSON.
DAMAGED = "damaged|not a (valid )?(Uchronia document|SQLite database)|another application|altered|newer|empty|syntax error"


def rand_bytes(n):
    return rng.getrandbits(8 * n).to_bytes(n, "little") if n else b""


def refused_by_sqlite(path):
    """True when SQLite itself sees something wrong: a damage the file's vetting must catch."""
    try:
        con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        ok = con.execute("PRAGMA quick_check").fetchone()[0] == "ok"
        ok = ok and con.execute("PRAGMA application_id").fetchone()[0] == 1430472786
        con.close()
        return not ok
    except sqlite3.DatabaseError:
        return True


def add(name, cls, pattern):
    manifest.append((name, cls, pattern))


def path(name):
    return os.path.join(out, name)


def run_sql(p, *statements):
    con = sqlite3.connect(p, isolation_level=None)
    for s in statements:
        con.execute(s)
    con.close()


def alteration():
    kind = rng.choice(["trigger", "view", "table", "index", "changed"])
    tag = rng.randrange(10**6)
    if kind == "trigger":
        return kind, [f"CREATE TRIGGER t{tag} AFTER UPDATE ON entry BEGIN SELECT load_extension('/tmp/x{tag}.so'); END"]
    if kind == "view":
        return kind, [f"CREATE VIEW v{tag} AS SELECT load_extension('/tmp/x{tag}.so')"]
    if kind == "table":
        return kind, [f"CREATE TABLE extra{tag}(x)", f"INSERT INTO extra{tag} VALUES({tag})"]
    if kind == "index":
        return kind, [f"CREATE INDEX i{tag} ON entry(title, body)"]
    column = rng.choice(["title", "body", "notes"])
    return kind, ["PRAGMA writable_schema = ON",
                  f"UPDATE sqlite_schema SET sql = replace(sql, '{column} ', '{column} /* {tag} */ ') "
                  f"WHERE name = 'entry'",
                  "PRAGMA writable_schema = OFF"]


def v1_document(p):
    con = sqlite3.connect(p, isolation_level=None)
    con.execute("PRAGMA journal_mode = WAL")
    con.executescript(open(os.path.join(migrations_dir, migrations[0])).read())
    con.execute("PRAGMA application_id = 1430472786")
    con.execute("PRAGMA user_version = 1")
    con.close()


def wal_of_other(target, r):
    """Puts beside `target` a -wal with committed frames of another database of the same page size."""
    other = path(f"other-{r}.db")
    if rng.random() < 0.5:
        # Another Uchronia document (its own mark), a commit left in its -wal: a reader holds the
        # file open, so the writer's close does not checkpoint it away.
        gen = path(f"other-{r}.json")
        subprocess.run([uchronia, "generate", "--entries", str(rng.randrange(5, 60)), "--seed",
                        str(rng.randrange(1, 10**6)), "-o", gen], check=True, capture_output=True)
        other = path(f"other-{r}.uchronia")
        subprocess.run([uchronia, "import", gen, other], check=True, capture_output=True)
        holder = sqlite3.connect(other, isolation_level=None)
        holder.execute("SELECT count(*) FROM entry").fetchone()
        entry = holder.execute("SELECT id FROM entry ORDER BY random() LIMIT 1").fetchone()[0]
        subprocess.run([uchronia, "set", other, entry, "title", f"FOREIGN {rng.randrange(10**6)}"],
                       check=True, capture_output=True)
    else:
        holder = sqlite3.connect(other, isolation_level=None)
        holder.execute(f"PRAGMA page_size = {page_size}")
        holder.execute("PRAGMA journal_mode = WAL")
        holder.execute("PRAGMA wal_autocheckpoint = 0")
        holder.execute("CREATE TABLE accounts(id INTEGER PRIMARY KEY, owner TEXT, note BLOB)")
        for i in range(rng.randrange(1, 40)):
            holder.execute("INSERT INTO accounts VALUES(?, ?, ?)", (i, f"owner {i}", rand_bytes(rng.randrange(0, 3000))))
    shutil.copyfile(other + "-wal", target + "-wal")
    holder.close()
    for suffix in ("", "-wal", "-shm"):
        if os.path.exists(other + suffix):
            os.remove(other + suffix)


for r in range(rounds):
    open(path(f"empty-{r}.uchronia"), "wb").close()
    add(f"empty-{r}.uchronia", "empty", "empty")

    open(path(f"random-{r}.uchronia"), "wb").write(rand_bytes(rng.randrange(1, 200000)))
    add(f"random-{r}.uchronia", "random bytes", "not a (Uchronia document|SQLite)|syntax error")  # check and export also read JSON

    for _ in range(100):  # a length whose loss SQLite can see
        cut = rng.randrange(1, len(real))
        open(path(f"truncated-{r}.uchronia"), "wb").write(real[:cut])
        if refused_by_sqlite(path(f"truncated-{r}.uchronia")):
            break
    add(f"truncated-{r}.uchronia", f"truncated at {cut}", DAMAGED)

    pages = len(real) // page_size
    for _ in range(100):  # a page whose damage SQLite can see (a free page's bytes are never read)
        page = rng.randrange(pages)
        garbled = bytearray(real)
        garbled[page * page_size:(page + 1) * page_size] = rand_bytes(page_size)
        open(path(f"garbled-{r}.uchronia"), "wb").write(garbled)
        if refused_by_sqlite(path(f"garbled-{r}.uchronia")):
            break
    add(f"garbled-{r}.uchronia", f"page {page + 1} garbled", DAMAGED)

    p = path(f"other-app-{r}.uchronia")
    tables = rng.randrange(1, 5)
    run_sql(p, f"PRAGMA application_id = {rng.choice([0, rng.randrange(1, 2**31)])}",
            *[f"CREATE TABLE t{i}(a, b)" for i in range(tables)], "INSERT INTO t0 VALUES(1, 2)")
    add(f"other-app-{r}.uchronia", "another application's database", "another application")

    p = path(f"newer-{r}.uchronia")
    shutil.copyfile(sample, p)
    run_sql(p, f"PRAGMA user_version = {latest + rng.randrange(1, 1000)}")
    add(f"newer-{r}.uchronia", "a newer version", "newer")

    p = path(f"altered-{r}.uchronia")
    shutil.copyfile(sample, p)
    kind, statements = alteration()
    run_sql(p, *statements)
    add(f"altered-{r}.uchronia", f"altered schema ({kind})", "altered")

    p = path(f"old-altered-{r}.uchronia")
    v1_document(p)
    kind, statements = alteration()
    run_sql(p, *statements)
    add(f"old-altered-{r}.uchronia", f"version-1 document, altered schema ({kind})", "altered")

    p = path(f"foreign-wal-{r}.uchronia")
    shutil.copyfile(sample, p)
    wal_of_other(p, r)
    add(f"foreign-wal-{r}.uchronia", "another database's -wal", "belongs to another database")

with open(path("manifest.tsv"), "w") as f:
    for name, cls, pattern in manifest:
        f.write(f"{name}\t{cls}\t{pattern}\n")
