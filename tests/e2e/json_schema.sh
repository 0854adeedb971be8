# Validates interchange JSON against db/interchange-v1.schema.json with a real JSON Schema validator.
# Every tests/fixtures/*.valid.json must pass (interchange-full.exported.valid.json is the
# exporter's own output, kept byte-identical by the unit tests), every *.invalid-schema.json
# must fail. Each valid fixture imported and exported by the real binary ($UCHRONIA) is validated too.
set -euo pipefail

SOURCE_DIR=${SOURCE_DIR:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)}
FIXTURES=${FIXTURES:-$SOURCE_DIR/tests/fixtures}
SCRATCH=${SCRATCH:-$(mktemp -d)}
SCHEMA=$SOURCE_DIR/db/interchange-v1.schema.json
mkdir -p "$SCRATCH"

if ! python3 -c 'import jsonschema' 2>/dev/null; then
  echo "json_schema: python3-jsonschema is not installed (apt-get install python3-jsonschema)" >&2
  exit 1
fi

validate() {  # validate EXPECT(valid|invalid) FILE...: prints one line per file, exits 1 on any surprise
  python3 - "$SCHEMA" "$@" <<'PY'
import json, sys
import jsonschema
schema_path, expect, files = sys.argv[1], sys.argv[2], sys.argv[3:]
with open(schema_path, encoding="utf-8") as f:
    schema = json.load(f)
cls = jsonschema.validators.validator_for(schema)
cls.check_schema(schema)
validator = cls(schema)
bad = 0
for path in files:
    with open(path, encoding="utf-8") as f:
        doc = json.load(f)
    errors = sorted(validator.iter_errors(doc), key=lambda e: list(e.absolute_path))
    if expect == "valid" and errors:
        bad += 1
        e = errors[0]
        where = "/".join(str(p) for p in e.absolute_path) or "(root)"
        print(f"FAIL {path}: expected valid, got: {where}: {e.message}")
    elif expect == "invalid" and not errors:
        bad += 1
        print(f"FAIL {path}: expected a schema violation, the document is valid")
    else:
        print(f"ok   {path}")
sys.exit(1 if bad else 0)
PY
}

shopt -s nullglob
valid=("$FIXTURES"/*.valid.json)
invalid=("$FIXTURES"/*.invalid-schema.json)
if [ ${#valid[@]} -eq 0 ] || [ ${#invalid[@]} -eq 0 ]; then
  echo "json_schema: no fixtures found in $FIXTURES" >&2
  exit 1
fi

status=0
validate valid "${valid[@]}" || status=1
validate invalid "${invalid[@]}" || status=1

# The real binary's export of each valid fixture must be valid too.
UCHRONIA=${UCHRONIA:-}
if [ -z "$UCHRONIA" ] || [ ! -x "$UCHRONIA" ]; then
  echo "FAIL: no uchronia binary at '${UCHRONIA}': build it and set UCHRONIA (ctest does)"
  exit 1
fi
exported=()
for f in "${valid[@]}"; do
  name=$(basename "$f" .json)
  doc="$SCRATCH/$name.uchronia"
  out="$SCRATCH/$name.export.json"
  rm -f "$doc" "$doc-wal" "$doc-shm" "$out"
  if ! "$UCHRONIA" import "$f" "$doc" || ! "$UCHRONIA" export "$doc" --format json -o "$out" || [ ! -s "$out" ]; then
    echo "FAIL $f: import/export through $UCHRONIA failed"
    status=1
    continue
  fi
  exported+=("$out")
done
if [ ${#exported[@]} -gt 0 ]; then
  validate valid "${exported[@]}" || status=1
fi

exit $status
