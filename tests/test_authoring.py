"""Rule authors' tools: ``tdkt test`` on every shipped rule set (and failing on mutated ones),
``tdkt schema`` validating every shipped rule file, ``tdkt new`` for each kind."""
from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import jsonschema
import pytest
import yaml
from click.testing import CliRunner

from thiduakhenthuong.cli.main import main
from thiduakhenthuong.rulebook.cases import expected, run_suite
from thiduakhenthuong.rulebook.discover import BUNDLED, find_rule_sets
from thiduakhenthuong.rulebook.ruleset import load
from thiduakhenthuong.rulebook.schema import file_schema

RULE_SETS = find_rule_sets(BUNDLED)


def _run(*args: str):
    return CliRunner().invoke(main, list(args))


# --- tdkt test -----------------------------------------------------------------------------------
def test_every_shipped_rule_set_carries_cases_that_pass():
    r = _run("test", str(BUNDLED))
    assert r.exit_code == 0, r.output
    assert r.output.count("✓") == len(RULE_SETS) >= 6
    for rs in RULE_SETS:
        reports = run_suite(rs)
        assert reports and reports[0].outcomes, f"{rs.name} has no cases"


def _copy(rule_dir: Path, tmp: Path) -> Path:
    """A copy of a rule set (with the folder it includes files from, for regimes)."""
    if rule_dir.parent != BUNDLED:
        shutil.copytree(rule_dir.parent, tmp / rule_dir.parent.name)
        return tmp / rule_dir.parent.name / rule_dir.name
    shutil.copytree(rule_dir, tmp / rule_dir.name)
    return tmp / rule_dir.name


def _parameter_file(d: Path) -> Path:
    return next(p for p in sorted(d.glob("*.yaml"))
                if "parameters" in (yaml.safe_load(p.read_text("utf-8")) or {}))


def _mutate(d: Path, name: str) -> None:
    """Change one parameter's every value: a number by half again (a zero becomes 1)."""
    f = _parameter_file(d)
    doc = yaml.safe_load(f.read_text("utf-8"))
    for dv in doc["parameters"][name]["values"]:
        v = dv["value"]
        if isinstance(v, dict):
            dv["value"] = {k: (x * 1.5 if x else 1) if isinstance(x, (int, float)) and
                           not isinstance(x, bool) else x for k, x in v.items()}
        else:
            dv["value"] = v * 1.5 if v else 1
    f.write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), "utf-8")


def _numeric_parameters(d: Path) -> list[str]:
    doc = yaml.safe_load(_parameter_file(d).read_text("utf-8"))
    out = []
    for name, p in doc["parameters"].items():
        if "values" not in p:       # a layer re-citing its base's parameter
            continue
        v = p["values"][0]["value"]
        vals = v.values() if isinstance(v, dict) else [v]
        if all(isinstance(x, (int, float)) and not isinstance(x, bool) for x in vals):
            out.append(name)
    return out


def test_a_mutated_weight_fails_the_cases_with_expected_actual_and_explanation(tmp_path):
    d = _copy(BUNDLED / "lao-cai-2023", tmp_path)
    _mutate(d, "w_t03")
    r = _run("test", str(d))
    assert r.exit_code == 1
    assert "expected 102.5, got" in r.output          # tp_lao_cai's total
    assert "Tổng điểm" in r.output and "điểm chỉ tiêu" in r.output  # the differing explanation
    assert "✗ lao-cai-2023" in r.output


#: Parameters of each shipped rule set its cases must notice when changed: every weight and
#: class threshold of the scoring rule sets, and a threshold of each of the others.
MUST_KILL = {
    "lao-cai-2023": ["w_t01", "w_t02", "w_t03", "w_t04", "w_t05", "w_t06", "w_t07_units",
                     "w_t07_share", "w_t08", "w_t09", "w_t10", "w_t11", "w_t12",
                     "class_htxs_min", "class_htt_min", "class_ht_min"],
    "tphcm-quan-huyen": ["score_max", "city_flag_points", "ministry_flag_points",
                         "government_flag_points"],
    "ccb-cum-3": ["scale_max"],
    "regime-2003": None, "regime-2022": None, "thai-nguyen-2019": None,
    # Layers: the numbers they set themselves (the rest is their base's, tested there).
    "regime-2025": ["discipline_period_months"], "regime-2026": [], "lao-cai-titles": [],
}


@pytest.mark.parametrize("rule_dir", RULE_SETS, ids=[p.name for p in RULE_SETS])
def test_mutated_rule_sets_fail_their_cases(tmp_path, rule_dir):
    names = MUST_KILL[rule_dir.name]
    if names == []:
        assert run_suite(rule_dir)[0].outcomes, f"{rule_dir.name} has no cases"
        return
    candidates = _numeric_parameters(rule_dir)
    todo = names if names is not None else candidates
    killed, survived = [], []
    for name in todo:
        run = tmp_path / name
        run.mkdir()
        d = _copy(rule_dir, run)
        _mutate(d, name)
        (killed if not all(rep.passed for rep in run_suite(d)) else survived).append(name)
    if names is not None:
        assert not survived, f"mutants not caught by the cases: {survived}"
    else:
        # Title and conference rule sets: their cases must catch some threshold change.
        assert killed, f"no parameter change of {rule_dir.name} fails its cases"


