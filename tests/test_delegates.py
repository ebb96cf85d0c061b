"""Delegate selection and plan checks (plan 14/KH-CTĐTNg): boundaries and invariants."""
from __future__ import annotations

import random
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from thiduakhenthuong.jobs.conferences.api import check_plans, evaluate_delegates

RULES = Path(__file__).resolve().parents[1] / "rules" / "thai-nguyen-2019"
FORM = "Hội nghị điển hình tiên tiến trong hoạt động nhân đạo"
FORM_CS = "Hội nghị biểu dương người tốt, việc tốt trong hoạt động nhân đạo"


def cand(i, group="dien_hinh", attested=True, level="huyen", conference="hn", **kw):
    row = {"candidate_id": f"c{i:04d}", "full_name": f"Ứng viên {i}", "kind": "ca_nhan",
           "level": level, "conference": conference, "group": group, **kw}
    if attested:
        for k in ("std_typical_ok", "std_share_ok", "std_trust_ok"):
            row.update({k: "Có", f"{k}_by": "Chủ tịch Hội", f"{k}_on": "10/12/2019"})
    return row


def run(rows, level="huyen"):
    return evaluate_delegates(RULES, {"candidates": rows}, level)


def test_exactly_150_eligible_all_selected():
    res = run([cand(i) for i in range(150)])
    assert sum(d.selected for d in res.decisions()) == 150


def test_151_eligible_one_left_out_with_reason():
    rows = [cand(i, awards_district=1) for i in range(150)] + [cand(150)]
    ds = {d.candidate_id: d for d in run(rows).decisions()}
    assert sum(d.selected for d in ds.values()) == 150
    out = ds["c0150"]
    assert not out.selected and out.outcome == "eligible" and out.rank == 151
    assert "150" in out.reason.en and out.decided_by and out.neighbour


def test_none_eligible_when_standards_not_attested():
    res = run([cand(i, attested=False) for i in range(10)])
    ds = res.decisions()
    assert not any(d.selected for d in ds)
    assert {d.outcome for d in ds} == {"not_determinable"}
    assert ds[0].missing_evidence == ["std_typical_ok", "std_share_ok", "std_trust_ok"]


def test_a_standard_attested_no_is_not_eligible():
    row = cand(1)
    row["std_trust_ok"] = "Không"
    d = run([row]).decisions()[0]
    assert d.outcome == "not_eligible" and not d.selected


def test_invited_are_not_held_to_standards_but_capped():
    rows = [cand(i, group="khach_moi", attested=False, awards_provincial=i % 2)
            for i in range(60)]
    ds = run(rows).decisions()
    assert all(d.outcome == "eligible" for d in ds)
    assert sum(d.selected for d in ds) == 45          # 30% of 150
    left = [d for d in ds if not d.selected]
    assert all("invited" in d.reason.en for d in left)


def plan(level, held_on, form=FORM, **kw):
    return {"chapter_id": f"{level}_{held_on}", "level": level, "form_name": form,
            "held_on": held_on, "hours": 4, "programme": "1;2;3;4;5;6;7;8;9", **kw}


def codes(rep, chapter):
    return {f.code for f in rep.findings if f.chapter_id == chapter}


def test_quarter_boundaries_by_level():
    plans = [plan("co_so", "31/03/2020", FORM_CS), plan("co_so", "01/04/2020", FORM_CS),
             plan("huyen", "31/03/2020"), plan("huyen", "01/04/2020"),
             plan("tinh", "31/03/2020"), plan("tinh", "01/04/2020"),
             plan("co_so", "15/12/2019", FORM_CS, combined_year_end="Có")]
    rep = check_plans(RULES, {"plans": plans})
    assert codes(rep, "co_so_31/03/2020") == set()
    assert codes(rep, "co_so_01/04/2020") == {"outside_window"}
    assert codes(rep, "huyen_31/03/2020") == set()
    assert codes(rep, "huyen_01/04/2020") == {"outside_window"}
    assert codes(rep, "tinh_31/03/2020") == {"outside_window"}
    assert codes(rep, "tinh_01/04/2020") == set()
    assert codes(rep, "co_so_15/12/2019") == set()


def test_plan_findings_each_with_clause():
    p = plan("huyen", "20/03/2020", form="Hội nghị biểu dương điển hình tiên tiến năm 2020",
             hours=5, expected_dien_hinh=100, expected_khach_moi=60, programme="1;2;4;3;5;7;8;9")
    rep = check_plans(RULES, {"plans": [p]})
    got = {f.code: f for f in rep.findings}
    assert set(got) == {"wrong_form", "too_long", "over_cap", "invited_over_share",
                        "programme_missing", "programme_order"}
    assert got["over_cap"].severity == "error" and got["over_cap"].cite.endswith("§III.3")
    assert got["programme_missing"].severity == "warning"


