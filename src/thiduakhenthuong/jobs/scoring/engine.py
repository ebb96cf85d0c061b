"""Column-wise scoring: every criterion, total, class, rank and award computed over whole columns.

No Python loop runs per unit on this path; per-unit traces are assembled from the columns only
when a caller asks for them (see :mod:`.scored`).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable

import numpy as np

from ...core.models import Localized
from ...core.params import ResolvedParameter, parameter_env
from ...core.trace import Notice
from ...expr import evaluate
from ...render.numbers import num
from ...select.ranking import Ranked
from ...tables.validate import ValidInputs
from .model import Criterion, RuleSet
from .ranking import rank_units


@dataclass
class CriterionColumns:
    """Per-unit arrays for one criterion."""
    applicable: np.ndarray
    achieved: np.ndarray | None
    target: np.ndarray | None
    ratio: np.ndarray
    condition: np.ndarray | None
    met: np.ndarray
    points: np.ndarray
    max_points: np.ndarray
    bonus: np.ndarray


@dataclass
class ScoreColumns:
    """Everything the engine computed, one array per quantity."""
    n: int
    criteria: dict[str, CriterionColumns]
    deductions: dict[str, tuple[np.ndarray, np.ndarray, np.ndarray]]  # raw, capped, max
    base: np.ndarray
    bonus_uncapped: np.ndarray
    bonus: np.ndarray
    bonus_max: np.ndarray
    deduction: np.ndarray
    total: np.ndarray
    class_by_total: np.ndarray   # index into rules.classes, 0 = best
    class_idx: np.ndarray
    veto_applied: dict[str, np.ndarray]
    thresholds: list[np.ndarray | None]
    ranked: Ranked
    awards: dict[str, np.ndarray]
    env: dict[str, Any] = field(repr=False, default_factory=dict)


def as_column(x: Any, n: int, dtype=np.float64) -> np.ndarray:
    a = np.asarray(x, dtype=dtype)
    return np.broadcast_to(a, (n,)).copy() if a.shape != (n,) else a


def _round(x: np.ndarray) -> np.ndarray:
    # Points are money-like: two decimals, rounded half away from zero as people do by hand.
    return np.sign(x) * np.floor(np.abs(x) * 100 + 0.5 + 1e-9) / 100


def score_criterion(c: Criterion, env: dict[str, Any], n: int,
                    hit: Callable[[str], np.ndarray] | None = None) -> CriterionColumns:
    """Evaluate one criterion over all units (also used, on one unit, to re-check a trace).

    ``hit(rule_id)``, when given, supplies the yes/no steps decided elsewhere (the durable-rules
    network: ``<id>:applies``, ``:gate``, ``:full``, ``:floor``, ``:band:<k>``); values read and
    points are computed here either way."""
    def decided(rule: str, own: Any) -> np.ndarray:
        return hit(f"{c.id}:{rule}") if hit is not None else own

    applicable = decided("applies", as_column(evaluate(c.applies, env), n, bool)) \
        if c.applies is not None else np.ones(n, dtype=bool)
    maxp = as_column(evaluate(c.max_points, env), n)
    maxp = np.where(np.isnan(maxp), 0.0, maxp)
    achieved = target = None
    cond = None
    if c.achieved is not None:
        achieved = as_column(evaluate(c.achieved, env), n)
        target = as_column(evaluate(c.target, env), n)
        ratio = criterion_ratio(achieved, target)
    else:
        ratio = None
    if c.condition is not None:
        cond = as_column(evaluate(c.condition, env), n, bool)
    gate = decided("gate", cond) if cond is not None else np.ones(n, dtype=bool)
    if ratio is None:
        ratio = gate.astype(np.float64)
        full = gate
    else:
        full = decided("full", ratio >= 1.0 - 1e-12)
    met = gate & full
    s = c.scoring
    if s.method == "all_or_nothing":
        share = met.astype(np.float64)
    elif s.method == "proportional":
        floor_ok = decided("floor", ratio >= s.floor) if c.achieved is not None else \
            ratio >= s.floor
        share = np.where(floor_ok, np.minimum(ratio / s.full_at, 1.0), 0.0)
    else:
        share = np.zeros(n)
        for k, b in enumerate(s.bands):  # ascending; a later band overrides an earlier one
            share = np.where(decided(f"band:{k}", ratio >= b.min_ratio - 1e-12), b.share, share)
    share = np.where(gate, share, 0.0)
    points = _round(maxp * share)
    bonus = np.zeros(n)
    if c.bonus is not None:
        pps = as_column(evaluate(c.bonus.points_per_step, env), n)
        bmax = as_column(evaluate(c.bonus.max, env), n)
        steps = np.floor((ratio - 1.0) / c.bonus.step + 1e-9)
        bonus = np.where(met & (steps > 0), np.minimum(steps * pps, bmax), 0.0)
        bonus = _round(bonus)
    # A criterion that does not apply to a unit is exempt: full points, no bonus.
    points = np.where(applicable, points, maxp)
    met = np.where(applicable, met, True)
    bonus = np.where(applicable, bonus, 0.0)
    return CriterionColumns(applicable, achieved, target, ratio, cond, met, points, maxp, bonus)


def criterion_ratio(achieved: np.ndarray, target: np.ndarray) -> np.ndarray:
    """achieved / target; a target of zero is met in full; unreadable counts as 0."""
    with np.errstate(divide="ignore", invalid="ignore"):
        ratio = np.where(target == 0, np.where(np.isnan(achieved), np.nan, 1.0),
                         achieved / target)
    return np.where(np.isnan(ratio), 0.0, np.maximum(ratio, 0.0))


def score_columns(rules: RuleSet, params: dict[str, ResolvedParameter],
                  valid: ValidInputs) -> ScoreColumns:
    """Score every valid row at once."""
    n = len(valid)
    env = scoring_env(params, valid)
    crits = {c.id: score_criterion(c, env, n) for c in rules.criteria}
    t = unit_totals(rules, env, crits, n)
    last = len(rules.classes) - 1
    class_by_total = np.full(n, last, dtype=np.int64)
    for i in range(last - 1, -1, -1):
        class_by_total = np.where(t.total >= t.thresholds[i] - 1e-9, i, class_by_total)
    class_idx = class_by_total.copy()
    class_pos = {cl.id: i for i, cl in enumerate(rules.classes)}
    vetoes = {}
    for v in rules.vetoes:
        cap = class_pos[v.max_class]
        hit = ~crits[v.criterion].met & (class_idx < cap)
        vetoes[v.id] = hit
        class_idx = np.where(hit, cap, class_idx)
    return rank_and_award(rules, valid, env, crits, t, class_by_total, class_idx, vetoes)


def scoring_env(params: dict[str, ResolvedParameter], valid: ValidInputs) -> dict[str, Any]:
    """Input columns and parameter values, as expressions read them."""
    env: dict[str, Any] = dict(valid.columns)
    env.update(parameter_env(params, valid.columns, len(valid)))
    return env


@dataclass
class Totals:
    base: np.ndarray
    bonus_uncapped: np.ndarray
    bonus: np.ndarray
    bonus_max: np.ndarray
    deductions: dict[str, tuple[np.ndarray, np.ndarray, np.ndarray]]
    deduction: np.ndarray
    total: np.ndarray
    thresholds: list[np.ndarray | None]


def unit_totals(rules: RuleSet, env: dict[str, Any], crits: dict[str, CriterionColumns],
                n: int) -> Totals:
    """Base points, capped bonus, capped deductions, total and class thresholds per unit."""

    points_sum = np.zeros(n)
    for cc in crits.values():
        points_sum = points_sum + cc.points
    if rules.meta.not_applicable == "excluded":
        app_max = np.zeros(n)
        app_pts = np.zeros(n)
        for cc in crits.values():
            app_max += np.where(cc.applicable, cc.max_points, 0.0)
            app_pts += np.where(cc.applicable, cc.points, 0.0)
        with np.errstate(divide="ignore", invalid="ignore"):
            base = np.where(app_max > 0, app_pts / app_max * rules.meta.base_max, 0.0)
        base = _round(base)
    else:
        base = _round(points_sum)
    bonus_unc = np.zeros(n)
    for cc in crits.values():
        bonus_unc = bonus_unc + cc.bonus
    bonus_max = as_column(evaluate(rules.meta.bonus_max, env), n)
    bonus = _round(np.minimum(bonus_unc, bonus_max))
    deds = {}
    ded_total = np.zeros(n)
    for d in rules.deductions:
        raw = as_column(evaluate(d.points, env), n)
        raw = np.where(np.isnan(raw), 0.0, np.maximum(raw, 0.0))
        mx = as_column(evaluate(d.max, env), n)
        capped = _round(np.minimum(raw, mx))
        deds[d.id] = (raw, capped, mx)
        ded_total = ded_total + capped
    ded_total = _round(ded_total)
    total = _round(base + bonus - ded_total)
    thresholds = [None if cl.min_total is None else as_column(evaluate(cl.min_total, env), n)
                  for cl in rules.classes]
    return Totals(base, bonus_unc, bonus, bonus_max, deds, ded_total, total, thresholds)


def rank_and_award(rules: RuleSet, valid: ValidInputs, env: dict[str, Any],
                   crits: dict[str, CriterionColumns], t: Totals, class_by_total: np.ndarray,
                   class_idx: np.ndarray, vetoes: dict[str, np.ndarray]) -> ScoreColumns:
    """Ranks within clusters and overall, and the awards they earn (the selection step)."""
    class_pos = {cl.id: i for i, cl in enumerate(rules.classes)}
    ranked = rank_units(rules, valid.columns, crits, base=t.base, bonus=t.bonus,
                        deduction=t.deduction, total=t.total, class_idx=class_idx)
    awards = {}
    for a in rules.awards:
        r = ranked.rank_group if a.scope == "cluster" else ranked.rank_overall
        awards[a.id] = (r >= a.ranks[0]) & (r <= a.ranks[1]) & (class_idx <= class_pos[a.min_class])
    return ScoreColumns(len(valid), crits, t.deductions, t.base, t.bonus_uncapped, t.bonus,
                        t.bonus_max, t.deduction, t.total, class_by_total, class_idx, vetoes,
                        t.thresholds, ranked, awards, env)


def check_totals(rules: RuleSet, valid: ValidInputs, params: dict[str, ResolvedParameter]
                 ) -> list[Notice]:
    """Warn, with the gap, where the units' assigned targets do not add up to the totals."""
    out = []
    env = parameter_env({k: p for k, p in params.items() if p.by is None}, valid.columns, len(valid))
    for t in rules.totals:
        if t.field not in valid.clean_numbers:
            continue  # the column is missing: every row is already rejected for it
        col = valid.clean_numbers[t.field]
        unreadable = int(np.isnan(col).sum())
        col = col[~np.isnan(col)]
        agg = {"sum": np.sum, "min": np.min, "max": np.max, "mean": np.mean}[t.aggregate]
        got = float(agg(col)) if len(col) else 0.0
        expected = float(evaluate(t.expected, env))
        ok = abs(got - expected) < 1e-9 if t.compare == "==" else got >= expected - 1e-9
        if ok:
            continue
        gap = got - expected
        extra_vi = f" ({unreadable} ô không đọc được không được tính)" if unreadable else ""
        extra_en = f" ({unreadable} unreadable cells not counted)" if unreadable else ""
        agg_vi = {"sum": "tổng", "min": "nhỏ nhất", "max": "lớn nhất", "mean": "trung bình"}
        out.append(Notice(
            code="totals_mismatch", cite=t.cite,
            message=Localized(
                vi=f"{t.title.vi}: {agg_vi[t.aggregate]} là {num(got)}, cần {t.compare} "
                   f"{num(expected)} (chênh lệch {'+' if gap > 0 else ''}{num(gap)}){extra_vi}",
                en=f"{t.title.en}: {t.aggregate} is {num(got, 'en')}, expected {t.compare} "
                   f"{num(expected, 'en')} (gap {'+' if gap > 0 else ''}{num(gap, 'en')})"
                   f"{extra_en}"),
            details={"check": t.id, "field": t.field, "aggregate": t.aggregate, "value": got,
                     "expected": expected, "gap": gap}))
    return out

