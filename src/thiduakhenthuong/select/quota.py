"""Quota selection: where a regime caps a title (e.g. CSTĐCS at most 15% of a unit's LĐTT
holders), eligible candidates are ranked per group by declared merit keys and the top ones within
the cap are selected. The subject id is always the last key, so the result never depends on row
order, and each candidate's rank, cap and deciding key can be explained."""
from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from .ranking import sort_code


@dataclass
class QuotaColumns:
    selected: np.ndarray      # bool
    rank: np.ndarray          # 1-based rank among the group's eligible candidates (0 = not eligible)
    cap: np.ndarray           # the group's cap, per row
    holders: np.ndarray       # holders of the reference title in the group, per row
    eligible_in_group: np.ndarray
    share: float
    keys: list[np.ndarray]    # merit key values (id last)
    orders: list[str]
    codes: list[np.ndarray]   # sortable codes of the keys
    by_group_rank: dict[tuple[object, int], int]  # (group, rank) -> row


def cap_of(share: float, holders: int, rounding: str) -> int:
    """The number of places a group gets.

    >>> cap_of(0.15, 20, "floor"), cap_of(0.15, 14, "floor"), cap_of(0.15, 14, "ceil")
    (3, 2, 3)
    """
    x = share * holders
    # A tolerance so 0.15 x 20 (2.9999999999999996 in binary) still counts as 3.
    if rounding == "floor":
        return int(math.floor(x + 1e-9))
    if rounding == "ceil":
        return int(math.ceil(x - 1e-9))
    return int(math.floor(x + 0.5 + 1e-9))


def apply_quota(eligible: np.ndarray, group: np.ndarray, holders_mask: np.ndarray, share: float,
                rounding: str, keys: list[np.ndarray], orders: list[str],
                ids: np.ndarray) -> QuotaColumns:
    """Select, per group, the best eligible candidates up to the group's cap.

    >>> import numpy as np
    >>> q = apply_quota(np.array([True, True, True]), np.array(["u", "u", "u"], dtype=object),
    ...                 np.ones(3, bool) , 0.5, "floor", [np.array([1.0, 3.0, 2.0])], ["desc"],
    ...                 np.array(["a", "b", "c"], dtype=object))
    >>> q.selected.tolist(), q.rank.tolist()
    ([False, True, False], [3, 1, 2])
    """
    n = len(eligible)
    group = np.asarray(group, dtype=object)
    keys = list(keys) + [np.asarray(ids, dtype=object)]
    orders = list(orders) + ["asc"]
    codes = [sort_code(np.asarray(k), o) for k, o in zip(keys, orders)]
    gcode = sort_code(group, "asc")
    holders = np.zeros(n, dtype=np.int64)
    cap = np.zeros(n, dtype=np.int64)
    elig_n = np.zeros(n, dtype=np.int64)
    rank = np.zeros(n, dtype=np.int64)
    selected = np.zeros(n, dtype=bool)
    by_group_rank: dict[tuple[object, int], int] = {}
    # Group sizes and caps for every row (so a non-eligible row still shows its group's cap).
    uniq, inv = np.unique(gcode, return_inverse=True)
    h = np.bincount(inv, weights=np.asarray(holders_mask, dtype=np.float64), minlength=len(uniq))
    e = np.bincount(inv, weights=eligible.astype(np.float64), minlength=len(uniq))
    caps = np.array([cap_of(share, int(x), rounding) for x in h], dtype=np.int64)
    holders[:] = h[inv].astype(np.int64)
    cap[:] = caps[inv]
    elig_n[:] = e[inv].astype(np.int64)
    idx = np.nonzero(eligible)[0]
    if len(idx):
        sort_keys = [c[idx] for c in codes][::-1] + [gcode[idx]]
        ordered = idx[np.lexsort(sort_keys)]
        g = gcode[ordered]
        starts = np.r_[0, np.nonzero(np.diff(g))[0] + 1]
        start_of = np.zeros(len(ordered), dtype=np.int64)
        start_of[starts] = starts
        start_of = np.maximum.accumulate(start_of)
        r = np.arange(len(ordered)) - start_of + 1
        rank[ordered] = r
        selected[ordered] = r <= cap[ordered]
        for row, rr in zip(ordered.tolist(), r.tolist()):
            by_group_rank[(group[row], rr)] = row
    return QuotaColumns(selected, rank, cap, holders, elig_n, share, keys, orders, codes,
                        by_group_rank)


def cut_off_neighbour(q: QuotaColumns, i: int, group: object) -> tuple[int | None, int | None]:
    """The candidate across the cut-off from row ``i`` and the index of the key that separated
    them: for one left out, the last one selected; for one selected, the first one left out."""
    if q.rank[i] == 0 or q.eligible_in_group[i] <= q.cap[i]:
        return None, None
    other_rank = int(q.cap[i]) if not q.selected[i] else int(q.cap[i]) + 1
    j = q.by_group_rank.get((group, other_rank))
    if j is None or j == i:
        return None, None
    for k, c in enumerate(q.codes):
        if c[i] != c[j]:
            return j, k
    return j, len(q.codes) - 1
