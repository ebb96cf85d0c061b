"""Meaning checks for conference (delegate) rule sets, reported together with file and line."""
from __future__ import annotations

from typing import Any

from ...expr.evaluate import BOOL, DATE, NUMBER, TEXT
from ...rulebook.checker import INPUT_TYPES, Checker
from ...tables.attested import expand_attested
from .model import DelegateRuleSet

_ROLES = {"inputs": ("key", "level", "group", "conference"),
          "plan_inputs": ("key", "level"), "report_inputs": ("key",), "award_inputs": ("key",)}


def check_delegates(m: DelegateRuleSet, src: Any) -> None:
    """Raise :class:`RuleErrors` listing every meaning problem of a delegate rule set."""
    ck = Checker(src, m.meta.documents)
    err = ck.err
    params = ck.param_kinds(m.parameters)

    def need_param(name: str | None, kind: str, section: str, key: Any, sub: str,
                   rid: str | None) -> None:
        if name is None:
            return
        if name not in params:
            err(f"'{sub}' names an unknown parameter '{name}'", section, key, sub, rid)
        elif params[name] != kind:
            err(f"parameter '{name}' must be a {kind}, not a {params[name]}", section, key, sub,
                rid)

    need_param(m.meta.period_start, DATE, "meta", None, "period_start", None)
    need_param(m.meta.period_end, DATE, "meta", None, "period_end", None)
    if m.meta.cutoff is not None:
        ck.cite(m.meta.cutoff.cite, "meta", "cutoff", None)
    fw = m.meta.forwarding
    if fw is not None:
        ck.cite(fw.cite, "meta", "forwarding", None)
        need_param(fw.when_unstated, BOOL, "meta", "forwarding", "when_unstated", None)
        f = m.inputs.get(fw.higher_conference)
        if f is None or f.type != "text":
            err(f"'higher_conference' must name a text field of the candidates table, not "
                f"'{fw.higher_conference}'", "meta", "forwarding", "higher_conference")
    tables = {}
    for section in ("inputs", "plan_inputs", "report_inputs", "award_inputs"):
        fields = getattr(m, section)
        if section == "award_inputs" and not fields:
            continue
        ck.roles(fields, section, _ROLES[section])
        tables[section] = {n: INPUT_TYPES[f.type] for n, f in expand_attested(fields).items()}
    level_ids = [x.id for x in m.levels]
    group_ids = [g.id for g in m.groups]
    for i, lv in enumerate(m.levels):
        ck.id(lv.id, "levels", i)
        ck.cite(lv.form_cite, "levels", i, lv.id)
        ck.cite(lv.length_cite, "levels", i, lv.id)
        ck.cite(lv.cap_cite, "levels", i, lv.id)
        ck.cite(lv.report_cite, "levels", i, lv.id)
        need_param(lv.max_hours, NUMBER, "levels", i, "max_hours", lv.id)
        need_param(lv.cap, NUMBER, "levels", i, "cap", lv.id)
        for w, name in ((lv.window, "window"), (lv.combined_window, "combined_window")):
            if w is not None:
                need_param(w.start, DATE, "levels", i, name, lv.id)
                need_param(w.end, DATE, "levels", i, name, lv.id)
        need_param(lv.reports_by, DATE, "levels", i, "reports_by", lv.id)
        if lv.next_level is not None and lv.next_level not in level_ids:
            err(f"unknown next_level '{lv.next_level}'", "levels", i, "next_level", lv.id)
    level_field = next((f for f in m.inputs.values() if f.role == "level"), None)
    if level_field is not None and level_field.values and set(level_field.values) != set(level_ids):
        err(f"the level field's values {level_field.values} must be the levels {level_ids}",
            "inputs")
    group_field = next((f for f in m.inputs.values() if f.role == "group"), None)
    if group_field is not None and group_field.values and set(group_field.values) != set(group_ids):
        err(f"the group field's values {group_field.values} must be the groups {group_ids}",
            "inputs")
    for i, g in enumerate(m.groups):
        ck.id(g.id, "groups", i)
        ck.cite(g.cite, "groups", i, g.id)
        need_param(g.min_share, NUMBER, "groups", i, "min_share", g.id)
        need_param(g.max_share, NUMBER, "groups", i, "max_share", g.id)
    env = {**tables["inputs"], **params}
    aw = m.meta.awards
    if aw is not None:
        ck.cite(aw.cite, "meta", "awards", None)
        awards = tables.get("award_inputs", {})
        if not awards:
            err("'awards' needs the awards table's fields in 'award_inputs'", "meta", "awards")
        elif awards.get(aw.date) != DATE:
            err(f"'date' must name a date field of award_inputs, not '{aw.date}'", "meta",
                "awards", "date")
        elif awards.get(aw.candidate) != TEXT:
            err(f"'candidate' must name a text field of award_inputs, not '{aw.candidate}'",
                "meta", "awards", "candidate")
        for name, node in aw.counts.items():
            if tables["inputs"].get(name) != NUMBER:
                err(f"'counts' names '{name}', which is not a number field of the candidates "
                    "table", "meta", "awards", "counts")
            if awards:
                ck.expr(node, BOOL, {**awards, **params}, "meta", "awards", "counts", None)
    for i, c in enumerate(m.standards):
        ck.id(c.id, "standards", i)
        ck.cite(c.cite, "standards", i, c.id)
        ck.expr(c.holds, BOOL, env, "standards", i, "holds", c.id)
    for i, k in enumerate(m.keys):
        ck.merit_key(k.expr, env, "keys", i, "expr", None)
    for i, p in enumerate(m.programme):
        ck.id(p.id, "programme", i)
        ck.cite(p.cite, "programme", i, p.id)
    for i, rc in enumerate(m.checks):
        ck.id(rc.id, "checks", i)
        ck.expr(rc.holds, BOOL, env, "checks", i, "holds", rc.id)
    ck.done()
