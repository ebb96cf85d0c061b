"""The functions a rule expression may call: each declared once, with how many arguments it
takes, what it reads (the row, a subject's history of years, a unit's members), the types it
accepts and returns, how it is computed and what it means in Vietnamese and English.

The parser, the type checker, the evaluator and the rule catalogue all read this table, so a new
function is one entry here.

>>> FUNCTIONS["ratio"].arity_text(), FUNCTIONS["streak"].reads
('2', 'history')
>>> sorted(f.name for f in FUNCTIONS.values() if f.reads == "members")
['members_count', 'members_share']
>>> sorted(f.name for f in FUNCTIONS.values() if f.reads == "group")[:3]
['group_count', 'group_max', 'group_mean']
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable, Literal, Optional

import numpy as np

from ..errors import ExpressionError

NUMBER, BOOL, TEXT, DATE, LIST = "number", "bool", "text", "date", "list"

#: What a function reads besides its arguments' own values: the row, a subject's history of
#: years, a unit's members, or every row of the unit's group (a value computed over a group).
Reads = Literal["row", "history", "members", "group"]


def need(kind: str, allowed: tuple[str, ...], op: str, src: str) -> None:
    """Raise an :class:`ExpressionError` unless ``kind`` is one of ``allowed``."""
    if kind not in allowed:
        raise ExpressionError(f"'{op}' needs {' or '.join(allowed)}, got {kind}", src)


def comparable(a: str, b: str) -> bool:
    """Whether values of types ``a`` and ``b`` can be compared (a text literal beside a date
    is read as an ISO date, '2023-03-31')."""
    if a == b:
        return True
    if a in (NUMBER, BOOL) and b in (NUMBER, BOOL):
        return True
    return {a, b} == {DATE, TEXT}


@dataclass(frozen=True)
class Function:
    """One function of the expression language.

    ``result(kinds, src)`` checks the argument types and returns the result type; ``compute``
    takes the evaluated arguments (row functions), the arguments as year grids (history
    functions: subjects x years, judged year last) or, for member functions, the count of
    members for whom the condition holds and each unit's number of members."""
    name: str
    min_args: int
    max_args: Optional[int]
    reads: Reads
    result: Callable[[list[str], str], str]
    compute: Callable[..., Any]
    vi: str                     # its name, in a catalogue's legend
    en: str
    args: str                   # its arguments as the legend shows them (Vietnamese separators)
    meaning_vi: str
    meaning_en: str
    #: History functions: the mask (subjects x years) of the years that count, for traces.
    counted: Optional[Callable[..., np.ndarray]] = None

    def phrase(self, lang: str) -> Optional[str]:
        """How a call reads in a sentence, its arguments as {0}, {1}, … (all of them, joined,
        as {all}), from :data:`PHRASES`; None where it reads as its name and arguments."""
        return self.phrase_of(self.name, lang)

    @staticmethod
    def phrase_of(key: str, lang: str) -> Optional[str]:
        """The phrase ``key`` of :data:`PHRASES` in ``lang`` (None when there is none)."""
        p = PHRASES.get(key)
        return None if p is None else p[lang == "en"]

    def arity_text(self) -> str:
        """How many arguments it takes, in words."""
        lo, hi = self.min_args, self.max_args
        return f"{lo}" if lo == hi else (f"at least {lo}" if hi is None else f"{lo} to {hi}")

    def words(self, lang: str) -> tuple[str, str]:
        """Its name and its meaning in ``lang``."""
        return (self.en, self.meaning_en) if lang == "en" else (self.vi, self.meaning_vi)


# --- computations ------------------------------------------------------------------------------
def as_number(x: Any) -> Any:
    """Booleans as 0/1, everything else as it is."""
    if isinstance(x, np.ndarray):
        return x.astype(np.float64) if x.dtype == bool else x
    if isinstance(x, (bool, np.bool_)):
        return float(x)
    return x


def is_date(x: Any) -> bool:
    """Whether ``x`` is a date or an array of dates."""
    return isinstance(x, (np.ndarray, np.datetime64)) and np.asarray(x).dtype.kind == "M"


