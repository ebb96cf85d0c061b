"""Turn raw input columns into typed numpy columns, rejecting bad rows with precise reasons.

Every check is column-wise; problems are collected per row, so one pass reports everything wrong
with a row, and the valid rows go on to scoring untouched.
"""
from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from ..core import progress
from ..core.models import Localized
from ..core.trace import Notice, Problem, RejectedRow
from ..expr import evaluate
from ..rulebook.base import InputField
from ..core.phrases import reader as phrase
from .grid import ErrorCell, FormulaCell
from .read import RawTable
from .spec import TableRules
from .text import closest, header_key, loose_key, plain_key

_TRUE = {"có", "co", "x", "yes", "y", "true", "1", "đúng", "đạt", "dat", "c"}
_FALSE = {"không", "khong", "no", "n", "false", "0", "sai", "chưa", "k"}


@dataclass
class ValidInputs:
    """Typed columns for the rows that passed every check."""
    columns: dict[str, np.ndarray]
    rows: np.ndarray
    rejected: list[RejectedRow]
    notices: list[Notice] = field(default_factory=list)
    rows_in: int = 0
    # Every row's value of each field that parsed cleanly (NaN elsewhere), for whole-table checks
    # such as "assigned targets add up", which must not lose rows rejected for other reasons.
    clean_numbers: dict[str, np.ndarray] = field(default_factory=dict)
    # Yes/no fields left blank (kept rows), where blank must be told apart from "no".
    blanks: dict[str, np.ndarray] = field(default_factory=dict)

    def __len__(self) -> int:
        return len(self.rows)


def _msg(vi: str, en: str) -> Localized:
    return Localized(vi=vi, en=en)


class _Problems:
    def __init__(self, n: int):
        self.by_row: dict[int, list[Problem]] = defaultdict(list)
        self.n = n
        self.quoted: dict[str, np.ndarray] = {}   # cells already reported (Excel errors)

    def add_mask(self, mask: np.ndarray, column: str | None, values: Any, code: str,
                 vi: str, en: str, header: str | None = None) -> None:
        if not mask.any():
            return
        if isinstance(values, pd.Series):
            values = values.to_numpy(dtype=object)
        for i in np.nonzero(mask)[0]:
            v = None if values is None else values[i]
            self.by_row[int(i)].append(Problem(
                column=column, header=header, value=None if v is None else _show(v),
                code=code, message=_msg(vi, en)))

    def bad(self) -> np.ndarray:
        m = np.zeros(self.n, dtype=bool)
        if self.by_row:
            m[list(self.by_row)] = True
        return m


def _show(v: Any) -> str:
    s = str(v)
    return s if len(s) <= 60 else s[:57] + "..."


