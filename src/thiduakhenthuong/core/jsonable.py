"""numpy values as plain JSON-able Python values: the one conversion every trace, report and
bundle uses, so the same value is written the same way wherever it appears."""
from __future__ import annotations

import datetime as dt
import math
from typing import Any

import numpy as np

# Integers beyond this are not exact in a float, so a float that large stays a float.
_EXACT = 2 ** 53


def plain(v: Any) -> Any:
    """A numpy value as a plain Python value: NaN and NaT become None, a whole number is an
    ``int`` (counts and amounts read the way people write them), dates are ``datetime.date``;
    mappings and lists are converted item by item.

    >>> plain(np.float64(470.0)), plain(np.float64(0.38)), plain(np.nan), plain(np.bool_(True))
    (470, 0.38, None, True)
    >>> plain(np.datetime64("2023-12-31")), plain({"huyen": 2.0}), plain(np.array(3.5))
    (datetime.date(2023, 12, 31), {'huyen': 2}, 3.5)
    """
    if isinstance(v, np.ndarray) and v.ndim == 0:
        v = v.item()
    if isinstance(v, (bool, np.bool_)):
        return bool(v)
    if isinstance(v, np.datetime64):
        return None if np.isnat(v) else v.astype("datetime64[D]").astype(dt.date)
    if isinstance(v, (float, np.floating)):
        f = float(v)
        if math.isnan(f):
            return None
        return int(f) if f.is_integer() and abs(f) < _EXACT else f
    if isinstance(v, np.integer):
        return int(v)
    if isinstance(v, dict):
        return {k: plain(x) for k, x in v.items()}
    if isinstance(v, (list, tuple)):
        return [plain(x) for x in v]
    return v
