"""The bundled titles fixture (synthetic Lào Cai Red Cross staff and chapters) against the cases
its generator documents (fixtures/titles-lao-cai/cases.yaml), for both legal regimes."""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from explanations import assert_explanations_reevaluate
from thiduakhenthuong import evaluate_titles, load_rules, load_title_rules
from thiduakhenthuong.jobs.titles.explain import decision_node
from thiduakhenthuong.jobs.titles.workbook import reasons_frame, successions_frame

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


def test_streaks_carried_across_the_reorganisation_are_explained(results):
    """2025: p005's grassroots titles of 2023 and 2024 were won in the Lào Cai office, merged
    into the new provincial office on 01/07/2025; the explanation names that unit and the
    succession (date, document, row), in both languages."""
    d = results[2025].decision("p005", "cstd_tinh")
    streak = next(c for c in d.checks if c.id == "cstd_tinh_streak")
    assert d.outcome == "eligible" and streak.history[0].years == [2023, 2024, 2025]
    (carried,) = streak.carried
    assert (carried.unit_id, carried.years) == ("vp_tinh_hoi", [2023, 2024])
    (step,) = carried.successions
    assert (step.to_unit, step.on.isoformat(), step.kind, step.row) == \
        ("co_quan_tinh_hoi", "2025-07-01", "merger", 2)
    assert "QĐ 512/QĐ-TƯHCTĐ" in step.document
    # A split carries a person's run (keyed by the person) but not the chapter's own.
    d = results[2025].decision("p063", "bang_khen_tinh")
    assert d.outcome == "eligible"
    assert {c.unit_id for ck in d.checks for c in ck.carried} == {"muong_khuong"}
    d = results[2025].decision("xa_bat_xat", "bang_khen_tap_the")
    assert d.outcome == "not_eligible" and not any(ck.carried for ck in d.checks)


def test_merger_policy_decides_the_merged_office(results):
    """The default 'all' refuses the merged office's 2025 collective certificate (the Yên Bái
    office was HTT in 2024); naming the main predecessor's years ('main') grants it."""
    assert results[2025].outcome("co_quan_tinh_hoi", "bang_khen_tap_the") == "not_eligible"
    rules = load_title_rules(ROOT / "rules" / "titles", 2025)
    model = rules.model
    params = dict(model.parameters)
    p = params["merger_history"]
    params["merger_history"] = p.model_copy(update={"values": [
        p.values[0].model_copy(update={"value": "main"})]})
    main = type(rules)(model.model_copy(update={"parameters": params}), rules.source, rules.path)
    res = evaluate_titles(main, FIX / "titles.xlsx", year=2025)
    d = res.decision("co_quan_tinh_hoi", "bang_khen_tap_the")
    assert d.outcome == "eligible"
    assert {c.unit_id for ck in d.checks for c in ck.carried} == {"vp_tinh_hoi"}
    assert_explanations_reevaluate(res)


def test_succession_table_counts_and_directory(results):
    for year, applied in ((2024, 0), (2025, 13), (2026, 13)):
        c = results[year].succession_counts()
        assert (c["rows_in"], c["applied"], c["rejected"]) == (13, applied, 0)
    res = evaluate_titles(ROOT / "rules" / "titles", FIX, year=2025)
    assert res.to_frame().equals(results[2025].to_frame())


def test_report_and_workbook_name_the_succession(results):
    """The HTML report's node and the workbook's reasons say the same as the terminal tree."""
    res = results[2025]
    node = decision_node(res.decision("p005", "cstd_tinh"), res)

    def texts(n):
        yield n.text
        for k in n.children:
            yield from texts(k)
    found = [t for t in texts(node) if "vp_tinh_hoi" in t.vi]
    assert found and "tính tại" in found[0].vi and "counted in" in found[0].en
    assert "01/07/2025" in found[0].en and "succession row 2" in found[0].en
    reasons = reasons_frame(res, "en")
    row = reasons[(reasons["Id"] == "p005") & (reasons["Condition id"] == "cstd_tinh_streak")]
    assert "2023, 2024 counted in" in row["Years counted in another unit"].iloc[0]
    table = successions_frame(res, "vi")
    assert len(table) == 13 and set(table["Áp dụng"]) == {"áp dụng"}
