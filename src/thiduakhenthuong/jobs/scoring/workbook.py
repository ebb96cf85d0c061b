"""Write a scoring's results to CSV, XLSX or JSON.

The workbook is for people: Vietnamese headers (English with ``lang="en"``), yes/no and
outcomes in words, number formats, printable pages (see :mod:`...render.xlsx`). CSV text cells
that a spreadsheet would run as a formula (starting with = + - @, tab or carriage return) are
prefixed with an apostrophe.
"""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from ...core.jsonable import plain
from ...errors import UsageError
from ...render.phrases import col, sheet
from ...render.rules_used import rules_used_frame
from ...render.workbook import (Sheet, headers, overrides_frame, page_header,
                                safe_frame, write_book)
from .result import HEADERS, ScoreResult, formula

#: Kinds of the ranking's columns the dtype does not say (see render.xlsx.KINDS).
_REASON_KINDS = {"achieved": "number", "target": "number", "ratio": "ratio",
                 "shortfall": "number", "points": "points", "max_points": "points",
                 "bonus": "points", "applicable": "bool", "met": "bool"}


def _as_text(values: np.ndarray) -> np.ndarray:
    """Each value as :func:`plain` writes it (whole numbers without '.0', dates ISO, missing
    as None), column-wise.

    >>> _as_text(np.array([470.0, 0.38, np.nan])).tolist()
    ['470', '0.38', 'None']
    """
    v = np.asarray(values)
    if v.dtype.kind == "f":
        missing = np.isnan(v)
        safe = np.where(missing, 0.0, v)
        whole = (safe == np.floor(safe)) & (np.abs(safe) < 2 ** 53)
        out = safe.astype(str).astype(object)
        out[whole] = safe[whole].astype(np.int64).astype(str)
        out[missing] = "None"
        return out
    if v.dtype.kind in "iu":
        return v.astype(str).astype(object)
    if v.dtype.kind == "b":
        return np.where(v, "True", "False").astype(object)
    if v.dtype.kind == "M":
        out = np.datetime_as_string(v.astype("datetime64[D]")).astype(object)
        out[np.isnat(v)] = "None"
        return out
    codes, uniq = pd.factorize(pd.Series(v, dtype=object), use_na_sentinel=True)
    shown = np.array([str(plain(x)) for x in uniq.tolist()] + ["None"], dtype=object)
    return shown[codes]


def reasons_frame(res: ScoreResult, lang: str = "vi") -> pd.DataFrame:
    """One row per criterion (and deduction) per unit, best unit first: met or not, values,
    target, ratio, points, citation. Built from the result's columns, so it is cheap for any
    number of units; the column names are the field names (see :func:`headers`)."""
    m, cols = res.model, res.cols
    o = cols.ranked.order_overall
    n = len(o)
    ids = res.valid.columns[res._key][o]
    blocks = []
    for c in m.criteria:
        cc = cols.criteria[c.id]
        names: set[str] = set()
        for node in (c.applies, c.achieved, c.target, c.condition, c.max_points,
                     *((c.bonus.points_per_step, c.bonus.max) if c.bonus else ())):
            if node is not None:
                names |= node.names()
        achieved = cc.achieved[o] if cc.achieved is not None else np.full(n, np.nan)
        target = cc.target[o] if cc.target is not None else np.full(n, np.nan)
        applicable = cc.applicable[o]
        with np.errstate(invalid="ignore"):
            short = np.where(applicable & (achieved < target), target - achieved, np.nan)
        blocks.append({
            "unit_id": ids, "criterion": c.id, "title": c.title.get(lang), "cite": c.cite,
            "applicable": applicable, "met": cc.met[o], "achieved": achieved, "target": target,
            "ratio": cc.ratio[o] if c.achieved is not None else np.full(n, np.nan),
            "shortfall": short, "points": cc.points[o], "max_points": cc.max_points[o],
            "bonus": cc.bonus[o], "formula": formula(c), "inputs": _inputs(res, names, o)})
    for d in m.deductions:
        raw, capped, mx = cols.deductions[d.id]
        blocks.append({
            "unit_id": ids, "criterion": d.id, "title": d.title.get(lang), "cite": d.cite,
            "applicable": np.ones(n, dtype=bool), "met": capped[o] == 0,
            "achieved": np.full(n, np.nan), "target": np.full(n, np.nan),
            "ratio": np.full(n, np.nan), "shortfall": np.full(n, np.nan),
            "points": -capped[o], "max_points": mx[o], "bonus": np.full(n, np.nan),
            "formula": f"min({d.points.text()}, {d.max.text()})",
            "inputs": _inputs(res, d.points.names() | d.max.names(), o)})
    if not blocks or n == 0:
        return pd.DataFrame(columns=list(_REASON_KINDS) + ["unit_id", "criterion"])
    k = len(blocks)
    out = {}
    for name in blocks[0]:
        parts = [np.broadcast_to(np.asarray(b[name], dtype=object if isinstance(b[name], str)
                                            else None), (n,)) for b in blocks]
        stacked = np.empty((n, k), dtype=object if any(p.dtype == object for p in parts)
                           else np.result_type(*parts))
        for j, p in enumerate(parts):
            stacked[:, j] = p
        out[name] = stacked.ravel()
    return pd.DataFrame(out)