def is_text(x: Any) -> bool:
    """Whether ``x`` is text or an array of text."""
    return isinstance(x, str) or (isinstance(x, np.ndarray) and x.dtype == object)


def align_dates(a: Any, b: Any) -> tuple[Any, Any]:
    """Read a text literal beside a date as a date."""
    if is_date(a) and isinstance(b, str):
        return a, np.datetime64(b, "D")
    if is_date(b) and isinstance(a, str):
        return np.datetime64(a, "D"), b
    return a, b


def trailing_run(cond: np.ndarray, stop: Optional[np.ndarray] = None) -> np.ndarray:
    """Per row of ``cond`` (subjects x years, judged year last): a mask of the years in the
    unbroken run that ends at the judged year. A past year where ``stop`` holds ends the run
    before it (its achievement was already used).

    >>> trailing_run(np.array([[True, True, False, True, True]])).tolist()
    [[False, False, False, True, True]]
    """
    cond = np.asarray(cond, dtype=bool)
    out = np.zeros(cond.shape, dtype=bool)
    alive = np.ones(cond.shape[0], dtype=bool)
    last = cond.shape[1] - 1
    for j in range(last, -1, -1):
        if stop is not None and j < last:
            alive &= ~np.asarray(stop[:, j], dtype=bool)
        alive &= cond[:, j]
        out[:, j] = alive
        if not alive.any():
            break
    return out


def _least(*args: Any) -> Any:
    out = as_number(args[0])
    for a in args[1:]:
        out = np.minimum(out, as_number(a))
    return out


def _greatest(*args: Any) -> Any:
    out = as_number(args[0])
    for a in args[1:]:
        out = np.maximum(out, as_number(a))
    return out


def _ratio(a: Any, b: Any) -> Any:
    a, b = as_number(a), as_number(b)
    # A target of zero asks for nothing: it is met in full.
    return np.where(np.equal(b, 0), np.where(np.isnan(a), np.nan, 1.0), np.true_divide(a, b))


def _iif(c: Any, x: Any, y: Any) -> Any:
    if isinstance(x, (bool, np.bool_)) != isinstance(y, (bool, np.bool_)):
        x, y = as_number(x), as_number(y)
    return np.where(np.asarray(c, dtype=bool), x, y)


def _missing(v: Any) -> Any:
    if is_date(v):
        return np.isnat(v)
    if is_text(v):
        arr = np.asarray(v, dtype=object)
        return np.asarray((arr == None) | (arr == ""), dtype=bool)  # noqa: E711
    return np.isnan(as_number(np.asarray(v, dtype=float)))


def _days_late(d: Any, deadline: Any) -> np.ndarray:
    d, deadline = align_dates(d, deadline)
    d = np.asarray(d, dtype="datetime64[D]")
    deadline = np.asarray(deadline, dtype="datetime64[D]")
    present = ~np.isnat(d) & ~np.isnat(deadline)
    days = np.where(present, (d - deadline).astype("timedelta64[D]").astype(np.int64), 0)
    return np.maximum(days, 0).astype(np.float64)


def _late(d: Any, deadline: Any) -> np.ndarray:
    return (_days_late(d, deadline) > 0).astype(np.float64)


def months_between(a: Any, b: Any) -> np.ndarray:
    """Whole months from ``a`` to ``b`` (15 Mar -> 14 Apr is 0, -> 15 Apr is 1); NaN if missing.

    >>> months_between(np.datetime64("2024-03-15"), np.datetime64("2024-04-15")).item()
    1.0
    """
    a, b = align_dates(a, b)
    a = np.asarray(a, dtype="datetime64[D]")
    b = np.asarray(b, dtype="datetime64[D]")
    missing = np.isnat(a) | np.isnat(b)
    am = a.astype("datetime64[M]")
    bm = b.astype("datetime64[M]")
    months = (bm - am).astype(np.int64).astype(np.float64)
    a_day = (a - am.astype("datetime64[D]")).astype(np.int64)
    b_day = (b - bm.astype("datetime64[D]")).astype(np.int64)
    months = months - (b_day < a_day)
    return np.where(missing, np.nan, months)


