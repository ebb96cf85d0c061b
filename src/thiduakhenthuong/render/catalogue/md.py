"""Markdown building blocks for the rule catalogue: escaping, code spans, tables, lists.

Rule text (titles, bases, notes) is data written by rule authors, so every piece of it is escaped
before it reaches the page: a stray ``*``, ``|`` or ``<`` must not change the layout, break a
table or inject HTML.
"""
from __future__ import annotations

import re
import unicodedata
from typing import Iterable

# Every ASCII punctuation character that can start or close an inline construct (emphasis, code,
# links, raw HTML, entities, strikethrough) or split a table cell.
_SPECIAL = re.compile(r"([\\`*_\[\]<>|&~#])")
_SPACE = re.compile(r"\s+")


def md(text: object) -> str:
    """Escape rule text for Markdown, on one line.

    >>> md("a | b *c* <d>")
    'a \\\\| b \\\\*c\\\\* \\\\<d\\\\>'
    >>> md("two\\nlines")
    'two lines'
    """
    s = _SPACE.sub(" ", unicodedata.normalize("NFC", str(text))).strip()
    return _SPECIAL.sub(r"\\\1", s)


def code(text: object, table: bool = False) -> str:
    """A code span holding ``text`` verbatim; in a table cell its pipes are escaped, since GFM
    splits cells before it reads code spans.

    >>> code("a in ['x']")
    "`a in ['x']`"
    >>> code("x`y")
    '`` x`y ``'
    >>> code("a|b", table=True)
    '`a\\\\|b`'
    """
    s = _SPACE.sub(" ", unicodedata.normalize("NFC", str(text))).strip()
    longest = max((len(run) for run in re.findall(r"`+", s)), default=0)
    fence = "`" * (longest + 1)
    if longest or s.startswith(" ") or s.endswith(" "):
        s = f" {s} "
    if table:
        s = s.replace("|", "\\|")
    return f"{fence}{s}{fence}"


def table(headers: Iterable[str], rows: Iterable[Iterable[str]]) -> list[str]:
    """A GFM table; cells must already be Markdown (escaped with :func:`md`).

    >>> table(["A", "B"], [["1", "2"]])
    ['| A | B |', '| --- | --- |', '| 1 | 2 |']
    """
    head = list(headers)
    out = ["| " + " | ".join(head) + " |", "| " + " | ".join("---" for _ in head) + " |"]
    for row in rows:
        out.append("| " + " | ".join(c if c else " " for c in row) + " |")
    return out


def field(label: str, value: str, indent: int = 0) -> str:
    """One labelled bullet, ``- **label:** value``.

    >>> field("Trích dẫn", "21/CTĐ-VP §II.7", 1)
    '  - **Trích dẫn:** 21/CTĐ-VP §II.7'
    """
    return f"{'  ' * indent}- **{label}:** {value}"


def page(lines: Iterable[str]) -> str:
    """Join lines into a page: NFC, no trailing spaces, no runs of blank lines, one final newline,
    so the same rules always give the same bytes."""
    out: list[str] = []
    for line in lines:
        line = unicodedata.normalize("NFC", line).rstrip()
        if not line and (not out or not out[-1]):
            continue
        out.append(line)
    while out and not out[-1]:
        out.pop()
    return "\n".join(out) + "\n"
