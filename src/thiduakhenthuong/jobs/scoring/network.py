"""Year-end scoring on the durable-rules network, producing the same columns as the batch engine.

The network decides every yes/no step. On each row's fact: whether a criterion applies, whether
its gate holds, which band its ratio (or its share of the points given) reaches, whether it is
met (a derived ``met`` fact, asserted by the rule's action), the same for the unit's own claim
where a reviewer scored it too, and which events happened. On each unit's ``total`` fact: which
class band the total reaches (from or strictly above its threshold, with the share of every
criterion's maximum a class asks for) and which veto applies (a ``total`` fact joined with the
*absence* of the criterion's ``met`` fact, or an event on the unit). Arithmetic that a Rete
network does not do (the ratio, points from a share, sums, sections, rounding, combining several
scorers, values computed over a group) and the ranking are the library's shared code, so the
typed results, traces and reports are built exactly as for the batch engine.
"""
from __future__ import annotations

from typing import Any

import numpy as np

from ...core.params import ResolvedParameter
from ...expr import evaluate
from ...expr.evaluate import Context
from ...stream.compile import ConditionCompiler, day_number
from ...stream.facts import KIND, build_facts
from ...stream.network import Fired, network
from ...tables.validate import ValidInputs
from .engine import (ScoreColumns, as_column, class_thresholds, criterion_ratio, decide, final,
                     given_ratio, lowest_share, prepare, score_criteria, unit_totals,
                     combine_scorers)
from .bands import parse_range, thresholds as range_thresholds
from .model import Criterion, RuleSet

_EPS_MET = 1e-12


def _compiler(rules: RuleSet, params: dict[str, ResolvedParameter]) -> ConditionCompiler:
    types = {name: KIND[f.type] for name, f in rules.inputs.items()}
    constants = {}
    for name, p in params.items():
        if p.by is None:
            constants[name] = p.value
        else:
            types[name] = "number"  # set per unit: travels on the fact
    return ConditionCompiler(types, constants)


def _ratio_field(rule: str) -> str:
    return f"ratio.{rule}"


def _criterion_rules(c: Criterion, rule: str, comp: ConditionCompiler,
                     out: dict[str, dict]) -> None:
    def unit_rule(rule_id: str, cond: dict) -> None:
        out[rule_id] = {"all": [{"m": {"$and": [{"t": "u"}, cond]}}]}

    applies = comp.condition(c.applies) if c.applies is not None else None
    gate = comp.condition(c.condition) if c.condition is not None else None
    if applies is not None:
        unit_rule(f"{rule}:applies", applies)
    if gate is not None:
        unit_rule(f"{rule}:gate", gate)
    measured = c.achieved is not None or c.points is not None
    if measured:
        ratio = _ratio_field(rule)
        comp.types[ratio] = "number"
        full = {"$gte": {ratio: 1.0 - _EPS_MET}}
        unit_rule(f"{rule}:full", full)
        if c.scoring.method == "proportional":
            unit_rule(f"{rule}:floor", {"$gte": {ratio: c.scoring.floor}})
        for k, b in enumerate(c.scoring.bands or []):
            unit_rule(f"{rule}:band:{k}", {"$gte": {ratio: b.min_ratio - _EPS_MET}})
    else:
        full = gate
    met_parts = [p for p in (gate, full if measured else None) if p]
    met = {"$and": met_parts} if met_parts else {"$nex": {"__never__": 1}}
    if applies is not None:
        met = {"$or": [comp.negation(c.applies), {"$and": [applies, met]}]}
    unit_rule(f"{rule}:met", met)


