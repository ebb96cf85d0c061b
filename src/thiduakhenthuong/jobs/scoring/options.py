"""What an audit bundle records of a scoring run."""
from __future__ import annotations

import datetime as dt
from typing import Literal, Optional
from pydantic import Field
from ...core.trace import Override
from ...core.job import _Job


class ScoreJob(_Job):
    """``tdkt score``: year-end scoring of units."""
    kind: Literal["score"] = "score"
    as_of: Optional[dt.date] = Field(default=None, description="parameters in force on this day "
                                                               "(default: the rule set's period)")
    overrides: list[Override] = Field(default_factory=list, description="council decisions "
                                      "applied after the rules (recorded as data)")
