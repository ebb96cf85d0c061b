"""What it takes to reach the next class: the cheapest combination of targets that closes the gap.

Each criterion that is not at full points offers steps: reaching the ratio of a higher band (or of
full points, or, for proportional scoring, tenths of the way to full). A step's *cost* is the
extra achievement it needs as a share of the target (a yes/no criterion costs 1, a whole target),
so targets of different sizes compare. A small dynamic programme keeps, per criterion, the cheapest
way to earn each amount of points and picks the cheapest combination that closes the gap; a veto
on the next class makes its criterion's full step compulsory. Bonus points are not counted on
(they would only make the gap smaller)."""
from __future__ import annotations

import math
from typing import Optional

from ...expr import ast as A
from .model import Criterion, RuleSet
from .trace import CriterionTrace, Step, WhatItTakes

_EPS = 1e-9


def _options(c: Criterion, t: CriterionTrace, integer: bool) -> list[tuple[float, float, Step]]:
    """(points gained, cost, step) for each way to earn more on this criterion."""
    if not t.applicable or t.points >= t.max_points - _EPS:
        return []
    field = c.achieved.name if isinstance(c.achieved, A.Name) else None
    if c.achieved is None or t.target is None:
        # A yes/no target: fulfilling it earns its maximum.
        return [(t.max_points - t.points, 1.0, Step(
            criterion=c.id, title=c.title, cite=c.cite, condition=True,
            points_gain=round(t.max_points - t.points, 2), cost=1.0))]
    s = c.scoring
    if s.method == "all_or_nothing":
        levels = [(1.0, 1.0)]
    elif s.method == "bands":
        levels = [(b.min_ratio, b.share) for b in s.bands] + [(1.0, 1.0)]
    else:
        levels = [(max(s.floor, s.full_at * k / 10), min(k / 10, 1.0)) for k in range(1, 11)]
    out = []
    target = t.target
    achieved = t.achieved or 0.0
    gate_failed = c.condition is not None and t.condition is False
    for ratio, share in sorted(set(levels)):
        gain = round(t.max_points * share, 2) - t.points
        if gain <= _EPS or target <= 0:
            continue
        need = ratio * target
        if integer:
            need = math.ceil(need - _EPS)
        if need <= achieved and not gate_failed:
            continue
        # A failed gate (e.g. the smallest gift below its minimum value) costs a whole target.
        cost = max(need - achieved, 0.0) / target + (1.0 if gate_failed else 0.0)
        out.append((gain, cost, Step(criterion=c.id, title=c.title, cite=c.cite, field=field,
                                     achieved=achieved, needed=max(need, achieved),
                                     condition=gate_failed, points_gain=round(gain, 2),
                                     cost=round(cost, 4))))
    # At equal cost the bigger gain is kept (the DP keeps the first of equal-cost ways).
    return sorted(out, key=lambda o: (-o[0], o[1]))


def what_it_takes(rules: RuleSet, traces: list[CriterionTrace], points_short: float,
                  next_class: str, veto: Optional[str] = None) -> WhatItTakes:
    """The cheapest steps that earn ``points_short`` more points (and meet ``veto``'s criterion).

    >>> from thiduakhenthuong import load_rules
    >>> res = load_rules("rules/lao-cai-2023").score("fixtures/lao-cai-2023/units.csv")
    >>> u = next(u for u in res.units if u.gap and u.gap.points_short > 0)
    >>> w = u.gap.what_it_takes
    >>> w.reachable and w.points_gain >= u.gap.points_short
    True
    """
    by_id = {c.id: c for c in rules.criteria}
    need_cents = max(0, math.ceil(points_short * 100 - _EPS))
    forced = None
    if veto is not None:
        forced = next((v.criterion for v in rules.vetoes if v.id == veto), None)
    # Pareto DP over criteria: points (cents, capped at the need) -> (cost, steps).
    best: dict[int, tuple[float, list[Step]]] = {0: (0.0, [])}
    for t in traces:
        c = by_id.get(t.id)
        if c is None:
            continue
        integer = isinstance(c.achieved, A.Name) and \
            rules.inputs.get(c.achieved.name) is not None and \
            rules.inputs[c.achieved.name].type == "integer"
        opts = _options(c, t, integer)
        if t.id == forced:
            # Only steps that meet the criterion in full count; with none left, it is met.
            opts = [o for o in opts if o[2].needed is None or t.target is None or
                    o[2].needed >= t.target - _EPS] if not t.met else opts
        nxt: dict[int, tuple[float, list[Step]]] = {} if (t.id == forced and not t.met) \
            else dict(best)
        for pts, (cost, steps) in best.items():
            for gain, ocost, step in opts:
                key = min(need_cents, pts + int(round(gain * 100)))
                cand = (cost + ocost, steps + [step])
                if key not in nxt or cand[0] < nxt[key][0] - _EPS:
                    nxt[key] = cand
        best = nxt
    if need_cents in best:
        cost, steps = best[need_cents]
        return WhatItTakes(next_class=next_class, points_short=points_short, reachable=True,
                           steps=steps, points_gain=round(sum(s.points_gain for s in steps), 2),
                           cost=round(cost, 4), veto=veto)
    return WhatItTakes(next_class=next_class, points_short=points_short, reachable=False,
                       steps=[], points_gain=0.0, cost=0.0, veto=veto)
