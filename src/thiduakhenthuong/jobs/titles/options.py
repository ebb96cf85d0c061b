"""What an audit bundle records of a title run."""
from __future__ import annotations

import datetime as dt
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
    dossier_date: Optional[Day] = Field(default=None, description="the day the dossier was "
                                        "received (it may pick the legal regime)")
    regime: Optional[str] = Field(default=None, description="one regime's folder, applied "
                                  "instead of the one the declared rule picks")
    scores: bool = Field(default=False, description="cluster ranks taken from a scoring (its "
                                                    "rules and data are recorded beside)")
    overrides: list[Override] = Field(default_factory=list, description="council decisions "
                                      "applied after the rules (recorded as data)")

    def judged_year(self) -> Optional[int]:
        return self.year

    def regime_dates(self) -> tuple[Optional[dt.date], Optional[dt.date], Optional[str]]:
        return self.decision_date, self.dossier_date, self.regime
