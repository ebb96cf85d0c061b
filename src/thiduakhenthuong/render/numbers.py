"""Number formatting shared by messages and renderers."""
from __future__ import annotations

from typing import Any


def num(x: Any, lang: str = "vi") -> str:
    """Format a number the way the language writes it (vi: 1.234,5; en: 1,234.5).

    >>> num(12345.5, "vi"), num(12345.5, "en"), num(7.0)
    ('12.345,5', '12,345.5', '7')
    """
    if x is None:
        return "—"
    if isinstance(x, bool):
        return str(x)
    xf = float(x)
    s = f"{xf:,.0f}" if xf.is_integer() else f"{xf:,.2f}".rstrip("0").rstrip(".")
    if lang != "en":
        s = s.replace(",", "\0").replace(".", ",").replace("\0", ".")
    return s
