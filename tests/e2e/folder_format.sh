# The folder format through the real binary (docs/folder-format.md): export and import give the
# document back, exporting again writes nothing, a one-field edit is a one-line diff, refusals
# change nothing, import errors name the file; and on real files git's own line merge next to
# `uchronia merge-driver`.
set -uo pipefail
SOURCE_DIR=${SOURCE_DIR:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)}
UCHRONIA=${UCHRONIA:-$SOURCE_DIR/build/src/uchronia}
SAMPLE_JSON=${SAMPLE_JSON:-$SOURCE_DIR/db/sample/alternative-history.json}
SCRATCH=${SCRATCH:-$(mktemp -d)}
source "$SOURCE_DIR/tests/e2e/lib.bash"
export UCHRONIA_AUTHOR=folder-test GIT_AUTHOR_NAME=t GIT_AUTHOR_EMAIL=t@example.org GIT_COMMITTER_NAME=t \
  GIT_COMMITTER_EMAIL=t@example.org GIT_CONFIG_GLOBAL=/dev/null GIT_CONFIG_NOSYSTEM=1
command -v git >/dev/null || { echo "folder_format: git is required"; exit 1; }
S=$SCRATCH
cd "$S" || exit 1
tree_hash() { (cd "$1" && find . -type f -not -path './.git/*' | LC_ALL=C sort | xargs sha256sum) | sha256sum; }
state() { tree_hash "$S/tl"; sha256sum <"$S/doc.uchronia"; ls -A "$S"; }

"$UCHRONIA" import "$SAMPLE_JSON" doc.uchronia 2>/dev/null || fail "setup: import of the sample"

# 1. Round trip, and a second export changes nothing.
expect_status 0 "export --format folder" -- "$UCHRONIA" export doc.uchronia --format folder -o tl
expect_contains "$S/err" "files written, 0 removed" "export says what it wrote"
[ -f tl/uchronia-folder ] && [ -f tl/timeline.json ] && [ -f tl/relations.json ] && [ -f tl/entries/stalin-killed.json ] &&
  [ -f tl/entities/joseph-stalin.json ] && pass || fail "the layout of docs/folder-format.md"
n_entries=$(python3 -c "import json,sys; print(len(json.load(open(sys.argv[1]))['entries']))" "$SAMPLE_JSON")
[ "$(ls tl/entries | wc -l)" -eq "$n_entries" ] && pass || fail "one file per entry"
first=$(tree_hash tl)
expect_status 0 "export again" -- "$UCHRONIA" export doc.uchronia --format folder -o tl
expect_contains "$S/err" "0 files written, 0 removed" "a second export writes nothing"
[ "$(tree_hash tl)" = "$first" ] && pass || fail "a second export changed bytes"
expect_status 0 "import DIR DOC" -- "$UCHRONIA" import tl back.uchronia
"$UCHRONIA" export doc.uchronia >a.json && "$UCHRONIA" export back.uchronia >b.json
cmp -s a.json b.json && pass || fail "import(export(X)) differs from X: $(diff a.json b.json | head -5)"
# From an interchange file too, with unknown fields and branches (unknown fields today).
python3 - "$SAMPLE_JSON" x.json <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
d["branches"] = [{"id": "asu", "name": "ASU", "parent": "otl", "diverges": "1907-06-26"}, {"id": "otl", "name": "OTL"}]
d["main_branch"] = "otl"
d["entries"][0]["branch"] = "asu"
d["entries"][0]["acknowledged"] = [{"rule": "date.missing", "reason": "why not"}]
d["entities"][0]["in_branches"] = {"asu": {"end": "1907-06-26"}}
d["relations"][0]["confidence"] = 0.5
json.dump(d, open(sys.argv[2], "w"), ensure_ascii=False)
PY
expect_status 0 "export of an interchange file as a folder" -- "$UCHRONIA" export x.json --format folder -o xf
[ -f xf/branches/asu.json ] && [ -f xf/branches/otl.json ] && pass || fail "one file per branch"
expect_status 0 "import of that folder" -- "$UCHRONIA" import xf x.uchronia
"$UCHRONIA" export x.json >x1.json && "$UCHRONIA" export x.uchronia >x2.json
cmp -s x1.json x2.json && pass || fail "branches and unknown fields lost: $(diff x1.json x2.json | head -5)"

# 2. Made for git: one field changed is one line of one file; a deleted item's file goes.
(cd tl && git init -q && git add -A && git commit -qm export) || fail "setup: git"
"$UCHRONIA" set doc.uchronia stalin-killed title "Stalin shot in Tiflis" 2>/dev/null
"$UCHRONIA" delete doc.uchronia grain-crisis 2>/dev/null
expect_status 0 "export after an edit" -- "$UCHRONIA" export doc.uchronia --format folder -o tl
expect_contains "$S/err" "1 file written, 1 removed" "only the edited item's file is written"
(cd tl && git add -A && git diff --cached --numstat) >numstat
grep -q "^1	1	entries/stalin-killed.json$" numstat && pass || fail "a title edit is not a one-line diff: $(cat numstat)"
[ "$(grep -c . numstat)" -eq 2 ] && grep -q "^0	[0-9]*	entries/grain-crisis.json$" numstat && pass || fail "diff touches other files: $(cat numstat)"

