"""Read an input table (a workbook, a CSV file, a DataFrame or records) into raw columns named by
field.

In a file the table is found where a person would find it (:mod:`.locate`); nothing else is
interpreted here beyond Unicode NFC normalisation and header matching. Type checks are the
validator's job, so every problem can be reported against the row it came from.
"""
from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Mapping

import numpy as np
import pandas as pd

from ..core import progress
from ..core.models import Localized
from ..core.phrases import reader as phrase
from ..core.trace import Notice
from ..errors import InputFileError
from ..rulebook.base import InputField
from .colmap import ColumnMap
from .grid import TEXT_SUFFIXES, WORKBOOK_SUFFIXES, Grid, read_sheet, read_text, sheet_names
from .locate import HeaderMatcher, Layout, find_layout, read_body
from .text import header_key

__all__ = ["RawTable", "TableSource", "header_key", "header_map", "read_table",
           "read_named_table"]


@dataclass
class RawTable:
    """Input columns renamed to field names, with the spreadsheet row number of each row."""
    frame: pd.DataFrame
    rows: np.ndarray
    source: str
    unknown_columns: list[str] = field(default_factory=list)
    nfc_normalised: int = 0
    headers: dict[str, str] = field(default_factory=dict)  # field -> header as in the file
    notices: list[Notice] = field(default_factory=list)    # what the reader decided
    unit_names: dict[str, str] = field(default_factory=dict)  # text in the file -> unit id


@dataclass(frozen=True)
class TableSource:
    """A file to read with the reader's options: the sheet to read (default: the one holding the
    table) and a column map (headers and unit names of the office, see :mod:`.colmap`).

    >>> TableSource("units.xlsx", sheet="Biểu 01").sheet
    'Biểu 01'
    """
    path: str | Path
    sheet: str | None = None
    column_map: ColumnMap | None = None

    def __str__(self) -> str:
        return str(self.path)


def header_map(fields: Mapping[str, InputField]) -> dict[str, str]:
    """Accepted header (normalised) -> field name: the field name, its titles and aliases."""
    out: dict[str, str] = {}
    for name, f in fields.items():
        for h in [name, f.title.vi, f.title.en, *f.aliases]:
            out.setdefault(header_key(h), name)
    return out


def read_table(source: Any, fields: Mapping[str, InputField], sheet: str | None = None,
               column_map: ColumnMap | None = None) -> RawTable:
    """Read ``source``: a path to a workbook (XLSX, XLSM, XLS, ODS) or CSV file, a
    :class:`TableSource`, a DataFrame or an iterable of dicts. In a file the table is found
    where it is (see :mod:`.locate`); ``sheet`` names the sheet to read (default: the sheet
    holding the table); ``column_map`` maps the office's own headers and unit names.

    >>> from thiduakhenthuong.rulebook.base import InputField
    >>> f = {"unit_id": InputField(type="text", title={"vi": "Mã đơn vị", "en": "Unit id"})}
    >>> read_table([{"Mã đơn vị": "a"}], f).frame.columns.tolist()
    ['unit_id']
    """
    if isinstance(source, TableSource):
        sheet = sheet or source.sheet
        column_map = column_map or source.column_map
        source = source.path
    if column_map is not None and sheet is None:
        sheet = column_map.sheet
    if isinstance(source, (str, Path)):
        with progress.phase("reading") as step:
            raw = _read_path(Path(source), fields, sheet, column_map)
            step(len(raw.rows))
        return raw
    if isinstance(source, pd.DataFrame):
        frame, first_row, name = source.copy(), 1, "<DataFrame>"
    elif isinstance(source, Iterable):
        records = list(source)
        if records and not all(isinstance(r, Mapping) for r in records):
            raise InputFileError("records must be mappings of column name to value")
        frame, first_row, name = pd.DataFrame.from_records(records), 1, "<records>"
    else:
        raise InputFileError(f"cannot read input of type {type(source).__name__}")
    frame = frame.reset_index(drop=True)
    frame.columns = [unicodedata.normalize("NFC", str(c)) for c in frame.columns]
    matcher = HeaderMatcher(fields, column_map.columns if column_map else None)
    rename: dict[str, str] = {}
    seen: dict[str, str] = {}
    unknown: list[str] = []
    for col in frame.columns:
        target, _ = matcher.match(col)
        if target is None:
            unknown.append(col)
            continue
        if target in seen:
            raise InputFileError(f"{name}: columns '{seen[target]}' and '{col}' both map to "
                                 f"field '{target}'; keep one")
        seen[target] = col
        rename[col] = target
    frame = frame[list(rename)].rename(columns=rename)
    nfc = _normalise(frame)
    rows = np.arange(first_row, first_row + len(frame), dtype=np.int64)
    return RawTable(frame=frame, rows=rows, source=name, unknown_columns=unknown,
                    nfc_normalised=nfc, headers={v: k for k, v in rename.items()},
                    unit_names=dict(column_map.units) if column_map else {})


