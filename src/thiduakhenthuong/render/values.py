"""A value as a person reads it: yes/no words, numbers the Vietnamese way, dates dd/mm/yyyy."""
from __future__ import annotations

import datetime as dt
from typing import Any

from .numbers import num
from .phrases import t


def show_value(v: Any, lang: str) -> str:
    if v is None:
        return t("empty", lang)
    if isinstance(v, bool):
        return t("yes" if v else "no", lang)
    if isinstance(v, (int, float)):
        return num(v, lang)
    if isinstance(v, dt.date):
        return v.strftime("%d/%m/%Y")
    return str(v)
