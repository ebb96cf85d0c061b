"""A fast, bounded, deterministic XLSX writer for result workbooks that people print and read.

Why not a general library: XlsxWriter (constant-memory mode) writes one cell per Python call,
about 75,000 cells a second here, so a ranking of 200,000 units (8 million cells) took minutes;
openpyxl keeps every cell in memory. Result sheets are whole columns of one type, so this writer
builds the XML of a block of rows column by column with numpy (a few Python operations per
column, not per cell), streams it into the zip and never holds more than one block: time grows
with the data and memory stays flat. What it writes is the small part of SpreadsheetML a printed
report needs: inline strings, numbers, dates; column widths fitted to the content, the header
row frozen and repeated on every printed page, an auto-filter, number formats (#,##0 for counts
and money, 0.00 for points, dd/mm/yyyy for dates), A4 landscape fitted to one page wide, a page
header with the title and the rule-set version, page numbers in the footer. Every part has a
fixed date, so the same results give a byte-identical file.

A sheet longer than Excel's 1,048,576 rows is split into parts ("Lý do (2)", ...), and said.

>>> import tempfile, os, pandas as pd
>>> p = os.path.join(tempfile.mkdtemp(), "a.xlsx")
>>> sheets = [Sheet("Xếp hạng", pd.DataFrame({"Mã": ["a"], "Điểm": [1.5]}))]
>>> write_workbook(p, sheets, Header("Kết quả", "bộ quy tắc x 1.0")).files == [p]
True
"""
from __future__ import annotations

import datetime as dt
import os
import re
import tempfile
import unicodedata
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable
from xml.sax.saxutils import escape, quoteattr

import numpy as np
import pandas as pd

from ..core import progress
from ..core.models import Localized
from .phrases import wb

#: Excel's last row (the header is one of them).
MAX_ROWS = 1_048_576
#: Rows turned into XML at once: bounds the memory of a sheet of any length.
BLOCK = 20_000
#: Every part of the zip and the document properties carry this date (byte-identical output).
FIXED = dt.datetime(2000, 1, 1)

_WORDS = wb

# Cell styles (index into cellXfs below).
_HEADER, _TEXT, _INT, _POINTS, _PERCENT, _RATIO, _DATE, _WRAP = range(1, 9)
#: What each kind of column looks like: style, widest and narrowest width in characters.
KINDS = {"text": (_TEXT, 40, 6), "wrap": (_WRAP, 60, 12), "int": (_INT, 18, 6),
         "money": (_INT, 20, 8), "points": (_POINTS, 12, 6), "number": (_POINTS, 16, 6),
         "percent": (_PERCENT, 12, 6), "ratio": (_RATIO, 12, 6), "date": (_DATE, 12, 11),
         "bool": (_TEXT, 10, 6)}


@dataclass
class Header:
    """What every printed page says at the top: the title (left) and the rule set and version
    (right)."""
    title: str
    version: str
    lang: str = "vi"


@dataclass
class Sheet:
    """One sheet: a frame whose columns are the headers people read. ``kinds`` names the kind
    of a column (see :data:`KINDS`) where its dtype does not say enough; ``hidden`` columns are
    kept for machines (codes) but not shown or printed."""
    name: str
    frame: pd.DataFrame
    kinds: dict[str, str] = field(default_factory=dict)
    hidden: tuple[str, ...] = ()
    freeze_columns: int = 0
    #: past Excel's row limit: 'split' into several sheets, or 'csv' (a CSV file beside the
    #: workbook, for tables nobody reads a million rows of)
    overflow: str = "split"
    #: the sheet that lists what was said about the workbook (a message column first)
    notes: bool = False


@dataclass
class Written:
    """The files written and what was said about them (a sheet split at Excel's limit)."""
    files: list[str]
    notices: list[Localized] = field(default_factory=list)


def kind_of(s: pd.Series) -> str:
    """The kind of a column by its dtype (bool, integer, float, dates, text)."""
    if pd.api.types.is_bool_dtype(s.dtype):
        return "bool"
    if pd.api.types.is_integer_dtype(s.dtype):
        return "int"
    if pd.api.types.is_float_dtype(s.dtype):
        return "points"
    if pd.api.types.is_datetime64_any_dtype(s.dtype):
        return "date"
    if s.dtype == object and len(s):
        sample = s.iloc[:200].dropna()
        if len(sample) and all(isinstance(v, (bool, np.bool_)) for v in sample):
            return "bool"
        if len(sample) and all(isinstance(v, dt.date) for v in sample):
            return "date"
        if len(sample) and all(isinstance(v, (int, np.integer)) and not isinstance(v, bool)
                               for v in sample):
            return "int"
        if len(sample) and all(isinstance(v, (int, float, np.integer, np.floating))
                               and not isinstance(v, bool) for v in sample):
            return "points"
    return "text"


