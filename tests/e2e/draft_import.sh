#!/usr/bin/env bash
# From a draft to a timeline (issue 20): `import` reads plain-text and Markdown drafts (the seed
# text itself and two drafts of other shapes), refuses what is not a draft in one line;
# `suggest-links` lists, applies (one revision) and undoes; `check` reports draft-order slips.
source "$(dirname "$0")/lib.bash"
command -v python3 >/dev/null || { echo "needs python3"; exit 1; }
D=${FIXTURES:-$SOURCE_DIR/tests/fixtures}/drafts
export_json() { "$UCHRONIA" export "$1" --format json; }
# assert DOC PYTHON-EXPRESSIONS...: each expression is evaluated with d = the exported document,
# e = its entries in draft order, t = title -> entry.
assert_doc() {
  local doc=$1 what=$2
  shift 2
  if export_json "$doc" | python3 -c '
import json, sys
d = json.load(sys.stdin)
e = sorted(d["entries"], key=lambda x: x.get("draft_order", 0))
t = {x["title"]: x for x in d["entries"]}
for expr in sys.argv[1:]:
    if not eval(expr):
        print("    not true: " + expr); sys.exit(1)
' "$@"; then pass; else fail "$what"; fi
}

# 1. The seed text, as a writer has it.
seed=$SCRATCH/seed.uchronia
expect_status 0 "import the seed draft" -- "$UCHRONIA" import "$D/seed-alternative-history.txt" "$seed"
expect_contains "$SCRATCH/err" "20 entries (20 undated), 1 note on our timeline, 2 date hints" "seed summary"
expect_lines "$SCRATCH/err" 1 "seed summary is one line"
assert_doc "$seed" "seed entries" \
  'd["title"] == "Alternative History"' \
  'len(e) == 20 and [x["draft_order"] for x in e] == list(range(1, 21))' \
  'e[0]["title"] == "Communist militant Joseph Stalin is killed during a bank…"' \
  'e[19]["title"] == "Founding of the Allied Nations Organisation"' \
  'e[5]["otl"] == "*here* Stalin refused to obey orders before the crucial engagements of the Battle of Warsaw."' \
  'e[7]["notes"] == "Date hint: Early Months" and e[8]["notes"] == "Date hint: later Months"' \
  '"This policy would later be invoked" in e[7]["body"]' \
  'all("date" not in x for x in e)'

# 2. Plain text with year lines.
years=$SCRATCH/years.uchronia
expect_status 0 "import a draft with year lines" -- "$UCHRONIA" import "$D/year-lines.txt" "$years"
expect_contains "$SCRATCH/err" "6 entries (0 undated), 1 note on our timeline, 1 date hint" "year-lines summary"
assert_doc "$years" "year-lines entries" \
  'd["title"] == "The Long Armistice" and len(e) == 6' \
  '[x["date"] for x in e] == ["1914-06-28", "1914-06-28", "1916-21", "1925~", "1925~", "1925~"]' \
  'e[2]["otl"].startswith("the Battle of Verdun")' \
  'e[5]["notes"] == "Date hint: Later that decade"'

# 3. Markdown with bullet lists, CRLF line ends, smart quotes and a BOM.
bullets=$SCRATCH/bullets.uchronia
expect_status 0 "import a Markdown draft with lists" -- "$UCHRONIA" import "$D/bullets-crlf-bom.md" "$bullets"
expect_contains "$SCRATCH/err" "5 entries (0 undated), 1 note on our timeline, 1 date hint" "bullets summary"
assert_doc "$bullets" "bullets entries" \
  'd["title"] == "The Danube Republic" and len(e) == 5' \
  'e[0]["title"] == "In March, Vienna rises and the “Danube Committee” takes…"' \
  'e[1]["otl"].startswith("the revolution was crushed")' \
  '[x["date"] for x in e] == ["1848", "1848", "1849-22", "1849-22", "1849-22"]' \
  'e[3]["notes"] == "Date hint: Later years"' \
  'not any("\r" in x["body"] or "\ufeff" in x["body"] for x in e)'

# 4. Uchronia's own Markdown still imports as it did (not as a draft).
"$UCHRONIA" import "$SAMPLE_JSON" "$SCRATCH/sample.uchronia" >/dev/null 2>&1
"$UCHRONIA" export "$SCRATCH/sample.uchronia" --format markdown -o "$SCRATCH/sample.md" >/dev/null 2>&1
expect_status 0 "import an exported Markdown file" -- "$UCHRONIA" import "$SCRATCH/sample.md" "$SCRATCH/sample-md.uchronia"
expect_contains "$SCRATCH/err" "imported " "structured import message"
grep -q "undated)" "$SCRATCH/err" && fail "an export was read as a draft: $(cat "$SCRATCH/err")" || pass

