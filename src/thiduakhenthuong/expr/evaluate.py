"""Evaluate an expression AST column-wise with numpy, and check its types before any data is seen.

The same code evaluates a whole column (one element per unit) and a single unit's recorded values
(0-d arrays), so an explanation re-evaluated from its trace goes through exactly the batch logic.

Value representation: numbers are float64 (NaN = missing), booleans are bool, dates are
``datetime64[D]`` (NaT = missing), text is an object array of ``str``.
"""
from __future__ import annotations

from typing import Any, Mapping

import numpy as np

from ..errors import ExpressionError
from . import ast as A

NUMBER, BOOL, TEXT, DATE, LIST = "number", "bool", "text", "date", "list"


def infer_type(node: A.Node, types: Mapping[str, str]) -> str:
    """Return the type of ``node`` given the types of names, or raise :class:`ExpressionError`.

    Catches rules that could never match (comparing a date with a number, adding text) at load.

    >>> from thiduakhenthuong.expr import parse
    >>> infer_type(parse("a / b > 0.5"), {"a": "number", "b": "number"})
    'bool'
    """
    src = node.text()

    def t(n: A.Node) -> str:
        if isinstance(n, A.Const):
            v = n.value
            return BOOL if isinstance(v, bool) else TEXT if isinstance(v, str) else NUMBER
        if isinstance(n, A.Name):
            if n.name not in types:
                raise ExpressionError(f"unknown name '{n.name}'", src)
            return types[n.name]
        if isinstance(n, A.ListLit):
            kinds = {t(i) for i in n.items}
            if len(kinds) > 1:
                raise ExpressionError("a list must hold values of one type", src)
            return LIST + ":" + (kinds.pop() if kinds else TEXT)
        if isinstance(n, A.Unary):
            k = t(n.operand)
            if n.op == "not":
                _need(k, (BOOL,), "not", src)
                return BOOL
            _need(k, (NUMBER, BOOL), "-", src)
            return NUMBER
        if isinstance(n, A.Binary):
            for side in (n.left, n.right):
                _need(t(side), (NUMBER, BOOL), n.op, src)
            return NUMBER
        if isinstance(n, A.Compare):
            lk, rk = t(n.left), t(n.right)
            if n.op in ("in", "not in"):
                elem = rk.split(":", 1)[1]
                if not _comparable(lk, elem):
                    raise ExpressionError(f"'{n.op}' compares {lk} with a list of {elem}", src)
                return BOOL
            if not _comparable(lk, rk):
                raise ExpressionError(f"cannot compare {lk} with {rk} ('{n.op}' would never "
                                      "match)", src)
            if n.op not in ("==", "!=") and TEXT in (lk, rk) and DATE not in (lk, rk):
                raise ExpressionError(f"'{n.op}' cannot order text", src)
            return BOOL
        if isinstance(n, A.Logic):
            for o in n.operands:
                _need(t(o), (BOOL,), n.op, src)
            return BOOL
        if isinstance(n, A.Call):
            ks = [t(a) for a in n.args]
            f = n.func
            if f in ("min", "max", "abs", "ratio"):
                for k in ks:
                    _need(k, (NUMBER, BOOL), f, src)
                return NUMBER
            if f == "iif":
                _need(ks[0], (BOOL,), "iif condition", src)
                if not _comparable(ks[1], ks[2]):
                    raise ExpressionError("both branches of iif must have the same type", src)
                return NUMBER if BOOL in ks[1:] and NUMBER in ks[1:] else ks[1]
            if f == "missing":
                return BOOL
            if f in ("late", "days_late"):
                for k in ks:
                    _need(k, (DATE,), f, src)
                return NUMBER
        raise ExpressionError(f"unsupported node {type(n).__name__}", src)  # pragma: no cover

    return t(node)


def _need(kind: str, allowed: tuple[str, ...], op: str, src: str) -> None:
    if kind not in allowed:
        raise ExpressionError(f"'{op}' needs {' or '.join(allowed)}, got {kind}", src)


def _comparable(a: str, b: str) -> bool:
    if a == b:
        return True
    nums = {NUMBER, BOOL}
    if a in nums and b in nums:
        return True
    # A text literal compared with a date is read as an ISO date ('2023-03-31').
    return {a, b} == {DATE, TEXT}


def evaluate(node: A.Node, env: Mapping[str, Any]) -> Any:
    """Evaluate ``node`` over ``env`` (name -> numpy array or scalar); arrays broadcast.

    >>> import numpy as np
    >>> from thiduakhenthuong.expr import parse
    >>> evaluate(parse("ratio(a, b)"), {"a": np.array([5.0, 0.0]), "b": np.array([10.0, 0.0])})
    array([0.5, 1. ])
    """
    with np.errstate(divide="ignore", invalid="ignore"):
        return _ev(node, env)


