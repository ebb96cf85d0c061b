"""The legal-case table (tests/data/title_cases.yaml): every boundary of the title rules."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import yaml

from thiduakhenthuong import evaluate_titles, load_title_rules

from explanations import assert_explanations_reevaluate

CASES = yaml.safe_load((Path(__file__).parent / "data" / "title_cases.yaml").read_text("utf-8"))
RULES = Path(__file__).resolve().parents[1] / "rules" / "titles"


def _fmt(v):
    return v.strftime("%d/%m/%Y") if isinstance(v, dt.date) else v


def build(case: dict) -> tuple[list[dict], list[dict]]:
    """The case's people and units tables as records. A `units` entry overrides the default
    unit row of the units the people use; with `years: [..]` it also makes that unit's rows
    for those years (a predecessor's past years), later entries winning."""
    people, units_used = [], set()
    for spec in case["people"]:
        spec = dict(spec)
        years = spec.pop("years")
        repeat = spec.pop("repeat", None)
        ids = [spec["person_id"]] if repeat is None else \
            [f"{spec['person_id']}_{k}" for k in range(1, repeat + 1)]
        for pid in ids:
            for y in years:
                row = {**CASES["defaults"]["person"], **spec, "person_id": pid, "year": y}
                people.append({k: _fmt(v) for k, v in row.items()})
                units_used.add((row["unit_id"], y))
    plain = {u["unit_id"]: u for u in case.get("units", []) if "years" not in u}
    rows = {(uid, y): {**CASES["defaults"]["unit"], **plain.get(uid, {}), "unit_id": uid,
                       "year": y} for uid, y in units_used}
    for u in case.get("units", []):
        spec = {k: v for k, v in u.items() if k != "years"}
        for y in u.get("years", []):
            rows[(u["unit_id"], y)] = {**rows.get((u["unit_id"], y), CASES["defaults"]["unit"]),
                                       **spec, "year": y}
    units = [{k: _fmt(v) for k, v in rows[key].items()} for key in sorted(rows)]
    return people, units


def data_of(case: dict) -> dict:
    """The tables of a case, with its succession table when it has one."""
    people, units = build(case)
    data = {"people": people, "units": units}
    if "successions" in case:
        data["successions"] = [{k: _fmt(v) for k, v in {"document": "QĐ 1/QĐ-CTĐ", **s}.items()}
                               for s in case["successions"]]
    return data


class _Regimes(dict):
    """The title rule set of each year a case judges, loaded once."""

    def __missing__(self, year: int):
        self[year] = load_title_rules(RULES, year)
        return self[year]


@pytest.fixture(scope="module")
def regimes():
    return _Regimes()


def with_params(rules, values: dict):
    """The same rule set with some parameters set to one value from the start (a reading's
    switch turned the other way)."""
    model = rules.model
    params = dict(model.parameters)
    for name, v in values.items():
        p = params[name]
        params[name] = p.model_copy(update={"values": [p.values[0].model_copy(update={"value": v})]})
    return type(rules)(model.model_copy(update={"parameters": params}), rules.source, rules.path)


@pytest.mark.parametrize("case", CASES["cases"], ids=[c["id"] for c in CASES["cases"]])
def test_legal_case(case, regimes):
    data = data_of(case)
    years = case["year"] if isinstance(case["year"], list) else [case["year"]]
    rules = {y: with_params(regimes[y], case.get("params", {})) for y in years}
    results = {y: evaluate_titles(rules[y], data, year=y,
                                  decision_date=case.get("decision_date")) for y in years}
    for y, res in results.items():
        assert res.counts()["rejected"] == case.get("rejected", 0), \
            [r.problems for r in res.rejected]
        c = res.succession_counts()
        assert c["rows_in"] == c["applied"] + c["later"] + c["rejected"]
        for key in ("applied", "later", "rejected"):
            want = case.get("successions_" + key, {})
            if y in want:
                assert c[key] == want[y], (case["id"], y, c, res.successions.rejected)
    for code in case.get("notices", []):
        assert code in {n.code for res in results.values() for n in res.notices}, code
    for want in case.get("reasons", []):
        text = " | ".join(p.message.en for res in results.values() for r in res.rejected
                          for p in r.problems)
        assert want in text, f"{case['id']}: {text}"
    for exp in case["expect"]:
        res = results[exp.get("year", years[-1])]
        d = res.decision(exp["id"], exp["title"])
        where = f"{case['id']} ({case['clause']}): {exp}"
        if "outcome" in exp:
            assert d.outcome == exp["outcome"], where
        if "proposed" in exp:
            assert d.proposed == exp["proposed"], where
        failed = {c.id for c in d.checks if c.status == "failed"}
        for cid in exp.get("failed", []):
            assert cid in failed, f"{where}: failed {failed}"
        applied = {x.id for x in d.exclusions if x.status == "applies"}
        for xid in exp.get("excluded", []):
            assert xid in applied, f"{where}: exclusions {applied}"
        if "evidence" in exp:
            assert d.missing_evidence == exp["evidence"], where
        if "years" in exp:
            streaks = [h for c in d.checks for h in c.history if h.call.startswith("streak(")]
            assert streaks and streaks[0].years == exp["years"], f"{where}: {streaks}"
        if "needs" in exp:
            text = " | ".join(n.en for n in d.needs)
            assert exp["needs"] in text, f"{where}: {text}"
        if "route" in exp:
            assert d.route_used == exp["route"], where
        if "prize" in exp:
            assert d.prize is not None and d.prize.amount == exp["prize"], f"{where}: {d.prize}"
        if "tie_key" in exp:
            assert d.quota is not None and d.quota.decided_by == exp["tie_key"], where
        if "carried" in exp:
            got = [{"unit": c.unit_id, "years": c.years,
                    "rows": [s.row for s in c.successions]}
                   for ck in d.checks for c in ck.carried]
            for want in exp["carried"]:
                assert any(g["unit"] == want["unit"] and g["years"] == want["years"] and
                           ("rows" not in want or g["rows"] == want["rows"]) for g in got), \
                    f"{where}: carried {got}"
            if not exp["carried"]:
                assert not got, f"{where}: carried {got}"
        if "history_of" in exp:
            assert exp["history_of"] in {c.history_of for c in d.checks}, \
                f"{where}: {[(c.id, c.history_of) for c in d.checks]}"
    # No explanation contradicts its decision (issue 12: cstd_tq_tinh showed "no year counts").
    for res in results.values():
        assert_explanations_reevaluate(res)
