"""Readings of letter 21/CTĐ-VP that change results (issue 12): each either fixed or a parameter
with its basis, and each held here by a case on the Lào Cai 2023 fixture."""
from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest

import thiduakhenthuong as tdkt

ROOT = Path(__file__).resolve().parents[1]
UNITS = ROOT / "fixtures" / "lao-cai-2023" / "units.csv"
RULES = ROOT / "rules" / "lao-cai-2023"


@pytest.fixture()
def units() -> pd.DataFrame:
    return pd.read_csv(UNITS, dtype=str, keep_default_na=False)


def _row(df: pd.DataFrame, unit: str) -> pd.Index:
    return df.index[df["Mã đơn vị"] == unit]


def _header(rules, field: str) -> str:
    return rules.model.inputs[field].title.vi


def score(df: pd.DataFrame, rules=None):
    return (rules or tdkt.load("lao-cai-2023")).score(df)


def points(res, unit: str, criterion: str) -> float:
    return next(c.points for c in res.unit(unit).criteria if c.id == criterion)


def test_gift_packages_that_reach_the_value_count_not_the_cheapest_one(units):
    """§II.3: 'each package worth 300,000 VND or more' says which packages count; a unit that
    gave 1,850 of 1,800 with one package at 250,000 used to score 0 of its 12 points."""
    rules = tdkt.load("lao-cai-2023")
    i = _row(units, "bat_xat")
    units.loc[i, _header(rules, "gift_packages_target")] = "1800"
    units.loc[i, _header(rules, "gift_packages")] = "1850"
    units.loc[i, _header(rules, "gift_min_value")] = "250000"
    units[_header(rules, "gift_packages_valued")] = ""
    assert points(score(units, rules), "bat_xat", "t03_tet_gifts") == 0   # nothing said: none count
    units.loc[i, _header(rules, "gift_packages_valued")] = "1849"
    res = score(units, rules)
    assert points(res, "bat_xat", "t03_tet_gifts") == 12                  # 1,849 ≥ 1,800
    units.loc[i, _header(rules, "gift_packages_valued")] = "1620"
    assert points(score(units, rules), "bat_xat", "t03_tet_gifts") == pytest.approx(10.8)
    units.loc[i, _header(rules, "gift_min_value")] = "300000"
    units.loc[i, _header(rules, "gift_packages_valued")] = ""
    assert points(score(units, rules), "bat_xat", "t03_tet_gifts") == 12  # all reach it


def test_province_totals_are_floors_a_split_above_is_no_warning(units):
    """§II.3, §II.6, §II.7 say 'trở lên' and 'tối thiểu': assigned targets that add up to more
    than the province total are no fault; less is still warned."""
    rules = tdkt.load("lao-cai-2023")
    col = _header(rules, "blood_units_target")
    units.loc[_row(units, "bat_xat"), col] = str(int(units.loc[_row(units, "bat_xat"), col].iloc[0]) + 300)
    assert not [n for n in score(units, rules).notices if n.code == "totals_mismatch"]
    units.loc[_row(units, "bat_xat"), col] = str(int(units.loc[_row(units, "bat_xat"), col].iloc[0]) - 900)
    warned = [n for n in score(units, rules).notices if n.code == "totals_mismatch"]
    assert [n.details["check"] for n in warned] == ["blood_split"] and warned[0].details["gap"] < 0


def _layer(tmp: Path, params: str) -> Path:
    """The rule set with some parameters set otherwise, as a layer beside a copy of it."""
    shutil.copytree(RULES, tmp / "lao-cai-2023", ignore=shutil.ignore_patterns("tests"))
    d = tmp / "local"
    d.mkdir()
    (d / "layer.yaml").write_text("extends: ../lao-cai-2023\nparameters:\n" + params, "utf-8")
    return d


def test_the_recognised_rating_is_scored_and_a_veto_by_default_and_each_can_be_dropped(tmp_path):
    """§II.10: the rating is plausibly the outcome of this very classification; a rule set
    chooses whether it is scored (t10_scored) and whether it caps the class (t10_veto)."""
    base = tdkt.load("lao-cai-2023").score(UNITS).unit("bao_thang")
    assert (base.total, base.class_id, base.class_by_total) == (94, "htt", "htxs")
    neither = tdkt.load(_layer(tmp_path, """  t10_scored:
    values: [{from: 2023-01-01, value: false}]
  t10_veto:
    values: [{from: 2023-01-01, value: false}]
""")).score(UNITS).unit("bao_thang")
    t10 = next(c for c in neither.criteria if c.id == "t10_task_rating")
    assert not t10.applicable and t10.points == 8                     # full points, scale of 100
    assert (neither.total, neither.class_id) == (102, "htxs")


def test_news_posts_are_an_optional_deduction(tmp_path, units):
    """§IV.3 (monthly or quarterly posts to the provincial portal) as a duty check, off unless
    the rule set switches it on; a blank count deducts nothing."""
    rules = tdkt.load("lao-cai-2023")
    units[_header(rules, "news_quarters")] = ""
    units.loc[_row(units, "bat_xat"), _header(rules, "news_quarters")] = "2"
    off = score(units, rules).unit("bat_xat")
    on_rules = tdkt.load(_layer(tmp_path, """  apply_news_deduction:
    values: [{from: 2023-01-01, value: true}]
"""))
    on = score(units, on_rules)
    news = next(d for d in on.unit("bat_xat").deductions if d.id == "news_posts")
    assert news.points == 0.5 and on.unit("bat_xat").total == off.total - 0.5
    assert next(d for d in on.unit("bac_ha").deductions if d.id == "news_posts").points == 0
