# No output path destroys a document, and no input path hangs: through the real binary.
# Each refusal: exit 2, one line on stderr naming the path, the bytes of DOC and of DOC-wal (which
# holds a commit not yet checkpointed, as while the editor has the document open) unchanged, and
# no temporary file left. Every run has a timeout, so a FIFO that blocks fails instead of hanging.
set -uo pipefail

SOURCE_DIR=${SOURCE_DIR:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)}
UCHRONIA=${UCHRONIA:-$SOURCE_DIR/build/src/uchronia}
SAMPLE_DOC=${SAMPLE_DOC:-$SOURCE_DIR/build/db/alternative-history.uchronia}
SAMPLE_JSON=${SAMPLE_JSON:-$SOURCE_DIR/db/sample/alternative-history.json}
SCRATCH=${SCRATCH:-$(mktemp -d)}
rm -rf "$SCRATCH" && mkdir -p "$SCRATCH"
export UCHRONIA_AUTHOR=output-safety-test

failures=0
checks=0
fail() {
  echo "FAIL: $*" >&2
  failures=$((failures + 1))
}
for tool in python3 sha256sum timeout; do
  command -v "$tool" >/dev/null || { echo "output_safety: $tool is required" >&2; exit 1; }
done
[ -x "$UCHRONIA" ] || { echo "output_safety: no binary at $UCHRONIA" >&2; exit 1; }

S=$SCRATCH/work
mkdir -p "$S"
DOC=$S/doc.uchronia
cp "$SAMPLE_DOC" "$DOC"
cp "$SAMPLE_DOC" "$S/other.uchronia"
cp "$SAMPLE_JSON" "$S/in.json"

# A reader holds the document open, so the next commit stays in DOC-wal (nothing checkpoints it).
python3 - "$DOC" "$S/holder.ready" <<'PY' &
import sqlite3, sys, time
con = sqlite3.connect(sys.argv[1])
con.execute("SELECT count(*) FROM sqlite_schema").fetchall()
open(sys.argv[2], "w").close()
time.sleep(600)
PY
holder=$!
trap 'kill $holder 2>/dev/null' EXIT
for _ in $(seq 100); do [ -e "$S/holder.ready" ] && break; sleep 0.1; done
"$UCHRONIA" set "$DOC" stalin-killed title "Only in the WAL" >/dev/null 2>&1 || fail "setup: the edit failed"
[ -s "$DOC-wal" ] || fail "setup: no DOC-wal holding the edit"

state() { for f in "$DOC" "$DOC-wal" "$S/other.uchronia"; do sha256sum <"$f"; done; ls -A "$S"; }

# refused LABEL PATTERN -- ARGS...: exit 2, one stderr line matching PATTERN, nothing changed.
refused() {
  local label=$1 pattern=$2
  shift 3
  checks=$((checks + 1))
  local before after rc lines
  before=$(state)
  timeout 20 "$UCHRONIA" "$@" >"$SCRATCH/out" 2>"$SCRATCH/err" </dev/null
  rc=$?
  after=$(state)
  lines=$(wc -l <"$SCRATCH/err")
  if [ "$rc" -ne 2 ]; then
    fail "$label: exit $rc (124 = hung), expected 2; stderr: $(head -c 300 "$SCRATCH/err")"
  elif [ "$lines" -ne 1 ]; then
    fail "$label: $lines lines on stderr, expected 1: $(head -c 300 "$SCRATCH/err")"
  elif ! grep -Eq -- "$pattern" "$SCRATCH/err"; then
    fail "$label: message does not match /$pattern/: $(cat "$SCRATCH/err")"
  fi
  [ "$before" = "$after" ] || fail "$label: a document's bytes changed, or files appeared or vanished: $(diff <(echo "$before") <(echo "$after") | tr '\n' ' ')"
}

# ---------------------------------------------------------------------------------------------
# 1. Output paths that are a document, its companions, or reach one.
for format in json markdown html timelinejs timelinejs-html svg png; do
  refused "export $format -o DOC" "$DOC: is the file being read" -- export "$DOC" --format "$format" -o "$DOC"
