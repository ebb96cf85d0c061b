"""The one message catalogue: every phrase a person reads, in Vietnamese and English, in typed
phrase books (:class:`.book.Phrasebook`) grouped by what prints them:

- :mod:`.explain`: explanations (terminal tree, report tree, workbook reasons, verify);
- :mod:`.report`: the HTML report's headings and column heads;
- :mod:`.workbook`: sheet names, column heads, statuses, page furniture, blank templates;
- :mod:`.cli`: the command line's messages, errors and Vietnamese help;
- :mod:`.rules`: the rule catalogue (``tdkt docs``);
- :mod:`.diff`: ``tdkt diff``;
- :mod:`.reader`: the table reader's decisions and problems;
- :mod:`.legal`: citations in legal style, kinds of documents and the standard bases;
- :mod:`.errors`: the library's errors;
- :mod:`.web`: the web app's pages and messages (``tdkt serve``).

Importing the package loads every book (plain tables, cheap to load), so :data:`BOOKS` lists
the whole catalogue.
"""
from __future__ import annotations

from . import (cli, diff, errors, explain, legal, reader, report, rules,  # noqa: F401  (registers)
               web, workbook)
from .book import BOOKS, Phrasebook

__all__ = ["BOOKS", "Phrasebook", "all_books"]


def all_books() -> dict[str, Phrasebook]:
    """Every phrase book of the library, by name.

    >>> "messages" in all_books() and "catalogue" in all_books()
    True
    """
    return dict(BOOKS)
