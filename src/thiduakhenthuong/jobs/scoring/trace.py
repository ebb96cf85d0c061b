"""Typed results: decisions with their traces, rejected rows and warnings. JSON-serialisable."""
from __future__ import annotations

import datetime as dt
from typing import Any, ClassVar, Literal, Optional

from pydantic import Field, model_serializer

from ...core.models import Localized, Out
from ...core.trace import Notice, OverrideApplied, ParameterUse, RejectedRow, Value, YearsRead


class Growing(Out):
    """A trace whose later fields (:attr:`_later`) are left out of its JSON while empty, so a rule
    set that uses none of the features they explain keeps the bytes of its results."""
    _later: ClassVar[frozenset[str]] = frozenset()

    @model_serializer(mode="wrap")
    def _drop_empty(self, handler):
        out = handler(self)
        for k in self._later:
            if k in out and out[k] in (None, [], {}):
                del out[k]
        return out


class GroupRead(Out):
    """A value computed over a unit's group that an expression read: what it measured the unit
    against (the cluster's best, mean or rank)."""
    call: str = Field(description="the function call as written, e.g. group_max(units, cluster)")
    group: Optional[str] = Field(default=None, description="the unit's group (None: all units)")
    value: Optional[float]
    size: int = Field(description="units in the group")


class ReviewTrace(Out):
    """A reviewed criterion: the unit's own score, the reviewer's, and why it changed."""
    claimed_points: float
    claimed_met: bool
    reviewed: bool = Field(description="the reviewer wrote a figure")
    changed: bool = Field(description="the reviewer's figure changed the points")
    reason: Optional[str] = None
    claimed: dict[str, Value] = Field(default_factory=dict, description="the unit's figures")
    final: dict[str, Value] = Field(default_factory=dict, description="the figures scored")


class ScorerPoints(Out):
    """One scorer's points for a criterion (several scorers per unit)."""
    scorer: str
    row: int
    points: float
    met: bool


class CriterionTrace(Growing):
    """Everything one criterion saw and decided for one unit."""
    _later = frozenset({"section", "given", "review", "scorers", "groups", "history"})
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
    section: Optional[str] = None
    given: Optional[float] = Field(default=None, description="method points: the points as "
                                                              "written, before the 0..max cap")
    review: Optional[ReviewTrace] = None
    scorers: list[ScorerPoints] = Field(default_factory=list)
    groups: list[GroupRead] = Field(default_factory=list)
    history: list[YearsRead] = Field(default_factory=list)


class SectionTrace(Out):
    """A section's subtotal: its criteria's points, capped at its maximum."""
    id: str
    title: Localized
    cite: str
    raw_points: float
    points: float
    max_points: Optional[float] = None
    criteria: list[str]


class EventTrace(Out):
    """A flat bonus or penalty for an event (its sign kept)."""
    id: str
    title: Localized
    cite: str
    happened: bool
    points: float
    formula: str
    inputs: dict[str, Value]
    parameters: list[ParameterUse] = Field(default_factory=list)


class ClassRule(Out):
    """How the class was read from the total when a class is written as a range or asks for a
    share of every criterion's maximum."""
    range: Optional[str] = Field(default=None, description="the class as its source writes it")
    between_bands: Optional[str] = None
    threshold: Optional[float] = None
    strict: bool = Field(default=False, description="the total must be above the threshold")
    min_share: Optional[float] = None
    lowest_share: Optional[float] = Field(default=None, description="the lowest share of its "
                                          "maximum any criterion earned")
    blocked: list[str] = Field(default_factory=list, description="better classes whose share "
                               "of every criterion's maximum was not reached")


class GroupRank(Out):
    """The unit's rank in a further grouping (e.g. its khối beside its cụm)."""
    grouping: str
    group: str
    rank: int
    size: int


class QuotaTrace(Out):
    """Where the cut of an award's quota fell for this unit."""
    award: str
    group: str
    units: int = Field(description="units in the group the share is taken of")
    share: float
    cap: int
    position: int = Field(description="place among the group's eligible units")
    eligible: int
    selected: bool
    other_unit: Optional[str] = Field(default=None, description="the unit across the cut")
    decided_by: Optional[str] = None
    own_value: Value = None
    other_value: Value = None


class ScorerTotal(Out):
    """One scorer's total for the unit."""
    scorer: str
    row: int
    total: float


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


class VetoTrace(Growing):
    _later = frozenset({"when"})
    id: str
    title: Localized
    cite: str
    criterion: Optional[str]
    max_class: str
    applied: bool = Field(description="true when it lowered the class")
    when: Optional[str] = Field(default=None, description="the event that caps the class")


class TieBreak(Growing):
    """How the order against a neighbour with the same leading keys was decided."""
    scope: Literal["cluster", "overall"]
    other_unit: str
    position: Literal["above", "below"]
    tied_on: list[str]
    decided_by: str
    own_value: Value
    other_value: Value
    shared: Optional[bool] = Field(default=None, description="true when both share the rank "
                                                             "(đồng hạng)")
    _later = frozenset({"shared"})


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


class UnitResult(Growing):
    """The full, explained decision for one unit."""
    _later = frozenset({"events", "event_points", "sections", "ranks", "quotas", "scorers",
                        "class_rule"})
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
    events: Optional[float] = Field(default=None, description="points of events (bonuses and "
                                                              "penalties), when the rules have any")
    event_points: list[EventTrace] = Field(default_factory=list)
    sections: list[SectionTrace] = Field(default_factory=list)
    ranks: list[GroupRank] = Field(default_factory=list)
    quotas: list[QuotaTrace] = Field(default_factory=list)
    scorers: list[ScorerTotal] = Field(default_factory=list)
    class_rule: Optional[ClassRule] = None


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