def write_workbook(path: str | Path, sheets: list[Sheet], header: Header) -> Written:
    """Write ``sheets`` to ``path`` atomically (a temporary file renamed over it, so an existing
    good file is never left half-written)."""
    p = Path(path)
    p.parent.mkdir(parents=True, exist_ok=True)
    parts, notices, beside = _split(sheets, header.lang, p)
    if notices:
        parts = [_with_notes(s, notices, header.lang) if s.notes else s for s in parts]
    fd, tmp = tempfile.mkstemp(prefix=".~" + p.name, dir=p.parent)
    os.close(fd)
    try:
        with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as z:
            _write_part(z, "[Content_Types].xml", _content_types(len(parts)))
            _write_part(z, "_rels/.rels", _ROOT_RELS)
            _write_part(z, "docProps/app.xml", _APP)
            _write_part(z, "docProps/core.xml", _core(header))
            _write_part(z, "xl/workbook.xml", _workbook(parts))
            _write_part(z, "xl/_rels/workbook.xml.rels", _workbook_rels(len(parts)))
            _write_part(z, "xl/styles.xml", _STYLES)
            total = sum(len(s.frame) for s in parts)
            done = 0
            progress.report(f"writing {p.name}", 0, total)
            for i, sheet in enumerate(parts, start=1):
                info = _info(f"xl/worksheets/sheet{i}.xml")
                with z.open(info, "w", force_zip64=True) as f:
                    for chunk, rows in _sheet_xml(sheet, header, i == 1):
                        f.write(chunk)
                        if rows:
                            done += rows
                            progress.report(f"writing {p.name}", done, total)
        os.replace(tmp, p)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
    return Written([str(path)] + beside, notices)