def test_a_broken_case_file_is_a_rule_error(tmp_path):
    d = _copy(BUNDLED / "ccb-cum-3", tmp_path)
    (d / "tests" / "cases.yaml").write_text("cases:\n  - {id: x}\n", "utf-8")
    r = _run("test", str(d))
    assert r.exit_code == 2 and "needs 'id', data and 'expect'" in r.output


def test_spreadsheet_cases_and_margins(tmp_path):
    d = _copy(BUNDLED / "ccb-cum-3", tmp_path)
    (d / "tests" / "bang.csv").write_text(
        "Mã cơ sở Hội,Điểm tự chấm,expect: total,expect: class\n"
        "hoa_binh,\"88,6\",\"88,5 ± 0,2\",xuat_sac\n"
        "hoa_hung,70,\"71 ± 2%\",vung_manh\n", "utf-8")
    assert _run("test", str(d)).exit_code == 0
    (d / "tests" / "bang.csv").write_text(
        "Mã cơ sở Hội,Điểm tự chấm,expect: total\nhoa_binh,\"88,6\",\"88,5 ± 0,05\"\n", "utf-8")
    r = _run("test", str(d))
    assert r.exit_code == 1 and "expected 88.5 ± 0.05, got 88.6" in r.output
    assert expected("107 ± 2%").holds(109) and not expected("107 ± 2%").holds(110)


# --- tdkt schema ---------------------------------------------------------------------------------
def _json_ready(v):
    if isinstance(v, dict):
        return {str(k): _json_ready(x) for k, x in v.items()}
    if isinstance(v, list):
        return [_json_ready(x) for x in v]
    if isinstance(v, dt.date):
        return v.isoformat()
    return v


def _rule_files():
    out = []
    for rs in RULE_SETS:
        kind = load(rs).kind
        out += [(kind, f) for f in sorted(rs.glob("*.yaml"))]
    out += [("titles", f) for f in sorted((BUNDLED / "titles" / "_common").glob("*.yaml"))]
    return out


@pytest.mark.parametrize("kind,path", _rule_files(),
                         ids=[str(f.relative_to(BUNDLED)) for _, f in _rule_files()])
def test_the_schema_validates_every_shipped_rule_file(kind, path):
    layered = any("extends" in (yaml.safe_load(f.read_text("utf-8")) or {})
                  for f in path.parent.glob("*.yaml"))
    schema = file_schema(kind, layer=layered)
    jsonschema.Draft202012Validator.check_schema(schema)
    doc = _json_ready(yaml.safe_load(path.read_text("utf-8")))
    errors = sorted(jsonschema.Draft202012Validator(schema).iter_errors(doc), key=str)
    assert not errors, [e.message for e in errors]


def test_the_schema_flags_a_misspelt_key_and_describes_keys():
    schema = file_schema("scoring")
    doc = {"criteria": [{"id": "a", "title": {"vi": "a", "en": "a"}, "cite": "X §1",
                         "condition": "true", "scoring": {"method": "all_or_nothing"},
                         "max_points": 5, "max_point": 5}]}
    errors = list(jsonschema.Draft202012Validator(schema).iter_errors(doc))
    assert any("max_point" in e.message for e in errors)
    crit = schema["$defs"]["Criterion"]["properties"]
    assert "description" in crit["points"] and "description" in crit["max_points"]


def test_schema_command_writes_every_kind(tmp_path):
    r = _run("schema", "-o", str(tmp_path))
    assert r.exit_code == 0, r.output
    names = sorted(p.name for p in tmp_path.iterdir())
    assert names == ["delegates.schema.json", "scoring.schema.json", "titles.schema.json"]
    one = _run("schema", "scoring")
    assert json.loads(one.output)["title"] == "thiduakhenthuong scoring rule file"


# --- tdkt new ------------------------------------------------------------------------------------
@pytest.mark.parametrize("kind", ["scoring", "titles", "conferences"])
def test_new_rule_sets_pass_check_and_their_case(tmp_path, kind):
    r = _run("new", kind, f"my-{kind}", "-o", str(tmp_path), "--year", "2026")
    assert r.exit_code == 0, r.output
    d = tmp_path / f"my-{kind}"
    assert (d / "tests" / "cases.yaml").is_file()
    assert _run("check", str(d)).exit_code == 0
    t = _run("test", str(d))
    assert t.exit_code == 0 and "1 of 1 cases passed" in t.output, t.output
    again = _run("new", kind, f"my-{kind}", "-o", str(tmp_path))
    assert again.exit_code == 2  # an existing directory is never touched


def test_a_workbook_case_table_with_several_cases(tmp_path):
    import pandas as pd
    d = _copy(BUNDLED / "tphcm-quan-huyen", tmp_path)
    pd.DataFrame({
        "case": ["hai_so", "hai_so", "co_chinh_phu"],
        "Mã quận huyện": ["q1", "q1", "cu_chi"],
        "Sở - Ban - Ngành": ["so_y_te", "so_giao_duc", "so_y_te"],
        "Điểm": ["90", "80", "91"],
        "Cờ thi đua Chính phủ": ["", "", "Có"],
        "expect: total": ["85", "85", "106"],
        "expect: rank_cluster": ["1", "", "1"],
    }).to_excel(d / "tests" / "bang.xlsx", index=False)
    r = _run("test", str(d))
    assert r.exit_code == 0 and "6 of 6 cases passed" in r.output, r.output