def test_report_deadline_14_vs_15_april():
    rep = check_plans(RULES, {"plans": [plan("huyen", "20/03/2020")],
                              "reports": [{"chapter_id": "a", "submitted_on": "14/04/2020"},
                                          {"chapter_id": "b", "submitted_on": "15/04/2020"},
                                          {"chapter_id": "c", "submitted_on": ""}]})
    assert {f.chapter_id: f.code for f in rep.findings} == {"b": "late", "c": "missing"}


SETTINGS = settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@st.composite
def candidates(draw):
    n = draw(st.integers(0, 220))
    rows = []
    for i in range(n):
        g = draw(st.sampled_from(["dien_hinh", "dien_hinh", "can_bo_hoi_vien", "khach_moi"]))
        rows.append(cand(i, group=g, attested=draw(st.integers(0, 9)) > 0,
                         conference=draw(st.sampled_from(["hn1", "hn2"])),
                         awards_national=draw(st.integers(0, 1)),
                         awards_district=draw(st.integers(0, 3)),
                         years_active=draw(st.integers(0, 30))))
    return rows


@SETTINGS
@given(candidates())
def test_caps_and_seats_never_exceeded_and_ineligible_never_selected(rows):
    res = run(rows)
    ds = res.decisions()
    for s in res.summaries():
        mine = [d for d in ds if d.conference == s.conference]
        assert sum(d.selected for d in mine) <= s.cap
        for g, seats in s.seats.items():
            chosen = sum(d.selected for d in mine if d.group == g)
            assert chosen <= seats["max"]
            eligible = sum(d.outcome == "eligible" for d in mine if d.group == g)
            assert chosen >= min(seats["min"], eligible)
    assert all(d.outcome == "eligible" for d in ds if d.selected)


@SETTINGS
@given(candidates(), st.data())
def test_a_higher_award_never_moves_a_candidate_down(rows, data):
    if not rows:
        return
    i = data.draw(st.integers(0, len(rows) - 1))
    before = {d.candidate_id: d for d in run(rows).decisions()}
    better = [dict(r) for r in rows]
    better[i]["awards_national"] = better[i].get("awards_national", 0) + 1
    after = {d.candidate_id: d for d in run(better).decisions()}
    cid = rows[i]["candidate_id"]
    if before[cid].rank:
        assert after[cid].rank <= before[cid].rank
    assert after[cid].selected or not before[cid].selected


@SETTINGS
@given(candidates(), st.randoms(use_true_random=False))
def test_row_order_never_changes_the_selection(rows, rnd: random.Random):
    shuffled = rows[:]
    rnd.shuffle(shuffled)
    a = {d.candidate_id: (d.selected, d.rank) for d in run(rows).decisions()}
    b = {d.candidate_id: (d.selected, d.rank) for d in run(shuffled).decisions()}
    assert a == b


@st.composite
def communes(draw):
    """Grassroots candidates of up to five conferences, some naming their higher conference."""
    n = draw(st.integers(0, 260))
    higher = {c: draw(st.sampled_from(["", "hn_a", "hn_b"])) for c in
              ("x1", "x2", "x3", "x4", "x5")}
    rows = []
    for i in range(n):
        c = draw(st.sampled_from(sorted(higher)))
        rows.append(cand(i, level="co_so", conference=c, higher_conference=higher[c],
                         attested=draw(st.integers(0, 9)) > 0,
                         honoured="Có" if draw(st.booleans()) else "Không",
                         awards_district=draw(st.integers(0, 3))))
    return rows


@SETTINGS
@given(communes())
def test_forwarding_checks_add_up_and_cover_every_conference_once(rows):
    res = run(rows, level="co_so")
    ds = res.decisions()
    seen = [c for f in res.forwarding for c in f.conferences]
    assert sorted(seen) == sorted({d.conference for d in ds})
    for f in res.forwarding:
        mine = [d for d in ds if d.conference in f.conferences]
        assert f.forwarded == sum(f.conferences.values()) == sum(d.forwarded for d in mine)
        assert f.over == max(0, f.forwarded - f.cap) and f.cap == 150
        assert (f.severity == "ok") == (f.over == 0)
        assert f.severity != "error" or not f.assumed
        assert f"{f.forwarded}" in f.message.vi and f"{f.forwarded}" in f.message.en
    # Only selected, eligible honourees held to the standards are forwarded.
    assert all(d.selected and d.outcome == "eligible" and d.held_to_standards
               for d in ds if d.forwarded)
