"""Long input tables (one row per subject per year) → the judged year's subjects with history.

Every input row ends in exactly one place: judged (a decision is made), history (read by the
judged subjects' chains), ignored (another year, counted), or rejected (with row and reasons). A
judged row whose history within the window was rejected is rejected too: judging it on a partial
history could wrongly break a streak.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from ..core.models import Localized
from ..core.trace import Notice, Problem, RejectedRow
from .attested import expand_attested
from .read import RawTable
from .spec import TableSpec
from .validate import ValidInputs, parse_numbers, validate


@dataclass
class Subjects:
    """One kind of subject (people or units) in the judged year, with its history."""
    ids: np.ndarray                      # object
    rows: np.ndarray                     # spreadsheet row of the judged-year row
    cols: dict[str, np.ndarray]          # judged-year values
    yearly: dict[str, np.ndarray]        # (subjects, years), judged year last
    years: list[int]
    known: dict[str, np.ndarray]         # attested field -> full evidence present
    attested: list[str]

    def __len__(self) -> int:
        return len(self.ids)


@dataclass
class Split:
    subjects: Subjects
    rejected: list[RejectedRow]
    notices: list[Notice] = field(default_factory=list)
    rows_in: int = 0
    judged: int = 0
    history: int = 0
    ignored: int = 0


def _empty_like(col: np.ndarray, shape: tuple[int, int]) -> np.ndarray:
    if col.dtype == np.float64:
        return np.full(shape, np.nan)
    if col.dtype == bool:
        return np.zeros(shape, dtype=bool)
    if col.dtype.kind == "M":
        return np.full(shape, np.datetime64("NaT", "D"), dtype="datetime64[D]")
    return np.full(shape, "", dtype=object)


def split_years(raw: RawTable, fields: dict, checks: list, year: int, history_years: int,
                table: str, extra_reject: dict[str, Localized] | None = None,
                units: list | None = None) -> Split:
    """Validate a long table and split it by year; ``extra_reject`` maps subject ids to a reason
    for rejecting their judged row (e.g. a person's unit is not in the units table); ``units``:
    the registry of the subjects the table may name (None: any)."""
    expanded = expand_attested(fields)
    roles = {f.role: name for name, f in fields.items() if f.role}
    key, yname = roles["key"], roles["year"]
    spec = TableSpec(inputs=expanded, checks=checks, units=units)
    valid: ValidInputs = validate(raw, spec, also_key=yname)
    cols = valid.columns
    years = cols[yname]
    first = year - history_years
    judged = years == year
    hist = (years >= first) & (years < year)
    rejected = [r.model_copy(update={"table": table}) for r in valid.rejected]

    # Rejected rows in the window (or whose year is unreadable) taint their subject's judged row.
    tainted: dict[str, list[int]] = {}
    if valid.rejected:
        ryears, _ = parse_numbers(raw.frame[yname], integer=True) if yname in raw.frame.columns \
            else (np.full(len(raw.frame), np.nan), None)
        row_pos = {int(r): i for i, r in enumerate(raw.rows)}
        for r in valid.rejected:
            y = ryears[row_pos[r.row]]
            if r.unit_id and (np.isnan(y) or first <= y <= year):
                tainted.setdefault(r.unit_id, []).append(r.row)
    extra = dict(extra_reject or {})
    ids = cols[key]
    drop = np.zeros(len(ids), dtype=bool)
    suspects = np.nonzero(judged & pd.Series(ids).isin(list(tainted) + list(extra)).to_numpy())[0]
    for i in suspects:
        sid = ids[i]
        problems = []
        if sid in tainted:
            rows = ", ".join(map(str, tainted[sid]))
            problems.append(Problem(column=None, code="history_rejected", value=None,
                                    message=Localized(
                                        vi=f"dòng cùng mã bị loại (dòng {rows}); không xét khi "
                                           "thiếu lịch sử", en=f"a row of the same id was rejected "
                                           f"(rows {rows}); not judged on a partial history")))
        if sid in extra:
            problems.append(Problem(column=None, code="reference", value=sid,
                                    message=extra[sid]))
        if problems:
            drop[i] = True
            rejected.append(RejectedRow(row=int(valid.rows[i]), unit_id=sid, problems=problems,
                                        table=table, year=year))
    judged &= ~drop
    rejected.sort(key=lambda r: r.row)

    jidx = np.nonzero(judged)[0]
    order = jidx[np.argsort(ids[jidx].astype(str), kind="stable")]
    n = len(order)
    width = history_years + 1
    sid = ids[order]
    pos = pd.Index(sid)
    hidx = np.nonzero(hist)[0]
    who = pos.get_indexer(ids[hidx])
    keep = who >= 0
    hrow, hwho = hidx[keep], who[keep]
    hoff = (years[hrow] - first).astype(np.int64)
    judged_cols = {k: v[order] for k, v in cols.items()}
    yearly: dict[str, np.ndarray] = {}
    for name, col in cols.items():
        arr = _empty_like(col, (n, width))
        arr[hwho, hoff] = col[hrow]
        arr[:, -1] = col[order]
        yearly[name] = arr
    attested = [nm for nm, f in fields.items() if f.type == "attested"]
    known = {}
    for a in attested:
        blank = valid.blanks[a][order]
        by = judged_cols[f"{a}_by"]
        on = judged_cols[f"{a}_on"]
        known[a] = ~blank & (by != "") & ~np.isnat(on)
    subjects = Subjects(ids=sid, rows=valid.rows[order], cols=judged_cols, yearly=yearly,
                        years=list(range(first, year + 1)), known=known, attested=attested)
    n_hist = int(keep.sum())
    return Split(subjects=subjects, rejected=rejected, notices=list(valid.notices),
                 rows_in=valid.rows_in, judged=n, history=n_hist,
                 ignored=len(ids) - n - n_hist - int(drop.sum()))