def _streak_years(cond: np.ndarray, stop: Optional[np.ndarray] = None) -> np.ndarray:
    return trailing_run(cond.astype(bool), None if stop is None else stop.astype(bool))


def _streak(cond: np.ndarray, stop: Optional[np.ndarray] = None) -> np.ndarray:
    return _streak_years(cond, stop).sum(axis=1).astype(np.float64)


def _streak_count_years(run: np.ndarray, event: np.ndarray) -> np.ndarray:
    return trailing_run(run.astype(bool)) & event.astype(bool)


def _streak_count(run: np.ndarray, event: np.ndarray) -> np.ndarray:
    return _streak_count_years(run, event).sum(axis=1).astype(np.float64)


def _in_window(values: np.ndarray, width: np.ndarray) -> np.ndarray:
    offset = np.arange(values.shape[1])[::-1][None, :]     # 0 = judged year, 1 = year before...
    return offset < width[:, -1:]


def _years_sum(values: np.ndarray, width: np.ndarray) -> np.ndarray:
    vals = np.nan_to_num(as_number(values).astype(np.float64))
    return np.where(_in_window(vals, width), vals, 0.0).sum(axis=1)


def _years_sum_years(values: np.ndarray, width: np.ndarray) -> np.ndarray:
    vals = np.nan_to_num(as_number(values).astype(np.float64))
    return _in_window(vals, width) & (vals != 0)


def _share(count: np.ndarray, n: np.ndarray) -> np.ndarray:
    return np.where(n > 0, count / np.maximum(n, 1), np.nan)


# --- values computed over a group ------------------------------------------------------------
def group_codes(by: Any, n: int) -> np.ndarray:
    """Integer codes of the groups named by ``by`` (one code per distinct value; every row in
    one group when ``by`` is None).

    >>> group_codes(np.array(["b", "a", "b"], dtype=object), 3).tolist()
    [1, 0, 1]
    """
    if by is None:
        return np.zeros(n, dtype=np.int64)
    arr = np.broadcast_to(np.asarray(by), (n,))
    if arr.dtype.kind in "fiub":
        _, inv = np.unique(arr.astype(np.float64), return_inverse=True)
    else:
        _, inv = np.unique(arr.astype(str), return_inverse=True)
    return inv.astype(np.int64).reshape(-1)


def group_aggregate(values: Any, codes: np.ndarray, how: str) -> np.ndarray:
    """Per row, ``how`` ('sum', 'mean', 'min', 'max', 'count', 'size') of ``values`` over the
    rows of its group (missing values are left out; a group with none gives NaN, or 0 for sum
    and count).

    >>> codes = np.array([0, 0, 1])
    >>> group_aggregate(np.array([2.0, 4.0, np.nan]), codes, "max").tolist()
    [4.0, 4.0, nan]
    >>> group_aggregate(np.array([2.0, 4.0, 5.0]), codes, "mean").tolist()
    [3.0, 3.0, 5.0]
    """
    n = len(codes)
    v = np.broadcast_to(as_number(np.asarray(values)), (n,)).astype(np.float64)
    k = int(codes.max()) + 1 if n else 0
    present = ~np.isnan(v)
    if how == "size":
        return np.bincount(codes, minlength=k)[codes].astype(np.float64)
    cnt = np.bincount(codes, weights=present.astype(np.float64), minlength=k)
    if how == "count":
        return np.bincount(codes, weights=np.where(present, v != 0, 0).astype(np.float64),
                           minlength=k)[codes]
    tot = np.bincount(codes, weights=np.where(present, v, 0.0), minlength=k)
    if how == "sum":
        return tot[codes]
    if how == "mean":
        with np.errstate(invalid="ignore", divide="ignore"):
            return np.where(cnt > 0, tot / np.maximum(cnt, 1), np.nan)[codes]
    fill = np.inf if how == "min" else -np.inf
    out = np.full(k, fill)
    (np.minimum if how == "min" else np.maximum).at(out, codes, np.where(present, v, fill))
    return np.where(cnt > 0, out, np.nan)[codes]


