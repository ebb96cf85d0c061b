"""Files as grids of cells, the way a person sees them: every sheet of a workbook (XLSX, XLSM,
XLS, ODS, read with calamine) or the rows of a CSV file, with the merged cells, percent formats,
Excel errors and uncomputed formulas that the values alone do not show.

Nothing is interpreted here: finding the table in a grid is :mod:`.locate`'s job.
"""
from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd
import python_calamine as calamine

from ..errors import InputFileError
from .xlsx_cells import CellDetails, cell_details

#: File types read as workbooks (calamine reads all four).
WORKBOOK_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".ods")
#: File types read as delimited text.
TEXT_SUFFIXES = (".csv", ".tsv", ".txt")
#: How many rows at the top of a sheet may hold titles, mottos and the header.
HEAD_ROWS = 60


class ErrorCell(str):
    """An Excel error cell ('#DIV/0!'), as the text Excel shows."""


class FormulaCell(str):
    """A formula that was never computed ('=SUM(C3:C9)'): the file has no value for it."""


@dataclass
class Grid:
    """One sheet. ``rows[i]`` is spreadsheet row ``i + first_row``; blank cells are ''."""
    name: str
    rows: list[list[Any]]
    first_row: int = 1
    merged: list[tuple[tuple[int, int], tuple[int, int]]] = field(default_factory=list)
    percent_cells: int = 0
    error_cells: int = 0
    formula_cells: int = 0
    note: str | None = None    # e.g. "sep=;" line read
    table: pd.DataFrame | None = None  # every row, when read as a frame (CSV): rows is the head

    def head(self) -> list[list[Any]]:
        """The first rows, with merged cells filled in (a merged header names every column it
        spans)."""
        head = [list(r) for r in self.rows[:HEAD_ROWS]]
        for (r0, c0), (r1, c1) in self.merged:
            if r0 >= len(head):
                continue
            v = head[r0][c0] if c0 < len(head[r0]) else ""
            for r in range(r0, min(r1, len(head) - 1) + 1):
                row = head[r]
                row.extend([""] * (c1 + 1 - len(row)))
                for c in range(c0, c1 + 1):
                    row[c] = v
        return head

    def frame(self, start: int) -> pd.DataFrame:
        """The rows from index ``start`` on as an object frame with columns 0, 1, 2, ..."""
        if self.table is not None:
            out = self.table.iloc[start:].reset_index(drop=True)
            out.columns = range(out.shape[1])
            return out
        body = self.rows[start:]
        width = max((len(r) for r in self.rows[:HEAD_ROWS]), default=0)
        frame = pd.DataFrame(body, dtype=object) if body else pd.DataFrame(dtype=object)
        for c in range(frame.shape[1], width):
            frame[c] = ""
        return frame.fillna("")


def sheet_names(path: Path) -> list[str]:
    """The visible sheets of a workbook, in order."""
    wb = _open(path)
    return [m.name for m in wb.sheets_metadata
            if str(getattr(m, "visible", "")).endswith("Visible")
            and str(getattr(m, "typ", "")).endswith("WorkSheet")] or wb.sheet_names


def _open(path: Path) -> Any:
    if not path.exists():
        raise InputFileError(f"{path}: no such file")
    try:
        return calamine.CalamineWorkbook.from_path(str(path))
    except Exception as e:  # calamine raises its own types for a damaged or locked file
        raise InputFileError(f"{path}: cannot read as a workbook ({e})",
                             suggestion="open it in Excel or LibreOffice and save it again "
                                        "as .xlsx") from None


def read_sheet(path: Path, sheet: str) -> Grid:
    """One sheet of a workbook as a grid (see :class:`Grid`)."""
    wb = _open(path)
    try:
        ws = wb.get_sheet_by_name(sheet)
        rows = ws.to_python(skip_empty_area=False)
        merged = list(ws.merged_cell_ranges or [])
    except Exception as e:
        raise InputFileError(f"{path}: cannot read sheet '{sheet}' ({e})") from None
    grid = Grid(name=sheet, rows=[list(r) for r in rows], merged=merged)
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        _apply_details(grid, cell_details(str(path), sheet))
    return grid


def _apply_details(grid: Grid, d: CellDetails) -> None:
    """Percent cells become the number people see (0.38 shown as 38% is 38); error cells and
    uncomputed formulas keep their text, so a problem can quote them."""
    rows = grid.rows
    for (r, c) in d.percent:
        if r < len(rows) and c < len(rows[r]):
            v = rows[r][c]
            if isinstance(v, (int, float)) and not isinstance(v, bool):
                rows[r][c] = round(v * 100, 10)
                grid.percent_cells += 1
    for cells, attr, kind in ((d.errors, "error_cells", ErrorCell),
                              (d.formulas, "formula_cells", FormulaCell)):
        for (r, c), text in cells.items():
            if r < len(rows):
                row = rows[r]
                if c >= len(row):
                    row.extend([""] * (c + 1 - len(row)))
                if row[c] in ("", None):
                    row[c] = kind(text)
                    setattr(grid, attr, getattr(grid, attr) + 1)


def read_text(path: Path) -> Grid:
    """A CSV (or TSV) file as a grid of text cells: UTF-8 (with or without BOM); the separator is
    the one an Excel ``sep=;`` first line names, else the commonest of , ; and tab in the first
    line that has any."""
    if not path.exists():
        raise InputFileError(f"{path}: no such file")
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise InputFileError(
            f"{path}: not UTF-8 text (byte {e.start}); save it as 'CSV UTF-8' and try again",
            words=("not_utf8", {"path": str(path), "byte": e.start})) from None
    first, _, rest = text.partition("\n")
    note, first_row = None, 1
    if first.strip().lower().startswith("sep=") and len(first.strip()) == 5:
        sep = first.strip()[4]
        text, note, first_row = rest, first.strip(), 2
    else:
        probe = next((ln for ln in text.split("\n", HEAD_ROWS)[:HEAD_ROWS]
                      if any(s in ln for s in ",;\t")), first)
        if not first.strip() and not probe.strip():
            raise InputFileError(f"{path}: the first line (the header) is empty")
        sep = max([",", ";", "\t"], key=probe.count)
    try:
        frame = pd.read_csv(io.StringIO(text), sep=sep, dtype=str, header=None,
                            keep_default_na=False, na_filter=False, skip_blank_lines=False)
        return Grid(name=path.name, rows=frame.iloc[:HEAD_ROWS].to_numpy(dtype=object).tolist(),
                    first_row=first_row, note=note, table=frame.astype(object))
    except (pd.errors.ParserError, ValueError):
        # Ragged rows (a title line with one cell, then the table): read them as they are.
        try:
            rows = [list(r) for r in csv.reader(io.StringIO(text), delimiter=sep)]
        except csv.Error as e:
            raise InputFileError(f"{path}: malformed CSV ({e})") from None
        width = max((len(r) for r in rows), default=0)
        rows = [r + [""] * (width - len(r)) for r in rows]
    except pd.errors.EmptyDataError:
        raise InputFileError(f"{path}: the file is empty") from None
    return Grid(name=path.name, rows=rows, first_row=first_row, note=note)