done
refused "export -o DOC-wal" "$DOC-wal: is the wal file of $DOC" -- export "$DOC" --format html -o "$DOC-wal"
refused "export -o DOC-shm" "$DOC-shm: is the shm file of $DOC" -- export "$DOC" --format html -o "$DOC-shm"
refused "export -o DOC-journal" "$DOC-journal: is the journal file of $DOC" -- export "$DOC" -o "$DOC-journal"
refused "export -o other document" "$S/other.uchronia: is a Uchronia document" -- export "$DOC" --format html -o "$S/other.uchronia"
refused "export -o other's -wal" "$S/other.uchronia-wal: is the wal file of the document" -- export "$DOC" -o "$S/other.uchronia-wal"
ln -s "$DOC" "$S/link.html"
refused "export -o symlink to DOC" "$S/link.html: is the file being read" -- export "$DOC" --format html -o "$S/link.html"
ln -s doc.uchronia-wal "$S/wal-link.html"
refused "export -o symlink to DOC-wal" "$S/wal-link.html: is the wal file" -- export "$DOC" --format html -o "$S/wal-link.html"
ln "$DOC" "$S/hard.html"
refused "export -o hard link to DOC" "$S/hard.html: is the file being read" -- export "$DOC" --format html -o "$S/hard.html"
ln "$S/other.uchronia" "$S/other-hard.json"
refused "export -o hard link to another document" "$S/other-hard.json: is a Uchronia document" -- export "$DOC" -o "$S/other-hard.json"
mkdir -p "$S/sub"
refused "export -o sub/../DOC" "$S/sub/../doc.uchronia: is the file being read" -- export "$DOC" -o "$S/sub/../doc.uchronia"
refused "export --format folder -o DOC" "$DOC: is a SQLite database, not a directory" -- export "$DOC" --format folder -o "$DOC"
refused "export --format folder -o DOC-wal" "$DOC-wal: is not a directory" -- export "$DOC" --format folder -o "$DOC-wal"
refused "export --format folder -o the documents' directory" "$S: is neither empty nor an Uchronia folder" -- export "$DOC" --format folder -o "$S"
refused "generate -o DOC" "$DOC: is a Uchronia document" -- generate --entries 5 -o "$DOC"
refused "generate -o DOC-wal" "$DOC-wal: is the wal file of the document" -- generate --entries 5 -o "$DOC-wal"
refused "generate -o other document" "$S/other.uchronia: is a Uchronia document" -- generate --entries 5 -o "$S/other.uchronia"
refused "export FILE.json -o FILE.json" "$S/in.json: is the file being read" -- export "$S/in.json" -o "$S/in.json"
refused "import to DOC-wal's name of another document" "$S/other.uchronia-wal: is the wal file" -- import "$S/in.json" "$S/other.uchronia-wal"

# Targets that cannot take a file: read-only, a directory, a FIFO, a missing directory.
echo "keep me" >"$S/locked.html" && chmod 444 "$S/locked.html"
refused "export -o read-only file" "$S/locked.html: is read-only" -- export "$DOC" --format html -o "$S/locked.html"
[ "$(cat "$S/locked.html")" = "keep me" ] || fail "the read-only target was replaced"
refused "export -o directory" "$S/sub: is a directory" -- export "$DOC" -o "$S/sub"
mkfifo "$S/out.fifo"
refused "export -o FIFO" "$S/out.fifo: is not a regular file" -- export "$DOC" -o "$S/out.fifo"
[ -p "$S/out.fifo" ] || fail "the FIFO given as output was replaced"
refused "export -o missing directory" "$S/nowhere/out.html: the directory $S/nowhere does not exist" -- export "$DOC" --format html -o "$S/nowhere/out.html"
refused "generate -o missing directory" "$S/nowhere/out.json: the directory $S/nowhere does not exist" -- generate -o "$S/nowhere/out.json"

# A directory this user cannot write (as root, permissions do not bind: run as nobody).
as_user=()
[ "$(id -u)" -ne 0 ] || as_user=(setpriv --reuid=65534 --regid=65534 --clear-groups)
if [ "$(id -u)" -ne 0 ] || command -v setpriv >/dev/null; then
  R=$(mktemp -d /tmp/uchronia-out.XXXXXX)
  chmod 755 "$R" && mkdir "$R/shelf" && cp "$SAMPLE_JSON" "$R/in.json" && chmod 644 "$R/in.json" && chmod 555 "$R/shelf"
  checks=$((checks + 1))
  timeout 20 "${as_user[@]}" "$UCHRONIA" export "$R/in.json" --format html -o "$R/shelf/out.html" >/dev/null 2>"$SCRATCH/err"
  rc=$?
  [ "$rc" -eq 2 ] && [ "$(wc -l <"$SCRATCH/err")" -eq 1 ] && grep -q "$R/shelf/out.html: the directory $R/shelf is not writable" "$SCRATCH/err" ||
    fail "export into an unwritable directory: exit $rc: $(cat "$SCRATCH/err")"
  [ -z "$(ls -A "$R/shelf")" ] || fail "export into an unwritable directory left files: $(ls -A "$R/shelf")"
  chmod 755 "$R/shelf" && rm -rf "$R"
