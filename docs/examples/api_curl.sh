#!/bin/sh
# The thiduakhenthuong HTTP API with curl. Usage: sh api_curl.sh http://127.0.0.1:8765 DIR
# (DIR: the checkout, for its fixtures; files are written to the current directory).
set -eu
base=${1:-http://127.0.0.1:8765}
root=${2:-.}
# The rule sets served, and one's catalogue (JSON).
curl -sf "$base/api/v1/rulesets" > rulesets.json
curl -sf "$base/api/v1/rulesets/lao-cai-2023" > lao-cai-2023.json
# A blank template to send to the units.
curl -sf -o mau-lao-cai-2023.xlsx "$base/api/v1/rulesets/lao-cai-2023/template"
# Score a workbook: the same JSON as result.to_json(); the exit code in a header.
curl -sf -D headers.txt -F "data=@$root/fixtures/lao-cai-2023/units.xlsx" \
     "$base/api/v1/rulesets/lao-cai-2023/score?lang=en" > score.json
# Titles of 2024 as the printable workbook, and the audit bundle of the same run.
curl -sf -o titles-2024.xlsx -F "data=@$root/fixtures/titles-lao-cai/titles.xlsx" \
     "$base/api/v1/rulesets/titles/titles?year=2024&format=xlsx"
curl -sf -o run.tdkt.json -F "data=@$root/fixtures/lao-cai-2023/units.xlsx" \
     "$base/api/v1/rulesets/lao-cai-2023/score?format=bundle"
# Verify the bundle against the data: "identical": true.
curl -sf -F "bundle=@run.tdkt.json" -F "data=@$root/fixtures/lao-cai-2023/units.xlsx" \
     "$base/api/v1/verify" > verify.json
# An error is application/problem+json (HTTP 400 here; curl -f would stop, so no -f).
curl -s -F "data=@$root/fixtures/lao-cai-2023/units.xlsx" \
     "$base/api/v1/rulesets/lao-cai-2023/score?year=2024&lang=en" > problem.json
