#!/usr/bin/env bash
# The sample exported as TimelineJS loads in the real TimelineJS3 (headless Chromium): every dated entry a slide, dates read as written.
#
# Needs Chromium, Node >= 20 and the harness's node_modules (shared/tools/timelinejs-check, `npm ci`
# there; TIMELINEJS_CHECK_DIR may point at a copy). Without them it prints "skipped: ..." and passes.
set -euo pipefail

: "${UCHRONIA:?}" "${SAMPLE_DOC:?}" "${SAMPLE_JSON:?}" "${SOURCE_DIR:?}" "${SCRATCH:?}"
harness="${TIMELINEJS_CHECK_DIR:-$SOURCE_DIR/../shared/tools/timelinejs-check}"
chromium="${CHROMIUM_PATH:-/usr/bin/chromium}"

skip() { echo "skipped: $*"; exit 0; }
[ -x "$chromium" ] || skip "no Chromium at $chromium (apt-get install chromium)"
command -v node >/dev/null 2>&1 || skip "no node"
node_major=$(node -e 'process.stdout.write(String(process.versions.node.split(".")[0]))')
[ "$node_major" -ge 20 ] || skip "node $node_major < 20 (playwright-core needs 20)"
[ -f "$harness/check.js" ] || skip "no harness at $harness"
[ -d "$harness/node_modules/@knight-lab/timelinejs" ] && [ -d "$harness/node_modules/playwright-core" ] ||
  skip "harness node_modules missing (cd $harness && npm ci)"

rm -rf "$SCRATCH"
mkdir -p "$SCRATCH"
out="$SCRATCH/tl.json"
"$UCHRONIA" export "$SAMPLE_DOC" --format timelinejs -o "$out"
[ -s "$out" ] || { echo "FAIL: export wrote nothing to $out"; exit 1; }

# Dated entries of the sample: each must become a slide.
expected=$(node -e '
  const d = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
  process.stdout.write(String(d.entries.filter((e) => typeof e.date === "string" && e.date !== "").length));
' "$SAMPLE_JSON")

set +e
result=$(CHROMIUM_PATH="$chromium" node "$harness/check.js" "$out" --screenshot "$SCRATCH/tl.png")
status=$?
set -e
echo "$result"
[ "$status" -eq 0 ] || { echo "FAIL: timelinejs-check exit $status"; exit 1; }
node -e '
  const r = JSON.parse(process.argv[1]);
  const want = Number(process.argv[2]);
  const bad = [];
  if (r.ok !== true) bad.push("ok is " + r.ok + ": " + JSON.stringify(r.problems));
  if (r.events_in !== want) bad.push("events_in " + r.events_in + ", expected " + want + " dated entries");
  if (r.slides_rendered !== r.events_in) bad.push("slides " + r.slides_rendered + " of " + r.events_in);
  if (r.title !== true) bad.push("no title slide");
  if (r.date_problems.length) bad.push("dates: " + JSON.stringify(r.date_problems));
  if (bad.length) { console.log("FAIL: " + bad.join("; ")); process.exit(1); }
  console.log("ok: " + r.slides_rendered + "/" + r.events_in + " slides, title slide, dates read as written");
' "$result" "$expected"
