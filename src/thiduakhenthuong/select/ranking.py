"""Ranking within clusters and overall by declared keys, with how each tie was broken.

The unit id is always the last key, so the order is total and never depends on row order.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from ..jobs.scoring.model import RuleSet


@dataclass
class Ranked:
    keys: list[str]                 # key names in order (unit id last)
    orders: list[str]               # "asc" | "desc"
    values: list[np.ndarray]        # per key, the value shown in explanations
    order_overall: np.ndarray       # row indices, best first
    rank_overall: np.ndarray        # 1-based
    rank_group: np.ndarray          # 1-based within cluster
    group: np.ndarray               # cluster of each row
    group_size: np.ndarray
    tie_depth: int                  # keys[0..tie_depth] equal = "tied"
    # Adjacent tied pairs: upper row, lower row, scope (0 overall, 1 cluster), deciding key.
    ties: tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]

    def ties_of(self, i: int) -> list[tuple[int, int, str, int]]:
        """The tied pairs that involve row ``i`` (index built once, on first use)."""
        if not hasattr(self, "_tie_index"):
            idx: dict[int, list[int]] = {}
            up, low = self.ties[0], self.ties[1]
            for j in range(len(up)):
                idx.setdefault(int(up[j]), []).append(j)
                idx.setdefault(int(low[j]), []).append(j)
            self._tie_index = idx
        up, low, scope, key = self.ties
        return [(int(up[j]), int(low[j]), ("overall", "cluster")[scope[j]], int(key[j]))
                for j in self._tie_index.get(i, [])]


def sort_code(v: np.ndarray, order: str) -> np.ndarray:
    """A numeric array whose ascending sort gives the wanted order; missing values sort last."""
    if v.dtype == object or v.dtype.kind in "US":
        uniq, inv = np.unique(v.astype(str), return_inverse=True)
        code = inv.astype(np.float64)
    elif v.dtype.kind == "M":
        code = v.astype("datetime64[D]").astype(np.int64).astype(np.float64)
        code[np.isnat(v)] = np.nan
    else:
        code = v.astype(np.float64)
    code = -code if order == "desc" else code
    return np.where(np.isnan(code), np.inf, code)


def rank_units(rules: RuleSet, columns: dict[str, np.ndarray], crits: dict[str, Any], *,
               base, bonus, deduction, total, class_idx) -> Ranked:
    """Order units by the rule set's ranking keys; see :class:`Ranked`."""
    key_field = next(n for n, f in rules.inputs.items() if f.role == "key")
    n = len(total)
    names, orders, values = [], [], []
    n_classes = len(rules.classes)
    for k in rules.ranking.keys:
        if k.key == key_field:
            continue
        if k.key == "class":
            v = (n_classes - 1 - class_idx).astype(np.float64)  # higher = better class
        elif k.key in ("total", "base", "bonus", "deduction"):
            v = {"total": total, "base": base, "bonus": bonus, "deduction": deduction}[k.key]
        elif k.key.startswith("points."):
            v = crits[k.key[7:]].points
        elif k.key.startswith("ratio."):
            v = crits[k.key[6:]].ratio
        else:
            v = columns[k.key]
        names.append(k.key)
        orders.append(k.order)
        values.append(np.asarray(v))
    key_order = next((k.order for k in rules.ranking.keys if k.key == key_field), "asc")
    names.append(key_field)
    orders.append(key_order)
    values.append(np.asarray(columns[key_field], dtype=object))
    codes = [sort_code(v, o) for v, o in zip(values, orders)]
    order = np.lexsort(codes[::-1]) if n else np.zeros(0, dtype=np.int64)
    rank_overall = np.empty(n, dtype=np.int64)
    rank_overall[order] = np.arange(1, n + 1)

    group = np.asarray(columns[rules.ranking.group_by], dtype=object)
    gcode = sort_code(group, "asc")
    gorder = order[np.argsort(gcode[order], kind="stable")]
    gsorted = gcode[gorder]
    starts = np.r_[0, np.nonzero(np.diff(gsorted))[0] + 1] if n else np.zeros(0, dtype=np.int64)
    pos = np.arange(n)
    start_of = np.zeros(n, dtype=np.int64)
    if n:
        start_of[starts] = starts
        start_of = np.maximum.accumulate(start_of)
    rank_group = np.empty(n, dtype=np.int64)
    rank_group[gorder] = pos - start_of + 1
    sizes = np.diff(np.r_[starts, n]) if n else np.zeros(0, dtype=np.int64)
    group_size = np.empty(n, dtype=np.int64)
    if n:
        size_at = np.repeat(sizes, sizes)
        group_size[gorder] = size_at

    # A "tie" is equality on every key up to and including 'total' (or the first key).
    tie_depth = names.index("total") if "total" in names else 0
    parts: list[tuple[np.ndarray, ...]] = []
    for scope, seq in ((0, order), (1, gorder)):
        if len(seq) < 2:
            continue
        upper, lower = seq[:-1], seq[1:]
        same_group = gcode[upper] == gcode[lower] if scope == 1 else np.ones(len(upper), bool)
        eq = np.stack([codes[k][upper] == codes[k][lower] for k in range(len(codes))])
        first_diff = np.argmin(eq, axis=0)  # every pair differs at least on the unit id
        hits = np.nonzero(same_group & (first_diff > tie_depth))[0]
        parts.append((upper[hits], lower[hits], np.full(len(hits), scope, dtype=np.int8),
                      first_diff[hits]))
    if parts:
        ties = tuple(np.concatenate([p[k] for p in parts]) for k in range(4))
    else:
        e = np.zeros(0, dtype=np.int64)
        ties = (e, e, e.astype(np.int8), e)
    return Ranked(names, orders, values, order, rank_overall, rank_group, group, group_size,
                  tie_depth, ties)
