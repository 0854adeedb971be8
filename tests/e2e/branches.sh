# End to end: branches (docs/branches.md) through the real binary: the branch verbs, `move`,
# `override`, each one revision with a readable summary and undoable; `check` per world and
# `check --branch`; refusals exit 2 with one line and leave the file unchanged.
source "$(dirname "$0")/lib.bash"
U=$UCHRONIA
DOC=$SCRATCH/worlds.uchronia
export UCHRONIA_AUTHOR=e2e

for verb in branch move override; do
  expect_status 0 "$verb --help" -- "$U" "$verb" --help
done
for sub in list add rename set delete; do
  expect_status 0 "branch $sub --help" -- "$U" branch "$sub" --help
done

cat >"$SCRATCH/in.json" <<'JSON'
{"format": "uchronia-timeline", "version": 1,
 "entities": [{"id": "joseph-stalin", "name": "Joseph Stalin", "kind": "person", "start": "1878-12-18", "end": "1953-03-05"}],
 "entries": [
  {"id": "tiflis-robbery", "date": "1907-06-26", "title": "Tiflis bank robbery"},
  {"id": "stalin-killed", "date": "1907-06-26", "title": "Stalin killed at Tiflis", "body": "[[Joseph Stalin]] dies."},
  {"id": "congress", "date": "1912-01", "title": "Prague conference", "body": "[[Joseph Stalin]] is co-opted."}
 ]}
JSON
expect_status 0 "import" -- "$U" import "$SCRATCH/in.json" "$DOC"

expect_status 0 "add the main branch" -- "$U" branch add "$DOC" otl "Our timeline"
expect_status 0 "add a child branch" -- "$U" branch add "$DOC" asu "All-Soviets Union" --parent otl --diverges "26 June 1907"
expect_contains "$SCRATCH/out" "Branch 'All-Soviets Union' added, forking from 'otl' on 26 June 1907" "add says what it did"
expect_status 0 "list" -- "$U" branch list "$DOC"
expect_lines "$SCRATCH/out" 2 "one line per branch"
expect_contains "$SCRATCH/out" "asu	All-Soviets Union	otl	1907-06-26" "list shows parent and divergence"

expect_status 0 "move an entry" -- "$U" move "$DOC" stalin-killed asu
expect_contains "$SCRATCH/out" "Entry 'Stalin killed at Tiflis' moved to branch 'All-Soviets Union'" "move summary"
expect_status 0 "history" -- "$U" history "$DOC"
expect_contains "$SCRATCH/out" "moved to branch 'All-Soviets Union'" "the move is a revision in history"
expect_status 0 "set point" -- "$U" branch set "$DOC" asu point stalin-killed

# Before the override, the congress (1912) is checked in otl only: clean.
expect_status 0 "check clean" -- "$U" check "$DOC"
expect_status 0 "override" -- "$U" override "$DOC" joseph-stalin asu end "26 June 1907"
expect_contains "$SCRATCH/out" "Entity 'Joseph Stalin' in branch 'All-Soviets Union': end 26 June 1907" "override summary"
expect_status 0 "keep the congress in asu" -- "$U" branch set "$DOC" asu keeps congress
expect_status 1 "check finds Stalin dead at the congress in asu" -- "$U" check "$DOC" --format json --strict
expect_contains "$SCRATCH/out" '"asu"' "the finding carries its branch"
expect_contains "$SCRATCH/out" '"ref.outside-lifespan"' "the rule ran in the branch's world"
expect_status 0 "check --branch otl is clean" -- "$U" check "$DOC" --branch otl --strict
expect_status 2 "check --branch of nothing" -- "$U" check "$DOC" --branch nowhere
expect_contains "$SCRATCH/err" "no branch 'nowhere'" "says which branch"
expect_status 0 "undo the keep" -- "$U" undo "$DOC"
expect_status 0 "clean again after undo" -- "$U" check "$DOC" --strict
expect_status 0 "redo" -- "$U" redo "$DOC"
expect_status 1 "the finding is back" -- "$U" check "$DOC" --strict

# The interchange export carries every branch field; importing it gives the same document.
expect_status 0 "export json" -- "$U" export "$DOC" --format json -o "$SCRATCH/out.json"
expect_contains "$SCRATCH/out.json" '"branch": "asu"' "entry branch exported"
expect_contains "$SCRATCH/out.json" '"in_branches"' "override exported"
expect_status 0 "re-import" -- "$U" import "$SCRATCH/out.json" "$SCRATCH/again.uchronia"
expect_status 0 "re-export" -- "$U" export "$SCRATCH/again.uchronia" --format json -o "$SCRATCH/again.json"
cmp -s "$SCRATCH/out.json" "$SCRATCH/again.json" && pass || fail "round trip through JSON changed the export"

# Refusals: exit 2, one line, file unchanged.
before=$(sha "$DOC")
expect_status 2 "move to no branch" -- "$U" move "$DOC" congress nowhere
expect_status 2 "a second root" -- "$U" branch add "$DOC" other "Other"
expect_status 2 "a cycle" -- "$U" branch set "$DOC" otl parent asu
expect_status 2 "delete a branch with entries" -- "$U" branch delete "$DOC" asu
expect_contains "$SCRATCH/err" "stalin-killed" "says which entry holds it"
expect_status 2 "unknown field" -- "$U" branch set "$DOC" asu colour red
expect_status 2 "override the id" -- "$U" override "$DOC" joseph-stalin asu id koba
[ "$(sha "$DOC")" = "$before" ] && pass || fail "a refused change altered the document"
expect_status 0 "rename" -- "$U" branch rename "$DOC" asu "ASU"
expect_contains "$SCRATCH/out" "renamed to 'ASU'" "rename summary"
finish