def _split(sheets: list[Sheet], lang: str,
           path: Path) -> tuple[list[Sheet], list[Localized], list[str]]:
    out, notices, beside = [], [], []
    per = MAX_ROWS - 1
    names: set[str] = set()
    for s in sheets:
        n = len(s.frame)
        if n <= per:
            out.append(Sheet(_sheet_name(s.name, names), s.frame, s.kinds, s.hidden,
                             s.freeze_columns, notes=s.notes))
            continue
        if s.overflow == "csv":
            csv = path.with_name(f"{path.stem}.{_slug(s.name)}.csv")
            _write_csv(s.frame, csv)
            beside.append(str(csv))
            notices.append(Localized(**{x: _WORDS("to_csv", x, name=s.name, rows=f"{n:,}",
                                                  limit=f"{per:,}", file=csv.name)
                                        for x in ("vi", "en")}))
            continue
        count = -(-n // per)
        for k in range(count):
            name = _sheet_name(_WORDS("part", lang, name=s.name[:26], n=k + 1), names)
            out.append(Sheet(name, s.frame.iloc[k * per:(k + 1) * per], s.kinds, s.hidden,
                             s.freeze_columns))
        notices.append(Localized(**{x: _WORDS("split", x, name=s.name, rows=f"{n:,}",
                                              limit=f"{per:,}", parts=count)
                                    for x in ("vi", "en")}))
    return out, notices, beside


def _slug(name: str) -> str:
    t = unicodedata.normalize("NFD", name.casefold().replace("đ", "d"))
    t = "".join(c for c in t if not unicodedata.combining(c))
    return re.sub(r"[^a-z0-9]+", "-", t).strip("-") or "sheet"


def neutralise(value: object) -> object:
    """A text cell safe for spreadsheets (an apostrophe before = + - @ tab CR); numbers as they
    are.

    >>> neutralise("=1+1"), neutralise(5)
    ("'=1+1", 5)
    """
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def _write_csv(frame: pd.DataFrame, path: Path) -> None:
    """A CSV beside the workbook (UTF-8 with BOM, the formula guard of every CSV we write),
    built column-wise in blocks like the sheets: a few million rows take seconds."""
    tmp = path.with_name(".~" + path.name)
    with open(tmp, "w", encoding="utf-8-sig", newline="") as f:
        f.write(",".join(_csv_text(str(c)) for c in frame.columns) + "\r\n")
        m = len(frame.columns)
        for start in range(0, len(frame), BLOCK * 5):
            block = frame.iloc[start:start + BLOCK * 5]
            parts = np.empty((len(block), 2 * m), dtype=object)
            parts[:, 1::2] = ","
            parts[:, -1] = "\r\n"
            for j in range(m):
                parts[:, 2 * j] = _csv_cells(block.iloc[:, j])
            f.write("".join(parts.ravel().tolist()))
    os.replace(tmp, path)


def _csv_cells(s: pd.Series) -> np.ndarray:
    if pd.api.types.is_bool_dtype(s.dtype):
        return np.where(s.to_numpy(), "True", "False").astype(object)
    if pd.api.types.is_numeric_dtype(s.dtype):
        v = s.to_numpy(dtype=np.float64)
        return np.array(["" if x != x else (str(int(x)) if x.is_integer() and abs(x) < 1e15
                                             else repr(x)) for x in v.tolist()], dtype=object)
    text = s.astype(str).where(~s.isna().to_numpy(), None)
    codes, uniq = pd.factorize(text, use_na_sentinel=True)
    shown = np.array([_csv_text(neutralise(u)) for u in uniq.tolist()] + [""], dtype=object)
    return shown[codes]


def _csv_text(t: str) -> str:
    if any(ch in t for ch in ',"\r\n'):
        return '"' + t.replace('"', '""') + '"'
    return t


def _with_notes(s: Sheet, notices: list[Localized], lang: str) -> Sheet:
    first = s.frame.columns[0] if len(s.frame.columns) else "message"
    extra = pd.DataFrame({first: [x.get(lang) for x in notices]})
    return Sheet(s.name, pd.concat([s.frame, extra], ignore_index=True), s.kinds, s.hidden,
                 s.freeze_columns, notes=True)


def _sheet_name(name: str, used: set[str]) -> str:
    base = re.sub(r"[\[\]:*?/\\]", "-", name)[:31] or "Sheet"
    out, k = base, 2
    while out.casefold() in used:
        out = f"{base[:27]} ({k})"
        k += 1
    used.add(out.casefold())
    return out


def _info(name: str) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time=FIXED.timetuple()[:6])
    info.compress_type = zipfile.ZIP_DEFLATED
    info.create_system = 3
    info.external_attr = 0o644 << 16
    return info


def _write_part(z: zipfile.ZipFile, name: str, text: str) -> None:
    z.writestr(_info(name), text.encode("utf-8"))


# ---- cells ---------------------------------------------------------------------------------

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_EPOCH = np.datetime64("1899-12-30", "D")


def _col_letter(i: int) -> str:
    s = ""
    i += 1
    while i:
        i, r = divmod(i - 1, 26)
        s = chr(65 + r) + s
    return s


def _text_cells(values: np.ndarray, style: int) -> np.ndarray:
    # Columns repeat their values (titles, citations, formulas, class names): each distinct
    # value is escaped once and the cells are taken from those.
    # (as text: True and 1.0 are equal as values, not as what a person reads)
    series = pd.Series(values, dtype=object)
    text = series.astype(str).where(~series.isna().to_numpy(), None)
    codes, uniq = pd.factorize(text, use_na_sentinel=True)
    xml = np.empty(len(uniq) + 1, dtype=object)
    for k, v in enumerate(uniq.tolist()):
        xml[k] = _text_cell(v, style)
    xml[-1] = f'<c s="{style}"/>'
    return xml[codes]


def _text_cell(v: object, style: int) -> str:
    t = str(v)
    if t == "":
        return f'<c s="{style}"/>'
    if t[0] in "=+-@\t\r":
        # Never a formula here (an inline string), but a person may copy it into one: the
        # usual guard (render.workbook.neutralise) applies.
        t = "'" + t
    t = escape(_ILLEGAL.sub("", t))
    space = ' xml:space="preserve"' if t != t.strip() else ""
    return f'<c s="{style}" t="inlineStr"><is><t{space}>{t}</t></is></c>'


def _number_cells(values: np.ndarray, style: int, integer: bool) -> np.ndarray:
    v = pd.to_numeric(pd.Series(values), errors="coerce").to_numpy(dtype=np.float64)
    empty = f'<c s="{style}"/>'
    head = f'<c s="{style}"><v>'
    # One pass of Python's own float formatting (repr) is faster here than numpy's.
    cells = [empty if x != x or x in (_INF, -_INF) else
             head + (str(int(x)) if x.is_integer() and -1e15 < x < 1e15 else repr(x))
             + "</v></c>" for x in v.tolist()]
    return np.array(cells, dtype=object)


