#!/usr/bin/env bash
# The editor at rest uses no CPU: it waits for input instead of redrawing continuously (measured as
# the process's CPU time, utime + stime from /proc, over idle seconds under Xvfb). Input still wakes
# it, and a key tap as short as xdotool makes (press and release back to back) is never lost.
set -euo pipefail
: "${UCHRONIA:?path of the uchronia binary}" "${SAMPLE_DOC:?path of the sample document}" "${SCRATCH:=$(mktemp -d)}"
for tool in Xvfb xdotool; do
  command -v "$tool" >/dev/null 2>&1 || { echo "FAIL: $tool not found (./dev test installs the xvfb and xdotool packages)"; exit 1; }
done
rm -rf "$SCRATCH" && mkdir -p "$SCRATCH"
export XDG_CONFIG_HOME="$SCRATCH/config" XDG_DATA_HOME="$SCRATCH/data" XDG_STATE_HOME="$SCRATCH/state"
export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0"
cp "$SAMPLE_DOC" "$SCRATCH/sample.uchronia"

n=$((90 + RANDOM % 400))
display=:$n
Xvfb "$display" -screen 0 1280x800x24 -nolisten tcp >"$SCRATCH/xvfb.log" 2>&1 &
xvfb=$!
editor=
cleanup() {
  [ -n "$editor" ] && kill "$editor" 2>/dev/null || true
  kill "$xvfb" 2>/dev/null || true
  wait 2>/dev/null || true
}
trap cleanup EXIT
for _ in $(seq 100); do [ -S "/tmp/.X11-unix/X$n" ] && break; sleep 0.1; done
DISPLAY=$display "$UCHRONIA" "$SCRATCH/sample.uchronia" >"$SCRATCH/editor.log" 2>&1 &
editor=$!

cpu_ticks() { awk '{print $14 + $15}' "/proc/$editor/stat"; }
sleep 4   # start-up, first frames, the check of the sample
kill -0 "$editor" 2>/dev/null || { echo "FAIL: the editor exited at start"; cat "$SCRATCH/editor.log"; exit 1; }
ticks_per_s=$(getconf CLK_TCK)
before=$(cpu_ticks)
sleep 4
after=$(cpu_ticks)
used=$(( (after - before) * 1000 / ticks_per_s ))
echo "idle for 4 s: ${used} ms of CPU"
# Redrawing continuously costs a whole core (~4000 ms here); waking twice a second costs a few ms.
[ "$used" -lt 400 ] || { echo "FAIL: the idle editor used ${used} ms of CPU in 4 s"; exit 1; }

# Still asleep, it takes two taps: Ctrl+N (a new entry, one revision) and then Ctrl+Q (quit).
export DISPLAY=$display
window=$(xdotool search --sync --name "Uchronia" | head -n 1)
xdotool key --window "$window" ctrl+n
sleep 1
xdotool key --window "$window" ctrl+q
for _ in $(seq 50); do kill -0 "$editor" 2>/dev/null || break; sleep 0.1; done
if kill -0 "$editor" 2>/dev/null; then echo "FAIL: Ctrl+Q did not close the idle editor"; exit 1; fi
wait "$editor" || { echo "FAIL: the editor exited with an error"; cat "$SCRATCH/editor.log"; exit 1; }
editor=
"$UCHRONIA" history "$SCRATCH/sample.uchronia" --limit 1 >"$SCRATCH/last"
grep -q "new entry" "$SCRATCH/last" || { echo "FAIL: the Ctrl+N tap was lost; last revision:"; cat "$SCRATCH/last"; exit 1; }
echo "3 passed, 0 failed"
