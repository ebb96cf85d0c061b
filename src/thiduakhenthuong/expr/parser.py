"""Parse expression text into the library's AST.

Python's own tokenizer and parser (``ast.parse`` in ``eval`` mode) read the text, and only a
whitelist of node types is translated; anything else (attribute access, subscripts, lambdas,
comprehensions, keyword arguments, unknown functions) is rejected with its column. Nothing is ever
compiled or executed.
"""
from __future__ import annotations

import ast as pyast
from typing import Any

from ..errors import ExpressionError
from . import ast as A
from .functions import FUNCTIONS

_BINOPS = {pyast.Add: "+", pyast.Sub: "-", pyast.Mult: "*", pyast.Div: "/"}
_CMPOPS = {pyast.Lt: "<", pyast.LtE: "<=", pyast.Gt: ">", pyast.GtE: ">=", pyast.Eq: "==",
           pyast.NotEq: "!=", pyast.In: "in", pyast.NotIn: "not in"}
_LITERAL_NAMES = {"true": True, "false": False, "True": True, "False": False}


def parse(text: str) -> A.Node:
    """Parse ``text`` into an AST, or raise :class:`ExpressionError` naming the column.

    >>> parse("a + 2 * b").text()
    'a + 2 * b'
    >>> parse("x in ['huyen', 'tinh']").names()
    {'x'}
    """
    if not isinstance(text, str):
        if isinstance(text, bool) or isinstance(text, (int, float)):
            return A.Const(text)
        raise ExpressionError(f"expected an expression as text, got {type(text).__name__}")
    src = text.strip()
    if not src:
        raise ExpressionError("empty expression", text)
    if len(src) > 2000:
        raise ExpressionError("expression longer than 2000 characters", src[:40] + "...")
    try:
        tree = pyast.parse(src, mode="eval")
    except SyntaxError as e:
        raise ExpressionError(f"syntax error: {e.msg}", src, e.offset) from None
    return _Translator(src).visit(tree.body)


class _Translator:
    def __init__(self, src: str):
        self.src = src
        self.depth = 0

    def fail(self, node: pyast.AST, message: str, words: Any = None) -> ExpressionError:
        col = getattr(node, "col_offset", None)
        return ExpressionError(message, self.src, None if col is None else col + 1, words=words)

    def visit(self, node: pyast.AST) -> A.Node:
        self.depth += 1
        if self.depth > 60:
            raise self.fail(node, "expression nested too deeply")
        try:
            method = getattr(self, "visit_" + type(node).__name__, None)
            if method is None:
                raise self.fail(node, f"'{_describe(node)}' is not allowed in rule expressions")
            return method(node)
        finally:
            self.depth -= 1

    def visit_Constant(self, node: pyast.Constant) -> A.Node:
        v = node.value
        if isinstance(v, bool) or isinstance(v, (int, float, str)):
            return A.Const(v)
        raise self.fail(node, f"constant of type {type(v).__name__} is not allowed")

    def visit_Name(self, node: pyast.Name) -> A.Node:
        if node.id in _LITERAL_NAMES:
            return A.Const(_LITERAL_NAMES[node.id])
        if node.id in FUNCTIONS:
            raise self.fail(node, f"'{node.id}' is a function; call it with arguments")
        return A.Name(node.id)

    def visit_List(self, node: pyast.List) -> A.Node:
        return A.ListLit(tuple(self.visit(e) for e in node.elts))

    visit_Tuple = visit_List

    def visit_UnaryOp(self, node: pyast.UnaryOp) -> A.Node:
        if isinstance(node.op, pyast.Not):
            return A.Unary("not", self.visit(node.operand))
        if isinstance(node.op, pyast.USub):
            inner = self.visit(node.operand)
            if isinstance(inner, A.Const) and isinstance(inner.value, (int, float)) \
                    and not isinstance(inner.value, bool):
                return A.Const(-inner.value)
            return A.Unary("-", inner)
        if isinstance(node.op, pyast.UAdd):
            return self.visit(node.operand)
        raise self.fail(node, f"operator '{_describe(node.op)}' is not allowed")

    def visit_BinOp(self, node: pyast.BinOp) -> A.Node:
        op = _BINOPS.get(type(node.op))
        if op is None:
            raise self.fail(node, f"operator '{_describe(node.op)}' is not allowed "
                                  "(use + - * / and the functions min, max, ratio)")
        return A.Binary(op, self.visit(node.left), self.visit(node.right))

    def visit_BoolOp(self, node: pyast.BoolOp) -> A.Node:
        op = "and" if isinstance(node.op, pyast.And) else "or"
        return A.Logic(op, tuple(self.visit(v) for v in node.values))

    def visit_Compare(self, node: pyast.Compare) -> A.Node:
        parts: list[A.Node] = []
        left = self.visit(node.left)
        for op, comp in zip(node.ops, node.comparators):
            sym = _CMPOPS.get(type(op))
            if sym is None:
                raise self.fail(node, f"comparison '{_describe(op)}' is not allowed")
            right = self.visit(comp)
            if sym in ("in", "not in") and not isinstance(right, A.ListLit):
                raise self.fail(comp, f"the right side of '{sym}' must be a list like ['a', 'b']")
            parts.append(A.Compare(sym, left, right))
            left = right
        # a < b < c means (a < b) and (b < c), as in mathematics.
        return parts[0] if len(parts) == 1 else A.Logic("and", tuple(parts))

    def visit_IfExp(self, node: pyast.IfExp) -> A.Node:
        return A.Call("iif", (self.visit(node.test), self.visit(node.body), self.visit(node.orelse)))

    def visit_Call(self, node: pyast.Call) -> A.Node:
        if not isinstance(node.func, pyast.Name):
            raise self.fail(node, "only the listed functions can be called: "
                            + ", ".join(sorted(FUNCTIONS)),
                            words=("only_functions", {"names": ", ".join(sorted(FUNCTIONS))}))
        name = node.func.id
        if name not in FUNCTIONS:
            raise self.fail(node, f"unknown function '{name}'; allowed: "
                                  + ", ".join(sorted(FUNCTIONS)))
        if node.keywords:
            raise self.fail(node, f"'{name}' takes no keyword arguments")
        if any(isinstance(a, pyast.Starred) for a in node.args):
            raise self.fail(node, "'*' arguments are not allowed")
        f = FUNCTIONS[name]
        n = len(node.args)
        if n < f.min_args or (f.max_args is not None and n > f.max_args):
            raise self.fail(node, f"'{name}' takes {f.arity_text()} arguments, got {n}")
        return A.Call(name, tuple(self.visit(a) for a in node.args))


def _describe(node: object) -> str:
    names = {"Attribute": "attribute access (a.b)", "Subscript": "indexing (a[b])",
             "Lambda": "lambda", "Pow": "**", "Mod": "%", "FloorDiv": "//", "BitAnd": "&",
             "BitOr": "|", "BitXor": "^", "Is": "is", "IsNot": "is not", "ListComp": "comprehension",
             "GeneratorExp": "comprehension", "Dict": "dictionary", "Set": "set",
             "JoinedStr": "f-string", "NamedExpr": ":=", "Await": "await", "Starred": "*"}
    n = type(node).__name__
    return names.get(n, n)
