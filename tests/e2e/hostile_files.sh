# Hostile and broken files through every CLI verb that takes a document; bad imports; a full disk;
# read-only files. Each refusal: exit 2, one line on stderr, the file's bytes unchanged, no crash.
set -uo pipefail

SOURCE_DIR=${SOURCE_DIR:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)}
UCHRONIA=${UCHRONIA:-$SOURCE_DIR/build/src/uchronia}
SAMPLE_DOC=${SAMPLE_DOC:-$SOURCE_DIR/build/db/alternative-history.uchronia}
SCRATCH=${SCRATCH:-$(mktemp -d)}
rm -rf "$SCRATCH" && mkdir -p "$SCRATCH"
export UCHRONIA_AUTHOR=hostile-test

failures=0
checks=0
fail() {
  echo "FAIL: $*" >&2
  failures=$((failures + 1))
}
need() { command -v "$1" >/dev/null || { echo "hostile_files: $1 is required" >&2; exit 1; }; }
need python3
need sha256sum
[ -x "$UCHRONIA" ] || { echo "hostile_files: no binary at $UCHRONIA" >&2; exit 1; }
[ -f "$SAMPLE_DOC" ] || { echo "hostile_files: no sample document at $SAMPLE_DOC" >&2; exit 1; }

# run_refused LABEL PATTERN FILE -- ARGS...: the CLI must exit 2 with one stderr line matching
# PATTERN (extended regex), leave FILE's bytes unchanged, and leave no new file next to FILE.
run_refused() {
  local label=$1 pattern=$2 file=$3
  shift 4
  checks=$((checks + 1))
  local before after listing_before listing_after
  before=$(sha256sum <"$file")$(cat "$file-wal" 2>/dev/null | sha256sum)
  listing_before=$(ls -A "$(dirname "$file")")
  timeout 60 "$UCHRONIA" "$@" >"$SCRATCH/out" 2>"$SCRATCH/err"
  local rc=$?
  after=$(sha256sum <"$file")$(cat "$file-wal" 2>/dev/null | sha256sum)
  listing_after=$(ls -A "$(dirname "$file")")
  local lines
  lines=$(wc -l <"$SCRATCH/err")
  if [ "$rc" -ne 2 ]; then
    fail "$label: exit $rc, expected 2; stderr: $(head -c 300 "$SCRATCH/err")"
  elif [ "$lines" -ne 1 ]; then
    fail "$label: $lines lines on stderr, expected 1: $(head -c 300 "$SCRATCH/err")"
  elif ! grep -Eq "$pattern" "$SCRATCH/err"; then
    fail "$label: message does not match /$pattern/: $(cat "$SCRATCH/err")"
  fi
  [ "$before" = "$after" ] || fail "$label: the file's (or its -wal's) bytes changed"
  [ "$listing_before" = "$listing_after" ] || fail "$label: files appeared or vanished: $(diff <(echo "$listing_before") <(echo "$listing_after") | tr '\n' ' ')"
}