def group_rank(values: Any, codes: np.ndarray) -> np.ndarray:
    """Per row, 1 + the number of rows of its group with a larger value (equal values share a
    rank: 1, 2, 2, 4); missing values have no rank.

    >>> group_rank(np.array([90.0, 95.0, 90.0, 80.0]), np.zeros(4, dtype=np.int64)).tolist()
    [2.0, 1.0, 2.0, 4.0]
    """
    n = len(codes)
    v = np.broadcast_to(as_number(np.asarray(values)), (n,)).astype(np.float64)
    out = np.full(n, np.nan)
    present = ~np.isnan(v)
    idx = np.nonzero(present)[0]
    if not len(idx):
        return out
    order = idx[np.lexsort((-v[idx], codes[idx]))]
    g, x = codes[order], v[order]
    new_group = np.r_[True, g[1:] != g[:-1]]
    new_value = new_group | np.r_[True, x[1:] != x[:-1]]
    pos = np.arange(len(order))
    start = np.maximum.accumulate(np.where(new_group, pos, 0))
    first = np.maximum.accumulate(np.where(new_value, pos, 0))
    out[order] = (first - start + 1).astype(np.float64)
    return out


def _group(how: str) -> Callable[..., np.ndarray]:
    def compute(values: Any, codes: np.ndarray) -> np.ndarray:
        return group_rank(values, codes) if how == "rank" else \
            group_aggregate(values, codes, how)
    return compute


# --- types -------------------------------------------------------------------------------------
def _numbers(name: str) -> Callable[[list[str], str], str]:
    def result(kinds: list[str], src: str) -> str:
        for k in kinds:
            need(k, (NUMBER, BOOL), name, src)
        return NUMBER
    return result


def _dates(name: str) -> Callable[[list[str], str], str]:
    def result(kinds: list[str], src: str) -> str:
        for k in kinds:
            need(k, (DATE,), name, src)
        return NUMBER
    return result


def _conditions(name: str) -> Callable[[list[str], str], str]:
    def result(kinds: list[str], src: str) -> str:
        for k in kinds:
            need(k, (BOOL,), name, src)
        return NUMBER
    return result


def _iif_type(kinds: list[str], src: str) -> str:
    need(kinds[0], (BOOL,), "iif condition", src)
    if not comparable(kinds[1], kinds[2]):
        raise ExpressionError("both branches of iif must have the same type", src)
    return NUMBER if BOOL in kinds[1:] and NUMBER in kinds[1:] else kinds[1]


def _group_type(name: str, want: tuple[str, ...]) -> Callable[[list[str], str], str]:
    def result(kinds: list[str], src: str) -> str:
        need(kinds[0], want, name, src)
        if len(kinds) > 1:
            need(kinds[1], (TEXT,), f"{name} (the grouping)", src)
        return NUMBER
    return result


def _years_sum_type(kinds: list[str], src: str) -> str:
    need(kinds[0], (NUMBER, BOOL), "years_sum", src)
    need(kinds[1], (NUMBER,), "years_sum (number of years)", src)
    return NUMBER


