"""Year-end scoring on the durable-rules network, producing the same columns as the batch engine.

The network decides every yes/no step: whether a criterion applies, whether its gate holds,
which band its ratio reaches, whether it is met (a derived ``met`` fact, asserted by the rule's
action), which class band the total reaches, and which veto applies (a ``total`` fact joined with
the *absence* of the criterion's ``met`` fact). Arithmetic that a Rete network does not do (the
ratio, points from a share, sums, rounding) and the ranking are the library's shared code, so the
typed results, traces and reports are built exactly as for the batch engine.
"""
from __future__ import annotations

from typing import Any

import numpy as np

from ...core.params import ResolvedParameter
from ...expr import evaluate
from ...stream.compile import ConditionCompiler, day_number
from ...stream.facts import KIND, build_facts
from ...stream.network import Fired, network
from ...tables.validate import ValidInputs
from .engine import (ScoreColumns, as_column, criterion_ratio, rank_and_award, score_criterion,
                     scoring_env, unit_totals)
from .model import RuleSet

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


def compile_scoring(rules: RuleSet, params: dict[str, ResolvedParameter]
                    ) -> tuple[dict[str, dict], ConditionCompiler]:
    """The durable-rules rules of a scoring rule set (rule id -> body) and their compiler."""
    comp = _compiler(rules, params)
    out: dict[str, dict] = {}

    def unit_rule(rule_id: str, cond: dict) -> None:
        out[rule_id] = {"all": [{"m": {"$and": [{"t": "u"}, cond]}}]}

    for c in rules.criteria:
        applies = comp.condition(c.applies) if c.applies is not None else None
        gate = comp.condition(c.condition) if c.condition is not None else None
        if applies is not None:
            unit_rule(f"{c.id}:applies", applies)
        if gate is not None:
            unit_rule(f"{c.id}:gate", gate)
        ratio = f"ratio.{c.id}"
        if c.achieved is not None:
            comp.types[ratio] = "number"
            full = {"$gte": {ratio: 1.0 - _EPS_MET}}
            unit_rule(f"{c.id}:full", full)
            if c.scoring.method == "proportional":
                unit_rule(f"{c.id}:floor", {"$gte": {ratio: c.scoring.floor}})
            for k, b in enumerate(c.scoring.bands or []):
                unit_rule(f"{c.id}:band:{k}", {"$gte": {ratio: b.min_ratio - _EPS_MET}})
        else:
            full = gate
        met_parts = [p for p in (gate, full if c.achieved is not None else None) if p]
        met = {"$and": met_parts} if met_parts else {"$nex": {"__never__": 1}}
        if applies is not None:
            met = {"$or": [comp.negation(c.applies), {"$and": [applies, met]}]}
        unit_rule(f"{c.id}:met", met)
    # Class bands: the best band whose threshold the total reaches (thresholds travel on the
    # total fact because a threshold may depend on the unit).
    for i, cl in enumerate(rules.classes):
        if cl.min_total is not None:
            out[f"class:{cl.id}"] = {"all": [{"m": {"$and": [
                {"t": "total"}, {"$gte": {"total": {"$m": f"th{i}"}}}]}}]}
    for v in rules.vetoes:
        out[f"veto:{v.id}"] = {"all": [
            {"k": {"t": "total"}},
            {"x$not": {"$and": [{"t": "met"}, {"c": v.criterion}, {"s": {"k": "s"}}]}}]}
    return out, comp


