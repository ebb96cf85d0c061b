"""Column-wise evaluation of title rules over a judged year, with three-valued logic.

A condition that reads attested evidence which is missing may come out either way, so every
expression is evaluated twice: once with missing evidence read as "no" and once as "yes" (and
undetermined titles likewise). Where both agree the result is certain; where they differ it is
"not determinable". Values are coded F=0, U=1, T=2 so that AND is min, OR is max, NOT is 2-x.

Titles are evaluated in dependency order (people first); each title's judged-year result feeds the
titles that read it, in both the plain and the history (yearly) views."""
from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field
from typing import Any, Callable

import numpy as np

from ...core.params import ResolvedParameter, to_column
from ...core.tri import F, T, U, tri
from ...expr import evaluate
from ...expr.evaluate import Context
from ...select.quota import QuotaColumns, apply_quota
from ...tables.history import Subjects
from .checks import title_order
from .model import Title, TitleRuleSet


@dataclass
class TitleColumns:
    """Every status, per title, check, route and exclusion, as coded arrays (F/U/T)."""
    order: list[str]
    status: dict[str, np.ndarray] = field(default_factory=dict)      # title -> F/U/T
    selected: dict[str, np.ndarray] = field(default_factory=dict)    # title -> bool
    checks: dict[str, np.ndarray] = field(default_factory=dict)      # check id -> F/U/T
    routes: dict[str, np.ndarray] = field(default_factory=dict)
    exclusions: dict[str, np.ndarray] = field(default_factory=dict)  # T = applies
    # Checks before folding, one value per history row (only where a subject has alternative
    # histories): the explanation shows the history that decided.
    row_checks: dict[str, np.ndarray] = field(default_factory=dict)
    quotas: dict[str, QuotaColumns] = field(default_factory=dict)
    prize: dict[str, np.ndarray] = field(default_factory=dict)       # amount where proposed
    envs: dict[str, Any] = field(default_factory=dict)               # for traces


def builtins(year: int, decision_date: dt.date) -> dict[str, Any]:
    """Names every title expression may read, fixed by the judged year and decision date."""
    return {"judged_year": float(year),
            "year_start": np.datetime64(dt.date(year, 1, 1), "D"),
            "year_end": np.datetime64(dt.date(year, 12, 31), "D"),
            "next_year_start": np.datetime64(dt.date(year + 1, 1, 1), "D"),
            "decision_date": np.datetime64(decision_date, "D")}