def parse_numbers(s: pd.Series, integer: bool) -> tuple[np.ndarray, np.ndarray]:
    """Parse a column of numbers written the Vietnamese or the English way.

    Returns (float values, invalid mask); blanks come back as NaN and are not invalid.
    '20.000' and '1,500' are thousands; '12,5' is a decimal comma; '1.234,5' and '1,234.5' work.

    >>> parse_numbers(pd.Series(["20.000", "12,5", "", "abc"]), integer=False)[0].tolist()
    [20000.0, 12.5, nan, nan]
    """
    if pd.api.types.is_numeric_dtype(s.dtype) and not pd.api.types.is_bool_dtype(s.dtype):
        vals = s.to_numpy(dtype=np.float64)
        bad = np.zeros(len(s), dtype=bool)
    elif len(s) <= _FEW:
        # A few cells (a streamed fact): pandas' string methods cost ~1 ms per call each.
        pairs = [_number(v) for v in s.to_numpy(dtype=object)]
        vals = np.array([p[0] for p in pairs], dtype=np.float64)
        bad = np.array([p[1] for p in pairs], dtype=bool)
    else:
        obj = s.to_numpy(dtype=object)
        # Numbers given as numbers (records, DataFrames); a NaN among them is a blank cell.
        native = np.fromiter((isinstance(v, (int, float, np.integer, np.floating))
                              and not isinstance(v, bool) and v == v for v in obj), bool, len(obj))
        txt = pd.Series([str(v) if isinstance(v, str) else "" for v in obj], dtype=object)
        txt = txt.str.replace("\u00a0", "", regex=False).str.strip()
        txt = txt.str.replace(r"\s*%$", "", regex=True)
        grouped = txt.str.fullmatch(r"[+-]?\d{1,3}(?:([.,' ])\d{3})(?:\1\d{3})*")
        dot_then_comma = txt.str.fullmatch(r"[+-]?\d{1,3}(?:\.\d{3})+,\d+")
        comma_then_dot = txt.str.fullmatch(r"[+-]?\d{1,3}(?:,\d{3})+\.\d+")
        dec_comma = txt.str.fullmatch(r"[+-]?\d+,\d+")
        clean = txt.copy()
        clean[grouped] = txt[grouped].str.replace(r"[.,' ]", "", regex=True)
        clean[dot_then_comma] = txt[dot_then_comma].str.replace(".", "", regex=False) \
            .str.replace(",", ".", regex=False)
        clean[comma_then_dot] = txt[comma_then_dot].str.replace(",", "", regex=False)
        only_comma = dec_comma & ~grouped
        clean[only_comma] = txt[only_comma].str.replace(",", ".", regex=False)
        vals = np.array(pd.to_numeric(clean.where(clean != "", None), errors="coerce"),
                        dtype=np.float64)
        if native.any():
            vals[native] = obj[native].astype(np.float64)
        blank = (txt == "").to_numpy() & ~native
        bad = np.isnan(vals) & ~blank
        bad |= np.isinf(np.where(np.isnan(vals), 0, vals))
    if integer:
        frac = ~np.isnan(vals) & (np.floor(np.where(np.isnan(vals), 0, vals)) != vals)
        bad = bad | frac
    return vals, bad


_FEW = 16
_GROUPED = re.compile(r"[+-]?\d{1,3}(?:([.,' ])\d{3})(?:\1\d{3})*")
_DOT_THEN_COMMA = re.compile(r"[+-]?\d{1,3}(?:\.\d{3})+,\d+")
_COMMA_THEN_DOT = re.compile(r"[+-]?\d{1,3}(?:,\d{3})+\.\d+")
_DEC_COMMA = re.compile(r"[+-]?\d+,\d+")


def _number(v: Any) -> tuple[float, bool]:
    """One cell by the rules of :func:`parse_numbers` (value, invalid); tested against it."""
    if isinstance(v, (int, float, np.integer, np.floating)) and not isinstance(v, bool):
        return (float(v), False) if v == v else (np.nan, False)
    t = v.replace("\u00a0", "").strip() if isinstance(v, str) else ""
    t = re.sub(r"\s*%$", "", t)
    if t == "":
        return np.nan, False
    if _GROUPED.fullmatch(t):
        t = re.sub(r"[.,' ]", "", t)
    elif _DOT_THEN_COMMA.fullmatch(t):
        t = t.replace(".", "").replace(",", ".")
    elif _COMMA_THEN_DOT.fullmatch(t):
        t = t.replace(",", "")
    elif _DEC_COMMA.fullmatch(t):
        t = t.replace(",", ".")
    try:
        x = float(pd.to_numeric(t))
    except (ValueError, TypeError):
        return np.nan, True
    return (np.nan, True) if np.isinf(x) or np.isnan(x) else (x, False)


