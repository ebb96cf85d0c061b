"""Classification bands written as their sources write them ("81–90", "≥ 90", "dưới 50"), read
as half-open intervals declared once for the rule set (``meta.between_bands``)."""
from __future__ import annotations

import math
import re
from dataclasses import dataclass

_NUM = r"(\d+(?:[.,]\d+)?)"
_BETWEEN = re.compile(rf"^(?:từ\s*)?{_NUM}\s*(?:–|-|—|đến|to)\s*{_NUM}(?:\s*điểm)?$", re.I)
_AT_LEAST = re.compile(rf"^(?:≥|>=|từ|trên|>)\s*{_NUM}(?:\s*điểm)?(?:\s*trở lên)?$", re.I)
_AT_LEAST_SUFFIX = re.compile(rf"^{_NUM}(?:\s*điểm)?\s*trở lên$", re.I)
_AT_MOST = re.compile(rf"^(?:≤|<=|dưới|<|từ)?\s*{_NUM}(?:\s*điểm)?(?:\s*trở xuống)?$", re.I)


@dataclass(frozen=True)
class Range:
    """A band's bounds as written: ``low`` (None: no lower bound) to ``high`` (None: none);
    ``low_open``/``high_open`` when the text says "trên"/"dưới" (strictly above or below)."""
    low: float | None
    high: float | None
    low_open: bool = False
    high_open: bool = False


def _f(x: str) -> float:
    return float(x.replace(",", "."))


def parse_range(text: str) -> Range:
    """Read a band as written in a source.

    >>> parse_range("81–90"), parse_range("từ 90 điểm trở lên").low, parse_range("dưới 50").high
    (Range(low=81.0, high=90.0, low_open=False, high_open=False), 90.0, 50.0)
    >>> parse_range("60 trở xuống").high, parse_range("dưới 50").high_open
    (60.0, True)
    >>> parse_range("nhiều")
    Traceback (most recent call last):
    ...
    ValueError: cannot read the band 'nhiều'; write it as '81–90', '≥ 90' or '≤ 60'
    """
    t = " ".join(text.strip().split())
    m = _BETWEEN.match(t)
    if m:
        return Range(_f(m.group(1)), _f(m.group(2)))
    m = _AT_LEAST.match(t) or _AT_LEAST_SUFFIX.match(t)
    if m and ("trở xuống" not in t):
        return Range(_f(m.group(1)), None, low_open=t.startswith(("trên", ">")) and
                     not t.startswith(">="))
    m = _AT_MOST.match(t)
    if m and (t[:1] in "≤<" or t.startswith(("dưới", "<=")) or "trở xuống" in t):
        return Range(None, _f(m.group(1)), high_open=t.startswith(("dưới", "<")) and
                     not t.startswith("<="))
    raise ValueError(f"cannot read the band '{text}'; write it as '81–90', '≥ 90' or '≤ 60'")


def thresholds(ranges: list[Range | None], between: str | None) -> list[tuple[float, bool] | None]:
    """For bands listed from the highest down, each band's threshold as (value, strict): a total
    reaches the band when total ≥ value (or > value when strict). ``between`` ('lower' or
    'upper') places a total that falls between two written bands.

    >>> rs = [parse_range("81–90"), parse_range("71–80"), parse_range("≤ 70")]
    >>> thresholds(rs, "lower"), thresholds(rs, "upper")
    ([(81.0, False), (71.0, False), None], [(80.0, True), (70.0, True), None])
    """
    out: list[tuple[float, bool] | None] = []
    for i, r in enumerate(ranges):
        if r is None or i == len(ranges) - 1:
            out.append(None)
            continue
        below = ranges[i + 1]
        if between == "upper" and below is not None and below.high is not None:
            out.append((below.high, not below.high_open))
        elif r.low is not None:
            out.append((r.low, r.low_open))
        else:
            out.append((-math.inf, False))
    return out


def overlaps(ranges: list[Range]) -> str | None:
    """Why bands listed from the highest down are not in order, or None.

    >>> overlaps([parse_range("71–80"), parse_range("81–90")])
    "band '81–90' is above the band before it: list the bands from the highest down"
    """
    for upper, lower in zip(ranges, ranges[1:]):
        if upper.low is None or lower.high is None:
            continue
        if lower.high > upper.low or (lower.high == upper.low and not (upper.low_open or
                                                                        lower.high_open)):
            hi = lower.high if lower.low is None else f"{lower.low:g}–{lower.high:g}"
            return (f"band '{hi}' is above the band before it: list the bands from the "
                    "highest down")
    return None
