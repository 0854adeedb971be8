#!/usr/bin/env bash
# The sample exported as TimelineJS loads in the real TimelineJS3 (headless Chromium): every dated entry a slide, dates read as written.
#
# Needs Chromium, Node >= 20 and the npm packages of the harness in tests/timelinejs; `./dev test`
# sets them up. When one is missing the test fails and says which and how to get it.
set -euo pipefail

: "${UCHRONIA:?}" "${SAMPLE_DOC:?}" "${SAMPLE_JSON:?}" "${SOURCE_DIR:?}" "${SCRATCH:?}"
harness="$SOURCE_DIR/tests/timelinejs"
chromium="${CHROMIUM_PATH:-/usr/bin/chromium}"

missing() { echo "FAIL: $1"; echo "  to get it: $2"; exit 1; }
[ -x "$chromium" ] ||
  missing "no Chromium at $chromium (set CHROMIUM_PATH for another one)" "sudo apt-get install -y chromium (./dev test installs it when run as root)"
command -v node >/dev/null 2>&1 ||
  missing "no node on PATH: the harness needs Node.js >= 20" \
    "install Node.js 20 or later; Debian 12's own nodejs is 18, too old (./dev test checks this, it does not install Node)"
node_major=$(node -e 'process.stdout.write(String(process.versions.node.split(".")[0]))')
[ "$node_major" -ge 20 ] ||
  missing "$(command -v node) is $(node --version); the harness needs Node.js >= 20 (playwright-core 1.65)" \
    "install Node.js 20 or later; Debian 12's own nodejs is 18, too old (./dev test checks this, it does not install Node)"
[ -f "$harness/check.js" ] || missing "no harness at $harness/check.js" "git checkout -- tests/timelinejs"
for pkg in @knight-lab/timelinejs playwright-core; do
  [ -d "$harness/node_modules/$pkg" ] ||
    missing "the harness's npm package $pkg is not installed ($harness/node_modules/$pkg)" \
      "./dev test, or: cd $harness && npm ci --no-audit --no-fund"
done

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

# The self-contained page (--format timelinejs-html): opened from the disk with every request that is
# not file: blocked, it shows every dated entry as a slide and asks for nothing but itself.
page="$SCRATCH/timeline.html"
"$UCHRONIA" export "$SAMPLE_DOC" --format timelinejs-html -o "$page"
set +e
page_result=$(CHROMIUM_PATH="$chromium" node "$harness/check_page.js" "$page" --screenshot "$SCRATCH/timeline-page.png")
status=$?
set -e
echo "$page_result"
[ "$status" -eq 0 ] || { echo "FAIL: check_page.js exit $status"; exit 1; }
node -e '
  const r = JSON.parse(process.argv[1]);
  const want = Number(process.argv[2]);
  const bad = [];
  if (r.blocked.length) bad.push("requests leaving the disk: " + JSON.stringify(r.blocked));
  if (r.requests.length !== 1) bad.push("requests besides the page itself: " + JSON.stringify(r.requests));
  if (r.errors.length) bad.push("errors: " + JSON.stringify(r.errors));
  if (r.slides !== want) bad.push("slides " + r.slides + ", expected " + want);
  if (!r.title) bad.push("no title slide");
  if (bad.length) { console.log("FAIL: page: " + bad.join("; ")); process.exit(1); }
  console.log("ok: page from disk, " + r.slides + " slides, no request but the page (screenshot: " + process.argv[3] + ")");
' "$page_result" "$expected" "$SCRATCH/timeline-page.png"
python3 "$SOURCE_DIR/tests/e2e/png_not_blank.py" "$SCRATCH/timeline-page.png" 1280 720
