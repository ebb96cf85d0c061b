"""What an audit bundle records of a title run."""
from __future__ import annotations

from typing import Literal, Optional

from pydantic import Field

from ...core.dates import Day
from ...core.job import JobOptions
from ...core.trace import Override


class TitlesJob(JobOptions):
    """``tdkt titles``: honour titles for a year."""
    kind: Literal["titles"] = "titles"
    year: int = Field(description="the year judged")
    decision_date: Optional[Day] = Field(default=None, description="the day of the award "
                                             "decision (default: the rule set's usual day)")
    scores: bool = Field(default=False, description="cluster ranks taken from a scoring (its "
                                                    "rules and data are recorded beside)")
    overrides: list[Override] = Field(default_factory=list, description="council decisions "
                                      "applied after the rules (recorded as data)")

    def judged_year(self) -> Optional[int]:
        return self.year
