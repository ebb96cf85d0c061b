"""Typed rule model: what a rule file may say, validated by pydantic.

Unknown keys are rejected (a misspelt key is an error, not a silently ignored option).
Expressions are parsed into the library's AST on validation."""
from __future__ import annotations

import datetime as dt
from typing import Literal, Optional

from pydantic import ConfigDict, Field, field_validator, model_validator

from ...core.models import Localized, Strict
from ...rulebook.base import BasisText, Citation, Document, Expr, InputField, Parameter, RowCheck


class Band(Strict):
    """Share of the maximum points earned from a ratio on."""
    min_ratio: float = Field(ge=0)
    share: float = Field(ge=0, le=1)


class Scoring(Strict):
    """How a criterion's ratio becomes points (``points``: the points are given directly, by
    the unit's self-assessment or a scorer, and capped at ``max_points``)."""
    method: Literal["all_or_nothing", "proportional", "bands", "points"] = Field(
        description="all_or_nothing: max_points when met; proportional: max_points × ratio; "
                    "bands: max_points × the share of the highest band reached; points: the "
                    "criterion's 'points' expression, between 0 and max_points")
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
    basis: BasisText


class Review(Strict):
    """The second stage of a criterion: the reviewer's figures (points, achieved or target),
    each read where the reviewer wrote one and the unit's own figure kept where the cell is
    blank, with the reviewer's reason for a change."""
    points: Optional[Expr] = Field(default=None, description="the reviewer's points (method "
                                                              "points)")
    achieved: Optional[Expr] = Field(default=None, description="the reviewer's achieved figure")
    target: Optional[Expr] = Field(default=None, description="the reviewer's target figure")
    reason: Optional[Expr] = Field(default=None, description="a text field: why the reviewer "
                                                              "changed the unit's figure")

    @model_validator(mode="after")
    def _some(self):
        if self.points is None and self.achieved is None and self.target is None:
            raise ValueError("a review needs 'points', 'achieved' or 'target'")
        return self


class Criterion(Strict):
    """One scored target.

    ``achieved``/``target`` give the ratio; ``condition`` is a gate that must hold for any points
    (or the whole test for a yes/no target); ``applies`` limits it to some units; with
    ``scoring.method: points`` the points are given by ``points`` (a self-assessment or a
    scorer's mark). ``review`` adds the reviewer's stage; ``section`` groups it under a section
    with a subtotal."""
    id: str = Field(description="unique id, e.g. t07_blood_units")
    title: Localized = Field(description="the target's name, Vietnamese and English")
    cite: Citation = Field(description="the clause the target encodes: 'DOCUMENT §SECTION'")
    clause: Optional[str] = Field(default=None, description="target number in the source")
    section: Optional[str] = Field(default=None, description="id of the section it belongs to")
    applies: Optional[Expr] = Field(default=None, description="which units it applies to (bool)")
    achieved: Optional[Expr] = Field(default=None, description="what the unit achieved (number)")
    target: Optional[Expr] = Field(default=None, description="what was asked of it (number)")
    condition: Optional[Expr] = Field(default=None, description="a gate: no points unless it "
                                                                 "holds (bool)")
    points: Optional[Expr] = Field(default=None, description="method points: the points given "
                                                              "(number, 0 to max_points)")
    unit: Optional[str] = Field(default=None, description="unit of achieved/target (suất, %)")
    scoring: Scoring
    max_points: Expr = Field(description="full points (parameters only)")
    bonus: Optional[Bonus] = None
    review: Optional[Review] = None
    note: Optional[Localized] = None

    @model_validator(mode="after")
    def _shape(self):
        if (self.achieved is None) != (self.target is None):
            raise ValueError("'achieved' and 'target' go together")
        given = self.scoring.method == "points"
        if given and self.points is None:
            raise ValueError("method 'points' needs 'points' (the points given)")
        if not given and self.points is not None:
            raise ValueError("'points' is only for method 'points'")
        if given and self.achieved is not None:
            raise ValueError("method 'points' takes the points given, not 'achieved'/'target'")
        if not given and self.achieved is None and self.condition is None:
            raise ValueError("a criterion needs 'achieved' and 'target', or a 'condition'")
        if self.bonus is not None and self.target is None:
            raise ValueError("a bonus needs 'achieved' and 'target' to measure the excess")
        if self.review is not None:
            if self.review.points is not None and not given:
                raise ValueError("a reviewer's 'points' needs method 'points'")
            if (self.review.achieved is not None or self.review.target is not None) and \
                    self.achieved is None:
                raise ValueError("a reviewer's 'achieved'/'target' needs 'achieved'/'target'")
        return self


