#!/usr/bin/env bash
# Writers through the binary: plain `set`s from three processes at once never conflict (each reads
# and writes in one transaction); --expect-version must be a revision number; typed entity dates
# are stored as EDTF.
source "$(dirname "$0")/lib.bash"
command -v python3 >/dev/null || { echo "needs python3"; exit 1; }
revisions() { "$UCHRONIA" history "$1" --format json | python3 -c 'import json,sys; print(len(json.load(sys.stdin)))'; }
field() {  # DOC KIND ID FIELD: the stored value, from the export
  "$UCHRONIA" export "$1" --format json |
    python3 -c 'import json,sys; d=json.load(sys.stdin); print(next(x for x in d[sys.argv[1]] if x["id"]==sys.argv[2]).get(sys.argv[3], ""))' "$2" "$3" "$4"
}

# 1. Three processes, 30 plain sets each, on the same entry: all succeed, every one recorded.
doc=$SCRATCH/three.uchronia
"$UCHRONIA" import "$SAMPLE_JSON" "$doc" >/dev/null 2>&1 || { echo "import failed"; exit 1; }
before=$(revisions "$doc")
for w in 1 2 3; do
  (
    bad=0
    for i in $(seq 1 30); do
      "$UCHRONIA" set "$doc" stalin-killed title "writer $w, set $i" >/dev/null 2>>"$SCRATCH/three-$w.err" || bad=$((bad + 1))
    done
    echo "$bad" >"$SCRATCH/three-$w.bad"
  ) &
done
wait
for w in 1 2 3; do
  [ "$(cat "$SCRATCH/three-$w.bad")" = 0 ] && pass ||
    fail "writer $w: $(cat "$SCRATCH/three-$w.bad") of 30 sets failed: $(sort -u "$SCRATCH/three-$w.err" | head -3)"
done
[ "$(revisions "$doc")" = $((before + 90)) ] && pass || fail "three writers: $(revisions "$doc") revisions, wanted $((before + 90))"

# 2. --expect-version is a revision number: 0 and -1 are usage errors; the file is unchanged.
for v in 0 -1; do
  h=$(sha "$doc")
  expect_status 2 "--expect-version $v" -- "$UCHRONIA" set "$doc" stalin-killed title X --expect-version "$v"
  [ "$h" = "$(sha "$doc")" ] && pass || fail "--expect-version $v: bytes changed"
done

# 3. An entity's dates as a writer types them: stored as EDTF, Old Style as the Julian calendar.
expect_status 0 "set start 1900" -- "$UCHRONIA" set "$doc" joseph-stalin start 1900
expect_status 0 "set start typed" -- "$UCHRONIA" set "$doc" joseph-stalin start "18 December 1878"
[ "$(field "$doc" entities joseph-stalin start)" = 1878-12-18 ] && pass ||
  fail "typed start stored as '$(field "$doc" entities joseph-stalin start)'"
expect_status 0 "set end OS" -- "$UCHRONIA" set "$doc" joseph-stalin end "27 September 1888 OS"
[ "$(field "$doc" entities joseph-stalin end)" = 1888-09-27 ] && pass || fail "OS end: '$(field "$doc" entities joseph-stalin end)'"
[ "$(field "$doc" entities joseph-stalin calendar)" = julian ] && pass || fail "OS end: calendar not julian"
expect_status 2 "set an unreadable start" -- "$UCHRONIA" set "$doc" joseph-stalin start "the day after"

finish