def compile_scoring(rules: RuleSet, params: dict[str, ResolvedParameter]
                    ) -> tuple[dict[str, dict], dict[str, dict], ConditionCompiler]:
    """The durable-rules rules of a scoring rule set: those read on each row's fact and those
    read on each unit's total (rule id -> body), and their compiler."""
    comp = _compiler(rules, params)
    rows: dict[str, dict] = {}
    for c in rules.criteria:
        _criterion_rules(final(c), c.id, comp, rows)
        if c.review is not None:
            _criterion_rules(c, f"{c.id}@claimed", comp, rows)
    for e in rules.events:
        if e.when is not None:
            rows[f"event:{e.id}"] = {"all": [{"m": {"$and": [{"t": "u"},
                                                            comp.condition(e.when)]}}]}
    units: dict[str, dict] = {}
    # Class bands: the best band whose threshold the total reaches (thresholds travel on the
    # total fact because a threshold may depend on the unit), with the lowest share of a
    # criterion's maximum where the class asks for one.
    strict = _strict(rules)
    for i, cl in enumerate(rules.classes):
        if cl.min_total is None and cl.range is None:
            continue
        if i == len(rules.classes) - 1:
            continue
        parts: list[dict] = [{"t": "total"},
                             {("$gt" if strict[i] else "$gte"): {"total": {"$m": f"th{i}"}}}]
        if cl.min_share is not None:
            parts.append({"$gte": {"ms": cl.min_share - 1e-9}})
        units[f"class:{cl.id}"] = {"all": [{"m": {"$and": parts}}]}
    for v in rules.vetoes:
        total: dict = {"t": "total"} if v.applies is None else \
            {"$and": [{"t": "total"}, comp.condition(v.applies)]}
        if v.criterion is not None:
            units[f"veto:{v.id}"] = {"all": [
                {"k": total},
                {"x$not": {"$and": [{"t": "met"}, {"c": v.criterion}, {"s": {"k": "s"}}]}}]}
        else:
            units[f"veto:{v.id}"] = {"all": [{"k": {"$and": [total, comp.condition(v.when)]}}]}
    return rows, units, comp


def _strict(rules: RuleSet) -> list[bool]:
    """Whether each class's threshold is strict ("above"), from its written range."""
    if all(cl.range is None for cl in rules.classes):
        return [False] * len(rules.classes)
    ranges = [parse_range(cl.range) if cl.range else None for cl in rules.classes]
    return [bool(th and th[1]) for th in range_thresholds(ranges, rules.meta.between_bands)]


