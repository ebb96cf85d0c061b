"""Three-valued checks on the durable-rules network (titles and conference standards).

Each subject is asserted twice, once per reading of missing evidence ("no" and "yes"); a check
that fires in both readings holds, in neither fails, in one only is not determinable: the same
meaning as the batch engine's two evaluations. A bare title name at the top of a check
(``ldtt and ...``) is matched by joining the ``held`` facts of titles decided earlier, so the
dependency between titles is forward chaining in the network.
"""
from __future__ import annotations

from typing import Any

import numpy as np

from ..expr import Node
from .compile import ConditionCompiler
from .facts import build_facts, column_kind
from .network import network

F, U, T = 0, 1, 2
READINGS = ("f", "t")


def tri_on_network(prefix: str, version: str, items: list[tuple[str, Node]],
                   envs: dict[str, dict[str, Any]], ctxs: dict[str, Any], n: int,
                   joins: dict[str, dict[str, np.ndarray]] | None = None) -> dict[str, np.ndarray]:
    """F/U/T per subject for each ``(id, expression)`` in ``items``.

    ``envs``/``ctxs``: the evaluation environment and window/member context per reading ('f':
    missing evidence read as no, 't': as yes); ``joins``: name -> reading -> held mask of the
    derived facts that checks may join on."""
    joins = joins or {}
    env0 = envs["f"]
    types, constants = {}, {}
    for name, v in env0.items():
        if np.ndim(v) == 0:
            constants[name] = v.item() if isinstance(v, np.generic) and \
                np.asarray(v).dtype.kind != "M" else v
        else:
            types[name] = column_kind(v)
    comp = ConditionCompiler(types, constants, frozenset(joins))
    body: dict[str, dict] = {}
    fields: set[str] = set()
    for rid, node in items:
        rest, names = comp.split_joins(node)
        cond = comp.condition(rest) if rest is not None else None
        parts = [{"t": "subj"}] + ([cond] if cond is not None else [])
        conds: list[dict] = [{"m": {"$and": parts} if len(parts) > 1 else parts[0]}]
        for k, jn in enumerate(names):
            conds.append({f"j{k}": {"$and": [{"t": "held"}, {"title": jn}, {"s": {"m": "s"}},
                                             {"w": {"m": "w"}}]}})
        body[rid] = {"all": conds}
        fields |= {nm for nm in node.names() if nm in types}
    net = network(prefix, version, body)
    facts: list[dict] = []
    for r in READINGS:
        for jn, by_reading in joins.items():
            facts += [{"t": "held", "title": jn, "s": int(i), "w": r}
                      for i in np.nonzero(by_reading[r])[0]]
        facts += build_facts("subj", n, envs[r], comp, fields, ctx=ctxs.get(r),
                             extra={"w": np.full(n, r, dtype=object)})
    fired = net.evaluate(facts)
    hits = {(rid, r): np.zeros(n, dtype=bool) for rid, _ in items for r in READINGS}
    for f in fired:
        m = f.facts["m"]
        hits[(f.rule, m["w"])][m["s"]] = True
    out = {}
    for rid, _ in items:
        a, b = hits[(rid, "f")], hits[(rid, "t")]
        out[rid] = np.where(a & b, T, np.where(~a & ~b, F, U)).astype(np.int8)
    return out
