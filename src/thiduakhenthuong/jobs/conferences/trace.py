"""Typed results of delegate selection and conference-plan checks. JSON-serialisable."""
from __future__ import annotations

import datetime as dt
from typing import Literal, Optional

from pydantic import Field

from ...core.models import Localized, Out
from ...core.trace import CheckTrace, Notice, ParameterUse, RejectedRow, Value

Seat = Literal["invited", "reserved", "open"]


class DelegateDecision(Out):
    """Whether a candidate may be a delegate, and whether they were selected, and why."""
    candidate_id: str
    name: Optional[str] = None
    kind: Optional[str] = None
    group: str
    group_title: Localized
    conference: str
    row: int
    outcome: Literal["eligible", "not_eligible", "not_determinable"]
    held_to_standards: bool
    checks: list[CheckTrace] = Field(default_factory=list)
    missing_evidence: list[str] = Field(default_factory=list)
    merit: dict[str, Value] = Field(description="merit key values, in order")
    rank: Optional[int] = Field(default=None, description="place in the conference's merit "
                                                          "order among eligible candidates")
    selected: bool
    seat: Optional[Seat] = None
    reason: Localized
    decided_by: Optional[str] = Field(default=None, description="merit key that separated this "
                                                                "candidate from the last one in")
    neighbour: Optional[str] = None
    own_value: Value = None
    neighbour_value: Value = None
    forwarded: bool = Field(default=False, description="sent on to the higher-level conference")


class ConferenceSummary(Out):
    conference: str
    level: str
    level_title: Localized
    cap: int
    cap_cite: str
    candidates: int
    eligible: int
    selected: int
    by_group: dict[str, int]
    seats: dict[str, dict[str, int]] = Field(description="per group: min and max seats")
    forwarded: int
    next_level: Optional[str] = None
    next_level_title: Optional[Localized] = None
    next_cap: Optional[int] = None


class DelegateReport(Out):
    ruleset_id: str
    ruleset_version: str
    ruleset_hash: str
    level: str
    source: str
    rows_in: int
    rows_judged: int
    rows_other_levels: int
    rejected_count: int
    conferences: list[ConferenceSummary]
    decisions: list[DelegateDecision]
    parameters: list[ParameterUse]
    rejected: list[RejectedRow]
    warnings: list[Notice]


class Finding(Out):
    """One problem found in a chapter's conference plan or report."""
    chapter_id: str
    name: Optional[str] = None
    row: int
    severity: Literal["error", "warning"]
    code: str
    message: Localized
    cite: str
    level: Optional[str] = Field(default=None, description="the declared level it concerns")
    level_title: Optional[Localized] = None
    values: dict[str, Value] = Field(default_factory=dict)


class PlanReport(Out):
    ruleset_id: str
    source: str
    rows_in: int
    checked: int
    rejected_count: int
    findings: list[Finding]
    compliant: list[str]
    reports_checked: int = 0
    report_level: Optional[str] = Field(default=None, description="the level whose reports "
                                                                  "were checked")
    report_level_title: Optional[Localized] = None
    report_deadline: Optional[dt.date] = None
    rejected: list[RejectedRow]
    warnings: list[Notice]
