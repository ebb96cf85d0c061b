"""Write a scoring's results to CSV, XLSX or JSON. Text cells that a spreadsheet would run as a formula
(starting with = + - @, tab or carriage return) are prefixed with an apostrophe."""
from __future__ import annotations

from pathlib import Path

import pandas as pd

from ...errors import UsageError
from ...render.rules_used import rules_used_frame
from ...render.workbook import overrides_frame, safe_frame
from .result import ScoreResult


def reasons_frame(res: ScoreResult, lang: str = "vi") -> pd.DataFrame:
    """One row per criterion per unit: met or not, values, target, ratio, points, citation."""
    rows = []
    for u in res.units:
        for c in u.criteria:
            rows.append({"unit_id": u.unit_id, "criterion": c.id, "title": c.title.get(lang),
                         "cite": c.cite, "applicable": c.applicable, "met": c.met,
                         "achieved": c.achieved, "target": c.target, "ratio": c.ratio,
                         "shortfall": c.shortfall, "points": c.points, "max_points": c.max_points,
                         "bonus": c.bonus, "formula": c.formula,
                         "inputs": "; ".join(f"{k}={v}" for k, v in c.inputs.items())})
        for d in u.deductions:
            rows.append({"unit_id": u.unit_id, "criterion": d.id, "title": d.title.get(lang),
                         "cite": d.cite, "applicable": True, "met": d.points == 0,
                         "points": -d.points, "max_points": d.max_points, "formula": d.formula,
                         "inputs": "; ".join(f"{k}={v}" for k, v in d.inputs.items())})
    return pd.DataFrame(rows)


def rejected_frame(res: ScoreResult, lang: str = "vi") -> pd.DataFrame:
    rows = [{"row": r.row, "unit_id": r.unit_id, "column": p.header or p.column, "value": p.value,
             "reason": p.message.get(lang), "code": p.code}
            for r in res.rejected for p in r.problems]
    return pd.DataFrame(rows, columns=["row", "unit_id", "column", "value", "reason", "code"])


def ranking_frame(res: ScoreResult, lang: str = "vi") -> pd.DataFrame:
    """The ranking as the workbook shows it: display headers and labels in ``lang``."""
    return res.to_frame(labels=lang)


def write_result(res: ScoreResult, path: str | Path, lang: str = "vi") -> list[Path]:
    """Write ``res`` to ``path`` by its suffix; returns the files written.

    CSV also writes ``<name>.rejected.csv`` when rows were rejected, so nothing is lost.
    """
    p = Path(path)
    p.parent.mkdir(parents=True, exist_ok=True)
    suffix = p.suffix.lower()
    written = [p]
    if suffix == ".json":
        p.write_text(res.to_json() + "\n", encoding="utf-8")
    elif suffix == ".csv":
        safe_frame(ranking_frame(res, lang)).to_csv(p, index=False, encoding="utf-8-sig")
        if res.rejected:
            rp = p.with_suffix(".rejected.csv")
            safe_frame(rejected_frame(res, lang)).to_csv(rp, index=False, encoding="utf-8-sig")
            written.append(rp)
    elif suffix == ".xlsx":
        names = ({"rank": "Xếp hạng", "reasons": "Lý do", "rejected": "Dòng bị loại",
                  "warnings": "Cảnh báo", "rules": "Quy tắc áp dụng"} if lang != "en" else
                 {"rank": "Ranking", "reasons": "Reasons", "rejected": "Rejected rows",
                  "warnings": "Warnings", "rules": "Rules used"})
        warn = pd.DataFrame([{"code": w.code, "message": w.message.get(lang), "cite": w.cite}
                             for w in res.warnings], columns=["code", "message", "cite"])
        with pd.ExcelWriter(p, engine="openpyxl") as xw:
            safe_frame(ranking_frame(res, lang)).to_excel(xw, sheet_name=names["rank"], index=False)
            safe_frame(reasons_frame(res, lang)).to_excel(xw, sheet_name=names["reasons"],
                                                          index=False)
            safe_frame(rejected_frame(res, lang)).to_excel(xw, sheet_name=names["rejected"],
                                                           index=False)
            safe_frame(warn).to_excel(xw, sheet_name=names["warnings"], index=False)
            safe_frame(rules_used_frame(res.rules, res.params, lang)).to_excel(
                xw, sheet_name=names["rules"], index=False)
            if res.overrides:
                safe_frame(overrides_frame(res, lang)).to_excel(
                    xw, sheet_name="Điều chỉnh" if lang != "en" else "Overrides", index=False)
    else:
        raise UsageError(f"unknown output type '{suffix}' (use .csv, .xlsx or .json)")
    return written
