"""Delegate eligibility and selection for one conference level.

Eligibility uses the title engine's three-valued checks (attested standards; missing evidence
makes a candidate "not determinable"). Invited delegates are their own group and not held to the
standards. Selection per conference, up to the level's cap:
  1. invited delegates, best first, up to their group's maximum seats;
  2. each group's reserved minimum seats, best first within the group;
  3. the remaining seats to the best remaining eligible candidates of any group not at its
     maximum.
The merit order is the declared keys, then the candidate id, so it never depends on row order.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any, Callable

import numpy as np

from ...core.models import Localized
from ...core.params import ResolvedParameter, to_column
from ...core.tri import F, T, U, tri
from ...expr import evaluate
from ...select.ranking import sort_code
from .model import DelegateRuleSet
from .words import in_sentence, say


@dataclass
class Selection:
    status: np.ndarray          # F/U/T eligibility per candidate
    checks: dict[str, np.ndarray]
    selected: np.ndarray
    seat: np.ndarray            # object: invited/reserved/open/""
    rank: np.ndarray            # 1-based among the conference's eligible (0 = not eligible)
    keys: list[np.ndarray]
    codes: list[np.ndarray]
    order: dict[str, np.ndarray]    # conference -> eligible rows in merit order
    seats: dict[str, dict[str, tuple[int, int]]]   # conference -> group -> (min, max)
    cap: int
    forwarded: np.ndarray
    env: dict[str, Any]
    pool_rank: np.ndarray       # place among the eligible of the same pool (invited or not)
    pool_seats: dict[str, dict[bool, int]]  # conference -> invited? -> seats that pool had
    level: str = ""             # the declared level judged


def _seats(rules: DelegateRuleSet, params: dict[str, Any], cap: int) -> dict[str, tuple[int, int]]:
    out = {}
    for g in rules.groups:
        lo = math.ceil(float(params[g.min_share]) * cap - 1e-9) if g.min_share else 0
        hi = math.floor(float(params[g.max_share]) * cap + 1e-9) if g.max_share else cap
        out[g.id] = (min(lo, cap), min(hi, cap))
    return out


def select(rules: DelegateRuleSet, params: dict[str, ResolvedParameter],
           cols: dict[str, np.ndarray], known: dict[str, np.ndarray], level: str,
           decide: Callable | None = None) -> Selection:
    """Eligibility and selection for every candidate of ``level`` (rows of ``cols``).

    ``decide(items, envs, n)`` evaluates the standards (id, expression) in both readings of
    missing evidence; default column-wise, the streaming engine passes its network."""
    pvals = {k: to_column(p.value) for k, p in params.items()}
    n = len(next(iter(cols.values()))) if cols else 0
    env_f, env_t = {**cols, **pvals}, {**cols, **pvals}
    for a, k in known.items():
        env_f[a] = cols[a] & k
        env_t[a] = cols[a] | ~k
    role = {f.role: name for name, f in rules.inputs.items() if f.role}
    group = cols[role["group"]]
    held = np.isin(group, [g.id for g in rules.groups if g.held_to_standards])
    checks, status = {}, np.full(n, T, dtype=np.int8)
    items = [(c.id, c.holds) for c in rules.standards]
    decided = decide(items, {"f": env_f, "t": env_t}, n) if decide is not None else \
        {cid: tri(node, env_f, None, env_t, None, n) for cid, node in items}
    for c in rules.standards:
        v = np.where(held, decided[c.id], T).astype(np.int8)
        checks[c.id] = v
        status = np.minimum(status, v)
    keys = [np.broadcast_to(np.asarray(evaluate(k.expr, env_f)), (n,)) for k in rules.keys]
    keys.append(np.asarray(cols[role["key"]], dtype=object))
    orders = [k.order for k in rules.keys] + ["asc"]
    codes = [sort_code(np.asarray(k), o) for k, o in zip(keys, orders)]
    lv = rules.level(level)
    cap = int(float(params[lv.cap].value))
    seats_by_group = _seats(rules, {k: p.value for k, p in params.items()}, cap)
    conf = np.asarray(cols[role["conference"]], dtype=object)
    selected = np.zeros(n, dtype=bool)
    seat = np.full(n, "", dtype=object)
    rank = np.zeros(n, dtype=np.int64)
    order_of: dict[str, np.ndarray] = {}
    seats: dict[str, dict[str, tuple[int, int]]] = {}
    pool_rank = np.zeros(n, dtype=np.int64)
    pool_seats: dict[str, dict[bool, int]] = {}
    eligible = status == T
    for c in sorted(set(conf.tolist())):
        rows = np.nonzero((conf == c) & eligible)[0]
        order = rows[np.lexsort([k[rows] for k in codes][::-1])] if len(rows) else rows
        order_of[c] = order
        rank[order] = np.arange(1, len(order) + 1)
        for inv in (True, False):
            sub = order[~held[order] == inv]
            pool_rank[sub] = np.arange(1, len(sub) + 1)
        seats[c] = seats_by_group
        taken = {g: 0 for g in seats_by_group}
        left = cap
        # 1. invited (not held to standards) up to their maximum; 2. reserved minimums.
        for stage in ("invited", "reserved"):
            for g in rules.groups:
                if (stage == "invited") == g.held_to_standards:
                    continue
                want = seats_by_group[g.id][1] if stage == "invited" else seats_by_group[g.id][0]
                for i in order[group[order] == g.id]:
                    if left == 0 or taken[g.id] >= want:
                        break
                    if not selected[i]:
                        selected[i], seat[i] = True, stage
                        taken[g.id] += 1
                        left -= 1
        # 3. open seats, best first, groups below their maximum.
        for i in order:
            if left == 0:
                break
            g = group[i]
            if not selected[i] and g in taken and taken[g] < seats_by_group[g][1] and \
                    rules.group(g).held_to_standards:
                selected[i], seat[i] = True, "open"
                taken[g] += 1
                left -= 1
        invited_in = int((selected[order] & ~held[order]).sum())
        pool_seats[c] = {True: invited_in if left == 0 else
                         min(sum(seats_by_group[g.id][1] for g in rules.groups
                                 if not g.held_to_standards), cap),
                         False: cap - invited_in}
    honoured = cols.get("honoured")
    forwarded = np.zeros(n, dtype=bool)
    if lv.next_level is not None and honoured is not None:
        next_cap = int(float(params[rules.level(lv.next_level).cap].value))
        for c, order in order_of.items():
            pick = [i for i in order if selected[i] and honoured[i] and held[i]][:next_cap]
            forwarded[pick] = True
    return Selection(status, checks, selected, seat, rank, keys, codes, order_of, seats, cap,
                     forwarded, env_f, pool_rank, pool_seats, level)


def neighbour(sel: Selection, i: int, conference: str, invited: bool
              ) -> tuple[int | None, int | None]:
    """For an eligible candidate left out: the last candidate selected in the same competition
    (invited seats, or the other seats), and the index of the key that put them ahead."""
    order = sel.order.get(conference)
    if order is None or not len(order):
        return None, None
    pool = [j for j in order if sel.selected[j] and (sel.seat[j] == "invited") == invited]
    if not pool:
        return None, None
    j = pool[-1]
    for k, c in enumerate(sel.codes):
        if c[i] != c[j]:
            return int(j), k
    return int(j), len(sel.codes) - 1


def outcome_name(v: int) -> str:
    return {F: "not_eligible", U: "not_determinable", T: "eligible"}[int(v)]


def reason(sel: Selection, i: int, group_id: str, conference: str, rules: DelegateRuleSet
           ) -> Localized:
    """Why a candidate is in or out, in words."""
    st = int(sel.status[i])
    if sel.selected[i]:
        return say(f"conf_selected_{sel.seat[i]}", rank=int(sel.rank[i]))
    if st == F:
        return say("conf_not_eligible")
    if st == U:
        return say("conf_not_determinable")
    g = rules.group(group_id)
    seats = sel.pool_seats[conference][not g.held_to_standards]
    level = in_sentence(rules.level(sel.level))
    if not g.held_to_standards:
        return say("conf_invited_full", place=sel.pool_rank[i], seats=seats, level=level)
    return say("conf_no_seat", place=sel.pool_rank[i], seats=seats, cap=sel.cap, level=level)
