"""Re-evaluate a criterion from the values its trace recorded, to prove the trace is complete.

An auditor (or a test) takes a :class:`CriterionTrace`, feeds only what it recorded back through
the same criterion, and must get the same points and the same met/not met.
"""
from __future__ import annotations

import datetime as dt
from typing import Any

import numpy as np

from ...core.params import to_column
from ...expr.evaluate import Context
from .engine import final, score_criterion
from .model import RuleSet
from .trace import CriterionTrace


def _column(v: Any, ftype: str) -> np.ndarray:
    if ftype in ("integer", "number", "percent"):
        return np.array([np.nan if v is None else float(v)])
    if ftype == "date":
        return np.array([np.datetime64("NaT", "D") if v is None else np.datetime64(v, "D")],
                        dtype="datetime64[D]")
    if ftype == "bool":
        return np.array([bool(v)])
    return np.array(["" if v is None else v], dtype=object)


def recheck_criterion(rules: RuleSet, trace: CriterionTrace) -> tuple[float, bool, float]:
    """(points, met, bonus) recomputed from ``trace.inputs`` and ``trace.parameters`` alone.

    >>> import thiduakhenthuong as tdkt
    >>> res = tdkt.load_rules("rules/lao-cai-2023").score("fixtures/lao-cai-2023/units.csv")
    >>> tr = res.units[0].criteria[0]
    >>> recheck_criterion(res.rules, tr) == (tr.points, tr.met, tr.bonus)
    True
    """
    crit = final(next(c for c in rules.criteria if c.id == trace.id))
    env: dict[str, Any] = {}
    for name, v in trace.inputs.items():
        env[name] = _column(v, rules.inputs[name].type)
    for p in trace.parameters:
        v = p.value
        env[p.name] = np.array([to_column(v)]) if isinstance(v, (dt.date, str)) else to_column(v)
    # The values computed over the unit's group, as the trace recorded them.
    ctx = Context(groups={g.call: np.array([np.nan if g.value is None else g.value])
                          for g in trace.groups}) if trace.groups else None
    cc = score_criterion(crit, env, 1, ctx=ctx)
    return float(cc.points[0]), bool(cc.met[0]), float(cc.bonus[0])
