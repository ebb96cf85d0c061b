"""What a fast value reader does not say about an XLSX sheet: which cells are formatted as
percentages (0.38 shown as 38%), which hold an Excel error (#DIV/0!, #N/A), and which hold a
formula that was never computed (a file written by a program, not saved by Excel).

The sheet's XML is scanned in chunks with regular expressions that match only such cells, so
the cost stays a fraction of reading the values, and memory stays bounded whatever the size.
"""
from __future__ import annotations

import html
import posixpath
import re
import zipfile
from dataclasses import dataclass, field
from xml.etree import ElementTree as ET

_NS = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
       "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
       "p": "http://schemas.openxmlformats.org/package/2006/relationships"}
_PERCENT_BUILTIN = {9, 10}
_CHUNK = 8 << 20
_ERROR = re.compile(rb'<c r="([A-Z]{1,3})(\d+)"[^>]*? t="e"[^>]*>(?:<f[^>]*>[^<]*</f>|<f[^>]*/>)?'
                    rb'<v>([^<]*)</v>')
_NO_VALUE = re.compile(rb'<c r="([A-Z]{1,3})(\d+)"(?:(?!/>)[^>])*>(?:<f[^>]*>([^<]*)</f>)'
                       rb'(?:<v\s*/>|<v></v>)?</c>')


@dataclass
class CellDetails:
    """Cells by (row, column), both 0-based."""
    percent: set[tuple[int, int]] = field(default_factory=set)
    errors: dict[tuple[int, int], str] = field(default_factory=dict)
    formulas: dict[tuple[int, int], str] = field(default_factory=dict)


def column_index(letters: str) -> int:
    """0-based index of a column name.

    >>> column_index("A"), column_index("AB")
    (0, 27)
    """
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - 64
    return n - 1


def column_name(index: int) -> str:
    """The column name of a 0-based index.

    >>> column_name(0), column_name(27)
    ('A', 'AB')
    """
    s = ""
    index += 1
    while index:
        index, r = divmod(index - 1, 26)
        s = chr(65 + r) + s
    return s


def _percent_styles(z: zipfile.ZipFile) -> set[int]:
    try:
        root = ET.fromstring(z.read("xl/styles.xml"))
    except KeyError:
        return set()
    custom = {}
    for nf in root.iterfind("m:numFmts/m:numFmt", _NS):
        code = re.sub(r'"[^"]*"|\\.', "", nf.get("formatCode", ""))
        custom[int(nf.get("numFmtId", "0"))] = "%" in code
    out = set()
    for i, xf in enumerate(root.iterfind("m:cellXfs/m:xf", _NS)):
        fid = int(xf.get("numFmtId", "0"))
        if fid in _PERCENT_BUILTIN or custom.get(fid):
            out.add(i)
    return out


def _sheet_part(z: zipfile.ZipFile, sheet: str) -> str | None:
    wb = ET.fromstring(z.read("xl/workbook.xml"))
    rid = None
    for s in wb.iterfind("m:sheets/m:sheet", _NS):
        if s.get("name") == sheet:
            rid = s.get(f"{{{_NS['r']}}}id")
    if rid is None:
        return None
    rels = ET.fromstring(z.read("xl/_rels/workbook.xml.rels"))
    for rel in rels.iterfind("p:Relationship", _NS):
        if rel.get("Id") == rid:
            target = rel.get("Target", "")
            return target.lstrip("/") if target.startswith("/") else \
                posixpath.normpath(posixpath.join("xl", target))
    return None


def cell_details(path: str, sheet: str) -> CellDetails:
    """Percent-formatted, error and uncomputed formula cells of ``sheet`` in an XLSX file
    (empty details when the file is not a readable XLSX)."""
    out = CellDetails()
    try:
        z = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError):
        return out
    with z:
        try:
            part = _sheet_part(z, sheet)
            styles = _percent_styles(z)
        except (KeyError, ET.ParseError):
            return out
        if part is None or part not in z.namelist():
            return out
        percent = None
        if styles:
            alts = b"|".join(str(s).encode() for s in sorted(styles))
            percent = re.compile(rb'<c r="([A-Z]{1,3})(\d+)"[^>]*? s="(?:' + alts + rb')"')
        with z.open(part) as f:
            rest = b""
            while True:
                chunk = f.read(_CHUNK)
                data = rest + chunk
                if chunk:
                    cut = data.rfind(b"</row>")
                    if cut < 0:
                        rest = data
                        continue
                    data, rest = data[:cut + 6], data[cut + 6:]
                _scan(data, percent, out)
                if not chunk:
                    break
    return out


def _scan(data: bytes, percent: re.Pattern | None, out: CellDetails) -> None:
    def at(m: re.Match) -> tuple[int, int]:
        return int(m.group(2)) - 1, column_index(m.group(1).decode())
    if percent is not None:
        out.percent.update(at(m) for m in percent.finditer(data))
    if b't="e"' in data:
        for m in _ERROR.finditer(data):
            out.errors[at(m)] = html.unescape(m.group(3).decode("utf-8", "replace"))
    if b"<f" in data:
        for m in _NO_VALUE.finditer(data):
            out.formulas[at(m)] = "=" + html.unescape(m.group(3).decode("utf-8", "replace"))
