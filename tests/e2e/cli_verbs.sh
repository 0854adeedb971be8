# End to end: every CLI verb on the bundled sample, its output and exit status.
source "$(dirname "$0")/lib.bash"
U=$UCHRONIA
DOC=$SCRATCH/sample.uchronia
export UCHRONIA_AUTHOR=e2e

# --version and --help on every verb
expect_status 0 "--version" -- "$U" --version
expect_contains "$SCRATCH/out" "uchronia " "--version prints the version"
for verb in import export check date history undo redo restore set add-entry delete search rebuild verify generate; do
  expect_status 0 "$verb --help" -- "$U" "$verb" --help
done
expect_status 2 "unknown verb option" -- "$U" export --bogus
expect_status 2 "missing argument" -- "$U" import

# import: creates, refuses to overwrite, leaves the existing file unchanged
expect_status 0 "import the sample" -- "$U" import "$SAMPLE_JSON" "$DOC"
before=$(sha "$DOC")
expect_status 2 "import refuses to overwrite" -- "$U" import "$SAMPLE_JSON" "$DOC"
expect_contains "$SCRATCH/err" "already exists" "overwrite refusal says why"
[ "$(sha "$DOC")" = "$before" ] && pass || fail "refused import changed the file"
printf '{"format": "uchronia-timeline", "version": 1, "entries": [{"id": "a"' >"$SCRATCH/broken.json"
expect_status 2 "broken JSON" -- "$U" import "$SCRATCH/broken.json" "$SCRATCH/broken.uchronia"
expect_contains "$SCRATCH/err" "line 1" "syntax error names line and column"
[ ! -e "$SCRATCH/broken.uchronia" ] && pass || fail "a failed import left a document behind"
printf '{"format": "uchronia-timeline", "version": 1, "entries": [{"id": "a", "title": 5}]}' >"$SCRATCH/types.json"
expect_status 2 "wrong type" -- "$U" import "$SCRATCH/types.json" "$SCRATCH/types.uchronia"
expect_contains "$SCRATCH/err" "entries[0].title" "type error names the JSON path"
[ ! -e "$SCRATCH/types.uchronia" ] && pass || fail "a failed import left a document behind"

# export json: deterministic, and the round trip is byte-identical
expect_status 0 "export json" -- "$U" export "$DOC" --format json -o "$SCRATCH/a.json"
expect_status 0 "export json again" -- "$U" export "$DOC" --format json -o "$SCRATCH/b.json"
cmp -s "$SCRATCH/a.json" "$SCRATCH/b.json" && pass || fail "export is not deterministic"
expect_status 0 "re-import the export" -- "$U" import "$SCRATCH/a.json" "$SCRATCH/again.uchronia"
expect_status 0 "export the re-import" -- "$U" export "$SCRATCH/again.uchronia" --format json -o "$SCRATCH/c.json"
cmp -s "$SCRATCH/a.json" "$SCRATCH/c.json" && pass || fail "round trip is not byte-identical"
expect_status 0 "export a JSON file directly" -- "$U" export "$SAMPLE_JSON" --format json -o "$SCRATCH/d.json"
cmp -s "$SCRATCH/a.json" "$SCRATCH/d.json" && pass || fail "exporting the JSON differs from exporting its document"
expect_status 0 "timelinejs grouped by person" -- "$U" export "$DOC" --format timelinejs --group-entity person
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); g={e.get("group") for e in d["events"]}; assert "Vladimir Lenin" in g, g' "$SCRATCH/out" && pass || fail "TimelineJS groups by entity"
expect_status 0 "markdown filtered by tag and date" -- "$U" export "$DOC" --format markdown --tags war --from 1919 --to 1921 --no-otl
expect_contains "$SCRATCH/out" "Warsaw captured" "filtered export keeps a matching entry"
grep -q "Stalin killed" "$SCRATCH/out" && fail "filtered export kept an entry outside the range" || pass
grep -q "In our timeline" "$SCRATCH/out" && fail "--no-otl kept an otl note" || pass
# --ages: under each entry's date, the ages then of the people it mentions (markdown and html); absent without it
cat >"$SCRATCH/ages.json" <<'JSON'
{"format": "uchronia-timeline", "version": 1,
 "entities": [{"id": "trotsky", "kind": "person", "name": "Leon Trotsky", "start": "1879-11-07"},
              {"id": "lenin", "kind": "person", "name": "Vladimir Lenin", "start": "1870-04-22"}],
 "entries": [{"id": "congress", "title": "Congress", "date": "1923-05-01",
              "body": "[[Leon Trotsky]] speaks after [[Vladimir Lenin]]."}]}
