"""Long input tables (one row per subject per year) → the judged year's subjects with history.

Every input row ends in exactly one place: judged (a decision is made), history (read by the
judged subjects' chains), ignored (another year, counted), or rejected (with row and reasons). A
judged row whose history within the window was rejected is rejected too: judging it on a partial
history could wrongly break a streak.

A subject may also count another subject's rows as its own past years (a unit renamed or merged
into it: :mod:`.succession`): those rows fill the years it has none of its own, and alternative
histories (one per merged predecessor) let a check be required to hold with each of them. Rows so
used count as history.
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
from .succession import Carry
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
    # Whose row each year of ``yearly`` is ('' where none): the subject's own id, or the
    # predecessor whose row was counted as its history.
    origin: np.ndarray | None = None
    # Alternative histories: ``alt_owner[k]`` is the subject whose k-th alternative
    # ``alt_yearly[name][k]`` (and ``alt_origin[k]``) is; its judged year is the owner's.
    alt_owner: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))
    alt_yearly: dict[str, np.ndarray] = field(default_factory=dict)
    alt_origin: np.ndarray | None = None

    def __len__(self) -> int:
        return len(self.ids)

    def rows_of(self, i: int) -> list[int]:
        """The indices (in the extended order: subjects, then alternatives) of subject ``i``'s
        histories: its own first, then its alternatives."""
        return [i] + [len(self.ids) + k for k in np.nonzero(self.alt_owner == i)[0].tolist()]

    def history_row(self, j: int) -> tuple[dict[str, np.ndarray], np.ndarray]:
        """The yearly values and origins of history ``j`` (see :meth:`rows_of`)."""
        n = len(self.ids)
        if j < n:
            return {k: v[j] for k, v in self.yearly.items()}, self.origin[j]
        k = j - n
        return {f: v[k] for f, v in self.alt_yearly.items()}, self.alt_origin[k]


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
                units: list | None = None,
                carries: dict[str, list[Carry]] | None = None) -> Split:
    """Validate a long table and split it by year; ``extra_reject`` maps subject ids to a reason
    for rejecting their judged row (e.g. a person's unit is not in the units table); ``units``:
    the registry of the subjects the table may name (None: any); ``carries`` maps subject ids to
    the other subjects' rows counted as their history (see :class:`Carry`).
    """
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
    origin = np.full((n, width), "", dtype=object)
    origin[hwho, hoff] = ids[hrow]
    origin[:, -1] = sid
    used = np.zeros(len(ids), dtype=bool)
    used[hrow] = True
    alts = _carried(carries or {}, pos, ids, years, hist, first, width, cols, yearly, origin,
                    used)
    attested = [nm for nm, f in fields.items() if f.type == "attested"]
    known = {}
    for a in attested:
        blank = valid.blanks[a][order]
        by = judged_cols[f"{a}_by"]
        on = judged_cols[f"{a}_on"]
        known[a] = ~blank & (by != "") & ~np.isnat(on)
    subjects = Subjects(ids=sid, rows=valid.rows[order], cols=judged_cols, yearly=yearly,
                        years=list(range(first, year + 1)), known=known, attested=attested,
                        origin=origin, alt_owner=alts[0], alt_yearly=alts[1], alt_origin=alts[2])
    n_hist = int(used.sum())
    return Split(subjects=subjects, rejected=rejected, notices=list(valid.notices),
                 rows_in=valid.rows_in, judged=n, history=n_hist,
                 ignored=len(ids) - n - n_hist - int(drop.sum()))


def _carried(carries: dict[str, list[Carry]], pos: pd.Index, ids: np.ndarray, years: np.ndarray,
             hist: np.ndarray, first: int, width: int, cols: dict[str, np.ndarray],
             yearly: dict[str, np.ndarray], origin: np.ndarray, used: np.ndarray):
    """Fill judged subjects' missing past years from the rows they carry (alternative 0, in
    place) and build their alternative histories; mark every row so used."""
    owners: list[int] = []
    alt_rows: list[dict[str, np.ndarray]] = []
    alt_orig: list[np.ndarray] = []
    if carries:
        at: dict[tuple[str, int], int] = {}
        for r in np.nonzero(hist)[0].tolist():
            at[(ids[r], int(years[r]))] = r
        for subject in sorted(carries):
            i = pos.get_indexer([subject])[0]
            if i < 0:
                continue
            groups: dict[int, list[Carry]] = {}
            for c in carries[subject]:
                groups.setdefault(c.alternative, []).append(c)
            for c in groups.get(0, []):
                for j in range(width - 1):
                    r = at.get((c.source, first + j))
                    if r is None or origin[i, j] != "" or not c.covers(first + j):
                        continue
                    for name, col in cols.items():
                        yearly[name][i, j] = col[r]
                    origin[i, j] = c.source
                    used[r] = True
            for k in sorted(g for g in groups if g > 0):
                # The k-th predecessor's years replace the subject's; a whole year before the
                # succession that it has no row for (and no predecessor of its own fills) is a
                # gap: it held nothing that year. From the succession's year on, the subject's
                # own row stands for the year.
                row = {name: arr[i].copy() for name, arr in yearly.items()}
                orig = origin[i].copy()
                written = np.zeros(width, dtype=bool)
                for c in groups[k]:
                    for j in range(width - 1):
                        r = at.get((c.source, first + j))
                        if r is None or written[j] or not c.covers(first + j):
                            continue
                        for name, col in cols.items():
                            row[name][j] = col[r]
                        orig[j] = c.source
                        written[j] = True
                        used[r] = True
                top = groups[k][0]
                for j in range(width - 1):
                    if not written[j] and first + j < top.until.year:
                        for name, arr in row.items():
                            arr[j] = _empty_like(arr, (1, 1))[0, 0]
                        orig[j] = ""
                owners.append(int(i))
                alt_rows.append(row)
                alt_orig.append(orig)
    owner = np.array(owners, dtype=np.int64)
    alt_yearly = {name: (np.stack([a[name] for a in alt_rows]) if alt_rows
                         else arr[:0].copy()) for name, arr in yearly.items()}
    alt_origin = np.stack(alt_orig) if alt_orig else origin[:0].copy()
    return owner, alt_yearly, alt_origin
