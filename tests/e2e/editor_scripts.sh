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
python3 - "$SCRATCH/scripts.png" <<'PY'
import struct, sys, zlib
data = open(sys.argv[1], "rb").read()
assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
pos, idat, width, height, bpp = 8, b"", 0, 0, 0
while pos < len(data):
    length, kind = struct.unpack(">I4s", data[pos:pos + 8])
    body = data[pos + 8:pos + 8 + length]
    if kind == b"IHDR":
        width, height, depth, colour = struct.unpack(">IIBB", body[:10])
        bpp = {2: 3, 6: 4}[colour]
    elif kind == b"IDAT":
        idat += body
    pos += 12 + length
raw = zlib.decompress(idat)
stride = width * bpp
prev = bytearray(stride)
colours = set()
for y in range(height):
    f = raw[y * (stride + 1)]
    line = bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
    for i in range(stride):
        a = line[i - bpp] if i >= bpp else 0
        b = prev[i]
        c = prev[i - bpp] if i >= bpp else 0
        if f == 1: line[i] = (line[i] + a) & 255
        elif f == 2: line[i] = (line[i] + b) & 255
        elif f == 3: line[i] = (line[i] + (a + b) // 2) & 255
        elif f == 4:
            p = a + b - c; pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
            line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
    if y % 4 == 0:
        for x in range(0, width, 3):
            colours.add(bytes(line[x * bpp:x * bpp + 3]))
    prev = line
print(f"screenshot {width}x{height}, {len(colours)} colours sampled")
assert (width, height) == (1024, 640), "unexpected size"
assert len(colours) > 50, "the screenshot looks blank"
PY

log="$SCRATCH/state/uchronia/uchronia.log"
if grep -q "no installed font has" "$log" 2>/dev/null; then
  echo "FAIL: a script of the document has no font:"; grep "no installed font has" "$log"; exit 1
fi
after=$(sha256sum "$SCRATCH/scripts.uchronia" | cut -d' ' -f1)
[ "$before" = "$after" ] || { echo "FAIL: viewing the document changed it"; exit 1; }
echo "ok"
