"""Parameters resolved "as of" the period judged, and their values as evaluation columns."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import numpy as np

from ..errors import RuleError
from .jsonable import plain
from .trace import ParameterUse


@dataclass(frozen=True)
class ResolvedParameter:
    name: str
    value: Any                 # scalar, or dict key -> scalar when ``by`` is set
    effective_from: dt.date
    basis: Any                 # rulebook.base.Basis: reader's text and author's note
    by: str | None


def resolve(model: Any, as_of: dt.date, file: str | None = None) -> dict[str, ResolvedParameter]:
    """Every parameter of a rule model (any kind) with the value in force on ``as_of``; a
    parameter with no value yet on that day is a :class:`RuleError` naming it (and ``file``,
    the rule set).

    >>> from thiduakhenthuong import load_rules
    >>> r = load_rules("rules/lao-cai-2023")
    >>> resolve(r.model, dt.date(2023, 12, 31))["w_t03"].value
    12
    >>> resolve(r.model, dt.date(2001, 1, 1), "rules/lao-cai-2023")
    Traceback (most recent call last):
    ...
    thiduakhenthuong.errors.RuleError: rules/lao-cai-2023: parameter 'w_t01': no value in force on 2001-01-01 (first from 2023-01-01)
    """
    out = {}
    for name, p in model.parameters.items():
        try:
            dv = p.as_of(as_of)
        except ValueError as e:
            raise RuleError(f"parameter '{name}': {e}", file=file) from None
        out[name] = ResolvedParameter(name, dv.value, dv.from_, p.basis, getattr(p, "by", None))
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


def parameter_uses(params: dict[str, ResolvedParameter]) -> list[ParameterUse]:
    """The parameters of a run as trace records, in name order (per-key values as mappings)."""
    return [ParameterUse(name=p.name, value=p.value if isinstance(p.value, dt.date)
                         else plain(p.value), effective_from=p.effective_from, basis=p.basis.reader())
            for p in sorted(params.values(), key=lambda p: p.name)]
