"""Compile rule expressions into durable-rules JSON conditions over one fact.

What the Rete network can match natively is compiled: comparisons of a field with a constant or
with another field, ``in`` lists, ``and``/``or``/``not``. A sub-expression it cannot match
(a function call, arithmetic) becomes a *term*: a named field the adapter computes with the
library's expression evaluator and puts on the fact, so both engines read one meaning of each
function while the network decides the logic.

Missing values travel as absent fields. numpy compares NaN as False except ``!=``, and ``not``
of a comparison with NaN is True; durable-rules never matches an absent field. The compiler
spells out the absent cases so both engines agree.

>>> from thiduakhenthuong.expr import parse
>>> c = ConditionCompiler({"a": "number", "b": "number"}, {"k": 3.0})
>>> c.condition(parse("a >= k and not b"))
{'$and': [{'$gte': {'a': 3.0}}, {'$or': [{'$nex': {'b': 1}}, {'$neq': {'b': True}}]}]}
"""
from __future__ import annotations

import datetime as dt
from typing import Any

import numpy as np
import pandas as pd

from ..expr import Node
from ..expr import ast as A
from ..expr import evaluate

_NA = pd.NA
_OPS = {"<": "$lt", "<=": "$lte", ">": "$gt", ">=": "$gte", "==": "$eq", "!=": "$neq"}
_NEGATED = {"<": ">=", "<=": ">", ">": "<=", ">=": "<", "==": "!=", "!=": "=="}
_MIRROR = {"<": ">", "<=": ">=", ">": "<", ">=": "<=", "==": "==", "!=": "!="}
ALWAYS = {"$nex": {"__never__": 1}}
NEVER = {"$ex": {"__never__": 1}}


def day_number(d: Any) -> int:
    """Dates travel as day numbers (durable-rules holds JSON values only).

    >>> day_number(dt.date(2023, 9, 30)) - day_number("2023-09-01")
    29
    """
    if isinstance(d, str):
        d = dt.date.fromisoformat(d)
    if isinstance(d, np.datetime64):
        return int(d.astype("datetime64[D]").astype(np.int64))
    return (d - dt.date(1970, 1, 1)).days


