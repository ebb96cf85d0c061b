"""The phrase lookup and the table reader's phrases, for the layers below ``render/`` (kept for
their imports; the catalogue itself is :mod:`thiduakhenthuong.i18n`)."""
from __future__ import annotations

from ..i18n.book import Phrasebook
from ..i18n.reader import READER, reader

__all__ = ["Phrasebook", "READER", "reader"]