_INF = float("inf")


def _date_cells(values: pd.Series, style: int) -> np.ndarray:
    if pd.api.types.is_datetime64_any_dtype(values.dtype):
        d = values.to_numpy().astype("datetime64[D]")
    else:
        d = pd.to_datetime(pd.Series(values, dtype=object).replace("", None), errors="coerce",
                           format="mixed", dayfirst=False).to_numpy().astype("datetime64[D]")
    bad = np.isnat(d)
    serial = np.where(bad, 0, (d - _EPOCH).astype(np.int64))
    out = f'<c s="{style}"><v>' + serial.astype(str).astype(object) + "</v></c>"
    out[bad] = f'<c s="{style}"/>'
    return out


def _bool_cells(values: np.ndarray, style: int, lang: str) -> np.ndarray:
    yes, no = _WORDS("yes", lang), _WORDS("no", lang)
    words = np.array([yes if (v is True or v is np.True_ or v == 1) and v is not None
                      and not (isinstance(v, float) and np.isnan(v)) else
                      (no if v is False or v is np.False_ or v == 0 else "")
                      for v in values], dtype=object)
    return _text_cells(words, style)


def _cells(s: pd.Series, kind: str, lang: str) -> np.ndarray:
    style = KINDS[kind][0]
    vals = s.to_numpy(dtype=object) if s.dtype != object else s.to_numpy()
    if kind in ("text", "wrap"):
        return _text_cells(vals, style)
    if kind == "bool":
        return _bool_cells(vals, style, lang)
    if kind == "date":
        return _date_cells(s, style)
    return _number_cells(vals, style, kind in ("int", "money"))


# ---- widths --------------------------------------------------------------------------------

def _shown_length(s: pd.Series, kind: str) -> int:
    sample = s.iloc[:2000]
    if kind == "date":
        return 10
    if kind in ("int", "money", "points", "number", "percent", "ratio"):
        v = pd.to_numeric(sample, errors="coerce").abs().max()
        if not np.isfinite(v):
            return 4
        digits = len(f"{v:,.0f}")
        return digits + (3 if kind in ("points", "number", "percent", "ratio") else 0)
    if kind == "bool":
        return 6
    lengths = sample.map(lambda x: max((len(w) for w in str(x).split("\n")), default=0)
                         if x is not None and x == x else 0)
    return int(lengths.max()) if len(lengths) else 0


def _width(header: str, s: pd.Series, kind: str) -> float:
    _, widest, narrowest = KINDS[kind]
    words = max((len(w) for w in header.split()), default=4)
    head = max(words, min(len(header), 16))
    body = _shown_length(s, kind)
    return float(min(widest, max(narrowest, head, body) + 2))


# ---- sheet ---------------------------------------------------------------------------------

