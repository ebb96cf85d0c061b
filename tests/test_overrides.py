"""Council overrides: data applied after the rules, shown beside the rule-derived outcome, never
hiding it, and recorded in the audit bundle."""
import json

import openpyxl
from click.testing import CliRunner

from thiduakhenthuong import evaluate_titles, load_rules
from thiduakhenthuong.cli.main import main
from thiduakhenthuong.select.overrides import apply_overrides

COUNCIL = {"Hội đồng": "Hội đồng TĐKT Hội CTĐ tỉnh Lào Cai", "Ngày quyết định": "20/01/2025",
           "Số văn bản": "05/QĐ-HĐTĐKT"}


def test_title_override_sits_beside_the_rules_outcome():
    res = evaluate_titles("rules/titles", "fixtures/titles-lao-cai/titles.xlsx", 2024)
    assert res.decision("p005", "cstdcs").proposed
    done, bad = apply_overrides(res, [
        {"STT": "1", "Mã": "p005", "Nội dung điều chỉnh": "cstdcs", "Kết quả": "not_proposed",
         "Lý do": "đang xem xét đơn thư", **COUNCIL},
        {"STT": "2", "Mã": "p005", "Nội dung điều chỉnh": "khong_co", "Kết quả": "proposed",
         "Lý do": "nhầm", **COUNCIL},
        {"STT": "3", "Mã": "p005", "Nội dung điều chỉnh": "ldtt", "Kết quả": "proposed",
         "Lý do": "", **COUNCIL}])
    assert [(a.override.subject_id, a.rule_value, a.final_value, a.changed) for a in done] == [
        ("p005", "proposed", "not_proposed", True)]
    assert sorted((r.row, r.table) for r in bad) == [(2, "overrides"), (3, "overrides")]
    assert res.decision("p005", "cstdcs").proposed  # the rules' outcome is kept
    doc = json.loads(res.to_json())
    assert doc["overrides"][0]["override"]["document"] == "05/QĐ-HĐTĐKT"


def test_score_override_in_workbook_and_bundle(tmp_path):
    ov = tmp_path / "overrides.csv"
    ov.write_text("STT,Mã,Nội dung điều chỉnh,Kết quả,Hội đồng,Ngày quyết định,Lý do,Số văn bản\n"
                  "1,van_ban,class,htt,Hội đồng TĐKT Hội CTĐ tỉnh,10/01/2024,"
                  "bổ sung minh chứng,12/QĐ-HĐ\n", encoding="utf-8")
    out, bundle = tmp_path / "s.xlsx", tmp_path / "s.tdkt.json"
    r = CliRunner().invoke(main, ["score", "rules/lao-cai-2023",
                                  "fixtures/lao-cai-2023/units.csv", "--overrides", str(ov),
                                  "-o", str(out), "--bundle", str(bundle)])
    assert r.exit_code == 0, r.output
    assert "Điều chỉnh của Hội đồng" in r.output and "12/QĐ-HĐ" in r.output
    sheet = openpyxl.load_workbook(out)["Điều chỉnh"]
    rows = list(sheet.values)
    assert rows[1][:4] == ("van_ban", "class", "ht", "htt")
    recorded = json.loads(bundle.read_text(encoding="utf-8"))
    assert recorded["job"]["overrides"][0]["document"] == "12/QĐ-HĐ"
    v = CliRunner().invoke(main, ["verify", str(bundle), "--lang", "en"])
    assert v.exit_code == 0, v.output
    res = load_rules("rules/lao-cai-2023").score("fixtures/lao-cai-2023/units.csv")
    assert res.unit("van_ban").class_id == "ht"
