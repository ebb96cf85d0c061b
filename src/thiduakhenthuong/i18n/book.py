"""The lookup of the message catalogue: a :class:`Phrasebook` is one named table of phrases in
Vietnamese and English; every book registers itself in :data:`BOOKS`, so the whole catalogue can
be listed and checked (``tests/test_messages.py``: both languages present, the same placeholders,
no English in a Vietnamese phrase, no Vietnamese in an English one). A key missing from a book is
a ``KeyError``: there is no fallback to another language.

This package imports nothing else of the library: every layer, from the table reader and the
errors up to the command line, takes its words from here."""
from __future__ import annotations

from typing import Any

#: Every phrase book of the library, by name.
BOOKS: dict[str, "Phrasebook"] = {}


class Phrasebook:
    """Phrases in Vietnamese and English by key, each a ``{"vi": ..., "en": ...}`` mapping or a
    ``(vi, en)`` pair, filled in with ``str.format``; the one lookup every phrase table of the
    library uses. A key that is not in the book is a ``KeyError`` naming the book.

    >>> book = Phrasebook("demo", {"short": ("thiếu {n} điểm", "{n} points short")})
    >>> book("short", "vi", n="3,5"), book("short", "en", n="3.5")
    ('thiếu 3,5 điểm', '3.5 points short')
    """

    def __init__(self, name: str, table: dict[str, Any]):
        self.name = name
        self.table = table
        BOOKS[name] = self

    def __contains__(self, key: str) -> bool:
        return key in self.table

    def __call__(self, key: str, lang: str, /, **kw: Any) -> str:
        try:
            entry = self.table[key]
        except KeyError:
            raise KeyError(f"no phrase '{key}' in the {self.name} phrasebook") from None
        en = lang == "en"
        text = (entry["en"] if en else entry["vi"]) if isinstance(entry, dict) else entry[en]
        return text.format(**kw) if kw else text

    def pair(self, key: str) -> tuple[str, str]:
        """The entry ``key`` unfilled, as (Vietnamese, English)."""
        entry = self.table[key]
        return (entry["vi"], entry["en"]) if isinstance(entry, dict) else (entry[0], entry[1])

    def keys(self) -> list[str]:
        return list(self.table)
