# End to end: Markdown import of pathological headings takes memory in proportion to the file (50,000
# repeated "Until" words took gigabytes, 20,000 crashed) and refuses or imports, never crashes.
source "$(dirname "$0")/lib.bash"
U=$UCHRONIA
[ -x /usr/bin/time ] || { echo "FAIL: /usr/bin/time is needed"; exit 1; }

# peak_kb NAME -- command...: runs it, its peak resident memory (KB) in $SCRATCH/NAME.kb
peak_kb() {
  local name=$1
  shift 2
  /usr/bin/time -f '%M' -o "$SCRATCH/$name.kb" "$@" >"$SCRATCH/out" 2>"$SCRATCH/err"
  echo $? >"$SCRATCH/$name.rc"
}
python3 -c 'print("# T\n\n## " + "Until " * 50000 + "1917\n\n### A\n\nText.")' >"$SCRATCH/until.md"
python3 -c 'print("# T\n\n## 1917\n\n### " + "word " * 200000 + "\n\nText.")' >"$SCRATCH/title.md"

peak_kb until -- "$U" import "$SCRATCH/until.md" "$SCRATCH/until.uchronia"
[ "$(cat "$SCRATCH/until.rc")" -eq 2 ] && pass || fail "50,000 'Until' words: exit $(cat "$SCRATCH/until.rc"), wanted 2"
expect_contains "$SCRATCH/err" "line 3: '## Until Until" "the refusal names the line"
[ "$(wc -c <"$SCRATCH/err")" -lt 400 ] && pass || fail "the refusal quotes the whole heading"
[ ! -e "$SCRATCH/until.uchronia" ] && pass || fail "a refused import left a document"
# The input is 300 KB; before the fix this took gigabytes. 600 MB leaves room for ASan (a 1 MB title takes ~215 MB under it).
kb=$(tail -1 "$SCRATCH/until.kb"); [ "$kb" -lt 600000 ] && pass || fail "50,000 Until words took $kb KB"

peak_kb title -- "$U" import "$SCRATCH/title.md" "$SCRATCH/title.uchronia"
[ "$(cat "$SCRATCH/title.rc")" -eq 0 ] && pass || fail "a 1 MB entry title: exit $(cat "$SCRATCH/title.rc")"
kb=$(tail -1 "$SCRATCH/title.kb"); [ "$kb" -lt 600000 ] && pass || fail "a 1 MB title took $kb KB"

finish