# --- the table ---------------------------------------------------------------------------------
_ALL = [
    Function("min", 2, None, "row", _numbers("min"), _least, "nhỏ nhất", "least of", "a; b; …",
             "giá trị nhỏ nhất trong các đối số", "the smallest of the arguments"),
    Function("max", 2, None, "row", _numbers("max"), _greatest, "lớn nhất", "greatest of",
             "a; b; …", "giá trị lớn nhất trong các đối số", "the largest of the arguments"),
    Function("abs", 1, 1, "row", _numbers("abs"), lambda x: np.abs(as_number(x)),
             "trị tuyệt đối", "absolute value", "x", "giá trị tuyệt đối của x",
             "the absolute value of x"),
    Function("ratio", 2, 2, "row", _numbers("ratio"), _ratio, "tỷ lệ", "ratio", "a; b",
             "a ÷ b; bằng 1 khi b bằng 0 (không giao chỉ tiêu là đạt); không có giá trị khi "
             "thiếu a", "a ÷ b; 1 when b is 0 (nothing asked counts as met); missing when a is"),
    Function("iif", 3, 3, "row", _iif_type, _iif, "nếu", "if", "c; x; y",
             "x khi điều kiện c đúng, y khi sai", "x where condition c holds, else y"),
    Function("missing", 1, 1, "row", lambda kinds, src: BOOL, _missing, "để trống", "blank", "x",
             "đúng khi ô x để trống", "true where cell x was left empty"),
    Function("late", 2, 2, "row", _dates("late"), _late, "nộp muộn", "late", "a; b",
             "1 khi ngày a sau hạn b; 0 khi đúng hạn hoặc thiếu ngày",
             "1 when date a is after deadline b; 0 when on time or either date is missing"),
    Function("days_late", 2, 2, "row", _dates("days_late"), _days_late, "số ngày muộn",
             "days late", "a; b", "số ngày a trễ so với hạn b; 0 khi đúng hạn hoặc thiếu ngày",
             "days by which a is after deadline b; 0 when on time or missing"),
    Function("months_between", 2, 2, "row", _dates("months_between"), months_between, "số tháng",
             "months between", "a; b", "số tháng tròn từ ngày a đến ngày b",
             "whole months from date a to date b"),
    Function("streak", 1, 2, "history", _conditions("streak"), _streak, "số năm liên tục",
             "consecutive years", "c; d",
             "số năm liên tục, kết thúc ở năm được xét, mà c đúng; nếu có d thì không tính "
             "lùi qua năm trước mà d đúng",
             "consecutive years, ending with the judged year, in which c holds; with d, not "
             "reaching back past a past year in which d holds", _streak_years),
    Function("streak_count", 2, 2, "history", _conditions("streak_count"), _streak_count,
             "số năm trong chuỗi", "years within run", "c; d",
             "trong chuỗi năm liên tục gần nhất mà c đúng, số năm d đúng",
             "within the latest unbroken run of years in which c holds, the years in which d "
             "holds", _streak_count_years),
    Function("years_sum", 2, 2, "history", _years_sum_type, _years_sum, "tổng qua các năm",
             "total over years", "v; n", "tổng v qua n năm gần nhất, kể cả năm được xét",
             "total of v over the last n years, the judged year included", _years_sum_years),
    Function("members_share", 1, 1, "members", _conditions("members_share"), _share,
             "tỷ lệ thành viên", "share of members", "c",
             "tỷ lệ (0–1) thành viên của tập thể trong năm được xét mà c đúng",
             "share (0–1) of the unit's members in the judged year for whom c holds"),
    Function("members_count", 1, 1, "members", _conditions("members_count"),
             lambda count, n: count, "số thành viên", "number of members", "c",
             "số thành viên của tập thể trong năm được xét mà c đúng",
             "number of the unit's members in the judged year for whom c holds"),
    Function("group_max", 1, 2, "group", _group_type("group_max", (NUMBER, BOOL)), _group("max"),
             "lớn nhất trong nhóm", "group's largest", "x; nhóm",
             "giá trị lớn nhất của x trong các đơn vị cùng nhóm (cùng giá trị của trường nhóm; "
             "không có nhóm là toàn bộ)",
             "the largest x among the units of the same group (the same value of the grouping "
             "field; no grouping: all units)"),
    Function("group_min", 1, 2, "group", _group_type("group_min", (NUMBER, BOOL)), _group("min"),
             "nhỏ nhất trong nhóm", "group's smallest", "x; nhóm",
             "giá trị nhỏ nhất của x trong các đơn vị cùng nhóm",
             "the smallest x among the units of the same group"),
    Function("group_mean", 1, 2, "group", _group_type("group_mean", (NUMBER, BOOL)),
             _group("mean"), "trung bình nhóm", "group's mean", "x; nhóm",
             "trung bình của x trong các đơn vị cùng nhóm (bỏ qua ô trống)",
             "the mean of x over the units of the same group (blanks left out)"),
    Function("group_sum", 1, 2, "group", _group_type("group_sum", (NUMBER, BOOL)), _group("sum"),
             "tổng nhóm", "group's total", "x; nhóm", "tổng của x trong các đơn vị cùng nhóm",
             "the total of x over the units of the same group"),
    Function("group_count", 1, 2, "group", _group_type("group_count", (BOOL,)), _group("count"),
             "số đơn vị trong nhóm", "units in group", "c; nhóm",
             "số đơn vị cùng nhóm mà c đúng (group_count(true, nhóm) là số đơn vị của nhóm)",
             "the number of units of the same group for which c holds (group_count(true, g) is "
             "the group's size)"),
    Function("group_rank", 1, 2, "group", _group_type("group_rank", (NUMBER, BOOL)),
             _group("rank"), "thứ hạng trong nhóm", "rank in group", "x; nhóm",
             "thứ hạng của x trong nhóm, 1 là lớn nhất; giá trị bằng nhau cùng hạng (đồng hạng)",
             "the rank of x in its group, 1 for the largest; equal values share a rank"),
]

