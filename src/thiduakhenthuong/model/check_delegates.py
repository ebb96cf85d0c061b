"""Meaning checks for conference (delegate) rule sets, reported together with file and line."""
from __future__ import annotations

import re
from typing import Any

from ..errors import ExpressionError, RuleError, RuleErrors
from ..expr import infer_type
from ..expr.evaluate import BOOL, DATE, NUMBER
from .check_titles import _TYPES
from .delegates import DelegateRuleSet
from .titles import expand_attested

_ID = re.compile(r"^[a-z][a-z0-9_]*$")
_ROLES = {"inputs": ("key", "level", "group", "conference"),
          "plan_inputs": ("key", "level"), "report_inputs": ("key",)}


def check_delegates(m: DelegateRuleSet, src: Any) -> None:
    """Raise :class:`RuleErrors` listing every meaning problem of a delegate rule set."""
    from .load import _param_kind
    errors: list[RuleError] = []

    def err(msg: str, section: str, key: Any = None, sub: str | None = None,
            rule_id: str | None = None) -> None:
        f, line = src.where(section, key, sub)
        errors.append(RuleError(msg, file=f, line=line, rule_id=rule_id))

    params = {n: _param_kind(p.values[0].value) for n, p in m.parameters.items()}

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
    tables = {}
    for section in ("inputs", "plan_inputs", "report_inputs"):
        fields = getattr(m, section)
        roles = {f.role for f in fields.values() if f.role}
        for role in _ROLES[section]:
            if role not in roles:
                err(f"one field must have role '{role}'", section)
        tables[section] = {n: _TYPES[f.type] for n, f in expand_attested(fields).items()}
    level_ids = [x.id for x in m.levels]
    group_ids = [g.id for g in m.groups]
    seen: set[str] = set()
    for i, lv in enumerate(m.levels):
        for rid in [lv.id]:
            if not _ID.match(rid) or rid in seen:
                err(f"level id '{rid}' is not a fresh lower-case id", "levels", i, "id", rid)
            seen.add(rid)
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
        need_param(g.min_share, NUMBER, "groups", i, "min_share", g.id)
        need_param(g.max_share, NUMBER, "groups", i, "max_share", g.id)
    env = {**tables["inputs"], **params}
    for section, items in (("standards", m.standards),):
        for i, c in enumerate(items):
            if not _ID.match(c.id) or c.id in seen:
                err(f"id '{c.id}' is not a fresh lower-case id", section, i, "id", c.id)
            seen.add(c.id)
            try:
                unknown = c.holds.names() - env.keys()
                if unknown:
                    raise ExpressionError(f"unknown name {sorted(unknown)}", c.holds.text())
                if infer_type(c.holds, env) != BOOL:
                    raise ExpressionError("'holds' must be a yes/no expression", c.holds.text())
            except ExpressionError as e:
                err(f"holds: {e}", section, i, "holds", c.id)
    for i, k in enumerate(m.keys):
        try:
            unknown = k.expr.names() - env.keys()
            if unknown:
                raise ExpressionError(f"unknown name {sorted(unknown)}", k.expr.text())
            if infer_type(k.expr, env) == DATE:
                raise ExpressionError("a merit key must be a number, yes/no or text",
                                      k.expr.text())
        except ExpressionError as e:
            err(f"key: {e}", "keys", i, "expr")
    for i, p in enumerate(m.programme):
        if not _ID.match(p.id) or p.id in seen:
            err(f"programme id '{p.id}' is not a fresh lower-case id", "programme", i, "id", p.id)
        seen.add(p.id)
    for i, rc in enumerate(m.checks):
        try:
            if infer_type(rc.holds, env) != BOOL:
                raise ExpressionError("'holds' must be yes/no", rc.holds.text())
        except ExpressionError as e:
            err(f"holds: {e}", "checks", i, "holds", rc.id)
    if errors:
        raise RuleErrors(errors)