class World:
    """The plain and yearly environments of one kind of subject, in both readings.

    A subject with alternative histories (a merged collective whose checks must hold with each
    predecessor's years) has one extra row per alternative after the subjects: same judged year,
    other past years. ``size`` is the number of subjects, ``n`` the number of rows; a check's
    result is folded back to the subjects with :meth:`fold`."""

    def __init__(self, subj: Subjects, params: dict[str, Any], base: dict[str, Any],
                 titles: list[Title]):
        size, width = len(subj), len(subj.years)
        self.size = size
        self.owner = subj.alt_owner
        self.index = np.concatenate([np.arange(size, dtype=np.int64), self.owner])
        n = len(self.index)
        self.n = n
        extended = len(self.owner) > 0
        cols = {k: v[self.index] for k, v in subj.cols.items()} if extended else subj.cols
        known = {k: v[self.index] for k, v in subj.known.items()} if extended else subj.known
        years = {k: np.concatenate([v, subj.alt_yearly[k]]) for k, v in subj.yearly.items()} \
            if extended else subj.yearly
        self.env = {}
        self.yearly = {}
        for reading in ("f", "t"):
            env = {**cols, **params, **base}
            yearly = {**years, **params, **base}
            for a in subj.attested:
                v, k = cols[a], known[a]
                env[a] = (v & k) if reading == "f" else (v | ~k)
                col = yearly[a].copy()
                col[:, -1] = env[a]
                yearly[a] = col
            self.env[reading] = env
            self.yearly[reading] = yearly
        # Past years of each title come from the record; the judged year is filled in as each
        # title is decided (until then it reads as not held, which only its own stop-rule sees).
        for t in titles:
            past = np.asarray(evaluate(t.recorded_as, self.yearly["f"]), dtype=bool)
            past = np.broadcast_to(past, (n, width)).copy()
            past[:, -1] = False
            for reading in ("f", "t"):
                self.yearly[reading][t.id] = past.copy()
                self.env[reading][t.id] = np.zeros(n, dtype=bool)
        self.ctx = {r: Context(yearly=self.yearly[r]) for r in ("f", "t")}

    def set_title(self, tid: str, held_f: np.ndarray, held_t: np.ndarray) -> None:
        """Record the judged year's result of a title (one value per subject)."""
        for r, held in (("f", held_f), ("t", held_t)):
            held = self.expand(held)
            self.env[r][tid] = held
            self.yearly[r][tid][:, -1] = held

    def expand(self, a: np.ndarray) -> np.ndarray:
        """Per-subject values repeated on the rows of their alternative histories."""
        a = np.asarray(a)
        return a if len(self.owner) == 0 or a.ndim == 0 else a[self.index]

    def fold(self, a: np.ndarray, worst: bool = True) -> np.ndarray:
        """Per-row F/U/T values back to one per subject: the least (a check must hold with
        every history) or, with ``worst=False``, the greatest (an exclusion applies if it
        applies with any)."""
        a = np.broadcast_to(np.asarray(a), (self.n,))
        if len(self.owner) == 0:
            return a
        out = a[:self.size].copy()
        (np.minimum if worst else np.maximum).at(out, self.owner, a[self.size:])
        return out

    def tri(self, node) -> np.ndarray:
        return tri(node, self.env["f"], self.ctx["f"], self.env["t"], self.ctx["t"], self.n)


def title_checks(t: Title) -> list:
    """Every check of a title, its routes' included."""
    return list(t.checks) + [c for r in t.routes for c in r.checks]


def decide_columns(t: Title, exclusions: list, w: World) -> dict[str, np.ndarray]:
    """The batch decider: each check and exclusion evaluated column-wise in both readings."""
    out = {c.id: w.tri(c.holds) for c in title_checks(t)}
    out.update({x.id: w.tri(x.when) for x in exclusions})
    return out


#: Decides a title's checks and (not yet decided) exclusions: id -> F/U/T array.
Decider = Callable[[Title, list, World], dict[str, np.ndarray]]


