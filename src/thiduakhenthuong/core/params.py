"""Parameters resolved "as of" the period judged, and their values as evaluation columns."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import numpy as np

from ..jobs.scoring.model import RuleSet


@dataclass(frozen=True)
class ResolvedParameter:
    name: str
    value: Any                 # scalar, or dict key -> scalar when ``by`` is set
    effective_from: dt.date
    basis: str
    by: str | None


def resolve(rules: RuleSet, as_of: dt.date) -> dict[str, ResolvedParameter]:
    """Every parameter's value in force on ``as_of``.

    >>> from thiduakhenthuong import load_rules
    >>> r = load_rules("rules/lao-cai-2023")
    >>> resolve(r.model, dt.date(2023, 12, 31))["w_t03"].value
    12
    """
    out = {}
    for name, p in rules.parameters.items():
        dv = p.as_of(as_of)
        out[name] = ResolvedParameter(name, dv.value, dv.from_, p.basis, p.by)
    return out


def to_column(value: Any) -> Any:
    """A scalar parameter value as something numpy evaluates (dates become datetime64)."""
    if isinstance(value, bool):
        return value
    if isinstance(value, dt.date):
        return np.datetime64(value, "D")
    if isinstance(value, int):
        return float(value)
    return value


def parameter_env(params: dict[str, ResolvedParameter], columns: dict[str, np.ndarray],
                  n: int) -> dict[str, Any]:
    """Parameter values for evaluation: scalars, or per-row arrays for parameters set ``by``."""
    env: dict[str, Any] = {}
    for name, p in params.items():
        if p.by is None:
            env[name] = to_column(p.value)
            continue
        keys = columns[p.by]
        mapping = dict(p.value)
        default = mapping.pop("default", None)
        sample = next(iter(mapping.values())) if mapping else default
        col = np.empty(n, dtype=object if isinstance(sample, str) else
                       "datetime64[D]" if isinstance(sample, dt.date) else
                       bool if isinstance(sample, bool) else np.float64)
        if col.dtype == np.float64:
            col[:] = np.nan if default is None else float(default)
        elif default is not None:
            col[:] = to_column(default)
        for k, v in mapping.items():
            col[keys == k] = to_column(v)
        env[name] = col
    return env
