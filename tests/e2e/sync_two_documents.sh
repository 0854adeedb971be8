# `uchronia sync` (issue 19, first steps): two documents, Anna's and Boris's, share one timeline
# through one local bare repository. The first sync sends a document to an empty remote, or makes
# the document from a non-empty one; concurrent edits of different fields of one entry and of
# different items meet in both documents, the others' changes arriving as ONE revision; with
# nothing changed a sync says so; the same field changed two ways stops the sync, the document
# unchanged.
set -uo pipefail
SOURCE_DIR=${SOURCE_DIR:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)}
UCHRONIA=${UCHRONIA:-$SOURCE_DIR/build/src/uchronia}
SAMPLE_JSON=${SAMPLE_JSON:-$SOURCE_DIR/db/sample/alternative-history.json}
SCRATCH=${SCRATCH:-$(mktemp -d)}
source "$SOURCE_DIR/tests/e2e/lib.bash"
export GIT_CONFIG_GLOBAL=/dev/null GIT_CONFIG_NOSYSTEM=1
command -v git >/dev/null || { echo "sync_two_documents: git is required"; exit 1; }
S=$SCRATCH
cd "$S" || exit 1
anna() { UCHRONIA_AUTHOR=Anna "$UCHRONIA" "$@"; }
boris() { UCHRONIA_AUTHOR=Boris "$UCHRONIA" "$@"; }
revisions() { "$UCHRONIA" history "$1" --format json 2>/dev/null | python3 -c "import json,sys; print(len(json.load(sys.stdin)))"; }
same_documents() {  # LABEL
  anna export anna.uchronia >a.json 2>/dev/null && boris export boris.uchronia >b.json 2>/dev/null
  cmp -s a.json b.json && pass || fail "$1: the two documents differ: $(diff a.json b.json | head -6 | tr '\n' ' ')"
}

git init -q --bare origin.git
anna import "$SAMPLE_JSON" anna.uchronia 2>/dev/null || fail "setup: import"
expect_status 2 "the first sync needs --remote" -- anna sync anna.uchronia
expect_contains "$S/err" "not synced yet; give --remote URL the first time" "says what is missing"
expect_status 0 "first sync: the document goes to the empty remote" -- anna sync anna.uchronia --remote "$S/origin.git"
[ -d anna.uchronia-sync/.git ] && pass || fail "no working copy beside the document"
[ "$(git -C origin.git log -1 --format=%an main 2>/dev/null)" = "Anna" ] && pass || fail "the remote's commit is not Anna's"
expect_status 0 "first sync of a new document from the remote" -- boris sync boris.uchronia --remote "$S/origin.git"
same_documents "after Boris's first sync"
expect_status 0 "a sync with nothing changed" -- boris sync boris.uchronia
expect_contains "$S/err" "nothing to sync" "says nothing changed"

# Concurrent edits: the same entry's title (Anna) and date (Boris), an entry added by Boris.
anna set anna.uchronia stalin-killed title "Stalin shot in Tiflis" 2>/dev/null
anna set anna.uchronia joseph-stalin notes "Anna's note." 2>/dev/null
boris set boris.uchronia stalin-killed date 1907-06-13 2>/dev/null
boris add-entry boris.uchronia tiflis-aftermath "After Tiflis" --date 1907-07 2>/dev/null
expect_status 0 "Anna sends her changes" -- anna sync anna.uchronia
n_before=$(revisions boris.uchronia)
expect_status 0 "Boris takes Anna's and sends his" -- boris sync boris.uchronia
expect_contains "$S/err" "Sync with origin: 1 entry and 1 entity changed by Anna; sent the local changes" "the summary says what came and from whom"
[ "$(revisions boris.uchronia)" -eq $((n_before + 1)) ] && pass || fail "Anna's changes are not ONE revision in Boris's document"
"$UCHRONIA" history boris.uchronia 2>/dev/null | grep -q "Sync with origin" && pass || fail "the revision's summary"
expect_status 0 "Anna takes Boris's" -- anna sync anna.uchronia
same_documents "after both synced"
anna export anna.uchronia >a.json 2>/dev/null
python3 - a.json <<'PY' && pass || fail "a side's edit is missing after the syncs"
import json, sys
d = json.load(open(sys.argv[1]))
e = {x["id"]: x for x in d["entries"]}
assert e["stalin-killed"]["title"] == "Stalin shot in Tiflis" and e["stalin-killed"]["date"] == "1907-06-13"
assert "tiflis-aftermath" in e
assert {x["id"]: x for x in d["entities"]}["joseph-stalin"]["notes"] == "Anna's note."
PY

# The same field changed two ways: Boris's sync stops, his document unchanged, his commit kept.
anna set anna.uchronia lenin-death title "Lenin dies (Anna)" 2>/dev/null
boris set boris.uchronia lenin-death title "Lenin dies (Boris)" 2>/dev/null
expect_status 0 "Anna sends her title" -- anna sync anna.uchronia
boris export boris.uchronia >before.json 2>/dev/null
n_before=$(revisions boris.uchronia)
expect_status 2 "Boris's sync stops on the conflict" -- boris sync boris.uchronia
expect_contains "$S/err" "both sides changed the same field in entries/lenin-death.json" "names the conflicted file"
expect_lines "$S/err" 1 "one line"
boris export boris.uchronia >after.json 2>/dev/null
cmp -s before.json after.json && [ "$(revisions boris.uchronia)" -eq "$n_before" ] && pass || fail "the document changed on a stopped sync"
[ -z "$(git -C boris.uchronia-sync status --porcelain)" ] && pass || fail "the working copy was left mid-merge"

finish
