#!/usr/bin/env bash
# Randomized comparison with edtf.js (the reference EDTF implementation): validity and bounds of generated
# level 0-2 strings agree, except the documented differences where the standard wins.
#
# Needs Node >= 18 and the npm package of tests/edtfjs (edtf, from its package-lock.json); `./dev test`
# installs it. When one is missing the test fails and says which and how to get it.
set -euo pipefail

: "${UCHRONIA:?}" "${SOURCE_DIR:?}"
harness="$SOURCE_DIR/tests/edtfjs"

missing() { echo "FAIL: $1"; echo "  to get it: $2"; exit 1; }
command -v node >/dev/null 2>&1 || missing "no node on PATH: the comparison runs edtf.js on Node.js" "install Node.js (./dev test checks it)"
[ -f "$harness/compare.mjs" ] || missing "no harness at $harness/compare.mjs" "git checkout -- tests/edtfjs"
[ -d "$harness/node_modules/edtf" ] ||
  missing "edtf.js is not installed ($harness/node_modules/edtf)" "./dev test, or: cd $harness && npm ci --no-audit --no-fund"

# Two seeds: the fixed one (always the same strings) and one more, printed, so a failure can be re-run.
UCHRONIA="$UCHRONIA" node "$harness/compare.mjs" --count 4000 --seed 17
UCHRONIA="$UCHRONIA" node "$harness/compare.mjs" --count 4000 --seed 2026
echo "OK: edtf.js comparison"
