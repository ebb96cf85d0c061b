"""What an audit bundle records of a delegate selection."""
from __future__ import annotations

import datetime as dt
from typing import Literal, Optional
from ...core.job import _Job


class DelegatesJob(_Job):
    """``tdkt delegates``: conference delegates for a level."""
    kind: Literal["delegates"] = "delegates"
    level: str
    as_of: Optional[dt.date] = None
