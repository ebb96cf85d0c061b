import json
import subprocess
import sys

from click.testing import CliRunner

from thiduakhenthuong.cli.main import main

from conftest import BAD, FIXTURE, RULES


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


def test_score_prints_all_units_ranked_and_exits_0(tmp_path):
    out = tmp_path / "r.json"
    r = run("score", RULES, FIXTURE / "units.csv", "-o", out)
    assert r.exit_code == 0, r.output
    for name in ("Lào Cai", "Bát Xát", "Si Ma Cai", "Mường", "Văn Bàn"):
        assert name in r.output
    assert "11 = đã chấm 11 + bị loại 0" in r.output
    assert len(json.loads(out.read_text(encoding="utf-8"))["units"]) == 11


def test_score_with_rejections_exits_1_and_still_writes(tmp_path):
    out = tmp_path / "r.csv"
    r = run("score", RULES, BAD / "wrong_types.csv", "-o", out)
    assert r.exit_code == 1
    assert "nhiều" in r.output and "dòng 7" in r.output
    assert out.exists() and (tmp_path / "r.rejected.csv").exists()


def test_rule_error_exits_2_with_location():
    r = run("check", BAD / "rules" / "unknown_field")
    assert r.exit_code == 2
    assert "scoring.yaml:" in r.output and "t07_blood_units" in r.output


def test_unreadable_input_exits_2():
    assert run("score", RULES, BAD / "not_utf8.csv").exit_code == 2
    assert run("score", RULES, FIXTURE / "nope.csv").exit_code == 2


def test_explain_in_vietnamese_and_english():
    vi = run("explain", RULES, FIXTURE / "units.csv", "van_ban")
    assert vi.exit_code == 0, vi.output
    assert "mục II.7 Công văn số 21/CTĐ-VP" in vi.output
    assert "còn thiếu 420 đơn vị máu" in vi.output
    assert "Vì sao chưa đạt" in vi.output
    en = run("explain", RULES, FIXTURE / "units.csv", "van_ban", "--lang", "en")
    assert "420 blood units short" in en.output and "Why not" in en.output
    assert "section II.7 of Letter No. 21/CTĐ-VP" in en.output


def test_explain_shows_veto_and_award():
    r = run("explain", RULES, FIXTURE / "units.csv", "bao_thang")
    assert "mục II.10 Công văn số 21/CTĐ-VP" in r.output and "Bị hạ xuống" in r.output
    r = run("explain", RULES, FIXTURE / "units.csv", "tp_lao_cai", "--lang", "en")
    assert "emulation flag" in r.output


def test_explain_unknown_unit_exits_2():
    r = run("explain", RULES, FIXTURE / "units.csv", "khong_co")
    assert r.exit_code == 2 and "bat_xat" in r.output


def test_console_script_installed():
    r = subprocess.run([sys.executable, "-m", "thiduakhenthuong.cli", "check", str(RULES)],
                       capture_output=True, text=True)
    assert r.returncode == 0 and "Hợp lệ: lao-cai-2023" in r.stdout
