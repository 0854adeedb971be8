# `uchronia merge-driver` installed in a real git repository (.gitattributes + merge.uchronia.driver):
# two writers with clones of one bare repository edit one timeline concurrently and `git merge`.
# Different fields of one entry, an entity added, relations added and removed on both sides merge
# with no conflict into the export of the combined document; the same field changed two ways
# stops the merge with the conflict recorded in the file, which import then refuses.
set -uo pipefail
SOURCE_DIR=${SOURCE_DIR:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)}
UCHRONIA=${UCHRONIA:-$SOURCE_DIR/build/src/uchronia}
SAMPLE_JSON=${SAMPLE_JSON:-$SOURCE_DIR/db/sample/alternative-history.json}
SCRATCH=${SCRATCH:-$(mktemp -d)}
source "$SOURCE_DIR/tests/e2e/lib.bash"
export UCHRONIA_AUTHOR=merge-test GIT_AUTHOR_NAME=t GIT_AUTHOR_EMAIL=t@example.org GIT_COMMITTER_NAME=t \
  GIT_COMMITTER_EMAIL=t@example.org GIT_CONFIG_GLOBAL=/dev/null GIT_CONFIG_NOSYSTEM=1
command -v git >/dev/null || { echo "merge_driver_git: git is required"; exit 1; }
S=$SCRATCH
cd "$S" || exit 1
q() { "$@" >/dev/null 2>&1 || fail "setup step failed: $*"; }
field() {  # FILE KEY: a top-level field of a JSON file
  python3 -c "import json,sys; v=json.load(open(sys.argv[1])).get(sys.argv[2]); print(v if isinstance(v,str) else json.dumps(v))" "$1" "$2"
}

# The shared repository: Anna exports the sample into it.
q git init -q --bare origin.git
q "$UCHRONIA" import "$SAMPLE_JSON" anna.uchronia
q git clone -q origin.git anna
q "$UCHRONIA" export anna.uchronia --format folder -o anna
printf '*.json merge=uchronia\n' >anna/.gitattributes
(cd anna && git add -A && git commit -qm "The sample" && git push -q origin HEAD:main) >/dev/null 2>&1 || fail "setup: first push"
q git clone -q -b main origin.git boris
q "$UCHRONIA" import boris boris.uchronia
for who in anna boris; do
  git -C $who config merge.uchronia.name "Uchronia field-by-field merge"
  git -C $who config merge.uchronia.driver "$UCHRONIA merge-driver %O %A %B %P"
done

# Concurrent edits: on stalin-killed, Anna the title, Boris the date on the line above it.
q "$UCHRONIA" set anna.uchronia stalin-killed title "Stalin shot in Tiflis"
q "$UCHRONIA" set anna.uchronia joseph-stalin notes "Anna's note."
q "$UCHRONIA" delete anna.uchronia grain-crisis
q "$UCHRONIA" set boris.uchronia stalin-killed date 1907-06-13
q "$UCHRONIA" set boris.uchronia stalin-killed notes "Boris's note."
q "$UCHRONIA" add-entry boris.uchronia tiflis-aftermath "After Tiflis" --date 1907-07
# Relations: each writes the file as the other's export will merge it.
q "$UCHRONIA" export anna.uchronia --format folder -o anna
q "$UCHRONIA" export boris.uchronia --format folder -o boris
python3 - anna/relations.json boris/relations.json <<'PY'
import json, sys
a, b = sys.argv[1:]
ra, rb = json.load(open(a)), json.load(open(b))
ra.append({"from": "stalin-killed", "type": "before", "to": "lenin-death"})   # Anna adds one
del rb[0]                                                                     # Boris removes one
rb.append({"from": "asu-created", "type": "after", "to": "stalin-killed"})    # and adds another
for path, rel in ((a, ra), (b, rb)):
    rel.sort(key=lambda r: (r["from"], r["type"], r["to"]))
    open(path, "w").write(json.dumps(rel, indent=2, ensure_ascii=False) + "\n")