JSON
for format in markdown html; do
  expect_status 0 "$format export with --ages" -- "$U" export "$SCRATCH/ages.json" --format $format --ages -o "$SCRATCH/ages.$format"
  expect_contains "$SCRATCH/ages.$format" "Leon Trotsky, 43 · Vladimir Lenin, 53" "$format --ages names each person with their age"
  expect_status 0 "$format export without --ages" -- "$U" export "$SCRATCH/ages.json" --format $format -o "$SCRATCH/no-ages.$format"
  grep -q "Ages" "$SCRATCH/no-ages.$format" && fail "$format export without --ages shows ages" || pass
done
expect_status 2 "export of a missing file" -- "$U" export "$SCRATCH/nope.uchronia"
expect_status 2 "export with an invalid --from" -- "$U" export "$DOC" --from 1985-02-30

# check: the sample is clean; a broken timeline gives findings, JSON as spec §6, exit 1
expect_status 0 "check the sample" -- "$U" check "$DOC"
expect_status 0 "check the sample strictly" -- "$U" check "$DOC" --strict --format json
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert d["counts"]=={"error":0,"warning":0,"info":0} and d["findings"]==[], d' "$SCRATCH/out" && pass || fail "the sample is not clean"
cat >"$SCRATCH/bad.json" <<'JSON'
{"format": "uchronia-timeline", "version": 1, "title": "Bad",
 "entities": [{"id": "nap", "name": "Napoleon Bonaparte", "kind": "person", "start": "1769-08-15", "end": "1821-05-05"}],
 "entries": [{"id": "e1", "date": "1985-02-30", "title": "Impossible"},
             {"id": "e2", "date": "1830", "title": "Late mention", "body": "[[Napoleon Bonaparte]] speaks."},
             {"id": "e3", "date": "1900", "title": "Dangling", "body": "[[Nobody]]"}]}
JSON
expect_status 1 "check finds errors" -- "$U" check "$SCRATCH/bad.json" --format json
python3 - "$SCRATCH/out" <<'PY' && pass || fail "check JSON output shape"
import json, sys
d = json.load(open(sys.argv[1]))
assert set(d) == {"findings", "counts"}, d.keys()
rules = {f["rule"] for f in d["findings"]}
assert {"date.invalid", "ref.outside-lifespan", "ref.dangling"} <= rules, rules
for f in d["findings"]:
    assert list(f)[:7] == ["rule", "severity", "entry", "entity", "message", "related", "acknowledged"], list(f)
assert d["counts"]["error"] >= 2 and d["counts"]["warning"] >= 1
PY
expect_status 1 "check text output" -- "$U" check "$SCRATCH/bad.json"
expect_contains "$SCRATCH/out" 'warning[ref.outside-lifespan] e2 "Late mention"' "compiler-style line"
expect_status 0 "check with --rule filters" -- "$U" check "$SCRATCH/bad.json" --rule ref.outside-lifespan
expect_status 1 "check --strict fails on a warning" -- "$U" check "$SCRATCH/bad.json" --rule ref.outside-lifespan --strict
expect_status 2 "check with an unknown rule" -- "$U" check "$DOC" --rule no.such-rule
echo "just text" >"$SCRATCH/foreign.txt"
expect_status 2 "check a foreign file" -- "$U" check "$SCRATCH/foreign.txt"

