"""Ranking within groups and overall by declared keys, with how each tie was broken.

The row's id is always the last key, so the order is total and never depends on row order.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np


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
    shared: bool = False            # tied rows share a rank (đồng hạng)

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


def rank_by(names: list[str], orders: list[str], values: list[np.ndarray], group: np.ndarray,
            tie_key: str | None = None, shared: bool = False) -> Ranked:
    """Order rows by ``values`` (one array per key in ``names``, each "asc" or "desc"), overall
    and within ``group``; the last key must identify a row, so the order is total. Two rows are
    tied when they agree on every key up to and including ``tie_key`` (the first key if None);
    with ``shared`` tied rows share the better rank (1, 2, 2, 4: đồng hạng), the later keys
    only ordering them for display.

    >>> r = rank_by(["total", "id"], ["desc", "asc"],
    ...             [np.array([90.0, 95.0, 90.0]), np.array(["c", "a", "b"], dtype=object)],
    ...             np.array(["x", "x", "y"], dtype=object), tie_key="total")
    >>> r.rank_overall.tolist(), r.rank_group.tolist(), r.ties_of(0)
    ([3, 1, 2], [2, 1, 1], [(2, 0, 'overall', 1)])
    >>> rank_by(["total", "id"], ["desc", "asc"],
    ...         [np.array([90.0, 95.0, 90.0]), np.array(["c", "a", "b"], dtype=object)],
    ...         np.array(["x", "x", "x"], dtype=object), "total", shared=True).rank_group.tolist()
    [2, 1, 2]
    """
    n = len(group)
    codes = [sort_code(v, o) for v, o in zip(values, orders)]
    order = np.lexsort(codes[::-1]) if n else np.zeros(0, dtype=np.int64)
    rank_overall = np.empty(n, dtype=np.int64)
    rank_overall[order] = np.arange(1, n + 1)

    group = np.asarray(group, dtype=object)
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

    tie_depth = names.index(tie_key) if tie_key in names else 0
    if shared and n:
        rank_overall = _shared(order, codes, tie_depth, None, rank_overall)
        rank_group = _shared(gorder, codes, tie_depth, gcode, rank_group)
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
                  tie_depth, ties, shared)


def _shared(seq: np.ndarray, codes: list[np.ndarray], depth: int, gcode: np.ndarray | None,
            ranks: np.ndarray) -> np.ndarray:
    """Ranks in which rows level on keys[0..depth] (in the same group) share the first rank."""
    if len(seq) < 2:
        return ranks
    up, low = seq[:-1], seq[1:]
    level = np.ones(len(up), dtype=bool)
    for k in range(depth + 1):
        level &= codes[k][up] == codes[k][low]
    if gcode is not None:
        level &= gcode[up] == gcode[low]
    # A chain of ties takes the rank of its first row.
    pos = np.arange(len(seq))
    start = np.maximum.accumulate(np.where(np.r_[True, ~level], pos, 0))
    out = ranks.copy()
    out[seq] = ranks[seq][start]
    return out
