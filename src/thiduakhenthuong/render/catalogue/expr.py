"""Rule expressions in words, for the catalogue and for every explanation: the AST walked, each
field or parameter name replaced by its title in the reader's language, code-list values by their
labels, operators by the signs and words a reader knows (≥, ×, "và"/"and"), function calls by
the phrase each function declares ("tỷ lệ “a” trên “b”", :data:`...expr.functions.PHRASES`).

The catalogue's text is Markdown (``esc=md``, the default); explanations ask for plain text and
give the values a decision read, which follow each name ("“Số Hội cơ sở” (22)"). The walk also
records which rule reads which name and which functions a page uses, so the parameter list can
say where each parameter is used and the legend lists only what occurs.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
import re
from typing import Any, Callable, Optional

from ...core.models import Localized
from ...i18n.explain import measures, measures_one
from ...expr import ast as A
from ..numbers import num
from .md import md
from ...expr.functions import FUNCTIONS
from .words import w

# Printing precedence, as in expr.ast: higher binds tighter.
_PREC = {"or": 1, "and": 2, "not": 3, "cmp": 4, "+": 5, "-": 5, "*": 6, "/": 6, "neg": 7}
_ARITH = {"+": "+", "-": "−", "*": "×", "/": "÷"}
_CMP = {"<": "<", "<=": "≤", ">": ">", ">=": "≥", "==": "=", "!=": "≠"}


@dataclass(frozen=True)
class NameEntry:
    """What a name in an expression stands for: its title, the labels of its codes (enum
    fields), and, for a parameter with one value, that value in words per language."""
    title: Localized
    kind: str
    labels: Optional[dict[str, Localized]] = None
    note: Optional[dict[str, str]] = None


@dataclass
class NameBook:
    """The names one page's expressions may use, and what the page's rules read."""
    entries: dict[str, NameEntry]
    uses: dict[str, set[str]] = field(default_factory=dict)
    functions: set[str] = field(default_factory=set)

    def merged(self, other: dict[str, NameEntry]) -> "NameBook":
        """A book whose entries ``other`` overrides, sharing the record of uses."""
        book = NameBook({**self.entries, **other})
        book.uses, book.functions = self.uses, self.functions
        return book

    def use(self, name: str, item: Optional[str]) -> None:
        if item:
            self.uses.setdefault(name, set()).add(item)


def sep(lang: str) -> str:
    """Argument separator: Vietnamese writes decimals with a comma, so it separates with ';'."""
    return ", " if lang == "en" else "; "


def value_text(v: object, lang: str, unit: Optional[str] = None,
               esc: Callable[[object], str] = md) -> str:
    """A parameter or constant value in words, with its unit.

    >>> value_text(30000000, "vi", "VND"), value_text(0.5, "en"), value_text(30, "vi", "%")
    ('30.000.000 đồng', '0.5', '30%')
    >>> value_text(True, "vi"), value_text(dt.date(2023, 3, 15), "en")
    ('có', '2023-03-15')
    """
    if isinstance(v, bool):
        s = w("yes" if v else "no", lang)
    elif isinstance(v, (int, float)):
        s = num(v, lang)
    elif isinstance(v, dt.date):
        s = v.isoformat()
    else:
        s = esc(v)
    if unit:
        book = measures_one if v == 1 and not isinstance(v, bool) else measures
        said = book(unit, lang) if unit in book else unit
        s += said if unit == "%" else " " + esc(said)
    return s


def plain(text: object) -> str:
    """Text as it is, on one line (the escaping of plain words)."""
    return " ".join(str(text).split())


def readable(node: A.Node, book: NameBook, lang: str, item: Optional[str] = None,
             esc: Callable[[object], str] = md,
             values: Optional[Callable[[str], Optional[str]]] = None,
             computed: Optional[Callable[[A.Call], Optional[str]]] = None) -> str:
    """``node`` in words (Markdown, or plain text with ``esc=plain``), recording in ``book``
    that ``item`` reads its names. ``values(name)``, when given, is the value a decision read
    for a name, shown after it; ``computed(call)`` the value of a call worked out from them
    (the months between two dates), shown after the call.

    >>> from thiduakhenthuong.expr import parse
    >>> book = NameBook({"rating": NameEntry(Localized(vi="Xếp loại", en="Rating"), "input",
    ...     labels={"htxs": Localized(vi="Xuất sắc", en="Excellent")}),
    ...     "n": NameEntry(Localized(vi="Số", en="Count"), "input")})
    >>> readable(parse("rating in ['htxs', 'ht'] and n >= 1.5"), book, "vi", "c1")
    '“Xếp loại” thuộc {‘Xuất sắc’; ‘ht’} và “Số” ≥ 1,5'
    >>> readable(parse("ratio(n, 2) * 3"), book, "en")
    'the ratio of “Count” to 2 × 3'
    >>> sorted(book.uses), sorted(book.functions)
    (['n', 'rating'], ['ratio'])
    >>> readable(parse("n >= 2"), book, "vi", esc=plain, values={"n": "3"}.get)
    '“Số” (3) ≥ 2'
    """
    return _Words(book, lang, item, esc, values, computed).say(node, 0)


_OPTIONAL = re.compile(r"\{(\d+)\?([^}]*)\}")


def fill(template: str, args: list[str], sep_: str) -> str:
    """A function's phrase with its arguments: ``{0}``…, ``{all}``, and ``{k?text}`` (text said
    only when argument k is given).

    >>> fill("a{1? b }{1}", ["x"], "; "), fill("a{1? b }{1}", ["x", "y"], "; ")
    ('a', 'a b y')
    """
    out = _OPTIONAL.sub(lambda m: m.group(2) if int(m.group(1)) < len(args) else "", template)
    out = out.replace("{all}", sep_.join(args))
    return re.sub(r"\{(\d+)\}", lambda m: args[int(m.group(1))]
                  if int(m.group(1)) < len(args) else "", out)


class _Words:
    def __init__(self, book: NameBook, lang: str, item: Optional[str],
                 esc: Callable[[object], str] = md,
                 values: Optional[Callable[[str], Optional[str]]] = None,
                 computed: Optional[Callable[[A.Call], Optional[str]]] = None):
        self.book, self.lang, self.item = book, lang, item
        self.esc, self.values, self.computed = esc, values, computed

    def say(self, n: A.Node, parent: int, labels: Optional[dict[str, Localized]] = None) -> str:
        if isinstance(n, A.Const):
            return self.const(n.value, labels)
        if isinstance(n, A.Name):
            return self.name(n.name)
        if isinstance(n, A.ListLit):
            return "{" + sep(self.lang).join(self.say(i, 0, labels) for i in n.items) + "}"
        if isinstance(n, A.Unary):
            if n.op == "not" and isinstance(n.operand, A.Call) and n.operand.func == "missing":
                self.book.functions.add("missing")
                return w("given", self.lang, x=self.say(n.operand.args[0], 0))
            if n.op == "not":
                p = _PREC["not"]
                return _wrap(f"{w('not', self.lang)} {self.say(n.operand, p)}", p, parent)
            p = _PREC["neg"]
            return _wrap("−" + self.say(n.operand, p), p, parent)
        if isinstance(n, A.Binary):
            p = _PREC[n.op]
            return _wrap(f"{self.say(n.left, p)} {_ARITH[n.op]} {self.say(n.right, p + 1)}",
                         p, parent)
        if isinstance(n, A.Compare):
            return self.compare(n, parent)
        if isinstance(n, A.Logic):
            p = _PREC[n.op]
            word = f" {w(n.op, self.lang)} "
            return _wrap(word.join(self.say(o, p + 1) for o in n.operands), p, parent)
        if isinstance(n, A.Call):
            return self.call(n)
        return self.esc(n.text())  # pragma: no cover - every node type is handled above

    def compare(self, n: A.Compare, parent: int) -> str:
        # A code compared with an enum field reads as the code's label.
        labels = self.labels_of(n.left) or self.labels_of(n.right)
        p = _PREC["cmp"]
        op = w(n.op, self.lang) if n.op in ("in", "not in") else _CMP[n.op]
        return _wrap(f"{self.say(n.left, p + 1, labels)} {op} {self.say(n.right, p + 1, labels)}",
                     p, parent)

    def call(self, n: A.Call) -> str:
        self.book.functions.add(n.func)
        if n.func == "iif":
            c, x, y = (self.say(a, 0) for a in n.args)
            return w("iif", self.lang, c=c, x=x, y=y)
        fn = FUNCTIONS[n.func]
        if fn.reads == "row":
            args = [self.say(a, 0) for a in n.args]
        else:
            # Inside a call over a group, past years or members, a name is not the subject's
            # own value of the judged year: say it without one.
            values, self.values = self.values, None
            try:
                args = [self.say(a, 0) for a in n.args]
            finally:
                self.values = values
        phrase = fn.phrase(self.lang)
        if n.func == "years_sum" and isinstance(n.args[0], (A.Compare, A.Logic, A.Unary)):
            # A condition summed over years counts the years it holds.
            phrase = FUNCTIONS["years_sum"].phrase_of("years_count", self.lang)
        if phrase is not None:
            out = fill(phrase, args, sep(self.lang))
        else:
            out = f"{fn.words(self.lang)[0]}(" + sep(self.lang).join(args) + ")"
        worked = self.computed(n) if self.computed is not None else None
        return f"{out} (= {worked})" if worked is not None else out

    def labels_of(self, n: A.Node) -> Optional[dict[str, Localized]]:
        if isinstance(n, A.Name):
            entry = self.book.entries.get(n.name)
            return entry.labels if entry else None
        return None

    def name(self, name: str) -> str:
        entry = self.book.entries.get(name)
        if entry is not None and entry.kind == "title":
            # A title's name in a condition reads "holds that title".
            return w("holds_title", self.lang, title=self.plain_name(name))
        return self.plain_name(name)

    def plain_name(self, name: str) -> str:
        self.book.use(name, self.item)
        entry = self.book.entries.get(name)
        text = self.esc(name) if entry is None else f"“{self.esc(entry.title.get(self.lang))}”"
        if self.values is not None:
            shown = self.values(name)
            if shown is None:
                return text
            return f"{text} {shown}" if shown.startswith("(") else f"{text} ({shown})"
        note = entry.note.get(self.lang) if entry is not None and entry.note else None
        return f"{text} ({note})" if note else text

    def const(self, v: object, labels: Optional[dict[str, Localized]]) -> str:
        if isinstance(v, bool):
            return w("true" if v else "false", self.lang)
        if isinstance(v, str):
            if v == "":
                return w("empty", self.lang)
            if labels and v in labels:
                return f"‘{self.esc(labels[v].get(self.lang))}’"
            return f"‘{self.esc(v)}’"
        return num(v, self.lang)


def _wrap(s: str, prec: int, parent: int) -> str:
    return f"({s})" if prec < parent else s