class Section(Strict):
    """A section of the score sheet (I., II., ...): its criteria's points add up to a subtotal,
    capped at ``max`` when given."""
    id: str
    title: Localized
    cite: Citation
    max: Optional[Expr] = Field(default=None, description="cap on the section's subtotal "
                                                           "(parameters only)")
    basis: Optional[BasisText] = None


class Event(Strict):
    """A flat bonus or penalty for an event, apart from any target: ``points`` (positive or
    negative) where ``when`` holds, times ``per`` (a count) when given, within ``max``."""
    id: str
    title: Localized
    cite: Citation
    points: Expr = Field(description="points for the event, positive (bonus) or negative "
                                     "(penalty); inputs and parameters")
    when: Optional[Expr] = Field(default=None, description="the event happened (bool); absent: "
                                                           "every unit")
    per: Optional[Expr] = Field(default=None, description="how many times (number), e.g. the "
                                                          "violations found")
    max: Optional[Expr] = Field(default=None, description="cap on the event's points, either "
                                                          "sign (parameters only)")
    basis: BasisText


class Deduction(Strict):
    """Points taken off (e.g. late or missing reports), capped at ``max``."""
    id: str
    title: Localized
    cite: Citation
    points: Expr
    max: Expr
    basis: BasisText


class ClassBand(Strict):
    """A classification band; the first band (in order) whose minimum the total reaches (and
    whose ``min_share`` every criterion reaches). A band may be written as in its source,
    ``range: "81–90"``; then ``meta.between_bands`` says where a total between two bands goes."""
    id: str
    title: Localized
    min_total: Optional[Expr] = Field(default=None, description="lowest total of the band "
                                                                 "(parameters only)")
    range: Optional[str] = Field(default=None, description="the band as its source writes it: "
                                 "'81–90', '≥ 90', 'từ 90 trở lên', '≤ 60', 'dưới 50'")
    min_share: Optional[float] = Field(default=None, ge=0, le=1, description="every applicable "
                                       "criterion must earn at least this share of its maximum")
    cite: Optional[Citation] = Field(default=None, description="the clause that sets the band")


class Veto(Strict):
    """If ``criterion`` is not met, or the event ``when`` happened (a disciplinary case), the
    class is at most ``max_class`` (only where ``applies`` holds, when given)."""
    id: str
    title: Localized
    cite: Citation
    criterion: Optional[str] = Field(default=None, description="the criterion that must be met")
    when: Optional[Expr] = Field(default=None, description="an event that caps the class (bool)")
    applies: Optional[Expr] = Field(default=None, description="where (or whether) the veto "
                                    "applies at all, e.g. a rule set's switch (bool)")
    max_class: str
    basis: BasisText

    @model_validator(mode="after")
    def _one(self):
        if (self.criterion is None) == (self.when is None):
            raise ValueError("a veto names a 'criterion' or an event 'when', one of the two")
        return self


SortKey = str


class RankKey(Strict):
    """A ranking key: 'class', 'total', 'base', 'bonus', 'deduction', 'points.<criterion>',
    'ratio.<criterion>' or an input field."""
    key: SortKey
    order: Literal["asc", "desc"]
    title: Optional[Localized] = None


class Ranking(Strict):
    """How units are ordered: within their cluster (``group_by``), in any further groupings
    (``groupings``, e.g. a khối beside the cụm) and overall."""
    group_by: str = Field(description="input field naming the emulation cluster")
    groupings: list[str] = Field(default_factory=list, description="further input fields to "
                                 "rank within at the same time, e.g. [khoi]")
    keys: list[RankKey] = Field(min_length=1)
    ties: Literal["broken", "shared"] = Field(
        default="broken", description="broken: every unit its own rank, ties decided by the "
        "later keys; shared: units level on every key through 'tie_through' share a rank "
        "(đồng hạng)")
    tie_through: Optional[str] = Field(default=None, description="the last key two units must "
                                       "be level on to be tied (default: total)")
    cite: Optional[Citation] = Field(default=None, description="the clause on ranking or ties")
    basis: BasisText


class Quota(Strict):
    """At most ``share`` of a group's units receive the award (the best ranked first)."""
    share: float = Field(gt=0, le=1, description="the share of the group's units, e.g. 0.2")
    of: Optional[str] = Field(default=None, description="the grouping whose units count "
                              "(cluster, overall or a grouping field; default: the scope)")
    rounding: Literal["floor", "ceil", "nearest"] = Field(default="floor", description=
                                                          "how share × units becomes a count")
    cite: Optional[Citation] = Field(default=None, description="the clause that sets the share")
    basis: BasisText


