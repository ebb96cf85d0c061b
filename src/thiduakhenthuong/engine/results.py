"""Typed results: decisions with their traces, rejected rows and warnings. JSON-serialisable."""
from __future__ import annotations

import datetime as dt
from typing import Any, Literal, Optional, Union

from pydantic import BaseModel, ConfigDict, Field

from ..model.rules import Localized

Value = Union[None, bool, int, float, str, dt.date]


class _Out(BaseModel):
    model_config = ConfigDict(frozen=True)


class Problem(_Out):
    """One thing wrong with an input row."""
    column: Optional[str] = Field(description="field name, or None for the whole row")
    header: Optional[str] = Field(default=None, description="column header as in the file")
    value: Optional[str] = None
    code: str
    message: Localized


class RejectedRow(_Out):
    """An input row that was not scored, with every reason."""
    row: int = Field(description="spreadsheet row number (header = row 1) or record number")
    unit_id: Optional[str] = Field(default=None, description="the row's id: a unit, or a person "
                                                             "in a people table")
    problems: list[Problem]
    table: Optional[str] = Field(default=None, description="which table, where there are several")
    year: Optional[int] = None


class Notice(_Out):
    """A warning about the data as a whole (e.g. assigned targets that do not add up)."""
    code: str
    message: Localized
    cite: Optional[str] = None
    details: dict[str, Value] = Field(default_factory=dict)


class ParameterUse(_Out):
    """A parameter value used by a decision, with the date it took effect and its basis."""
    name: str
    value: Value
    effective_from: dt.date
    basis: str
    key: Optional[str] = Field(default=None, description="the 'by' key used, e.g. level huyen")


class CriterionTrace(_Out):
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


class DeductionTrace(_Out):
    id: str
    title: Localized
    cite: str
    inputs: dict[str, Value]
    formula: str
    raw_points: float
    points: float
    max_points: float
    parameters: list[ParameterUse] = Field(default_factory=list)


class VetoTrace(_Out):
    id: str
    title: Localized
    cite: str
    criterion: str
    max_class: str
    applied: bool = Field(description="true when it lowered the class")


class TieBreak(_Out):
    """How the order against a neighbour with the same leading keys was decided."""
    scope: Literal["cluster", "overall"]
    other_unit: str
    position: Literal["above", "below"]
    tied_on: list[str]
    decided_by: str
    own_value: Value
    other_value: Value


class ClassGap(_Out):
    """What separates a unit from the next class up."""
    next_class: str
    next_class_title: Localized
    points_short: float
    blocked_by_veto: Optional[str] = None
    unmet: list[str] = Field(default_factory=list, description="criteria not met, worst first")
    what_it_takes: Optional["WhatItTakes"] = Field(
        default=None, description="the cheapest combination of targets that reaches it")


class AwardDecision(_Out):
    id: str
    title: Localized
    cite: str
    scope: str
    rank: int


class UnitResult(_Out):
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


class Override(_Out):
    """One council decision: change ``decision`` of ``subject_id`` to ``value``."""
    row_id: str
    subject_id: str
    decision: str = Field(description="'class' (scoring) or a title id (titles)")
    value: str
    decided_by: str
    decided_on: dt.date
    reason: str
    document: str
    row: Optional[int] = Field(default=None, description="row in the overrides table")


class OverrideApplied(_Out):
    """An override beside the rule-derived outcome it changes (or confirms)."""
    override: Override
    rule_value: str
    final_value: str
    changed: bool = Field(description="false when the council confirmed what the rules gave")


class ScoreReport(_Out):
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


# The what-it-takes model lives beside its algorithm; it reads the trace models above.
from .what_it_takes import WhatItTakes  # noqa: E402

ClassGap.model_rebuild()
UnitResult.model_rebuild()
ScoreReport.model_rebuild()
