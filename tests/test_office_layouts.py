"""Workbooks laid out as offices send them (fixtures/office-layouts, synthetic data): each scores
exactly like the clean fixture, or gets one short, actionable message per problem."""
from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner

import thiduakhenthuong as tdkt
from thiduakhenthuong.cli.main import main
from thiduakhenthuong.tables.colmap import load_map
from thiduakhenthuong.tables.read import TableSource

ROOT = Path(__file__).resolve().parents[1]
LAYOUTS = ROOT / "fixtures" / "office-layouts"
CLEAN = ROOT / "fixtures" / "lao-cai-2023" / "units.csv"


@pytest.fixture(scope="module")
def rules():
    return tdkt.load_rules("lao-cai-2023")


@pytest.fixture(scope="module")
def clean(rules):
    return rules.score(CLEAN).to_frame().drop(columns=["row"])


def _codes(res) -> set[str]:
    return {n.code for n in res.notices}


@pytest.mark.parametrize("name", ["bieu-tong-hop.xlsx", "bieu-tong-hop.xls", "bieu-tong-hop.ods",
                                  "huong-dan-truoc.xlsx", "xuat-tu-excel.csv"])
def test_office_layout_scores_like_the_clean_table(rules, clean, name):
    res = rules.score(LAYOUTS / name)
    assert res.rejected == []
    pd.testing.assert_frame_equal(res.to_frame().drop(columns=["row"]), clean)


def test_every_decision_of_the_reader_is_a_notice(rules):
    res = rules.score(LAYOUTS / "bieu-tong-hop.xlsx")
    said = {n.code: n.message.vi for n in res.notices}
    assert "dòng 6" in said["reader_header_found"]
    assert "6–7" in said["reader_header_two_rows"]
    assert "STT" in said["reader_stt_column"]
    assert "dòng 8" in said["reader_numbering_row"]
    assert "Tổng cộng" in said["reader_totals_row"]
    assert "Lào Cai, ngày 15 tháng 01" in said["reader_footer"]
    assert "22 ô" in said["reader_percent_cells"]
    # the header typed without accents is accepted, and said to be checked
    assert "So lop tap huan" in said["reader_header_plain"]
    # units by short name and alias, no codes in the file
    assert "TP Lào Cai → tp_lao_cai" in said["reader_units_from_names"]
    rows = {u.unit_id: u for u in res.units}
    assert rows["bao_thang"].row == 12


def test_the_sheet_holding_the_table_is_chosen_and_said(rules):
    res = rules.score(LAYOUTS / "huong-dan-truoc.xlsx")
    assert "'Biểu 01'" in {n.code: n.message.vi for n in res.notices}["reader_sheet_chosen"]
    with pytest.raises(tdkt.InputError, match="no sheet 'Sheet9'"):
        rules.score(TableSource(LAYOUTS / "huong-dan-truoc.xlsx", sheet="Sheet9"))


def test_xls_and_ods_percentages_are_read_with_a_notice(rules):
    res = rules.score(LAYOUTS / "bieu-tong-hop.ods")
    assert "reader_fractions_as_percent" in _codes(res)


def test_sep_line_and_zero_width_space(rules):
    res = rules.score(LAYOUTS / "xuat-tu-excel.csv")
    assert {"reader_sep_line", "reader_header_found"} <= _codes(res)
    assert "unknown_columns" not in _codes(res)


def test_excel_errors_and_uncomputed_formulas_are_quoted_once(rules):
    res = rules.score(LAYOUTS / "loi-excel.xlsx")
    problems = {r.row: r.problems for r in res.rejected}
    assert sorted(problems) == [3, 5, 7]
    assert all(len(p) == 1 for p in problems.values())
    assert problems[3][0].value == "#DIV/0!" and "#DIV/0!" in problems[3][0].message.vi
    assert problems[5][0].value == "#N/A"
    assert "mở tệp và lưu lại trong Excel" in problems[7][0].message.vi
    assert res.scored + len(res.rejected) == res.rows_in == 11


def test_unmatched_headers_get_the_closest_candidate_and_a_map_fixes_them(rules, clean):
    res = rules.score(LAYOUTS / "tieu-de-khac.xlsx")
    messages = {p.message.vi for r in res.rejected for p in r.problems}
    assert len(messages) == 3      # one per missing column, whatever the number of rows
    assert any("có phải ý bạn là 'Số HCS'" in m for m in messages)
    cmap = load_map(LAYOUTS / "tieu-de-khac.map.yaml", rules.model.inputs)
    mapped = rules.score(TableSource(LAYOUTS / "tieu-de-khac.xlsx", column_map=cmap))
    assert mapped.rejected == []
    pd.testing.assert_frame_equal(mapped.to_frame().drop(columns=["row"]), clean)
    assert "reader_header_mapped" in _codes(mapped)


def test_unknown_unit_names_suggest_the_registered_one(rules):
    df = pd.read_csv(CLEAN, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    df = df.drop(columns=["Mã đơn vị"])
    df.loc[2, "Tên đơn vị"] = "Hội CTĐ huyện Bảo Thắn"
    res = rules.score(df)
    (row,) = res.rejected
    assert "Hội CTĐ huyện Bảo Thắng (bao_thang)" in row.problems[0].message.vi


def test_cli_prints_one_line_per_problem_not_per_row():
    r = CliRunner().invoke(main, ["score", "lao-cai-2023", str(LAYOUTS / "tieu-de-khac.xlsx")])
    assert r.exit_code == 1
    lines = [ln for ln in r.stdout.splitlines() if "thiếu cột" in ln]
    assert len(lines) == 3, r.stdout
    assert lines[0].lstrip().startswith("11 dòng (2–12)")
