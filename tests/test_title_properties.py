"""Invariants of title decisions, on generated populations (hypothesis)."""
from __future__ import annotations

import random
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from thiduakhenthuong import evaluate_titles, load_title_rules
from explanations import assert_explanations_reevaluate

RULES = Path(__file__).resolve().parents[1] / "rules" / "titles"
REGIMES = {y: load_title_rules(RULES, y) for y in (2023, 2024)}
SETTINGS = settings(max_examples=25, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
TITLES = ["khong", "ldtt", "cstdcs", "cstdcs", "cstd_tinh", "cstd_tinh", "cstd_tq"]


@st.composite
def population(draw):
    year = draw(st.sampled_from([2023, 2024]))
    n_units = draw(st.integers(1, 3))
    people, units = [], []
    for u in range(n_units):
        for y in range(year - 5, year + 1):
            units.append({"unit_id": f"u{u}", "year": y, "unit_rating":
                          draw(st.sampled_from(["htxs", "htxs", "htt", "ht"])),
                          "cluster_rank": draw(st.sampled_from([1, 2, 3, None])),
                          "movement": "Có", "movement_by": "BTV", "movement_on": "20/12/2024",
                          "unit_solidarity": "Có", "unit_solidarity_by": "BTV",
                          "unit_solidarity_on": draw(st.sampled_from(["20/12/2024", "20/12/2024",
                                                                      ""]))})
    n = draw(st.integers(1, 18))
    for i in range(n):
        unit = f"u{draw(st.integers(0, n_units - 1))}"
        first = draw(st.integers(year - 5, year))
        for y in range(first, year + 1):
            row = {"person_id": f"p{i:02d}", "unit_id": unit, "year": y,
                   "rating": draw(st.sampled_from(["htxs", "htt", "htt", "ht", "kht"])),
                   "initiatives": draw(st.sampled_from([0, 0, 1, 2])),
                   "initiative_scope": draw(st.sampled_from(["", "co_so", "tinh", "toan_quoc"])),
                   "research": draw(st.sampled_from([0, 0, 1])),
                   "title": draw(st.sampled_from(TITLES)) if y < year else "",
                   "bang_khen": draw(st.booleans()) if y < year else False,
                   "absent_days": draw(st.sampled_from([0, 10, 39, 40, 45])),
                   "maternity_days": 0,
                   "solidarity": "Có", "solidarity_by": "CT",
                   "solidarity_on": draw(st.sampled_from(["20/12/2024"] * 5 + [""])),
                   "ethics": "Có", "ethics_by": "CT", "ethics_on": "20/12/2024",
                   "compliance": draw(st.sampled_from(["Có", "Không", ""])),
                   "compliance_by": "CT", "compliance_on": "20/12/2024"}
            if draw(st.integers(0, 9)) == 0:
                row.update(discipline="canh_cao", discipline_on=f"01/03/{y}")
            people.append(row)
    return year, people, units


def run(year, people, units):
    return evaluate_titles(REGIMES[year], {"people": people, "units": units}, year=year)


def decisions(res):
    return {(d.subject_id, d.title_id): (d.outcome, d.proposed) for d in res.decisions()}


@SETTINGS
@given(population())
def test_quota_never_exceeded_and_only_eligible_proposed(pop):
    res = run(*pop)
    assert res.counts()["rejected"] == 0
    for tid, q in res.cols.quotas.items():
        sel = res.cols.selected[tid]
        groups = res.people.subjects.cols[res.model.title(tid).quota.group_by]
        for g in set(groups.tolist()):
            m = groups == g
            assert sel[m].sum() <= q.cap[m][0]
    for d in res.decisions():
        assert not d.proposed or d.outcome == "eligible"


@SETTINGS
@given(population(), st.randoms(use_true_random=False))
def test_row_order_never_changes_decisions(pop, rnd: random.Random):
    year, people, units = pop
    shuffled_p, shuffled_u = people[:], units[:]
    rnd.shuffle(shuffled_p)
    rnd.shuffle(shuffled_u)
    assert decisions(run(year, people, units)) == decisions(run(year, shuffled_p, shuffled_u))


@SETTINGS
@given(population(), st.data())
def test_a_qualifying_achievement_never_removes_a_title(pop, data):
    year, people, units = pop
    judged = [i for i, r in enumerate(people) if r["year"] == year]
    i = data.draw(st.sampled_from(judged))
    better = [dict(r) for r in people]
    change = data.draw(st.sampled_from(["initiative", "rating", "attest"]))
    if change == "initiative":
        better[i]["initiatives"] += 1
    elif change == "rating":
        better[i]["rating"] = {"kht": "ht", "ht": "htt", "htt": "htxs"}.get(better[i]["rating"],
                                                                            "htxs")
    else:
        better[i].update(solidarity_on="20/12/2024", compliance="Có")
    pid = people[i]["person_id"]
    before = {k: v for k, v in decisions(run(year, people, units)).items() if k[0] == pid}
    after = decisions(run(year, better, units))
    for key, (outcome, proposed) in before.items():
        if proposed:
            assert after[key][1], f"{key} lost by {change}"


@SETTINGS
@given(population())
def test_collective_results_agree_with_member_results(pop):
    res = run(*pop)
    ldtt = {d.subject_id: d.proposed for d in res.decisions(title_id="ldtt")}
    cstdcs = {d.subject_id: d.proposed for d in res.decisions(title_id="cstdcs")}
    unit_of = {d.subject_id: d.unit_id for d in res.decisions(title_id="ldtt")}
    for d in res.decisions(title_id="ttldxs"):
        members = [p for p, u in unit_of.items() if u == d.subject_id]
        share = next(c for c in d.checks if c.id == "ttldxs_share").members[0]
        one = next(c for c in d.checks if c.id == "ttldxs_one_cstdcs").members[0]
        assert share.members == len(members)
        assert share.count == sum(ldtt[p] for p in members)
        assert one.count == sum(cstdcs[p] for p in members)
        if d.outcome == "eligible":
            assert sum(ldtt[p] for p in members) >= 0.7 * len(members) - 1e-9
            assert any(cstdcs[p] for p in members)



@SETTINGS
@given(population())
def test_explanation_re_evaluates_to_the_decision(pop):
    assert_explanations_reevaluate(run(*pop))
