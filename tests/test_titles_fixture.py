"""The bundled titles fixture (synthetic Lào Cai Red Cross staff and chapters) against the cases
its generator documents (fixtures/titles-lao-cai/cases.yaml), for both legal regimes."""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from explanations import assert_explanations_reevaluate
from thiduakhenthuong import evaluate_titles, load_rules

ROOT = Path(__file__).resolve().parents[1]
FIX = ROOT / "fixtures" / "titles-lao-cai"
CASES = yaml.safe_load((FIX / "cases.yaml").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def results():
    return {y: evaluate_titles(ROOT / "rules" / "titles", FIX / "titles.xlsx", year=y)
            for y in sorted({c["year"] for c in CASES})}


@pytest.mark.parametrize("case", CASES, ids=[f"{c['year']}-{c['subject']}-{c['title']}"
                                             for c in CASES])
def test_fixture_case(case, results):
    d = results[case["year"]].decision(case["subject"], case["title"])
    assert d.outcome == case["outcome"], case
    if "selected" in case:
        assert d.proposed == case["selected"], case


def test_workbook_and_csv_directory_agree(results):
    res = evaluate_titles(ROOT / "rules" / "titles", FIX, year=2024)
    assert res.to_frame().equals(results[2024].to_frame())
    assert [d.model_dump() for d in res.decisions(subject_id="p004")] == \
        [d.model_dump() for d in results[2024].decisions(subject_id="p004")]


def test_every_row_accounted_for(results):
    for res in results.values():
        c = res.counts()
        assert c["rejected"] == 0
        assert c["rows_in"] == c["judged"] + c["history"] + c["ignored"] + c["rejected"]


def test_cluster_ranks_from_the_year_end_scoring():
    scores = load_rules(ROOT / "rules" / "lao-cai-2023").score(
        ROOT / "fixtures" / "lao-cai-2023" / "units.csv")
    res = evaluate_titles(ROOT / "rules" / "titles", FIX / "titles.xlsx", year=2023,
                          scores=scores)
    assert "scores_used" in {n.code for n in res.notices}
    leaders = {u.unit_id for u in scores.units if u.rank_cluster == 1}
    flagged = {d.subject_id for d in res.decisions(title_id="co_thi_dua")
               if next(c for c in d.checks if c.id == "flag_leader").status == "met"}
    assert flagged == leaders


def test_no_explanation_contradicts_its_decision(results):
    for res in results.values():
        assert assert_explanations_reevaluate(res) > 1000
