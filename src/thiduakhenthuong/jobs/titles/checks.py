"""Meaning checks for title rule sets: every name known and typed, every title reference
resolvable, no title depending on itself, citations to listed documents. Run at load, before any
data is seen; all problems are reported together with file and line."""
from __future__ import annotations

from typing import Any

from ...expr import Node
from ...expr.evaluate import BOOL, NUMBER
from ...expr.functions import MEMBER_FUNCTIONS, WINDOW_FUNCTIONS
from ...rulebook.checker import INPUT_TYPES, Checker
from ...tables.attested import expand_attested
from ...tables.succession import KINDS, POLICIES, REQUIRED
from .model import BUILTINS, TitleRuleSet

_ROLES = {"inputs": ("key", "year", "unit"), "unit_inputs": ("key", "year")}


def title_order(m: TitleRuleSet) -> list[str]:
    """Title ids in evaluation order: people before units, each after the titles it reads."""
    ids = {t.id for t in m.titles}
    deps: dict[str, set[str]] = {}
    for t in m.titles:
        names: set[str] = set()
        for c in _all_checks(t):
            names |= c.holds.names()
        if t.quota:
            names.add(t.quota.of)
            for k in t.quota.keys:
                names |= k.expr.names()
        # A title may read its own past years (e.g. a streak stopping at the last award).
        deps[t.id] = (names & ids) - {t.id}
    order: list[str] = []
    state: dict[str, int] = {}

    def visit(tid: str, path: list[str]) -> None:
        if state.get(tid) == 2:
            return
        if state.get(tid) == 1:
            raise ValueError(" -> ".join(path + [tid]))
        state[tid] = 1
        for d in sorted(deps[tid]):
            visit(d, path + [tid])
        state[tid] = 2
        order.append(tid)

    for subject in ("person", "unit"):
        for t in m.titles:
            if t.subject == subject:
                visit(t.id, [])
    return order


def _all_checks(t):
    yield from t.checks
    for r in t.routes:
        yield from r.checks