PY
(cd anna && git add -A && git commit -qm "Anna's edits" && git push -q origin HEAD:main) >/dev/null 2>&1 || fail "Anna's push"
(cd boris && git add -A && git commit -qm "Boris's edits") >/dev/null 2>&1 || fail "Boris's commit"
expect_status 0 "git fetch" -- git -C boris fetch -q origin
expect_status 0 "git merge with the driver: different fields and items, no conflict" -- git -C boris merge --no-edit -q origin/main
f=boris/entries/stalin-killed.json
[ "$(field $f title)" = "Stalin shot in Tiflis" ] && [ "$(field $f date)" = "1907-06-13" ] &&
  [ "$(field $f notes)" = "Boris's note." ] && pass || fail "the merged entry lost a side: $(cat $f)"
[ "$(field boris/entities/joseph-stalin.json notes)" = "Anna's note." ] && pass || fail "Anna's entity edit is missing"
[ -f boris/entries/tiflis-aftermath.json ] && [ ! -e boris/entries/grain-crisis.json ] && pass || fail "Boris's addition or Anna's deletion is missing"
grep -q '"to": "lenin-death"' boris/relations.json && grep -q '"from": "asu-created",' boris/relations.json &&
  [ "$(grep -c '"from"' boris/relations.json)" -eq "$(grep -c '"from"' anna/relations.json)" ] && pass ||
  fail "relations not merged as a set: $(cat boris/relations.json)"
# The merged folder is what export writes: import it, export it again, nothing changes.
expect_status 0 "import of the merged folder" -- "$UCHRONIA" import boris merged.uchronia
before=$(git -C boris status --porcelain)
expect_status 0 "export of the merged document into the clone" -- "$UCHRONIA" export merged.uchronia --format folder -o boris
expect_contains "$S/err" "0 files written, 0 removed" "the merge result is byte-identical to an export"
[ "$(git -C boris status --porcelain)" = "$before" ] && pass || fail "re-export changed the merged files"
(cd boris && git push -q origin HEAD:main) >/dev/null 2>&1 || fail "Boris's push"

# The same field changed two ways: the merge stops, the conflict is in the file.
q git -C anna pull -q --no-edit origin main
q "$UCHRONIA" import anna anna2.uchronia
q "$UCHRONIA" set anna2.uchronia lenin-death title "Lenin dies (Anna)"
q "$UCHRONIA" set merged.uchronia lenin-death title "Lenin dies (Boris)"
q "$UCHRONIA" export anna2.uchronia --format folder -o anna
q "$UCHRONIA" export merged.uchronia --format folder -o boris
(cd anna && git commit -qam "Anna's title" && git push -q origin HEAD:main) >/dev/null 2>&1 || fail "Anna's second push"
(cd boris && git commit -qam "Boris's title" && git fetch -q origin) >/dev/null 2>&1 || fail "Boris's second commit"
expect_status 1 "git merge of one field changed two ways stops" -- git -C boris merge --no-edit origin/main
expect_contains "$S/out" "CONFLICT (content): Merge conflict in entries/lenin-death.json" "git names the conflicted file"
python3 - boris/entries/lenin-death.json <<'PY' && pass || fail "the conflict record: $(cat boris/entries/lenin-death.json)"
import json, sys
d = json.load(open(sys.argv[1]))
c = d["uchronia:conflicts"]
assert d["title"] == "Lenin dies (Boris)", d["title"]
assert len(c) == 1 and c[0]["field"] == "title" and c[0]["ours"] == "Lenin dies (Boris)" and c[0]["theirs"] == "Lenin dies (Anna)"
PY
! grep -q '^<<<<<<<' boris/entries/lenin-death.json && pass || fail "git's text markers in the file: the driver was not used"
expect_status 2 "import refuses the unsettled conflict" -- "$UCHRONIA" import boris conflicted.uchronia
expect_contains "$S/err" "boris/entries/lenin-death.json: holds an unresolved merge conflict" "the refusal names the file"
[ ! -e conflicted.uchronia ] && pass || fail "a document was written from a conflicted folder"

finish
