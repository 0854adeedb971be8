#!/usr/bin/env bash
# A long write through the binary (a test hook, UCHRONIA_TEST_HOLD_WRITE_MS, holds the write lock
# as a long undo would): it shows progress; a second writer says what it waits for and waits as
# long as the first is writing, past the 10 s busy timeout; Ctrl+C cancels that wait cleanly.
source "$(dirname "$0")/lib.bash"
command -v python3 >/dev/null || { echo "needs python3"; exit 1; }
revisions() { "$UCHRONIA" history "$1" --format json | python3 -c 'import json,sys; print(len(json.load(sys.stdin)))'; }
field() {  # DOC KIND ID FIELD: the stored value, from the export
  "$UCHRONIA" export "$1" --format json |
    python3 -c 'import json,sys; d=json.load(sys.stdin); print(next(x for x in d[sys.argv[1]] if x["id"]==sys.argv[2]).get(sys.argv[3], ""))' "$2" "$3" "$4"
}

# wait_for FILE TEXT: until TEXT is in FILE (at most 20 s).
wait_for() {
  for _ in $(seq 1 200); do grep -qF -- "$2" "$1" 2>/dev/null && return 0; sleep 0.1; done
  return 1
}

# 4. A write holding the document for 12 s (the test hook stands for a long undo): a second `set`
#    says what it waits for and succeeds once the first is done, after more than the 10 s that
#    made it fail with "locked" before. (Case 5 runs on another document meanwhile.)
long=$SCRATCH/long.uchronia
"$UCHRONIA" import "$SAMPLE_JSON" "$long" >/dev/null 2>&1
long_n=$(revisions "$long")
UCHRONIA_TEST_HOLD_WRITE_MS=12000 "$UCHRONIA" set "$long" stalin-killed title "first writer" \
  >/dev/null 2>"$SCRATCH/long-1.err" &
long_first=$!
wait_for "$SCRATCH/long-1.err" "still writing" || fail "the long write showed no progress"
"$UCHRONIA" set "$long" soviet-polish-war title "second writer" >/dev/null 2>"$SCRATCH/long-2.err" &
long_second=$!

# 5. Ctrl+C on a writer waiting for another: it stops at once with one message, changing nothing;
#    the first writer's change goes through.
doc=$SCRATCH/cancel.uchronia
"$UCHRONIA" import "$SAMPLE_JSON" "$doc" >/dev/null 2>&1
n=$(revisions "$doc")
echo "not a writer's file" >"$doc-writer"  # someone's file of that name: never written over
UCHRONIA_TEST_HOLD_WRITE_MS=5000 "$UCHRONIA" set "$doc" stalin-killed title "first writer" \
  >/dev/null 2>"$SCRATCH/cancel-1.err" &
first=$!
wait_for "$SCRATCH/cancel-1.err" "still writing" || fail "the long write showed no progress"
"$UCHRONIA" set "$doc" soviet-polish-war title "cancelled writer" >/dev/null 2>"$SCRATCH/cancel-2.err" &
second=$!
wait_for "$SCRATCH/cancel-2.err" "waiting for another writer" || fail "the second writer is not waiting"
kill -INT "$second"
wait "$second"
rc=$?
wait "$first" || fail "the first writer failed: $(cat "$SCRATCH/cancel-1.err")"
[ "$rc" -ne 0 ] && pass || fail "the cancelled writer exited 0"
[ "$(grep -c cancelled "$SCRATCH/cancel-2.err")" -eq 1 ] && pass || fail "cancel: not one message: $(cat "$SCRATCH/cancel-2.err")"
tail -1 "$SCRATCH/cancel-2.err" | grep -q "^uchronia: $doc: cancelled; nothing of this change was written$" && pass ||
  fail "cancel message: $(tail -1 "$SCRATCH/cancel-2.err")"
[ "$(field "$doc" entries stalin-killed title)" = "first writer" ] && pass || fail "cancel: the first write is lost"
[ "$(field "$doc" entries soviet-polish-war title)" != "cancelled writer" ] && pass || fail "cancel: the cancelled write was applied"
[ "$(revisions "$doc")" = $((n + 1)) ] && pass || fail "cancel: $(revisions "$doc") revisions, wanted $((n + 1))"
[ "$(cat "$doc-writer")" = "not a writer's file" ] && pass || fail "a file named DOC-writer was written over"

# Case 4, continued.
wait "$long_second"
rc=$?
wait "$long_first" || fail "the long write failed: $(cat "$SCRATCH/long-1.err")"
[ "$rc" -eq 0 ] && pass || fail "the waiting writer failed (exit $rc): $(cat "$SCRATCH/long-2.err")"
expect_contains "$SCRATCH/long-2.err" "waiting for another writer to finish with $long (pid $long_first, uchronia set" "waiting line"
[ "$(field "$long" entries stalin-killed title)" = "first writer" ] && pass || fail "the first write is lost"
[ "$(field "$long" entries soviet-polish-war title)" = "second writer" ] && pass || fail "the second write is lost"
[ ! -e "$long-writer" ] && pass || fail "the who-is-writing file was left behind"
[ "$(revisions "$long")" = $((long_n + 2)) ] && pass || fail "long write: $(revisions "$long") revisions, wanted $((long_n + 2))"
finish
