"""The parameters a run used: one row each with its value, the date it took effect and its basis.

Shared by the workbook's rules-used sheet, the HTML report and the audit bundle, so all three show
the same thing.
"""
from __future__ import annotations

import datetime as dt
from typing import Any

import pandas as pd

from ..i18n.workbook import col
from .names import Names



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


def readable_rows(model: Any, params: dict[str, Any], lang: str = "vi") -> list[dict[str, Any]]:
    """:func:`rules_used_rows` as a reader reads them: the parameter by its title (its code
    kept apart), the value in words with its unit, the date dd/mm/yyyy, the citation in legal
    style and the field a per-key value is chosen by, by its title."""
    names = Names(model)
    out = []
    for row in rules_used_rows(model, params, lang):
        name = row["parameter"]
        p = params[name]
        if isinstance(p.value, dict):
            value = "; ".join(f"{names.value(p.by or '', k).get(lang)}: "
                              f"{names.value(name, v).get(lang)}" for k, v in p.value.items())
        else:
            value = names.value(name, p.value).get(lang)
        out.append({"parameter_code": name, "parameter": row["title"] or name, "value": value,
                    "effective_from": p.effective_from.strftime("%d/%m/%Y"),
                    "basis": row["basis"], "cite": names.cite(row["cite"]).get(lang),
                    "by": names.field(p.by).get(lang) if p.by else ""})
    return out


def rules_used_frame(model: Any, params: dict[str, Any], lang: str = "vi") -> pd.DataFrame:
    """:func:`readable_rows` as a table, with the workbook's headers in ``lang``."""
    cols = ["parameter_code", "parameter", "value", "effective_from", "basis", "cite", "by"]
    frame = pd.DataFrame(readable_rows(model, params, lang), columns=cols)
    return frame.rename(columns={c: col(c, lang) for c in cols})

