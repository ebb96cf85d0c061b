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

from typing import Any

from ...core.jsonable import plain
from ...errors import UsageError
from ...i18n.workbook import rank_columns
from ...render.page import Text, join, msg
from ...render.phrases import col, sheet
from ...render.rules_used import rules_used_frame
from ...render.workbook import (Sheet, headers, hidden_codes, overrides_frame, page_header,
                                safe_frame, write_book)
from .explain import names_of
from .result import ScoreResult, formula

#: Kinds of the ranking's columns the dtype does not say (see render.xlsx.KINDS).
_REASON_KINDS = {"achieved": "number", "target": "number", "ratio": "ratio",
                 "shortfall": "number", "points": "points", "max_points": "points",
                 "bonus": "points", "applicable": "bool", "met": "bool"}


def reasons_frame(res: ScoreResult, lang: str = "vi") -> pd.DataFrame:
    """One row per criterion (and deduction) per unit, best unit first: met or not, values,
    target, ratio, points, citation, how the points are worked out and the figures read, in
    words (the formula and the field names as written in hidden columns, for machines). Built
    from the result's columns, so it is cheap for any number of units; the column names are
    the field names (see :func:`headers`)."""
    m, cols = res.model, res.cols
    names = names_of(res)
    o = cols.ranked.order_overall
    n = len(o)
    ids = res.valid.columns[res._key][o]
    unit_names = res.valid.columns[res._roles["name"]][o] if "name" in res._roles else ids
    shown: dict[str, np.ndarray] = {}
    blocks = []
    for c in m.criteria:
        cc = cols.criteria[c.id]
        used: set[str] = set()
        for node in (c.applies, c.achieved, c.target, c.condition, c.max_points,
                     *((c.bonus.points_per_step, c.bonus.max) if c.bonus else ())):
            if node is not None:
                used |= node.names()
        achieved = cc.achieved[o] if cc.achieved is not None else np.full(n, np.nan)
        target = cc.target[o] if cc.target is not None else np.full(n, np.nan)
        applicable = cc.applicable[o]
        with np.errstate(invalid="ignore"):
            short = np.where(applicable & (achieved < target), target - achieved, np.nan)
        blocks.append({
            "unit_id": ids, "unit_name": unit_names, "criterion": c.id,
            "title": c.title.get(lang),
            "cite": names.cite(c.cite).get(lang),
            "applicable": applicable, "met": cc.met[o], "achieved": achieved, "target": target,
            "ratio": cc.ratio[o] if c.achieved is not None else np.full(n, np.nan),
            "shortfall": short, "points": cc.points[o], "max_points": cc.max_points[o],
            "bonus": cc.bonus[o], "how": how_words(c, names).get(lang),
            "inputs": _inputs(res, used, o, names, lang, shown),
            "formula": formula(c), "fields": ", ".join(sorted(x for x in used
                                                              if x in m.inputs))})
    for d in m.deductions:
        raw, capped, mx = cols.deductions[d.id]
        used = d.points.names() | d.max.names()
        blocks.append({
            "unit_id": ids, "unit_name": unit_names, "criterion": d.id,
            "title": d.title.get(lang),
            "cite": names.cite(d.cite).get(lang),
            "applicable": np.ones(n, dtype=bool), "met": capped[o] == 0,
            "achieved": np.full(n, np.nan), "target": np.full(n, np.nan),
            "ratio": np.full(n, np.nan), "shortfall": np.full(n, np.nan),
            "points": -capped[o], "max_points": mx[o], "bonus": np.full(n, np.nan),
            "how": names.expr(f"min({d.points.text()}, {d.max.text()})").get(lang),
            "inputs": _inputs(res, used, o, names, lang, shown),
            "formula": f"min({d.points.text()}, {d.max.text()})",
            "fields": ", ".join(sorted(x for x in used if x in m.inputs))})
    if not blocks or n == 0:
        return pd.DataFrame(columns=list(_REASON_KINDS) + ["unit_id", "unit_name", "criterion"])
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


def how_words(c: Any, names: Any) -> Text:
    """How a criterion's points are worked out, in words: the condition, what is achieved
    against what target, and the scoring method (the catalogue's words)."""
    parts: list[Text] = []
    if c.condition is not None:
        parts.append(msg("how_condition", expr=names.expr(c.condition)))
    if c.achieved is not None and c.target is not None:
        parts.append(msg("how_ratio", achieved=names.expr(c.achieved),
                         target=names.expr(c.target)))
    if c.points is not None:
        parts.append(msg("how_given", expr=names.expr(c.points)))
    s = c.scoring
    key = {"all_or_nothing": "how_all", "proportional": "how_prop", "bands": "how_bands",
           "points": None}[s.method]
    if key is not None:
        parts.append(msg(key))
    return join(parts, "; ")


def _inputs(res: ScoreResult, used: set[str], o: np.ndarray, names: Any, lang: str,
            cache: dict[str, np.ndarray]) -> np.ndarray:
    """'Title = value; ...' for each unit, the values in the reader's words, column-wise."""
    shown = [nm for nm in sorted(used) if nm in res.model.inputs]
    if not shown:
        return np.full(len(o), "", dtype=object)
    text = None
    for nm in shown:
        if nm not in cache:
            cache[nm] = _words_column(res.valid.columns[nm], nm, names, lang)
        part = names.field(nm).get(lang) + " = " + cache[nm][o]
        text = part if text is None else text + "; " + part
    return text


def _words_column(values: np.ndarray, name: str, names: Any, lang: str) -> np.ndarray:
    """Each value of a column as :meth:`Names.value` says it, worked out once per distinct
    value (a column of a million units has few)."""
    v = np.asarray(values)
    if v.dtype.kind == "f":
        codes, uniq = pd.factorize(pd.Series(v), use_na_sentinel=True)
    else:
        codes, uniq = pd.factorize(pd.Series(v, dtype=object), use_na_sentinel=True)
    said = [names.value(name, _plain_value(x)).get(lang) for x in uniq.tolist()]
    said.append(names.value(name, None).get(lang))
    return np.asarray(said, dtype=object)[codes]


def _plain_value(x: Any) -> Any:
    if isinstance(x, (np.bool_, bool)):
        return bool(x)
    if isinstance(x, (np.datetime64, pd.Timestamp)):
        return pd.Timestamp(x).date()
    return plain(x)


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
    # Codes stay in the sheets for machines, hidden from people and from print.
    code = rank_columns("class", lang)
    reasons = headers(reasons, lang)
    rules_used = rules_used_frame(res.rules, res.params, lang)
    sheets = [Sheet(sheet("rank", lang), rank, kinds, hidden=(code,),
                    freeze_columns=min(4, len(rank.columns))),
              Sheet(sheet("reasons", lang), reasons,
                    {col(k, lang): v for k, v in _REASON_KINDS.items()}, freeze_columns=3,
                    overflow="csv", hidden=hidden_codes(reasons, lang)),
              Sheet(sheet("rejected", lang), *_with_hidden(headers(rejected_frame(res, lang),
                                                                   lang), lang)),
              Sheet(sheet("warnings", lang), *_with_hidden(headers(warnings_frame(res, lang),
                                                                   lang), lang), notes=True),
              Sheet(sheet("rules", lang), rules_used, hidden=hidden_codes(rules_used, lang))]
    if res.overrides:
        sheets.append(Sheet(sheet("overrides", lang), overrides_frame(res, lang)))
    return sheets


def _with_hidden(frame: pd.DataFrame, lang: str) -> tuple[pd.DataFrame, dict, tuple[str, ...]]:
    return frame, {}, hidden_codes(frame, lang)


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
