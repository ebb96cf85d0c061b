"""Typed AST of rule expressions. Nodes are immutable and print back as canonical text."""
from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Union

Scalar = Union[int, float, str, bool]

# Precedence for printing back: higher binds tighter.
_PREC = {"or": 1, "and": 2, "not": 3, "cmp": 4, "+": 5, "-": 5, "*": 6, "/": 6, "neg": 7}


class Node:
    """Base of every expression node."""

    def names(self) -> set[str]:
        """Every input field or parameter name the expression reads."""
        out: set[str] = set()
        self._collect(out)
        return out

    def _collect(self, out: set[str]) -> None:
        for child in self.children():
            child._collect(out)

    def children(self) -> tuple["Node", ...]:
        return ()

    def names_outside(self, funcs: frozenset[str]) -> set[str]:
        """The names read outside calls of ``funcs`` (e.g. the judged year only, not history).

        >>> from thiduakhenthuong.expr import parse
        >>> sorted(parse("a and streak(b, a)").names_outside(frozenset({"streak"})))
        ['a']
        """
        if isinstance(self, Call) and self.func in funcs:
            return set()
        if isinstance(self, Name):
            return {self.name}
        out: set[str] = set()
        for child in self.children():
            out |= child.names_outside(funcs)
        return out

    def calls(self) -> list["Call"]:
        """Every function call in the expression, outermost first."""
        out: list[Call] = [self] if isinstance(self, Call) else []
        for child in self.children():
            out += child.calls()
        return out

    def with_calls(self, values: dict[str, Scalar]) -> "Node":
        """The expression with each call whose text is a key of ``values`` replaced by that
        value: how an explanation's recorded history or member counts are put back into the
        condition to re-check it.

        >>> from thiduakhenthuong.expr import parse
        >>> parse("a and streak(b) >= 2").with_calls({"streak(b)": 3}).text()
        'a and 3 >= 2'
        """
        if isinstance(self, Call) and self.text() in values:
            return Const(values[self.text()])
        kids = self.children()
        if not kids:
            return self
        new = tuple(k.with_calls(values) for k in kids)
        if isinstance(self, (ListLit, Logic, Call)):
            field = {ListLit: "items", Logic: "operands", Call: "args"}[type(self)]
            return replace(self, **{field: new})
        if isinstance(self, Unary):
            return replace(self, operand=new[0])
        return replace(self, left=new[0], right=new[1])

    def text(self) -> str:
        """Canonical source text (used in traces and rule catalogues)."""
        return self._text(0)

    def _text(self, parent_prec: int) -> str:  # pragma: no cover - overridden
        raise NotImplementedError

    def __str__(self) -> str:
        return self.text()


def _wrap(s: str, prec: int, parent_prec: int) -> str:
    return f"({s})" if prec < parent_prec else s


@dataclass(frozen=True)
class Const(Node):
    value: Scalar

    def _collect(self, out):
        pass

    def _text(self, parent_prec):
        if isinstance(self.value, bool):
            return "true" if self.value else "false"
        if isinstance(self.value, str):
            return repr(self.value)
        return repr(self.value)


@dataclass(frozen=True)
class Name(Node):
    name: str

    def _collect(self, out):
        out.add(self.name)

    def _text(self, parent_prec):
        return self.name


@dataclass(frozen=True)
class ListLit(Node):
    items: tuple[Node, ...]

    def children(self):
        return self.items

    def _text(self, parent_prec):
        return "[" + ", ".join(i._text(0) for i in self.items) + "]"


@dataclass(frozen=True)
class Unary(Node):
    op: str  # "-" or "not"
    operand: Node

    def children(self):
        return (self.operand,)

    def _text(self, parent_prec):
        if self.op == "not":
            p = _PREC["not"]
            return _wrap("not " + self.operand._text(p), p, parent_prec)
        p = _PREC["neg"]
        return _wrap("-" + self.operand._text(p), p, parent_prec)


@dataclass(frozen=True)
class Binary(Node):
    op: str  # + - * /
    left: Node
    right: Node

    def children(self):
        return (self.left, self.right)

    def _text(self, parent_prec):
        p = _PREC[self.op]
        # Right operand of - and / binds one tighter so "a - (b - c)" keeps its brackets.
        return _wrap(f"{self.left._text(p)} {self.op} {self.right._text(p + 1)}", p, parent_prec)


@dataclass(frozen=True)
class Compare(Node):
    op: str  # < <= > >= == != in "not in"
    left: Node
    right: Node

    def children(self):
        return (self.left, self.right)

    def _text(self, parent_prec):
        p = _PREC["cmp"]
        return _wrap(f"{self.left._text(p + 1)} {self.op} {self.right._text(p + 1)}", p, parent_prec)


@dataclass(frozen=True)
class Logic(Node):
    op: str  # "and" | "or"
    operands: tuple[Node, ...]

    def children(self):
        return self.operands

    def _text(self, parent_prec):
        p = _PREC[self.op]
        return _wrap(f" {self.op} ".join(o._text(p + 1) for o in self.operands), p, parent_prec)


@dataclass(frozen=True)
class Call(Node):
    func: str
    args: tuple[Node, ...]

    def children(self):
        return self.args

    def _text(self, parent_prec):
        return f"{self.func}(" + ", ".join(a._text(0) for a in self.args) + ")"
