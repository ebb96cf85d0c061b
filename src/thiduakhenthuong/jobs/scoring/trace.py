"""Typed results: decisions with their traces, rejected rows and warnings. JSON-serialisable."""
from __future__ import annotations

import datetime as dt
from typing import Any, Literal, Optional

from pydantic import Field

from ...core.models import Localized, Out
from ...core.trace import Notice, OverrideApplied, ParameterUse, RejectedRow, Value


class CriterionTrace(Out):
    """Everything one criterion saw and decided for one unit."""
    id: str
    title: Localized
    cite: str
    clause: Optional[str] = None
    applicable: bool
    inputs: dict[str, Value] = Field(description="input values read, by field name")
    achieved: Optional[float] = None
    target: Optional[float] = None
    ratio: Optional[float] = None
    condition: Optional[bool] = None
    met: bool
    method: str
    formula: str
    points: float
    max_points: float
    bonus: float = 0.0
    shortfall: Optional[float] = Field(default=None, description="target - achieved when short")
    unit: Optional[str] = None
    parameters: list[ParameterUse] = Field(default_factory=list)


class DeductionTrace(Out):
    id: str
    title: Localized
    cite: str
    inputs: dict[str, Value]
    formula: str
    raw_points: float
    points: float
    max_points: float
    parameters: list[ParameterUse] = Field(default_factory=list)


class VetoTrace(Out):
    id: str
    title: Localized
    cite: str
    criterion: str
    max_class: str
    applied: bool = Field(description="true when it lowered the class")


class TieBreak(Out):
    """How the order against a neighbour with the same leading keys was decided."""
    scope: Literal["cluster", "overall"]
    other_unit: str
    position: Literal["above", "below"]
    tied_on: list[str]
    decided_by: str
    own_value: Value
    other_value: Value


class Step(Out):
    """Raise one target: from what was achieved to what the step needs, for its points."""
    criterion: str
    title: Localized
    cite: str
    field: Optional[str] = Field(default=None, description="input field to raise, when the "
                                                           "target's achievement is one field")
    achieved: Optional[float] = None
    needed: Optional[float] = Field(default=None, description="achievement the step needs")
    condition: bool = Field(default=False, description="a yes/no criterion to fulfil")
    points_gain: float
    cost: float = Field(description="extra achievement as a share of the target")


class WhatItTakes(Out):
    """The cheapest set of steps that reaches ``next_class``; empty ``steps`` and ``reachable``
    false when even full points everywhere would not."""
    next_class: str
    points_short: float
    reachable: bool
    steps: list[Step]
    points_gain: float
    cost: float
    veto: Optional[str] = Field(default=None, description="veto whose criterion must be met")


class ClassGap(Out):
    """What separates a unit from the next class up."""
    next_class: str
    next_class_title: Localized
    points_short: float
    blocked_by_veto: Optional[str] = None
    unmet: list[str] = Field(default_factory=list, description="criteria not met, worst first")
    what_it_takes: Optional["WhatItTakes"] = Field(
        default=None, description="the cheapest combination of targets that reaches it")


class AwardDecision(Out):
    id: str
    title: Localized
    cite: str
    scope: str
    rank: int


class UnitResult(Out):
    """The full, explained decision for one unit."""
    unit_id: str
    name: Optional[str] = None
    cluster: str
    level: Optional[str] = None
    kind: Optional[str] = None
    row: int
    base: float
    bonus: float
    bonus_uncapped: float
    deduction: float
    total: float
    class_id: str
    class_title: Localized
    class_by_total: str
    rank_cluster: int
    rank_overall: int
    cluster_size: int
    criteria: list[CriterionTrace]
    deductions: list[DeductionTrace]
    vetoes: list[VetoTrace]
    awards: list[AwardDecision]
    ties: list[TieBreak]
    gap: Optional[ClassGap] = None
    parameters: list[ParameterUse] = Field(default_factory=list,
                                           description="class thresholds and caps used")


class ScoreReport(Out):
    """A whole scoring run as one serialisable document."""
    ruleset_id: str
    ruleset_version: str
    ruleset_hash: str
    as_of: dt.date
    source: str
    rows_in: int
    scored: int
    rejected_count: int
    units: list[UnitResult]
    rejected: list[RejectedRow]
    warnings: list[Notice]
    ranking_keys: list[str]
    extra: dict[str, Any] = Field(default_factory=dict)
    overrides: list[OverrideApplied] = Field(
        default_factory=list, description="council decisions beside the rule-derived classes")
