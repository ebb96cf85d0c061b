"""The renderers' phrase books, from the one message catalogue (:mod:`thiduakhenthuong.i18n`)."""
from __future__ import annotations

from ..i18n.book import Phrasebook
from ..i18n.cli import CLI, HELP_VI, cli
from ..i18n.explain import MESSAGES, t
from ..i18n.workbook import (COLUMNS, SHEETS, STATUS_WORDS, SUCCESSION_STATUS, TEMPLATE,
                             WORKBOOK, col, sheet, status, succession_status, tpl, wb)
from ..i18n.web import WEB, web

__all__ = ["MESSAGES", "WORKBOOK", "COLUMNS", "SHEETS", "STATUS_WORDS", "Phrasebook", "t",
           "wb", "col", "sheet", "status", "tpl", "TEMPLATE", "SUCCESSION_STATUS",
           "succession_status", "CLI", "HELP_VI", "cli", "WEB", "web"]
