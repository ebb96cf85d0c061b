"""What an audit bundle records of a scoring run."""
from __future__ import annotations

from typing import Literal, Optional

from pydantic import Field

from ...core.dates import Day
from ...core.job import JobOptions
from ...core.trace import Override


class ScoreJob(JobOptions):
    """``tdkt score``: year-end scoring of units."""
    kind: Literal["score"] = "score"
    as_of: Optional[Day] = Field(default=None, description="parameters in force on this day "
                                                               "(default: the rule set's period)")
    overrides: list[Override] = Field(default_factory=list, description="council decisions "
                                      "applied after the rules (recorded as data)")
