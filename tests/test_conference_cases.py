"""The legal-case table of the conference rules (tests/data/conference_cases.yaml): the readings
of plan 14/KH-CTĐTNg that change results, each with its clause."""
from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
import yaml

from thiduakhenthuong.jobs.conferences.api import evaluate_delegates

CASES = yaml.safe_load((Path(__file__).parent / "data" / "conference_cases.yaml")
                       .read_text(encoding="utf-8"))
RULES = Path(__file__).resolve().parents[1] / "rules" / "thai-nguyen-2019"
TOTAL_KEY = "awards_national + awards_provincial + awards_district + awards_grassroots"


def _fmt(v):
    return v.strftime("%d/%m/%Y") if isinstance(v, dt.date) else ("" if v is None else v)


def _rows(specs: list[dict], default: dict, key: str) -> list[dict]:
    out = []
    for spec in specs:
        spec = dict(spec)
        n = spec.pop("repeat", None)
        ids = [spec[key]] if n is None else [f"{spec[key]}_{k}" for k in range(1, n + 1)]
        for i in ids:
            out.append({k: _fmt(v) for k, v in {**default, **spec, key: i}.items()})
    return out


def build(case: dict) -> dict:
    """The case's tables as records."""
    data = {"candidates": _rows(case["candidates"], CASES["defaults"]["candidate"],
                                "candidate_id")}
    if "plans" in case:
        data["plans"] = _rows(case["plans"], CASES["defaults"]["plan"], "chapter_id")
    if "awards" in case:
        data["awards"] = [{"award_no": str(k), **a} for k, a in
                          enumerate(_rows(case["awards"], {}, "candidate_id"), start=1)]
    return data


def rules_for(case: dict, tmp_path: Path) -> Path:
    """The bundled rule set, or a copy with the case's parameter values."""
    if not case.get("parameters"):
        return RULES
    dst = tmp_path / "rules"
    shutil.copytree(RULES, dst)
    path = dst / "parameters.yaml"
    doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    for name, value in case["parameters"].items():
        first = doc["parameters"][name]["values"][0]["from"]
        doc["parameters"][name]["values"] = [{"from": first, "value": value}]
    path.write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return dst


@pytest.mark.parametrize("case", CASES["cases"], ids=[c["id"] for c in CASES["cases"]])
def test_conference_case(case, tmp_path):
    res = evaluate_delegates(rules_for(case, tmp_path), build(case), case["level"])
    assert len(res.rejected) == case.get("rejected", 0), [r.problems for r in res.rejected]
    decisions = {d.candidate_id: d for d in res.decisions()}
    summaries = {s.conference: s for s in res.summaries()}
    for exp in case.get("expect", []):
        where = f"{case['id']} ({case['clause']}): {exp}"
        if "conference" in exp:
            s = summaries[exp["conference"]]
            if "held" in exp:
                assert s.held is not None and s.held.day == exp["held"], where
            if "held_source" in exp:
                assert s.held.source == exp["held_source"], where
            continue
        d = decisions[exp["id"]]
        for k in ("outcome", "selected", "forwarded", "after_conference", "rank"):
            if k in exp:
                assert getattr(d, k) == exp[k], f"{where}: {k} = {getattr(d, k)}"
        if "awards" in exp:
            got = [a.status for a in d.awards]
            assert got == exp["awards"], f"{where}: {[a.reason.en for a in d.awards]}"
        if "awards_total" in exp:
            total = sum(len(a.counted_in) for a in d.awards)
            assert total == exp["awards_total"], where
            assert d.merit[TOTAL_KEY] == exp["awards_total"], f"{where}: {d.merit}"
        if "reason" in exp:
            assert exp["reason"] in d.reason.en, f"{where}: {d.reason.en}"
    if "notices" in case:
        assert [n.code for n in res.notices] == case["notices"], [n.message.en
                                                                  for n in res.notices]
    if "awards_summary" in case:
        assert res.awards is not None
        assert res.awards.summary.model_dump(exclude={"source"}) == case["awards_summary"]
    if "forwarding" in case:
        got = res.forwarding
        assert len(got) == len(case["forwarding"]), [f.message.en for f in got]
        for f, exp in zip(got, case["forwarding"]):
            where = f"{case['id']} ({case['clause']}): {exp}"
            for k, v in exp.items():
                if k == "message":
                    assert v in f.message.en, f"{where}: {f.message.en}"
                else:
                    assert getattr(f, k) == v, f"{where}: {k} = {getattr(f, k)}"
            # The Vietnamese finding says the same numbers.
            assert str(f.forwarded) in f.message.vi and str(f.cap) in f.message.vi
