import shutil

import pytest

import thiduakhenthuong as tdkt
from thiduakhenthuong.errors import RuleErrors, RuleError

from conftest import BAD, RULES


def _errors(path):
    with pytest.raises((RuleErrors, RuleError)) as e:
        tdkt.load_rules(path)
    errs = e.value.errors if isinstance(e.value, RuleErrors) else [e.value]
    return errs


def test_shipped_rules_cover_all_twelve_targets(rules):
    clauses = {c.cite for c in rules.model.criteria}
    for k in range(1, 13):
        assert f"21/CTĐ-VP §II.{k}" in clauses
    assert all(c.title.vi and c.title.en for c in rules.model.criteria)


def test_weights_sum_to_base_max(rules):
    from thiduakhenthuong.core.params import resolve
    p = resolve(rules.model, rules.model.meta.period.as_of)
    total = sum(p[c.max_points.text()].value for c in rules.model.criteria)
    assert total == rules.model.meta.base_max == 100


def test_every_parameter_states_its_basis(rules):
    for name, p in rules.model.parameters.items():
        assert len(p.basis.vi) > 3 and len(p.basis.en) > 3, name


def test_a_basis_is_a_text_or_the_readers_words_and_an_authors_note():
    from thiduakhenthuong.rulebook.base import as_basis
    old = as_basis("local policy")
    assert old.vi == old.en == "local policy" and old.note is None
    b = as_basis({"standard": "unconfirmed", "note": "fact sheet §1.4"})
    assert b.vi == "Chưa đối chiếu được văn bản gốc" and b.note == "fact sheet §1.4"
    for bad in ({"vi": "chỉ tiếng Việt"}, {"standard": "nope"}, {"note": "only a note"},
                {"vi": "a b c", "en": "a b c", "author": "x"}):
        with pytest.raises(ValueError):
            as_basis(bad)


@pytest.mark.parametrize("case,file,rule_id,words", [
    ("unknown_field", "scoring.yaml", "t07_blood_units", "blood_unit_count"),
    ("python_code", "scoring.yaml", "t12_propagandist_contest", "only the listed functions"),
    ("bad_yaml", "scoring.yaml", None, "YAML syntax"),
    ("missing_citation", "scoring.yaml", "t08_blood_team", "cite"),
    ("param_not_in_force", "parameters.yaml", "t03_min_gift_value", "no value in force"),
])
def test_bad_rule_files_name_file_line_rule(case, file, rule_id, words):
    errs = _errors(BAD / "rules" / case)
    e = errs[0]
    assert e.file and e.file.endswith(file)
    assert e.line is not None and e.line > 1
    if rule_id:
        assert e.rule_id == rule_id
    assert words in str(e)


def _patched(tmp_path, file, old, new):
    d = tmp_path / "r"
    shutil.copytree(RULES, d)
    p = d / file
    text = p.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    p.write_text(text.replace(old, new), encoding="utf-8")
    return d


def test_unknown_parameter_in_max_points(tmp_path):
    d = _patched(tmp_path, "scoring.yaml", "max_points: w_t12", "max_points: w_t13")
    e = _errors(d)[0]
    assert e.rule_id == "t12_propagandist_contest" and "w_t13" in str(e)


def test_input_field_not_allowed_where_only_parameters_are(tmp_path):
    d = _patched(tmp_path, "scoring.yaml", "max_points: w_t12", "max_points: blood_units")
    assert "only parameters" in str(_errors(d)[0])


def test_misspelt_key_is_an_error(tmp_path):
    d = _patched(tmp_path, "scoring.yaml", "    scoring: {method: all_or_nothing}\n    max_points: w_t12",
                 "    scoring: {method: all_or_nothing}\n    max_point: w_t12")
    msgs = " ".join(str(e) for e in _errors(d))
    assert "unknown key 'max_point'" in msgs


def test_type_error_in_condition(tmp_path):
    d = _patched(tmp_path, "scoring.yaml", "condition: propagandist_contest",
                 "condition: report_q1 > 5")
    assert "cannot compare date with number" in str(_errors(d)[0])


def test_citation_must_name_a_listed_document(tmp_path):
    d = _patched(tmp_path, "scoring.yaml", "cite: 21/CTĐ-VP §II.12", "cite: 99/XX §1")
    assert "not listed in meta.documents" in str(_errors(d)[0])


def test_decreasing_bands_rejected(tmp_path):
    d = _patched(tmp_path, "scoring.yaml", "{min_ratio: 0.8, share: 0.75}",
                 "{min_ratio: 0.8, share: 0.25}")
    assert "must not decrease" in str(_errors(d)[0])


def test_yaml_python_tags_are_not_constructed(tmp_path):
    d = _patched(tmp_path, "meta.yaml", "  version: \"2023.1\"",
                 "  version: !!python/object/apply:os.system ['echo pwned']")
    assert "YAML" in str(_errors(d)[0])


def test_dated_parameter_read_as_of(tmp_path):
    d = _patched(tmp_path, "parameters.yaml",
                 "per package\"\n    values: [{from: 2023-01-01, value: 300000}]",
                 "per package\"\n"
                 "    values: [{from: 2023-01-01, value: 300000}, {from: 2024-01-01, value: 400000}]")
    r = tdkt.load_rules(d)
    from thiduakhenthuong.core.params import resolve
    import datetime as dt
    assert resolve(r.model, dt.date(2023, 12, 31))["t03_min_gift_value"].value == 300000
    assert resolve(r.model, dt.date(2024, 1, 1))["t03_min_gift_value"].value == 400000