class ScoringNetwork:
    """A scoring rule set compiled onto its durable-rules network (with its alerts).

    :meth:`fire` runs units through the network and returns which rules fired for each unit
    (units x rules); :meth:`columns` turns firings into the batch engine's columns. A monitor
    fires one unit per fact and keeps the matrix; a batch fires all units in sessions.
    """

    def __init__(self, rules: RuleSet, params: dict[str, ResolvedParameter], version: str):
        self.rules = rules
        self.params = params
        row_body, unit_body, self.comp = compile_scoring(rules, params)
        self.comp.types["as_of"] = "date"
        for a in rules.alerts:
            row_body[f"alert:{a.id}"] = {"all": [{"m": {"$and": [
                {"t": "u"}, {"$gte": {"as_of": day_number(a.from_)}},
                self.comp.condition(a.when)]}}]}
        self.row_rules = sorted(row_body)
        self.unit_rules = sorted(unit_body)
        self.rule_ids = self.row_rules + self.unit_rules
        self.index = {r: i for i, r in enumerate(self.rule_ids)}
        hooks = {f"{c.id}:met": _met_fact(c.id) for c in rules.criteria}
        self.net = network("score", version, {**row_body, **unit_body}, hooks)

    # -- firing --------------------------------------------------------------------------------
    def fire(self, valid: ValidInputs, as_of: np.ndarray | None = None, chunk: int = 32,
             ctx: Context | None = None) -> np.ndarray:
        """Which rules fired for each valid row, one row per unit (rows x :attr:`rule_ids`).

        ``as_of``: per row, the date its figures were reported as of (alerts read it). Units go
        through in sessions of ``chunk``: a veto joins each total with the criteria's facts, and
        durable-rules compares a join against every fact in the session (quadratic in its size).
        """
        rows, units = self.fire_all(valid, as_of, chunk, ctx)
        return np.hstack([rows, units])

    def fire_all(self, valid: ValidInputs, as_of: np.ndarray | None = None, chunk: int = 32,
                 ctx: Context | None = None) -> tuple[np.ndarray, np.ndarray]:
        """The firings on every row's fact (rows x row rules) and on every unit's total (units
        x unit rules)."""
        n = len(valid)
        env, ctx = prepare(self.rules, self.params, valid, ctx)
        row_m = np.zeros((n, len(self.row_rules)), dtype=bool)
        for a in range(0, max(n, 1), chunk):
            b = min(a + chunk, n)
            if b <= a:
                break
            row_m[a:b] = self._fire_rows(_slice_env(env, a, b, n), _slice_ctx(ctx, a, b, n),
                                         b - a, None if as_of is None else as_of[a:b])
        hit = self._hits(row_m, None)
        crits = score_criteria(self.rules, env, n, hit, ctx)
        for c in self.rules.criteria:
            if not np.array_equal(hit(f"{c.id}:met"), crits[c.id].met):
                raise AssertionError(f"{c.id}: the network's met facts disagree with its "
                                     "band and gate rules")  # pragma: no cover
        t = unit_totals(self.rules, env, crits, n, hit, ctx)
        uvalid, uenv, ucrits, ut = valid, env, crits, t
        if self.rules.scorers is not None:
            uvalid, _, ucrits, ut, uenv = combine_scorers(self.rules, valid, env, crits, t)
        m = len(uvalid)
        thr, _, _ = class_thresholds(self.rules, ut)
        min_share = lowest_share(ucrits, m)
        unit_m = np.zeros((m, len(self.unit_rules)), dtype=bool)
        for a in range(0, max(m, 1), chunk):
            b = min(a + chunk, m)
            if b <= a:
                break
            uctx = None if self.rules.scorers is not None else _slice_ctx(ctx, a, b, m)
            unit_m[a:b] = self._fire_units(_slice_env(uenv, a, b, m), uctx, ut.total[a:b],
                                           [None if x is None else x[a:b] for x in thr],
                                           min_share[a:b],
                                           {c: ucrits[c].met[a:b] for c in ucrits})
        return row_m, unit_m

    def _fire_rows(self, env: dict[str, Any], ctx: Context | None, n: int,
                   as_of: np.ndarray | None) -> np.ndarray:
        fields = {nm for nm in self.comp.types if nm in env}
        extra = {}
        for c in self.rules.criteria:
            versions = [(final(c), c.id)] + ([(c, f"{c.id}@claimed")] if c.review else [])
            for crit, rule in versions:
                if crit.achieved is not None:
                    extra[_ratio_field(rule)] = criterion_ratio(
                        as_column(evaluate(crit.achieved, env, ctx), n),
                        as_column(evaluate(crit.target, env, ctx), n))
                elif crit.points is not None:
                    extra[_ratio_field(rule)] = given_ratio(
                        as_column(evaluate(crit.points, env, ctx), n),
                        np.nan_to_num(as_column(evaluate(crit.max_points, env, ctx), n)))
        if as_of is not None:
            extra["as_of"] = as_of
        facts = build_facts("u", n, env, self.comp, fields, ctx=ctx, extra=extra)
        fired = self.net.evaluate(facts)
        matrix = np.zeros((n, len(self.row_rules)), dtype=bool)
        index = {r: i for i, r in enumerate(self.row_rules)}
        for f in fired:
            j = index.get(f.rule)
            if j is not None and "m" in f.facts:
                matrix[f.facts["m"]["s"], j] = True
        return matrix

    def _fire_units(self, env: dict[str, Any], ctx: Context | None, total: np.ndarray,
                    thr: list, min_share: np.ndarray, met: dict[str, np.ndarray]) -> np.ndarray:
        n = len(total)
        fields = {nm for nm in self.comp.types if nm in env}
        facts = build_facts("total", n, env, self.comp, fields, ctx=ctx,
                            extra={"total": total, "ms": min_share})
        for i, fact in enumerate(facts):
            for k, th in enumerate(thr):
                if th is not None and not np.isnan(th[i]):
                    fact[f"th{k}"] = float(th[i])
        # The criteria met by each unit (every scorer's view, when there are several), for the
        # vetoes' joins: asserted before the totals, since a rule fires as soon as its
        # conditions hold and the absence of a met fact would hold until it arrives.
        facts = [{"t": "met", "c": cid, "s": int(i)} for cid, m in sorted(met.items())
                 for i in np.nonzero(m)[0]] + facts
        fired = self.net.evaluate(facts)
        matrix = np.zeros((n, len(self.unit_rules)), dtype=bool)
        index = {r: i for i, r in enumerate(self.unit_rules)}
        for f in fired:
            j = index.get(f.rule)
            if j is not None:
                fact = f.facts.get("m") or f.facts.get("k")
                if fact is not None:
                    matrix[fact["s"], j] = True
        return matrix

    def _hits(self, rows: np.ndarray | None, units: np.ndarray | None):
        empty_r = np.zeros(0 if rows is None else len(rows), dtype=bool)
        empty_u = np.zeros(0 if units is None else len(units), dtype=bool)
        ri = {r: i for i, r in enumerate(self.row_rules)}
        ui = {r: i for i, r in enumerate(self.unit_rules)}

        def hit(rule_id: str) -> np.ndarray:
            if rule_id in ri:
                return rows[:, ri[rule_id]] if rows is not None else empty_r
            if rule_id in ui:
                return units[:, ui[rule_id]] if units is not None else empty_u
            return empty_u if rule_id.startswith(("class:", "veto:")) else empty_r
        return hit

    # -- columns -------------------------------------------------------------------------------
    def columns(self, valid: ValidInputs, matrix: np.ndarray,
                ctx: Context | None = None) -> ScoreColumns:
        """The batch engine's columns, decided by the firings in ``matrix`` (one row per unit,
        as :meth:`fire` returns it)."""
        k = len(self.row_rules)
        return self.columns_of(valid, matrix[:, :k], matrix[:, k:], ctx)

    def columns_of(self, valid: ValidInputs, rows: np.ndarray, units: np.ndarray,
                   ctx: Context | None = None) -> ScoreColumns:
        """The batch engine's columns from the firings on the rows and on the units."""
        n = len(valid)
        env, ctx = prepare(self.rules, self.params, valid, ctx)
        hit = self._hits(rows, units)
        crits = score_criteria(self.rules, env, n, hit, ctx)
        t = unit_totals(self.rules, env, crits, n, hit, ctx)
        return decide(self.rules, valid, env, crits, t, ctx, hit=self._unit_hit(units))

    def _unit_hit(self, units: np.ndarray):
        ui = {r: i for i, r in enumerate(self.unit_rules)}

        def hit(rule_id: str) -> np.ndarray:
            j = ui.get(rule_id)
            return units[:, j] if j is not None else np.zeros(len(units), dtype=bool)
        return hit


def score_columns_rete(rules: RuleSet, params: dict[str, ResolvedParameter], valid: ValidInputs,
                       version: str, ctx: Context | None = None) -> ScoreColumns:
    """Score every valid row on the durable-rules network; same shape as the batch columns."""
    sn = ScoringNetwork(rules, params, version)
    rows, units = sn.fire_all(valid, ctx=ctx)
    return sn.columns_of(valid, rows, units, ctx)


def _slice_env(env: dict[str, Any], a: int, b: int, n: int) -> dict[str, Any]:
    return {k: (v[a:b] if isinstance(v, np.ndarray) and v.ndim >= 1 and len(v) == n else v)
            for k, v in env.items()}


def _slice_ctx(ctx: Context | None, a: int, b: int, n: int) -> Context | None:
    if ctx is None:
        return None
    return Context(yearly=None if ctx.yearly is None else _slice_env(dict(ctx.yearly), a, b, n),
                   groups=None if ctx.groups is None else _slice_env(dict(ctx.groups), a, b, n))


def _met_fact(cid: str):
    def hook(f: Fired) -> list[dict]:
        return [{"t": "met", "c": cid, "s": f.facts["m"]["s"]}]
    return hook
