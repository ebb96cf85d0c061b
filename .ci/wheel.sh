#!/usr/bin/env bash
# The package as a user receives it: build the wheel, install it alone in a fresh virtualenv
# outside the checkout, and from an empty directory run the bundled rule sets by name, list
# them, load one from Python and let mypy read the package's types (py.typed).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
PYTHON=${PYTHON:-python3}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

"$PYTHON" -m pip wheel -q --no-deps --no-build-isolation -w "$work/dist" . 2>/dev/null \
  || "$PYTHON" -m pip wheel -q --no-deps -w "$work/dist" .
wheel=$(ls "$work"/dist/thiduakhenthuong-*.whl)
echo "== built $(basename "$wheel")"
files=$(unzip -Z1 "$wheel")
for want in thiduakhenthuong/rules/lao-cai-2023/scoring.yaml thiduakhenthuong/py.typed LICENSE \
            thiduakhenthuong/render/templates/report.html.j2 \
            thiduakhenthuong/rules/lao-cai-2023/tests/ranking-2023.csv \
            thiduakhenthuong/rulebook/scaffolds/scoring/tests/cases.yaml \
            thiduakhenthuong/web/templates/base.html.j2 thiduakhenthuong/web/static/app.js; do
  grep -q "$want" <<<"$files" || { echo "the wheel lacks $want"; exit 1; }
done

"$PYTHON" -m venv "$work/venv"
"$work/venv/bin/python" -m pip install -q --upgrade pip
"$work/venv/bin/python" -m pip install -q "$wheel" mypy

mkdir "$work/empty"
cd "$work/empty"
tdkt="$work/venv/bin/tdkt"
"$tdkt" rules
"$tdkt" score lao-cai-2023 "$root/fixtures/lao-cai-2023/units.csv" --limit 3
"$tdkt" titles titles "$root/fixtures/titles-lao-cai/titles.xlsx" --year 2024 | tail -n 3
"$tdkt" delegates thai-nguyen-2019 "$root/fixtures/thai-nguyen-2019" --level huyen | tail -n 3
# Each bundled rule set's own cases, from the installed package; a new rule set from the
# packaged templates; the JSON Schema of every kind.
for name in ccb-cum-3 lao-cai-2023 thai-nguyen-2019 titles tphcm-quan-huyen; do "$tdkt" test "$name"; done
"$tdkt" new scoring my-scheme >/dev/null && "$tdkt" test my-scheme
"$tdkt" schema -o schemas && ls schemas
"$work/venv/bin/python" - <<'PY'
import sys
import thiduakhenthuong as t
assert "pandas" not in sys.modules, "importing the package loaded pandas"
rules = t.load("titles")
print("loaded", rules.kind, [r.regime.id for r in rules])
PY
cat > typed.py <<'PY'
import thiduakhenthuong as t

rules = t.load_rules("lao-cai-2023")
result: t.ScoreResult = rules.score([])
n: int = len(result.rejected)
PY
cat > untyped.py <<'PY'
import thiduakhenthuong as t

x: int = t.load_rules("lao-cai-2023")
PY
"$work/venv/bin/python" -m mypy --no-incremental typed.py
if "$work/venv/bin/python" -m mypy --no-incremental untyped.py >/dev/null; then
  echo "mypy did not see the package's types"; exit 1
fi
# Without the web extra, tdkt serve says what to install; with it, the app builds its API
# description and answers in process from the installed package (templates and assets found).
if "$tdkt" serve --port 1 >serve.out 2>&1; then echo "tdkt serve ran without its extra"; exit 1; fi
grep -q "thiduakhenthuong\[web\]" serve.out || { cat serve.out; exit 1; }
"$work/venv/bin/python" -m pip install -q "$wheel[web]" httpx
"$work/venv/bin/python" - <<'PY'
from fastapi.testclient import TestClient
from thiduakhenthuong.web.app import create_app
c = TestClient(create_app(), base_url="http://127.0.0.1:8765")
assert "/api/v1/rulesets/{rid}/score" in c.get("/api/v1/openapi.json").json()["paths"]
assert "lao-cai-2023" in c.get("/").text and "Tải biểu mẫu" in c.get("/rulesets/titles").text
print("web app OK from the wheel")
PY
echo "== wheel OK: rule sets by name from $(pwd), types seen by mypy"