def run_titles(model: TitleRuleSet, params: dict[str, ResolvedParameter], people: Subjects,
               units: Subjects | None, year: int, decision_date: dt.date,
               member_unit: np.ndarray | None,
               member_ghosts: np.ndarray | None = None,
               decide: "Decider | None" = None) -> TitleColumns:
    """Decide every title for every subject; see :class:`TitleColumns`.

    ``member_unit`` gives, per person, the index of their unit in ``units`` (or -1).
    ``member_ghosts`` counts, per unit, members whose judged row was rejected: they are members
    whose every condition is unknown, so a collective is never judged on part of its members.
    ``decide`` evaluates a title's checks and exclusions (default: column-wise; the streaming
    engine passes its durable-rules network); combining, quotas and prizes are shared."""
    decide = decide or decide_columns
    pvals = {k: to_column(p.value) for k, p in params.items()}
    base = builtins(year, decision_date)
    order = [t for t in title_order(model) if units is not None or
             model.title(t).subject == "person"]
    pt = [t for t in model.titles if t.subject == "person"]
    ut = [t for t in model.titles if t.subject == "unit"]
    worlds = {"person": World(people, pvals, base, pt)}
    if units is not None:
        uw = World(units, pvals, base, ut)
        n_units = len(units)
        idx = member_unit if member_unit is not None else np.full(len(people), -1)
        inside = idx >= 0
        ghosts = np.zeros(n_units) if member_ghosts is None else member_ghosts.astype(np.float64)
        # Members are the judged year's: an alternative history has its owner's members.
        member_n = uw.expand(np.bincount(idx[inside], minlength=n_units).astype(np.float64)
                             + ghosts)

        def member_sum(v: np.ndarray, extra: np.ndarray, _idx=idx, _in=inside,
                       _n=n_units) -> np.ndarray:
            v = np.broadcast_to(v, _idx.shape)
            return uw.expand(np.bincount(_idx[_in], weights=v[_in], minlength=_n) + extra)

        for r in ("f", "t"):
            extra = ghosts if r == "t" else np.zeros(n_units)
            uw.ctx[r] = Context(yearly=uw.yearly[r], member_env=worlds["person"].env[r],
                                member_context=worlds["person"].ctx[r],
                                member_sum=lambda v, _e=extra: member_sum(v, _e),
                                member_n=member_n)
        worlds["unit"] = uw
    out = TitleColumns(order=order, envs=worlds)
    excl_cache: dict[str, np.ndarray] = {}
    for tid in order:
        t = model.title(tid)
        w = worlds[t.subject]
        exclusions = [x for x in model.exclusions if x.subject == t.subject and
                      (x.titles == "all" or tid in x.titles)]
        decided = decide(t, [x for x in exclusions if x.id not in excl_cache], w)
        size = w.size
        v = np.full(size, T, dtype=np.int8)
        for c in t.checks:
            out.checks[c.id] = w.fold(decided[c.id])
            if w.n > size:
                out.row_checks[c.id] = np.asarray(decided[c.id])
            v = np.minimum(v, out.checks[c.id])
        if t.routes:
            any_route = np.full(size, F, dtype=np.int8)
            for r in t.routes:
                rv = np.full(size, T, dtype=np.int8)
                for c in r.checks:
                    out.checks[c.id] = w.fold(decided[c.id])
                    if w.n > size:
                        out.row_checks[c.id] = np.asarray(decided[c.id])
                    rv = np.minimum(rv, out.checks[c.id])
                out.routes[r.id] = rv
                any_route = np.maximum(any_route, rv)
            v = np.minimum(v, any_route)
        for x in exclusions:
            if x.id not in excl_cache:
                excl_cache[x.id] = w.fold(decided[x.id], worst=False)
                out.exclusions[x.id] = excl_cache[x.id]
            v = np.minimum(v, T - excl_cache[x.id])
        out.status[tid] = v
        eligible = v == T
        selected = eligible
        if t.quota is not None:
            q = t.quota
            share = float(evaluate(q.share, pvals))
            keys = [np.broadcast_to(np.asarray(evaluate(k.expr, w.env["f"], w.ctx["f"])),
                                    (w.n,))[:size] for k in q.keys]
            subj = people if t.subject == "person" else units
            qc = apply_quota(eligible, subj.cols[q.group_by], w.env["f"][q.of][:size], share,
                             q.rounding, keys, [k.order for k in q.keys], subj.ids)
            out.quotas[tid] = qc
            selected = qc.selected
        out.selected[tid] = selected
        w.set_title(tid, selected, selected | (v == U))
        if t.prize is not None:
            out.prize[tid] = np.where(selected, prize_amount(t, params, pvals), 0.0)
    return out


def prize_amount(t: Title, params: dict[str, ResolvedParameter], pvals: dict[str, Any]) -> float:
    """Multiplier x base salary, rounded up to the declared step (e.g. 10,000 VND).

    Rounded to whole đồng first, so float noise (0.3 x 1,800,000 = 540000.0000001) can never
    push an amount up a whole step.
    """
    mult = float(evaluate(t.prize.multiplier, pvals))
    raw = round(mult * float(params["base_salary"].value))
    step = float(params["prize_rounding"].value) if "prize_rounding" in params else 1.0
    return float(math.ceil(raw / step) * step) if step > 0 else float(raw)