else
  fail "running as root without setpriv: cannot test an unwritable directory"
fi

# ---------------------------------------------------------------------------------------------
# 2. Inputs that are no regular file: refused at once, never opened and waited on.
mkfifo "$S/in.fifo"
python3 -c "import socket, sys; socket.socket(socket.AF_UNIX).bind(sys.argv[1])" "$S/in.sock"
declare -A KIND=([$S/in.fifo]="named pipe" [/dev/zero]="device" [$S/in.sock]="socket" [$S/sub]="directory")
for input in "${!KIND[@]}"; do
  why="$input: is a ${KIND[$input]}"
  refused "export $input" "$why" -- export "$input" --format json
  refused "export $input as markdown" "$why" -- export "$input" --format markdown
  refused "check $input" "$why" -- check "$input"
  refused "history $input" "$why" -- history "$input"
  refused "set $input" "$why" -- set "$input" stalin-killed title X
  refused "undo $input" "$why" -- undo "$input"
  refused "search $input" "$why" -- search "$input" Stalin
  refused "verify $input" "$why" -- verify "$input"
  refused "import $input" "$why" -- import "$input" "$S/new.uchronia"
done
ln -s in.fifo "$S/fifo.md"
refused "import a symlink to a FIFO as Markdown" "$S/fifo.md: is a named pipe" -- import "$S/fifo.md" "$S/new.uchronia"

# ---------------------------------------------------------------------------------------------
# 3. The harness can fail: ordinary outputs are written, whole, and replace an old export.
checks=$((checks + 1))
timeout 20 "$UCHRONIA" export "$DOC" --format html -o "$S/page.html" 2>"$SCRATCH/err" || fail "export -o a new file failed: $(cat "$SCRATCH/err")"
timeout 20 "$UCHRONIA" export "$DOC" --format html >"$S/stdout.html" 2>/dev/null
cmp -s "$S/page.html" "$S/stdout.html" || fail "the file written differs from standard output"
grep -q "Only in the WAL" "$S/page.html" || fail "the export does not hold the commit in DOC-wal"
echo old >"$S/old.json" && chmod 640 "$S/old.json"
timeout 20 "$UCHRONIA" generate --entries 3 -o "$S/old.json" 2>"$SCRATCH/err" || fail "generate over an old export failed: $(cat "$SCRATCH/err")"
grep -q '"entries"' "$S/old.json" || fail "generate did not replace the old export"
[ "$(stat -c %a "$S/old.json")" = 640 ] || fail "replacing an export changed its mode to $(stat -c %a "$S/old.json")"
ls -A "$S" | grep -q '\.tmp' && fail "a temporary file was left: $(ls -A "$S" | grep '\.tmp')"

# A full disk (the file size limit, as a full filesystem would): the old export stays whole.
checks=$((checks + 1))
cp "$S/page.html" "$S/keep.html"
(trap '' XFSZ; ulimit -f 8; exec "$UCHRONIA" export "$DOC" --format html -o "$S/keep.html") >/dev/null 2>"$SCRATCH/err"
rc=$?
[ "$rc" -eq 2 ] && [ "$(wc -l <"$SCRATCH/err")" -eq 1 ] && grep -q "$S/keep.html: cannot be written" "$SCRATCH/err" ||
  fail "export onto a full disk: exit $rc: $(cat "$SCRATCH/err")"
cmp -s "$S/page.html" "$S/keep.html" || fail "a failed export changed the old file"
ls -A "$S" | grep -q '\.tmp' && fail "a failed export left a temporary file: $(ls -A "$S" | grep '\.tmp')"

kill $holder 2>/dev/null
wait $holder 2>/dev/null
"$UCHRONIA" history "$DOC" >"$SCRATCH/out" 2>&1 && grep -q "Only in the WAL" "$SCRATCH/out" ||
  fail "the commit held in DOC-wal was lost: $(head -c 300 "$SCRATCH/out")"

if [ "$failures" -gt 0 ]; then
  echo "output_safety: $failures of $checks checks failed" >&2
  exit 1
fi
echo "output_safety: all $checks checks passed"
