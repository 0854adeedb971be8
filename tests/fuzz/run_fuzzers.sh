#!/usr/bin/env bash
# Builds the libFuzzer targets with clang (ASan + UBSan) in build/fuzz and runs each for N seconds.
# Usage: tests/fuzz/run_fuzzers.sh [SECONDS] [TARGET...]   (default 20 s, all five targets)
# Exit status 1 when any target crashes, leaks, hits UB or breaks an invariant; its input is in
# build/fuzz/artifacts/. Keep a fixed finding as a regression input in tests/fuzz/corpus/TARGET/.
set -euo pipefail

SOURCE_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
BUILD=${UCHRONIA_FUZZ_BUILD:-$SOURCE_DIR/build/fuzz}
SECONDS_EACH=${1:-20}
shift || true
TARGETS=("$@")
[ ${#TARGETS[@]} -gt 0 ] || TARGETS=(fuzz_date_parser fuzz_link_parser fuzz_json_import fuzz_markdown_import fuzz_draft_import)

CC=${CC:-$(command -v clang || command -v clang-14 || true)}
CXX=${CXX:-$(command -v clang++ || command -v clang++-14 || true)}
if [ -z "$CC" ] || [ -z "$CXX" ]; then
  echo "run_fuzzers: clang is not installed (apt-get install clang)" >&2
  exit 2
fi

if [ ! -f "$BUILD/CMakeCache.txt" ]; then
  cmake -S "$SOURCE_DIR" -B "$BUILD" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DCMAKE_C_COMPILER="$CC" -DCMAKE_CXX_COMPILER="$CXX" \
    -DUCHRONIA_FUZZ=ON -DUCHRONIA_SANITIZE=ON \
    -DUCHRONIA_BUILD_APP=OFF -DUCHRONIA_BUILD_TESTS=OFF -DUCHRONIA_BUILD_BENCH=OFF >/dev/null
fi
cmake --build "$BUILD" --target "${TARGETS[@]}" -j"${JOBS:-2}"

mkdir -p "$BUILD/artifacts"
failed=()
for target in "${TARGETS[@]}"; do
  seeds=$SOURCE_DIR/tests/fuzz/corpus/$target
  work=$BUILD/corpus/$target   # new inputs land here, never in the repository
  mkdir -p "$work" "$seeds"
  log=$BUILD/$target.log
  echo "== $target: ${SECONDS_EACH}s (seeds: $(ls "$seeds" | wc -l))"
  if "$BUILD/tests/fuzz/$target" "$work" "$seeds" -max_total_time="$SECONDS_EACH" -timeout=10 \
       -rss_limit_mb=2048 -max_len=16384 -print_final_stats=1 \
       -artifact_prefix="$BUILD/artifacts/$target-" >"$log" 2>&1; then
    grep -E "stat::number_of_executed_units|Done [0-9]+ runs" "$log" | tail -2 | sed 's/^/   /'
  else
    echo "   FAILED: see $log; the input is in $BUILD/artifacts/" >&2
    grep -E "ERROR|SUMMARY|runtime error|Test unit written" "$log" | head -5 | sed 's/^/   /' >&2
    failed+=("$target")
  fi
done
if [ ${#failed[@]} -gt 0 ]; then
  echo "run_fuzzers: ${failed[*]} failed" >&2
  exit 1
fi
echo "run_fuzzers: all ${#TARGETS[@]} targets ran ${SECONDS_EACH}s each without a finding"