def _num(x: Any) -> Any:
    if isinstance(x, np.ndarray):
        return x.astype(np.float64) if x.dtype == bool else x
    if isinstance(x, (bool, np.bool_)):
        return float(x)
    return x


def _is_date(x: Any) -> bool:
    return isinstance(x, (np.ndarray, np.datetime64)) and np.asarray(x).dtype.kind == "M"


def _align(a: Any, b: Any) -> tuple[Any, Any]:
    """Read a text literal beside a date as a date."""
    if _is_date(a) and isinstance(b, str):
        return a, np.datetime64(b, "D")
    if _is_date(b) and isinstance(a, str):
        return np.datetime64(a, "D"), b
    return a, b


def _ev(n: A.Node, env: Mapping[str, Any]) -> Any:
    if isinstance(n, A.Const):
        return n.value
    if isinstance(n, A.Name):
        try:
            return env[n.name]
        except KeyError:
            raise ExpressionError(f"no value for '{n.name}'", n.text()) from None
    if isinstance(n, A.Unary):
        v = _ev(n.operand, env)
        return np.logical_not(v) if n.op == "not" else -_num(v)
    if isinstance(n, A.Binary):
        a, b = _num(_ev(n.left, env)), _num(_ev(n.right, env))
        if n.op == "+":
            return np.add(a, b)
        if n.op == "-":
            return np.subtract(a, b)
        if n.op == "*":
            return np.multiply(a, b)
        return np.true_divide(a, b)
    if isinstance(n, A.Compare):
        a = _ev(n.left, env)
        if n.op in ("in", "not in"):
            items = [_ev(i, env) for i in n.right.items]  # type: ignore[attr-defined]
            hit = np.isin(np.asarray(a, dtype=object if _is_text(a) else None), items)
            return hit if n.op == "in" else np.logical_not(hit)
        b = _ev(n.right, env)
        a, b = _align(a, b)
        if _is_text(a) or _is_text(b):
            res = np.asarray(a, dtype=object) == np.asarray(b, dtype=object) if n.op == "==" else \
                np.asarray(a, dtype=object) != np.asarray(b, dtype=object)
            return np.asarray(res, dtype=bool)
        a, b = _num(a), _num(b)
        return {"<": np.less, "<=": np.less_equal, ">": np.greater, ">=": np.greater_equal,
                "==": np.equal, "!=": np.not_equal}[n.op](a, b)
    if isinstance(n, A.Logic):
        vals = [np.asarray(_ev(o, env), dtype=bool) for o in n.operands]
        f = np.logical_and if n.op == "and" else np.logical_or
        out = vals[0]
        for v in vals[1:]:
            out = f(out, v)
        return out
    if isinstance(n, A.Call):
        return _call(n, env)
    raise ExpressionError(f"cannot evaluate {type(n).__name__}")  # pragma: no cover


def _is_text(x: Any) -> bool:
    return isinstance(x, str) or (isinstance(x, np.ndarray) and x.dtype == object)


def _call(n: A.Call, env: Mapping[str, Any]) -> Any:
    f = n.func
    args = [_ev(a, env) for a in n.args]
    if f == "min":
        out = _num(args[0])
        for a in args[1:]:
            out = np.minimum(out, _num(a))
        return out
    if f == "max":
        out = _num(args[0])
        for a in args[1:]:
            out = np.maximum(out, _num(a))
        return out
    if f == "abs":
        return np.abs(_num(args[0]))
    if f == "ratio":
        a, b = _num(args[0]), _num(args[1])
        # A target of zero asks for nothing: it is met in full.
        return np.where(np.equal(b, 0), np.where(np.isnan(a), np.nan, 1.0), np.true_divide(a, b))
    if f == "iif":
        c, x, y = args
        if isinstance(x, (bool, np.bool_)) != isinstance(y, (bool, np.bool_)):
            x, y = _num(x), _num(y)
        return np.where(np.asarray(c, dtype=bool), x, y)
    if f == "missing":
        v = args[0]
        if _is_date(v):
            return np.isnat(v)
        if _is_text(v):
            arr = np.asarray(v, dtype=object)
            return np.asarray((arr == None) | (arr == ""), dtype=bool)  # noqa: E711
        return np.isnan(_num(np.asarray(v, dtype=float)))
    if f in ("late", "days_late"):
        d, dl = _align(args[0], args[1])
        d = np.asarray(d, dtype="datetime64[D]")
        dl = np.asarray(dl, dtype="datetime64[D]")
        present = ~np.isnat(d) & ~np.isnat(dl)
        days = np.where(present, (d - dl).astype("timedelta64[D]").astype(np.int64), 0)
        days = np.maximum(days, 0).astype(np.float64)
        return (days > 0).astype(np.float64) if f == "late" else days
    raise ExpressionError(f"unknown function '{f}'")  # pragma: no cover