#: How each call reads in a sentence of an explanation or the catalogue (Vietnamese, English):
#: the arguments in words as {0}, {1}, …, or all of them joined as {all}; {1?…} is said only
#: when a second argument is given.
PHRASES: dict[str, tuple[str, str]] = {
    "min": ("giá trị nhỏ nhất trong ({all})", "the least of ({all})"),
    "max": ("giá trị lớn nhất trong ({all})", "the greatest of ({all})"),
    "abs": ("trị tuyệt đối của {0}", "the absolute value of {0}"),
    "ratio": ("tỷ lệ {0} trên {1}", "the ratio of {0} to {1}"),
    "missing": ("{0} để trống", "{0} left blank"),
    "late": ("({0} sau {1}: 1, ngược lại 0)", "({0} after {1}: 1, else 0)"),
    "days_late": ("số ngày {0} chậm so với {1}", "the days {0} is after {1}"),
    "months_between": ("số tháng tròn từ {0} đến {1}", "the whole months from {0} to {1}"),
    "streak": ("số năm liên tục {0}{1? (không tính lùi qua năm }{1}{1?)}",
               "the consecutive years {0}{1? (not reaching back past a year }{1}{1?)}"),
    "streak_count": ("trong chuỗi năm liên tục gần nhất {0}, số năm {1}",
                     "within the latest run of years {0}, the years {1}"),
    "years_sum": ("tổng {0} trong {1} năm gần nhất", "the total of {0} over the last {1} years"),
    "years_count": ("số năm trong {1} năm gần nhất mà {0}",
                    "the years among the last {1} in which {0}"),
    "members_share": ("tỷ lệ thành viên {0}", "the share of members {0}"),
    "members_count": ("số thành viên {0}", "the number of members {0}"),
    "group_max": ("{0} cao nhất trong nhóm{1? theo }{1}", "the group's highest {0}{1? by }{1}"),
    "group_min": ("{0} thấp nhất trong nhóm{1? theo }{1}", "the group's lowest {0}{1? by }{1}"),
    "group_mean": ("{0} trung bình của nhóm{1? theo }{1}", "the group's mean {0}{1? by }{1}"),
    "group_sum": ("tổng {0} của nhóm{1? theo }{1}", "the group's total {0}{1? by }{1}"),
    "group_count": ("số đơn vị trong nhóm{1? theo }{1} có {0}",
                    "the units of the group{1? by }{1} with {0}"),
    "group_rank": ("thứ hạng về {0} trong nhóm{1? theo }{1}", "the rank by {0} in the group"
                   "{1? by }{1}"),
}

#: Every function an expression may call, by name.
FUNCTIONS: dict[str, Function] = {f.name: f for f in _ALL}
#: Functions that read a subject's history of years (title rules only).
WINDOW_FUNCTIONS = frozenset(f.name for f in _ALL if f.reads == "history")
#: Functions that read a unit's members (collective title rules only).
MEMBER_FUNCTIONS = frozenset(f.name for f in _ALL if f.reads == "members")
#: Functions that read every row of a unit's group (a value computed over a group).
GROUP_FUNCTIONS = frozenset(f.name for f in _ALL if f.reads == "group")
