"""The functions a rule expression may call: each declared once, with how many arguments it
takes, what it reads (the row, a subject's history of years, a unit's members), the types it
accepts and returns, how it is computed and what it means in Vietnamese and English.

The parser, the type checker, the evaluator and the rule catalogue all read this table, so a new
function is one entry here.

>>> FUNCTIONS["ratio"].arity_text(), FUNCTIONS["streak"].reads
('2', 'history')
>>> sorted(f.name for f in FUNCTIONS.values() if f.reads == "members")
['members_count', 'members_share']
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable, Literal, Optional

import numpy as np

from ..errors import ExpressionError

NUMBER, BOOL, TEXT, DATE, LIST = "number", "bool", "text", "date", "list"

#: What a function reads besides its arguments' own values.
Reads = Literal["row", "history", "members"]


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
]

#: Every function an expression may call, by name.
FUNCTIONS: dict[str, Function] = {f.name: f for f in _ALL}
#: Functions that read a subject's history of years (title rules only).
WINDOW_FUNCTIONS = frozenset(f.name for f in _ALL if f.reads == "history")
#: Functions that read a unit's members (collective title rules only).
MEMBER_FUNCTIONS = frozenset(f.name for f in _ALL if f.reads == "members")
