"""Honour titles with their checks decided on the durable-rules network.

The title order, the Kleene combination of checks and routes, quotas and prize money are the
batch engine's shared code (:func:`~thiduakhenthuong.jobs.titles.engine.run_titles`); this module
supplies the decider that matches each title's checks and exclusions in the network, joining the
``held`` facts of the titles decided before it (Lao động tiên tiến before Chiến sĩ thi đua cơ
sở). Collective titles read their members' derived titles through member terms.
"""
from __future__ import annotations

import numpy as np

from ...stream.network import require
from ...stream.tri import tri_on_network
from .engine import World, title_checks
from .model import Title, TitleRuleSet


class NetworkDecider:
    """A decider for :func:`run_titles` that evaluates on durable-rules."""

    def __init__(self, model: TitleRuleSet, version: str):
        require()
        self.model = model
        self.version = version
        self.done: dict[str, list[str]] = {"person": [], "unit": []}

    def __call__(self, t: Title, exclusions: list, w: World) -> dict[str, np.ndarray]:
        items = [(c.id, c.holds) for c in title_checks(t)] + [(x.id, x.when) for x in exclusions]
        joins = {tid: {r: np.asarray(w.env[r][tid], dtype=bool) for r in ("f", "t")}
                 for tid in self.done[t.subject]}
        out = tri_on_network(f"title_{t.id}", self.version, items, w.env, w.ctx, w.n, joins)
        self.done[t.subject].append(t.id)
        return out
