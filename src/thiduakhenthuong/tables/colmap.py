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

import yaml

from ..errors import InputFileError


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