# ---------------------------------------------------------------------------------------------
# 1. Hostile and broken files, through every verb that takes a document.
H=$SCRATCH/hostile
mkdir -p "$H"
python3 - "$SAMPLE_DOC" "$H" <<'PY' || { echo "hostile_files: cannot make the hostile files" >&2; exit 1; }
import random, shutil, sqlite3, sys
sample, out = sys.argv[1], sys.argv[2]
rng = random.Random(20240901)
open(f"{out}/empty.uchronia", "wb").close()
open(f"{out}/random.uchronia", "wb").write(bytes(rng.getrandbits(8) for _ in range(100000)))
real = open(sample, "rb").read()
open(f"{out}/truncated.uchronia", "wb").write(real[: len(real) // 2])

def quick_check_fails(path):
    try:
        con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        ok = con.execute("PRAGMA quick_check").fetchone()[0] == "ok"
        con.close()
        return not ok
    except sqlite3.DatabaseError:
        return True

page = real[16] * 256 + real[17]
page = 65536 if page == 1 else page
pages = len(real) // page
for p in range(pages // 2, pages):   # the middle page, or the next whose damage SQLite can see
    b = bytearray(real)
    b[p * page:(p + 1) * page] = bytes(rng.getrandbits(8) for _ in range(page))
    open(f"{out}/flipped.uchronia", "wb").write(b)
    if quick_check_fails(f"{out}/flipped.uchronia"):
        break
else:
    sys.exit("no page whose damage shows")

def altered(name, *sql):
    path = f"{out}/{name}.uchronia"
    shutil.copyfile(sample, path)
    con = sqlite3.connect(path)
    for s in sql:
        con.execute(s)
    con.commit()
    con.close()

con = sqlite3.connect(f"{out}/other-app.uchronia")
con.execute("CREATE TABLE accounts(id INTEGER PRIMARY KEY, owner TEXT, balance REAL)")
con.execute("INSERT INTO accounts VALUES(1, 'x', 10.5)")
con.commit(); con.close()
altered("newer", "PRAGMA user_version = 999")
altered("trigger", "CREATE TRIGGER evil AFTER UPDATE ON entry BEGIN SELECT load_extension('/tmp/evil.so'); END")
altered("view", "CREATE VIEW evil AS SELECT load_extension('/tmp/evil.so'), fts3_tokenizer('x')")
altered("redefined", "PRAGMA writable_schema = ON",
        "UPDATE sqlite_schema SET sql = replace(sql, 'title         TEXT NOT NULL,', "
        "'title         TEXT NOT NULL CHECK(load_extension(''/tmp/evil.so'')),') WHERE name = 'entry'")
con = sqlite3.connect(f"{out}/old-with-trigger.uchronia")
con.execute("PRAGMA application_id = 1430472786")
con.execute("CREATE TABLE junk(x)")
con.execute("CREATE TRIGGER evil AFTER INSERT ON junk BEGIN SELECT load_extension('/tmp/evil.so'); END")
con.commit(); con.close()
PY
grep -q "load_extension" <(python3 -c "import sqlite3,sys; print(sqlite3.connect('file:$H/redefined.uchronia?mode=ro', uri=True).execute(\"SELECT sql FROM sqlite_schema WHERE name='entry'\").fetchone()[0])") ||
  fail "setup: the redefined table was not altered"

declare -A REASON=(
  [empty]="empty"
  [random]="not a (Uchronia document|SQLite)|syntax error"
  [truncated]="damaged"
  [flipped]="damaged"
  [other-app]="another application"
  [newer]="newer"
  [trigger]="altered"
  [view]="altered"
  [redefined]="altered"
  [old-with-trigger]="altered"
)
cp "$SOURCE_DIR/tests/fixtures/interchange-minimal.valid.json" "$SCRATCH/good.json"
for name in "${!REASON[@]}"; do
  f=$H/$name.uchronia
  why=${REASON[$name]}
  run_refused "$name/export" "$why" "$f" -- export "$f" --format json
  run_refused "$name/check" "$why" "$f" -- check "$f"
  run_refused "$name/history" "$why" "$f" -- history "$f"
  run_refused "$name/history-item" "$why" "$f" -- history "$f" --item stalin-killed
  run_refused "$name/undo" "$why" "$f" -- undo "$f"
  run_refused "$name/redo" "$why" "$f" -- redo "$f"
  run_refused "$name/restore" "$why" "$f" -- restore "$f" stalin-killed 1
  run_refused "$name/set" "$why" "$f" -- set "$f" stalin-killed title Hacked
  run_refused "$name/add-entry" "$why" "$f" -- add-entry "$f" new-entry "New entry"
  run_refused "$name/delete" "$why" "$f" -- delete "$f" stalin-killed
  run_refused "$name/search" "$why" "$f" -- search "$f" Stalin
  run_refused "$name/import-from" "$why|no such|cannot|syntax|format|markdown" "$f" -- import "$f" "$SCRATCH/imported.uchronia"
  [ -e "$SCRATCH/imported.uchronia" ] && { fail "$name/import-from: created a document"; rm -f "$SCRATCH/imported.uchronia"*; }
  run_refused "$name/import-onto" "already exists" "$f" -- import "$SCRATCH/good.json" "$f"
done

# Fresh hostile files on every run (tests/e2e/hostile_generator.py; its seed is printed, and
# UCHRONIA_HOSTILE_SEED=N makes the same files): every verb refuses each with one line naming the
# file, exit 2, within 60 s, the file and its -wal unchanged.
G=$SCRATCH/generated
mkdir -p "$G"
python3 "$SOURCE_DIR/tests/e2e/hostile_generator.py" "$UCHRONIA" "$SAMPLE_DOC" "$SOURCE_DIR/db/migrations" "$G" \
  "${UCHRONIA_HOSTILE_ROUNDS:-2}" || { echo "hostile_files: the generator failed" >&2; exit 1; }
find "$G" \( -name '*-shm' -o -name '*-wal' -size 0 \) -delete  # what the generator's own checks left
cases=0
clean=0
while IFS=$'\t' read -r name class pattern; do
  f=$G/$name
  cases=$((cases + 1))
  failures_before=$failures
  for verb in "check" "export --format json" "history" "set stalin-killed title Hacked" "undo" "search Stalin"; do
    set -- $verb
    v=$1; shift
    run_refused "$name ($class)/$v" "$pattern" "$f" -- "$v" "$f" "$@"
    grep -qF -- "$f" "$SCRATCH/err" || fail "$name ($class)/$v: the message does not name the file: $(cat "$SCRATCH/err")"
  done
  [ "$failures" -eq "$failures_before" ] && clean=$((clean + 1))
done <"$G/manifest.tsv"
echo "hostile generator: $cases cases: $clean refused cleanly, $((cases - clean)) not"
[ "$cases" -ge 18 ] || fail "hostile generator: only $cases cases were made"

# A document whose newest revision's changeset was cut inside its table header (SQLite 3.40
# loops forever reading those): history, undo and restore refuse it, within 20 s.
cp "$SAMPLE_DOC" "$H/cut-history.uchronia"
"$UCHRONIA" set "$H/cut-history.uchronia" stalin-killed title "Stalin killed (edited)" >/dev/null 2>&1 ||
  fail "cut-history: the edit failed"
python3 - "$H/cut-history.uchronia" <<'PY'
import sqlite3, sys
con = sqlite3.connect(sys.argv[1])
con.execute("UPDATE revision SET changeset = substr(changeset, 1, 3) WHERE seq = (SELECT max(seq) FROM revision)")
con.commit(); con.close()
PY
for verb in "undo" "history --item stalin-killed" "restore stalin-killed 1"; do
  set -- $verb
  v=$1; shift
  checks=$((checks + 1))
  before=$(sha256sum <"$H/cut-history.uchronia")
  timeout 20 "$UCHRONIA" "$v" "$H/cut-history.uchronia" "$@" >/dev/null 2>"$SCRATCH/err"
  rc=$?
  [ "$rc" -eq 2 ] || fail "cut-history/$v: exit $rc (124 = hung), expected 2: $(cat "$SCRATCH/err")"
  grep -q "damaged" "$SCRATCH/err" || fail "cut-history/$v: no 'damaged' in: $(cat "$SCRATCH/err")"
  [ "$before" = "$(sha256sum <"$H/cut-history.uchronia")" ] || fail "cut-history/$v: bytes changed"
done

# The harness itself can fail: the genuine sample is accepted by the same verbs.
cp "$SAMPLE_DOC" "$SCRATCH/genuine.uchronia"
"$UCHRONIA" history "$SCRATCH/genuine.uchronia" >/dev/null 2>&1 || fail "the genuine sample is refused by history"
"$UCHRONIA" export "$SCRATCH/genuine.uchronia" --format json >/dev/null 2>&1 || fail "the genuine sample is refused by export"

# ---------------------------------------------------------------------------------------------
# 2. Bad imports: a message with a location, exit 2, no DOC created.
B=$SCRATCH/bad-import
mkdir -p "$B"
python3 - "$B" <<'PY'
import sys
out = sys.argv[1]
head = '{"format": "uchronia-timeline", "version": 1, "title": "T",\n'
def put(name, data):
    open(f"{out}/{name}.json", "wb").write(data if isinstance(data, bytes) else data.encode())
put("malformed", head + ' "entries": [{"id": "a", "title": "x"},\n ]}')
put("wrong-type", head + ' "entries": [{"id": "a", "title": 5}]}')
put("missing-field", head + ' "entries": [{"id": "a"}]}')
put("duplicate-id", head + ' "entries": [{"id": "a", "title": "x"}, {"id": "a", "title": "y"}]}')
put("unknown-relation", head + ' "entries": [{"id": "a", "title": "x"}, {"id": "b", "title": "y"}],\n'
    ' "relations": [{"from": "a", "type": "precedes", "to": "b"}]}')
put("deep", head + ' "x": ' + "[" * 10000 + "]" * 10000 + "}")
put("bad-utf8", head.encode() + b' "entries": [{"id": "a", "title": "bad \xc3\x28 byte"}]}')
put("nul", head.encode() + b' "entries": [{"id": "a", "title": "x"}]\x00}')
put("huge-cut", head + ' "entries": [{"id": "big", "title": "Big", "body": "' + "w" * (50 * 1024 * 1024))
PY
declare -A WHERE=(
  [malformed]="line 3, column"
  [wrong-type]="entries\[0\]\.title"
  [missing-field]="entries\[0\]\.title"
  [duplicate-id]="entries\[1\]\.id"
  [unknown-relation]="relations\[0\]\.type"
  [deep]="line 2, column .*nesting"
  [bad-utf8]="line 2, column"
  [nul]="line 2, column .*NUL"
  [huge-cut]="line 2, column [0-9]{8}"
)
for name in "${!WHERE[@]}"; do
  doc=$B/$name.uchronia
  run_refused "import/$name" "${WHERE[$name]}" "$B/$name.json" -- import "$B/$name.json" "$doc"
  for s in "" -wal -shm -journal; do
    [ -e "$doc$s" ] && fail "import/$name: left $doc$s behind"
  done
done
checks=$((checks + 1))
"$UCHRONIA" import "$SCRATCH/good.json" "$B/good.uchronia" >/dev/null 2>&1 && [ -f "$B/good.uchronia" ] ||
  fail "import of a valid file failed (the harness would not notice anything)"

# ---------------------------------------------------------------------------------------------
# 3. A full disk (the file size limit, as a full filesystem would): the error is reported,
#    nothing committed is lost.
D=$SCRATCH/disk-full
mkdir -p "$D"
cp "$SAMPLE_DOC" "$D/doc.uchronia"
"$UCHRONIA" set "$D/doc.uchronia" stalin-killed body "committed before the disk filled" >/dev/null 2>&1 ||
  fail "disk-full: the first edit failed"
"$UCHRONIA" export "$D/doc.uchronia" --format json -o "$D/before.json" 2>/dev/null
revisions() { python3 -c "import sqlite3,sys; print(sqlite3.connect('file:' + sys.argv[1] + '?mode=ro', uri=True).execute('SELECT count(*) FROM revision').fetchone()[0])" "$1"; }
revs_before=$(revisions "$D/doc.uchronia")
big=$(head -c 120000 /dev/zero | tr '\0' 'x')
checks=$((checks + 1))
(trap '' XFSZ; ulimit -f 64; exec "$UCHRONIA" set "$D/doc.uchronia" stalin-killed body "$big") >/dev/null 2>"$SCRATCH/err"
rc=$?
[ "$rc" -eq 2 ] || fail "disk-full: exit $rc, expected 2: $(cat "$SCRATCH/err")"
[ "$(wc -l <"$SCRATCH/err")" -eq 1 ] || fail "disk-full: not one line: $(cat "$SCRATCH/err")"
grep -q "file size limit" "$SCRATCH/err" || fail "disk-full: the message does not name the size limit: $(cat "$SCRATCH/err")"
"$UCHRONIA" export "$D/doc.uchronia" --format json -o "$D/after.json" 2>"$SCRATCH/err" || fail "disk-full: cannot reopen: $(cat "$SCRATCH/err")"
cmp -s "$D/before.json" "$D/after.json" || fail "disk-full: the document changed"
revs_after=$(revisions "$D/doc.uchronia")
[ "$revs_before" = "$revs_after" ] || fail "disk-full: history went from $revs_before to $revs_after revisions"
python3 -c "import sqlite3,sys; sys.exit(sqlite3.connect('file:$D/doc.uchronia?mode=ro', uri=True).execute('PRAGMA integrity_check').fetchone()[0] != 'ok')" ||
  fail "disk-full: integrity_check failed"

# A really full filesystem (ENOSPC): a 512 KiB tmpfs mounted in a private mount namespace. Edits
# grow the document until one fails: "the disk is full" (not "disk I/O error"), exit 2, and the
# document reads as it was before that edit.
checks=$((checks + 1))
need unshare
F=$SCRATCH/full-fs
mkdir -p "$F/mnt"
unshare -rm bash -s -- "$F" "$SAMPLE_DOC" "$UCHRONIA" <<'SH' >"$SCRATCH/full-fs.log" 2>&1
F=$1 SAMPLE_DOC=$2 UCHRONIA=$3
mount -t tmpfs -o size=512k tmpfs "$F/mnt" || { echo "cannot mount a tmpfs"; exit 90; }
cp "$SAMPLE_DOC" "$F/mnt/doc.uchronia" || exit 91
for i in $(seq 1 40); do
  "$UCHRONIA" export "$F/mnt/doc.uchronia" --format json -o "$F/before.json" || exit 92
  body="$i $(head -c 60000 /dev/urandom | base64 -w0)"
  "$UCHRONIA" set "$F/mnt/doc.uchronia" stalin-killed body "$body" >/dev/null 2>"$F/err"
  rc=$?
  [ "$rc" -eq 0 ] && continue
  echo "exit $rc"
  "$UCHRONIA" export "$F/mnt/doc.uchronia" --format json -o "$F/after.json" || exit 93
  exit 0
done
echo "the disk never filled"
exit 94
SH
rc=$?
if [ "$rc" -ne 0 ]; then
  fail "full-fs: the test could not run (exit $rc): $(cat "$SCRATCH/full-fs.log")"
else
  grep -q "^exit 2$" "$SCRATCH/full-fs.log" || fail "full-fs: $(cat "$SCRATCH/full-fs.log")"
  [ "$(wc -l <"$F/err")" -eq 1 ] && grep -q "the disk is full" "$F/err" || fail "full-fs: the message: $(cat "$F/err")"
  cmp -s "$F/before.json" "$F/after.json" || fail "full-fs: the document changed"
fi

# A hot rollback journal of another database beside a document: named as such (not "read-only"),
# the document and the journal unchanged.
python3 - "$SCRATCH" <<'PY'
import shutil, sqlite3, sys
d = sys.argv[1]
con = sqlite3.connect(f"{d}/rollback.db", isolation_level=None)
con.execute("PRAGMA journal_mode = DELETE")
con.execute("CREATE TABLE t(x)")
con.execute("INSERT INTO t VALUES(1)")
con.execute("BEGIN")
con.execute("INSERT INTO t SELECT randomblob(3000) FROM (WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 3000) SELECT i FROM n)")
shutil.copyfile(f"{d}/rollback.db-journal", f"{d}/journaled.uchronia-journal")
con.execute("ROLLBACK")
PY
cp "$SAMPLE_DOC" "$SCRATCH/journaled.uchronia"
journal_before=$(sha256sum <"$SCRATCH/journaled.uchronia-journal")
for verb in "export --format json" "history" "set stalin-killed title Hacked"; do
  set -- $verb
  v=$1; shift
  run_refused "hot-journal/$v" "rollback journal" "$SCRATCH/journaled.uchronia" -- "$v" "$SCRATCH/journaled.uchronia" "$@"
  grep -q "read-only" "$SCRATCH/err" && fail "hot-journal/$v: reported as read-only: $(cat "$SCRATCH/err")"
done
[ "$journal_before" = "$(sha256sum <"$SCRATCH/journaled.uchronia-journal")" ] || fail "hot-journal: the journal changed"

# A damaged document larger than the opening check's 64 MiB: `set` and `add-entry` refuse it (it is
# checked before its first write) and reading it says "damaged", never "changed while being read".
Z=$SCRATCH/large
mkdir -p "$Z"
"$UCHRONIA" generate --entries 30000 --entities 1000 -o "$Z/large.json" >/dev/null &&
  "$UCHRONIA" import "$Z/large.json" "$Z/large.uchronia" >/dev/null || fail "large: cannot make the document"
python3 - "$Z/large.uchronia" <<'PY' || fail "large: cannot damage the document"
import sqlite3, sys
p = sys.argv[1]
con = sqlite3.connect(f"file:{p}?mode=ro", uri=True)
assert con.execute("PRAGMA page_count").fetchone()[0] * con.execute("PRAGMA page_size").fetchone()[0] > 64 << 20
# A middle leaf of the entries' sort index loses most of its cells: rows silently missing from it.
pages = [r[0] for r in con.execute("SELECT pageno FROM dbstat WHERE name = 'entry_order' AND pagetype = 'leaf' ORDER BY pageno")]
size = con.execute("PRAGMA page_size").fetchone()[0]
con.close()
with open(p, "r+b") as f:
    f.seek((pages[len(pages) // 2] - 1) * size + 3)
    f.write((10).to_bytes(2, "big"))
PY
entry=$(python3 -c "import sqlite3,sys; print(sqlite3.connect('file:' + sys.argv[1] + '?mode=ro', uri=True).execute('SELECT id FROM entry LIMIT 1').fetchone()[0])" "$Z/large.uchronia")
# A reading verb refused after opening leaves SQLite's empty -wal/-shm (as any reader does): cleared
# before each run, so that each run's own leftovers are what run_refused sees.
clear_sidecars() { rm -f "$1-shm"; [ -s "$1-wal" ] || rm -f "$1-wal"; }
clear_sidecars "$Z/large.uchronia"
run_refused "large/set" "damaged.*refusing to write" "$Z/large.uchronia" -- set "$Z/large.uchronia" "$entry" title Hacked
clear_sidecars "$Z/large.uchronia"
run_refused "large/add-entry" "damaged.*refusing to write" "$Z/large.uchronia" -- add-entry "$Z/large.uchronia" zz-new "New entry"
clear_sidecars "$Z/large.uchronia"
checks=$((checks + 1))
"$UCHRONIA" check "$Z/large.uchronia" >/dev/null 2>"$SCRATCH/err"
rc=$?
[ "$rc" -eq 2 ] && [ "$(wc -l <"$SCRATCH/err")" -eq 1 ] && grep -q "large.uchronia: the document is damaged" "$SCRATCH/err" ||
  fail "large/check: exit $rc: $(cat "$SCRATCH/err")"
grep -q "changed while being read" "$SCRATCH/err" && fail "large/check: damage reported as a change: $(cat "$SCRATCH/err")"
# The streamed JSON export reads through the damaged index: it must say so, never leave entries out.
clear_sidecars "$Z/large.uchronia"
checks=$((checks + 1))
"$UCHRONIA" export "$Z/large.uchronia" --format json -o "$Z/large-export.json" 2>"$SCRATCH/err"
rc=$?
[ "$rc" -eq 2 ] && grep -q "large.uchronia: the document is damaged" "$SCRATCH/err" && [ ! -e "$Z/large-export.json" ] ||
  fail "large/export: exit $rc, an export of a damaged document: $(cat "$SCRATCH/err")"

# ---------------------------------------------------------------------------------------------
# 4. Read-only: a 0444 file, and a writable file in a 0555 directory, open read-only: reading
#    verbs work, writing verbs say "read-only" (exit 2), bytes unchanged. As root, permissions do
#    not bind, so these run as the unprivileged user nobody (setpriv).
as_user=()
if [ "$(id -u)" -eq 0 ]; then
  if command -v setpriv >/dev/null; then
    as_user=(setpriv --reuid=65534 --regid=65534 --clear-groups)
  else
    echo "hostile_files: running as root, the read-only cases need setpriv to drop to user nobody and it is not installed (apt-get install -y util-linux; ./dev test installs it)" >&2
    exit 1
  fi
fi
if [ "$(id -u)" -ne 0 ] || [ ${#as_user[@]} -gt 0 ]; then
  R=$(mktemp -d /tmp/uchronia-ro.XXXXXX)
  chmod 755 "$R"
  mkdir "$R/shelf" "$R/files"
  cp "$SAMPLE_DOC" "$R/files/locked.uchronia" && chmod 444 "$R/files/locked.uchronia"
  cp "$SAMPLE_DOC" "$R/shelf/archived.uchronia" && chmod 666 "$R/shelf/archived.uchronia"
  # A document whose latest commit is only in its -wal (its writer's -shm gone), on the shelf.
  cp "$SAMPLE_DOC" "$R/files/walled.uchronia"
  python3 - "$UCHRONIA" "$R/files/walled.uchronia" "$R/shelf" <<'PY' || fail "ro/walled: cannot make the document"
import shutil, sqlite3, subprocess, sys
uchronia, doc, shelf = sys.argv[1:]
holder = sqlite3.connect(doc, isolation_level=None)  # keeps the writer's close from checkpointing
holder.execute("SELECT count(*) FROM entry").fetchone()
subprocess.run([uchronia, "set", doc, "stalin-killed", "title", "Latest title, in the wal"], check=True, capture_output=True)
shutil.copyfile(doc, f"{shelf}/walled.uchronia")
shutil.copyfile(doc + "-wal", f"{shelf}/walled.uchronia-wal")
holder.close()
PY
  chmod 777 "$R/files"
  chmod 666 "$R/shelf/walled.uchronia" "$R/shelf/walled.uchronia-wal"
  chmod 555 "$R/shelf"
  # Read with its latest commit, or refused (exit 2, one line): never shown without it.
  for verb in "export --format json" "history"; do
    set -- $verb
    v=$1; shift
    checks=$((checks + 1))
    "${as_user[@]}" "$UCHRONIA" "$v" "$R/shelf/walled.uchronia" "$@" >"$SCRATCH/out" 2>"$SCRATCH/err"
    rc=$?
    if [ "$rc" -eq 0 ]; then
      grep -q "Latest title, in the wal" "$SCRATCH/out" || fail "ro/walled/$v: read without its latest commit"
    elif [ "$rc" -ne 2 ] || [ "$(wc -l <"$SCRATCH/err")" -ne 1 ] || ! grep -q "latest changes" "$SCRATCH/err"; then
      fail "ro/walled/$v: exit $rc: $(cat "$SCRATCH/err")"
    fi
  done
  for f in "$R/files/locked.uchronia" "$R/shelf/archived.uchronia"; do
    label=ro/$(basename "$f")
    before=$(sha256sum <"$f")
    for verb in "export --format json" "history" "check" "search Stalin"; do
      set -- $verb
      v=$1; shift
      checks=$((checks + 1))
      "${as_user[@]}" "$UCHRONIA" "$v" "$f" "$@" >/dev/null 2>"$SCRATCH/err"
      rc=$?
      # check exits 1 when it has findings; anything else but 0 is a failure to read.
      [ "$rc" -eq 0 ] || { [ "$v" = check ] && [ "$rc" -eq 1 ]; } ||
        fail "$label/$v: a reading verb failed (exit $rc): $(cat "$SCRATCH/err")"
    done
    for verb in "set $f stalin-killed title Hacked" "undo $f" "delete $f stalin-killed" "add-entry $f x X"; do
      checks=$((checks + 1))
      "${as_user[@]}" "$UCHRONIA" $verb >/dev/null 2>"$SCRATCH/err"
      rc=$?
      [ "$rc" -eq 2 ] && grep -q "read-only" "$SCRATCH/err" && [ "$(wc -l <"$SCRATCH/err")" -eq 1 ] ||
        fail "$label/${verb%% *}: exit $rc: $(cat "$SCRATCH/err")"
    done
    [ "$before" = "$(sha256sum <"$f")" ] || fail "$label: bytes changed"
  done
  chmod 755 "$R/shelf"
  rm -rf "$R"
fi

if [ "$failures" -gt 0 ]; then
  echo "hostile_files: $failures of $checks checks failed" >&2
  exit 1
fi
echo "hostile_files: all $checks checks passed"
