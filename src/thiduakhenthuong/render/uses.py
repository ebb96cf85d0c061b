"""What each input column is used for, from the expressions that read it: the lines a blank
template's column notes show ("CT7 Tiếp nhận đơn vị máu [21/CTĐ-VP §II.7]")."""
from __future__ import annotations

from typing import Any, Iterable


def uses(items: Iterable[tuple[str, str, Iterable[Any]]]) -> dict[str, list[str]]:
    """``items``: (label, citation, expressions); returns field -> labels with citation.

    >>> from thiduakhenthuong.expr import parse
    >>> uses([("CT1 Máu", "21/CTĐ-VP §II.7", [parse("blood_units >= 3")])])
    {'blood_units': ['CT1 Máu [21/CTĐ-VP §II.7]']}
    """
    out: dict[str, list[str]] = {}
    for label, cite, exprs in items:
        names: set[str] = set()
        for e in exprs:
            if e is not None:
                names |= e.names()
        line = f"{label} [{cite}]" if cite else label
        for n in sorted(names):
            if line not in out.setdefault(n, []):
                out[n].append(line)
    return out