class ScoringNetwork:
    """A scoring rule set compiled onto its durable-rules network (with its alerts).

    :meth:`fire` runs units through the network and returns which rules fired for each unit
    (units x rules); :meth:`columns` turns firings into the batch engine's columns. A monitor
    fires one unit per fact and keeps the matrix; a batch fires all units in one session.
    """

    def __init__(self, rules: RuleSet, params: dict[str, ResolvedParameter], version: str):
        self.rules = rules
        self.params = params
        body, self.comp = compile_scoring(rules, params)
        self.comp.types["as_of"] = "date"
        for a in rules.alerts:
            body[f"alert:{a.id}"] = {"all": [{"m": {"$and": [
                {"t": "u"}, {"$gte": {"as_of": day_number(a.from_)}},
                self.comp.condition(a.when)]}}]}
        self.rule_ids = sorted(body)
        self.index = {r: i for i, r in enumerate(self.rule_ids)}
        hooks = {f"{c.id}:met": _met_fact(c.id) for c in rules.criteria}
        self.net = network("score", version, body, hooks)

    def _criteria(self, hit, env: dict[str, Any], n: int) -> dict[str, Any]:
        return {c.id: score_criterion(c, env, n, hit) for c in self.rules.criteria}

    def fire(self, valid: ValidInputs, as_of: np.ndarray | None = None,
             chunk: int = 32) -> np.ndarray:
        """Which rules fired for each valid row (rows x :attr:`rule_ids`).

        ``as_of``: per row, the date its figures were reported as of (alerts read it). Units go
        through in sessions of ``chunk``: a veto joins each total with the criteria's facts, and
        durable-rules compares a join against every fact in the session (quadratic in its size).
        """
        n = len(valid)
        if n <= chunk:
            return self._fire(valid, as_of)
        parts = []
        for a in range(0, n, chunk):
            sub = ValidInputs(columns={k: v[a:a + chunk] for k, v in valid.columns.items()},
                              rows=valid.rows[a:a + chunk], rejected=[])
            parts.append(self._fire(sub, None if as_of is None else as_of[a:a + chunk]))
        return np.vstack(parts)

    def _fire(self, valid: ValidInputs, as_of: np.ndarray | None) -> np.ndarray:
        n = len(valid)
        env = scoring_env(self.params, valid)
        fields = {nm for nm in self.comp.types if nm in env}
        ratios = {}
        for c in self.rules.criteria:
            if c.achieved is not None:
                ratios[f"ratio.{c.id}"] = criterion_ratio(
                    as_column(evaluate(c.achieved, env), n), as_column(evaluate(c.target, env), n))
        if as_of is not None:
            ratios["as_of"] = as_of
        facts = build_facts("u", n, env, self.comp, fields, extra=ratios)
        done: list[bool] = []

        def next_phase(fired: list[Fired]) -> list[dict]:
            if done:
                return []
            done.append(True)
            hit = _hits(fired, n)
            crits = self._criteria(hit, env, n)
            for c in self.rules.criteria:
                if not np.array_equal(hit(f"{c.id}:met"), crits[c.id].met):
                    raise AssertionError(f"{c.id}: the network's met facts disagree with its "
                                         "band and gate rules")  # pragma: no cover
            t = unit_totals(self.rules, env, crits, n)
            out = []
            for i in range(n):
                fact: dict[str, Any] = {"t": "total", "s": i, "total": float(t.total[i])}
                for k, th in enumerate(t.thresholds):
                    if th is not None and not np.isnan(th[i]):
                        fact[f"th{k}"] = float(th[i]) - 1e-9
                out.append(fact)
            return out

        fired = self.net.evaluate(facts, next_phase)
        matrix = np.zeros((n, len(self.rule_ids)), dtype=bool)
        for f in fired:
            matrix[next(iter(f.facts.values()))["s"], self.index[f.rule]] = True
        return matrix

    def columns(self, valid: ValidInputs, matrix: np.ndarray) -> ScoreColumns:
        """The batch engine's columns, decided by the firings in ``matrix``."""
        n = len(valid)
        env = scoring_env(self.params, valid)
        empty = np.zeros(n, dtype=bool)

        def hit(rule_id: str) -> np.ndarray:
            j = self.index.get(rule_id)
            return empty if j is None else matrix[:, j]

        crits = self._criteria(hit, env, n)
        t = unit_totals(self.rules, env, crits, n)
        rules = self.rules
        last = len(rules.classes) - 1
        class_by_total = np.full(n, last, dtype=np.int64)
        for i in range(last - 1, -1, -1):
            cl = rules.classes[i]
            if cl.min_total is not None:
                class_by_total = np.where(hit(f"class:{cl.id}"), i, class_by_total)
        class_idx = class_by_total.copy()
        class_pos = {cl.id: i for i, cl in enumerate(rules.classes)}
        vetoes = {}
        for v in rules.vetoes:
            cap = class_pos[v.max_class]
            veto_hit = hit(f"veto:{v.id}") & (class_idx < cap)
            vetoes[v.id] = veto_hit
            class_idx = np.where(veto_hit, cap, class_idx)
        return rank_and_award(rules, valid, env, crits, t, class_by_total, class_idx, vetoes)


def score_columns_rete(rules: RuleSet, params: dict[str, ResolvedParameter], valid: ValidInputs,
                       version: str) -> ScoreColumns:
    """Score every valid row on the durable-rules network; same shape as the batch columns."""
    sn = ScoringNetwork(rules, params, version)
    return sn.columns(valid, sn.fire(valid))


def _met_fact(cid: str):
    def hook(f: Fired) -> list[dict]:
        return [{"t": "met", "c": cid, "s": f.facts["m"]["s"]}]
    return hook


def _hits(fired: list[Fired], n: int):
    by_rule: dict[str, np.ndarray] = {}
    for f in fired:
        arr = by_rule.setdefault(f.rule, np.zeros(n, dtype=bool))
        s = next(iter(f.facts.values()))["s"]
        arr[s] = True

    def hit(rule_id: str) -> np.ndarray:
        return by_rule.get(rule_id, np.zeros(n, dtype=bool))
    return hit