def parse_dates(s: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """Parse dates given as dates, ISO 'yyyy-mm-dd' or Vietnamese 'dd/mm/yyyy'.

    >>> parse_dates(pd.Series(["2023-03-15", "15/03/2023", "31/02/2023", ""]))[1].tolist()
    [False, False, True, False]
    """
    if pd.api.types.is_datetime64_any_dtype(s.dtype):
        # Already typed (a DataFrame from an application): no per-cell work. A timezone-aware
        # column is read by its local calendar date.
        if getattr(s.dt, "tz", None) is not None:
            s = s.dt.tz_localize(None)
        return s.to_numpy().astype("datetime64[D]"), np.zeros(len(s), dtype=bool)
    obj = s.to_numpy(dtype=object)
    out = np.full(len(obj), np.datetime64("NaT", "D"), dtype="datetime64[D]")
    bad = np.zeros(len(obj), dtype=bool)
    is_dt = np.fromiter((isinstance(v, (dt.date, np.datetime64, pd.Timestamp)) and v is not pd.NaT
                         for v in obj), bool, len(obj))
    if is_dt.any():
        out[is_dt] = pd.to_datetime(pd.Series(obj[is_dt])).to_numpy().astype("datetime64[D]")
    txt = pd.Series([v.strip() if isinstance(v, str) else "" for v in obj], dtype=object)
    blank = (txt == "").to_numpy() & ~is_dt
    # Non-date, non-text cells (a number in a date column) are invalid.
    other = np.fromiter((not isinstance(v, (str, dt.date, np.datetime64, pd.Timestamp))
                         and not (isinstance(v, float) and np.isnan(v)) and v is not None
                         for v in obj), bool, len(obj))
    todo = ~blank & ~is_dt & ~other
    if todo.any():
        sub = txt[todo]
        parsed = pd.to_datetime(sub, format="%Y-%m-%d", errors="coerce")
        for fmt in ("%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y", "%Y/%m/%d"):
            miss = parsed.isna()
            if not miss.any():
                break
            parsed[miss] = pd.to_datetime(sub[miss], format=fmt, errors="coerce")
        vals = parsed.to_numpy().astype("datetime64[D]")
        out[todo] = vals
        bad[todo] = np.isnat(vals)
    bad |= other
    return out, bad


def _parse_bool(s: pd.Series) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    if s.dtype == np.bool_:  # numpy bool has no missing values; pandas "boolean" may
        n = len(s)
        return s.to_numpy(dtype=bool), np.zeros(n, dtype=bool), np.zeros(n, dtype=bool)
    obj = s.to_numpy(dtype=object)
    # Few distinct values in many rows: classify each distinct value once.
    codes, uniq = pd.factorize(pd.Series(obj, dtype=object), use_na_sentinel=True)
    kinds = np.array([_bool_kind(u) for u in uniq] + [2], dtype=np.int8)  # last: NaN/None
    k = kinds[codes]
    return k == 1, k == 3, k == 2


def _bool_kind(v: Any) -> int:
    """0 false, 1 true, 2 blank, 3 invalid."""
    if isinstance(v, (bool, np.bool_)):
        return int(bool(v))
    if isinstance(v, (int, float, np.integer, np.floating)):
        if isinstance(v, float) and np.isnan(v):
            return 2
        return int(bool(v)) if v in (0, 1) else 3
    if isinstance(v, str):
        if not v.strip():
            return 2
        key = header_key(v)
        return 1 if key in _TRUE else 0 if key in _FALSE else 3
    return 2 if v is None else 3


def _parse_enum(s: pd.Series, f: InputField) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    lookup: dict[str, str] = {}
    for v in f.values or []:
        lookup[header_key(v)] = v
        if f.labels and v in f.labels:
            lookup[header_key(f.labels[v].vi)] = v
            lookup[header_key(f.labels[v].en)] = v
    # Few distinct values in many rows: normalise each distinct value once.
    obj = s.to_numpy(dtype=object)
    uniq = pd.unique(obj)
    key_of = {u: (header_key(u) if isinstance(u, str) else "") for u in uniq}
    txt = pd.Series(obj, dtype=object).map(key_of)
    mapped = txt.map(lookup)
    blank = (txt == "").to_numpy()
    bad = mapped.isna().to_numpy() & ~blank
    return mapped.fillna("").to_numpy(dtype=object), bad, blank


def _parse_text(s: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    obj = s.to_numpy(dtype=object)
    codes, uniq = pd.factorize(pd.Series(obj, dtype=object), use_na_sentinel=True)
    clean = np.array([(v.strip() if isinstance(v, str) else _plain(v)) for v in uniq] + [""],
                     dtype=object)
    txt = clean[codes]
    return txt, txt == ""


def _plain(v: Any) -> str:
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return unicodedata.normalize("NFC", str(v))


def validate(raw: RawTable, rules: TableRules, also_key: str | None = None) -> ValidInputs:
    """Check and convert every input column; see :class:`ValidInputs`.

    ``rules`` gives the fields, row checks and unit registry (:class:`TableRules`). ``also_key``
    names a second key column (the year of a long table): a row is a duplicate when both keys
    repeat."""
    with progress.phase("validating", total=len(raw.frame)):
        return _validate(raw, rules, also_key)


def _validate(raw: RawTable, rules: TableRules, also_key: str | None) -> ValidInputs:
    n = len(raw.frame)
    probs = _Problems(n)
    cols: dict[str, np.ndarray] = {}
    fields = rules.inputs
    registry = {u.id: u for u in rules.units} if rules.units is not None else None
    role_field = {f.role: name for name, f in fields.items() if f.role}
    from_registry = {role_field.get(r): r for r in ("name", "level", "kind", "cluster")
                     if role_field.get(r)}
    from_registry.pop(None, None)
    notices: list[Notice] = []
    hdr = raw.headers

    clean_numbers: dict[str, np.ndarray] = {}
    blanks: dict[str, np.ndarray] = {}
    # A table of units named, without their ids: the registry gives the ids.
    names_as_key = (registry is not None and role_field.get("key") not in raw.frame.columns
                    and role_field.get("name") in raw.frame.columns)
    for name, f in fields.items():
        if name not in raw.frame.columns:
            needed = f.required and not (registry is not None and name in from_registry)
            if names_as_key and name == role_field.get("key"):
                needed = False
            if name == role_field.get("cluster") and registry is None:
                needed = True
            if needed:
                shown = f.aliases[0] if f.aliases else f.title.vi
                vi, en = _missing_column(shown, f, raw.unknown_columns)
                probs.add_mask(np.ones(n, dtype=bool), name, None, "missing_column", vi, en,
                               header=shown)
            cols[name] = _empty_column(f, n)
            if f.type == "bool":
                blanks[name] = np.ones(n, dtype=bool)
            continue
        s = raw.frame[name]
        h = hdr.get(name, name)
        values = s  # converted to objects only if a problem must quote a cell
        s = _excel_cells(s, name, h, probs)
        if f.type in ("integer", "number", "percent"):
            vals, bad = parse_numbers(s, integer=f.type == "integer")
            kind_vi = {"integer": "số nguyên", "number": "số", "percent": "tỷ lệ phần trăm"}[f.type]
            kind_en = {"integer": "a whole number", "number": "a number",
                       "percent": "a percentage"}[f.type]
            probs.add_mask(bad, name, values, "not_a_number", f"không phải {kind_vi}",
                           f"not {kind_en}", h)
            ok = ~np.isnan(vals)
            if f.min is not None:
                low = ok & (vals < f.min)
                what_vi = "số âm" if f.min == 0 else f"nhỏ hơn {f.min:g}"
                what_en = "negative" if f.min == 0 else f"below the minimum {f.min:g}"
                probs.add_mask(low, name, values, "below_min", what_vi, what_en, h)
            if f.max is not None:
                high = ok & (vals > f.max)
                probs.add_mask(high, name, values, "above_max",
                               f"vượt mức tối đa có thể ({f.max:g})",
                               f"above what is possible ({f.max:g})", h)
            missing = np.isnan(vals) & ~bad
            col = vals
            clean_numbers[name] = np.where(bad | ~_in_range(vals, f), np.nan, vals)
        elif f.type == "date":
            col, bad = parse_dates(s)
            probs.add_mask(bad, name, values, "not_a_date",
                           "không phải ngày hợp lệ (dd/mm/yyyy)", "not a valid date (dd/mm/yyyy)", h)
            missing = np.isnat(col) & ~bad
        elif f.type == "bool":
            col, bad, missing = _parse_bool(s)
            blanks[name] = missing
            probs.add_mask(bad, name, values, "not_yes_no", "phải là Có hoặc Không",
                           "must be yes or no (Có/Không)", h)
        elif f.type == "enum":
            col, bad, missing = _parse_enum(s, f)
            allowed = ", ".join(f.values or [])
            probs.add_mask(bad, name, values, "not_allowed",
                           f"giá trị không hợp lệ (được phép: {allowed})",
                           f"value not allowed (allowed: {allowed})", h)
        else:
            col, missing = _parse_text(s)
        if f.required and not (registry is not None and name in from_registry):
            if name in probs.quoted:
                missing = missing & ~probs.quoted[name]
            probs.add_mask(missing, name, None, "missing_value", "để trống", "empty", h)
        cols[name] = col

    key = role_field["key"]
    if registry is not None:
        _resolve_units(cols, key, role_field.get("name"), raw, rules.units, notices)
        if names_as_key:
            nf = role_field["name"]
            probs.add_mask(cols[key] == "", nf, None, "missing_value", "để trống", "empty",
                           hdr.get(nf))
    ids = cols[key]
    # Duplicated ids: neither row can be trusted to be the right one, so both are rejected.
    if key in raw.frame.columns or names_as_key:
        ser = pd.Series(ids)
        if also_key is not None:
            both = pd.DataFrame({"k": ids, "y": cols[also_key]})
            dup = both.duplicated(keep=False).to_numpy() & (ser != "").to_numpy()
            if dup.any():
                ser = ser + "@" + pd.Series(cols[also_key]).astype(str)
        else:
            dup = ser.duplicated(keep=False).to_numpy() & (ser != "").to_numpy()
        if dup.any():
            where: dict[str, list[int]] = defaultdict(list)
            for i in np.nonzero(dup)[0]:
                where[ser[i]].append(int(raw.rows[i]))
            for i in np.nonzero(dup)[0]:
                others = ", ".join(str(r) for r in where[ser[i]])
                probs.by_row[int(i)].append(Problem(
                    column=key, header=hdr.get(key), value=_show(ids[i]), code="duplicate_id",
                    message=_msg(f"mã đơn vị trùng (các dòng {others})",
                         f"duplicate unit id (rows {others})")
                    if also_key is None else
                    _msg(f"mã và {_also(fields, also_key, 'vi')} trùng (các dòng {others})",
                         f"duplicate id and {_also(fields, also_key, 'en')} (rows {others})")))
    if registry is not None:
        known = np.fromiter((i in registry for i in ids), bool, n)
        unknown_ids = ~known & (ids != "")
        for value in pd.unique(ids[unknown_ids]):
            vi, en = _unknown_unit(str(value), rules.units)
            probs.add_mask(unknown_ids & (ids == value), key, ids, "unknown_unit", vi, en,
                           hdr.get(key, hdr.get(role_field.get("name", ""), None)))
        for fname, role in from_registry.items():
            reg_vals = np.array([getattr(registry[i], role) if i in registry else "" for i in ids],
                                dtype=object)
            if fname in raw.frame.columns:
                given = cols[fname]
                differs = known & (given != "") & (given != reg_vals)
                if role == "name":
                    # Names are informative; spelling may differ from the registry.
                    differs[:] = False
                probs.add_mask(differs, fname, given, "registry_mismatch",
                               "khác với danh sách đơn vị của bộ quy tắc",
                               "differs from the rule set's list of units")
            cols[fname] = np.where(known, reg_vals, cols[fname] if fname in raw.frame.columns
                                   else "").astype(object)

    # Row checks run on rows without type problems, so their messages are about meaning.
    bad_so_far = probs.bad()
    if rules.checks and (~bad_so_far).any():
        for rc in rules.checks:
            with np.errstate(invalid="ignore"):
                held = np.asarray(evaluate(rc.holds, cols), dtype=bool)
            involved = rc.holds.names()
            has_all = np.ones(n, dtype=bool)
            for nm in involved:
                c = cols.get(nm)
                if c is not None and c.dtype == np.float64:
                    has_all &= ~np.isnan(c)
            fail = ~held & ~bad_so_far & has_all
            probs.add_mask(fail, rc.field, raw.frame[rc.field].to_numpy(dtype=object)
                           if rc.field in raw.frame.columns else None,
                           f"check:{rc.id}", rc.message.vi, rc.message.en,
                           hdr.get(rc.field, rc.field))

    bad = probs.bad()
    keep = ~bad
    rejected = [RejectedRow(row=int(raw.rows[i]), unit_id=(ids[i] or None) if ids[i] else None,
                            problems=probs.by_row[i]) for i in sorted(probs.by_row)]
    notices[:0] = raw.notices
    if raw.unknown_columns:
        cols_text = ", ".join(raw.unknown_columns)
        notices.append(Notice(code="unknown_columns",
                              message=_phrase("unused_columns", columns=cols_text),
                              details={"columns": cols_text}))
    if raw.nfc_normalised:
        notices.append(Notice(code="nfc_normalised",
                              message=_phrase("nfc", n=raw.nfc_normalised),
                              details={"cells": raw.nfc_normalised}))
    typed = {k: v[keep] for k, v in cols.items()}
    return ValidInputs(columns=typed, rows=raw.rows[keep], rejected=rejected, notices=notices,
                       rows_in=n, clean_numbers=clean_numbers,
                       blanks={k: v[keep] for k, v in blanks.items()})


def _also(fields: Any, name: str, lang: str) -> str:
    """How a duplicate's second key is named: 'năm'/'year' for the year of a long table, else
    the field's title (e.g. the scorer of a row)."""
    f = fields.get(name)
    if f is None or f.role == "year":
        return "năm" if lang == "vi" else "year"
    return f.title.get(lang).lower() if lang == "en" else f.title.get(lang)


def _phrase(key: str, **kw: Any) -> Localized:
    return Localized(vi=phrase(key, "vi", **kw), en=phrase(key, "en", **kw))


def _did_you_mean(options: list[str]) -> tuple[str, str]:
    quoted = [f"'{o}'" for o in options]
    return (phrase("did_you_mean", "vi", options=phrase("or", "vi").join(quoted)),
            phrase("did_you_mean", "en", options=phrase("or", "en").join(quoted)))


def _missing_column(shown: str, f: InputField, unknown: list[str]) -> tuple[str, str]:
    """'column X is missing', with the file's unmatched headers closest to it, if any."""
    vi, en = phrase("missing_column", "vi", header=shown), phrase("missing_column", "en",
                                                                  header=shown)
    near = []
    for h in [f.title.vi, *f.aliases]:
        near += [c for c in closest(h, unknown, n=2, cutoff=0.55) if c not in near]
    if near:
        dv, de = _did_you_mean(near[:2])
        vi += f" — {dv} ({phrase('map_hint', 'vi')})"
        en += f" — {de} ({phrase('map_hint', 'en')})"
    return vi, en


def _unknown_unit(value: str, units: Any) -> tuple[str, str]:
    vi, en = phrase("unknown_unit", "vi"), phrase("unknown_unit", "en")
    shown = {}
    for u in units:
        shown[u.id] = u.id
        shown[u.name] = f"{u.name} ({u.id})"
        for a in getattr(u, "aliases", None) or ():
            shown[a] = f"{a} ({u.id})"
    near = closest(value, list(shown), n=2, cutoff=0.75)
    if near:
        dv, de = _did_you_mean(list(dict.fromkeys(shown[x] for x in near)))
        vi, en = f"{vi} — {dv}", f"{en} — {de}"
    return vi, en


class UnitMatcher:
    """Which registered unit a text names: its id, registered name or alias (or a column map's
    unit name), compared as typed, then without punctuation; then a unique ending of one
    registered name ('Bát Xát' for 'Hội CTĐ huyện Bát Xát'); then, as a last resort, without
    accents (``how`` is then 'plain', which the reader reports).

    >>> from types import SimpleNamespace as U
    >>> m = UnitMatcher([U(id="bat_xat", name="Hội CTĐ huyện Bát Xát", aliases=[])])
    >>> m.match("Bát Xát"), m.match("Hoi CTD huyen Bat Xat"), m.match("Sa Pa")
    (('bat_xat', 'name'), ('bat_xat', 'plain'), (None, ''))
    """

    def __init__(self, units: Any, given: dict[str, str] | None = None):
        self.units = list(units)
        self.given = {header_key(k): v for k, v in (given or {}).items()}
        self.exact: dict[str, str] = {}
        self.loose: dict[str, str] = {}
        self.plain: dict[str, str | None] = {}
        for u in self.units:
            for text in [u.id, u.name, *(getattr(u, "aliases", None) or ())]:
                self.exact.setdefault(header_key(text), u.id)
                self.loose.setdefault(loose_key(text), u.id)
                pk = plain_key(text)
                self.plain[pk] = u.id if self.plain.get(pk, u.id) == u.id else None

    def match(self, value: str) -> tuple[str | None, str]:
        k = header_key(value)
        uid = self.given.get(k) or self.exact.get(k) or self.loose.get(loose_key(value))
        if uid is not None:
            return uid, "name"
        lk = loose_key(value)
        ends = {u.id for u in self.units
                if lk and (" " + loose_key(u.name)).endswith(" " + lk)}
        if len(ends) == 1:
            return ends.pop(), "name"
        uid = self.plain.get(plain_key(value))
        return (uid, "plain") if uid is not None else (None, "")


def resolve_unit(value: str, units: Any) -> str | None:
    """The id of the registered unit ``value`` names (see :class:`UnitMatcher`), or None."""
    return UnitMatcher(units).match(value)[0]


def _resolve_units(cols: dict[str, np.ndarray], key: str, name_field: str | None,
                   raw: RawTable, units: Any, notices: list[Notice]) -> None:
    """Units given by registered name or alias (or by a column map's unit names) become their
    ids (see :class:`UnitMatcher`); so do the names of a table that has no id column at all."""
    matcher = UnitMatcher(units, raw.unit_names)
    ids = {u.id for u in matcher.units}
    names = {u.id: u.name for u in matcher.units}
    source = cols[key]
    from_names = key not in raw.frame.columns and name_field in raw.frame.columns
    if from_names:
        source = cols[name_field]
    pairs: list[str] = []
    out = source.copy()
    for value in pd.unique(source):
        if not isinstance(value, str) or value == "" or (value in ids and not from_names):
            continue
        uid, how = matcher.match(value)
        if uid is None or uid == value:
            continue
        out[source == value] = uid
        if how == "plain":
            notices.append(Notice(code="reader_units_plain", message=_phrase(
                "units_plain", given=value, name=names[uid]), details={"given": value}))
        pairs.append(f"{value} → {uid}")
    cols[key] = out
    if pairs:
        shown = "; ".join(pairs[:5]) + ("; …" if len(pairs) > 5 else "")
        notices.append(Notice(code="reader_units_from_names" if from_names else
                              "reader_units_by_name",
                              message=_phrase("units_by_name", n=len(pairs), pairs=shown),
                              details={"units": len(pairs)}))


def _excel_cells(s: pd.Series, name: str, header: str, probs: _Problems) -> pd.Series:
    """Cells holding an Excel error or a formula never computed (as the reader marked them) get
    their own problem, quoting the cell; they are then read as blank, and the row is not also
    reported as having a blank cell there."""
    if s.dtype != object:
        return s
    obj = s.to_numpy(dtype=object)
    err = np.fromiter((isinstance(v, ErrorCell) for v in obj), bool, len(obj))
    formula = np.fromiter((isinstance(v, FormulaCell) for v in obj), bool, len(obj))
    if not err.any() and not formula.any():
        return s
    for value in pd.unique(obj[err]):
        probs.add_mask(err & (obj == value), name, obj, "excel_error",
                       phrase("excel_error", "vi", value=value),
                       phrase("excel_error", "en", value=value), header)
    probs.add_mask(formula, name, obj, "formula_not_computed",
                   phrase("formula_not_computed", "vi"), phrase("formula_not_computed", "en"),
                   header)
    clean = obj.copy()
    clean[err | formula] = ""
    probs.quoted.setdefault(name, np.zeros(len(obj), dtype=bool))
    probs.quoted[name] |= err | formula
    return pd.Series(clean, index=s.index, dtype=object)


def _in_range(vals: np.ndarray, f: InputField) -> np.ndarray:
    ok = np.ones(len(vals), dtype=bool)
    with np.errstate(invalid="ignore"):
        if f.min is not None:
            ok &= ~(vals < f.min)
        if f.max is not None:
            ok &= ~(vals > f.max)
    return ok


def _empty_column(f: InputField, n: int) -> np.ndarray:
    if f.type in ("integer", "number", "percent"):
        return np.full(n, np.nan)
    if f.type == "date":
        return np.full(n, np.datetime64("NaT", "D"), dtype="datetime64[D]")
    if f.type == "bool":
        return np.zeros(n, dtype=bool)
    return np.full(n, "", dtype=object)
