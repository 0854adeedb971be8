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
python3 "$(dirname "$0")/png_not_blank.py" "$SCRATCH/shot.png" 1600 1000 || { echo "FAIL: bad screenshot"; exit 1; }

# The layout fits the smallest and a large window alike (the panels are laid out from the window's size).
for size in 1024x640 2560x1440; do
  xvfb-run -a -s "-screen 0 2600x1500x24" "$UCHRONIA" "$SCRATCH/sample.uchronia" \
    --size "$size" --screenshot "$SCRATCH/shot-$size.png" --frames 6 --select lenin-death
  python3 "$(dirname "$0")/png_not_blank.py" "$SCRATCH/shot-$size.png" "${size%x*}" "${size#*x}" || { echo "FAIL: bad screenshot at $size"; exit 1; }
done

# The monitor's content scale, read at start: an X server that says 192 dpi (Xft.dpi, which GLFW's X11
# backend reads) gets twice the sizes. (-noreset keeps the resource after xrdb's connection closes.)
printf 'Xft.dpi:\t192\n' > "$SCRATCH/xresources"
report=$(xvfb-run -a -s "-screen 0 1600x1000x24 -noreset" bash -c \
  'xrdb -nocpp -load "$1" && exec "$2" "$3" --screenshot "$4" --frames 4' _ \
  "$SCRATCH/xresources" "$UCHRONIA" "$SCRATCH/sample.uchronia" "$SCRATCH/shot-hidpi.png")
echo "$report" | grep -q 'content scale 2.00, text 32 px' || { echo "FAIL: at 192 dpi: $report"; exit 1; }
report=$(xvfb-run -a -s "-screen 0 1600x1000x24" "$UCHRONIA" "$SCRATCH/sample.uchronia" --screenshot "$SCRATCH/shot-1x.png" --frames 2)
echo "$report" | grep -q 'content scale 1.00, text 16 px' || { echo "FAIL: at 96 dpi: $report"; exit 1; }
python3 "$(dirname "$0")/png_not_blank.py" "$SCRATCH/shot-hidpi.png" 1600 1000 || { echo "FAIL: bad screenshot at 192 dpi"; exit 1; }

after=$(sha256sum "$SCRATCH/sample.uchronia" | cut -d' ' -f1)
[ "$before" = "$after" ] || { echo "FAIL: viewing the document changed it"; exit 1; }
echo "ok"
