"""Facts for the network: one JSON object per subject, built from evaluation columns.

Fields carry the input values, per-subject parameters and the compiled terms (see
:mod:`.compile`); absent values are left out, so a condition on them does not match.
"""
from __future__ import annotations

from typing import Any

import numpy as np

from ..expr import evaluate
from .compile import ConditionCompiler, fact_value

#: How an input type travels in a fact.
KIND = {"integer": "number", "number": "number", "percent": "number", "bool": "bool",
        "attested": "bool", "date": "date", "text": "text", "enum": "text"}


def column_kind(col: Any) -> str:
    """'number' | 'bool' | 'date' | 'text' for a column or scalar."""
    a = np.asarray(col)
    if a.dtype == bool:
        return "bool"
    if a.dtype.kind == "M":
        return "date"
    if a.dtype.kind in "fiu":
        return "number"
    return "text"


def build_facts(fact_type: str, n: int, env: dict[str, Any], compiler: ConditionCompiler,
                fields: set[str], ctx: Any = None, extra: dict[str, np.ndarray] | None = None
                ) -> list[dict]:
    """One fact per subject with ``fields`` from ``env`` and every term of ``compiler``.

    Terms are evaluated column-wise with the library's evaluator (``ctx`` for windows and
    members), so a function means the same thing in both engines."""
    cols: dict[str, np.ndarray] = {}
    for name in sorted(fields):
        if name in env:
            cols[name] = np.broadcast_to(np.asarray(env[name]), (n,))
    for name, node in compiler.terms.items():
        cols[name] = np.broadcast_to(np.asarray(evaluate(node, env, ctx)), (n,))
    for name, col in (extra or {}).items():
        cols[name] = np.broadcast_to(np.asarray(col), (n,))
    lists = {k: v.tolist() if v.dtype.kind in "fiub" else list(v) for k, v in cols.items()}
    out = []
    for i in range(n):
        fact: dict[str, Any] = {"t": fact_type, "s": i}
        for name, values in lists.items():
            v = fact_value(cols[name][i] if cols[name].dtype.kind == "M" else values[i])
            if v is not None:
                fact[name] = v
        out.append(fact)
    return out
