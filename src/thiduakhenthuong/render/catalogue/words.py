"""The rule catalogue's words, from the one message catalogue (:mod:`thiduakhenthuong.i18n`)."""
from __future__ import annotations

from ...i18n.rules import MONTHS_EN, WORDS, w

__all__ = ["MONTHS_EN", "WORDS", "w"]
