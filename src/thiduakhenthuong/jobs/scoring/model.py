"""Typed rule model: what a rule file may say, validated by pydantic.

Unknown keys are rejected (a misspelt key is an error, not a silently ignored option).
Expressions are parsed into the library's AST on validation."""
from __future__ import annotations

import datetime as dt
from typing import Literal, Optional

from pydantic import ConfigDict, Field, field_validator, model_validator

from ...core.models import Localized, Strict
from ...rulebook.base import Citation, Document, Expr, InputField, Parameter, RowCheck


class Band(Strict):
    """Share of the maximum points earned from a ratio on."""
    min_ratio: float = Field(ge=0)
    share: float = Field(ge=0, le=1)


class Scoring(Strict):
    """How a criterion's ratio becomes points."""
    method: Literal["all_or_nothing", "proportional", "bands"]
    full_at: float = Field(default=1.0, gt=0, description="ratio that earns full points")
    floor: float = Field(default=0.0, ge=0, description="ratio below which no points are earned")
    bands: Optional[list[Band]] = None

    @model_validator(mode="after")
    def _bands(self):
        if self.method == "bands":
            if not self.bands:
                raise ValueError("method 'bands' needs a list of bands")
            ratios = [b.min_ratio for b in self.bands]
            if ratios != sorted(ratios) or len(set(ratios)) != len(ratios):
                raise ValueError("bands must be in strictly increasing order of min_ratio")
            shares = [b.share for b in self.bands]
            if shares != sorted(shares):
                # A higher ratio must never earn fewer points.
                raise ValueError("band shares must not decrease as min_ratio rises")
        elif self.bands:
            raise ValueError("'bands' is only for method 'bands'")
        return self


class Bonus(Strict):
    """Bonus points for exceeding a target: ``points_per_step`` for each full ``step`` of ratio
    above 1, up to ``max``."""
    step: float = Field(gt=0)
    points_per_step: Expr
    max: Expr
    basis: str = Field(min_length=3)


class Criterion(Strict):
    """One scored target.

    ``achieved``/``target`` give the ratio; ``condition`` is a gate that must hold for any points
    (or the whole test for a yes/no target); ``applies`` limits it to some units."""
    id: str
    title: Localized
    cite: Citation
    clause: Optional[str] = Field(default=None, description="target number in the source")
    applies: Optional[Expr] = None
    achieved: Optional[Expr] = None
    target: Optional[Expr] = None
    condition: Optional[Expr] = None
    unit: Optional[str] = None
    scoring: Scoring
    max_points: Expr
    bonus: Optional[Bonus] = None
    note: Optional[Localized] = None

    @model_validator(mode="after")
    def _shape(self):
        if (self.achieved is None) != (self.target is None):
            raise ValueError("'achieved' and 'target' go together")
        if self.achieved is None and self.condition is None:
            raise ValueError("a criterion needs 'achieved' and 'target', or a 'condition'")
        if self.bonus is not None and self.target is None:
            raise ValueError("a bonus needs 'achieved' and 'target' to measure the excess")
        return self


class Deduction(Strict):
    """Points taken off (e.g. late or missing reports), capped at ``max``."""
    id: str
    title: Localized
    cite: Citation
    points: Expr
    max: Expr
    basis: str = Field(min_length=3)


class ClassBand(Strict):
    """A classification band; the first band (in order) whose minimum the total reaches."""
    id: str
    title: Localized
    min_total: Optional[Expr] = None


class Veto(Strict):
    """If ``criterion`` is not met, the class is at most ``max_class``."""
    id: str
    title: Localized
    cite: Citation
    criterion: str
    max_class: str
    basis: str = Field(min_length=3)


SortKey = str


class RankKey(Strict):
    """A ranking key: 'class', 'total', 'base', 'bonus', 'deduction', 'points.<criterion>',
    'ratio.<criterion>' or an input field."""
    key: SortKey
    order: Literal["asc", "desc"]
    title: Optional[Localized] = None


class Ranking(Strict):
    group_by: str = Field(description="input field naming the emulation cluster")
    keys: list[RankKey] = Field(min_length=1)
    basis: str = Field(min_length=3)


class Award(Strict):
    """Units proposed for an award by rank, e.g. the cluster leader in the top class."""
    id: str
    title: Localized
    cite: Citation
    scope: Literal["cluster", "overall"]
    ranks: tuple[int, int]
    min_class: str
    basis: str = Field(min_length=3)

    @field_validator("ranks", mode="before")
    @classmethod
    def _ranks(cls, v):
        if isinstance(v, int):
            return (v, v)
        return v

    @model_validator(mode="after")
    def _order(self):
        if not 1 <= self.ranks[0] <= self.ranks[1]:
            raise ValueError("ranks must be [first, last] with 1 <= first <= last")
        return self


class TotalCheck(Strict):
    """Checks that the units' assigned targets add up to a province-wide figure (a warning)."""
    id: str
    title: Localized
    cite: Citation
    field: str
    aggregate: Literal["sum", "min", "max", "mean"]
    compare: Literal["==", ">="]
    expected: Expr


class Alert(Strict):
    """A warning raised while figures arrive through the year (streaming), e.g. a pace alert.

    ``when`` is read on a unit's figures reported as of ``from`` or later; it fires at most once
    per unit and period. Figures not yet reported are absent, and a comparison with an absent
    value does not hold, so an alert never fires on missing data."""
    model_config = ConfigDict(extra="forbid", populate_by_name=True, frozen=True)
    id: str
    title: Localized
    cite: Citation
    from_: dt.date = Field(alias="from", description="first reporting date it is checked on")
    when: Expr
    severity: Literal["info", "warning", "critical"] = "warning"
    basis: str = Field(min_length=3)


class Unit(Strict):
    """A unit known to the campaign (unit registry)."""
    id: str
    name: str
    level: str
    cluster: str
    kind: Optional[str] = None
    aliases: list[str] = Field(default_factory=list, description="other names offices use for "
                                                                  "the unit in their workbooks")


class Period(Strict):
    year: int
    as_of: dt.date


class RuleSetMeta(Strict):
    kind: Literal["scoring"] = "scoring"
    id: str
    version: str
    title: Localized
    period: Period
    documents: list[Document] = Field(default_factory=list)
    not_applicable: Literal["full_points", "excluded"] = "full_points"
    base_max: float = 100.0
    bonus_max: Expr
    basis: str = Field(min_length=3)


class RuleSet(Strict):
    """A whole scoring rule set, as loaded from a rule directory."""
    meta: RuleSetMeta
    inputs: dict[str, InputField]
    parameters: dict[str, Parameter] = Field(default_factory=dict)
    criteria: list[Criterion] = Field(min_length=1)
    deductions: list[Deduction] = Field(default_factory=list)
    classes: list[ClassBand] = Field(min_length=1)
    vetoes: list[Veto] = Field(default_factory=list)
    ranking: Ranking
    awards: list[Award] = Field(default_factory=list)
    totals: list[TotalCheck] = Field(default_factory=list)
    checks: list[RowCheck] = Field(default_factory=list)
    units: Optional[list[Unit]] = None
    alerts: list[Alert] = Field(default_factory=list)
