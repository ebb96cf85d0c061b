"""The command line as an office uses it: dates as typed, Vietnamese by default (English on
request), only data on standard output, progress on standard error, tables that fit, --limit,
tdkt map; and the workbook writer's promises (byte-identical files, Excel's row limit)."""
from __future__ import annotations

import io
from pathlib import Path

import openpyxl
import pandas as pd
import yaml
from click.testing import CliRunner
from rich.console import Console

import thiduakhenthuong as tdkt
from thiduakhenthuong.cli import ui
from thiduakhenthuong.cli.main import main
from thiduakhenthuong.jobs.scoring.workbook import write_result
from thiduakhenthuong.render import xlsx
from thiduakhenthuong.render.xlsx import Header, Sheet, write_workbook

ROOT = Path(__file__).resolve().parents[1]
UNITS = str(ROOT / "fixtures" / "lao-cai-2023" / "units.csv")
LAYOUTS = ROOT / "fixtures" / "office-layouts"


def run(*args, env=None):
    return CliRunner().invoke(main, list(args), env=env)


def test_dates_as_typed_and_a_bad_date_is_a_usage_error():
    a = run("score", "lao-cai-2023", UNITS, "--as-of", "31/12/2023")
    b = run("score", "lao-cai-2023", UNITS, "--as-of", "2023-12-31")
    assert a.exit_code == b.exit_code == 0 and a.stdout == b.stdout
    bad = run("score", "lao-cai-2023", UNITS, "--as-of", "31/13/2023")
    assert bad.exit_code == 2 and "Traceback" not in bad.output
    assert "'31/13/2023' không phải là ngày" in bad.stderr
    bad = run("titles", "titles", str(ROOT / "fixtures/titles-lao-cai/titles.xlsx"), "--year",
              "2024", "--decision-date", "hôm qua", "--lang", "en")
    assert bad.exit_code == 2 and "is not a date" in bad.stderr


def test_help_is_vietnamese_unless_english_is_asked_for():
    assert "Cách dùng:" in run("--help").stdout and "Lệnh:" in run("--help").stdout
    vi = run("score", "--help").stdout
    assert "Tùy chọn:" in vi and "ghi kết quả" in vi
    en = run("score", "--lang", "en", "--help").stdout
    assert "Options:" in en and "write results" in en
    assert "Options:" in run("score", "--help", env={"TDKT_LANG": "en"}).stdout
    err = run("score", "fixtures", UNITS)
    assert err.exit_code == 2 and "Lỗi trong bộ quy tắc" in err.stderr
    err = run("score", "fixtures", UNITS, env={"TDKT_LANG": "en"})
    assert "Rule error" in err.stderr


def test_only_data_on_stdout():
    r = run("score", "lao-cai-2023", str(LAYOUTS / "bieu-tong-hop.xlsx"))
    assert r.exit_code == 0
    assert "Số dòng đầu vào 11" in r.stderr and "dòng tiêu đề cột ở dòng 6" in r.stderr
    assert "Cảnh báo" not in r.stdout and "Số dòng đầu vào" not in r.stdout
    assert "Hội CTĐ huyện Bát Xát" in r.stdout


def test_limit_and_width():
    r = run("titles", "titles", str(ROOT / "fixtures/titles-lao-cai/titles.xlsx"), "--year",
            "2024", "--limit", "2", "--width", "100")
    assert r.exit_code == 0, r.output
    assert "… và" in r.stdout and "dòng nữa" in r.stdout
    assert max(len(x) for x in r.stdout.splitlines()) <= 100
    r = run("score", "lao-cai-2023", UNITS, "--width", "90")
    assert max(len(x) for x in r.stdout.splitlines()) <= 90
    assert "cột không đủ chỗ được ẩn" in r.stdout
    assert run("rules", "--limit", "1").exit_code == 0
    assert run("delegates", "thai-nguyen-2019", str(ROOT / "fixtures/thai-nguyen-2019"),
               "--level", "huyen", "--limit", "1").exit_code == 0


