"""The parameters a run used: one row each with its value, the date it took effect and its basis.

Shared by the workbook's rules-used sheet, the HTML report and the audit bundle, so all three show
the same thing.
"""
from __future__ import annotations

import datetime as dt
from typing import Any

import pandas as pd

_HEADERS_VI = {"parameter": "Tham số", "title": "Nội dung", "value": "Giá trị",
               "unit": "Đơn vị tính", "effective_from": "Áp dụng từ", "basis": "Căn cứ",
               "cite": "Trích dẫn", "by": "Theo trường"}


def _plain(value: Any) -> Any:
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dict):
        return "; ".join(f"{k}: {_plain(v)}" for k, v in value.items())
    return value


def rules_used_rows(model: Any, params: dict[str, Any], lang: str = "vi") -> list[dict[str, Any]]:
    """One plain row per parameter in force for the run, in name order.

    ``model`` is any rule set (scoring, titles, delegates); ``params`` the run's resolved
    parameters (``result.params``).

    >>> from thiduakhenthuong import load_rules
    >>> res = load_rules("rules/lao-cai-2023").score("fixtures/lao-cai-2023/units.csv")
    >>> row = rules_used_rows(res.rules, res.params, "en")[0]
    >>> sorted(row)
    ['basis', 'by', 'cite', 'effective_from', 'parameter', 'title', 'unit', 'value']
    """
    rows = []
    for name in sorted(params):
        p = params[name]
        decl = model.parameters.get(name)
        rows.append({
            "parameter": name,
            "title": decl.title.get(lang) if decl is not None else "",
            "value": _plain(p.value),
            "unit": (decl.unit or "") if decl is not None else "",
            "effective_from": p.effective_from.isoformat(),
            "basis": p.basis.get(lang),
            "cite": (decl.cite or "") if decl is not None else "",
            "by": p.by or ""})
    return rows


def rules_used_frame(model: Any, params: dict[str, Any], lang: str = "vi") -> pd.DataFrame:
    """:func:`rules_used_rows` as a table, with Vietnamese headers unless ``lang`` is 'en'."""
    frame = pd.DataFrame(rules_used_rows(model, params, lang),
                         columns=list(_HEADERS_VI))
    return frame if lang == "en" else frame.rename(columns=_HEADERS_VI)

