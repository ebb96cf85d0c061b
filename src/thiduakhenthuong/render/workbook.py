"""Workbook and CSV writing every job shares: formula-injection guard for CSV, column headers and
codes in words, the header every printed page carries, overrides, and the workbook itself
(:mod:`.xlsx`)."""
from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from .phrases import col, sheet, status
from .xlsx import Header, Sheet, Written, neutralise, write_workbook

def safe_frame(df: pd.DataFrame) -> pd.DataFrame:
    out = df.copy()
    for c in out.columns:
        if out[c].dtype == object or pd.api.types.is_string_dtype(out[c].dtype):
            out[c] = out[c].map(neutralise)
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


def headers(frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The frame with each column named in ``lang`` where the column book has it.

    >>> list(headers(pd.DataFrame({"row": [1], "odd": [2]}), "vi").columns)
    ['Dòng', 'odd']
    """
    return frame.rename(columns={c: col(c, lang) for c in frame.columns if c in col})


#: Columns that hold codes and expressions as written: kept in the sheet for machines, hidden
#: from people and from print (shown on demand: unhide the column).
CODE_COLUMNS = ("criterion", "formula", "fields", "code", "notice_code", "title_id",
                "outcome_code", "status_code", "check", "expression", "parameter_code",
                "class_code", "candidate_group", "conference_code", "severity_code")


def hidden_codes(frame: pd.DataFrame, lang: str) -> tuple[str, ...]:
    """The headers of ``frame`` that name code columns (:data:`CODE_COLUMNS`).

    >>> hidden_codes(pd.DataFrame({"Mã lỗi": [], "Lý do": []}), "vi")
    ('Mã lỗi',)
    """
    heads = {col(c, lang) for c in CODE_COLUMNS if c in col}
    return tuple(str(h) for h in frame.columns if h in heads)


def in_words(values: Any, lang: str) -> np.ndarray:
    """Status, outcome and severity codes in words; other values as they are.

    >>> in_words(["met", "failed", "x"], "vi").tolist()
    ['Đạt', 'Không đạt', 'x']
    """
    arr = np.asarray(values, dtype=object)
    uniq = pd.unique(arr)
    table = {u: (status(u, lang) if isinstance(u, str) and u in status else u) for u in uniq}
    return np.array([table[v] for v in arr], dtype=object) if len(arr) < 64 else \
        pd.Series(arr, dtype=object).map(table).to_numpy(dtype=object)


def page_header(kind: str, lang: str, rules_id: str, version: str, hash_: str = "",
                **kw: Any) -> Header:
    """What every printed page of a job's workbook says: the title (``title_<kind>`` in the
    sheet book) and the rule set with its version and version hash."""
    return Header(sheet(f"title_{kind}", lang, rules=rules_id, version=version, **kw),
                  sheet("page_version", lang, rules=rules_id, version=version,
                        hash=hash_ or "-"), lang)


def write_book(p: Path, sheets: list[Sheet], header: Header) -> Written:
    """Write the sheets as one printable workbook (see :func:`.xlsx.write_workbook`)."""
    return write_workbook(p, sheets, header)
