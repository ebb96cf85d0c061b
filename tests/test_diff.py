"""``tdkt diff``: the same data judged under two rule sets. Rule variants are the shipped rule sets
with one edit each (tests/data/diff/variants.yaml), so each test knows exactly what changed."""
from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path

import openpyxl
import pytest
import yaml
from click.testing import CliRunner

from thiduakhenthuong import evaluate_titles, load_rules
from thiduakhenthuong.cli.main import main
from thiduakhenthuong.jobs.conferences.api import evaluate_delegates
from thiduakhenthuong.diff.compare import diff_rule_sets, rule_kind
from thiduakhenthuong.diff.model import Diff
from thiduakhenthuong.diff.write import write_diff

ROOT = Path(__file__).resolve().parents[1]
SCORING = ROOT / "rules" / "lao-cai-2023"
UNITS = ROOT / "fixtures" / "lao-cai-2023" / "units.csv"
TITLES = ROOT / "rules" / "titles"
STAFF = ROOT / "fixtures" / "titles-lao-cai" / "titles.xlsx"
CONFERENCES = ROOT / "rules" / "thai-nguyen-2019"
CANDIDATES = ROOT / "fixtures" / "thai-nguyen-2019"
VARIANTS = yaml.safe_load((ROOT / "tests" / "data" / "diff" / "variants.yaml")
                          .read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def variant(tmp_path_factory):
    """Materialise a variant: a copy of its base rule set with its one edit applied."""
    root = tmp_path_factory.mktemp("variants")
    made: dict[str, Path] = {}

    def make(name: str) -> Path:
        if name not in made:
            v = VARIANTS[name]
            target = root / name
            shutil.copytree(ROOT / v["base"], target)
            f = target / v["file"]
            text = f.read_text(encoding="utf-8")
            start = text.index(v["after"] + "\n")   # the anchor line must exist
            at = text.index(v["old"], start)
            f.write_text(text[:at] + v["new"] + text[at + len(v["old"]):], encoding="utf-8")
            made[name] = target
        return made[name]
    return make


@pytest.fixture(scope="module")
def regimes() -> Diff:
    return diff_rule_sets(TITLES / "regime-2003", TITLES / "regime-2022", STAFF, year=2023)


def by_id(d: Diff, title_id: str | None = None):
    return {e.id: e for e in d.entries if e.title_id == title_id}


def criterion(entry, cid):
    return next(c for c in entry.criteria if c.id == cid)


def change(item, field):
    return next((c.old, c.new) for c in item.changes if c.field == field)


# --- scoring ---------------------------------------------------------------------------------

def test_weight_change_lists_exactly_the_units_it_moves(variant):
    old = load_rules(SCORING).score(UNITS)
    earned_t12 = {u.unit_id for u in old.units
                  if next(c for c in u.criteria if c.id == "t12_propagandist_contest").points > 0}
    d = diff_rule_sets(SCORING, variant("w_t12"), UNITS)
    # Every unit that earned target II.12 gains 3 points; the two without it (the college's
    # chapter and Văn Bàn) keep their total, and no one passes them or falls behind them.
    assert set(by_id(d)) == earned_t12
    assert earned_t12 == {u.unit_id for u in old.units} - {"cd_lao_cai", "van_ban"}
    assert (d.summary.compared, d.summary.changed, d.summary.unchanged) == (11, 9, 2)
    assert [(p.name, p.old, p.new) for p in d.parameters] == [("w_t12", 5, 8)]
    assert d.definitions == []
    for e in d.entries:
        t12 = criterion(e, "t12_propagandist_contest")
        assert change(t12, "points") == (5, 8)
        assert t12.cite_old == t12.cite_new == "21/CTĐ-VP §II.12"
        assert [(p.name, p.old, p.new) for p in t12.parameters] == [("w_t12", 5, 8)]
        assert t12.values_old == t12.values_new == {"propagandist_contest": True}
        assert change(e, "total")[1] == pytest.approx(change(e, "total")[0] + 3)
        assert "(Maximum points for target II.12: 5 → 8)" in e.reason.en
    bao_yen = by_id(d)["bao_yen"]
    # 89.64 + 3 = 92.64 reaches the top class (90): it moves above Bảo Thắng (class first).
    assert change(bao_yen, "class") == ("htt", "htxs")
    assert change(bao_yen, "rank_overall") == (9, 8)
    assert change(criterion(bao_yen, "class"), "class_by_total") == ("htt", "htxs")
    assert criterion(bao_yen, "class").values_new["class_htxs_min"] == 90
    assert change(by_id(d)["bao_thang"], "rank_overall") == (8, 9)


def test_band_threshold_change_names_the_band(variant):
    d = diff_rule_sets(SCORING, variant("t07_band"), UNITS)
    # Only Mường Khương's participation ratio (0.867) lies between the old and the new threshold.
    assert list(by_id(d)) == ["muong_khuong"]
    e = by_id(d)["muong_khuong"]
    assert change(e, "total") == (86.5, 85)
    c = criterion(e, "t07_blood_share")
    assert change(c, "points") == (4.5, 3)
    assert c.cite_new == "21/CTĐ-VP §II.7"
    assert [(x.path, x.old, x.new) for x in c.definition] == \
        [("criteria[t07_blood_share].scoring.bands[1].min_ratio", "0.8", "0.9")]
    assert "› cách tính điểm › mức 2 › tỷ lệ đạt tối thiểu: 0,8 → 0,9" in e.reason.vi
    assert "› scoring › band 2 › least ratio: 0.8 → 0.9" in e.reason.en
    assert d.parameters == [] and len(d.definitions) == 1


def test_rows_rejected_under_one_rule_set_are_reported(variant):
    d = diff_rule_sets(SCORING, variant("strict_check"), UNITS)
    # Every unit but Văn Bàn completed all its programme items, which the new check rejects.
    only_old = {e.id for e in d.entries if e.status == "only_old"}
    assert only_old == {u.unit_id for u in load_rules(SCORING).score(UNITS).units} - {"van_ban"}
    assert (d.summary.compared, d.summary.only_old, d.summary.rejected_new) == (1, 10, 10)
    e = next(e for e in d.entries if e.id == "bat_xat")
    assert "rejected under the new rules" in e.reason.en
    assert "more targets completed than assigned" in e.reason.en
    assert change(e, "total") == (101, None)
    # Văn Bàn is now alone: first in everything, although none of its criteria changed.
    vb = by_id(d)["van_ban"]
    assert change(vb, "rank_overall") == (11, 1) and vb.criteria == []
    assert "other units" in vb.reason.en
    assert [x.path for x in d.definitions] == ["checks[done_within_assigned].holds"]


# --- identical rules -------------------------------------------------------------------------

@pytest.mark.parametrize("old,new,data,kw", [
    (SCORING, SCORING, UNITS, {}),
    (TITLES, TITLES, STAFF, {"year": 2023}),
    (CONFERENCES, CONFERENCES, CANDIDATES, {"level": "huyen"}),
], ids=["scoring", "titles", "delegates"])
def test_identical_rules_change_nothing(old, new, data, kw):
    d = diff_rule_sets(old, new, data, **kw)
    assert d.entries == [] and d.parameters == [] and d.definitions == [] and d.notices == []
    assert d.summary.changed == 0 and d.summary.compared == d.summary.unchanged > 0
    assert d.old.hash == d.new.hash and not d.new.outside_years


# --- titles: the 2023 staff under both legal regimes ---------------------------------------------

def test_regime_applied_outside_its_years_is_stated(regimes):
    assert regimes.kind == "titles" and regimes.year == 2023
    assert (regimes.old.regime, regimes.old.outside_years) == ("law-2003", False)
    assert (regimes.new.regime, regimes.new.outside_years) == ("law-2022", True)
    [n] = regimes.notices
    assert n.code == "regime_outside_years"
    assert "outside its declared years" in n.message.en and "2024–2024" in n.message.en
    assert n.message.vi.startswith("Bộ quy tắc mới")
    s = regimes.summary
    # The collective certificate exists from 2024 only: one entry per unit judged on one side.
    assert s.compared == s.changed + s.unchanged
    assert s.changed + s.only_old + s.only_new == len(regimes.entries) and s.only_new == 13
    assert {e.title_id for e in regimes.entries if e.status == "only_new"} == \
        {"bang_khen_tap_the"}


def test_regimes_route_difference_for_an_excellent_rating(regimes):
    # p068: HTXS without an initiative: no route under the 2003 regime, the HTXS route in 2024's.
    e = by_id(regimes, "cstdcs")["p068"]
    assert change(e, "outcome") == ("not_eligible", "eligible")
    assert change(e, "route_used") == (None, "cstdcs_by_rating")
    route = criterion(e, "cstdcs_by_rating")
    assert (route.kind, route.only_in, change(route, "status")) == ("route", "new", (None, "met"))
    assert route.definition[0].path == "titles[cstdcs].routes[cstdcs_by_rating]"
    check = criterion(e, "cstdcs_htxs")
    assert check.cite_new == "06/2022/QH15 §Art.23(2)" and check.values_new == {"rating": "htxs"}


@pytest.mark.parametrize("pid,cap,rank", [("p006", 2, 3), ("p043", 0, 1), ("p073", 0, 1)])
def test_regimes_quota_difference(regimes, pid, cap, rank):
    # Eligible under both, but outside the 15 % CSTĐCS quota of Decree 91/2017, which 2024's
    # regime no longer has.
    e = by_id(regimes, "cstdcs")[pid]
    assert change(e, "proposed") == (False, True)
    assert ("outcome" not in {c.field for c in e.changes})
    q = criterion(e, "quota")
    assert (q.only_in, change(q, "within_cap")) == ("old", (False, None))
    assert (q.values_old["cap"], q.values_old["rank"]) == (cap, rank) and q.values_new == {}
    assert q.cite_old == "91/2017/NĐ-CP §Art.9(3)"
    assert [(p.name, p.old, p.new, p.only_in) for p in q.parameters] == \
        [("cstdcs_max_share", 0.15, None, "old")]
    assert q.definition[0].path == "titles[cstdcs].quota" and q.definition[0].new is None


def test_regimes_leave_unchanged_decisions_out(regimes):
    cstdcs = by_id(regimes, "cstdcs")
    # p005 and p004 were within the quota; p009 is not LĐTT (rated HT) under either regime.
    assert not {"p004", "p005", "p009"} & set(cstdcs)
    keys = [(e.id, e.title_id) for e in regimes.entries]
    assert len(keys) == len(set(keys))
    assert [k[0] for k in keys] == sorted(k[0] for k in keys)


def test_regimes_parameters_and_rules_that_differ(regimes):
    params = {p.name: (p.old, p.new) for p in regimes.parameters}
    assert params["cstdcs_max_share"] == (0.15, None)
    assert {d.path for d in regimes.definitions} >= {
        "titles[cstdcs].quota", "titles[cstdcs].routes[cstdcs_by_rating]",
        "titles[ldtt].checks[ldtt_ethics]"}


def test_named_regime_through_the_titles_api_says_so():
    res = evaluate_titles(TITLES / "regime-2022", STAFF, year=2023, outside_years=True)
    assert "regime_outside_years" in [n.code for n in res.notices]
    with pytest.raises(Exception, match="judges the years 2024–2024, not 2023"):
        evaluate_titles(TITLES / "regime-2022", STAFF, year=2023)


# --- delegates -----------------------------------------------------------------------------------

def test_cap_change_leaves_out_the_last_open_seats(variant):
    old = evaluate_delegates(CONFERENCES, CANDIDATES, "huyen")
    open_seats = sorted((d for d in old.decisions() if d.seat == "open"), key=lambda d: d.rank)
    d = diff_rule_sets(CONFERENCES, variant("cap_huyen"), CANDIDATES, level="huyen")
    # Ten fewer seats: the ten open seats last in merit order go; nobody else moves.
    assert set(by_id(d)) == {x.candidate_id for x in open_seats[-10:]}
    assert (d.summary.compared, d.summary.changed) == (200, 10)
    assert [(p.name, p.old, p.new) for p in d.parameters] == [("cap_huyen", 150, 140)]
    for e in d.entries:
        assert change(e, "selected") == (True, False)
        sel = criterion(e, "selection")
        assert sel.cite_new == "14/KH-CTĐTNg §III.3"
        assert [(p.name, p.old, p.new) for p in sel.parameters] == [("cap_huyen", 150, 140)]
        assert "140" in e.explain_new.en and e.explain_old.en.startswith("selected")


# --- kinds, options, outputs ---------------------------------------------------------------------

def test_kind_detection_and_mismatch():
    assert rule_kind(TITLES) == rule_kind(TITLES / "regime-2003") == "titles"
    with pytest.raises(ValueError, match="same kind"):
        diff_rule_sets(SCORING, TITLES, UNITS, year=2023)
    with pytest.raises(ValueError, match="--year"):
        diff_rule_sets(TITLES, TITLES, STAFF)
    with pytest.raises(ValueError, match="--level"):
        diff_rule_sets(SCORING, SCORING, UNITS, level="huyen")


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


def test_cli_in_english_with_every_output(variant, tmp_path):
    outs = [tmp_path / f"d.{s}" for s in ("xlsx", "json", "csv")]
    r = run("diff", SCORING, variant("t07_band"), UNITS, "--lang", "en",
            *[x for o in outs for x in ("-o", o)])
    assert r.exit_code == 0, r.output
    assert "Compared 11: changed 1, unchanged 10" in r.output
    assert "Mường Khương" in r.output and "band 2 › least ratio" in r.output
    assert "bands[1].min_ratio" not in r.output
    assert "values read (old rules)" in r.output    # the detail tree
    doc = Diff.model_validate_json(outs[1].read_text(encoding="utf-8"))
    assert [e.id for e in doc.entries] == ["muong_khuong"]
    wb = openpyxl.load_workbook(outs[0], read_only=True)
    assert wb.sheetnames == ["Summary", "Changes", "Criteria", "Parameters", "Rule changes",
                             "Rejected rows"]
    crit = list(wb["Criteria"].iter_rows(values_only=True))
    assert crit[1][:3] == ("muong_khuong", None, "t07_blood_share")
    rows = list(csv.DictReader(outs[2].open(encoding="utf-8-sig")))
    assert [r["Id"] for r in rows] == ["muong_khuong"] and "0.8 → 0.9" in rows[0]["Reason"]


def test_terminal_rendering_of_the_regimes(regimes):
    from rich.console import Console
    from thiduakhenthuong.diff.render import header_lines, render
    assert any("outside its declared years" in line for line in header_lines(regimes, "en"))
    console = Console(width=200, record=True, no_color=True)
    for part in render(regimes, "vi", limit=20):
        console.print(part)
    text = console.export_text()
    assert "ngoài phạm vi đó" in text and "Tham số khác nhau" in text
    assert "Tỷ lệ CSTĐCS tối đa so với số LĐTT" in text and \
        "“Chiến sĩ thi đua cơ sở” › giới hạn số lượng" in text
    assert "cstdcs_max_share" not in text and "titles[cstdcs].quota" not in text
    assert "Vũ Thị Lan Anh (p006)" in text      # among the first twenty entries, with its tree


def test_cli_vietnamese_default_rejections_and_usage_errors(variant, tmp_path):
    r = run("diff", SCORING, variant("strict_check"), UNITS, "--no-details")
    assert r.exit_code == 1, r.output    # rows rejected under the new rules
    assert "bị loại khi đọc theo bộ quy tắc mới" in r.output and "Bộ quy tắc mới" in r.output
    assert run("diff", SCORING, TITLES, UNITS, "--year", 2023).exit_code == 2
    assert run("diff", TITLES, TITLES, STAFF).exit_code == 2
    assert run("diff", SCORING, SCORING, UNITS, "-o", tmp_path / "d.txt").exit_code == 2


def test_outputs_are_deterministic_and_neutralise_formulas(variant, tmp_path):
    d = diff_rule_sets(SCORING, variant("w_t12"), UNITS)
    first = d.entries[0]
    evil = d.model_copy(update={"entries": [first.model_copy(update={"name": "=1+2"})]
                                + d.entries[1:]})
    for n in (1, 2):
        write_diff(evil, tmp_path / f"{n}.xlsx")
        write_diff(evil, tmp_path / f"{n}.json")
        write_diff(evil, tmp_path / f"{n}.csv", "en")
    for suffix in ("xlsx", "json", "csv"):
        assert (tmp_path / f"1.{suffix}").read_bytes() == (tmp_path / f"2.{suffix}").read_bytes()
    sheet = openpyxl.load_workbook(tmp_path / "1.xlsx")["Thay đổi"]
    assert [c.value for c in sheet[1]][:2] == ["Mã", "Tên"]
    assert sheet["B2"].value == "'=1+2" and sheet["B2"].data_type == "s"
    row = next(csv.DictReader((tmp_path / "1.csv").open(encoding="utf-8-sig")))
    assert row["Name"] == "'=1+2"
    assert json.loads((tmp_path / "1.json").read_text(encoding="utf-8"))["entries"][0]["name"] \
        == "=1+2"
