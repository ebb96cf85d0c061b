"""Find the table in a sheet the way a person would: skip the national motto and title rows,
find the header row by the rule set's headers and aliases (combining a two-row merged header of
group and sub-header), ignore the row-number (STT) column and a numbering row "(1) (2) (3)",
skip blank and section-heading rows, leave out a totals row and stop at the signature block.

Every such decision is returned as a :class:`~thiduakhenthuong.core.trace.Notice`, so the run
can say what was read and what was not.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Mapping

import numpy as np
import pandas as pd

from ..core.models import Localized
from ..core.phrases import reader as phrase
from ..core.trace import Notice
from ..rulebook.base import InputField
from .grid import Grid
from .text import header_key, loose_key, plain_key

_STT = {"stt", "tt", "số tt", "số thứ tự", "thứ tự", "so tt", "no", "no."}
_NUMBERING = re.compile(r"^\(?\s*(\d{1,3}|[a-zA-Z]|[ivxIVX]{1,4})\s*\)?$")
_TOTALS = re.compile(r"^(?:tổng cộng|tổng số|total|cộng|tổng(?! c[ôụ]ng ty| cục| liên đoàn| hội))"
                     r"(?:\s|$)")
_FOOTER = re.compile(r"^(?:người lập|lập biểu|thủ trưởng|kt |tm |t m |chủ tịch|phó chủ tịch|"
                     r"giám đốc|trưởng ban|nơi nhận|ghi chú|xác nhận|ký tên|ký ghi rõ|kính gửi)"
                     r"|^[^\d]{0,40}\bngày\s+\S{0,4}\s+tháng\s+\S{0,4}\s+năm\b")


_LABEL_START = (r"(?i)^[\s(]*(t[ổôo]|c[ộôo]|ng|l[ậâa]p|th[ủu]|kt|tm|t/m|ch[ủu]|ph[óo]|"
                r"gi[áa]m|tr[ưu]|n[ơo]i|gh|x[áa]c|k[ýy]|k[íi]nh)")


class HeaderMatcher:
    """Which field a header names: its field name, titles or aliases, compared as typed (NFC,
    case, spacing, invisible characters), then without punctuation, then without accents (the
    last resort, which the reader reports). ``mapping`` (a column map: header -> field) wins.

    >>> f = {"blood_units": InputField(type="integer", title={"vi": "Số đơn vị máu", "en": "x"})}
    >>> HeaderMatcher(f).match("so don vi mau")
    ('blood_units', 'plain')
    """

    def __init__(self, fields: Mapping[str, InputField],
                 mapping: Mapping[str, str] | None = None):
        self.fields = fields
        self.mapped = {header_key(k): v for k, v in (mapping or {}).items()}
        self.exact: dict[str, str] = {}
        self.loose: dict[str, str] = {}
        self.plain: dict[str, str] = {}
        for name, f in fields.items():
            for h in [name, f.title.vi, f.title.en, *f.aliases]:
                self.exact.setdefault(header_key(h), name)
                self.loose.setdefault(loose_key(h), name)
                self.plain.setdefault(plain_key(h), name)

    def match(self, text: Any) -> tuple[str | None, str]:
        """(field, how) where how is 'map', 'exact', 'loose' or 'plain'; (None, '') if none."""
        if text is None or str(text).strip() == "":
            return None, ""
        k = header_key(text)
        if k in self.mapped:
            return self.mapped[k], "map"
        if k in self.exact:
            return self.exact[k], "exact"
        lk = loose_key(text)
        if lk and lk in self.loose:
            return self.loose[lk], "loose"
        pk = plain_key(text)
        if pk and pk in self.plain:
            return self.plain[pk], "plain"
        return None, ""

    def candidates(self) -> list[str]:
        """Every header the rule set accepts (for suggestions)."""
        out = []
        for name, f in self.fields.items():
            out += [f.title.vi, *f.aliases]
        return out


@dataclass
class Layout:
    """Where the table is in a grid: the header rows (indexes into the grid), the header text
    of each column, the field each column names, and columns to ignore."""
    header_rows: tuple[int, ...]
    headers: list[str]
    fields: dict[int, tuple[str, str]] = field(default_factory=dict)  # column -> (field, how)
    ignored: list[int] = field(default_factory=list)

    @property
    def score(self) -> int:
        return len({f for f, _ in self.fields.values()})


def _text(v: Any) -> str:
    if v is None:
        return ""
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return str(v).strip()


def _row_layout(headers: list[str], rows: tuple[int, ...], m: HeaderMatcher,
                subs: list[str] | None = None) -> Layout:
    lay = Layout(header_rows=rows, headers=headers)
    seen: set[str] = set()
    for c, h in enumerate(headers):
        f, how = m.match(h)
        if f is None and subs is not None and subs[c]:
            f, how = m.match(subs[c])
        if f is None and header_key(h) in _STT:
            lay.ignored.append(c)
            continue
        if f is not None and f not in seen:
            seen.add(f)
            lay.fields[c] = (f, how)
    return lay


def find_layout(head: list[list[Any]], m: HeaderMatcher) -> Layout | None:
    """The header rows that name the most fields (a two-row header only when it names more
    than either row alone); None when no row names any field.

    >>> f = {"a": InputField(type="text", title={"vi": "Mã", "en": "Id"}),
    ...      "b": InputField(type="integer", title={"vi": "Quà: giao", "en": "b"}),
    ...      "c": InputField(type="integer", title={"vi": "Quà: đã trao", "en": "c"})}
    >>> lay = find_layout([["BIỂU SỐ 1", "", ""], ["Mã", "Quà", ""], ["", "Giao", "Đã trao"]],
    ...                   HeaderMatcher(f))
    >>> lay.header_rows, sorted(x for x, _ in lay.fields.values())
    ((1, 2), ['a', 'b', 'c'])
    """
    best: Layout | None = None
    texts = [[_text(v) for v in row] for row in head]
    width = max((len(r) for r in texts), default=0)
    texts = [r + [""] * (width - len(r)) for r in texts]
    for r, row in enumerate(texts):
        if not any(row):
            continue
        cands = [_row_layout(row, (r,), m)]
        if r + 1 < len(texts) and any(texts[r + 1]):
            top, sub = _filled_groups(row, texts[r + 1]), texts[r + 1]
            combined = [t if (not s or s == t) else (f"{t} {s}" if t else s)
                        for t, s in zip(top, sub)]
            pair = _row_layout(combined, (r, r + 1), m, subs=sub)
            below = _row_layout(sub, (r + 1,), m)
            if pair.score > max(cands[0].score, below.score):
                cands.append(pair)
        for c in cands:
            if c.score and (best is None or c.score > best.score):
                best = c
    return best


def _filled_groups(top: list[str], sub: list[str]) -> list[str]:
    """A group header spans the sub-headers under it: where the top cell is blank and the one
    below is not, the group is the nearest top cell to the left that also has sub-headers."""
    out = list(top)
    group = ""
    for c, (t, s) in enumerate(zip(top, sub)):
        if t:
            group = t if s else ""
        elif s and group:
            out[c] = group
    return out


@dataclass
class Body:
    """The data rows of a located table."""
    frame: pd.DataFrame          # columns: the field of each matched column, else its header
    rows: np.ndarray             # spreadsheet row numbers
    notices: list[Notice]
    headers: dict[str, str] = field(default_factory=dict)   # field -> header as in the file
    unknown: list[str] = field(default_factory=list)         # headers matching no field


def _notice(code: str, **kw: Any) -> Notice:
    return Notice(code="reader_" + code,
                  message=Localized(vi=phrase(code, "vi", **kw), en=phrase(code, "en", **kw)),
                  details={k: (v if isinstance(v, (int, float, str)) else str(v))
                           for k, v in kw.items()})


def _shown_rows(rows: list[int]) -> str:
    s = ", ".join(str(r) for r in rows[:10])
    return s + (", …" if len(rows) > 10 else "")


def read_body(grid: Grid, lay: Layout, roles: Mapping[str, str]) -> Body:
    """The rows under the header: numbering row, blank and section rows, totals rows and what
    follows the signature block left out (each said in a notice). ``roles`` maps 'key' and
    'name' to their fields, where the table has them."""
    notices: list[Notice] = []
    first = grid.first_row
    top = lay.header_rows[0]
    if top > 0:
        notices.append(_notice("header_found", row=top + first, skipped=top))
    if len(lay.header_rows) == 2:
        notices.append(_notice("header_two_rows", top=top + first, sub=top + 1 + first))
    for c in lay.ignored:
        notices.append(_notice("stt_column", header=lay.headers[c]))
    start = lay.header_rows[-1] + 1
    frame = grid.frame(start)
    rows = np.arange(start + first, start + first + len(frame), dtype=np.int64)
    keep_cols = [c for c in range(frame.shape[1]) if c not in lay.ignored]
    frame = frame[keep_cols] if len(frame.columns) else frame
    n = len(frame)
    if n == 0:
        return _named(frame, lay, list(frame.columns), rows, notices)
    blank_cell = _blank(frame)

    def row_text(i: int) -> list[str]:
        return [_text(v) for v in frame.iloc[i].tolist()]
    keep = np.ones(n, dtype=bool)
    # A numbering row sits right under the header.
    for i in range(min(2, n)):
        cells = [x for x in row_text(i) if x]
        if len(cells) >= 3 and all(_NUMBERING.match(x) for x in cells) and (
                any("(" in x for x in cells) or _consecutive(cells)):
            keep[i] = False
            notices.append(_notice("numbering_row", row=int(rows[i])))
            break
    by_field = {f: c for c, (f, _) in lay.fields.items() if c in keep_cols}
    key_col = by_field.get(roles.get("key", ""))
    name_col = by_field.get(roles.get("name", ""))
    pos = {c: j for j, c in enumerate(keep_cols)}
    label_cols = [pos[c] for c in keep_cols[:4]] + [pos[c] for c in (key_col, name_col)
                                                   if c is not None]
    label_cols = list(dict.fromkeys(label_cols))
    stop = n
    totals: list[int] = []
    for j in label_cols:
        col = frame.iloc[:, j]
        # Only text cells starting like a totals label or a signature line are looked at
        # closely (the prefilter also lets decomposed accents through).
        cand = col.astype(str).str.match(_LABEL_START, na=False).to_numpy() & (col != "")
        lk = pd.Series("", index=col.index, dtype=object)
        if cand.any():
            lk[cand] = col[cand].map(lambda v: loose_key(v) if isinstance(v, str)
                                     and len(v) < 120 else "")
        hit_tot = lk.str.match(_TOTALS.pattern).fillna(False).to_numpy(dtype=bool).copy()
        hit_foot = lk.str.contains(_FOOTER.pattern, regex=True).fillna(False) \
            .to_numpy(dtype=bool).copy()
        if key_col is not None and pos[key_col] != j:
            key_blank = blank_cell[:, pos[key_col]]
            hit_tot &= key_blank
            hit_foot &= key_blank
        for i in np.nonzero(hit_foot)[0]:
            if i < stop and keep[:i].any():
                stop = int(i)
        totals += [int(i) for i in np.nonzero(hit_tot)[0]]
    # A signature block or a place-and-date line may stand anywhere in its row ("Lào Cai, ngày
    # 15 tháng 01 năm 2024" under the last columns): rows with a few cells are read whole.
    few = (~blank_cell).sum(axis=1) <= 3
    if key_col is not None:
        few &= blank_cell[:, pos[key_col]]
    for i in np.nonzero(few & keep)[0]:
        if i >= stop:
            break
        cells = [x for x in row_text(i) if x]
        if cells and keep[:i].any() and any(_FOOTER.search(loose_key(x)) for x in cells
                                            if len(x) < 120):
            stop = int(i)
            break
    for i in sorted(set(totals)):
        if i < stop and keep[i]:
            keep[i] = False
            notices.append(_notice("totals_row", row=int(rows[i]), text=_label(row_text(i))))
    if stop < n:
        notices.append(_notice("footer", row=int(rows[stop]), text=_label(row_text(stop))))
        keep[stop:] = False
    # Blank rows and section headings ("I. Các huyện"): no id and no figure.
    data_cols = [pos[c] for c, (f, _) in lay.fields.items()
                 if c in pos and c != name_col]
    empty = blank_cell[:, data_cols].all(axis=1) if data_cols else blank_cell.all(axis=1)
    skipped = keep & empty
    if skipped.any():
        notices.append(_notice("blank_rows", n=int(skipped.sum()),
                               rows=_shown_rows([int(r) for r in rows[skipped]])))
        keep &= ~skipped
    return _named(frame[keep], lay, keep_cols, rows[keep], notices)


def _blank(frame: pd.DataFrame) -> np.ndarray:
    """Which cells are blank (empty or spaces), column by column."""
    out = np.empty(frame.shape, dtype=bool)
    for j in range(frame.shape[1]):
        col = frame.iloc[:, j]
        if col.dtype == object:
            v = col.to_numpy()
            out[:, j] = pd.isna(v) | (v == "")
            spaces = ~out[:, j] & np.fromiter((isinstance(x, str) and not x.strip() for x in v),
                                              bool, len(v)) if len(v) <= 5000 else None
            if spaces is not None:
                out[:, j] |= spaces
        else:
            out[:, j] = col.isna().to_numpy()
    return out


def _label(row: list[str]) -> str:
    s = next((x for x in row if x), "")
    return s if len(s) <= 40 else s[:37] + "..."


def _consecutive(cells: list[str]) -> bool:
    try:
        nums = [int(x) for x in cells]
    except ValueError:
        return False
    return all(b == a + 1 for a, b in zip(nums, nums[1:]))


def _named(frame: pd.DataFrame, lay: Layout, cols: list[int], rows: np.ndarray,
           notices: list[Notice]) -> Body:
    names, headers, unknown = [], {}, []
    used: set[str] = set()
    for c in cols:
        h = lay.headers[c] if c < len(lay.headers) and lay.headers[c] else ""
        if c in lay.fields:
            f, how = lay.fields[c]
            headers[f] = h
            names.append(f)
            continue
        if not h:
            h = f"({c + 1})"
            if (frame[c] == "").all() if c in frame.columns else True:
                names.append(h)
                continue
        while h in used:
            h += " "
        used.add(h)
        unknown.append(h.strip())
        names.append(h)
    out = frame.copy()
    out.columns = names
    out = out.reset_index(drop=True)
    return Body(out, rows, notices, headers, unknown)
