"""Typed results of delegate selection and conference-plan checks. JSON-serialisable."""
from __future__ import annotations

import datetime as dt
from typing import Literal, Optional

from pydantic import Field

from ...core.models import Localized, Out
from ...core.trace import CheckTrace, Notice, ParameterUse, RejectedRow, Value

Seat = Literal["invited", "reserved", "open"]


class HeldOn(Out):
    """The day a conference is held, and where that day comes from."""
    day: dt.date
    source: Literal["plan", "rules"] = Field(description="a chapter's plan, or the last day "
                                                         "the rule set allows the level")
    chapter_id: Optional[str] = None
    row: Optional[int] = Field(default=None, description="the plan's row")
    cite: Optional[str] = None
    text: Localized


class AwardUse(Out):
    """One dated award of a candidate, and whether it counts (period, conference day)."""
    row: int = Field(description="the awards table's row")
    award: Localized = Field(description="what the award is (level, title, decision)")
    decided_on: dt.date
    counted_in: list[str] = Field(default_factory=list, description="the count fields it adds to")
    status: Literal["counted", "before_period", "after_period", "after_conference", "no_count"]
    reason: Localized


class AwardsSummary(Out):
    """How the rows of the awards table were used: they reconcile with its rows in."""
    source: str
    rows_in: int
    counted: int
    not_counted: int
    not_judged: int = Field(description="awards of candidates not judged at this level (of "
                                        "other levels, or whose row was rejected)")
    rejected: int


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
    after_conference: list[str] = Field(default_factory=list, description="attested fields "
                                        "dated after the conference day: they do not count")
    awards: list[AwardUse] = Field(default_factory=list, description="dated awards, counted "
                                                                     "or not, when the data "
                                                                     "have them")
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
    held: Optional[HeldOn] = Field(default=None, description="the conference day (cutoff)")
    higher_conference: Optional[str] = Field(default=None, description="the higher conference "
                                                                       "it reports to, if stated")
    next_level: Optional[str] = None
    next_level_title: Optional[Localized] = None
    next_cap: Optional[int] = None


class ForwardingCheck(Out):
    """The honourees that conferences reporting to one higher conference forward together
    (§II.3 item 8), against that conference's cap (§III.3)."""
    higher_conference: Optional[str] = Field(description="None: the data do not name it")
    assumed: bool = Field(description="grouped by the reading when_unstated, not by the data")
    level: str
    level_title: Localized
    next_level: str
    next_level_title: Localized
    cap: int
    cite: str
    conferences: dict[str, int] = Field(description="honourees forwarded, per conference")
    forwarded: int
    over: int = Field(description="how many more than the cap (0 when within it)")
    severity: Literal["ok", "warning", "error"]
    message: Localized
    parameter: Optional[str] = Field(default=None, description="the reading used, if assumed")


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
    forwarding: list[ForwardingCheck] = Field(default_factory=list)
    awards: Optional[AwardsSummary] = None
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