def _normalise(frame: pd.DataFrame) -> int:
    nfc = 0
    for col in frame.columns:
        frame[col], changed = _nfc_column(frame[col])
        nfc += changed
    return nfc


def _roles(fields: Mapping[str, InputField]) -> dict[str, str]:
    return {f.role: n for n, f in fields.items() if f.role in ("key", "name")}


def _read_path(path: Path, fields: Mapping[str, InputField], sheet: str | None,
               column_map: ColumnMap | None) -> RawTable:
    suffix = path.suffix.lower()
    matcher = HeaderMatcher(fields, column_map.columns if column_map else None)
    notices: list[Notice] = []
    if suffix in WORKBOOK_SUFFIXES:
        names = sheet_names(path)
        if sheet is not None:
            if sheet not in names:
                raise InputFileError(f"{path}: no sheet '{sheet}' (sheets: {', '.join(names)})")
            grid, lay = _sheet(path, sheet, matcher)
        else:
            found = [_sheet(path, s, matcher) for s in names]
            grid, lay = max(found, key=lambda g: g[1].score if g[1] else -1)
            if len(names) > 1:
                notices.append(_notice("sheet_chosen", sheet=grid.name, others=", ".join(
                    s for s in names if s != grid.name)))
        name = f"{path}[{grid.name}]" if sheet else str(path)
    elif suffix in TEXT_SUFFIXES:
        grid = read_text(path)
        lay = find_layout(grid.head(), matcher)
        name = str(path)
        if grid.note:
            notices.append(_notice("sep_line", line=grid.note))
    else:
        if not path.exists():
            raise InputFileError(f"{path}: no such file")
        raise InputFileError(f"{path}: unknown file type '{suffix}'",
                             suggestion="use .xlsx, .xls, .ods or .csv")
    if lay is None:
        first = next((i for i, r in enumerate(grid.rows) if any(_filled(v) for v in r)), None)
        if first is None:
            raise InputFileError(f"{name}: the sheet is empty")
        lay = Layout(header_rows=(first,), headers=[str(v).strip() for v in grid.rows[first]])
    body = read_body(grid, lay, _roles(fields))
    notices += body.notices
    for c, (f, how) in sorted(lay.fields.items()):
        if how == "plain":
            notices.append(_notice("header_plain", header=body.headers[f],
                                   title=fields[f].title.vi))
        elif how == "map":
            notices.append(_notice("header_mapped", header=body.headers[f],
                                   title=fields[f].title.vi))
    for what, n in (("percent_cells", grid.percent_cells), ("error_cells", grid.error_cells),
                    ("formula_cells", grid.formula_cells)):
        if n:
            notices.append(_notice(what, n=n))
    frame = body.frame[[c for c in body.frame.columns if c in fields]]
    if suffix in (".xls", ".ods"):
        notices += _fractions_as_percent(frame, fields, body.headers)
    nfc = _normalise(frame)
    return RawTable(frame=frame, rows=body.rows, source=name, unknown_columns=body.unknown,
                    nfc_normalised=nfc, headers=body.headers, notices=notices,
                    unit_names=dict(column_map.units) if column_map else {})


