"""numpy values as plain JSON-able Python values."""
from __future__ import annotations

import datetime as dt
from typing import Any
import numpy as np
import math


def plain(v: Any, integer: bool = False) -> Any:
    """A numpy value as a plain JSON-able Python value (NaN/NaT become None)."""
    if isinstance(v, np.datetime64):
        return None if np.isnat(v) else v.astype("datetime64[D]").astype(dt.date)
    if isinstance(v, (np.bool_, bool)):
        return bool(v)
    if isinstance(v, (np.floating, float)):
        if np.isnan(v):
            return None
        f = float(v)
        return int(f) if integer and f.is_integer() else f
    if isinstance(v, np.integer):
        return int(v)
    if isinstance(v, str):
        return v
    return v


def py(v: Any) -> Any:
    """A numpy scalar as a plain JSON-friendly Python value (NaN/NaT -> None)."""
    if isinstance(v, np.ndarray):
        v = v.item() if v.ndim == 0 else v
    if isinstance(v, (np.bool_, bool)):
        return bool(v)
    if isinstance(v, np.datetime64):
        return None if np.isnat(v) else v.astype("datetime64[D]").astype(dt.date)
    if isinstance(v, (np.floating, float)):
        f = float(v)
        if math.isnan(f):
            return None
        return int(f) if f.is_integer() and abs(f) < 2**53 else f
    if isinstance(v, np.integer):
        return int(v)
    return v
