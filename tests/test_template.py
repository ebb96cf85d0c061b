"""``tdkt template``: a blank workbook for each job, filled in from the fixtures the way a
person would (labels from the dropdowns, dates as dates, yes/no in words), evaluates exactly
like the fixtures, without a single rejection."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from click.testing import CliRunner

import thiduakhenthuong as tdkt
from thiduakhenthuong.cli.main import main
from thiduakhenthuong.core import job as jobs
from thiduakhenthuong.jobs.conferences.api import check_plans, evaluate_delegates
from thiduakhenthuong.jobs.titles.api import evaluate_titles, load_title_rules
from thiduakhenthuong.tables.locate import HeaderMatcher

ROOT = Path(__file__).resolve().parents[1]
FIX = ROOT / "fixtures"


def _template(tmp_path: Path, rules: str, *extra: str) -> Path:
    out = tmp_path / "mau.xlsx"
    r = CliRunner().invoke(main, ["template", rules, "-o", str(out), *extra])
    assert r.exit_code == 0, r.output
    return out


def _typed(f, text: str):
    """A cell as a person fills it: numbers as numbers, dates as dates, enums by their label."""
    if text == "":
        return None
    if f.type in ("integer", "number", "percent"):
        x = float(text.replace(",", "."))
        return int(x) if x.is_integer() else x
    if f.type == "date":
        return dt.datetime.strptime(text, "%d/%m/%Y").date()
    if f.type == "enum" and f.labels and text in f.labels:
        return f.labels[text].vi
    return text


def _fill(ws, fields, rows: pd.DataFrame, key: str | None = None) -> None:
    """Write ``rows`` (a fixture CSV) under the template's headers; with ``key``, into the
    pre-filled row of each unit, else one row after another."""
    by_title = {f.title.vi: name for name, f in fields.items()}
    cols = {by_title[c.value]: c.column for c in ws[1] if c.value in by_title}
    m = HeaderMatcher(fields)
    csv_field = {h: m.match(h)[0] for h in rows.columns}
    prefilled = {}
    if key is not None:
        for r in range(2, ws.max_row + 1):
            prefilled[ws.cell(r, cols[key]).value] = r
    for i, rec in enumerate(rows.to_dict("records")):
        values = {csv_field[h]: v for h, v in rec.items() if csv_field[h]}
        r = prefilled[values[key]] if key is not None else i + 2
        for name, v in values.items():
            if name in cols and (key is None or name not in (key, "unit_name")):
                ws.cell(r, cols[name], _typed(fields[name], v))


def _csv(path: Path) -> pd.DataFrame:
    return pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")


def test_scoring_template_round_trips(tmp_path):
    rules = tdkt.load_rules("lao-cai-2023")
    p = _template(tmp_path, "lao-cai-2023")
    wb = openpyxl.load_workbook(p)
    assert wb.sheetnames[0] == "Hướng dẫn"
    ws = wb["Số liệu"]
    assert ws.protection.sheet and ws["A2"].protection.locked and not ws["F2"].protection.locked
    assert "21/CTĐ-VP §II.1" in ws["F1"].comment.text
    assert ws.data_validations.dataValidation, "every input column has a validation"
    _fill(ws, rules.model.inputs, _csv(FIX / "lao-cai-2023" / "units.csv"), key="unit_id")
    wb.save(p)
    filled = rules.score(p)
    clean = rules.score(FIX / "lao-cai-2023" / "units.csv")
    assert filled.rejected == []
    pd.testing.assert_frame_equal(filled.to_frame().drop(columns=["row"]),
                                  clean.to_frame().drop(columns=["row"]))


def test_titles_template_round_trips(tmp_path):
    rules = load_title_rules("titles", 2024)
    p = _template(tmp_path, "titles", "--year", "2024")
    wb = openpyxl.load_workbook(p)
    tables = {t.key: t for t in jobs.get("titles").inputs(rules.model)}
    _fill(wb[tables["people"].sheet], tables["people"].fields,
          _csv(FIX / "titles-lao-cai" / "ca-nhan.csv"))
    _fill(wb[tables["units"].sheet], tables["units"].fields,
          _csv(FIX / "titles-lao-cai" / "tap-the.csv"))
    wb.save(p)
    filled = evaluate_titles(rules, p, 2024)
    clean = evaluate_titles(rules, FIX / "titles-lao-cai", 2024)
    assert len(filled.rejected) == len(clean.rejected) == 0
    pd.testing.assert_frame_equal(filled.to_frame().drop(columns=["row"], errors="ignore"),
                                  clean.to_frame().drop(columns=["row"], errors="ignore"))


def test_delegates_template_round_trips(tmp_path):
    rules = tdkt.load("thai-nguyen-2019")
    p = _template(tmp_path, "thai-nguyen-2019")
    wb = openpyxl.load_workbook(p)
    for t in jobs.get("delegates").inputs(rules.model):
        _fill(wb[t.sheet], t.fields, _csv(FIX / "thai-nguyen-2019" / t.file))
    wb.save(p)
    src = FIX / "thai-nguyen-2019"
    for level in ("co_so", "huyen"):
        filled, clean = evaluate_delegates(rules, p, level), evaluate_delegates(rules, src, level)
        assert len(filled.rejected) == len(clean.rejected)
        pd.testing.assert_frame_equal(filled.to_frame().drop(columns=["row"], errors="ignore"),
                                      clean.to_frame().drop(columns=["row"], errors="ignore"))
    a, b = check_plans(rules, p), check_plans(rules, src)
    assert [(f.chapter_id, f.code) for f in a.findings] == [(f.chapter_id, f.code)
                                                           for f in b.findings]


@pytest.mark.parametrize("rules", ["lao-cai-2023", "titles", "thai-nguyen-2019"])
def test_template_in_english(tmp_path, rules):
    p = _template(tmp_path, rules, "--lang", "en")
    assert openpyxl.load_workbook(p).sheetnames[0] == "Instructions"