# Two writers' edits of two fields of one entry, on real files: git's line merge takes them when
# they are lines apart, calls neighbouring lines a conflict; the merge driver takes both.
f=tl/entries/stalin-killed.json
python3 - "$f" base.json ours.json theirs.json near.json <<'PY'
import json, sys
src, base, ours, theirs, near = sys.argv[1:]
d = json.load(open(src))
def dump(obj, path):
    open(path, "w").write(json.dumps(obj, indent=2, ensure_ascii=False) + "\n")
dump(d, base)
o = dict(d); o["date"] = "1907-06-13"; dump(o, ours)        # line 3
t = dict(d); t["notes"] = "A new note."; dump(t, theirs)    # last line but one: lines apart
n = dict(d); n["title"] = "Another title"; dump(n, near)    # line 4, next to the date
PY
cp ours.json m1.json
git merge-file -q m1.json base.json theirs.json && pass || fail "git merge-file: fields lines apart conflicted"
cp ours.json m2.json
git merge-file -q m2.json base.json near.json && fail "git merge-file merged neighbouring lines (the driver's test proves nothing)" || pass
cp ours.json m3.json
expect_status 0 "merge-driver on neighbouring fields" -- "$UCHRONIA" merge-driver base.json m3.json near.json entries/stalin-killed.json
python3 -c "
import json, sys
d = json.load(open('m3.json'))
sys.exit(0 if d['date'] == '1907-06-13' and d['title'] == 'Another title' else 1)" && pass || fail "merge-driver lost a side: $(cat m3.json)"
cp ours.json m5.json
python3 -c "
import json; d = json.load(open('base.json')); d['date'] = '1908'; open('theirs2.json', 'w').write(json.dumps(d, indent=2, ensure_ascii=False) + '\n')"
expect_status 1 "merge-driver: the same field, two values" -- "$UCHRONIA" merge-driver base.json m5.json theirs2.json entries/stalin-killed.json
expect_contains "$S/err" 'entries/stalin-killed.json: 1 conflict recorded under "uchronia:conflicts"' "the conflict is reported"
expect_contains m5.json '"field": "date"' "the conflict is recorded in the file"
cp ours.json m6.json && before=$(sha m6.json)
expect_status 2 "merge-driver: a side that is no entry" -- "$UCHRONIA" merge-driver base.json m6.json x.json entries/stalin-killed.json
[ "$(sha m6.json)" = "$before" ] && pass || fail "a failed merge changed OURS"
expect_lines "$S/err" 1 "one line for a failed merge"

# 3. Refusals: exit 2, one line naming the path, nothing changed.
refused() {  # LABEL PATTERN -- ARGS...
  local label=$1 pattern=$2 before
  shift 3
  before=$(state)
  "$UCHRONIA" "$@" >"$S/out" 2>"$S/err"
  local rc=$?
  if [ $rc -ne 2 ]; then fail "$label: exit $rc, wanted 2: $(head -c 300 "$S/err")"
  elif [ "$(wc -l <"$S/err")" -ne 1 ]; then fail "$label: not one line: $(cat "$S/err")"
  elif ! grep -Eq -- "$pattern" "$S/err"; then fail "$label: /$pattern/ not in: $(cat "$S/err")"
  else pass; fi
  [ "$before" = "$(state)" ] || fail "$label: something changed"
}
mkdir -p photos && echo meow >photos/cat.jpg
refused "export into a directory that is not a folder" "photos: is neither empty nor an Uchronia folder" -- export doc.uchronia --format folder -o photos
refused "export over the document" "doc.uchronia: is a SQLite database, not a directory" -- export doc.uchronia --format folder -o doc.uchronia
refused "export over a file" "a.json: is not a directory" -- export doc.uchronia --format folder -o a.json
refused "export without -o" "give it with -o DIR" -- export doc.uchronia --format folder
refused "export filtered" "writes the whole document" -- export doc.uchronia --format folder --tags war -o tl
refused "export into a missing parent" "the directory $S/nowhere does not exist" -- export doc.uchronia --format folder -o "$S/nowhere/tl"
cp doc.uchronia tl/entries/planted.json
refused "export over a database planted in the folder" "planted.json: is a SQLite database" -- export doc.uchronia --format folder -o tl
rm tl/entries/planted.json
refused "import of a plain directory" "photos: is a directory, not an Uchronia folder" -- import photos new.uchronia
cp tl/entries/stalin-killed.json keep.json
printf '{\n  "id": "stalin-killed"\n}\n' >tl/entries/stalin-killed.json
refused "import of a folder with an entry without title" "tl/entries/stalin-killed.json: title: missing required field; nothing was written" -- import tl new.uchronia
printf '{\n  "id": "stalin-killed",\n  "title": "x",\n' >tl/entries/stalin-killed.json
refused "import of a truncated file" "tl/entries/stalin-killed.json: line 4, column 1: syntax error" -- import tl new.uchronia
cp m5.json tl/entries/stalin-killed.json
refused "import of a file with a recorded conflict" "tl/entries/stalin-killed.json: holds an unresolved merge conflict" -- import tl new.uchronia
cp keep.json tl/entries/stalin-killed.json
echo '{}' >tl/entries/Odd.json
refused "import of a file name the format never writes" "tl/entries/Odd.json: not a file name this format writes" -- import tl new.uchronia
rm tl/entries/Odd.json
expect_status 0 "the folder imports again once repaired" -- "$UCHRONIA" import tl new.uchronia

finish
