import openpyxl
import pandas as pd

from thiduakhenthuong.render.workbook import neutralise
from thiduakhenthuong.jobs.scoring.workbook import write_result

from conftest import FIXTURE


def _hostile(rules):
    # Without a unit registry the names come from the file, so hostile text reaches the output.
    from thiduakhenthuong.jobs.scoring.api import Rules
    rules = Rules(rules.model.model_copy(update={"units": None}), rules.source, rules.path)
    df = pd.read_csv(FIXTURE / "units.csv", dtype=str, keep_default_na=False)
    df["Tên đơn vị"] = df["Tên đơn vị"].astype(object)
    df.loc[0, "Tên đơn vị"] = '=HYPERLINK("http://x","y")'
    df.loc[1, "Tên đơn vị"] = "@SUM(A1)"
    return rules.score(df)


def test_formula_cells_neutralised_in_xlsx(rules, tmp_path):
    res = _hostile(rules)
    p = tmp_path / "o.xlsx"
    write_result(res, p)
    wb = openpyxl.load_workbook(p)
    assert {"Xếp hạng", "Lý do", "Dòng bị loại", "Cảnh báo"} <= set(wb.sheetnames)
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for c in row:
                assert c.data_type != "f", (ws.title, c.coordinate, c.value)
                if isinstance(c.value, str):
                    assert not c.value.startswith(("=", "+", "@")), c.value


def test_formula_cells_neutralised_in_csv(rules, tmp_path):
    res = _hostile(rules)
    p = tmp_path / "o.csv"
    write_result(res, p)
    text = p.read_text(encoding="utf-8-sig")
    assert "'=HYPERLINK" in text and "'@SUM" in text
    assert "\n=" not in text and ",=" not in text


def test_numbers_are_not_touched():
    assert neutralise(-3.5) == -3.5 and neutralise("abc") == "abc"


def test_reasons_sheet_has_a_row_per_criterion(result, tmp_path):
    p = tmp_path / "o.xlsx"
    write_result(result, p, lang="en")
    reasons = pd.read_excel(p, sheet_name="Reasons")
    n_crit = len(result.rules.criteria) + len(result.rules.deductions)
    assert len(reasons) == 11 * n_crit
    assert reasons["Citation"].str.contains("of Letter No. 21/CTĐ-VP").all()
