#!/usr/bin/env bash
# Smoke test of the real editor: render the sample under Xvfb with --screenshot, check the PNG is not blank.
set -euo pipefail
: "${UCHRONIA:?path of the uchronia binary}" "${SAMPLE_DOC:?path of the sample document}" "${SCRATCH:=$(mktemp -d)}"

if ! command -v xvfb-run >/dev/null 2>&1; then
  echo "FAIL: xvfb-run not found: the editor is rendered under Xvfb"
  echo "  to get it: sudo apt-get install -y xvfb xauth (./dev test installs them when run as root)"
  exit 1
fi
rm -rf "$SCRATCH" && mkdir -p "$SCRATCH"
# keep the run away from the user's configuration, data and log
export XDG_CONFIG_HOME="$SCRATCH/config" XDG_DATA_HOME="$SCRATCH/data" XDG_STATE_HOME="$SCRATCH/state"
# Under ASan, the Mesa/GLX driver's own allocations (no symbols, not ours) would read as leaks.
export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0"
cp "$SAMPLE_DOC" "$SCRATCH/sample.uchronia"
before=$(sha256sum "$SCRATCH/sample.uchronia" | cut -d' ' -f1)

xvfb-run -a -s "-screen 0 1600x1000x24" "$UCHRONIA" "$SCRATCH/sample.uchronia" \
  --screenshot "$SCRATCH/shot.png" --frames 10 --select lenin-death

test -s "$SCRATCH/shot.png" || { echo "FAIL: no screenshot written"; exit 1; }
python3 - "$SCRATCH/shot.png" <<'PY'
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
assert (width, height) == (1600, 1000), "unexpected size"
assert len(colours) > 50, "the screenshot looks blank"
PY

after=$(sha256sum "$SCRATCH/sample.uchronia" | cut -d' ' -f1)
[ "$before" = "$after" ] || { echo "FAIL: viewing the document changed it"; exit 1; }
echo "ok"
