"""Every job's workbook: all sheets present, a rules-used sheet with each parameter's value,
effective date and basis, and no cell a spreadsheet would run as a formula."""
import openpyxl
import pandas as pd
import pytest
from click.testing import CliRunner

from thiduakhenthuong.cli.main import main

JOBS = {
    "score": (["score", "rules/lao-cai-2023", "fixtures/lao-cai-2023/units.csv"],
              ["Xếp hạng", "Lý do", "Dòng bị loại", "Cảnh báo", "Quy tắc áp dụng"], "w_t07_units"),
    "titles": (["titles", "rules/titles", "fixtures/titles-lao-cai/titles.xlsx", "--year", "2024"],
               ["Đề nghị", "Kết quả", "Lý do", "Tổng hợp", "Dòng bị loại", "Cảnh báo",
                "Quy tắc áp dụng", "Kế thừa đơn vị"], "base_salary"),
    "delegates": (["delegates", "rules/thai-nguyen-2019", "fixtures/thai-nguyen-2019", "--level",
                   "huyen"], ["Quyết định", "Tiêu chuẩn", "Hội nghị", "Chuyển lên cấp trên",
                              "Khen thưởng", "Quy tắc áp dụng", "Dòng bị loại"], "cap_huyen"),
    "plan-check": (["plan-check", "rules/thai-nguyen-2019", "fixtures/thai-nguyen-2019"],
                   ["Kết quả kiểm tra", "Quy tắc áp dụng", "Dòng bị loại"], "cap_huyen"),
}


@pytest.mark.parametrize("job", sorted(JOBS))
def test_workbook_has_every_sheet_and_the_rules_used(job, tmp_path):
    args, sheets, param = JOBS[job]
    out = tmp_path / f"{job}.xlsx"
    res = CliRunner().invoke(main, args + ["-o", str(out)])
    assert res.exit_code in (0, 1), res.output
    book = openpyxl.load_workbook(out)
    assert book.sheetnames == sheets
    rules = pd.read_excel(out, sheet_name="Quy tắc áp dụng")
    assert list(rules.columns) == ["Mã tham số", "Tham số", "Giá trị", "Áp dụng từ", "Căn cứ",
                                   "Trích dẫn", "Theo trường"]
    assert book["Quy tắc áp dụng"].column_dimensions["A"].hidden    # the code, for machines
    row = rules[rules["Mã tham số"] == param].iloc[0]
    assert row["Áp dụng từ"] and len(row["Căn cứ"]) > 3


def test_english_workbook_and_formula_cells_neutralised(tmp_path):
    frame = pd.read_csv("fixtures/thai-nguyen-2019/ung-vien.csv", dtype=str,
                        keep_default_na=False)
    frame.loc[0, "Họ tên / tên tập thể"] = '=HYPERLINK("http://x","y")'
    frame.loc[1, "Họ tên / tên tập thể"] = "@SUM(A1)"
    data = tmp_path / "ung-vien.csv"
    frame.to_csv(data, index=False)
    out = tmp_path / "d.xlsx"
    res = CliRunner().invoke(main, ["delegates", "rules/thai-nguyen-2019", str(tmp_path),
                                    "--level", "huyen", "--lang", "en", "-o", str(out)])
    assert res.exit_code in (0, 1), res.output
    book = openpyxl.load_workbook(out)
    # The data here are the candidates alone: no awards sheet.
    assert book.sheetnames == ["Decisions", "Standards", "Conferences", "Forwarding",
                               "Rules used", "Rejected rows"]
    cells = [c.value for ws in book for r in ws.iter_rows() for c in r
             if isinstance(c.value, str)]
    assert not [v for v in cells if v.startswith(("=", "+", "-", "@"))]
    assert "'=HYPERLINK(\"http://x\",\"y\")" in cells and "'@SUM(A1)" in cells
