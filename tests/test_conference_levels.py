"""Conference levels are declared data (issue 12, item 4): renaming a level in a copy of the
rule set and its data changes nothing but the id, the level the plan check judges reports for
comes from the rule set (or --level), and words name levels by their declared titles."""
from __future__ import annotations

import ast
import json
import re
import shutil
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner

from thiduakhenthuong.cli.main import main
from thiduakhenthuong.errors import UsageError
from thiduakhenthuong.jobs.conferences.api import check_plans, evaluate_delegates

ROOT = Path(__file__).resolve().parents[1]
RULES = ROOT / "rules" / "thai-nguyen-2019"
FIX = ROOT / "fixtures" / "thai-nguyen-2019"
LEVEL_COLUMN = "Cấp hội nghị"
LABEL_TO_ID = {"Cơ sở": "co_so", "Huyện": "huyen", "Tỉnh": "tinh"}


def _data_with_ids(dst: Path, rename: dict[str, str]) -> Path:
    """A copy of the fixture data whose level column holds level ids (not labels), renamed."""
    dst.mkdir()
    for f in FIX.glob("*.csv"):
        frame = pd.read_csv(f, dtype=str, keep_default_na=False)
        if LEVEL_COLUMN in frame:
            ids = frame[LEVEL_COLUMN].map(LABEL_TO_ID)
            frame[LEVEL_COLUMN] = ids.map(lambda x: rename.get(x, x))
        frame.to_csv(dst / f.name, index=False)
    return dst


