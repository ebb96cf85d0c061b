"""Issue 14, item 1: one message catalogue. Every phrase book of the library is registered in
``thiduakhenthuong.i18n``; every entry has its Vietnamese and English text with the same
placeholders, the Vietnamese one holds no English word or internal marker, the English one no
Vietnamese; a phrase missing from a book is an error, never a fallback to the other language;
every command and option of the command line has its Vietnamese help."""
from __future__ import annotations

import re
import string

import click
import pytest

from thiduakhenthuong.i18n import BOOKS, Phrasebook
from thiduakhenthuong.i18n.cli import HELP_VI

from wording import ENGLISH, MARKERS, english_hits, vietnamese_word

_FIELD = re.compile(r"\{[^{}]*\}")
#: What a reader types as it is: file names, option values, metavars (RULES, DATA).
_TYPED = re.compile(r"\b[\w-]+\.(?:yaml|json|csv|xlsx|html)\b|\bnull\b|\b[A-Z][A-Z_]+\b|--[\w-]+|tdkt [a-z-]+")


def _entries():
    for name, book in sorted(BOOKS.items()):
        for key in book.keys():
            yield name, key, book.pair(key)


ENTRIES = list(_entries())


def _placeholders(text: str) -> set[str]:
    return {f for _, f, _, _ in string.Formatter().parse(text) if f}


def test_every_book_is_registered_and_not_empty():
    assert len(BOOKS) >= 20
    assert all(book.keys() for book in BOOKS.values())
    assert len(ENTRIES) > 1000


@pytest.mark.parametrize("book,key,pair", ENTRIES, ids=[f"{b}:{k}" for b, k, _ in ENTRIES])
def test_each_phrase_in_both_languages_with_the_same_placeholders(book, key, pair):
    vi, en = pair
    assert vi.strip() and en.strip(), (book, key)
    assert _placeholders(vi) == _placeholders(en), (book, key)


def test_no_english_in_a_vietnamese_phrase_and_no_vietnamese_in_an_english_one():
    english = set(ENGLISH)
    bad = []
    for book, key, (vi, en) in ENTRIES:
        if book == "units of measure" and vi == en:
            continue
        words = re.findall(r"(?<![\w/-])([A-Za-z]+)(?![\w/-])",
                           _TYPED.sub(" ", _FIELD.sub(" ", vi)))
        if any(w.lower() in english for w in words) or any(re.search(m, vi) for m in MARKERS
                                                             if m != r"\{[a-z_]+\}"):
            bad.append((book, key, vi))
        if english_hits(_FIELD.sub(" ", en), set()):
            bad.append((book, key, en))
    assert not bad, bad[:20]


def test_a_missing_phrase_is_an_error_not_a_fallback():
    book = Phrasebook("test book", {"a": ("một", "one")})
    with pytest.raises(KeyError, match="test book"):
        book("b", "vi")
    assert book("a", "vi") == "một" and book("a", "en") == "one"


def test_every_command_and_option_has_its_vietnamese_help():
    from thiduakhenthuong.cli.main import COMMANDS, COMMANDS_VI, main
    missing = [c for c in COMMANDS if c not in COMMANDS_VI]
    ctx = click.Context(main)
    for name in COMMANDS:
        cmd = main.get_command(ctx, name)
        if f"{name} help" not in HELP_VI:
            missing.append(f"{name} help")
        for p in cmd.params:
            if isinstance(p, click.Option) and p.help:
                opt = p.opts[-1]
                if f"{name} {opt}" not in HELP_VI and f"* {opt}" not in HELP_VI:
                    missing.append(f"{name} {opt}")
    assert not missing, missing


def test_vietnamese_help_has_no_english():
    english = set(ENGLISH) - {"no"}
    bad = [k for k, v in HELP_VI.items()
           if any(w.lower() in english for w in re.findall(r"(?<![\w/.-])([A-Za-z]+)(?![\w/-])",
                                                            _TYPED.sub(" ", v)))]
    assert not bad, bad
    assert all(vietnamese_word(v) for v in HELP_VI.values())