def test_map_command_writes_a_reusable_map(tmp_path):
    out = tmp_path / "map.yaml"
    r = run("map", "lao-cai-2023", str(LAYOUTS / "tieu-de-khac.xlsx"), "-o", str(out))
    assert r.exit_code == 0, r.output
    text = out.read_text(encoding="utf-8")
    assert "đoán, cần xem lại" in text
    assert yaml.safe_load(text)["columns"]["Số HCS"] == "grassroots_chapters"
    r = run("score", "lao-cai-2023", str(LAYOUTS / "tieu-de-khac.xlsx"), "--map", str(out))
    assert r.exit_code == 0, r.output


def test_progress_bar_in_the_output_language(monkeypatch):
    monkeypatch.setattr(ui, "DELAY", 0.0)
    buf = io.StringIO()
    err = Console(file=buf, force_terminal=True, width=100)
    rules = tdkt.load_rules("lao-cai-2023")
    with ui.progress_bar(err, "vi"):
        import time
        time.sleep(0.3)
        rules.score(UNITS)
        time.sleep(0.3)
    assert "Đọc dữ liệu" in buf.getvalue() or "Kiểm tra dữ liệu" in buf.getvalue()
    quiet = io.StringIO()
    with ui.progress_bar(Console(file=quiet, force_terminal=True), "vi", quiet=True):
        rules.score(UNITS)
    assert quiet.getvalue() == ""


def test_workbooks_are_byte_identical_and_formatted(tmp_path):
    res = tdkt.load_rules("lao-cai-2023").score(UNITS)
    a, b = tmp_path / "a.xlsx", tmp_path / "b.xlsx"
    write_result(res, a)
    write_result(res, b)
    assert a.read_bytes() == b.read_bytes()
    wb = openpyxl.load_workbook(a)
    ws = wb["Xếp hạng"]
    assert ws.freeze_panes and ws.auto_filter.ref and ws.print_title_rows == "$1:$1"
    assert ws.page_setup.orientation == "landscape" and ws.page_setup.paperSize == 9
    assert ws.sheet_properties.pageSetUpPr.fitToPage and ws.page_setup.fitToWidth == 1
    assert "2023.1" in ws.oddHeader.right.text
    assert ws.column_dimensions["D"].width > 10
    reasons = wb["Lý do"]
    assert [c.value for c in reasons[1]][:7] == ["Mã đơn vị", "Tên đơn vị", "Mã chỉ tiêu",
                                                 "Nội dung", "Trích dẫn", "Áp dụng", "Đạt"]
    assert reasons.column_dimensions["C"].hidden      # the criterion's code, for machines
    assert {reasons.cell(r, 7).value for r in range(2, 20)} <= {"Có", "Không"}


def test_sheets_past_the_row_limit_are_split_or_go_to_csv(tmp_path, monkeypatch):
    monkeypatch.setattr(xlsx, "MAX_ROWS", 11)
    frame = pd.DataFrame({"Mã": [f"u{i}" for i in range(25)], "Điểm": range(25)})
    notes = pd.DataFrame({"Nội dung": []})
    done = write_workbook(tmp_path / "x.xlsx",
                          [Sheet("Dài", frame), Sheet("Lý do", frame, overflow="csv"),
                           Sheet("Cảnh báo", notes, notes=True)], Header("T", "v"))
    wb = openpyxl.load_workbook(tmp_path / "x.xlsx")
    assert wb.sheetnames == ["Dài (1)", "Dài (2)", "Dài (3)", "Cảnh báo"]
    assert sum(ws.max_row - 1 for ws in wb.worksheets[:3]) == 25
    assert done.files[1].endswith("x.ly-do.csv")
    assert len(pd.read_csv(done.files[1])) == 25
    said = [c.value for c in wb["Cảnh báo"]["A"]][1:]
    assert any("chia thành 3 trang tính" in s for s in said)
    assert any("x.ly-do.csv" in s for s in said)


def test_explain_a_unit_by_its_name():
    by_id = run("explain", "lao-cai-2023", UNITS, "bat_xat")
    by_name = run("explain", "lao-cai-2023", UNITS, "Bát Xát")
    assert by_id.exit_code == by_name.exit_code == 0
    assert by_id.stdout == by_name.stdout
