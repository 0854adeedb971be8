#!/usr/bin/env bash
# Damaged history through the binary: undo/redo stacks or an item's history naming a revision
# that is not there, a negative seq, an empty or garbage changeset. undo, redo, history --item
# and restore exit 2 with one line naming the document and the revision, and leave the document's
# bytes (and its WAL's) unchanged; nothing crashes.
source "$(dirname "$0")/lib.bash"
command -v python3 >/dev/null || { echo "needs python3"; exit 1; }

base=$SCRATCH/base.uchronia
"$UCHRONIA" import "$SAMPLE_JSON" "$base" >/dev/null 2>&1 || { echo "import failed"; exit 1; }
"$UCHRONIA" set "$base" stalin-killed title "Stalin killed (1)" >/dev/null || fail "set 1"
"$UCHRONIA" set "$base" stalin-killed title "Stalin killed (2)" >/dev/null || fail "set 2"
"$UCHRONIA" undo "$base" >/dev/null || fail "undo"   # r4 undoes r3: undo top r2, redo top r3

# A WAL that is not there and an empty one both hold no change (a reading verb leaves an empty one).
wal_sha() { if [ -e "$1-wal" ]; then sha "$1-wal"; else printf '' | sha256sum | cut -d' ' -f1; fi; }

# damaged NAME SQL SEQ VERB...: applies SQL to a copy; each VERB must refuse it.
damaged() {
  local name=$1 sql=$2 seq=$3
  shift 3
  local doc=$SCRATCH/$name.uchronia
  rm -f "$doc" "$doc-wal" "$doc-shm"
  cp "$base" "$doc"
  python3 - "$doc" "$sql" <<'PY'
import sqlite3, sys
con = sqlite3.connect(sys.argv[1]); con.executescript(sys.argv[2]); con.commit()
con.execute("PRAGMA wal_checkpoint(TRUNCATE)"); con.close()  # the change in the file, the WAL empty
PY
  local verb
  for verb in "$@"; do
    local before_doc before_wal
    before_doc=$(sha "$doc"); before_wal=$(wal_sha "$doc")
    # shellcheck disable=SC2086
    timeout 20 "$UCHRONIA" ${verb%% *} "$doc" ${verb#* } >"$SCRATCH/out" 2>"$SCRATCH/err"
    local rc=$?
    [ "$rc" -eq 2 ] && pass || fail "$name/$verb: exit $rc, wanted 2: $(cat "$SCRATCH/err")"
    expect_lines "$SCRATCH/err" 1 "$name/$verb: stderr"
    expect_contains "$SCRATCH/err" "$doc: history is damaged: revision $seq " "$name/$verb"
    [ "$before_doc" = "$(sha "$doc")" ] && pass || fail "$name/$verb: document bytes changed"
    [ "$before_wal" = "$(wal_sha "$doc")" ] && pass || fail "$name/$verb: WAL bytes changed"
  done
}

damaged undo-missing "UPDATE undo_stack SET seq = 999 WHERE pos = (SELECT max(pos) FROM undo_stack)" 999 "undo "
damaged undo-negative "UPDATE undo_stack SET seq = -7 WHERE pos = (SELECT max(pos) FROM undo_stack)" -7 "undo "
damaged redo-missing "UPDATE redo_stack SET seq = 999" 999 "redo "
damaged redo-negative "UPDATE redo_stack SET seq = -2" -2 "redo "
key=$(python3 -c "import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute(\"SELECT key FROM entry WHERE id='stalin-killed'\").fetchone()[0])" "$base")
damaged item-missing "INSERT INTO revision_item VALUES('stalin-killed', 999, 'changed', 'entry', $key)" 999 \
  "history --item stalin-killed" "restore stalin-killed 1"
damaged item-negative "UPDATE revision_item SET seq = -4 WHERE item = 'stalin-killed' AND seq = 2" -4 \
  "history --item stalin-killed"
damaged empty-changeset "UPDATE revision SET changeset = X'' WHERE seq = 3" 3 \
  "redo " "history --item stalin-killed" "restore stalin-killed 1"
damaged empty-undo "UPDATE revision SET changeset = X'' WHERE seq = 2" 2 "undo "
damaged garbage-changeset "UPDATE revision SET changeset = X'DEADBEEF00' WHERE seq IN (2, 3)" 2 "undo "
damaged garbage-redo "UPDATE revision SET changeset = X'DEADBEEF00' WHERE seq = 3" 3 \
  "redo " "history --item stalin-killed" "restore stalin-killed 1"

# The harness can fail too: the undamaged document takes the same verbs.
for verb in "redo" "history --item stalin-killed" "restore stalin-killed 1" "undo"; do
  # shellcheck disable=SC2086
  "$UCHRONIA" ${verb%% *} "$base" $([ "${verb#* }" != "$verb" ] && echo "${verb#* }") >/dev/null 2>"$SCRATCH/err" &&
    pass || fail "undamaged/$verb: $(cat "$SCRATCH/err")"
done
finish
