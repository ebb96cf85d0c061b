"""Rule sets layered on others (extends:): a province's own rules on the national regimes, and a
newer regime written as the changes to the one before it."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import thiduakhenthuong as tdkt
from thiduakhenthuong.errors import RuleError, RuleErrors
from thiduakhenthuong.rulebook.load import read_rule_set

ROOT = Path(__file__).resolve().parents[1]
TITLES = ROOT / "rules" / "titles"
BOOK = ROOT / "fixtures" / "titles-lao-cai" / "titles.xlsx"


def person(pid: str, year: int, **kw) -> dict:
    return {"person_id": pid, "unit_id": "u1", "year": year, "rating": "htt",
            "solidarity": "Có", "solidarity_by": "CT", "solidarity_on": f"20/12/{year}", **kw}


@pytest.mark.parametrize("year", [2024, 2025, 2026])
def test_lao_cai_layer_adds_its_condition_on_every_regime_from_2024(year):
    people = [person("clean", year), person("fined", year, admin_sanction="Có")]
    national = tdkt.evaluate("titles", {"people": people}, year=year)
    local = tdkt.evaluate("lao-cai-titles", {"people": people}, year=year)
    assert national.outcome("fined", "ldtt") == "eligible"
    assert local.outcome("fined", "ldtt") == "not_eligible"
    assert local.outcome("clean", "ldtt") == "eligible"
    d = local.decision("fined", "ldtt")
    assert [x.id for x in d.exclusions if x.status == "applies"] == ["x_admin_sanction"]
    assert local.regime_choice.rule_set.startswith("lao-cai-titles + regime-20")
    assert local.model.meta.regime.id == national.model.meta.regime.id


def test_lao_cai_layer_leaves_the_regimes_before_it_alone():
    people = [person("fined", 2023, admin_sanction="Có")]
    local = tdkt.evaluate("lao-cai-titles", {"people": people}, year=2023)
    assert local.regime_choice.rule_set == "regime-2003"
    assert "x_admin_sanction" not in {x.id for x in local.model.exclusions}


def _layer(tmp: Path, text: str, name: str = "local") -> Path:
    """A copy of the titles regimes with one more rule set beside them."""
    root = tmp / "rules"
    shutil.copytree(TITLES, root / "titles")
    d = root / "titles" / name
    d.mkdir()
    (d / "layer.yaml").write_text(text, encoding="utf-8")
    return d


def test_a_layer_replaces_a_parameter_and_amends_a_title_and_records_it(tmp_path):
    d = _layer(tmp_path, """extends: ../regime-2022
meta:
  id: strict-2024
parameters:
  ttldxs_min_share:
    values: [{from: 2024-01-01, value: 0.9}]
titles:
  - id: ldtt
    checks:
      - id: ldtt_rating
        holds: rating == 'htxs'
""")
    model, src = read_rule_set(d)
    assert model.meta.id == "strict-2024" and model.meta.regime.id == "law-2022"
    assert model.parameters["ttldxs_min_share"].values[0].value == 0.9
    assert model.parameters["ttldxs_min_share"].basis   # the base's basis is kept
    rating = next(c for c in model.title("ldtt").checks if c.id == "ldtt_rating")
    assert rating.holds.text() == "rating == 'htxs'" and rating.cite   # cite kept from the base
    assert {(c.section, c.key, c.action) for c in src.changes} >= {
        ("parameters", "ttldxs_min_share", "replaced"), ("titles", "ldtt", "amended")}
    res = tdkt.evaluate(tdkt.load(d), {"people": [person("a", 2024)]}, year=2024)
    assert res.outcome("a", "ldtt") == "not_eligible"


def test_a_layer_cannot_reach_outside_its_root(tmp_path):
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (outside / "x.yaml").write_text("meta: {kind: titles}\n")
    d = _layer(tmp_path, "extends: ../../../elsewhere\n")
    with pytest.raises((RuleError, RuleErrors), match="outside the rule set's folder"):
        read_rule_set(d)


def test_layers_in_a_circle_are_refused(tmp_path):
    a = _layer(tmp_path, "extends: ../b\n", "a")
    b = a.parent / "b"
    b.mkdir()
    (b / "layer.yaml").write_text("extends: ../a\n")
    with pytest.raises((RuleError, RuleErrors), match="circle"):
        read_rule_set(a)


def test_an_unknown_base_is_named_with_file_and_line(tmp_path):
    d = _layer(tmp_path, "# a layer\nextends: ../no-such-regime\n")
    with pytest.raises((RuleError, RuleErrors)) as e:
        read_rule_set(d)
    err = e.value.errors[0] if isinstance(e.value, RuleErrors) else e.value
    assert err.line == 2 and "no-such-regime" in str(err)


def test_diff_shows_what_the_local_layer_changes():
    d = tdkt.diff_rule_sets("titles", "lao-cai-titles", BOOK, year=2024)
    assert d.summary.definitions_changed >= 1
    assert any("x_admin_sanction" in str(x) for x in d.definitions)
