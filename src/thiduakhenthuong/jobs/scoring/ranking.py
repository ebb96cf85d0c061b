"""The scoring job's ranking keys: a unit's class, total and points, as the shared ranking
(:mod:`...select.ranking`) orders them."""
from __future__ import annotations

from typing import Any

import numpy as np

from ...select.ranking import Ranked, rank_by
from .model import RuleSet


def rank_units(rules: RuleSet, columns: dict[str, np.ndarray], crits: dict[str, Any], *,
               base, bonus, deduction, total, class_idx, events=None, sections=None,
               group_field: str | None = None) -> Ranked:
    """Order units by the rule set's ranking keys, within their cluster (``ranking.group_by``,
    or ``group_field``: one of ``ranking.groupings``) and overall; two units are tied when
    they agree on every key up to the total (or ``ranking.tie_through``); with ``ties:
    shared`` tied units share a rank."""
    key_field = next(n for n, f in rules.inputs.items() if f.role == "key")
    n = len(total)
    sums = {"total": total, "base": base, "bonus": bonus, "deduction": deduction,
            "events": events if events is not None else np.zeros(n)}
    names, orders, values = [], [], []
    n_classes = len(rules.classes)
    for k in rules.ranking.keys:
        if k.key == key_field:
            continue
        if k.key == "class":
            v = (n_classes - 1 - class_idx).astype(np.float64)  # higher = better class
        elif k.key in sums:
            v = sums[k.key]
        elif k.key.startswith("points."):
            v = crits[k.key[7:]].points
        elif k.key.startswith("ratio."):
            v = crits[k.key[6:]].ratio
        elif k.key.startswith("section."):
            v = (sections or {})[k.key[8:]][1]
        else:
            v = columns[k.key]
        names.append(k.key)
        orders.append(k.order)
        values.append(np.asarray(v))
    names.append(key_field)
    orders.append(next((k.order for k in rules.ranking.keys if k.key == key_field), "asc"))
    values.append(np.asarray(columns[key_field], dtype=object))
    group = columns[group_field or rules.ranking.group_by]
    return rank_by(names, orders, values, np.asarray(group, dtype=object),
                   tie_key=rules.ranking.tie_through or "total",
                   shared=rules.ranking.ties == "shared")
