"""What an audit bundle records of a title run."""
from __future__ import annotations

import datetime as dt
from typing import Literal, Optional
from pydantic import Field
from ...core.trace import Override
from ...core.job import _Job


class TitlesJob(_Job):
    """``tdkt titles``: honour titles for a year."""
    kind: Literal["titles"] = "titles"
    year: int
    decision_date: Optional[dt.date] = None
    scores: bool = Field(default=False, description="cluster ranks taken from a scoring (its "
                                                    "rules and data are recorded beside)")
    overrides: list[Override] = Field(default_factory=list, description="council decisions "
                                      "applied after the rules (recorded as data)")
