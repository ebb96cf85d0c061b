"""Evaluate an expression AST column-wise with numpy, and check its types before any data is seen.

The same code evaluates a whole column (one element per unit) and a single unit's recorded values
(0-d arrays), so an explanation re-evaluated from its trace goes through exactly the batch logic.

Value representation: numbers are float64 (NaN = missing), booleans are bool, dates are
``datetime64[D]`` (NaT = missing), text is an object array of ``str``.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable, Mapping, Optional

import numpy as np

from ..errors import ExpressionError
from . import ast as A
from .parser import MEMBER_FUNCTIONS, WINDOW_FUNCTIONS

NUMBER, BOOL, TEXT, DATE, LIST = "number", "bool", "text", "date", "list"


def infer_type(node: A.Node, types: Mapping[str, str], *, windows: bool = False,
               members: Optional[Mapping[str, str]] = None) -> str:
    """Return the type of ``node`` given the types of names, or raise :class:`ExpressionError`.

    Catches rules that could never match (comparing a date with a number, adding text) at load.
    ``windows`` allows the history functions (streak, years_sum...); ``members`` gives the names
    visible inside members_share/members_count (a collective's members), which are allowed only
    when it is given.

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
        if isinstance(n, A.Call) and n.func in WINDOW_FUNCTIONS:
            if not windows:
                raise ExpressionError(f"'{n.func}' reads a history of years and is only "
                                      "available in title rules", src)
            ks = [t(a) for a in n.args]
            if n.func == "years_sum":
                _need(ks[0], (NUMBER, BOOL), n.func, src)
                _need(ks[1], (NUMBER,), n.func + " (number of years)", src)
            else:
                for k in ks:
                    _need(k, (BOOL,), n.func, src)
            return NUMBER
        if isinstance(n, A.Call) and n.func in MEMBER_FUNCTIONS:
            if members is None:
                raise ExpressionError(f"'{n.func}' reads a unit's members and is only available "
                                      "in collective title rules", src)
            _need(infer_type(n.args[0], members, windows=windows), (BOOL,), n.func, src)
            return NUMBER
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
            if f in ("late", "days_late", "months_between"):
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


@dataclass
class Context:
    """What history and member functions read, beside the plain per-subject ``env``.

    ``yearly`` maps names to arrays of shape (subjects, years), oldest year first and the judged
    year last (names that do not vary by year may be scalars or (subjects, 1) columns).
    ``member_env``/``member_context`` are the members' own names; ``member_sum`` adds a
    per-member column up per unit and ``member_n`` is each unit's number of members.
    """
    yearly: Optional[Mapping[str, Any]] = None
    member_env: Optional[Mapping[str, Any]] = None
    member_context: Optional["Context"] = None
    member_sum: Optional[Callable[[np.ndarray], np.ndarray]] = None
    member_n: Optional[np.ndarray] = None


def evaluate(node: A.Node, env: Mapping[str, Any], ctx: Optional[Context] = None) -> Any:
    """Evaluate ``node`` over ``env`` (name -> numpy array or scalar); arrays broadcast.

    >>> import numpy as np
    >>> from thiduakhenthuong.expr import parse
    >>> evaluate(parse("ratio(a, b)"), {"a": np.array([5.0, 0.0]), "b": np.array([10.0, 0.0])})
    array([0.5, 1. ])
    >>> ctx = Context(yearly={"c": np.array([[True, False, True, True]])})
    >>> evaluate(parse("streak(c)"), {}, ctx)
    array([2.])
    """
    with np.errstate(divide="ignore", invalid="ignore"):
        return _ev(node, env, ctx)


def trailing_run(cond: np.ndarray, stop: Optional[np.ndarray] = None) -> np.ndarray:
    """Per row of ``cond`` (subjects x years, judged year last): a mask of the years in the
    unbroken run that ends at the judged year. A past year where ``stop`` holds ends the run
    before it (its achievement was already used).

    >>> trailing_run(np.array([[True, True, False, True, True]])).tolist()
    [[False, False, False, True, True]]
    """
    cond = np.asarray(cond, dtype=bool)
    out = np.zeros(cond.shape, dtype=bool)
    alive = np.ones(cond.shape[0], dtype=bool)
    last = cond.shape[1] - 1
    for j in range(last, -1, -1):
        if stop is not None and j < last:
            alive &= ~np.asarray(stop[:, j], dtype=bool)
        alive &= cond[:, j]
        out[:, j] = alive
        if not alive.any():
            break
    return out


def _years(x: Any, shape: tuple[int, int]) -> np.ndarray:
    return np.broadcast_to(np.asarray(x), shape) if np.ndim(x) < 2 else np.asarray(x)


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


def _ev(n: A.Node, env: Mapping[str, Any], ctx: Optional[Context]) -> Any:
    if isinstance(n, A.Const):
        return n.value
    if isinstance(n, A.Name):
        try:
            return env[n.name]
        except KeyError:
            raise ExpressionError(f"no value for '{n.name}'", n.text()) from None
    if isinstance(n, A.Unary):
        v = _ev(n.operand, env, ctx)
        return np.logical_not(v) if n.op == "not" else -_num(v)
    if isinstance(n, A.Binary):
        a, b = _num(_ev(n.left, env, ctx)), _num(_ev(n.right, env, ctx))
        if n.op == "+":
            return np.add(a, b)
        if n.op == "-":
            return np.subtract(a, b)
        if n.op == "*":
            return np.multiply(a, b)
        return np.true_divide(a, b)
    if isinstance(n, A.Compare):
        a = _ev(n.left, env, ctx)
        if n.op in ("in", "not in"):
            items = [_ev(i, env, ctx) for i in n.right.items]  # type: ignore[attr-defined]
            hit = np.isin(np.asarray(a, dtype=object if _is_text(a) else None), items)
            return hit if n.op == "in" else np.logical_not(hit)
        b = _ev(n.right, env, ctx)
        a, b = _align(a, b)
        if _is_text(a) or _is_text(b):
            res = np.asarray(a, dtype=object) == np.asarray(b, dtype=object) if n.op == "==" else \
                np.asarray(a, dtype=object) != np.asarray(b, dtype=object)
            return np.asarray(res, dtype=bool)
        a, b = _num(a), _num(b)
        return {"<": np.less, "<=": np.less_equal, ">": np.greater, ">=": np.greater_equal,
                "==": np.equal, "!=": np.not_equal}[n.op](a, b)
    if isinstance(n, A.Logic):
        vals = [np.asarray(_ev(o, env, ctx), dtype=bool) for o in n.operands]
        f = np.logical_and if n.op == "and" else np.logical_or
        out = vals[0]
        for v in vals[1:]:
            out = f(out, v)
        return out
    if isinstance(n, A.Call):
        return _call(n, env, ctx)
    raise ExpressionError(f"cannot evaluate {type(n).__name__}")  # pragma: no cover


def _is_text(x: Any) -> bool:
    return isinstance(x, str) or (isinstance(x, np.ndarray) and x.dtype == object)


def _call(n: A.Call, env: Mapping[str, Any], ctx: Optional[Context]) -> Any:
    f = n.func
    if f in WINDOW_FUNCTIONS:
        return _window(n, ctx)
    if f in MEMBER_FUNCTIONS:
        if ctx is None or ctx.member_env is None or ctx.member_sum is None:
            raise ExpressionError(f"'{f}' needs the unit's members", n.text())
        held = np.asarray(_ev(n.args[0], ctx.member_env, ctx.member_context), dtype=bool)
        count = ctx.member_sum(held.astype(np.float64))
        if f == "members_count":
            return count
        return np.where(ctx.member_n > 0, count / np.maximum(ctx.member_n, 1), np.nan)
    args = [_ev(a, env, ctx) for a in n.args]
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
    if f == "months_between":
        a, b = _align(args[0], args[1])
        a = np.asarray(a, dtype="datetime64[D]")
        b = np.asarray(b, dtype="datetime64[D]")
        return _months_between(a, b)
    raise ExpressionError(f"unknown function '{f}'")  # pragma: no cover


def _months_between(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Whole months from ``a`` to ``b`` (15 Mar -> 14 Apr is 0, -> 15 Apr is 1); NaN if missing."""
    missing = np.isnat(a) | np.isnat(b)
    am = a.astype("datetime64[M]")
    bm = b.astype("datetime64[M]")
    months = (bm - am).astype(np.int64).astype(np.float64)
    a_day = (a - am.astype("datetime64[D]")).astype(np.int64)
    b_day = (b - bm.astype("datetime64[D]")).astype(np.int64)
    months = months - (b_day < a_day)
    return np.where(missing, np.nan, months)


def _window(n: A.Call, ctx: Optional[Context]) -> np.ndarray:
    if ctx is None or ctx.yearly is None:
        raise ExpressionError(f"'{n.func}' needs a history of years", n.text())
    env = ctx.yearly
    first = _ev(n.args[0], env, None)
    shape = np.shape(first) if np.ndim(first) == 2 else _shape_of(env)
    if n.func == "years_sum":
        vals = np.nan_to_num(_years(_num(first), shape).astype(np.float64))
        width = np.asarray(_num(_ev(n.args[1], env, ctx)), dtype=np.float64)
        width = width[:, -1:] if width.ndim == 2 else width.reshape(-1, 1) if width.ndim == 1 \
            else np.full((shape[0], 1), float(width))
        offset = np.arange(shape[1])[::-1][None, :]       # 0 = judged year, 1 = year before...
        return np.where(offset < width, vals, 0.0).sum(axis=1)
    cond = _years(np.asarray(first, dtype=bool), shape)
    if n.func == "streak":
        stop = _years(np.asarray(_ev(n.args[1], env, None), dtype=bool), shape) \
            if len(n.args) > 1 else None
        return trailing_run(cond, stop).sum(axis=1).astype(np.float64)
    event = _years(np.asarray(_ev(n.args[1], env, None), dtype=bool), shape)
    return (trailing_run(cond) & event).sum(axis=1).astype(np.float64)


def _shape_of(env: Mapping[str, Any]) -> tuple[int, int]:
    for v in env.values():
        if np.ndim(v) == 2:
            return np.shape(v)
    raise ExpressionError("no yearly values to read")
