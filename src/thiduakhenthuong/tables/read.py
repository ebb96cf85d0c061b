"""Read an input table (CSV, XLSX, a DataFrame or records) into raw columns named by field.

Nothing is interpreted here beyond Unicode NFC normalisation and header matching; type checks are
the validator's job, so every problem can be reported against the row it came from.
"""
from __future__ import annotations

import io
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Mapping

import numpy as np
import pandas as pd

from ..errors import InputFileError
from ..rulebook.base import InputField


@dataclass
class RawTable:
    """Input columns renamed to field names, with the spreadsheet row number of each row."""
    frame: pd.DataFrame
    rows: np.ndarray
    source: str
    unknown_columns: list[str] = field(default_factory=list)
    nfc_normalised: int = 0
    headers: dict[str, str] = field(default_factory=dict)  # field -> header as in the file


def header_key(text: str) -> str:
    """How headers are compared: NFC, case-folded, spaces collapsed.

    >>> header_key("  Mã  ĐƠN vị ") == header_key("mã đơn vị")
    True
    """
    t = unicodedata.normalize("NFC", str(text)).casefold()
    return re.sub(r"\s+", " ", t).strip()


def header_map(fields: Mapping[str, InputField]) -> dict[str, str]:
    """Accepted header (normalised) -> field name: the field name, its titles and aliases."""
    out: dict[str, str] = {}
    for name, f in fields.items():
        for h in [name, f.title.vi, f.title.en, *f.aliases]:
            out.setdefault(header_key(h), name)
    return out


def read_table(source: Any, fields: Mapping[str, InputField], sheet: str | None = None) -> RawTable:
    """Read ``source`` (path to CSV/XLSX, DataFrame, or iterable of dicts); ``sheet`` names the
    workbook sheet to read (default: the first).

    >>> from thiduakhenthuong.rulebook.base import InputField
    >>> f = {"unit_id": InputField(type="text", title={"vi": "Mã đơn vị", "en": "Unit id"})}
    >>> read_table([{"Mã đơn vị": "a"}], f).frame.columns.tolist()
    ['unit_id']
    """
    if isinstance(source, (str, Path)):
        path = Path(source)
        frame, first_row = _read_file(path, sheet), 2
        name = f"{path}[{sheet}]" if sheet and path.suffix.lower() in (".xlsx", ".xlsm") \
            else str(path)
    elif isinstance(source, pd.DataFrame):
        frame, first_row, name = source.copy(), 1, "<DataFrame>"
    elif isinstance(source, Iterable):
        records = list(source)
        if records and not all(isinstance(r, Mapping) for r in records):
            raise InputFileError("records must be mappings of column name to value")
        frame, first_row, name = pd.DataFrame.from_records(records), 1, "<records>"
    else:
        raise InputFileError(f"cannot read input of type {type(source).__name__}")
    frame = frame.reset_index(drop=True)
    nfc = 0
    frame.columns = [unicodedata.normalize("NFC", str(c)) for c in frame.columns]
    for col in frame.columns:
        frame[col], changed = _nfc_column(frame[col])
        nfc += changed
    hmap = header_map(fields)
    rename: dict[str, str] = {}
    seen: dict[str, str] = {}
    unknown: list[str] = []
    for col in frame.columns:
        target = hmap.get(header_key(col))
        if target is None:
            unknown.append(col)
            continue
        if target in seen:
            raise InputFileError(f"{name}: columns '{seen[target]}' and '{col}' both map to "
                                 f"field '{target}'; keep one")
        seen[target] = col
        rename[col] = target
    frame = frame[list(rename)].rename(columns=rename)
    rows = np.arange(first_row, first_row + len(frame), dtype=np.int64)
    return RawTable(frame=frame, rows=rows, source=name, unknown_columns=unknown,
                    nfc_normalised=nfc, headers={v: k for k, v in rename.items()})


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
    src, where = data, None
    if isinstance(data, Mapping):
        src = data.get(key)
    elif isinstance(data, (str, Path)):
        p = Path(data)
        if p.is_dir():
            src = p / file
            if not src.exists():
                src = None
        elif p.suffix.lower() in (".xlsx", ".xlsm"):
            if not p.exists():
                raise InputFileError(f"{p}: no such file")
            if sheet in pd.ExcelFile(p, engine="openpyxl").sheet_names:
                where = sheet
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
    return read_table(src, fields, sheet=where)


def _read_file(path: Path, sheet: str | None = None) -> pd.DataFrame:
    if not path.exists():
        raise InputFileError(f"{path}: no such file")
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        try:
            if sheet is not None:
                names = pd.ExcelFile(path, engine="openpyxl").sheet_names
                if sheet not in names:
                    raise InputFileError(f"{path}: no sheet '{sheet}' (sheets: "
                                         f"{', '.join(names)})")
            frame = pd.read_excel(path, sheet_name=sheet or 0, dtype=object, engine="openpyxl")
        except InputFileError:
            raise
        except Exception as e:  # openpyxl raises many types for a damaged file
            raise InputFileError(f"{path}: cannot read as XLSX ({e})") from None
        return frame.where(frame.notna(), "")
    if suffix in (".csv", ".tsv", ".txt"):
        raw = path.read_bytes()
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError as e:
            raise InputFileError(
                f"{path}: not UTF-8 text (byte {e.start}); save it as 'CSV UTF-8' and try again"
            ) from None
        first = text.split("\n", 1)[0]
        sep = max([",", ";", "\t"], key=first.count)
        if not first.strip():
            raise InputFileError(f"{path}: the first line (the header) is empty")
        try:
            return pd.read_csv(io.StringIO(text), sep=sep, dtype=str, keep_default_na=False,
                               na_filter=False, skipinitialspace=False)
        except pd.errors.ParserError as e:
            raise InputFileError(f"{path}: malformed CSV ({e})") from None
    raise InputFileError(f"{path}: unknown file type '{suffix}' (use .csv or .xlsx)")


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