def _renamed_rules(dst: Path, old: str, new: str) -> Path:
    """A copy of the rule set with ``old`` replaced by ``new`` in every YAML file."""
    shutil.copytree(RULES, dst)
    for f in dst.glob("*.yaml"):
        f.write_text(f.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
    return dst


@pytest.fixture(scope="module")
def renamed(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("levels")
    return {"rules": _renamed_rules(tmp / "rules", "huyen", "xa"),
            "data": _data_with_ids(tmp / "data", {"huyen": "xa"}),
            "data_before": _data_with_ids(tmp / "data_before", {})}


def _comparable(doc: str, old: str | None = None, new: str | None = None) -> dict:
    """A result's JSON with the rule set's identity dropped and, if asked, ``old`` read as
    ``new`` (only where it stands as a whole id or inside a parameter name)."""
    if old is not None:
        doc = re.sub(rf"(?<![A-Za-z]){old}(?![A-Za-z])", new, doc)
    out = json.loads(doc)
    for k in ("ruleset_hash", "source"):
        out.pop(k, None)
    if out.get("awards"):
        out["awards"].pop("source")
    if "parameters" in out:         # listed by name: cap_xa sorts elsewhere than cap_huyen
        out["parameters"] = sorted(out["parameters"], key=lambda p: p["name"])
    return out


def test_the_renamed_copy_really_has_no_huyen(renamed):
    text = "".join(f.read_text(encoding="utf-8") for f in renamed["rules"].glob("*.yaml"))
    assert "huyen" not in text and "cap_xa" in text and "- id: xa" in text
    assert "xa" in set(pd.read_csv(renamed["data"] / "ung-vien.csv", dtype=str)[LEVEL_COLUMN])


@pytest.mark.parametrize("level", ["huyen", "co_so"])
def test_delegates_same_decisions_after_renaming_a_level(renamed, level):
    before = evaluate_delegates(RULES, renamed["data_before"], level)
    after = evaluate_delegates(renamed["rules"], renamed["data"],
                               "xa" if level == "huyen" else level)
    assert before.to_frame().equals(after.to_frame())
    assert _comparable(before.to_json(), "huyen", "xa") == _comparable(after.to_json())
    # The words name levels by their titles, which did not change: only the id did.
    assert [d.reason for d in before.decisions()] == [d.reason for d in after.decisions()]
    assert any(s.next_level == ("xa" if level == "co_so" else "tinh")
               for s in after.summaries())


def test_plan_check_same_findings_after_renaming_a_level(renamed):
    before = check_plans(RULES, renamed["data_before"])
    after = check_plans(renamed["rules"], renamed["data"])     # default: the reporting level
    assert before.report_level == "huyen" and after.report_level == "xa"
    assert before.findings and [f.message for f in before.findings] == \
        [f.message for f in after.findings]
    assert _comparable(before.model_dump_json(), "huyen", "xa") == \
        _comparable(after.model_dump_json())
    # The labelled fixture data read by the renamed rules give the same findings too.
    assert [f.code for f in check_plans(renamed["rules"], FIX).findings] == \
        [f.code for f in before.findings]


def test_cli_plan_check_on_the_renamed_rules(renamed):
    runner = CliRunner()
    a = runner.invoke(main, ["plan-check", str(RULES), str(renamed["data_before"]), "--lang",
                             "en"])
    b = runner.invoke(main, ["plan-check", str(renamed["rules"]), str(renamed["data"]),
                             "--lang", "en"])
    c = runner.invoke(main, ["plan-check", str(renamed["rules"]), str(renamed["data"]),
                             "--level", "xa", "--lang", "en"])
    assert a.exit_code == b.exit_code == c.exit_code == 1, b.output
    assert a.output == b.output == c.output
    assert "district, city, town chapter" in a.output


def test_reasons_and_findings_name_the_level_by_its_title():
    rep = check_plans(RULES, FIX)
    over = next(f for f in rep.findings if f.code == "over_cap")
    assert over.level == "huyen" and over.level_title.en == "District, city, town"
    assert "cấp huyện, thành, thị" in over.message.vi
    assert "district, city, town conference" in over.message.en
    late = next(f for f in rep.findings if f.code == "late")
    assert "Hội cấp huyện, thành, thị" in late.message.vi
    res = evaluate_delegates(RULES, FIX, "co_so")
    out = [d for d in res.decisions() if d.outcome == "eligible" and not d.selected]
    assert out and all("grassroots conference" in d.reason.en for d in out)
    assert all("hội nghị cấp cơ sở" in d.reason.vi for d in out)
    assert all("co_so" not in d.reason.en for d in res.decisions())


def _no_deadline_rules(tmp_path: Path) -> Path:
    dst = tmp_path / "rules"
    shutil.copytree(RULES, dst)
    meta = dst / "meta.yaml"
    text = meta.read_text(encoding="utf-8")
    text = re.sub(r"\n    reports_by: report_deadline\n    report_cite: [^\n]+", "", text)
    meta.write_text(text, encoding="utf-8")
    return dst


def test_no_declared_reporting_level_is_a_usage_error_naming_the_levels(tmp_path):
    rules = _no_deadline_rules(tmp_path)
    with pytest.raises(UsageError) as e:
        check_plans(rules, FIX)
    assert "no level declares a report deadline" in str(e.value)
    assert "Cấp huyện, thành, thị" in str(e.value) and "huyen" in str(e.value)
    # Plans without reports need no level at all.
    assert check_plans(rules, {"plans": pd.read_csv(FIX / "ke-hoach.csv", dtype=str)}).findings
    r = CliRunner().invoke(main, ["plan-check", str(rules), str(FIX)])
    assert r.exit_code == 2 and "--level" in r.output and "co_so" in r.output


def test_a_level_without_a_deadline_or_unknown_is_a_usage_error():
    with pytest.raises(UsageError, match="declares no report deadline"):
        check_plans(RULES, FIX, "co_so")
    with pytest.raises(UsageError, match="unknown level 'xa'"):
        check_plans(RULES, FIX, "xa")
    r = CliRunner().invoke(main, ["plan-check", str(RULES), str(FIX), "--level", "tinh"])
    assert r.exit_code == 2 and "huyen (Cấp huyện, thành, thị" in r.output


def test_report_level_is_still_accepted():
    a = check_plans(RULES, FIX, report_level="huyen")
    b = check_plans(RULES, FIX, level="huyen")
    assert a == b
    with pytest.raises(UsageError, match="two levels"):
        check_plans(RULES, FIX, level="huyen", report_level="tinh")


def _code_strings(path: Path) -> list[str]:
    """The string constants of a module that are not docstrings (doctests are documentation
    and run on the bundled rule set)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docs = {id(n.body[0].value) for n in ast.walk(tree)
            if isinstance(n, (ast.Module, ast.FunctionDef, ast.ClassDef, ast.AsyncFunctionDef))
            and n.body and isinstance(n.body[0], ast.Expr)
            and isinstance(n.body[0].value, ast.Constant)}
    return [n.value for n in ast.walk(tree) if isinstance(n, ast.Constant)
            and isinstance(n.value, str) and id(n) not in docs]


def test_the_code_knows_no_level_id():
    """Only rule sets, tests and docs may name a level; the library reads them from the rules."""
    src = ROOT / "src" / "thiduakhenthuong"
    files = sorted((src / "jobs" / "conferences").glob("*.py")) + [src / "cli" / "conferences.py"]
    offenders = [f"{f.name}: {s!r}" for f in files for s in _code_strings(f)
                 if re.search(r"\b(huyen|co_so|tinh)\b", s)]
    assert offenders == []