def _inputs(res: ScoreResult, names: set[str], o: np.ndarray) -> np.ndarray:
    """'name=value; ...' for each unit, the values as the traces write them."""
    shown = [nm for nm in sorted(names) if nm in res.model.inputs]
    if not shown:
        return np.full(len(o), "", dtype=object)
    text = None
    for nm in shown:
        part = nm + "=" + _as_text(res.valid.columns[nm][o])
        text = part if text is None else text + "; " + part
    return text


def rejected_frame(res: ScoreResult, lang: str = "vi") -> pd.DataFrame:
    rows = [{"row": r.row, "unit_id": r.unit_id, "column": p.header or p.column, "value": p.value,
             "reason": p.message.get(lang), "code": p.code}
            for r in res.rejected for p in r.problems]
    return pd.DataFrame(rows, columns=["row", "unit_id", "column", "value", "reason", "code"])


def warnings_frame(res: ScoreResult, lang: str = "vi") -> pd.DataFrame:
    return pd.DataFrame([{"message": w.message.get(lang), "cite": w.cite or "",
                          "notice_code": w.code} for w in res.warnings],
                        columns=["message", "cite", "notice_code"])


def ranking_frame(res: ScoreResult, lang: str = "vi") -> pd.DataFrame:
    """The ranking as the workbook shows it: display headers and labels in ``lang``."""
    return res.to_frame(labels=lang)


def workbook_sheets(res: ScoreResult, lang: str = "vi") -> list[Sheet]:
    """The sheets of the scoring workbook, in order."""
    rank = ranking_frame(res, lang)
    kinds = {c: "points" for c in rank.columns if pd.api.types.is_float_dtype(rank[c].dtype)}
    reasons = reasons_frame(res, lang)
    reasons = reasons.assign(met=reasons["met"].astype(bool)) if len(reasons) else reasons
    # The class code stays in the sheet for machines, hidden from people and from print.
    code = HEADERS.get(lang, HEADERS["vi"])["class"]
    sheets = [Sheet(sheet("rank", lang), rank, kinds, hidden=(code,),
                    freeze_columns=min(4, len(rank.columns))),
              Sheet(sheet("reasons", lang), headers(reasons, lang),
                    {col(k, lang): v for k, v in _REASON_KINDS.items()}, freeze_columns=2,
                    overflow="csv"),
              Sheet(sheet("rejected", lang), headers(rejected_frame(res, lang), lang)),
              Sheet(sheet("warnings", lang), headers(warnings_frame(res, lang), lang),
                    notes=True),
              Sheet(sheet("rules", lang), rules_used_frame(res.rules, res.params, lang))]
    if res.overrides:
        sheets.append(Sheet(sheet("overrides", lang), overrides_frame(res, lang)))
    return sheets


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
        done = write_book(p, workbook_sheets(res, lang),
                          page_header("score", lang, res.rules.id, res.rules.version,
                                      res.rules.hash))
        written += [Path(f) for f in done.files[1:]]
    else:
        raise UsageError(f"unknown output type '{suffix}' (use .csv, .xlsx or .json)")
    return written
