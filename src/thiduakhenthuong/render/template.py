"""A blank input workbook for any job (``tdkt template RULES``): an instructions sheet in
Vietnamese, then one sheet per table the job reads (asked of the job through the registry,
``Job.inputs``), with the units of the rule set pre-filled and locked, one column per input
with its Vietnamese header, a note giving its meaning, unit and the criteria that read it with
their citations, a number format and data validation (Có/Không, lists of ratings, ranges,
dates). What a person types in it is read back by the same reader as any office workbook, so a
filled template round-trips without a single rejection.

Written with XlsxWriter: notes, data validation, protection and hidden list sheets are what it
does well, and a template is small.
"""
from __future__ import annotations

import datetime as dt
import os
import tempfile
from pathlib import Path
from typing import Any

import xlsxwriter

from ..core.job import InputTable
from .phrases import tpl

#: Rows formatted and validated below the header of a table that is not pre-filled.
BLANK_ROWS = 500
_FIXED = dt.datetime(2000, 1, 1)


def write_template(path: str | Path, tables: list[InputTable], rules: Any,
                   lang: str = "vi") -> Path:
    """Write the blank workbook of ``tables`` for the loaded rule set ``rules`` (atomically)."""
    p = Path(path)
    p.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".~" + p.name, suffix=".xlsx", dir=p.parent)
    os.close(fd)
    try:
        wb = xlsxwriter.Workbook(tmp, {"strings_to_formulas": False, "strings_to_urls": False})
        wb.set_properties({"title": tpl("title", lang, rules=rules.id, version=rules.version),
                           "author": "thiduakhenthuong", "created": _FIXED})
        _Book(wb, rules, lang).write(tables)
        wb.close()
        os.replace(tmp, p)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
    return p


