"""Meaning checks of a scoring rule set, run at load before any data is seen."""
from __future__ import annotations

from typing import Any

from ...expr import Node
from ...expr.evaluate import BOOL, NUMBER, TEXT
from ...rulebook.base import NotInForce
from ...rulebook.checker import INPUT_TYPES, Checker, param_kind
from ...rulebook.source import Source
from .bands import overlaps, parse_range
from .model import RuleSet


def check_scoring(m: RuleSet, src: Source) -> None:
    ck = Checker(src, m.meta.documents)
    err = ck.err

    # Names: inputs and parameters share one namespace so a bare name is never ambiguous.
    types: dict[str, str] = {n: INPUT_TYPES[f.type] for n, f in m.inputs.items()}
    for name in m.parameters:
        if name in m.inputs:
            err(f"parameter '{name}' has the same name as an input field", "parameters", name)
    roles = ck.roles(m.inputs, "inputs")
    if "key" not in roles:
        err("one input field must have role 'key' (the unit id)", "inputs")

    as_of = m.meta.period.as_of
    for name, p in m.parameters.items():
        kinds = set()
        for dv in p.values:
            vals = dv.value.values() if isinstance(dv.value, dict) else [dv.value]
            for v in vals:
                kinds.add(param_kind(v))
            if p.by is None and isinstance(dv.value, dict):
                err("a value given per key needs 'by: <input field>'", "parameters", name,
                    rule_id=name)
            if p.by is not None and not isinstance(dv.value, dict):
                err(f"with 'by: {p.by}' each value must be a mapping", "parameters", name,
                    rule_id=name)
        if len(kinds) > 1 and kinds != {NUMBER}:
            err(f"values of mixed types {sorted(kinds)}", "parameters", name, rule_id=name)
        types[name] = kinds.pop() if kinds else NUMBER
        if p.by is not None:
            f = m.inputs.get(p.by)
            if f is None or f.type != "enum":
                err(f"'by: {p.by}' must name an enum input field", "parameters", name, "by", name)
            else:
                for dv in p.values:
                    if isinstance(dv.value, dict):
                        missing = [v for v in f.values if v not in dv.value and
                                   "default" not in dv.value]
                        extra = [k for k in dv.value if k not in f.values and k != "default"]
                        if missing:
                            err(f"no value for {p.by} = {missing} from {dv.from_}", "parameters",
                                name, rule_id=name)
                        if extra:
                            err(f"unknown {p.by} values {extra}", "parameters", name,
                                rule_id=name)
        try:
            p.as_of(as_of)
        except NotInForce as e:
            err(f"{e} (the rule set is judged as of {as_of})", "parameters", name, rule_id=name,
                words=("param_not_in_force", {"day": e.day.strftime("%d/%m/%Y"),
                                              "first": e.first.strftime("%d/%m/%Y"),
                                              "as_of": as_of.strftime("%d/%m/%Y")}))

    params_only = {n: t for n, t in types.items() if n in m.parameters}
    history = m.history is not None

    def check_expr(node: Node | None, want: str, section: str, key: Any, sub: str,
                   rule_id: str | None, env: dict[str, str] = types) -> None:
        only = env is params_only
        ck.expr(node, want, env, section, key, sub, rule_id,
                what="parameter" if only else "input field or parameter",
                only_hint=types if only else None, groups=not only, windows=history and not only)

    check_id, check_cite = ck.id, ck.cite

    section_ids = set()
    for i, sec in enumerate(m.sections):
        check_id(sec.id, "sections", i)
        check_cite(sec.cite, "sections", i, sec.id)
        check_expr(sec.max, NUMBER, "sections", i, "max", sec.id, params_only)
        section_ids.add(sec.id)
    for i, c in enumerate(m.criteria):
        check_id(c.id, "criteria", i)
        check_cite(c.cite, "criteria", i, c.id)
        if c.section is not None and c.section not in section_ids:
            err(f"unknown section '{c.section}'", "criteria", i, "section", c.id)
        check_expr(c.points, NUMBER, "criteria", i, "points", c.id)
        if c.review is not None:
            for sub in ("points", "achieved", "target"):
                check_expr(getattr(c.review, sub), NUMBER, "criteria", i, "review", c.id)
            check_expr(c.review.reason, TEXT, "criteria", i, "review", c.id)
        check_expr(c.applies, BOOL, "criteria", i, "applies", c.id)
        check_expr(c.achieved, NUMBER, "criteria", i, "achieved", c.id)
        check_expr(c.target, NUMBER, "criteria", i, "target", c.id)
        check_expr(c.condition, BOOL, "criteria", i, "condition", c.id)
        check_expr(c.max_points, NUMBER, "criteria", i, "max_points", c.id, params_only)
        if c.bonus:
            check_expr(c.bonus.points_per_step, NUMBER, "criteria", i, "bonus", c.id, params_only)
            check_expr(c.bonus.max, NUMBER, "criteria", i, "bonus", c.id, params_only)
    for i, d in enumerate(m.deductions):
        check_id(d.id, "deductions", i)
        check_cite(d.cite, "deductions", i, d.id)
        check_expr(d.points, NUMBER, "deductions", i, "points", d.id)
        check_expr(d.max, NUMBER, "deductions", i, "max", d.id, params_only)
    for i, e in enumerate(m.events):
        check_id(e.id, "events", i)
        check_cite(e.cite, "events", i, e.id)
        check_expr(e.points, NUMBER, "events", i, "points", e.id)
        check_expr(e.when, BOOL, "events", i, "when", e.id)
        check_expr(e.per, NUMBER, "events", i, "per", e.id)
        check_expr(e.max, NUMBER, "events", i, "max", e.id, params_only)
    check_expr(m.meta.bonus_max, NUMBER, "meta", None, "bonus_max", None, params_only)
    class_ids = [c.id for c in m.classes]
    ranges = []
    for i, c in enumerate(m.classes):
        check_id(c.id, "classes", i)
        check_expr(c.min_total, NUMBER, "classes", i, "min_total", c.id, params_only)
        if c.range is not None:
            if c.min_total is not None:
                err("a class has 'min_total' or 'range', not both", "classes", i, "range", c.id)
            try:
                ranges.append(parse_range(c.range))
            except ValueError as e:
                err(str(e), "classes", i, "range", c.id)
            if m.meta.between_bands is None:
                err("classes written as ranges need meta.between_bands (lower or upper): where "
                    "a total between two bands goes", "classes", i, "range", c.id)
        elif c.min_total is None and i != len(m.classes) - 1:
            err("only the last (lowest) class may have no min_total", "classes", i, None, c.id)
    if ranges and len(ranges) != len(m.classes):
        err("write every class as a range, or none", "classes", None, None, None)
    elif ranges and overlaps(ranges):
        err(overlaps(ranges) or "", "classes", None, None, None)
    if m.classes and m.classes[-1].min_total is not None:
        err("the last class must have no min_total, so every total gets a class", "classes",
            len(m.classes) - 1, None, m.classes[-1].id)
    for i, a in enumerate(m.alerts):
        check_id(a.id, "alerts", i)
        check_cite(a.cite, "alerts", i, a.id)
        check_expr(a.when, BOOL, "alerts", i, "when", a.id)
        if a.from_.year != m.meta.period.year:
            err(f"'from' {a.from_} is outside the period {m.meta.period.year}", "alerts", i,
                "from", a.id)
    crit_ids = {c.id for c in m.criteria}
    for i, v in enumerate(m.vetoes):
        check_id(v.id, "vetoes", i)
        check_cite(v.cite, "vetoes", i, v.id)
        if v.criterion is not None and v.criterion not in crit_ids:
            err(f"unknown criterion '{v.criterion}'", "vetoes", i, "criterion", v.id)
        check_expr(v.when, BOOL, "vetoes", i, "when", v.id)
        check_expr(v.applies, BOOL, "vetoes", i, "applies", v.id)
        if v.max_class not in class_ids:
            err(f"unknown class '{v.max_class}'", "vetoes", i, "max_class", v.id)
    for section, item in (("scorers", m.scorers), ("stages", m.stages), ("history", m.history),
                          ("ranking", m.ranking)):
        if item is not None and item.cite:
            check_cite(item.cite, section, None, None)
    for i, c in enumerate(m.classes):
        if c.cite:
            check_cite(c.cite, "classes", i, c.id)
    scopes = ["cluster", "overall", *m.ranking.groupings]
    for i, a in enumerate(m.awards):
        check_id(a.id, "awards", i)
        check_cite(a.cite, "awards", i, a.id)
        if a.min_class not in class_ids:
            err(f"unknown class '{a.min_class}'", "awards", i, "min_class", a.id)
        if a.scope not in scopes:
            err(f"unknown scope '{a.scope}'; use {', '.join(scopes)}", "awards", i, "scope", a.id)
        if a.quota is not None and a.quota.cite:
            check_cite(a.quota.cite, "awards", i, a.id)
        if a.quota is not None and a.quota.of is not None and a.quota.of not in scopes:
            err(f"unknown grouping '{a.quota.of}'; use {', '.join(scopes)}", "awards", i, "quota",
                a.id)
    if m.ranking.group_by not in m.inputs:
        err(f"group_by '{m.ranking.group_by}' is not an input field", "ranking", None, "group_by")
    for g in m.ranking.groupings:
        if g not in m.inputs or types.get(g) != TEXT:
            err(f"grouping '{g}' is not a text or enum input field", "ranking", None, "groupings")
        if g in ("cluster", "overall"):
            err(f"grouping '{g}' is a reserved scope name", "ranking", None, "groupings")
    for k in m.ranking.keys:
        if not valid_rank_key(k.key, m):
            err(f"unknown ranking key '{k.key}'; use class, total, base, bonus, deduction, "
                "events, points.<criterion>, ratio.<criterion>, section.<section> or an input "
                "field", "ranking", None, "keys")
    if m.ranking.tie_through is not None and \
            m.ranking.tie_through not in [k.key for k in m.ranking.keys]:
        err(f"tie_through '{m.ranking.tie_through}' is not one of the ranking keys", "ranking",
            None, "tie_through")
    if m.scorers is not None:
        if m.scorers.field not in m.inputs or types.get(m.scorers.field) != TEXT:
            err(f"scorers.field '{m.scorers.field}' is not a text or enum input field",
                "scorers", None, "field")
        if m.history is not None:
            err("several scorers and a history of years cannot be combined in one table",
                "scorers", None, "field")
    if m.history is not None and "year" not in roles:
        err("a history of years needs an input field with role 'year'", "history", None,
            "years")
    if m.stages is not None and not any(c.review for c in m.criteria):
        err("stages are named but no criterion has a 'review'", "stages", None, "claimed")
    for i, t in enumerate(m.totals):
        check_id(t.id, "totals", i)
        check_cite(t.cite, "totals", i, t.id)
        if t.field not in m.inputs or types.get(t.field) != NUMBER:
            err(f"'{t.field}' is not a numeric input field", "totals", i, "field", t.id)
        check_expr(t.expected, NUMBER, "totals", i, "expected", t.id, params_only)
    for i, rc in enumerate(m.checks):
        check_id(rc.id, "checks", i)
        check_expr(rc.holds, BOOL, "checks", i, "holds", rc.id)
        if rc.field not in m.inputs:
            err(f"'{rc.field}' is not an input field", "checks", i, "field", rc.id)
    if m.units is not None:
        level_field = m.inputs.get(roles.get("level", ""))
        ids = set()
        for i, u in enumerate(m.units):
            if u.id in ids:
                err(f"unit '{u.id}' is listed twice", "units", i, "id", u.id)
            ids.add(u.id)
            if level_field is not None and level_field.values and u.level not in level_field.values:
                err(f"level '{u.level}' is not one of {level_field.values}", "units", i, "level",
                    u.id)
    named = set()
    for i, c in enumerate(m.clusters):
        if c.id in named:
            err(f"cluster '{c.id}' is named twice", "clusters", i, "id", c.id)
        named.add(c.id)
    if m.clusters and m.units is not None:
        for i, u in enumerate(m.units):
            if u.cluster not in named:
                err(f"cluster '{u.cluster}' has no name in 'clusters'", "units", i, "cluster",
                    u.id)
    ck.done()


def valid_rank_key(key: str, m: RuleSet) -> bool:
    if key in ("class", "total", "base", "bonus", "deduction", "events"):
        return True
    if key.startswith(("points.", "ratio.")):
        return key.split(".", 1)[1] in {c.id for c in m.criteria}
    if key.startswith("section."):
        return key.split(".", 1)[1] in {s.id for s in m.sections}
    return key in m.inputs
