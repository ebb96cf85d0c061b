"""The three jobs' results share one protocol (core.result.Result): machine frames with
snake_case columns and real dtypes, display frames in Vietnamese and English, JSON, get(id),
rejected rows and notices, and the rules with their version hash."""
from __future__ import annotations

import json
import re

import pytest

import thiduakhenthuong as tdkt

RUNS = {
    "scoring": ("lao-cai-2023", "fixtures/lao-cai-2023/units.csv", {}, "bat_xat"),
    "titles": ("titles", "fixtures/titles-lao-cai/titles.xlsx", {"year": 2024}, "p005"),
    "delegates": ("thai-nguyen-2019", "fixtures/thai-nguyen-2019", {"level": "huyen"}, None),
}


@pytest.fixture(scope="module", params=sorted(RUNS))
def run(request):
    rules, data, period, subject = RUNS[request.param]
    return request.param, tdkt.evaluate(rules, data, **period), subject


def test_machine_frame_has_snake_case_columns_and_real_dtypes(run):
    kind, res, _ = run
    f = res.to_frame()
    assert len(f) > 0
    for c in f.columns:
        assert re.fullmatch(r"[a-z0-9_.]+", c), c
    bools = [c for c in f.columns if str(f[c].dtype) == "bool"]
    assert bools, "yes/no columns are booleans"
    for c in f.columns:
        if f[c].dtype == object or str(f[c].dtype) in ("str", "string"):
            assert not set(map(str, f[c].dropna().unique())) & {"Có", "Không", "True", "False"}, c


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_display_frame_has_the_same_rows_with_headers_people_read(run, lang):
    kind, res, _ = run
    machine, shown = res.to_frame(), res.to_frame(labels=lang)
    assert len(shown) == len(machine)
    assert not any(re.fullmatch(r"[a-z0-9_.]+", c) for c in shown.columns[:3]), list(shown.columns)


def test_json_rules_rejected_notices_and_get(run):
    kind, res, subject = run
    doc = json.loads(res.to_json())
    assert doc
    assert res.kind == kind and res.rules.kind == kind and len(res.hash) == 16
    assert isinstance(res.rejected, list) and isinstance(res.notices, list)
    if subject is not None:
        assert res.get(subject)
    with pytest.raises(tdkt.NotJudgedError) as e:
        res.get("no-such-subject")
    assert isinstance(e.value, KeyError) and "no-such-subject" in str(e.value)