class _Book:
    def __init__(self, wb: Any, rules: Any, lang: str):
        self.wb, self.rules, self.lang = wb, rules, lang
        f = wb.add_format
        self.head = f({"bold": True, "text_wrap": True, "valign": "vcenter", "align": "center",
                       "bg_color": "#DDEBF7", "border": 1, "locked": True})
        self.locked = f({"border": 1, "locked": True, "bg_color": "#F2F2F2"})
        self.title = f({"bold": True, "font_size": 14})
        self.bold = f({"bold": True})
        self.wrap = f({"text_wrap": True, "valign": "top"})
        self.kinds = {
            "integer": f({"num_format": "#,##0", "border": 1, "locked": False}),
            "number": f({"num_format": "#,##0.##", "border": 1, "locked": False}),
            "percent": f({"num_format": "0.0", "border": 1, "locked": False}),
            "date": f({"num_format": "dd/mm/yyyy", "border": 1, "locked": False}),
            "text": f({"border": 1, "locked": False}),
        }
        self.lists = None
        self.list_col = 0

    def write(self, tables: list[InputTable]) -> None:
        self.instructions(tables)
        for t in tables:
            self.table(t)

    def instructions(self, tables: list[InputTable]) -> None:
        lang, r = self.lang, self.rules
        ws = self.wb.add_worksheet(tpl("instructions", lang))
        ws.set_column(0, 0, 34)
        ws.set_column(1, 1, 90)
        ws.write(0, 0, tpl("title", lang, rules=r.id, version=r.version), self.title)
        ws.write(1, 0, r.model.meta.title.get(lang))
        row = 3
        for key in ("how_1", "how_2", "how_3", "how_4", "how_5"):
            ws.write(row, 0, tpl(key, lang), self.wrap)
            row += 1
        row += 1
        for t in tables:
            ws.write(row, 0, tpl("sheet_line", lang, sheet=t.sheet,
                                 title=t.title.get(lang)), self.bold)
            ws.write(row, 1, tpl("long" if t.long else ("prefilled" if t.units else "rows"),
                                 lang), self.wrap)
            row += 1
            for name, f in t.fields.items():
                ws.write(row, 0, f.title.get(lang), self.wrap)
                ws.write(row, 1, self.note(t, name, f), self.wrap)
                row += 1
            row += 1
        ws.write(row, 0, tpl("version", lang, rules=r.id, version=r.version, hash=r.hash))

    def note(self, t: InputTable, name: str, f: Any) -> str:
        lang = self.lang
        parts = [f.title.get(lang)]
        if f.unit:
            parts.append(tpl("unit", lang, unit=f.unit))
        parts.append(tpl("type_" + _kind(f), lang, values=", ".join(self.choices(f)),
                         low=_num(f.min), high=_num(f.max)))
        parts.append(tpl("required" if f.required else "optional", lang))
        for line in (t.uses or {}).get(name, [])[:6]:
            parts.append(tpl("used_by", lang, what=line))
        return "\n".join(parts)

    def choices(self, f: Any) -> list[str]:
        if f.type == "bool":
            return [tpl("yes", self.lang), tpl("no", self.lang)]
        if f.type == "enum":
            return [f.labels[v].get(self.lang) if f.labels and v in f.labels else v
                    for v in f.values or []]
        return []

    def list_range(self, values: list[str]) -> str:
        """The values written in a column of the hidden lists sheet; returns its range."""
        if self.lists is None:
            self.lists = self.wb.add_worksheet(tpl("lists", self.lang))
            self.lists.hide()
        c = self.list_col
        self.list_col += 1
        for i, v in enumerate(values):
            self.lists.write_string(i, c, v)
        col = xlsxwriter.utility.xl_col_to_name(c)
        name = self.lists.get_name()
        return f"='{name}'!${col}$1:${col}${len(values)}"

    def table(self, t: InputTable) -> None:
        lang = self.lang
        ws = self.wb.add_worksheet(t.sheet)
        fields = list(t.fields.items())
        roles = {f.role: n for n, f in fields if f.role}
        units = t.units or []
        n = len(units) if units else BLANK_ROWS
        ws.freeze_panes(1, 2 if units else 1)
        ws.set_row(0, 48)
        ws.set_landscape()
        ws.set_paper(9)
        ws.fit_to_pages(1, 0)
        ws.repeat_rows(0)
        ws.set_header(f"&L&\"-,Bold\"{t.title.get(lang)}&R{self.rules.id} {self.rules.version}")
        prefilled = {roles.get("key"): "id", roles.get("name"): "name"} if units else {}
        prefilled.pop(None, None)
        for c, (name, f) in enumerate(fields):
            ws.write(0, c, f.title.get(lang), self.head)
            ws.write_comment(0, c, self.note(t, name, f),
                             {"x_scale": 2.2, "y_scale": 2.5, "author": "tdkt"})
            width = min(max(12, min(len(f.title.get(lang)), 40) * 0.6 + 4), 40)
            if name in prefilled:
                width = 36 if prefilled[name] == "name" else 18
            ws.set_column(c, c, width)
            if name in prefilled:
                for i, u in enumerate(units, start=1):
                    ws.write_string(i, c, str(getattr(u, prefilled[name])), self.locked)
                continue
            fmt = self.kinds.get(_format(f), self.kinds["text"])
            for i in range(1, n + 1):
                ws.write_blank(i, c, None, fmt)
            self.validate(ws, c, n, f)
        if units:
            ws.protect("", {"autofilter": True, "sort": True, "format_columns": True,
                            "format_rows": True})
        ws.autofilter(0, 0, n, len(fields) - 1)

    def validate(self, ws: Any, c: int, n: int, f: Any) -> None:
        lang = self.lang
        opts: dict[str, Any] | None = None
        k = _kind(f)
        if k in ("bool", "enum"):
            opts = {"validate": "list", "source": self.list_range(self.choices(f))}
        elif k in ("integer", "number", "percent"):
            low = f.min if f.min is not None else -1e15
            high = f.max if f.max is not None else 1e15
            opts = {"validate": "integer" if k == "integer" else "decimal",
                    "criteria": "between", "minimum": low, "maximum": high}
        elif k == "date":
            opts = {"validate": "date", "criteria": "between",
                    "minimum": dt.date(1990, 1, 1), "maximum": dt.date(2100, 12, 31)}
        if opts is None:
            return
        opts.update({"error_title": tpl("invalid_title", lang),
                     "error_message": tpl("invalid_" + k, lang, values=", ".join(
                         self.choices(f))[:200], low=_num(f.min), high=_num(f.max))[:250],
                     "ignore_blank": True})
        ws.data_validation(1, c, n, c, opts)


def _kind(f: Any) -> str:
    return {"integer": "integer", "number": "number", "percent": "percent", "date": "date",
            "bool": "bool", "attested": "bool", "enum": "enum"}.get(f.type, "text")


def _format(f: Any) -> str:
    return {"integer": "integer", "number": "number", "percent": "percent",
            "date": "date"}.get(f.type, "text")


def _num(x: Any) -> str:
    if x is None:
        return "…"
    return f"{x:g}".replace(".", ",")