class ConditionCompiler:
    """Compiles expressions for facts whose fields have the given types.

    ``types``: field name -> 'number' | 'bool' | 'text' | 'date' (fields present on the fact);
    ``constants``: names fixed for the run (parameters as of the period, built-ins), inlined;
    ``joins``: names answered by another fact (e.g. a title already derived), see
    :meth:`split_joins`. Terms are collected in :attr:`terms` (field name -> node).
    """

    def __init__(self, types: dict[str, str], constants: dict[str, Any],
                 joins: frozenset[str] = frozenset(), prefix: str = "__t"):
        self.types = types
        self.constants = constants
        self.joins = joins
        self.prefix = prefix
        self.terms: dict[str, Node] = {}
        self._by_text: dict[str, str] = {}

    # -- public -------------------------------------------------------------------------------
    def condition(self, node: Node) -> dict:
        """The durable-rules condition that holds exactly where ``node`` is true."""
        return self._cond(node)

    def negation(self, node: Node) -> dict:
        """The condition that holds exactly where ``node`` is false (numpy's meaning of NaN)."""
        return self._negate(node)

    def split_joins(self, node: Node) -> tuple[Node | None, list[str]]:
        """Top-level conjuncts that are bare join names (``ldtt and ...``) are matched by joining
        another fact (forward chaining); returns the rest of the expression and those names."""
        parts = list(node.operands) if isinstance(node, A.Logic) and node.op == "and" else [node]
        names = [p.name for p in parts if isinstance(p, A.Name) and p.name in self.joins]
        rest = [p for p in parts if not (isinstance(p, A.Name) and p.name in self.joins)]
        if not rest:
            return None, names
        return (rest[0] if len(rest) == 1 else A.Logic("and", tuple(rest))), names

    def term(self, node: Node) -> str:
        """The fact field that carries ``node``'s value (one per distinct expression)."""
        key = node.text()
        if key not in self._by_text:
            name = f"{self.prefix}{len(self._by_text)}"
            self._by_text[key] = name
            self.terms[name] = node
        return self._by_text[key]

    # -- compilation --------------------------------------------------------------------------
    def _field(self, node: Node) -> str:
        if isinstance(node, A.Name) and node.name in self.types:
            return node.name
        return self.term(node)

    def _is_const(self, node: Node) -> bool:
        return isinstance(node, A.Const) or (isinstance(node, A.Name) and
                                             node.name in self.constants)

    def _const(self, node: Node, beside: str | None) -> Any:
        v = node.value if isinstance(node, A.Const) else self.constants[node.name]
        if isinstance(v, (dt.date, np.datetime64)) or (
                isinstance(v, str) and beside is not None and self.types.get(beside) == "date"):
            return day_number(v)
        if isinstance(v, (np.floating, np.integer)):
            return v.item()
        if isinstance(v, np.bool_):
            return bool(v)
        return v

    def _cond(self, n: Node) -> dict:
        if isinstance(n, A.Const):
            return ALWAYS if bool(n.value) else NEVER
        if isinstance(n, A.Name) and n.name in self.constants:
            return ALWAYS if bool(self.constants[n.name]) else NEVER
        if isinstance(n, A.Logic):
            key = "$and" if n.op == "and" else "$or"
            return {key: [self._cond(o) for o in n.operands]}
        if isinstance(n, A.Unary) and n.op == "not":
            return self._negate(n.operand)
        if isinstance(n, A.Compare):
            return self._compare(n)
        f = self._field(n)  # a bool field, or a term (a call that yields bool)
        return {f: True}

    def _negate(self, n: Node) -> dict:
        if isinstance(n, A.Const):
            return NEVER if bool(n.value) else ALWAYS
        if isinstance(n, A.Name) and n.name in self.constants:
            return NEVER if bool(self.constants[n.name]) else ALWAYS
        if isinstance(n, A.Logic):
            key = "$or" if n.op == "and" else "$and"
            return {key: [self._negate(o) for o in n.operands]}
        if isinstance(n, A.Unary) and n.op == "not":
            return self._cond(n.operand)
        if isinstance(n, A.Compare):
            if n.op in ("in", "not in"):
                return self._compare(A.Compare("not in" if n.op == "in" else "in", n.left,
                                               n.right))
            return self._compare(n, negate=True)
        f = self._field(n)
        return {"$or": [{"$nex": {f: 1}}, {"$neq": {f: True}}]}

    def _compare(self, n: A.Compare, negate: bool = False) -> dict:
        if n.op in ("in", "not in"):
            f = self._field(n.left)
            items = [self._const(i, f) for i in n.right.items]  # type: ignore[attr-defined]
            if n.op == "in":
                return {"$or": [{f: v} for v in items]} if items else NEVER
            # A missing value is "not in" any list (numpy: None is not among the items).
            return {"$or": [{"$nex": {f: 1}}, {"$and": [{"$neq": {f: v}} for v in items]}]} \
                if items else ALWAYS
        left, op, right = n.left, n.op, n.right
        if self._is_const(left) and not self._is_const(right):
            left, right, op = right, left, _MIRROR[op]
        if self._is_const(left):  # both constant: decide now with the evaluator's meaning
            v = bool(evaluate(n, self.constants))
            return ALWAYS if v != negate else NEVER
        f = self._field(left)
        absent = [{"$nex": {f: 1}}]
        if self._is_const(right):
            rv: Any = self._const(right, f)
        else:
            g = self._field(right)
            rv = {"$m": g}
            absent.append({"$nex": {g: 1}})
        original = op
        if negate:
            op = _NEGATED[op]
        test = {f: rv} if op == "==" else {_OPS[op]: {f: rv}}
        # numpy: NaN != x is True and not (NaN < x) is True, but not (NaN != x) is False; an
        # absent field never matches, so the absent cases are spelt out where numpy says True.
        if (original == "!=") != negate:
            return {"$or": absent + [test]}
        return test


def fact_value(v: Any) -> Any:
    """A column value as a JSON fact value; ``None`` means absent (NaN, NaT, missing text)."""
    if v is None:
        return None
    if isinstance(v, (np.bool_, bool)):
        return bool(v)
    if isinstance(v, np.datetime64):
        return None if np.isnat(v) else day_number(v)
    if isinstance(v, dt.date):
        return day_number(v)
    if isinstance(v, (np.floating, float)):
        return None if np.isnan(v) else float(v)
    if isinstance(v, (np.integer, int)):
        return int(v)
    if isinstance(v, str):
        return v
    return None if v is _NA else v
