"""A column map: the office's own headers (and unit names) mapped once to a rule set's fields,
kept in a small YAML file (``--map map.yaml``) and reused every year.

::

    # Column map for the rule set lao-cai-2023
    sheet: Biểu 01                       # optional: the sheet to read
    columns:
      "Số HCS tham mưu": grassroots_advising
      "Ghi chú": null                    # read nothing from this column
    units:
      "H. Bát Xát": bat_xat
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Mapping

import json

import yaml

from ..core.phrases import reader as phrase
from ..errors import InputFileError
from .grid import TEXT_SUFFIXES, WORKBOOK_SUFFIXES, read_sheet, read_text, sheet_names
from .locate import HeaderMatcher, Layout, find_layout
from .text import closest


@dataclass(frozen=True)
class ColumnMap:
    """Header in the file -> field (None: ignore the column); unit text -> unit id."""
    columns: Mapping[str, str | None] = field(default_factory=dict)
    units: Mapping[str, str] = field(default_factory=dict)
    sheet: str | None = None


def load_map(path: str | Path, fields: Mapping[str, Any] | None = None) -> ColumnMap:
    """Read a column map from YAML; a field the rule set does not have is an error naming it.

    >>> import tempfile, os
    >>> p = os.path.join(tempfile.mkdtemp(), "m.yaml")
    >>> _ = open(p, "w", encoding="utf-8").write('columns: {"Số HCS": grassroots_chapters}\\n')
    >>> load_map(p).columns["Số HCS"]
    'grassroots_chapters'
    """
    p = Path(path)
    try:
        doc = yaml.safe_load(p.read_text(encoding="utf-8")) or {}
    except OSError as e:
        raise InputFileError(f"{p}: cannot read the column map ({e.strerror})") from None
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        line = f" (line {mark.line + 1})" if mark is not None else ""
        raise InputFileError(f"{p}{line}: not a valid YAML column map") from None
    if not isinstance(doc, dict) or set(doc) - {"columns", "units", "sheet", "rules"}:
        raise InputFileError(f"{p}: a column map has the keys columns, units and sheet")
    cols = doc.get("columns") or {}
    units = doc.get("units") or {}
    if not isinstance(cols, dict) or not isinstance(units, dict):
        raise InputFileError(f"{p}: 'columns' and 'units' must be mappings")
    if fields is not None:
        bad = [f"'{k}': {v}" for k, v in cols.items() if v is not None and v not in fields]
        if bad:
            raise InputFileError(f"{p}: no such field in the rule set: {', '.join(bad)}",
                                 suggestion="fields: " + ", ".join(fields))
    return ColumnMap(columns={str(k): (None if v is None else str(v)) for k, v in cols.items()},
                     units={str(k): str(v) for k, v in units.items()},
                     sheet=doc.get("sheet"))


@dataclass(frozen=True)
class Guess:
    """One header of a file and the field it seems to name: 'sure' (the header, an alias or a
    title, as typed or nearly), 'guess' (the closest title: to review) or no field."""
    header: str
    field: str | None
    how: str
    title: str = ""


def guess_map(path: str | Path, fields: Mapping[str, Any], sheet: str | None = None
              ) -> list[Guess]:
    """A guess for every header of the table in ``path`` (found as the reader finds it).

    >>> g = guess_map("fixtures/office-layouts/tieu-de-khac.xlsx",
    ...               __import__("thiduakhenthuong").load_rules("lao-cai-2023").model.inputs)
    >>> [(x.header, x.field, x.how) for x in g if x.header == "Số HCS"]
    [('Số HCS', 'grassroots_chapters', 'guess')]
    """
    p = Path(path)
    suffix = p.suffix.lower()
    matcher = HeaderMatcher(fields)
    if suffix in WORKBOOK_SUFFIXES:
        names = [sheet] if sheet else sheet_names(p)
        found = [(read_sheet(p, s), None) for s in names]
        found = [(g, find_layout(g.head(), matcher)) for g, _ in found]
        grid, lay = max(found, key=lambda x: x[1].score if x[1] else -1)
    elif suffix in TEXT_SUFFIXES:
        grid = read_text(p)
        lay = find_layout(grid.head(), matcher)
    else:
        raise InputFileError(f"{p}: unknown file type '{suffix}'",
                             suggestion="use .xlsx, .xls, .ods or .csv")
    if lay is None:
        first = next((i for i, r in enumerate(grid.rows) if any(str(v).strip() for v in r)), 0)
        lay = Layout(header_rows=(first,), headers=[str(v).strip() for v in grid.rows[first]])
    taken = {f for f, _ in lay.fields.values()}
    titles = {}
    for name, f in fields.items():
        for h in [f.title.vi, *f.aliases]:
            titles.setdefault(h, name)
    out = []
    for c, h in enumerate(lay.headers):
        if not h or c in lay.ignored:
            continue
        if c in lay.fields:
            f, _ = lay.fields[c]
            out.append(Guess(h, f, "sure", fields[f].title.vi))
            continue
        free = {t: n for t, n in titles.items() if n not in taken}
        near = closest(h, list(free), n=1, cutoff=0.3)
        if near:
            f = free[near[0]]
            taken.add(f)
            out.append(Guess(h, f, "guess", fields[f].title.vi))
        else:
            out.append(Guess(h, None, "none"))
    return out


def write_map(guesses: list[Guess], rules_id: str, lang: str = "vi") -> str:
    """The YAML text of a column map from ``guesses``, each guess marked for review."""
    lines = [f"# {phrase('map_head', lang, rules=rules_id)}",
             f"# {phrase('map_use', lang)}", "columns:"]
    for g in guesses:
        key = json.dumps(g.header, ensure_ascii=False)
        value = g.field if g.field else "null"
        note = {"sure": phrase("map_sure", lang, title=g.title),
                "guess": phrase("map_guess", lang, title=g.title),
                "none": phrase("map_none", lang)}[g.how]
        lines.append(f"  {key}: {value}    # {note}")
    return "\n".join(lines) + "\n"
