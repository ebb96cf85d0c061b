"""Typed results of a title run: one decision per subject per title, with everything it checked.
JSON-serialisable; shares Problem/RejectedRow/Notice/ParameterUse with scoring."""
from __future__ import annotations

import datetime as dt
from typing import Literal, Optional

from pydantic import Field

from ...core.models import Localized, Out
from ...rulebook.regimes import RegimeChoice
from ...core.trace import (CheckTrace, Notice, OverrideApplied, ParameterUse, RejectedRow, Status,
                           Value)

Outcome = Literal["eligible", "not_eligible", "not_determinable"]


class SuccessionStep(Out):
    """One row of the unit succession table, as applied: ``from_unit`` continued as
    ``to_unit`` from ``on``."""
    row: int = Field(description="row of the succession table")
    from_unit: str
    from_name: Optional[str] = None
    to_unit: str
    to_name: Optional[str] = None
    on: dt.date
    document: str
    kind: Literal["rename", "merger", "split"]
    kind_title: Localized
    main: bool = False


class CarriedYears(Out):
    """Years a history function counted from another unit's rows: a person's years in a unit
    other than the judged year's, or a collective's years as its predecessor."""
    call: str = Field(description="the history function call, as in the check's history")
    years: list[int]
    unit_id: str
    unit_name: Optional[str] = None
    successions: list[SuccessionStep] = Field(
        default_factory=list, description="the successions leading from that unit to the "
        "subject's, oldest first; empty for a person's transfer no succession records")


class TitleCheckTrace(CheckTrace):
    """A check of a title, with the years it counted in other units."""
    carried: list[CarriedYears] = Field(default_factory=list)
    histories: int = Field(default=1, description="how many histories the check was read "
                           "with (a merged collective under the policy 'all': one per "
                           "predecessor; it holds only if it holds with each)")
    history_of: Optional[str] = Field(default=None, description="where several histories were "
                                      "read: the predecessor whose years decided")
    history_of_name: Optional[str] = None


class SuccessionReport(Out):
    """The unit succession table of a run: rows in = applied + later + rejected."""
    source: Optional[str] = None
    merger_policy: str
    rows_in: int
    applied: int
    later: int
    rejected: int
    applied_rows: list[SuccessionStep] = Field(default_factory=list)
    later_rows: list[SuccessionStep] = Field(default_factory=list)


class RouteTrace(Out):
    id: str
    title: Localized
    status: Status


class ExclusionTrace(Out):
    id: str
    title: Localized
    cite: str
    status: Literal["applies", "clear", "unknown"]
    expression: str
    values: dict[str, Value]
    basis: Localized = Field(description="what the exclusion rests on, in the reader's words")


class QuotaTrace(Out):
    """Where a cap applied: this candidate's place among the group's eligible candidates."""
    group: str
    holders_of: str
    holders: int
    share: float
    cap: int
    eligible_in_group: int
    rank: int
    selected: bool
    keys: list[str]
    decided_by: Optional[str] = Field(default=None, description="the key that separated this "
                                      "candidate from the neighbour across the cut-off")
    neighbour: Optional[str] = None
    own_value: Value = None
    neighbour_value: Value = None


class PrizeTrace(Out):
    multiplier: float
    base_salary: float
    base_salary_from: dt.date
    decision_date: dt.date
    rounding: float
    amount: float
    cite: str


class TitleDecision(Out):
    """The explained decision on one title for one person or unit."""
    subject: Literal["person", "unit"]
    subject_id: str
    name: Optional[str] = None
    unit_id: Optional[str] = Field(default=None, description="a person's unit")
    row: int
    title_id: str
    title: Localized
    kind: Literal["title", "form"]
    cite: str
    decided_by: Optional[Localized] = None
    outcome: Outcome
    proposed: bool = Field(description="eligible and within any quota")
    checks: list[TitleCheckTrace]
    routes: list[RouteTrace] = Field(default_factory=list)
    route_used: Optional[str] = None
    exclusions: list[ExclusionTrace] = Field(default_factory=list)
    quota: Optional[QuotaTrace] = None
    prize: Optional[PrizeTrace] = None
    missing_evidence: list[str] = Field(default_factory=list)
    needs: list[Localized] = Field(default_factory=list, description="what it takes")
    caveats: list[Localized] = Field(default_factory=list, description="what the regime in force "
                                     "says every decision must carry (e.g. a text only reported)")


class TitleTotal(Out):
    title_id: str
    title: Localized
    eligible: int
    not_eligible: int
    not_determinable: int
    proposed: int
    prize_total: float


class TitleReport(Out):
    """A whole title run as one serialisable document."""
    ruleset_id: str
    ruleset_version: str
    ruleset_hash: str
    regime: str
    regime_choice: Optional[RegimeChoice] = Field(default=None, description="which legal regime "
                                                  "applied, and why")
    year: int
    decision_date: dt.date
    sources: list[str]
    rows_in: int
    rows_judged: int
    rows_history: int
    rows_ignored: int
    rejected_count: int
    decisions: list[TitleDecision]
    totals: list[TitleTotal]
    parameters: list[ParameterUse]
    rejected: list[RejectedRow]
    warnings: list[Notice]
    overrides: list[OverrideApplied] = Field(
        default_factory=list, description="council decisions beside the rule-derived proposals")
    successions: Optional[SuccessionReport] = Field(default=None, description="the unit "
                                                    "succession table, when the data had one")