def check_titles(m: TitleRuleSet, src: Any) -> None:
    """Raise :class:`RuleErrors` listing every meaning problem of a title rule set."""
    ck = Checker(src, m.meta.documents)
    err = ck.err
    params = ck.param_kinds(m.parameters)
    for name, p in m.parameters.items():
        if p.by is not None:
            err("'by' is not supported in title rule sets", "parameters", name, "by", name)

    tables: dict[str, dict[str, str]] = {}
    for section in ("inputs", "unit_inputs"):
        fields = getattr(m, section)
        types = {n: INPUT_TYPES[f.type] for n, f in expand_attested(fields).items()}
        roles = ck.roles(fields, section, _ROLES[section])
        for name in fields:
            if name in params or name in BUILTINS:
                err(f"input '{name}' has the same name as a parameter or built-in name", section,
                    name)
        if "year" in roles and fields[roles["year"]].type != "integer":
            err("the 'year' field must be an integer", section, roles["year"])
        tables[section] = types

    person_titles = {t.id: BOOL for t in m.titles if t.subject == "person"}
    unit_titles = {t.id: BOOL for t in m.titles if t.subject == "unit"}
    person_env = {**tables["inputs"], **params, **BUILTINS, **person_titles}
    unit_env = {**tables["unit_inputs"], **params, **BUILTINS, **unit_titles}
    record_env = {"person": {**tables["inputs"], **params, **BUILTINS},
                  "unit": {**tables["unit_inputs"], **params, **BUILTINS}}

    def check_expr(node: Node | None, want: str, env: dict[str, str], section: str, key: Any,
                   sub: str, rule_id: str | None, members: dict[str, str] | None = None) -> None:
        ck.expr(node, want, env, section, key, sub, rule_id, windows=True, members=members)

    check_id, check_cite = ck.id, ck.cite

    params_only = {**params}
    for i, t in enumerate(m.titles):
        check_id(t.id, "titles", i)
        check_cite(t.cite, "titles", i, t.id)
        env = person_env if t.subject == "person" else unit_env
        members = person_env if t.subject == "unit" else None
        check_expr(t.recorded_as, BOOL, record_env[t.subject], "titles", i, "recorded_as", t.id)
        for c in _all_checks(t):
            check_id(c.id, "titles", i)
            check_cite(c.cite, "titles", i, c.id)
            check_expr(c.holds, BOOL, env, "titles", i, "holds", c.id, members)
            if t.id in c.holds.names_outside(WINDOW_FUNCTIONS | MEMBER_FUNCTIONS):
                err(f"'{t.id}' reads its own judged-year result; only its past years (inside "
                    "streak, streak_count or years_sum) may be read", "titles", i, "holds", c.id)
        for r in t.routes:
            check_id(r.id, "titles", i)
        if t.quota:
            q = t.quota
            check_cite(q.cite, "titles", i, t.id)
            if q.group_by not in tables["inputs" if t.subject == "person" else "unit_inputs"]:
                err(f"quota group_by '{q.group_by}' is not an input field", "titles", i, "quota",
                    t.id)
            if q.of not in (person_titles if t.subject == "person" else unit_titles):
                err(f"quota 'of: {q.of}' is not a {t.subject} title", "titles", i, "quota", t.id)
            check_expr(q.share, NUMBER, params_only, "titles", i, "quota", t.id)
            for k in q.keys:
                ck.merit_key(k.expr, env, "titles", i, "quota", t.id, label="quota key",
                             windows=True)
        if t.prize:
            check_cite(t.prize.cite, "titles", i, t.id)
            check_expr(t.prize.multiplier, NUMBER, params_only, "titles", i, "prize", t.id)
            if "base_salary" not in params:
                err("a prize needs the parameter 'base_salary' (mức lương cơ sở)", "titles", i,
                    "prize", t.id)
    all_titles = {**person_titles, **unit_titles}
    for i, x in enumerate(m.exclusions):
        check_id(x.id, "exclusions", i)
        check_cite(x.cite, "exclusions", i, x.id)
        env = person_env if x.subject == "person" else unit_env
        check_expr(x.when, BOOL, {k: v for k, v in env.items() if k not in all_titles},
                   "exclusions", i, "when", x.id)
        if x.titles != "all":
            for tid in x.titles:
                if tid not in all_titles:
                    err(f"unknown title '{tid}'", "exclusions", i, "titles", x.id)
                elif (tid in person_titles) != (x.subject == "person"):
                    err(f"title '{tid}' is not a {x.subject} title", "exclusions", i, "titles",
                        x.id)
    for section, table, checks in (("checks", "inputs", m.checks),
                                   ("unit_checks", "unit_inputs", m.unit_checks)):
        env = {**tables[table], **params}
        for i, rc in enumerate(checks):
            check_id(rc.id, section, i)
            check_expr(rc.holds, BOOL, env, section, i, "holds", rc.id)
            if rc.field not in tables[table]:
                err(f"'{rc.field}' is not an input field", section, i, "field", rc.id)
    _check_successions(m, err)
    if not ck.errors:
        try:
            title_order(m)
        except ValueError as e:
            err(f"titles depend on each other in a circle: {e}", "titles")
    ck.done()


def _check_successions(m: TitleRuleSet, err: Any) -> None:
    """The succession table declares the fields the code reads, its kinds are the three the
    code gives a meaning to, and the merger policy is a known one."""
    spec = m.successions
    if spec is None:
        return
    for name in REQUIRED:
        if name not in spec.inputs:
            err(f"the succession table needs the field '{name}'", "successions", None, "inputs")
    types = {"from_unit": "text", "to_unit": "text", "effective_on": "date", "document": "text",
             "kind": "enum", "main": "bool", "note": "text"}
    for name, f in spec.inputs.items():
        want = types.get(name)
        if want is None:
            err(f"unknown succession field '{name}' (fields: {', '.join(types)})",
                "successions", None, "inputs")
        elif f.type != want:
            err(f"succession field '{name}' must be of type {want}", "successions", None,
                "inputs")
    kind = spec.inputs.get("kind")
    if kind is not None and kind.values is not None and set(kind.values) != set(KINDS):
        err(f"succession kinds must be {', '.join(KINDS)} (label them as you like)",
            "successions", None, "inputs")
    p = m.parameters.get("merger_history")
    if p is None:
        err("a succession table needs the parameter 'merger_history' (one of "
            f"{', '.join(POLICIES)})", "successions")
        return
    for dv in p.values:
        if dv.value not in POLICIES:
            err(f"merger_history must be one of {', '.join(POLICIES)}, not '{dv.value}'",
                "parameters", "merger_history", rule_id="merger_history")
