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
from .functions import (BOOL, DATE, FUNCTIONS, LIST, NUMBER, TEXT, align_dates, as_number,
                        comparable, group_codes, is_text, need)


def infer_type(node: A.Node, types: Mapping[str, str], *, windows: bool = False,
               members: Optional[Mapping[str, str]] = None, groups: bool = False) -> str:
    """Return the type of ``node`` given the types of names, or raise :class:`ExpressionError`.

    Catches rules that could never match (comparing a date with a number, adding text) at load.
    ``windows`` allows the history functions (streak, years_sum...); ``members`` gives the names
    visible inside members_share/members_count (a collective's members), which are allowed only
    when it is given. ``groups`` allows the functions that read a unit's group (group_max...),
    whose grouping must be a bare name.

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
                need(k, (BOOL,), "not", src)
                return BOOL
            need(k, (NUMBER, BOOL), "-", src)
            return NUMBER
        if isinstance(n, A.Binary):
            for side in (n.left, n.right):
                need(t(side), (NUMBER, BOOL), n.op, src)
            return NUMBER
        if isinstance(n, A.Compare):
            lk, rk = t(n.left), t(n.right)
            if n.op in ("in", "not in"):
                elem = rk.split(":", 1)[1]
                if not comparable(lk, elem):
                    raise ExpressionError(f"'{n.op}' compares {lk} with a list of {elem}", src)
                return BOOL
            if not comparable(lk, rk):
                raise ExpressionError(f"cannot compare {lk} with {rk} ('{n.op}' would never "
                                      "match)", src)
            if n.op not in ("==", "!=") and TEXT in (lk, rk) and DATE not in (lk, rk):
                raise ExpressionError(f"'{n.op}' cannot order text", src)
            return BOOL
        if isinstance(n, A.Logic):
            for o in n.operands:
                need(t(o), (BOOL,), n.op, src)
            return BOOL
        if isinstance(n, A.Call):
            f = FUNCTIONS[n.func]
            if f.reads == "history" and not windows:
                raise ExpressionError(f"'{n.func}' reads a history of years and is only "
                                      "available in title rules", src)
            if f.reads == "group":
                if not groups:
                    raise ExpressionError(f"'{n.func}' reads every unit of a group and is only "
                                          "available in scoring rules", src)
                if len(n.args) > 1 and not isinstance(n.args[1], A.Name):
                    raise ExpressionError(f"the grouping of '{n.func}' must be the name of an "
                                          "input field (e.g. cluster)", src)
            if f.reads == "members":
                if members is None:
                    raise ExpressionError(f"'{n.func}' reads a unit's members and is only "
                                          "available in collective title rules", src)
                return f.result([infer_type(n.args[0], members, windows=windows)], src)
            return f.result([t(a) for a in n.args], src)
        raise ExpressionError(f"unsupported node {type(n).__name__}", src)  # pragma: no cover

    return t(node)


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
    #: Values computed over a group, by call text, computed once over the whole table: a part
    #: of the table (a chunk of the network, one unit's recorded trace) reads them from here.
    groups: Optional[Mapping[str, Any]] = None


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


def _years(x: Any, shape: tuple[int, int]) -> np.ndarray:
    return np.broadcast_to(np.asarray(x), shape) if np.ndim(x) < 2 else np.asarray(x)


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
        return np.logical_not(v) if n.op == "not" else -as_number(v)
    if isinstance(n, A.Binary):
        a, b = as_number(_ev(n.left, env, ctx)), as_number(_ev(n.right, env, ctx))
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
            hit = np.isin(np.asarray(a, dtype=object if is_text(a) else None), items)
            return hit if n.op == "in" else np.logical_not(hit)
        b = _ev(n.right, env, ctx)
        a, b = align_dates(a, b)
        if is_text(a) or is_text(b):
            res = np.asarray(a, dtype=object) == np.asarray(b, dtype=object) if n.op == "==" else \
                np.asarray(a, dtype=object) != np.asarray(b, dtype=object)
            return np.asarray(res, dtype=bool)
        a, b = as_number(a), as_number(b)
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


def _call(n: A.Call, env: Mapping[str, Any], ctx: Optional[Context]) -> Any:
    f = FUNCTIONS[n.func]
    if f.reads == "history":
        return f.compute(*year_grids(n, ctx))
    if f.reads == "group":
        if ctx is not None and ctx.groups is not None and n.text() in ctx.groups:
            return ctx.groups[n.text()]
        values = _ev(n.args[0], env, ctx)
        by = _ev(n.args[1], env, ctx) if len(n.args) > 1 else None
        rows = len(by) if by is not None and np.ndim(by) else _rows(env, values)
        return f.compute(values, group_codes(by, rows))
    if f.reads == "members":
        if ctx is None or ctx.member_env is None or ctx.member_sum is None:
            raise ExpressionError(f"'{f.name}' needs the unit's members", n.text())
        held = np.asarray(_ev(n.args[0], ctx.member_env, ctx.member_context), dtype=bool)
        return f.compute(ctx.member_sum(held.astype(np.float64)), ctx.member_n)
    return f.compute(*(_ev(a, env, ctx) for a in n.args))


def _rows(env: Mapping[str, Any], values: Any) -> int:
    if np.ndim(values):
        return len(values)
    for v in env.values():
        if isinstance(v, np.ndarray) and v.ndim == 1:
            return len(v)
    return 1


def group_values(nodes: list[A.Node], env: Mapping[str, Any],
                 ctx: Optional[Context] = None) -> dict[str, np.ndarray]:
    """Every value computed over a group that ``nodes`` read, by call text, over the whole table
    in ``env`` (for :attr:`Context.groups`).

    >>> from thiduakhenthuong.expr import parse
    >>> env = {"x": np.array([1.0, 3.0, 2.0]), "g": np.array(["a", "a", "b"], dtype=object)}
    >>> group_values([parse("x / group_max(x, g)")], env)["group_max(x, g)"].tolist()
    [3.0, 3.0, 2.0]
    """
    out: dict[str, np.ndarray] = {}
    for node in nodes:
        for call in node.calls():
            if FUNCTIONS[call.func].reads == "group" and call.text() not in out:
                with np.errstate(divide="ignore", invalid="ignore"):
                    out[call.text()] = np.asarray(_call(call, env, ctx), dtype=np.float64)
    return out


def year_grids(n: A.Call, ctx: Optional[Context]) -> list[np.ndarray]:
    """The arguments of a history function call as year grids (subjects x years, judged year
    last), a number of years (years_sum) as a column: what its ``compute`` and ``counted`` take.
    """
    f = FUNCTIONS[n.func]
    if ctx is None or ctx.yearly is None:
        raise ExpressionError(f"'{f.name}' needs a history of years", n.text())
    env = ctx.yearly
    first = _ev(n.args[0], env, None)
    shape = np.shape(first) if np.ndim(first) == 2 else _shape_of(env)
    grids = [_years(first, shape)]
    for a in n.args[1:]:
        if f.name == "years_sum":
            width = np.asarray(as_number(_ev(a, env, ctx)), dtype=np.float64)
            grids.append(width if width.ndim == 2 else width.reshape(-1, 1) if width.ndim == 1
                         else np.full((shape[0], 1), float(width)))
        else:
            grids.append(_years(_ev(a, env, None), shape))
    return grids


def _shape_of(env: Mapping[str, Any]) -> tuple[int, int]:
    for v in env.values():
        if np.ndim(v) == 2:
            return np.shape(v)
    raise ExpressionError("no yearly values to read")
