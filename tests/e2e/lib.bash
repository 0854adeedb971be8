# Shared helpers for the end-to-end scripts (sourced, not run by CTest itself).
set -u
: "${UCHRONIA:?}" "${SCRATCH:?}"
rm -rf "$SCRATCH" && mkdir -p "$SCRATCH"
failures=0
passes=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }
pass() { passes=$((passes + 1)); }
# expect_status WANT DESCRIPTION -- command...
expect_status() {
  local want=$1 what=$2
  shift 3
  "$@" >"$SCRATCH/out" 2>"$SCRATCH/err"
  local got=$?
  if [ "$got" -ne "$want" ]; then
    fail "$what: exit $got, wanted $want"; sed 's/^/    stderr: /' "$SCRATCH/err" | head -5
  else pass; fi
}
expect_contains() {  # FILE TEXT DESCRIPTION
  if grep -qF -- "$2" "$1"; then pass; else fail "$3: '$2' not in $(basename "$1")"; sed 's/^/    /' "$1" | head -5; fi
}
expect_lines() {  # FILE N DESCRIPTION
  local n; n=$(wc -l <"$1")
  if [ "$n" -eq "$2" ]; then pass; else fail "$3: $n lines, wanted $2"; fi
}
sha() { sha256sum "$1" | cut -d' ' -f1; }
finish() {
  echo "$passes passed, $failures failed"
  [ "$failures" -eq 0 ]
}
