"""Bad input for titles: row-level errors, nothing valid lost, counts always reconcile; CLI
exit codes and outputs."""
from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner

from thiduakhenthuong import evaluate_titles
from thiduakhenthuong.cli.main import main
from thiduakhenthuong.errors import RuleError

RULES = Path(__file__).resolve().parents[1] / "rules" / "titles"
ATTEST = {"solidarity": "Có", "solidarity_by": "Chủ tịch", "solidarity_on": "20/12/2024"}


def person(pid, year, **kw):
    return {"person_id": pid, "full_name": "Lò Thị Mai", "unit_id": "u1", "year": year,
            "rating": "htt", **ATTEST, **kw}


def unit(year, **kw):
    return {"unit_id": "u1", "unit_name": "Hội CTĐ huyện Sa Pa", "year": year,
            "unit_rating": "htt", **kw}


def test_bad_rows_are_rejected_and_counts_reconcile():
    people = [person("a", 2024), person("b", 2024, rating="giỏi"),             # bad enum
              person("c", 2023), person("c", 2024),                            # history ok
              person("d", 2023, initiatives="nhiều"), person("d", 2024),       # bad history
              person("e", 2024), person("e", 2024),                            # duplicate
              person("f", 2024, unit_id="u9"),                                 # unknown unit
              person("g", 2030), person("h", 2015)]                            # other years
    res = evaluate_titles(RULES, {"people": people, "units": [unit(2024), unit(2023)]}, 2024)
    c = res.counts()
    assert c["rows_in"] == len(people) + 2
    assert c["rows_in"] == c["judged"] + c["history"] + c["ignored"] + c["rejected"]
    rejected = {(r.table, r.unit_id): {p.code for p in r.problems} for r in res.rejected}
    assert "not_allowed" in rejected[("people", "b")]
    assert "not_a_number" in rejected[("people", "d")] or \
        "history_rejected" in rejected[("people", "d")]
    assert {r.row for r in res.rejected if r.unit_id == "d"} == {5, 6}
    assert {r.row for r in res.rejected if r.unit_id == "e"} == {7, 8}
    assert "reference" in rejected[("people", "f")]
    judged = set(res.people.subjects.ids.tolist())
    assert judged == {"a", "c"}
    assert res.outcome("a", "ldtt") == "eligible"


def test_a_date_no_regime_covers_is_an_error_naming_the_nearest_regimes():
    with pytest.raises(RuleError, match="no regime is in force on 31/01/2016.*regime-2003") as e:
        evaluate_titles(RULES, {"people": [person("a", 2015)]}, 2015)
    assert "--decision-date" in e.value.suggestion and "--regime" in e.value.suggestion


def test_people_without_units_still_get_individual_titles():
    res = evaluate_titles(RULES, {"people": [person("a", 2024)]}, 2024)
    assert res.outcome("a", "ldtt") == "eligible"
    assert [t.id for t in res.titles()] == ["ldtt", "cstdcs", "cstd_tinh", "cstd_tq",
                                            "bang_khen_tinh"]


def test_cli_titles_writes_outputs_and_exits_1_on_rejections(tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    pd.DataFrame([person("a", 2024, full_name="=HYPERLINK(\"x\")"), {**person("b", 2024), "year": "x"}]) \
        .rename(columns={"person_id": "Mã cá nhân", "full_name": "Họ và tên"}) \
        .to_csv(data / "ca-nhan.csv", index=False)
    pd.DataFrame([unit(2024)]).to_csv(data / "tap-the.csv", index=False)
    out_json, out_xlsx, out_csv = tmp_path / "t.json", tmp_path / "t.xlsx", tmp_path / "t.csv"
    r = CliRunner().invoke(main, ["titles", str(RULES), str(data), "--year", "2024", "-o",
                                  str(out_json), "-o", str(out_xlsx), "-o", str(out_csv),
                                  "--explain", "a", "--lang", "en"])
    assert r.exit_code == 1, r.output
    assert "Advanced Worker" in r.output and "Rows in 3 = judged 2" in r.output
    doc = json.loads(out_json.read_text(encoding="utf-8"))
    assert doc["rejected_count"] == 1 and doc["regime"] == "law-2022"
    sheets = pd.read_excel(out_xlsx, sheet_name=None)
    assert {"Proposals", "Decisions", "Reasons", "Totals", "Rejected rows"} <= set(sheets)
    names = sheets["Decisions"]["Name"].astype(str)
    assert not names.str.startswith("=").any() and names.str.startswith("'=").any()
    assert (tmp_path / "t.rejected.csv").exists()


def test_cli_unknown_year_exits_2(tmp_path):
    r = CliRunner().invoke(main, ["titles", str(RULES), str(tmp_path), "--year", "2010"])
    assert r.exit_code == 2 and "không có chế độ pháp lý nào có hiệu lực ngày 31/01/2011" in r.output


def test_typed_frames_with_nullable_booleans_and_timezones():
    people = pd.DataFrame([person("a", 2024), person("b", 2024)])
    people["solidarity"] = pd.array([True, None], dtype="boolean")
    people["solidarity_on"] = pd.to_datetime(["2024-12-20", "2024-12-20"]).tz_localize(
        "Asia/Ho_Chi_Minh")
    people["year"] = pd.array([2024, 2024], dtype="Int64")
    res = evaluate_titles(RULES, {"people": people}, 2024)
    assert res.counts()["rejected"] == 0
    assert res.outcome("a", "ldtt") == "eligible"
    assert res.outcome("b", "ldtt") == "not_determinable"