def _sheet_xml(sheet: Sheet, header: Header, first: bool) -> Iterable[tuple[bytes, int]]:
    frame = sheet.frame
    cols = [str(c) for c in frame.columns]
    kinds = [sheet.kinds.get(c) or kind_of(frame[c]) for c in frame.columns]
    kinds = [k if k != "text" or _shown_length(frame[c], "text") <= 40 else "wrap"
             for c, k in zip(frame.columns, kinds)]
    n, m = len(frame), len(cols)
    last = _col_letter(max(m, 1) - 1)
    ref = f"A1:{last}{n + 1}"
    freeze = sheet.freeze_columns
    pane_cell = f"{_col_letter(freeze)}2"
    pane = (f'<pane xSplit="{freeze}" ySplit="1" topLeftCell="{pane_cell}" activePane="bottomRight"'
            ' state="frozen"/>' if freeze else
            '<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>')
    head = ['<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            f'<worksheet xmlns="{_MAIN}" xmlns:r="{_REL}">'
            '<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>'
            f'<dimension ref="{ref}"/>'
            f'<sheetViews><sheetView {"tabSelected=" + chr(34) + "1" + chr(34) + " " if first else ""}'
            f'workbookViewId="0">{pane}</sheetView></sheetViews>'
            '<sheetFormatPr defaultRowHeight="15"/>']
    if m:
        head.append("<cols>")
        for j, (c, k) in enumerate(zip(frame.columns, kinds)):
            hidden = ' hidden="1"' if str(c) in sheet.hidden else ""
            head.append(f'<col min="{j + 1}" max="{j + 1}" width="{_width(str(c), frame[c], k):g}"'
                        f' customWidth="1"{hidden}/>')
        head.append("</cols>")
    head.append("<sheetData>")
    head.append('<row r="1">' + "".join(
        f'<c s="{_HEADER}" t="inlineStr"><is><t>{escape(_ILLEGAL.sub("", c))}</t></is></c>'
        for c in cols) + "</row>")
    yield "".join(head).encode("utf-8"), 0
    for start in range(0, n, BLOCK):
        block = frame.iloc[start:start + BLOCK]
        cells = [_cells(block.iloc[:, j], kinds[j], header.lang) for j in range(m)]
        parts = np.empty((len(block), m + 2), dtype=object)
        parts[:, 0] = '<row r="' + np.arange(start + 2, start + 2 + len(block)).astype(str) \
            .astype(object) + '">'
        for j, c in enumerate(cells, start=1):
            parts[:, j] = c
        parts[:, -1] = "</row>"
        rows = parts.ravel()
        yield "".join(rows.tolist()).encode("utf-8"), len(block)
    tail = ["</sheetData>"]
    if m:
        tail.append(f'<autoFilter ref="{ref}"/>')
    tail.append('<printOptions horizontalCentered="1"/>'
                '<pageMargins left="0.4" right="0.4" top="0.75" bottom="0.6" header="0.3"'
                ' footer="0.3"/>'
                '<pageSetup paperSize="9" orientation="landscape" fitToWidth="1"'
                ' fitToHeight="0"/>'
                f'<headerFooter><oddHeader>{escape(_header_text(header))}</oddHeader>'
                f'<oddFooter>{escape("&C" + _WORDS("page", header.lang))}</oddFooter>'
                "</headerFooter></worksheet>")
    yield "".join(tail).encode("utf-8"), 0


def _header_text(h: Header) -> str:
    def amp(s: str) -> str:
        return s.replace("&", "&&")
    return f'&L&"-,Bold"{amp(h.title)[:120]}&R{amp(h.version)[:120]}'


# ---- the fixed parts -----------------------------------------------------------------------

_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG = "http://schemas.openxmlformats.org/package/2006/relationships"
_XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'

_ROOT_RELS = (_XML + f'<Relationships xmlns="{_PKG}">'
              f'<Relationship Id="rId1" Type="{_REL}/officeDocument" Target="xl/workbook.xml"/>'
              '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/'
              'relationships/metadata/core-properties" Target="docProps/core.xml"/>'
              f'<Relationship Id="rId3" Type="{_REL}/extended-properties" '
              'Target="docProps/app.xml"/></Relationships>')

_APP = (_XML + '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/'
        'extended-properties"><Application>thiduakhenthuong</Application></Properties>')


def _core(h: Header) -> str:
    stamp = FIXED.strftime("%Y-%m-%dT%H:%M:%SZ")
    return (_XML + '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/'
            'metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" '
            'xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/'
            'XMLSchema-instance">'
            f"<dc:title>{escape(h.title)}</dc:title><dc:subject>{escape(h.version)}</dc:subject>"
            "<dc:creator>thiduakhenthuong</dc:creator>"
            f'<dcterms:created xsi:type="dcterms:W3CDTF">{stamp}</dcterms:created>'
            f'<dcterms:modified xsi:type="dcterms:W3CDTF">{stamp}</dcterms:modified>'
            "</cp:coreProperties>")


def _content_types(n: int) -> str:
    sheets = "".join(f'<Override PartName="/xl/worksheets/sheet{i}.xml" ContentType="application/'
                     'vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
                     for i in range(1, n + 1))
    return (_XML + '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
            'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-'
            'officedocument.spreadsheetml.sheet.main+xml"/>'
            '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-'
            'officedocument.spreadsheetml.styles+xml"/>'
            '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-'
            'package.core-properties+xml"/>'
            '<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-'
            'officedocument.extended-properties+xml"/>' + sheets + "</Types>")


