"""Trace types every job shares: rejected rows and their problems, notices, parameters used,
three-valued checks with the history and members they read, and council overrides."""
from __future__ import annotations

import datetime as dt
from typing import Literal, Optional, Union

from pydantic import Field

from .models import Localized, Out

Value = Union[None, bool, int, float, str, dt.date]


class Problem(Out):
    """One thing wrong with an input row."""
    column: Optional[str] = Field(description="field name, or None for the whole row")
    header: Optional[str] = Field(default=None, description="column header as in the file")
    value: Optional[str] = None
    code: str
    message: Localized


class RejectedRow(Out):
    """An input row that was not scored, with every reason."""
    row: int = Field(description="spreadsheet row number (header = row 1) or record number")
    unit_id: Optional[str] = Field(default=None, description="the row's id: a unit, or a person "
                                                             "in a people table")
    problems: list[Problem]
    table: Optional[str] = Field(default=None, description="which table, where there are several")
    year: Optional[int] = None


class Notice(Out):
    """A warning about the data as a whole (e.g. assigned targets that do not add up)."""
    code: str
    message: Localized
    cite: Optional[str] = None
    details: dict[str, Value] = Field(default_factory=dict)


class ParameterUse(Out):
    """A parameter value used by a decision, with the date it took effect and its basis."""
    name: str
    value: Value
    effective_from: dt.date
    basis: Localized = Field(description="what the value rests on, in the reader's words")
    key: Optional[str] = Field(default=None, description="the 'by' key used, e.g. level huyen")


class Override(Out):
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


class OverrideApplied(Out):
    """An override beside the rule-derived outcome it changes (or confirms)."""
    override: Override
    rule_value: str
    final_value: str
    changed: bool = Field(description="false when the council confirmed what the rules gave")


Status = Literal["met", "failed", "unknown"]


class YearsRead(Out):
    """What a history function read: the years that counted, oldest first."""
    call: str = Field(description="the function call as written, e.g. streak(cstdcs, cstd_tinh)")
    value: float
    years: list[int] = Field(description="years that counted (in the run, or summed)")
    first_year: int = Field(description="first year of history available")


class MembersRead(Out):
    """What a member function read over a collective's members."""
    call: str
    value: Optional[float]
    count: int = Field(description="members for whom the condition holds")
    members: int
    pending: list[str] = Field(default_factory=list,
                               description="members whose own result is not determinable")


class CheckTrace(Out):
    """One condition of a title for one subject."""
    id: str
    title: Localized
    cite: str
    route: Optional[str] = None
    status: Status
    expression: str
    values: dict[str, Value] = Field(description="judged-year inputs and parameters read")
    history: list[YearsRead] = Field(default_factory=list)
    members: list[MembersRead] = Field(default_factory=list)
    missing_evidence: list[str] = Field(default_factory=list,
                                        description="attested inputs without full evidence")
    needs: Optional[Localized] = Field(default=None, description="what it takes, when not met")
    basis: Optional[Localized] = Field(default=None, description="what the condition rests on, "
                                       "in the reader's words, where it is not the text's own")
