#!/usr/bin/env bash
# The editor renders every script a document uses: a document with Georgian, CJK, Hebrew, Arabic
# and "№ €" is imported and rendered under Xvfb; the PNG must not be blank, and the log must not
# report a script without a font (fonts-noto-core and fonts-noto-cjk are in ./dev's packages).
set -euo pipefail
: "${UCHRONIA:?path of the uchronia binary}" "${SCRATCH:=$(mktemp -d)}"

if ! command -v xvfb-run >/dev/null 2>&1; then
  echo "FAIL: xvfb-run not found: the editor is rendered under Xvfb"
  echo "  to get it: sudo apt-get install -y xvfb xauth (./dev test installs them when run as root)"
  exit 1
fi
rm -rf "$SCRATCH" && mkdir -p "$SCRATCH"
export XDG_CONFIG_HOME="$SCRATCH/config" XDG_DATA_HOME="$SCRATCH/data" XDG_STATE_HOME="$SCRATCH/state"
export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0"   # Mesa's own allocations

cat > "$SCRATCH/scripts.json" <<'JSON'
{
  "format": "uchronia-timeline", "version": 1,
  "title": "Cities of the world № 1",
  "description": "Prices in € and ₾",
  "entities": [
    {"id": "tbilisi", "name": "თბილისი", "kind": "place", "aliases": ["Tiflis"]},
    {"id": "tokyo", "name": "東京", "kind": "place"},
    {"id": "jerusalem", "name": "ירושלים", "kind": "place"},
    {"id": "cairo", "name": "القاهرة", "kind": "place"}
  ],
  "entries": [
    {"id": "georgia-independent", "date": "1918-05-26", "title": "საქართველო declares independence",
     "body": "[[თბილისი]] becomes the capital of საქართველო.", "tags": ["საქართველო"]},
    {"id": "tokyo-rebuilt", "date": "1923-09-01", "title": "東京 rebuilt as the eastern capital",
     "body": "After the earthquake, 東京 is rebuilt; 大阪 grows.", "tags": ["日本"]},
    {"id": "jerusalem-1920", "date": "1920-04-04", "title": "ירושלים № 2", "body": "Tickets cost 5 €.", "tags": ["עברית"]},
    {"id": "cairo-1922", "date": "1922-02-28", "title": "القاهرة independent", "body": "القاهرة، مصر", "tags": ["مصر"]}
  ],
  "relations": []
}
JSON
"$UCHRONIA" import "$SCRATCH/scripts.json" "$SCRATCH/scripts.uchronia"
before=$(sha256sum "$SCRATCH/scripts.uchronia" | cut -d' ' -f1)

xvfb-run -a -s "-screen 0 1024x640x24" "$UCHRONIA" "$SCRATCH/scripts.uchronia" \
  --screenshot "$SCRATCH/scripts.png" --frames 10 --size 1024x640 --select georgia-independent --select tokyo-rebuilt

test -s "$SCRATCH/scripts.png" || { echo "FAIL: no screenshot written"; exit 1; }
python3 "$(dirname "$0")/png_not_blank.py" "$SCRATCH/scripts.png" 1024 640 || { echo "FAIL: bad screenshot"; exit 1; }

log="$SCRATCH/state/uchronia/uchronia.log"
if grep -q "no installed font has" "$log" 2>/dev/null; then
  echo "FAIL: a script of the document has no font:"; grep "no installed font has" "$log"; exit 1
fi
after=$(sha256sum "$SCRATCH/scripts.uchronia" | cut -d' ' -f1)
[ "$before" = "$after" ] || { echo "FAIL: viewing the document changed it"; exit 1; }
echo "ok"
