"""The Thái Nguyên 2019 fixture (synthetic) against the findings its generator documents."""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from thiduakhenthuong.cli.main import main
from thiduakhenthuong.jobs.conferences.api import check_plans, evaluate_delegates

ROOT = Path(__file__).resolve().parents[1]
RULES = ROOT / "rules" / "thai-nguyen-2019"
FIX = ROOT / "fixtures" / "thai-nguyen-2019"
CASES = yaml.safe_load((FIX / "cases.yaml").read_text(encoding="utf-8"))


@pytest.mark.parametrize("data", [FIX, FIX / "thai-nguyen-2019.xlsx"], ids=["csv", "xlsx"])
def test_plan_and_report_findings(data):
    rep = check_plans(RULES, data)
    assert rep.rejected_count == 0
    for case in CASES["plans"]:
        got = sorted({f.code for f in rep.findings if f.chapter_id == case["chapter"]
                      and f.code not in ("late", "missing")})
        assert got == sorted(case["findings"]), case
    for case in CASES["reports"]:
        got = [f.code for f in rep.findings if f.chapter_id == case["chapter"]
               and f.code in ("late", "missing")]
        assert got == ([] if case["finding"] == "on_time" else [case["finding"]]), case


@pytest.mark.parametrize("level,cap", [("huyen", 150), ("co_so", 50)])
def test_fixture_selection_within_caps(level, cap):
    res = evaluate_delegates(RULES, FIX, level)
    assert res.valid.rejected == []
    for s in res.summaries():
        assert s.selected <= cap and s.candidates > cap
        assert s.by_group["khach_moi"] <= s.seats["khach_moi"]["max"]
    ds = res.decisions()
    assert all(d.outcome == "eligible" for d in ds if d.selected)
    assert any(d.forwarded for d in ds)


LEVEL_OF = {"dt": "huyen", "hn": "co_so"}


@pytest.mark.parametrize("data", [FIX, FIX / "thai-nguyen-2019.xlsx"], ids=["csv", "xlsx"])
def test_conference_days_late_attestations_and_awards(data):
    results = {lv: evaluate_delegates(RULES, data, lv) for lv in set(LEVEL_OF.values())}
    for res in results.values():
        assert res.rejected == []
        a = res.awards.summary
        assert a.rows_in == a.counted + a.not_counted + a.not_judged + a.rejected
    summaries = {s.conference: s for res in results.values() for s in res.summaries()}
    for case in CASES["conferences"]:
        held = summaries[case["conference"]].held
        assert (held.day, held.source) == (case["held"], case["source"]), case
    decisions = {d.candidate_id: d for res in results.values() for d in res.decisions()}
    for case in CASES["attested_late"]:
        d = decisions[case["candidate"]]
        assert d.outcome == case["outcome"] and d.after_conference == [case["standard"]], case
    expected = {(c["candidate"], c["decided_on"]): c["status"]
                for c in CASES["awards_not_counted"]}
    got = {(d.candidate_id, a.decided_on): a.status for d in decisions.values()
           for a in d.awards if a.status != "counted"}
    assert got == expected
    # dt062's state award is after the conference: he no longer ranks among state-award holders.
    assert decisions["dt062"].merit[next(iter(decisions["dt062"].merit))] == 3
    assert any(n.code == "award_counts_replaced" and "dt062" in n.message.en
               for n in results["huyen"].notices)


def test_cli_delegates_and_plan_check():
    r = CliRunner().invoke(main, ["delegates", str(RULES), str(FIX), "--level", "huyen",
                                  "--lang", "en"])
    assert r.exit_code == 0, r.output
    conf = "the conference of Hội Chữ thập đỏ huyện Đại Từ"
    assert f"Selected — {conf}" in r.output and f"Left out — {conf}" in r.output
    r = CliRunner().invoke(main, ["plan-check", str(RULES), str(FIX)])
    assert r.exit_code == 1 and "mục II.2 Kế hoạch số 14/KH-CTĐTNg" in r.output
    assert "quá hạn" in r.output