# date: spec §7 JSON lines
expect_status 0 "date json" -- "$U" date --format json 1985-04 "1917-10-25"
expect_lines "$SCRATCH/out" 2 "one JSON object per input"
expect_contains "$SCRATCH/out" '{"input": "1985-04", "valid": true, "lower": "1985-04-01", "upper": "1985-04-30", "uncertain": false, "approximate": false, "interval": false, "error": null' "date JSON as the spec"
expect_status 1 "date with an invalid input" -- "$U" date --format json 1985-02-30
expect_contains "$SCRATCH/out" '"valid": false' "invalid date reported"
expect_status 0 "date --julian" -- "$U" date --julian --format json 1917-10-25
expect_contains "$SCRATCH/out" '"lower": "1917-11-07"' "Julian date converted"
expect_status 0 "date human form" -- "$U" date "25 October 1917 OS"

# set / history / undo / redo / restore / delete / search
expect_status 0 "set a date in words" -- "$U" set "$DOC" warsaw-captured date "16 August 1920"
expect_contains "$SCRATCH/out" "Date of 'Warsaw captured': 1920-08 → 1920-08-16" "readable summary"
expect_status 0 "history" -- "$U" history "$DOC"
expect_contains "$SCRATCH/out" "e2e" "author recorded"
expect_status 0 "item history json" -- "$U" history "$DOC" --item warsaw-captured --format json
python3 - "$SCRATCH/out" <<'PY' && pass || fail "item history JSON"
import json, sys
h = json.load(open(sys.argv[1]))
assert h[0]["op"] == "created" and h[-1]["op"] == "changed", h
assert {"field": "date", "old": "1920-08", "new": "1920-08-16"} in h[-1]["fields"], h[-1]
PY
expect_status 0 "undo" -- "$U" undo "$DOC"
expect_status 0 "export after undo" -- "$U" export "$DOC" -o "$SCRATCH/after-undo.json"
cmp -s "$SCRATCH/a.json" "$SCRATCH/after-undo.json" && pass || fail "undo did not restore the document exactly"
expect_status 0 "redo" -- "$U" redo "$DOC"
expect_status 2 "redo with nothing to redo" -- "$U" redo "$DOC"
expect_contains "$SCRATCH/err" "nothing to redo" "redo says why"
expect_status 0 "delete" -- "$U" delete "$DOC" warsaw-captured
expect_status 0 "search no longer finds it" -- "$U" search "$DOC" Warsaw
grep -q "^warsaw-captured" "$SCRATCH/out" && fail "deleted entry still found" || pass
expect_status 0 "restore the deleted entry" -- "$U" restore "$DOC" warsaw-captured 1
expect_status 0 "search finds it again" -- "$U" search "$DOC" Warsaw
expect_contains "$SCRATCH/out" "warsaw-captured" "restored entry searchable"
expect_status 2 "set with a stale version" -- "$U" set "$DOC" warsaw-captured title "X" --expect-version 1
expect_contains "$SCRATCH/err" "conflict" "stale write refused as a conflict"
expect_status 2 "set an invalid date" -- "$U" set "$DOC" warsaw-captured date "04/05/1920"
expect_contains "$SCRATCH/err" "ambiguous" "ambiguous date refused"
expect_status 0 "add-entry" -- "$U" add-entry "$DOC" new-one "A new entry" --date "c. 1930"
expect_status 0 "verify a sound document" -- "$U" verify "$DOC"
expect_contains "$SCRATCH/out" ": ok" "verify says ok"
expect_status 0 "rebuild the derived tables" -- "$U" rebuild "$DOC"
expect_status 0 "search after rebuild" -- "$U" search "$DOC" Warsaw
expect_contains "$SCRATCH/out" "warsaw-captured" "search works after rebuild"
expect_status 0 "check after edits" -- "$U" check "$DOC" --format json

finish
