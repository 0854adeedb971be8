# End to end: document text reaches a terminal with its control characters shown, never acted on
# (an entry titled "\e]52;c;...\a" would write the clipboard, "\e[2J" clear the screen); pipes and
# files get the bytes as stored. `script` gives the binary a pseudo-terminal.
source "$(dirname "$0")/lib.bash"
U=$UCHRONIA
DOC=$SCRATCH/hostile.uchronia
export UCHRONIA_AUTHOR=e2e
command -v script >/dev/null || { echo "FAIL: script (util-linux) is needed"; exit 1; }

python3 - "$SCRATCH/hostile.json" <<'PY'
import json, sys
entries = [
    {"id": "clip", "date": "1917", "title": "Clipboard \x1b]52;c;cm0gLXJmIH4=\x07 grab", "body": "Searchable words."},
    {"id": "clear", "date": "1918", "title": "Clear \x1b[2J screen \u009b31m c1", "body": "Searchable words."},
]
json.dump({"format": "uchronia-timeline", "version": 1, "title": "T", "entries": entries}, open(sys.argv[1], "w"))
PY
expect_status 0 "import hostile titles" -- "$U" import "$SCRATCH/hostile.json" "$DOC"

# on_tty NAME -- command...: runs it on a pseudo-terminal; what the terminal got in $SCRATCH/NAME.tty
on_tty() {
  local name=$1
  shift 2
  local cmd
  printf -v cmd '%q ' "$@"
  # script runs the command with $SHELL; %q quoting ($'...') needs bash, and CI's SHELL may be sh
  SHELL=$BASH script -qec "$cmd" /dev/null >"$SCRATCH/$name.tty" 2>&1 </dev/null
}
raw_controls() {  # FILE: the count of bytes a terminal acts on (ESC, BEL, C1 CSI), \r from the tty aside
  LC_ALL=C grep -c $'\x1b\|\x07\|\xc2\x9b' "$1"
}
expect_safe() {  # NAME DESCRIPTION: no raw control reached the terminal
  if [ "$(raw_controls "$SCRATCH/$1.tty")" -eq 0 ]; then pass; else fail "$2: raw control bytes on the terminal"; cat -v "$SCRATCH/$1.tty" | head -5; fi
}

on_tty search -- "$U" search "$DOC" searchable
expect_contains "$SCRATCH/search.tty" 'Clipboard \x1b]52;c;cm0gLXJmIH4=\x07 grab' "search shows the OSC 52 title escaped"
expect_contains "$SCRATCH/search.tty" 'Clear \x1b[2J screen \u{9b}31m c1' "search shows ESC and C1 escaped"
expect_safe search "search on a terminal"

on_tty set -- "$U" set "$DOC" clip title $'Now \e[2J cleared'
expect_contains "$SCRATCH/set.tty" 'Now \x1b[2J cleared' "set's summary shows the title escaped"
expect_safe set "set on a terminal"

on_tty history -- "$U" history "$DOC"
expect_contains "$SCRATCH/history.tty" '\x1b[2J' "history shows the title escaped"
expect_safe history "history on a terminal"
on_tty item -- "$U" history "$DOC" --item clip
expect_contains "$SCRATCH/item.tty" '\x1b]52;c;' "item history shows old values escaped"
expect_safe item "item history on a terminal"

on_tty conflict -- "$U" set "$DOC" clear title $'x \e]52;c;eA==\a' --expect-version 7
expect_contains "$SCRATCH/conflict.tty" "conflict" "a stale write is refused"
expect_safe conflict "conflict message on a terminal"

on_tty baddate -- "$U" set "$DOC" clear date $'\e[2J 1917 \xff'
expect_contains "$SCRATCH/baddate.tty" '\x1b[2J 1917 \xff' "a bad date is quoted escaped, invalid UTF-8 too"
expect_safe baddate "set date error on a terminal"
on_tty date -- "$U" date $'\e]0;title\a 1917'
expect_contains "$SCRATCH/date.tty" '\x1b]0;title\x07' "date quotes its input escaped"
expect_safe date "date on a terminal"

on_tty check -- "$U" check "$DOC"
expect_safe check "check on a terminal"
on_tty export_tty -- "$U" export "$DOC" --format markdown
expect_contains "$SCRATCH/export_tty.tty" 'Now \x1b' "an export shown on a terminal is escaped"
expect_safe export_tty "export on a terminal"

# Not a terminal: the bytes as stored. Exports are byte-exact; history and search keep the raw text
# too (a pipe or file is data, not a screen).
expect_status 0 "export to a pipe" -- "$U" export "$DOC" --format markdown
mv "$SCRATCH/out" "$SCRATCH/pipe.md"
expect_status 0 "export to a file" -- "$U" export "$DOC" --format markdown -o "$SCRATCH/file.md"
cmp -s "$SCRATCH/pipe.md" "$SCRATCH/file.md" && pass || fail "export to a pipe differs from export to a file"
expect_contains "$SCRATCH/pipe.md" $'Now \e\\[2J cleared' "the exported title keeps its bytes"
expect_contains "$SCRATCH/pipe.md" $'\xc2\x9b31m' "the exported title keeps its C1 character"
expect_status 0 "search to a pipe" -- "$U" search "$DOC" searchable
[ "$(raw_controls "$SCRATCH/out")" -gt 0 ] && pass || fail "search to a pipe should keep the stored bytes"
expect_status 0 "history to a pipe" -- "$U" history "$DOC"
[ "$(raw_controls "$SCRATCH/out")" -gt 0 ] && pass || fail "history to a pipe should keep the stored bytes"

finish