# 5. What is not a draft: one line naming the file, exit 2, nothing written.
bad=$SCRATCH/bad
mkdir -p "$bad"
printf '' >"$bad/empty.txt"
printf 'Title\n\nsome text\0\1\2 binary\n' >"$bad/binary.txt"
cp "$seed" "$bad/document.uchronia"  # a SQLite file given as the draft
mkdir -p "$bad/folder.txt"
for input in empty.txt binary.txt document.uchronia folder.txt; do
  listing=$(ls -A "$bad")
  before=$( [ -f "$bad/$input" ] && sha "$bad/$input" )
  expect_status 2 "import $input" -- "$UCHRONIA" import "$bad/$input" "$bad/out.uchronia"
  expect_lines "$SCRATCH/err" 1 "import $input: one line"
  expect_contains "$SCRATCH/err" "$bad/$input" "import $input names the file"
  [ ! -e "$bad/out.uchronia" ] && [ "$(ls -A "$bad")" = "$listing" ] && pass || fail "import $input left files behind"
  [ -z "$before" ] || { [ "$(sha "$bad/$input")" = "$before" ] && pass || fail "import $input changed its input"; }
done
# The one document given as DOC that exists is never touched.
before=$(sha "$seed")
expect_status 2 "import onto an existing document" -- "$UCHRONIA" import "$D/year-lines.txt" "$seed"
[ "$(sha "$seed")" = "$before" ] && pass || fail "import onto an existing document changed it"

# 6. suggest-links: listed (nothing written), applied in one revision, undone.
before=$(sha "$seed")
revs() { "$UCHRONIA" history "$1" --format json | python3 -c 'import json,sys; print(len(json.load(sys.stdin)))'; }
revisions=$(revs "$seed")
expect_status 0 "suggest-links lists" -- "$UCHRONIA" suggest-links "$seed"
expect_contains "$SCRATCH/out" 'link "Lenin" (new ' "Lenin suggested"
expect_contains "$SCRATCH/out" 'link "All-Soviets Union" (new organisation all-soviets-union) in ' "the ASU suggested as an organisation"
expect_contains "$SCRATCH/out" "run with --apply" "how to apply"
grep -q '"Although"\|"The \|"Thanks' "$SCRATCH/out" && fail "sentence-start words suggested: $(cat "$SCRATCH/out")" || pass
[ "$(sha "$seed")" = "$before" ] && [ "$(revs "$seed")" = "$revisions" ] && pass || fail "listing suggestions wrote to the document"
export_json "$seed" >"$SCRATCH/before.json"
expect_status 0 "suggest-links --apply" -- "$UCHRONIA" suggest-links "$seed" --apply
[ "$(revs "$seed")" = "$((revisions + 1))" ] && pass || fail "--apply is not one revision"
assert_doc "$seed" "links applied" \
  'any(x["id"] == "lenin" for x in d["entities"])' \
  'any(x["id"] == "all-soviets-union" and x["kind"] == "organisation" for x in d["entities"])' \
  '"[[Lenin]]" in t["Death of Lenin"]["body"]'
expect_status 0 "nothing left to suggest" -- "$UCHRONIA" suggest-links "$seed"
grep -q 'link "Lenin"' "$SCRATCH/out" && fail "Lenin still suggested after --apply" || pass
expect_status 0 "check after linking" -- "$UCHRONIA" check "$seed"
expect_status 0 "undo the links" -- "$UCHRONIA" undo "$seed"
export_json "$seed" >"$SCRATCH/after-undo.json"
cmp -s "$SCRATCH/before.json" "$SCRATCH/after-undo.json" && pass || fail "undo did not restore the document before --apply"

# 7. check: an entry dated before the dated entry before it in the draft (info, acknowledgeable).
id=$(export_json "$years" | python3 -c 'import json,sys; d=json.load(sys.stdin); print(next(x["id"] for x in d["entries"] if x["draft_order"] == 5))')
"$UCHRONIA" set "$years" "$id" date 1900 >/dev/null 2>&1 || fail "set a date"
expect_status 0 "check reports a draft-order slip as info" -- "$UCHRONIA" check "$years" --format json
python3 -c '
import json, sys
f = [x for x in json.load(open(sys.argv[1]))["findings"] if x["rule"] == "draft.out-of-order"]
assert len(f) == 1 and f[0]["entry"] == sys.argv[2] and f[0]["severity"] == "info", f
' "$SCRATCH/out" "$id" && pass || fail "draft.out-of-order finding: $(head -c 400 "$SCRATCH/out")"

finish
