"""Typed result of comparing two rule sets on the same data: who changed, what changed and why.

JSON-serialisable; shared by the terminal, workbook, CSV and JSON renderings of ``tdkt diff``.
"""
from __future__ import annotations

import datetime as dt
import json
from typing import Literal, Optional, Union

from pydantic import Field

from ..core.models import Localized, Out
from ..core.trace import Notice, RejectedRow

Scalar = Union[None, bool, int, float, str, dt.date]
#: A value on one side: a scalar, or a parameter's per-key mapping (``by: level``).
DiffValue = Union[Scalar, dict[str, Scalar]]
Side = Literal["old", "new"]
Kind = Literal["scoring", "titles", "delegates"]


class Change(Out):
    """One field whose value differs between the old and the new rule set."""
    field: str
    old: DiffValue = None
    new: DiffValue = None


class ParameterChange(Out):
    """A parameter whose value (as used for the period judged) differs, or exists on one side."""
    name: str
    title: Optional[Localized] = None
    cite: Optional[str] = None
    old: DiffValue = None
    new: DiffValue = None
    old_from: Optional[dt.date] = Field(default=None, description="old value in force from")
    new_from: Optional[dt.date] = None
    old_basis: Optional[Localized] = None
    new_basis: Optional[Localized] = None
    key: Optional[str] = Field(default=None, description="the 'by' key, when only one entry of "
                                                         "a per-key parameter is meant")
    only_in: Optional[Side] = None


class DefinitionChange(Out):
    """A rule written differently: an expression, band, method, class, quota... (not its wording
    or citation, which are shown beside each changed criterion)."""
    section: str = Field(description="top-level section, e.g. criteria, titles, levels")
    item: str = Field(description="id of the innermost rule item changed, e.g. a check id")
    path: str = Field(description="where in the rule set, e.g. criteria[t07].scoring.bands[1]"
                                  ".min_ratio")
    old: Optional[str] = Field(default=None, description="None when added")
    new: Optional[str] = Field(default=None, description="None when removed")
    where: Optional[Localized] = Field(default=None, description="the item and the key, in words")
    old_words: Optional[Localized] = Field(default=None, description="the old text in words (an "
                                           "expression read out), when it reads differently")
    new_words: Optional[Localized] = None


class CriterionChange(Out):
    """A criterion, check, route, exclusion, quota or selection step whose result differs for one
    unit or person, with what it read and the rule changes behind it."""
    id: str
    kind: Literal["criterion", "deduction", "class", "award", "ranking", "check", "route",
                  "exclusion", "quota", "prize", "standard", "selection"]
    title: Optional[Localized] = None
    cite_old: Optional[str] = None
    cite_new: Optional[str] = None
    only_in: Optional[Side] = Field(default=None, description="the rule exists on one side only")
    changes: list[Change] = Field(default_factory=list)
    values_old: dict[str, Scalar] = Field(default_factory=dict, description="values read, old")
    values_new: dict[str, Scalar] = Field(default_factory=dict, description="values read, new")
    parameters: list[ParameterChange] = Field(default_factory=list,
                                              description="parameters it uses that differ")
    definition: list[DefinitionChange] = Field(default_factory=list)


class DiffEntry(Out):
    """One unit or person (and, for titles, one title) whose outcome differs."""
    id: str
    title_id: Optional[str] = Field(default=None, description="titles: the title judged")
    title: Optional[Localized] = None
    name: Optional[str] = None
    group: Optional[str] = Field(default=None, description="cluster, unit or conference")
    status: Literal["changed", "only_old", "only_new"]
    changes: list[Change] = Field(description="the decision: total, class, rank, outcome, "
                                              "proposed, selected ...")
    criteria: list[CriterionChange] = Field(default_factory=list)
    reason: Localized = Field(description="why, in one sentence")
    explain_old: Optional[Localized] = None
    explain_new: Optional[Localized] = None


class RuleSetInfo(Out):
    """Which rule set a side used."""
    path: str
    id: str
    version: str
    hash: str
    regime: Optional[str] = None
    from_year: Optional[int] = None
    to_year: Optional[int] = None
    outside_years: bool = Field(default=False, description="titles: applied to a year outside "
                                                           "its declared range")


class DiffSummary(Out):
    """How many were compared and how many changed; every subject is counted once."""
    compared: int = Field(description="subjects judged under both")
    changed: int
    unchanged: int
    only_old: int = Field(description="judged under the old rules only (e.g. rejected by the new)")
    only_new: int
    rejected_old: int
    rejected_new: int
    parameters_changed: int
    definitions_changed: int


class Diff(Out):
    """The whole comparison of ``old`` and ``new`` rule sets on one data set.

    >>> from thiduakhenthuong.diff.compare import diff_rule_sets
    >>> d = diff_rule_sets("rules/lao-cai-2023", "rules/lao-cai-2023",
    ...                    "fixtures/lao-cai-2023/units.csv")
    >>> d.summary.changed, d.summary.unchanged
    (0, 11)
    """
    kind: Kind
    old: RuleSetInfo
    new: RuleSetInfo
    source: str
    year: Optional[int] = None
    level: Optional[str] = None
    as_of: Optional[dt.date] = Field(default=None, description="scoring: date the parameters "
                                     "were taken on, when given")
    notices: list[Notice] = Field(default_factory=list)
    summary: DiffSummary
    parameters: list[ParameterChange]
    definitions: list[DefinitionChange]
    entries: list[DiffEntry]
    rejected_old: list[RejectedRow] = Field(default_factory=list)
    rejected_new: list[RejectedRow] = Field(default_factory=list)
    words: dict[str, Localized] = Field(default_factory=dict, description="what a reader calls "
                                        "the ids, parameters, fields and citations the diff "
                                        "names (from both rule sets)")
    value_words: dict[str, dict[str, Localized]] = Field(default_factory=dict, description=
                                                          "labels of code values, by field")

    def to_json(self, indent: int | None = 1) -> str:
        """Deterministic JSON (same rules and data give the same bytes)."""
        return json.dumps(self.model_dump(mode="json"), ensure_ascii=False, indent=indent,
                          sort_keys=True)