class Award(Strict):
    """Units proposed for an award by rank, e.g. the cluster leader in the top class, or the
    best fifth of each cluster."""
    id: str
    title: Localized
    cite: Citation
    scope: str = Field(description="cluster, overall or a field of ranking.groupings: where "
                                   "the rank counts")
    ranks: Optional[tuple[int, int]] = Field(default=None, description="rank range, inclusive "
                                             "(N or [first, last]); absent with a quota: any")
    min_class: str
    quota: Optional[Quota] = None
    basis: BasisText

    @field_validator("ranks", mode="before")
    @classmethod
    def _ranks(cls, v):
        if isinstance(v, int):
            return (v, v)
        return v

    @model_validator(mode="after")
    def _order(self):
        if self.ranks is None:
            if self.quota is None:
                raise ValueError("an award needs 'ranks', a 'quota' or both")
        elif not 1 <= self.ranks[0] <= self.ranks[1]:
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
    basis: BasisText


class Unit(Strict):
    """A unit known to the campaign (unit registry)."""
    id: str
    name: str
    level: str
    cluster: str
    kind: Optional[str] = None
    aliases: list[str] = Field(default_factory=list, description="other names offices use for "
                                                                  "the unit in their workbooks")


class Cluster(Strict):
    """An emulation cluster (cụm thi đua) of the unit registry: its code and the name a reader
    reads (explanations, reports and workbooks name clusters by it)."""
    id: str
    title: Localized


class Period(Strict):
    year: int
    as_of: dt.date


class Scorers(Strict):
    """Several scorers per unit (each department scores each district): the table has one row
    per unit and scorer, and the unit's points are their sum or mean."""
    field: str = Field(description="input field naming the scorer of each row")
    combine: Literal["sum", "mean"] = Field(description="how the scorers' points combine")
    title: Optional[Localized] = None
    cite: Optional[Citation] = Field(default=None, description="the clause on who scores")
    basis: BasisText


class Stages(Strict):
    """The names of the two stages of a reviewed score sheet, for explanations."""
    claimed: Localized = Field(description="the unit's own stage, e.g. Điểm tự chấm")
    reviewed: Localized = Field(description="the reviewer's stage, e.g. Điểm thẩm định")
    cite: Optional[Citation] = None
    basis: BasisText


class History(Strict):
    """Previous years' results as input: the table holds a row per unit and year (an input
    with role 'year'); the judged year is scored and earlier rows are read by streak() and
    years_sum()."""
    years: int = Field(ge=1, le=30, description="past years read before the judged year")
    cite: Optional[Citation] = Field(default=None, description="the clause that reads past years")
    basis: BasisText


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
    between_bands: Optional[Literal["lower", "upper"]] = Field(
        default=None, description="for classes written as ranges ('81–90', '71–80'): a total "
        "between two bands (80.5) goes to the lower band (each band is [from, next from)) or "
        "the upper one (each band is (previous to, to])")
    basis: BasisText


class RuleSet(Strict):
    """A whole scoring rule set, as loaded from a rule directory."""
    meta: RuleSetMeta
    inputs: dict[str, InputField]
    parameters: dict[str, Parameter] = Field(default_factory=dict)
    sections: list[Section] = Field(default_factory=list)
    criteria: list[Criterion] = Field(min_length=1)
    deductions: list[Deduction] = Field(default_factory=list)
    events: list[Event] = Field(default_factory=list)
    classes: list[ClassBand] = Field(default_factory=list, description="classification bands, "
                                     "highest first; absent: units are ranked, not classified")
    vetoes: list[Veto] = Field(default_factory=list)
    ranking: Ranking
    awards: list[Award] = Field(default_factory=list)
    totals: list[TotalCheck] = Field(default_factory=list)
    checks: list[RowCheck] = Field(default_factory=list)
    units: Optional[list[Unit]] = None
    clusters: list[Cluster] = Field(default_factory=list, description="names of the emulation "
                                    "clusters (and of the values of further groupings)")
    alerts: list[Alert] = Field(default_factory=list)
    scorers: Optional[Scorers] = None
    stages: Optional[Stages] = None
    history: Optional[History] = None

    @model_validator(mode="after")
    def _unclassified(self):
        # A scheme that ranks without classifying (a department's marks per district): one
        # band every unit is in, named for what it is, so results and reports keep one shape.
        if not self.classes:
            object.__setattr__(self, "classes", [UNCLASSIFIED])
        return self


#: The one band of a rule set that declares no classes.
UNCLASSIFIED = ClassBand(id="unclassified", title=Localized(
    vi="Không xếp loại (bộ quy tắc chỉ xếp hạng)",
    en="Not classified (the rule set only ranks)"))