def _workbook(sheets: list[Sheet]) -> str:
    names, defined = [], []
    for i, s in enumerate(sheets):
        names.append(f'<sheet name={quoteattr(s.name)} sheetId="{i + 1}" r:id="rId{i + 1}"/>')
        q = "'" + s.name.replace("'", "''") + "'"
        if len(s.frame.columns):
            last = _col_letter(len(s.frame.columns) - 1)
            defined.append(f'<definedName name="_xlnm._FilterDatabase" localSheetId="{i}" '
                           f'hidden="1">{escape(q)}!$A$1:${last}${len(s.frame) + 1}</definedName>')
        defined.append(f'<definedName name="_xlnm.Print_Titles" localSheetId="{i}">'
                       f"{escape(q)}!$1:$1</definedName>")
    return (_XML + f'<workbook xmlns="{_MAIN}" xmlns:r="{_REL}"><bookViews><workbookView '
            'activeTab="0"/></bookViews><sheets>' + "".join(names) + "</sheets><definedNames>"
            + "".join(defined) + "</definedNames></workbook>")


def _workbook_rels(n: int) -> str:
    rels = "".join(f'<Relationship Id="rId{i}" Type="{_REL}/worksheet" '
                   f'Target="worksheets/sheet{i}.xml"/>' for i in range(1, n + 1))
    rels += f'<Relationship Id="rId{n + 1}" Type="{_REL}/styles" Target="styles.xml"/>'
    return _XML + f'<Relationships xmlns="{_PKG}">{rels}</Relationships>'


_STYLES = (_XML + f'<styleSheet xmlns="{_MAIN}">'
           '<numFmts count="2"><numFmt numFmtId="164" formatCode="dd/mm/yyyy"/>'
           '<numFmt numFmtId="165" formatCode="0.0&quot; %&quot;"/></numFmts>'
           '<fonts count="2"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font>'
           '<font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts>'
           '<fills count="3"><fill><patternFill patternType="none"/></fill>'
           '<fill><patternFill patternType="gray125"/></fill>'
           '<fill><patternFill patternType="solid"><fgColor rgb="FFDDEBF7"/>'
           '<bgColor indexed="64"/></patternFill></fill></fills>'
           '<borders count="2"><border><left/><right/><top/><bottom/><diagonal/></border>'
           '<border><left style="thin"><color rgb="FFBFBFBF"/></left><right style="thin">'
           '<color rgb="FFBFBFBF"/></right><top style="thin"><color rgb="FFBFBFBF"/></top>'
           '<bottom style="thin"><color rgb="FFBFBFBF"/></bottom><diagonal/></border></borders>'
           '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/>'
           '</cellStyleXfs><cellXfs count="9">'
           '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
           '<xf numFmtId="0" fontId="1" fillId="2" borderId="1" xfId="0" applyFont="1" '
           'applyFill="1" applyBorder="1" applyAlignment="1"><alignment horizontal="center" '
           'vertical="center" wrapText="1"/></xf>'
           '<xf numFmtId="0" fontId="0" fillId="0" borderId="1" xfId="0" applyBorder="1" '
           'applyAlignment="1"><alignment vertical="top"/></xf>'
           '<xf numFmtId="3" fontId="0" fillId="0" borderId="1" xfId="0" applyNumberFormat="1" '
           'applyBorder="1" applyAlignment="1"><alignment vertical="top"/></xf>'
           '<xf numFmtId="2" fontId="0" fillId="0" borderId="1" xfId="0" applyNumberFormat="1" '
           'applyBorder="1" applyAlignment="1"><alignment vertical="top"/></xf>'
           '<xf numFmtId="165" fontId="0" fillId="0" borderId="1" xfId="0" applyNumberFormat="1" '
           'applyBorder="1" applyAlignment="1"><alignment vertical="top"/></xf>'
           '<xf numFmtId="10" fontId="0" fillId="0" borderId="1" xfId="0" applyNumberFormat="1" '
           'applyBorder="1" applyAlignment="1"><alignment vertical="top"/></xf>'
           '<xf numFmtId="164" fontId="0" fillId="0" borderId="1" xfId="0" applyNumberFormat="1" '
           'applyBorder="1" applyAlignment="1"><alignment horizontal="center" vertical="top"/>'
           '</xf>'
           '<xf numFmtId="0" fontId="0" fillId="0" borderId="1" xfId="0" applyBorder="1" '
           'applyAlignment="1"><alignment vertical="top" wrapText="1"/></xf>'
           '</cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/>'
           '</cellStyles></styleSheet>')


__all__ = ["Header", "Sheet", "Written", "write_workbook", "kind_of", "MAX_ROWS", "KINDS"]
