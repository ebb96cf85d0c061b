"""What an audit bundle records of a delegate selection."""
from __future__ import annotations

from typing import Literal, Optional

from pydantic import Field

from ...core.dates import Day
from ...core.job import JobOptions


class DelegatesJob(JobOptions):
    """``tdkt delegates``: conference delegates for a level."""
    kind: Literal["delegates"] = "delegates"
    level: str = Field(description="the conference level: an id the rule set declares")
    as_of: Optional[Day] = Field(default=None, description="parameters in force on this day")
