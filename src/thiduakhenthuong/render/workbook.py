"""Workbook and CSV writing every job shares: formula-injection guard, sheets, overrides."""
from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: Any) -> Any:
    """Make a text cell safe for spreadsheets; numbers are left alone.

    >>> neutralise("=HYPERLINK(\\"x\\")"), neutralise("-5"), neutralise(-5)
    ('\\'=HYPERLINK("x")', "'-5", -5)
    """
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def safe_frame(df: pd.DataFrame) -> pd.DataFrame:
    out = df.copy()
    for col in out.columns:
        if out[col].dtype == object or pd.api.types.is_string_dtype(out[col].dtype):
            out[col] = out[col].map(neutralise)
    out.columns = [neutralise(str(c)) for c in out.columns]
    return out


def overrides_frame(res: Any, lang: str = "vi") -> pd.DataFrame:
    """The council's overrides beside the rules' outcomes (empty when there are none)."""
    cols = {"subject_id": "Mã", "decision": "Nội dung điều chỉnh", "rule_value": "Theo quy tắc",
            "final_value": "Quyết định của Hội đồng", "changed": "Thay đổi",
            "decided_by": "Cơ quan quyết định", "decided_on": "Ngày quyết định",
            "document": "Số văn bản", "reason": "Lý do", "row": "Dòng"}
    rows = [{"subject_id": a.override.subject_id, "decision": a.override.decision,
             "rule_value": a.rule_value, "final_value": a.final_value, "changed": a.changed,
             "decided_by": a.override.decided_by,
             "decided_on": a.override.decided_on.isoformat(), "document": a.override.document,
             "reason": a.override.reason, "row": a.override.row}
            for a in getattr(res, "overrides", [])]
    frame = pd.DataFrame(rows, columns=list(cols))
    return frame if lang == "en" else frame.rename(columns=cols)


def write_book(p: Path, sheets: list[tuple[str, pd.DataFrame]]) -> None:
    with pd.ExcelWriter(p, engine="openpyxl") as xw:
        for name, frame in sheets:
            safe_frame(frame).to_excel(xw, sheet_name=name[:31], index=False)