def _fractions_as_percent(frame: pd.DataFrame, fields: Mapping[str, InputField],
                          headers: Mapping[str, str]) -> list[Notice]:
    """XLS and ODS files do not say which cells are formatted as percentages. A percentage
    column whose numbers are all fractions of 1 (0.38, 0.5) was typed as 38%, 50%: it is read so,
    and said in a notice to check."""
    out = []
    for name in frame.columns:
        if fields[name].type != "percent":
            continue
        nums = [v for v in frame[name].tolist()
                if isinstance(v, (int, float)) and not isinstance(v, bool) and v == v]
        if nums and all(0 <= v <= 1 for v in nums) and any(0 < v < 1 for v in nums):
            frame[name] = [round(v * 100, 10) if isinstance(v, (int, float))
                           and not isinstance(v, bool) else v for v in frame[name].tolist()]
            out.append(_notice("fractions_as_percent", header=headers.get(name, name)))
    return out


def _filled(v: Any) -> bool:
    return v is not None and str(v).strip() != ""


def _sheet(path: Path, sheet: str, matcher: HeaderMatcher) -> tuple[Grid, Layout | None]:
    grid = read_sheet(path, sheet)
    return grid, find_layout(grid.head(), matcher)


def read_named_table(data: Any, key: str, sheet: str, file: str,
                     fields: Mapping[str, InputField], required: bool) -> RawTable | None:
    """Read one of several tables that belong together: ``data`` is a mapping
    ``{key: source}``, a workbook (the table is sheet ``sheet``), a directory (file ``file``), or
    (for the ``required`` main table only) the table itself. A missing table is an error when
    ``required``, else None.

    >>> from thiduakhenthuong.rulebook.base import InputField
    >>> f = {"a": InputField(type="text", title={"vi": "A", "en": "A"})}
    >>> read_named_table({"t": [{"A": "x"}]}, "t", "T", "t.csv", f, True).frame["a"].tolist()
    ['x']
    """
    cmap = None
    if isinstance(data, TableSource):
        cmap, data = data.column_map, data.path
    src, where = data, None
    if isinstance(data, Mapping):
        src = data.get(key)
    elif isinstance(data, (str, Path)):
        p = Path(data)
        if p.is_dir():
            src = p / file
            if not src.exists():
                src = None
        elif p.suffix.lower() in WORKBOOK_SUFFIXES:
            names = sheet_names(p)
            wanted = {header_key(n): n for n in names}.get(header_key(sheet))
            if wanted is not None:
                where = wanted
            else:
                src = None
        elif not required:
            src = None
    elif not required:
        src = None
    if src is None:
        if required:
            raise InputFileError(f"{data}: no '{key}' table (sheet '{sheet}' or file '{file}')")
        return None
    return read_table(src, fields, sheet=where, column_map=cmap)


def _notice(code: str, **kw: Any) -> Notice:
    return Notice(code="reader_" + code,
                  message=Localized(vi=phrase(code, "vi", **kw), en=phrase(code, "en", **kw)),
                  details={k: str(v) for k, v in kw.items()})


def _nfc_column(col: pd.Series) -> tuple[pd.Series, int]:
    """NFC-normalise the text cells of a column; return it and how many cells changed."""
    if col.dtype != object and not pd.api.types.is_string_dtype(col):
        return col, 0
    values = col.to_numpy(dtype=object)
    try:
        # Fast path: a column of plain ASCII text (numbers, codes, dates) needs no work.
        if "".join(values).isascii():
            return pd.Series(values, index=col.index, dtype=object), 0
    except TypeError:
        pass
    # Long tables repeat each name once per year: normalise each distinct value once.
    codes, uniq = pd.factorize(pd.Series(values, dtype=object), use_na_sentinel=True)
    fixed = np.empty(len(uniq), dtype=object)
    differs = np.zeros(len(uniq), dtype=bool)
    for j, v in enumerate(uniq):
        fixed[j] = v
        if isinstance(v, str) and not v.isascii() and not unicodedata.is_normalized("NFC", v):
            fixed[j] = unicodedata.normalize("NFC", v)
            differs[j] = True
    if not differs.any():
        return pd.Series(values, index=col.index, dtype=object), 0
    out = values.copy()
    hit = (codes >= 0) & differs[np.maximum(codes, 0)]
    out[hit] = fixed[codes[hit]]
    return pd.Series(out, index=col.index, dtype=object), int(hit.sum())
