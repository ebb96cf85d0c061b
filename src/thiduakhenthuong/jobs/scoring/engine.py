"""Column-wise scoring: every criterion, total, class, rank and award computed over whole columns.

No Python loop runs per unit on this path; per-unit traces are assembled from the columns only
when a caller asks for them (see :mod:`.result`).

The steps, in order: every row's criteria (a row is a unit, or one scorer's view of a unit when
the rule set has several scorers) with the reviewer's stage where there is one; each row's
sections, bonus, deductions and events; the rows of a unit combined as declared (sum or mean);
the class (by total, written ranges and criterion shares, then vetoes); ranks in the cluster, in
further groupings and overall (ties broken or shared); awards by rank, class and quota.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable

import numpy as np

from ...core.models import Localized
from ...core.params import ResolvedParameter, parameter_env
from ...core.trace import Notice
from ...expr import ast as A
from ...expr import evaluate
from ...expr.evaluate import Context, group_values
from ...render.numbers import num
from ...select.quota import QuotaColumns, apply_quota
from ...select.ranking import Ranked
from ...tables.validate import ValidInputs
from .bands import parse_range, thresholds as range_thresholds
from .model import Criterion, RuleSet
from .ranking import rank_units

_EPS = 1e-9


@dataclass
class CriterionColumns:
    """Per-unit (or per-row) arrays for one criterion."""
    applicable: np.ndarray
    achieved: np.ndarray | None
    target: np.ndarray | None
    ratio: np.ndarray
    condition: np.ndarray | None
    met: np.ndarray
    points: np.ndarray
    max_points: np.ndarray
    bonus: np.ndarray
    given: np.ndarray | None = None          # method points: the points as written
    claimed: "CriterionColumns | None" = None  # the unit's own stage, when reviewed
    reviewed: np.ndarray | None = None       # the reviewer wrote a figure
    reason: np.ndarray | None = None         # the reviewer's reason


@dataclass
class Rows:
    """Several scorers per unit: what each row (one scorer's view of one unit) scored."""
    unit: np.ndarray                   # row -> unit index
    scorer: np.ndarray                 # row -> scorer
    source_rows: np.ndarray            # spreadsheet rows
    criteria: dict[str, CriterionColumns]
    total: np.ndarray
    events: np.ndarray
    deduction: np.ndarray


@dataclass
class ScoreColumns:
    """Everything the engine computed, one array per quantity (one element per unit)."""
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
    sections: dict[str, tuple[np.ndarray, np.ndarray, np.ndarray]] = field(default_factory=dict)
    events: dict[str, np.ndarray] = field(default_factory=dict)
    events_total: np.ndarray | None = None
    strict: list[bool] = field(default_factory=list)      # class threshold is "above", not "from"
    min_share: np.ndarray | None = None                   # lowest share of a criterion's maximum
    vetoed_by_event: dict[str, np.ndarray] = field(default_factory=dict)  # veto id -> its cause
    ranks_in: dict[str, Ranked] = field(default_factory=dict)
    quotas: dict[str, QuotaColumns] = field(default_factory=dict)
    rows: Rows | None = None
    ctx: Context | None = field(repr=False, default=None)
    unit_valid: ValidInputs | None = field(repr=False, default=None)  # one row per unit


def as_column(x: Any, n: int, dtype=np.float64) -> np.ndarray:
    a = np.asarray(x, dtype=dtype)
    return np.broadcast_to(a, (n,)).copy() if a.shape != (n,) else a


def _round(x: np.ndarray) -> np.ndarray:
    # Points are money-like: two decimals, rounded half away from zero as people do by hand.
    return np.sign(x) * np.floor(np.abs(x) * 100 + 0.5 + 1e-9) / 100


def _coalesce(own: A.Node, reviewed: A.Node | None) -> A.Node:
    """The reviewer's figure where written, else the unit's own (an ordinary expression, so both
    engines read it alike)."""
    if reviewed is None:
        return own
    return A.Call("iif", (A.Call("missing", (reviewed,)), own, reviewed))


_FINAL: dict[int, tuple[Criterion, Criterion]] = {}


def final(c: Criterion) -> Criterion:
    """The criterion as it is finally scored: with the reviewer's figures where written."""
    r = c.review
    if r is None:
        return c
    hit = _FINAL.get(id(c))
    if hit is not None and hit[0] is c:
        return hit[1]
    update: dict[str, Any] = {}
    if r.points is not None:
        update["points"] = _coalesce(c.points, r.points)
    if r.achieved is not None:
        update["achieved"] = _coalesce(c.achieved, r.achieved)
    if r.target is not None:
        update["target"] = _coalesce(c.target, r.target)
    out = c.model_copy(update=update)
    _FINAL[id(c)] = (c, out)
    return out


def score_criterion(c: Criterion, env: dict[str, Any], n: int,
                    hit: Callable[[str], np.ndarray] | None = None, ctx: Context | None = None,
                    rule: str | None = None) -> CriterionColumns:
    """Evaluate one criterion over all units (also used, on one unit, to re-check a trace).

    ``hit(rule_id)``, when given, supplies the yes/no steps decided elsewhere (the durable-rules
    network: ``<rule>:applies``, ``:gate``, ``:full``, ``:floor``, ``:band:<k>``, where ``rule``
    defaults to the criterion's id); values read and points are computed here either way."""
    rid = rule or c.id

    def decided(step: str, own: Any) -> np.ndarray:
        return hit(f"{rid}:{step}") if hit is not None else own

    def ev(node: A.Node) -> Any:
        return evaluate(node, env, ctx)

    applicable = decided("applies", as_column(ev(c.applies), n, bool)) \
        if c.applies is not None else np.ones(n, dtype=bool)
    maxp = as_column(ev(c.max_points), n)
    maxp = np.where(np.isnan(maxp), 0.0, maxp)
    achieved = target = given = None
    cond = None
    if c.achieved is not None:
        achieved = as_column(ev(c.achieved), n)
        target = as_column(ev(c.target), n)
        ratio = criterion_ratio(achieved, target)
    elif c.points is not None:
        given = as_column(ev(c.points), n)
        ratio = given_ratio(given, maxp)
    else:
        ratio = None
    if c.condition is not None:
        cond = as_column(ev(c.condition), n, bool)
    gate = decided("gate", cond) if cond is not None else np.ones(n, dtype=bool)
    if ratio is None:
        ratio = gate.astype(np.float64)
        full = gate
    else:
        full = decided("full", ratio >= 1.0 - 1e-12)
    met = gate & full
    s = c.scoring
    if s.method in ("all_or_nothing",):
        share = met.astype(np.float64)
    elif s.method == "points":
        share = np.minimum(ratio, 1.0)
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
    if s.method == "points":
        # Points as written, within 0..max (a share would round 8.25 of 10 to 8.25 anyway).
        points = np.where(gate, _round(np.clip(np.nan_to_num(given), 0.0, maxp)), 0.0)
    bonus = np.zeros(n)
    if c.bonus is not None:
        pps = as_column(ev(c.bonus.points_per_step), n)
        bmax = as_column(ev(c.bonus.max), n)
        steps = np.floor((ratio - 1.0) / c.bonus.step + 1e-9)
        bonus = np.where(met & (steps > 0), np.minimum(steps * pps, bmax), 0.0)
        bonus = _round(bonus)
    # A criterion that does not apply to a unit is exempt: full points, no bonus.
    points = np.where(applicable, points, maxp)
    met = np.where(applicable, met, True)
    bonus = np.where(applicable, bonus, 0.0)
    return CriterionColumns(applicable, achieved, target, ratio, cond, met, points, maxp, bonus,
                            given)


def criterion_ratio(achieved: np.ndarray, target: np.ndarray) -> np.ndarray:
    """achieved / target; a target of zero is met in full; unreadable counts as 0."""
    with np.errstate(divide="ignore", invalid="ignore"):
        ratio = np.where(target == 0, np.where(np.isnan(achieved), np.nan, 1.0),
                         achieved / target)
    return np.where(np.isnan(ratio), 0.0, np.maximum(ratio, 0.0))


def given_ratio(given: np.ndarray, maxp: np.ndarray) -> np.ndarray:
    """Points given as a share of the maximum (a blank counts as 0; a maximum of 0 is met)."""
    with np.errstate(divide="ignore", invalid="ignore"):
        ratio = np.where(maxp > 0, np.nan_to_num(given) / np.where(maxp > 0, maxp, 1.0), 1.0)
    return np.maximum(ratio, 0.0)


def score_criteria(rules: RuleSet, env: dict[str, Any], n: int,
                   hit: Callable[[str], np.ndarray] | None = None,
                   ctx: Context | None = None) -> dict[str, CriterionColumns]:
    """Every criterion, with its claimed stage and the reviewer's changes where it is reviewed."""
    out = {}
    for c in rules.criteria:
        cc = score_criterion(final(c), env, n, hit, ctx)
        if c.review is not None:
            cc.claimed = score_criterion(c, env, n, hit, ctx, rule=f"{c.id}@claimed")
            r = c.review
            written = np.zeros(n, dtype=bool)
            for node in (r.points, r.achieved, r.target):
                if node is not None:
                    written |= ~np.isnan(as_column(evaluate(node, env, ctx), n))
            cc.reviewed = written
            cc.reason = (np.broadcast_to(np.asarray(evaluate(r.reason, env, ctx), dtype=object),
                                         (n,)) if r.reason is not None else None)
        out[c.id] = cc
    return out


def expressions(rules: RuleSet) -> list[A.Node]:
    """Every expression of the rule set that is read per unit."""
    out: list[A.Node] = []
    for c in rules.criteria:
        fc = final(c)
        for node in (c.applies, fc.achieved, fc.target, c.condition, fc.points, c.achieved,
                     c.target, c.points):
            if node is not None:
                out.append(node)
    for d in rules.deductions:
        out.append(d.points)
    for e in rules.events:
        out += [x for x in (e.points, e.when, e.per) if x is not None]
    out += [x for v in rules.vetoes for x in (v.when, v.applies) if x is not None]
    return out


def prepare(rules: RuleSet, params: dict[str, ResolvedParameter], valid: ValidInputs,
            ctx: Context | None = None) -> tuple[dict[str, Any], Context]:
    """The evaluation environment of every row and the context holding the values computed
    over a group (once, over the whole table) and any history of years."""
    env = scoring_env(params, valid)
    ctx = ctx or Context()
    if any(call.func.startswith("group_") for node in expressions(rules)
           for call in node.calls()):
        ctx = Context(yearly=ctx.yearly, groups=group_values(expressions(rules), env, ctx))
    return env, ctx


def score_columns(rules: RuleSet, params: dict[str, ResolvedParameter],
                  valid: ValidInputs, ctx: Context | None = None) -> ScoreColumns:
    """Score every valid row at once."""
    n = len(valid)
    env, ctx = prepare(rules, params, valid, ctx)
    crits = score_criteria(rules, env, n, None, ctx)
    t = unit_totals(rules, env, crits, n, ctx=ctx)
    return decide(rules, valid, env, crits, t, ctx)


def decide(rules: RuleSet, valid: ValidInputs, env: dict[str, Any],
           crits: dict[str, CriterionColumns], t: "Totals", ctx: Context | None,
           hit: Callable[[str], np.ndarray] | None = None) -> ScoreColumns:
    """From each row's totals to each unit's class, rank and awards (``hit``: the network's
    decisions on the units, when it made them)."""
    rows = None
    if rules.scorers is not None:
        unit_valid, rows, crits, t, env = combine_scorers(rules, valid, env, crits, t)
    else:
        unit_valid = valid
    n = len(unit_valid)
    min_share = lowest_share(crits, n)
    thr, strict, shares = class_thresholds(rules, t)
    last = len(rules.classes) - 1
    class_by_total = np.full(n, last, dtype=np.int64)
    for i in range(last - 1, -1, -1):
        if hit is not None:
            reached = hit(f"class:{rules.classes[i].id}")
        else:
            reached = reaches(t.total, thr[i], strict[i], min_share, shares[i])
        class_by_total = np.where(reached, i, class_by_total)
    class_idx = class_by_total.copy()
    class_pos = {cl.id: i for i, cl in enumerate(rules.classes)}
    vetoes, by_event = {}, {}
    for v in rules.vetoes:
        cap = class_pos[v.max_class]
        if hit is not None:
            cause = hit(f"veto:{v.id}")
        else:
            cause = ~crits[v.criterion].met if v.criterion is not None else \
                as_column(evaluate(v.when, env, _unit_ctx(ctx, rows)), n, bool)
            if v.applies is not None:
                cause = cause & as_column(evaluate(v.applies, env, _unit_ctx(ctx, rows)), n, bool)
        by_event[v.id] = cause
        applied = cause & (class_idx < cap)
        vetoes[v.id] = applied
        class_idx = np.where(applied, cap, class_idx)
    cols = rank_and_award(rules, unit_valid, env, crits, t, class_by_total, class_idx, vetoes)
    cols.thresholds = thr
    cols.strict = strict
    cols.min_share = min_share
    cols.vetoed_by_event = by_event
    cols.rows = rows
    cols.ctx = ctx
    cols.unit_valid = unit_valid
    return cols


def _unit_ctx(ctx: Context | None, rows: Rows | None) -> Context | None:
    # With several scorers a unit-level expression reads the unit's first row (groups were
    # computed per row and are not read at unit level).
    return None if rows is not None else ctx


def reaches(total: np.ndarray, th: np.ndarray | None, strict: bool, min_share: np.ndarray,
            share: float | None) -> np.ndarray:
    """Whether each total reaches a class: its threshold (from, or strictly above) and, where
    the class asks for it, every criterion's share of its maximum."""
    n = len(total)
    if th is None:
        ok = np.ones(n, dtype=bool)
    else:
        ok = total > th + _EPS if strict else total >= th - _EPS
    if share is not None:
        ok &= min_share >= share - _EPS
    return ok


def lowest_share(crits: dict[str, CriterionColumns], n: int) -> np.ndarray:
    """Per unit, the lowest share of its maximum that an applicable criterion earned."""
    out = np.full(n, np.inf)
    for cc in crits.values():
        with np.errstate(divide="ignore", invalid="ignore"):
            s = np.where(cc.max_points > 0, cc.points / np.where(cc.max_points > 0,
                                                                 cc.max_points, 1.0), np.inf)
        out = np.minimum(out, np.where(cc.applicable, s, np.inf))
    return np.where(np.isinf(out), 1.0, np.round(out, 9))


def class_thresholds(rules: RuleSet, t: "Totals") -> tuple[list[np.ndarray | None], list[bool],
                                                             list[float | None]]:
    """Each class's threshold per unit, whether it is strict (above rather than from), and the
    share of each criterion's maximum it asks for."""
    n = len(t.total)
    shares = [cl.min_share for cl in rules.classes]
    if all(cl.range is None for cl in rules.classes):
        return t.thresholds, [False] * len(rules.classes), shares
    ranges = [parse_range(cl.range) if cl.range else None for cl in rules.classes]
    out: list[np.ndarray | None] = []
    strict = []
    for th in range_thresholds(ranges, rules.meta.between_bands):
        out.append(None if th is None else np.full(n, th[0]))
        strict.append(bool(th and th[1]))
    return out, strict, shares


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
    sections: dict[str, tuple[np.ndarray, np.ndarray, np.ndarray]] = field(default_factory=dict)
    events: dict[str, np.ndarray] = field(default_factory=dict)
    events_total: np.ndarray | None = None


def unit_totals(rules: RuleSet, env: dict[str, Any], crits: dict[str, CriterionColumns],
                n: int, hit: Callable[[str], np.ndarray] | None = None,
                ctx: Context | None = None) -> Totals:
    """Base points (sections capped), capped bonus, capped deductions, events, total and class
    thresholds per unit (or per row, before several scorers' rows are combined)."""

    sections = {}
    in_section = {c.id for c in rules.criteria if c.section is not None}
    for sec in rules.sections:
        raw = np.zeros(n)
        for c in rules.criteria:
            if c.section == sec.id:
                raw = raw + crits[c.id].points
        raw = _round(raw)
        mx = as_column(evaluate(sec.max, env, ctx), n) if sec.max is not None else \
            np.full(n, np.inf)
        sections[sec.id] = (raw, _round(np.minimum(raw, mx)), mx)
    points_sum = np.zeros(n)
    for cid, cc in crits.items():
        if cid not in in_section:
            points_sum = points_sum + cc.points
    for raw, capped, _ in sections.values():
        points_sum = points_sum + capped
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
    bonus_max = as_column(evaluate(rules.meta.bonus_max, env, ctx), n)
    bonus = _round(np.minimum(bonus_unc, bonus_max))
    deds = {}
    ded_total = np.zeros(n)
    for d in rules.deductions:
        raw = as_column(evaluate(d.points, env, ctx), n)
        raw = np.where(np.isnan(raw), 0.0, np.maximum(raw, 0.0))
        mx = as_column(evaluate(d.max, env, ctx), n)
        capped = _round(np.minimum(raw, mx))
        deds[d.id] = (raw, capped, mx)
        ded_total = ded_total + capped
    ded_total = _round(ded_total)
    events, ev_total = event_points(rules, env, n, hit, ctx)
    total = _round(base + bonus - ded_total + ev_total)
    thresholds = [None if cl.min_total is None else as_column(evaluate(cl.min_total, env, ctx), n)
                  for cl in rules.classes]
    return Totals(base, bonus_unc, bonus, bonus_max, deds, ded_total, total, thresholds,
                  sections, events, ev_total)


def event_points(rules: RuleSet, env: dict[str, Any], n: int,
                 hit: Callable[[str], np.ndarray] | None = None, ctx: Context | None = None
                 ) -> tuple[dict[str, np.ndarray], np.ndarray]:
    """Each event's points per unit (a bonus or a penalty, its sign kept) and their sum."""
    out = {}
    total = np.zeros(n)
    for e in rules.events:
        pts = as_column(evaluate(e.points, env, ctx), n)
        if e.per is not None:
            pts = pts * as_column(evaluate(e.per, env, ctx), n)
        if e.when is not None:
            happened = hit(f"event:{e.id}") if hit is not None else \
                as_column(evaluate(e.when, env, ctx), n, bool)
            pts = np.where(happened, pts, 0.0)
        pts = np.where(np.isnan(pts), 0.0, pts)
        if e.max is not None:
            mx = np.abs(as_column(evaluate(e.max, env, ctx), n))
            pts = np.clip(pts, -mx, mx)
        out[e.id] = _round(pts)
        total = total + out[e.id]
    return out, _round(total)


def combine_scorers(rules: RuleSet, valid: ValidInputs, env: dict[str, Any],
                    crits: dict[str, CriterionColumns], t: Totals):
    """Several scorers per unit: each unit's rows combined as declared (sum or mean of points,
    the mean of ratios; a criterion is met when it is met in every scorer's view)."""
    key = next(nm for nm, f in rules.inputs.items() if f.role == "key")
    ids = valid.columns[key]
    uniq, first, unit = np.unique(ids.astype(str), return_index=True, return_inverse=True)
    unit = unit.reshape(-1)
    m = len(uniq)
    count = np.bincount(unit, minlength=m).astype(np.float64)
    how = rules.scorers.combine

    def comb(a: np.ndarray, mode: str | None = None) -> np.ndarray:
        s = np.bincount(unit, weights=np.nan_to_num(np.asarray(a, dtype=np.float64)),
                        minlength=m)
        return s / count if (mode or how) == "mean" else s

    def every(a: np.ndarray) -> np.ndarray:
        return np.bincount(unit, weights=(~np.asarray(a, dtype=bool)).astype(np.float64),
                           minlength=m) == 0

    ucrits = {}
    for cid, cc in crits.items():
        ucrits[cid] = CriterionColumns(
            every(cc.applicable), None if cc.achieved is None else comb(cc.achieved, "mean"),
            None if cc.target is None else comb(cc.target, "mean"), comb(cc.ratio, "mean"),
            None if cc.condition is None else every(cc.condition), every(cc.met),
            _round(comb(cc.points)), _round(comb(cc.max_points)), _round(comb(cc.bonus)))
    secs = {k: (_round(comb(a)), _round(comb(b)), comb(c)) for k, (a, b, c) in t.sections.items()}
    deds = {k: (comb(a), _round(comb(b)), comb(c)) for k, (a, b, c) in t.deductions.items()}
    events = {k: _round(comb(v)) for k, v in t.events.items()}
    ev_total = _round(comb(t.events_total))
    base, bonus, ded = _round(comb(t.base)), _round(comb(t.bonus)), _round(comb(t.deduction))
    total = _round(base + bonus - ded + ev_total)
    thresholds = [None if th is None else th[first] for th in t.thresholds]
    ut = Totals(base, _round(comb(t.bonus_uncapped)), bonus, comb(t.bonus_max), deds, ded, total,
                thresholds, secs, events, ev_total)
    unit_valid = ValidInputs(columns={k: v[first] for k, v in valid.columns.items()},
                             rows=valid.rows[first], rejected=valid.rejected,
                             notices=valid.notices, rows_in=valid.rows_in)
    rows = Rows(unit=unit, scorer=valid.columns[rules.scorers.field], source_rows=valid.rows,
                criteria=crits, total=t.total, events=t.events_total, deduction=t.deduction)
    uenv = {k: (v[first] if isinstance(v, np.ndarray) and v.ndim == 1 and len(v) == len(ids)
                else v) for k, v in env.items()}
    return unit_valid, rows, ucrits, ut, uenv


def rank_and_award(rules: RuleSet, valid: ValidInputs, env: dict[str, Any],
                   crits: dict[str, CriterionColumns], t: Totals, class_by_total: np.ndarray,
                   class_idx: np.ndarray, vetoes: dict[str, np.ndarray]) -> ScoreColumns:
    """Ranks within clusters, further groupings and overall, and the awards they earn (the
    selection step)."""
    class_pos = {cl.id: i for i, cl in enumerate(rules.classes)}
    sums = dict(base=t.base, bonus=t.bonus, deduction=t.deduction, total=t.total,
                class_idx=class_idx, events=t.events_total, sections=t.sections)
    ranked = rank_units(rules, valid.columns, crits, **sums)
    ranks_in = {g: rank_units(rules, valid.columns, crits, group_field=g, **sums)
                for g in rules.ranking.groupings}
    awards, quotas = {}, {}
    for a in rules.awards:
        r = _rank_in(a.scope, ranked, ranks_in)
        ok = class_idx <= class_pos[a.min_class]
        if a.ranks is not None:
            ok = ok & (r >= a.ranks[0]) & (r <= a.ranks[1])
        if a.quota is not None:
            of = a.quota.of or a.scope
            group = _group_of(of, ranked, ranks_in, len(class_idx))
            q = apply_quota(ok, group, np.ones(len(ok), dtype=bool), a.quota.share,
                            a.quota.rounding, ranked.values[:-1], ranked.orders[:-1],
                            ranked.values[-1])
            quotas[a.id] = q
            ok = q.selected
        awards[a.id] = ok
    cols = ScoreColumns(len(valid), crits, t.deductions, t.base, t.bonus_uncapped, t.bonus,
                        t.bonus_max, t.deduction, t.total, class_by_total, class_idx, vetoes,
                        t.thresholds, ranked, awards, env)
    cols.sections, cols.events = t.sections, t.events
    cols.events_total = t.events_total if t.events_total is not None else np.zeros(len(valid))
    cols.ranks_in, cols.quotas = ranks_in, quotas
    return cols


def _rank_in(scope: str, ranked: Ranked, ranks_in: dict[str, Ranked]) -> np.ndarray:
    if scope == "overall":
        return ranked.rank_overall
    if scope == "cluster":
        return ranked.rank_group
    return ranks_in[scope].rank_group


def _group_of(scope: str, ranked: Ranked, ranks_in: dict[str, Ranked], n: int) -> np.ndarray:
    if scope == "overall":
        return np.full(n, "", dtype=object)
    if scope == "cluster":
        return ranked.group
    return ranks_in[scope].group


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
